import type { OperationRow } from '../schema.js';

/** The body of `GET /v1/operations/{id}` (docs/api.md). */
export function operationView(row: OperationRow) {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    borrower_id: row.borrower_id,
    request_id: row.request_id,
    accepted_at: new Date(row.accepted_at).toISOString(),
    completed_at: row.completed_at ? new Date(row.completed_at).toISOString() : null,
    result: row.result_status_code === null ? null : { status_code: row.result_status_code, body: row.result_body },
  };
}

/** The 202 body of an accepted operation (docs/api.md). */
export function acceptedView(row: Pick<OperationRow, 'id' | 'type' | 'borrower_id' | 'request_id'>) {
  return {
    operation_id: row.id,
    status: 'queued' as const,
    type: row.type,
    borrower_id: row.borrower_id,
    request_id: row.request_id,
    status_url: `/v1/operations/${row.id}`,
  };
}

export function isFinished(row: Pick<OperationRow, 'status'>): boolean {
  return row.status === 'succeeded' || row.status === 'failed';
}
