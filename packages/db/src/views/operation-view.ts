import type { OperationAcceptedBody, OperationStatusBody } from '@lsl/contracts';
import type { OperationRow } from '../schema.js';

/*
 * The HTTP bodies built from operation rows, typed by the contracts' response schemas
 * (`operationStatusSchema`, `operationAcceptedSchema`) that the OpenAPI document shows; the rows'
 * `type` was checked at intake, and `test/views.test.ts` parses these bodies, from real rows,
 * with those schemas.
 */

/** The body of `GET /v1/operations/{id}` (docs/api.md). */
export function operationView(row: OperationRow): OperationStatusBody {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    borrower_id: row.borrower_id,
    request_id: row.request_id,
    accepted_at: new Date(row.accepted_at).toISOString(),
    completed_at: row.completed_at ? new Date(row.completed_at).toISOString() : null,
    // The stored result body is the seed's answer: a 200 body or the error body.
    result: row.result_status_code === null ? null : { status_code: row.result_status_code, body: row.result_body as Record<string, unknown> },
  };
}

/** The 202 body of an accepted operation (docs/api.md). */
export function acceptedView(row: Pick<OperationRow, 'id' | 'type' | 'borrower_id' | 'request_id'>): OperationAcceptedBody {
  return {
    operation_id: row.id,
    status: 'queued',
    type: row.type,
    borrower_id: row.borrower_id,
    request_id: row.request_id,
    status_url: `/v1/operations/${row.id}`,
  };
}

export function isFinished(row: Pick<OperationRow, 'status'>): boolean {
  return row.status === 'succeeded' || row.status === 'failed';
}
