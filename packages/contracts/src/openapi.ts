import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CONFIG_KINDS, type ConfigKind } from './config-kinds.js';
import { CONFIG_RESPONSE_SCHEMAS, CONFIG_SCHEMAS, DEFAULT_CONFIGS } from './configs.js';
import { borrowerHistoryExample, borrowerStatusExample } from './examples/reads.js';
import { batchStatusExample, configExamples, operationStatusExample, readyExample } from './examples/responses.js';
import { bodyErrors, errorResponse, json, notModified, pathIdSchema, text, v1Errors } from './openapi-helpers.js';
import { registerKordevReads } from './openapi-kordev.js';
import { registerPayoffQuote } from './openapi-payoff.js';
import { registerOperationPaths } from './openapi-operations.js';
import { batchStatusSchema, operationStatusSchema } from './responses/async.js';
import { borrowerHistorySchema, borrowerStatusSchema, getConfigQuerySchema, getHistoryQuerySchema, getStatusQuerySchema, healthSchema, readinessSchema } from './responses/reads.js';
import { registerWebhookPaths } from './webhooks/openapi-paths.js';
import { registerWebhookDeliveries } from './webhooks/openapi-webhooks.js';

export interface BuildOpenApiOptions {
  /** `servers[0].url`; default `/`: the host that serves the document. */
  serverUrl?: string;
  version?: string;
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
  const commonErrors = v1Errors();

  registerOperationPaths(registry, { security, commonErrors });

  registry.registerPath({
    method: 'get',
    path: '/v1/operations/{id}',
    operationId: 'get_operation',
    summary: 'Operation status and result',
    tags: ['Results'],
    security,
    request: { params: z.object({ id: pathIdSchema('id') }) },
    responses: { 200: json(operationStatusSchema, 'The operation', operationStatusExample), ...notModified(), 404: errorResponse(404), ...commonErrors },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/batches/{id}',
    operationId: 'get_batch',
    summary: 'Batch status: 202 with `pending` while items remain, then the seed 207 body',
    tags: ['Results'],
    security,
    request: { params: z.object({ id: pathIdSchema('id') }) },
    responses: {
      202: json(batchStatusSchema, 'Some items are not done yet: `pending` lists them; `succeeded` and `failed` hold the items done so far', {
        succeeded: [],
        failed: [],
        pending: [{ index: 0, operation_id: '0b7f3e2a-5c1d-4e8f-9a6b-3c2d1e0f9a8b', borrower_id: 'B1', request_id: 'r1', status: 'queued' }],
      }),
      207: json(batchStatusSchema, 'Multi-Status: every item is done (the seed body)', batchStatusExample),
      ...notModified(),
      404: errorResponse(404),
      ...commonErrors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/borrowers/{borrower_id}/get_status',
    operationId: 'get_status',
    summary: 'Borrower status at a calculation date',
    tags: ['Reads'],
    security,
    request: { params: z.object({ borrower_id: pathIdSchema('borrower_id') }), query: getStatusQuerySchema },
    responses: {
      200: json(borrowerStatusSchema, 'OK (a borrower whose operations are all pending or refused has no loans yet)', borrowerStatusExample),
      ...notModified(),
      404: errorResponse(404, 'no operation was ever accepted for this borrower'),
      ...commonErrors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/borrowers/{borrower_id}/get_history',
    operationId: 'get_history',
    summary: 'Every bucket change of the borrower (paged)',
    tags: ['Reads'],
    security,
    request: { params: z.object({ borrower_id: pathIdSchema('borrower_id') }), query: getHistoryQuerySchema },
    responses: { 200: json(borrowerHistorySchema, 'OK', borrowerHistoryExample), ...notModified(), 404: errorResponse(404), ...commonErrors },
  });

  registerKordevReads(registry, { security, commonErrors, errorResponse, pathIdSchema });
  registerPayoffQuote(registry, { security, commonErrors });

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
      responses: {
        200: json(CONFIG_RESPONSE_SCHEMAS[kind], 'The stored config: a new version, or the current one when the body is unchanged', configExamples[kind]),
        201: json(CONFIG_RESPONSE_SCHEMAS[kind], 'Created: the config did not exist (version 1)', { ...configExamples[kind], version: 1 }),
        ...bodyErrors(),
        ...commonErrors,
      },
    });
    registry.registerPath({
      method: 'get',
      path,
      operationId: `get_${configPath[kind]}_config`,
      summary: `Read a ${configPath[kind]} config (\`DEFAULT\` always exists)`,
      tags: ['Configs'],
      security,
      request: { params, query: getConfigQuerySchema },
      responses: { 200: json(CONFIG_RESPONSE_SCHEMAS[kind], 'The config: the current version, or `?version=N`', configExamples[kind]), ...notModified(), 404: errorResponse(404), ...commonErrors },
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

  registerWebhookDeliveries(registry);
  registerWebhookPaths(registry, { security, json, errorResponse, commonErrors, bodyErrors: bodyErrors(), notModified: notModified() });

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
