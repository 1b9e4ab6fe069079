/**
 * Older rows of `borrower_ledgers` hold the whole state as one `lsl-ledger/1` document and no
 * items (docs/ledger.md "Persistence"): loans and installments shared by snapshots are written
 * once in tables and referenced by index; histories and payment lists as lengths of the live
 * ones. `restoreState` reads them through this; the next save writes every item.
 */
import { push, type List } from './cons.js';
import type { Core, Installment, Loan, LogRecord, Snapshot } from './model.js';
import { dec, historyIn, installmentIn, loanFromJson, logIn, paymentIn, rebuild, type Json } from './serialize.js';
import { STATE_FORMAT, type BorrowerState } from './state.js';

export const LEGACY_DOCUMENT_FORMAT = 'lsl-ledger/1';

export function isLegacyDocument(j: unknown): boolean {
  return j !== null && typeof j === 'object' && (j as Json).format === LEGACY_DOCUMENT_FORMAT;
}

function loanIn(loan: Json, installments: Installment[], terms: Json[]): Loan {
  return loanFromJson({ ...terms[loan.t], ...loan }, (loan.inst as number[]).map((k) => installments[k]!));
}

export function readLegacyDocument(json: unknown): BorrowerState {
  const j = json as Json;
  if (!isLegacyDocument(j)) throw new Error('not a whole-document ledger row');
  const installments = (j.installments as Json[]).map(installmentIn);
  const loans = (j.loans as Json[]).map((l) => loanIn(l, installments, j.terms as Json[]));
  const cores: Json[] = [j.live, ...(j.snapshots as Json[]).map((s: Json) => s.core)];
  const history = rebuild((j.history as Json[]).map(historyIn), new Set(cores.map((c) => c.h)));
  const payments = rebuild((j.payments as Json[]).map(paymentIn), new Set(cores.map((c) => c.p)));
  const coreIn = (c: Json): Core => {
    const order: string[] = [];
    const map: Record<string, Loan> = {};
    for (const i of c.loans as number[]) {
      const loan = loans[i]!;
      order.push(loan.id);
      map[loan.id] = loan;
    }
    return { day: c.day, loans: map, loanOrder: order, positiveBalance: dec(c.pb), history: history.get(c.h) ?? null, payments: payments.get(c.p) ?? null, applied: c.n };
  };
  let log: List<LogRecord> = null;
  for (const r of j.log as Json[]) log = push(log, logIn(r));
  let snapshots: List<Snapshot> = null;
  for (const s of j.snapshots as Json[]) snapshots = push(snapshots, { index: s.index, core: coreIn(s.core) });
  return {
    format: STATE_FORMAT,
    borrowerId: j.borrowerId,
    log,
    live: coreIn(j.live),
    snapshots,
    nextKordev: j.nextKordev,
    maxSeq: j.maxSeq,
  };
}
