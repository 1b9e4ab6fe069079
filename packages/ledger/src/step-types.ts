/**
 * The `step_type` of a history record as Kordev names it (docs/ledger.md, "History"): the
 * engine records its own lower-case step names (kept in stored states); reads translate them
 * here, in one table. A step this table does not know yet reads as its name in upper case, so
 * a new step is never shown in the engine's spelling.
 */
export const STEP_TYPES: Readonly<Record<string, string>> = {
  origination: 'ORIGINATION',
  payment: 'PAYMENT_APPLICATION',
  positive_balance_application: 'POSITIVE_BALANCE_APPLICATION',
  waiver: 'WAIVER',
  consolidation_waiver: 'CONSOLIDATION_WAIVER',
  cancellation: 'CANCELLATION',
  consolidation: 'CONSOLIDATION',
  transfer: 'OWNERSHIP_TRANSFER',
  late_fee: 'LATE_FEE_CHARGE',
  delinquency_interest_accrual: 'DELINQUENCY_INTEREST_ACCRUAL',
  daily_fee_accrual: 'DAILY_FEE_ACCRUAL',
  payment_reversal: 'PAYMENT_REVERSAL',
  reimbursement: 'REIMBURSEMENT',
  charge_off: 'CHARGE_OFF',
  recovery: 'RECOVERY',
  restructuring: 'RESTRUCTURING',
  restructuring_waiver: 'RESTRUCTURING_WAIVER',
  payoff: 'PAYOFF',
  prepayment: 'PREPAYMENT',
  balance_adjustment: 'BALANCE_ADJUSTMENT',
  cancellation_reversal: 'CANCELLATION_REVERSAL',
  consolidation_cancellation: 'CONSOLIDATION_CANCELLATION',
};

export function stepTypeOf(step: string): string {
  return Object.prototype.hasOwnProperty.call(STEP_TYPES, step) ? STEP_TYPES[step]! : step.toUpperCase();
}
