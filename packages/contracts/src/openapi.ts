import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CONFIG_KINDS, type ConfigKind } from './config-kinds.js';
import { CONFIG_RESPONSE_SCHEMAS, CONFIG_SCHEMAS, DEFAULT_CONFIGS } from './configs.js';
import { ERROR_CATALOG, errorBody, type ErrorKind } from './errors.js';
import { borrowerHistoryExample, borrowerStatusExample } from './examples/reads.js';
import { exampleRequest } from './examples/requests.js';
import { batchAcceptedExample, batchStatusExample, configExamples, operationAcceptedExample, operationStatusExample, readyExample, seedResultExamples } from './examples/responses.js';
import { OPERATIONS, OPERATION_TYPES, type OperationType } from './operations/catalog.js';
import { transferBatchDocSchema } from './operations/transfer-ownership.js';
import { idSchema } from './primitives.js';
import { batchAcceptedSchema, batchStatusSchema, cancelLoansResultSchema, operationAcceptedSchema, operationStatusSchema } from './responses/async.js';
import { errorBodySchema } from './responses/error-body.js';
import { borrowerHistorySchema, borrowerStatusSchema, getHistoryQuerySchema, getStatusQuerySchema, healthSchema, readinessSchema } from './responses/reads.js';
import { SEED_RESULT_SCHEMAS, transferResultSchema } from './responses/seed-results.js';
import { registerWebhookPaths } from './webhooks/openapi-paths.js';
import { registerKordevReads } from './openapi-kordev.js';
import { cancelLoansBatchExample, lifecycleExampleResult, type LifecycleType } from './lifecycle-examples.js';
import { CANCEL_LOANS_BATCH_PATH, cancelLoansBatchDocSchema } from './operations/cancel-loans-batch.js';

const LIFECYCLE_TYPES: readonly string[] = ['reverse_payment', 'create_reimbursement', 'charge_off_loan', 'create_restructuring'];

export interface BuildOpenApiOptions {
  /** `servers[0].url`; default `/`: the host that serves the document. */
  serverUrl?: string;
  version?: string;
}

/**
 * A JSON response (or body) and its example. Every route gives one for each answer it
 * documents (openapi.test.ts checks; `redocly lint` checks it against the schema).
 */
const json = (schema: z.ZodType, description: string, example: unknown) => ({ description, content: { 'application/json': { schema, example } } });
/** A response that is not JSON (`/metrics`, `/docs`). */
const text = (mediaType: string, description: string, example: string) => ({ description, content: { [mediaType]: { schema: { type: 'string' as const }, example } } });
const errorResponse = (status: number) => {
  const kinds = Object.entries(ERROR_CATALOG).filter(([, e]) => e.httpStatus === status);
  const names = kinds.map(([k, e]) => `\`${k}\` (${e.code})`);
  const statusText = kinds[0]?.[1].statusText ?? 'Error';
  const example = errorBody((kinds[0]?.[0] ?? 'internal') as ErrorKind, undefined, ERROR_EXAMPLE_CONTEXT[status] ?? {});
  return json(errorBodySchema, `${statusText}: ${names.join(', ')}`, example);
};
const ERROR_EXAMPLE_CONTEXT: Record<number, Record<string, unknown>> = {
  400: { fields: { 'loan.amount_financed': 'Must be a number' } },
  404: { borrower_id: 'B1' },
  413: { limit_bytes: 1048576 },
};

const queryDoc = z.object({
  is_migration: z
    .boolean()
    .default(false)
    .meta({ description: 'When true the operation is recorded as having happened at `occurred_on`, which is then required.' }),
});

const preferHeader = z.object({
  prefer: z.string().optional().meta({ description: 'RFC 7240 `wait=N` (N ≤ 30): answer with the seed\'s synchronous response if the operation finishes within N seconds.' }),
  'idempotency-key': z.string().optional().meta({ description: 'IETF httpapi Idempotency-Key: reused with another body → 422; while the first is in flight → 409.' }),
});

const pathIdSchema = (name: string) => idSchema.meta({ param: { name, in: 'path' } });

