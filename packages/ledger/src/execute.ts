/** One operation against a draft already advanced to its effective day. */
import type { LedgerOperation, LedgerOptions } from './api.js';
import { instantToDayNum, type DayNum } from './calendar.js';
import { cancelLoan } from './cancel.js';
import type { Mode, OpContext, Outcome } from './context.js';
import { createConsolidation } from './consolidation.js';
import { createLoan } from './create-loan.js';
import type { Draft } from './draft.js';
import { createPayment } from './payments.js';
import { createTransfer } from './transfer.js';
import { createWaiver } from './waivers.js';
import { chargeOffLoan } from './charge-off.js';
import { createReimbursement } from './reimbursement.js';
import { createRestructuring } from './restructuring.js';
import { reversePayment } from './reverse-payment.js';
import type { Day } from './api.js';
import { numToDay } from './calendar.js';

/** The instant an operation takes effect at, before it becomes a day. */
function effectiveInstant(op: LedgerOperation): string {
  const pick = (value: string | undefined): string => (value !== undefined && value.trim() !== '' ? value : op.recordedAt);
  switch (op.type) {
    case 'create_loan': return pick(op.body.loan.origination_date);
    case 'cancel_loan': return pick(op.body.loan_cancellation?.effective_date);
    case 'create_waiver': return pick(op.body.waiver.effective_date);
    case 'create_consolidation': return pick(op.body.loan_consolidation.effective_date);
    case 'transfer_ownership': return pick(op.body.ownership_transfer.effective_date);
    case 'create_payment': return pick(op.body.payment.payment_date);
    case 'reverse_payment': return op.recordedAt;
    case 'create_reimbursement': return pick(op.body.reimbursement.effective_date);
    case 'charge_off_loan': return pick(op.body.loan_charge_off.effective_date);
    case 'create_restructuring': return pick(op.body.loan_restructuring.effective_date);
  }
}

export function effectiveDayNum(op: LedgerOperation, options: LedgerOptions): DayNum {
  try {
    return instantToDayNum(effectiveInstant(op), options.timeZone);
  } catch {
    // An unparseable date was let through intake: the recording time is the only fact left.
    return instantToDayNum(op.recordedAt, options.timeZone);
  }
}

export function effectiveDayOf(op: LedgerOperation, options: LedgerOptions): Day {
  return numToDay(effectiveDayNum(op, options));
}

export function execute(
  d: Draft,
  op: LedgerOperation,
  meta: { day: DayNum; kordevId: number; mode: Mode; options: LedgerOptions; borrowerId: string },
): Outcome {
  d.operationId = op.operationId;
  try {
    const base = { d, day: meta.day, kordevId: meta.kordevId, mode: meta.mode, options: meta.options, borrowerId: meta.borrowerId };
    switch (op.type) {
      case 'create_loan': return createLoan({ ...base, op } as OpContext<typeof op>);
      case 'cancel_loan': return cancelLoan({ ...base, op } as OpContext<typeof op>);
      case 'create_waiver': return createWaiver({ ...base, op } as OpContext<typeof op>);
      case 'create_consolidation': return createConsolidation({ ...base, op } as OpContext<typeof op>);
      case 'transfer_ownership': return createTransfer({ ...base, op } as OpContext<typeof op>);
      case 'create_payment': return createPayment({ ...base, op } as OpContext<typeof op>);
      case 'reverse_payment': return reversePayment({ ...base, op } as OpContext<typeof op>);
      case 'create_reimbursement': return createReimbursement({ ...base, op } as OpContext<typeof op>);
      case 'charge_off_loan': return chargeOffLoan({ ...base, op } as OpContext<typeof op>);
      case 'create_restructuring': return createRestructuring({ ...base, op } as OpContext<typeof op>);
    }
  } finally {
    d.operationId = null;
  }
}
