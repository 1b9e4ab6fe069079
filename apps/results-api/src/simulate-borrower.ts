/**
 * `POST /v1/borrowers/{borrower_id}/simulate` (docs/reads.md, "Simulate a borrower"): the
 * borrower's state as the results API reads it, plus every operation accepted and not yet
 * applied, plus the given payments, waivers and restructurings, each parsed as intake parses it
 * and applied in memory by the worker's own `applyOperation` (@lsl/ledger-store) as if accepted now, in that order; then get_status on `calculation_date`.
 * Nothing is written and nothing is enqueued.
 */
import type { Kysely } from 'kysely';
import { AppError, errorFieldsOf, fromZodError, parseOperation, simulateBorrowerBodySchema, validationError, type ParsedOperation } from '@lsl/contracts';
import { findOperationByNaturalKey, listOperationsAfterSeq, type Database } from '@lsl/db';
import { statusAt, toDay, type LedgerOptions, type ResolvedConfigs } from '@lsl/ledger';
import { randomUUID } from 'node:crypto';
import { applyOperation, applyRecorded, resolveConfigs, simulatedOperation } from '@lsl/ledger-store';
import type { LedgerReader } from './ledger-reader.js';
import { dayOf } from './query-params.js';

/** A bound on the queued operations a simulation applies first (far beyond any real backlog). */
const MAX_PENDING = 10_000;

interface Candidate {
  parsed: ParsedOperation;
  /** The id the path would name (payment, waiver or restructuring id). */
  id: string;
  /** `context.fields` names as the lender wrote them: `payment.amount_paid` → `payments[0].amount_paid`. */
  rename: (field: string) => string;
}

/** The path parameter that names a simulated operation. */
function idParamOf(type: string): string {
  return type === 'create_payment' ? 'payment_id' : type === 'create_waiver' ? 'waiver_id' : 'restructuring_id';
}

function omit(item: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !keys.includes(k)));
}

function renamed(fields: Record<string, string>, rename: (field: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [rename(k), v]));
}

/** Each payment and waiver as the create operation intake would accept; every bad field named in one 400. */
function candidatesOf(borrowerId: string, raw: unknown, timeZone: string): { candidates: Candidate[]; calculationDate?: string; requestId: string | null } {
  const body = simulateBorrowerBodySchema.safeParse(raw);
  if (!body.success) throw fromZodError(body.error);
  const b = body.data;
  const fields: Record<string, string> = {};

  const paymentIndex = new Map<string, number>();
  b.payments.forEach((p, i) => {
    if (paymentIndex.has(p.payment_id)) fields[`payments[${i}].payment_id`] = `Duplicate of payments[${paymentIndex.get(p.payment_id)}].payment_id`;
    else paymentIndex.set(p.payment_id, i);
  });
  const allocationIndex = new Map<string, number>();
  b.allocations.forEach((a, j) => {
    if (!paymentIndex.has(a.payment_id)) fields[`allocations[${j}].payment_id`] = `No payment ${a.payment_id} in payments`;
    else if (allocationIndex.has(a.payment_id)) fields[`allocations[${j}].payment_id`] = `Duplicate of allocations[${allocationIndex.get(a.payment_id)}].payment_id`;
    else allocationIndex.set(a.payment_id, j);
  });
  const waiverKeys = new Map<string, number>();
  b.waivers.forEach((w, i) => {
    const key = `${w.loan_id}/${w.waiver_id}`;
    if (waiverKeys.has(key)) fields[`waivers[${i}].waiver_id`] = `Duplicate of waivers[${waiverKeys.get(key)}]`;
    else waiverKeys.set(key, i);
  });

  const requestId = b.request_id ?? null;
  const candidates: Candidate[] = [];
  const add = (type: 'create_payment' | 'create_waiver' | 'create_restructuring', params: Record<string, string>, opBody: Record<string, unknown>, rename: (f: string) => string) => {
    const parsed = parseOperation(type, { params, body: opBody }, { timeZone });
    if (!parsed.ok) Object.assign(fields, renamed(errorFieldsOf(parsed.error.context) ?? {}, rename));
    else candidates.push({ parsed: parsed.value, id: params[idParamOf(type)] ?? '', rename });
  };
  b.payments.forEach((p, i) => {
    const j = allocationIndex.get(p.payment_id);
    const opBody = {
      payment: omit(p, ['payment_id']),
      payment_allocations: j === undefined ? null : b.allocations[j]!.payment_allocations,
      request_id: requestId,
    };
    add('create_payment', { borrower_id: borrowerId, payment_id: p.payment_id }, opBody, (f) =>
      f.replace(/^payment\./, `payments[${i}].`).replace(/^payment_allocations/, `allocations[${j ?? 0}].payment_allocations`).replace(/^params\./, `payments[${i}].`));
  });
  b.waivers.forEach((w, i) => {
    const opBody = { waiver: omit(w, ['loan_id', 'waiver_id']), request_id: requestId };
    add('create_waiver', { borrower_id: borrowerId, loan_id: w.loan_id, waiver_id: w.waiver_id }, opBody, (f) =>
      f.replace(/^waiver\./, `waivers[${i}].`).replace(/^params\./, `waivers[${i}].`));
  });
  const restructuringKeys = new Map<string, number>();
  b.restructurings.forEach((r, i) => {
    const key = `${r.loan_id}/${r.restructuring_id}`;
    if (restructuringKeys.has(key)) fields[`restructurings[${i}].restructuring_id`] = `Duplicate of restructurings[${restructuringKeys.get(key)}]`;
    else restructuringKeys.set(key, i);
    const opBody = { loan_restructuring: omit(r, ['loan_id', 'restructuring_id']), request_id: requestId };
    add('create_restructuring', { borrower_id: borrowerId, loan_id: r.loan_id, restructuring_id: r.restructuring_id }, opBody, (f) =>
      f.replace(/^loan_restructuring\./, `restructurings[${i}].`).replace(/^params\./, `restructurings[${i}].`));
  });
  if (Object.keys(fields).length > 0) throw validationError(fields);
  return { candidates, ...(b.calculation_date === undefined ? {} : { calculationDate: b.calculation_date }), requestId };
}

