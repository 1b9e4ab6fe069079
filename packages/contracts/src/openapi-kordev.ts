import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { borrowerEventsSchema, getEventsQuerySchema } from './responses/events.js';
import { simulateBorrowerResultExample } from './examples/reads.js';
import { borrowerEventsExample, simulateBorrowerRequestExample, simulateLoansRequestExample, simulateLoansResultExample } from './simulations/examples.js';
import { simulateBorrowerDocSchema, simulateBorrowerResultSchema } from './simulations/simulate-borrower.js';
import { simulateLoansDocSchema, simulateLoansResultSchema } from './simulations/simulate-loans.js';
import { json } from './openapi-helpers.js';
import { getAgingQuerySchema, getSummaryQuerySchema, portfolioAgingSchema, portfolioSummarySchema } from './responses/portfolio.js';

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
    method: 'get',
    path: '/v1/borrowers/loans/get_summary',
    operationId: 'get_summary',
    summary: 'Every loan of the portfolio as of today, by days past due (most first), then borrower and loan id (filters; cursor paging)',
    tags: ['Reads'],
    security: h.security,
    request: { query: getSummaryQuerySchema },
    responses: {
      200: json(portfolioSummarySchema, 'OK', {
        loans: [{
          borrower_id: 'B1', loan_id: 'L1', owner: 'BANK_1', days_past_due: 46, delinquency_bucket: '31-60', next_payment_date: '2024-04-15',
          next_payment_amount: 201010.24, immediate_payment_amount: 402020.48, full_payment_amount: 1320000.5, origination_date: '2024-01-15T00:00:00-05:00',
          paid_off_date: null, is_cancelled: false, chargeoff_date: null,
        }],
        next_cursor: null,
      }),
      400: h.errorResponse(400) as never,
      ...errors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/portfolio/aging',
    operationId: 'get_portfolio_aging',
    summary: "The book's aging as of today: open loans still owing, counted and summed by delinquency bucket",
    tags: ['Reads'],
    security: h.security,
    request: { query: getAgingQuerySchema },
    responses: {
      200: json(portfolioAgingSchema, 'OK', {
        owner: 'BANK_1', as_of: '2024-04-01',
        buckets: [
          { bucket: 'CURRENT', loans: 10, outstanding_principal: 9000000, overdue_amount: 0 },
          { bucket: '1-30', loans: 2, outstanding_principal: 1800000, overdue_amount: 402020.48 },
        ],
        totals: { loans: 12, outstanding_principal: 10800000, overdue_amount: 402020.48 },
      }),
      400: h.errorResponse(400) as never,
      ...errors,
    },
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
    responses: { 200: { description: 'The get_status body, with request_id, pending_operations and each simulated operation\'s result', content: { 'application/json': { schema: simulateBorrowerResultSchema, example: simulateBorrowerResultExample } } }, 400: h.errorResponse(400) as never, 413: h.errorResponse(413) as never, 415: h.errorResponse(415) as never, 404: h.errorResponse(404) as never, 409: h.errorResponse(409) as never, ...errors },
  });
}
