/**
 * `POST /v1/borrowers/loans/simulate` (docs/reads.md, "Simulate loans"): each item is validated
 * as a create-loan body, its loan config resolved as intake resolves it (unknown config and
 * usury `reject` are 400), and quoted by the ledger's `simulateLoan`, which applies the
 * create-loan operation to an empty borrower: the plan is the schedule the loan would get.
 * Nothing is recorded. An invalid item fails alone.
 */
import type { Kysely } from 'kysely';
import { AppError, errorFieldsOf, fromZodError, parseOperation, simulateLoansBodySchema, type ErrorBody } from '@lsl/contracts';
import type { Database } from '@lsl/db';
import { simulateLoan, type LedgerOptions, type ResolvedConfigs } from '@lsl/ledger';
import { randomUUID } from 'node:crypto';
import { resolveConfigs, simulatedOperation } from '@lsl/ledger-store';

/** Stands in for the path's ids, which a quote does not have; never shown. */
const NO_BORROWER = 'simulation';
const NO_LOAN = 'simulated-loan';

export interface SimulationFailure {
  request_id: string | null;
  status_code: number;
  error_detail: string;
  error: ErrorBody;
}

/** The `failed` entry of a 207, as the transfer batch words it (message, then each bad field). */
export function failureOf(body: ErrorBody, statusCode: number, requestId: string | null): SimulationFailure {
  const fields = errorFieldsOf(body.context);
  const detail = fields ? `${body.error}: ${Object.entries(fields).map(([f, m]) => `${f}: ${m}`).join('; ')}` : body.error;
  return { request_id: requestId, status_code: statusCode, error_detail: detail, error: body };
}

function requestIdOf(item: unknown): string | null {
  const value = typeof item === 'object' && item !== null && 'request_id' in item ? item.request_id : undefined;
  return typeof value === 'string' ? value : null;
}

/** The ledger's refusal context names the placeholder ids; the lender sent none. */
function withoutPlaceholders(body: ErrorBody): ErrorBody {
  const { borrower_id: _b, loan_id: _l, ...context } = body.context;
  return { ...body, context };
}

export async function simulateLoans(
  ctx: { db: Kysely<Database>; ledger: LedgerOptions; now: () => Date },
  body: unknown,
): Promise<{ succeeded: unknown[]; failed: SimulationFailure[] }> {
  const items = simulateLoansBodySchema.safeParse(body);
  if (!items.success) throw fromZodError(items.error);
  const succeeded: unknown[] = [];
  const failed: SimulationFailure[] = [];
  for (const item of items.data) {
    const requestId = requestIdOf(item);
    const parsed = parseOperation('create_loan', { params: { borrower_id: NO_BORROWER, loan_id: NO_LOAN }, body: item }, { timeZone: ctx.ledger.timeZone });
    if (!parsed.ok) {
      failed.push(failureOf(parsed.error.toJSON(), parsed.error.httpStatus, requestId));
      continue;
    }
    let configs: ResolvedConfigs;
    try {
      configs = await resolveConfigs(ctx.db, parsed.value);
    } catch (error) {
      if (!(error instanceof AppError) || error.httpStatus >= 500) throw error;
      failed.push(failureOf(error.toJSON(), error.httpStatus, requestId));
      continue;
    }
    const op = simulatedOperation(parsed.value, configs, { seq: 1, operationId: randomUUID(), recordedAt: ctx.now().toISOString(), requestId });
    const quote = simulateLoan(op, ctx.ledger);
    if (quote.ok) succeeded.push({ request_id: requestId, ...quote.quote });
    else failed.push(failureOf(withoutPlaceholders(quote.body), quote.statusCode, requestId));
  }
  return { succeeded, failed };
}