function paramsFor(type: OperationType) {
  const names = [...OPERATIONS[type].openApiPath.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] as string);
  return z.object(Object.fromEntries(names.map((n) => [n, pathIdSchema(n)])));
}

const configPath: Record<ConfigKind, string> = {
  loans: 'loan',
  payments: 'payment',
  waivers: 'waiver',
  consolidations: 'consolidation',
  restructurings: 'restructuring',
};

/**
 * The OpenAPI 3.1 document of every route of the product: the six operations, operation and
 * batch status, borrower reads, configs, health. Served at `/openapi.json`.
 */
export function buildOpenApiDocument(options: BuildOpenApiOptions = {}): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'API key: `Authorization: Bearer <key>`',
  });
  const security = [{ apiKey: [] }];
  /** The routes of the service itself (health, metrics, docs) need no key. */
  const open: Array<Record<string, string[]>> = [];
  const commonErrors = { 401: errorResponse(401), 403: errorResponse(403), 429: errorResponse(429), 500: errorResponse(500) };

  for (const type of OPERATION_TYPES) {
    const op = OPERATIONS[type];
    const isBatch = type === 'transfer_ownership';
    registry.registerPath({
      method: 'post',
      path: op.openApiPath,
      operationId: type,
      summary: op.summary,
      tags: ['Operations'],
      security,
      request: {
        ...(isBatch ? {} : { params: paramsFor(type) }),
        query: queryDoc,
        headers: preferHeader,
        body: {
          required: true,
          content: { 'application/json': { schema: isBatch ? transferBatchDocSchema : op.bodySchema, example: exampleRequest(type).body } },
        },
      },
      responses: isBatch
        ? {
            202: json(batchAcceptedSchema, 'Accepted: one operation per valid item (`Location: /v1/batches/{batch_id}`)', batchAcceptedExample),
            207: json(transferResultSchema, 'Multi-Status (with `Prefer: wait` when every item finished in time): the seed body', { succeeded: batchStatusExample.succeeded, failed: [] }),
            400: errorResponse(400),
            409: errorResponse(409),
            413: errorResponse(413),
            415: errorResponse(415),
            422: errorResponse(422),
            ...commonErrors,
          }
        : {
            200: json(
              SEED_RESULT_SCHEMAS[type],
              'OK (only with `Prefer: wait` when the operation finished in time): the seed body',
              resultExample(type),
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
      400: errorResponse(400),
      409: errorResponse(409),
      413: errorResponse(413),
      415: errorResponse(415),
      422: errorResponse(422),
      ...commonErrors,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/operations/{id}',
    operationId: 'get_operation',
    summary: 'Operation status and result',
    tags: ['Results'],
    security,
    request: { params: z.object({ id: pathIdSchema('id') }) },
    responses: { 200: json(operationStatusSchema, 'The operation', operationStatusExample), 404: errorResponse(404), ...commonErrors },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/batches/{id}',
    operationId: 'get_batch',
    summary: 'Transfer batch status: the seed 207 body, with `pending` until every item is done',
    tags: ['Results'],
    security,
    request: { params: z.object({ id: pathIdSchema('id') }) },
    responses: { 207: json(batchStatusSchema, 'Multi-Status', batchStatusExample), 404: errorResponse(404), ...commonErrors },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/borrowers/{borrower_id}/get_status',
    operationId: 'get_status',
    summary: 'Borrower status at a calculation date',
    tags: ['Reads'],
    security,
    request: { params: z.object({ borrower_id: pathIdSchema('borrower_id') }), query: getStatusQuerySchema },
    responses: { 200: json(borrowerStatusSchema, 'OK', borrowerStatusExample), 400: errorResponse(400), 404: errorResponse(404), ...commonErrors },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/borrowers/{borrower_id}/get_history',
    operationId: 'get_history',
    summary: 'Every bucket change of the borrower (paged)',
    tags: ['Reads'],
    security,
    request: { params: z.object({ borrower_id: pathIdSchema('borrower_id') }), query: getHistoryQuerySchema },
    responses: { 200: json(borrowerHistorySchema, 'OK', borrowerHistoryExample), 400: errorResponse(400), 404: errorResponse(404), ...commonErrors },
  });

  registerKordevReads(registry, { security, commonErrors, errorResponse, pathIdSchema });

  for (const kind of CONFIG_KINDS) {
    const path = `/v1/configs/${kind}/{config_id}`;
    const params = z.object({ config_id: pathIdSchema('config_id') });
    registry.registerPath({
      method: 'put',
      path,
      operationId: `put_${configPath[kind]}_config`,
      summary: `Create or change a ${configPath[kind]} config (a config in use gets a new version)`,
      tags: ['Configs'],
      security,
      request: { params, body: { required: true, content: { 'application/json': { schema: CONFIG_SCHEMAS[kind], example: DEFAULT_CONFIGS[kind] } } } },
      responses: { 200: json(CONFIG_RESPONSE_SCHEMAS[kind], 'The stored config', configExamples[kind]), 400: errorResponse(400), ...commonErrors },
    });
    registry.registerPath({
      method: 'get',
      path,
      operationId: `get_${configPath[kind]}_config`,
      summary: `Read a ${configPath[kind]} config (\`DEFAULT\` always exists)`,
      tags: ['Configs'],
      security,
      request: { params },
      responses: { 200: json(CONFIG_RESPONSE_SCHEMAS[kind], 'The config, latest version', configExamples[kind]), 404: errorResponse(404), ...commonErrors },
    });
  }

  registry.registerPath({
    method: 'get',
    path: '/healthz',
    operationId: 'healthz',
    summary: 'Liveness: the process answers',
    tags: ['Operations of the service'],
    security: open,
    responses: { 200: json(healthSchema, 'Alive', { status: 'ok' }) },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    operationId: 'readyz',
    summary: 'Readiness: Postgres and the queue backend (Redis, or the queue schema in Postgres) answer, and every migration has run',
    tags: ['Operations of the service'],
    security: open,
    responses: {
      200: json(readinessSchema, 'Ready', readyExample),
      503: json(readinessSchema, 'Not ready: the checks that failed say why', { status: 'not ready', checks: { ...readyExample.checks, migrations: 'pending: 0004-webhooks' } }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics of this process (docs/operations.md lists them)',
    tags: ['Operations of the service'],
    security: open,
    responses: { 200: text('text/plain', 'Prometheus text exposition format', 'lsl_operations_accepted_total{type="create_loan"} 1\n') },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    summary: 'This document',
    tags: ['Operations of the service'],
    security: open,
    responses: { 200: json(z.looseObject({ openapi: z.string() }), 'OpenAPI 3.1', { openapi: '3.1.0' }) },
  });
  registry.registerPath({
    method: 'get',
    path: '/docs',
    operationId: 'docs',
    summary: 'This document, browsable (served with its assets by the app: works offline)',
    tags: ['Operations of the service'],
    security: open,
    responses: { 200: text('text/html', 'An HTML page', '<!doctype html>…') },
  });

  registerWebhookPaths(registry, { security, json, errorResponse });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Loan-servicing ledger API',
      version: options.version ?? '1.0.0',
      description:
        'Asynchronous loan servicing: submissions are validated, recorded and answered 202; each borrower\'s operations are applied in acceptance order. Errors use the body `{code, context, error, status}`.',
    },
    servers: [{ url: options.serverUrl ?? '/', description: options.serverUrl === undefined ? 'The host that serves this document' : 'This deployment' }],
    security,
  });
}

/** The 200 a `Prefer: wait` submission gets: the seed body of its type. */
function resultExample(type: OperationType): unknown {
  if (LIFECYCLE_TYPES.includes(type)) return lifecycleExampleResult(type as LifecycleType);
  if (type !== 'create_consolidation') return seedResultExamples[type as keyof typeof seedResultExamples];
  const request = exampleRequest(type).body as { loan_consolidation: Record<string, unknown>; request_id: string };
  return { id: 'C1', kordev_id: 3, loan_consolidation: request.loan_consolidation, request_id: request.request_id };
}