export async function simulateBorrower(
  ctx: { db: Kysely<Database>; ledger: LedgerOptions; reader: LedgerReader; now: () => Date },
  borrowerId: string,
  raw: unknown,
): Promise<Record<string, unknown>> {
  const { candidates, calculationDate, requestId } = candidatesOf(borrowerId, raw, ctx.ledger.timeZone);
  const configs: ResolvedConfigs[] = [];
  // An id already used is a replay (or a 409) when submitted, never a second application: the
  // simulation refuses it instead of showing a future that submitting could not give.
  const used: Record<string, string> = {};
  for (const c of candidates) {
    const existing = await findOperationByNaturalKey(ctx.db, borrowerId, c.parsed.naturalKey);
    if (existing) used[c.rename(`params.${idParamOf(c.parsed.type)}`)] = `Already used by operation ${existing.id}`;
  }
  if (Object.keys(used).length > 0) throw new AppError('conflict', 'An operation with this id was already accepted', { fields: used });
  for (const c of candidates) {
    try {
      configs.push(await resolveConfigs(ctx.db, c.parsed));
    } catch (error) {
      const fields = error instanceof AppError ? errorFieldsOf(error.context) : undefined;
      if (error instanceof AppError && fields) throw new AppError(error.kind, error.message, { ...error.context, fields: renamed(fields, c.rename) });
      throw error;
    }
  }
  // Reads reach back to 1900 (query-params.ts); the same bound for a simulated status.
  const day = calculationDate === undefined ? toDay(ctx.now().toISOString(), ctx.ledger.timeZone) : dayOf(calculationDate, 'calculation_date');

  const loaded = await ctx.reader.load(borrowerId);
  // Every operation after the state read is one not yet applied.
  const pending = await listOperationsAfterSeq(ctx.db, borrowerId, loaded.appliedSeq, MAX_PENDING);
  let state = loaded.state;
  for (const row of pending) state = applyRecorded(state, row, ctx.ledger).state;
  let seq = pending.length > 0 ? pending[pending.length - 1]!.seq : loaded.appliedSeq;

  const recordedAt = ctx.now();
  const simulated: Array<Record<string, unknown>> = [];
  candidates.forEach((c, k) => {
    seq += 1;
    const op = simulatedOperation(c.parsed, configs[k]!, { seq, operationId: randomUUID(), recordedAt: recordedAt.toISOString(), requestId });
    const out = applyOperation(state, op, ctx.ledger);
    state = out.state;
    simulated.push({ type: c.parsed.type, id: c.id, status_code: out.result.statusCode, body: out.result.body });
  });

  return { request_id: requestId, ...statusAt(state, day, ctx.ledger), pending_operations: pending.length, simulated_operations: simulated };
}
