import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { borrowerEventsSchema, getEventsQuerySchema } from './responses/events.js';
import { simulateBorrowerResultExample } from './examples/reads.js';
import { borrowerEventsExample, simulateBorrowerRequestExample, simulateLoansRequestExample, simulateLoansResultExample } from './simulations/examples.js';
import { simulateBorrowerDocSchema, simulateBorrowerResultSchema } from './simulations/simulate-borrower.js';
import { simulateLoansDocSchema, simulateLoansResultSchema } from './simulations/simulate-loans.js';
import { json } from './openapi-helpers.js';

interface Helpers {
  security: Array<Record<string, string[]>>;
  commonErrors: Record<number, unknown>;
  errorResponse: (status: number) => unknown;
  pathIdSchema: (name: string) => z.ZodType;
}

/** Kordev's read and simulation surface (docs/reads.md, docs/events.md) in the OpenAPI document. */
export function registerKordevReads(registry: OpenAPIRegistry, h: Helpers): void {
  const borrower = z.object({ borrower_id: h.pathIdSchema('borrower_id') });
  const errors = h.commonErrors as Record<number, never>;
  registry.registerPath({
    method: 'get',
    path: '/v1/borrowers/{borrower_id}/get_events',
    operationId: 'get_events',
    summary: "The borrower's domain events, grouped by type (paged; by type and effective date)",
    tags: ['Reads'],
    security: h.security,
    request: { params: borrower, query: getEventsQuerySchema },
    responses: { 200: json(borrowerEventsSchema, 'OK', borrowerEventsExample), 304: { description: 'Not Modified: the client\'s copy (`If-None-Match`) is current' } as never, 400: h.errorResponse(400) as never, 404: h.errorResponse(404) as never, ...errors },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/borrowers/loans/simulate',
    operationId: 'simulate_loans',
    summary: 'Quote loans before creating them: the amortization plan a created loan would get (synchronous; nothing recorded)',
    tags: ['Simulations'],
    security: h.security,
    request: { body: { required: true, content: { 'application/json': { schema: simulateLoansDocSchema, example: simulateLoansRequestExample } } } },
    responses: {
      207: json(simulateLoansResultSchema, 'Multi-Status: each item succeeded (its plan) or failed alone', simulateLoansResultExample),
      400: h.errorResponse(400) as never,
      413: h.errorResponse(413) as never,
      415: h.errorResponse(415) as never,
      ...errors,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/borrowers/{borrower_id}/simulate',
    operationId: 'simulate_borrower',
    summary: "The borrower's get_status on calculation_date if these payments and waivers were accepted now (synchronous; nothing recorded)",
    tags: ['Simulations'],
    security: h.security,
    request: { params: borrower, body: { required: true, content: { 'application/json': { schema: simulateBorrowerDocSchema, example: simulateBorrowerRequestExample } } } },
    responses: { 200: { description: 'The get_status body, with request_id, pending_operations and each simulated operation\'s result', content: { 'application/json': { schema: simulateBorrowerResultSchema, example: simulateBorrowerResultExample } } }, 400: h.errorResponse(400) as never, 413: h.errorResponse(413) as never, 415: h.errorResponse(415) as never, 404: h.errorResponse(404) as never, ...errors },
  });
}
