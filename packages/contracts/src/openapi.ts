import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CONFIG_KINDS, type ConfigKind } from './config-kinds.js';
import { CONFIG_RESPONSE_SCHEMAS, CONFIG_SCHEMAS } from './configs.js';
import { ERROR_CATALOG } from './errors.js';
import { exampleRequest } from './examples.js';
import { OPERATIONS, OPERATION_TYPES, type OperationType } from './operations/catalog.js';
import { transferBatchDocSchema } from './operations/transfer-ownership.js';
import { idSchema } from './primitives.js';
import { batchAcceptedSchema, batchStatusSchema, operationAcceptedSchema, operationStatusSchema } from './responses/async.js';
import { errorBodySchema } from './responses/error-body.js';
import { borrowerHistorySchema, borrowerStatusSchema, getHistoryQuerySchema, getStatusQuerySchema, healthSchema } from './responses/reads.js';
import { SEED_RESULT_SCHEMAS, transferResultSchema } from './responses/seed-results.js';
import { registerWebhookPaths } from './webhooks/openapi-paths.js';

export interface BuildOpenApiOptions {
  /** `servers[0].url`; omitted when not given (the document then describes the serving host). */
  serverUrl?: string;
  version?: string;
}

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const errorResponse = (status: number) => {
  const kinds = Object.entries(ERROR_CATALOG).filter(([, e]) => e.httpStatus === status).map(([k, e]) => `\`${k}\` (${e.code})`);
  const text = Object.values(ERROR_CATALOG).find((e) => e.httpStatus === status)?.statusText ?? 'Error';
  return json(errorBodySchema, `${text}: ${kinds.join(', ')}`);
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
  const commonErrors = { 401: errorResponse(401), 403: errorResponse(403), 500: errorResponse(500) };

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
            202: json(batchAcceptedSchema, 'Accepted: one operation per valid item (`Location: /v1/batches/{batch_id}`)'),
            207: json(transferResultSchema, 'Multi-Status (with `Prefer: wait` when every item finished in time): the seed body'),
            400: errorResponse(400),
            409: errorResponse(409),
            413: errorResponse(413),
            415: errorResponse(415),
            422: errorResponse(422),
            ...commonErrors,
          }
        : {
            200: json(SEED_RESULT_SCHEMAS[type], 'OK (only with `Prefer: wait` when the operation finished in time): the seed body'),
            202: json(operationAcceptedSchema, 'Accepted (`Location: /v1/operations/{operation_id}`)'),
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

  registry.registerPath({
    method: 'get',
    path: '/v1/operations/{id}',
    operationId: 'get_operation',
    summary: 'Operation status and result',
    tags: ['Results'],
    security,
    request: { params: z.object({ id: pathIdSchema('id') }) },
    responses: { 200: json(operationStatusSchema, 'The operation'), 404: errorResponse(404), ...commonErrors },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/batches/{id}',
    operationId: 'get_batch',
    summary: 'Transfer batch status: the seed 207 body, with `pending` until every item is done',
    tags: ['Results'],
    security,
    request: { params: z.object({ id: pathIdSchema('id') }) },
    responses: { 207: json(batchStatusSchema, 'Multi-Status'), 404: errorResponse(404), ...commonErrors },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/borrowers/{borrower_id}/get_status',
    operationId: 'get_status',
    summary: 'Borrower status at a calculation date',
    tags: ['Reads'],
    security,
    request: { params: z.object({ borrower_id: pathIdSchema('borrower_id') }), query: getStatusQuerySchema },
    responses: { 200: json(borrowerStatusSchema, 'OK'), 400: errorResponse(400), 404: errorResponse(404), ...commonErrors },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/borrowers/{borrower_id}/get_history',
    operationId: 'get_history',
    summary: 'Every bucket change of the borrower (paged)',
    tags: ['Reads'],
    security,
    request: { params: z.object({ borrower_id: pathIdSchema('borrower_id') }), query: getHistoryQuerySchema },
    responses: { 200: json(borrowerHistorySchema, 'OK'), 400: errorResponse(400), 404: errorResponse(404), ...commonErrors },
  });

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
      request: { params, body: { required: true, content: { 'application/json': { schema: CONFIG_SCHEMAS[kind] } } } },
      responses: { 200: json(CONFIG_RESPONSE_SCHEMAS[kind], 'The stored config'), 400: errorResponse(400), ...commonErrors },
    });
    registry.registerPath({
      method: 'get',
      path,
      operationId: `get_${configPath[kind]}_config`,
      summary: `Read a ${configPath[kind]} config (\`DEFAULT\` always exists)`,
      tags: ['Configs'],
      security,
      request: { params },
      responses: { 200: json(CONFIG_RESPONSE_SCHEMAS[kind], 'The config, latest version'), 404: errorResponse(404), ...commonErrors },
    });
  }

  registry.registerPath({
    method: 'get',
    path: '/healthz',
    operationId: 'healthz',
    summary: 'Liveness: the process answers',
    tags: ['Operations of the service'],
    responses: { 200: json(healthSchema, 'Alive') },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    operationId: 'readyz',
    summary: 'Readiness: Postgres and Redis answer',
    tags: ['Operations of the service'],
    responses: { 200: json(healthSchema, 'Ready'), 503: errorResponse(503) },
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
    ...(options.serverUrl === undefined ? {} : { servers: [{ url: options.serverUrl }] }),
  });
}
