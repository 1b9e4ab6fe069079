import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorResponse, json, pathIdSchema } from './openapi-helpers.js';
import { getPayoffQuerySchema, payoffConflictResponse, payoffQuoteExample, payoffQuoteSchema } from './responses/payoff.js';

/** The payoff quote read (docs/reads.md "Payoff quote") in the OpenAPI document. */
export function registerPayoffQuote(registry: OpenAPIRegistry, h: { security: Array<Record<string, string[]>>; commonErrors: Record<number, unknown> }): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/borrowers/{borrower_id}/loans/{loan_id}/payoff',
    operationId: 'get_payoff_quote',
    summary: 'What settles a loan on a day: everything overdue, all principal, the accrued part of the current installment',
    tags: ['Reads'],
    security: h.security,
    request: { params: z.object({ borrower_id: pathIdSchema('borrower_id'), loan_id: pathIdSchema('loan_id') }), query: getPayoffQuerySchema },
    responses: {
      200: json(payoffQuoteSchema, 'The quote', payoffQuoteExample),
      400: errorResponse(400),
      404: errorResponse(404),
      409: payoffConflictResponse,
      ...(h.commonErrors as Record<number, never>),
    },
  });
}
