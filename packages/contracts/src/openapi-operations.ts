import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { exampleRequest } from './examples/requests.js';
import { batchAcceptedExample, batchStatusExample, operationAcceptedExample, seedResultExamples } from './examples/responses.js';
import { errorResponse, json, paramsFor, preferHeader, queryDoc } from './openapi-helpers.js';
import { cancelLoansBatchExample } from './lifecycle-examples.js';
import { CANCEL_LOANS_BATCH_PATH, cancelLoansBatchDocSchema } from './operations/cancel-loans-batch.js';
import { OPERATION_REGISTRY, OPERATION_TYPES, openApiPathOf, type OperationType } from './operations/catalog.js';
import { OPERATIONS_BATCH_PATH, operationsBatchDocSchema } from './operations/operations-batch.js';
import { batchAcceptedSchema, batchStatusSchema, cancelLoansResultSchema, operationAcceptedSchema } from './responses/async.js';
import { restructureLoansResultSchema } from './responses/async.js';
import { RESTRUCTURE_LOANS_BATCH_PATH, restructureLoansBatchDocSchema, restructureLoansBatchExample } from './operations/restructure-loans-batch.js';
import { transferResultSchema } from './responses/seed-results.js';

export interface OperationPathsOptions {
  security: Array<Record<string, string[]>>;
  /** The answers every `/v1` route may give (openapi-helpers.ts `v1Errors`). */
  commonErrors: Record<number, ReturnType<typeof errorResponse>>;
}

/**
 * The operations in the OpenAPI document (docs/api.md): one `POST` per operation type, and the
 * batches (transfer ownerships, cancel loans, restructure loans), answered 202, or under `Prefer: wait` with
 * the operation's own answer (200, or 207 for a batch).
 */
export function registerOperationPaths(registry: OpenAPIRegistry, { security, commonErrors }: OperationPathsOptions): void {
  // What a batch request as a whole may be refused with (its items fail alone, in the 207).
  const batchErrors = { 400: errorResponse(400), 409: errorResponse(409), 413: errorResponse(413), 415: errorResponse(415), 422: errorResponse(422), ...commonErrors };

  for (const type of OPERATION_TYPES) {
    const op = OPERATION_REGISTRY[type];
    const batch = op.batch;
    registry.registerPath({
      method: 'post',
      path: openApiPathOf(op.path),
      operationId: type,
      summary: op.summary,
      tags: ['Operations'],
      security,
      request: {
        ...(batch ? {} : { params: paramsFor(type) }),
        query: queryDoc,
        headers: preferHeader,
        body: {
          required: true,
          content: { 'application/json': { schema: batch ? batch.docSchema : op.bodySchema, example: exampleRequest(type).body } },
        },
      },
      responses: batch
        ? {
            202: json(batchAcceptedSchema, 'Accepted: one operation per valid item (`Location: /v1/batches/{batch_id}`)', batchAcceptedExample),
            207: json(transferResultSchema, 'Multi-Status (with `Prefer: wait` when every item finished in time): the seed body', { succeeded: batchStatusExample.succeeded, failed: [] }),
            ...batchErrors,
          }
        : {
            200: json(
              op.resultSchema,
              'OK (only with `Prefer: wait` when the operation finished in time): the seed body',
              op.resultExample(),
            ),
            202: json(operationAcceptedSchema, 'Accepted (`Location: /v1/operations/{operation_id}`)', { ...operationAcceptedExample, type }),
            400: errorResponse(400),
            404: errorResponse(404),
            409: errorResponse(409),
            413: errorResponse(413),
            415: errorResponse(415),
            422: errorResponse(422),
            ...commonErrors,
          },
    });
  }

  // docs/ledger.md "Cancellation": the batch of single cancels, answered like the transfer batch.
  registry.registerPath({
    method: 'post',
    path: CANCEL_LOANS_BATCH_PATH,
    operationId: 'cancel_loans',
    summary: 'Cancel loans (batch): each item is the single cancel of its loan on its borrower\'s queue',
    tags: ['Operations'],
    security,
    request: {
      query: queryDoc,
      headers: preferHeader,
      body: { required: true, content: { 'application/json': { schema: cancelLoansBatchDocSchema, example: cancelLoansBatchExample() } } },
    },
    responses: {
      202: json(batchAcceptedSchema, 'Accepted: one cancel_loan operation per valid item (`Location: /v1/batches/{batch_id}`)', batchAcceptedExample),
      207: json(cancelLoansResultSchema, 'Multi-Status (with `Prefer: wait` when every item finished in time): `succeeded` holds the cancel results', {
        succeeded: [seedResultExamples.cancel_loan],
        failed: [{ borrower_id: 'B2', error_detail: 'Loan L7 not found', request_id: 'c2', status_code: 404 }],
      }),
      ...batchErrors,
    },
  });

  // docs/api.md "The bulk route": any operation route per item, each as if sent alone.
  const path = (type: OperationType) => Object.entries(exampleRequest(type).params).reduce((p, [name, value]) => p.replace(`:${name}`, value), String(OPERATION_REGISTRY[type].path));
  registry.registerPath({
    method: 'post',
    path: OPERATIONS_BATCH_PATH,
    operationId: 'operations_batch',
    summary: 'Any operations (bulk, for migrations and batch jobs): each item `{method, path, body}` names an operation route and is recorded as if sent alone',
    tags: ['Operations'],
    security,
    request: {
      query: queryDoc,
      headers: preferHeader,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: operationsBatchDocSchema,
            example: (['create_loan', 'create_payment'] as const).map((type) => ({ method: 'POST', path: path(type), body: exampleRequest(type).body })),
          },
        },
      },
    },
    responses: {
      202: json(batchAcceptedSchema, 'Accepted: one operation per valid item (`Location: /v1/batches/{batch_id}`); invalid items `failed` at once', batchAcceptedExample),
      207: json(batchStatusSchema, 'Multi-Status (with `Prefer: wait` when every item finished in time): `succeeded` holds each item\'s own result', {
        succeeded: [seedResultExamples.create_loan, seedResultExamples.create_payment],
        failed: [{ borrower_id: null, error_detail: 'No operation route has this path', request_id: null, status_code: 404 }],
      }),
      ...batchErrors,
    },
  });

  // docs/ledger.md "Restructure loans (batch)": each item is the single restructuring of its loan.
  registry.registerPath({
    method: 'post',
    path: RESTRUCTURE_LOANS_BATCH_PATH,
    operationId: 'restructure_loans',
    summary: 'Restructure loans (batch): each item is the single restructuring of its loan on its borrower\'s queue',
    tags: ['Operations'],
    security,
    request: {
      query: queryDoc,
      headers: preferHeader,
      body: { required: true, content: { 'application/json': { schema: restructureLoansBatchDocSchema, example: restructureLoansBatchExample() } } },
    },
    responses: {
      202: json(batchAcceptedSchema, 'Accepted: one create_restructuring operation per valid item (`Location: /v1/batches/{batch_id}`)', batchAcceptedExample),
      207: json(restructureLoansResultSchema, 'Multi-Status (with `Prefer: wait` when every item finished in time): `succeeded` holds the restructuring results', {
        succeeded: [OPERATION_REGISTRY.create_restructuring.resultExample()],
        failed: [{ borrower_id: 'B2', error_detail: 'Loan not found', request_id: 'r2', status_code: 404 }],
      }),
      ...batchErrors,
    },
  });
}
