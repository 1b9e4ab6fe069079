import type { OperationType } from '@lsl/ledger';
import type { OperationAcceptedBody, OperationStatus, OperationStatusBody } from './async.js';

/*
 * The HTTP bodies of a recorded operation, built beside the response schemas they answer to
 * (`operationStatusSchema`, `operationAcceptedSchema` in ./async.ts, the OpenAPI document's
 * `OperationStatus` and `OperationAccepted`). The input is the operation as stored, field for
 * field (a row of `operations`); `test/views.test.ts` parses these bodies, built from real rows,
 * with those schemas.
 */

/** The fields of a stored operation that its bodies show. */
export interface RecordedOperation {
  id: string;
  type: OperationType;
  status: OperationStatus;
  borrower_id: string;
  request_id: string | null;
  accepted_at: Date | string;
  completed_at: Date | string | null;
  result_status_code: number | null;
  result_body: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body of `GET /v1/operations/{id}` (docs/api.md). */
export function operationStatusBody(op: RecordedOperation): OperationStatusBody {
  // The stored result body is the operation's answer: a 200 body or the error body (an object).
  const body = op.result_body;
  return {
    id: op.id,
    type: op.type,
    status: op.status,
    borrower_id: op.borrower_id,
    request_id: op.request_id,
    accepted_at: new Date(op.accepted_at).toISOString(),
    completed_at: op.completed_at ? new Date(op.completed_at).toISOString() : null,
    result: op.result_status_code === null || !isObject(body) ? null : { status_code: op.result_status_code, body },
  };
}

/** The 202 body of an accepted operation (docs/api.md). */
export function operationAcceptedBody(op: Pick<RecordedOperation, 'id' | 'type' | 'borrower_id' | 'request_id'>): OperationAcceptedBody {
  return {
    operation_id: op.id,
    status: 'queued',
    type: op.type,
    borrower_id: op.borrower_id,
    request_id: op.request_id,
    status_url: `/v1/operations/${op.id}`,
  };
}
