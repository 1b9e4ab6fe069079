import type { LedgerOperation } from '@lsl/ledger';
import type { OperationRow } from '@lsl/db';

/** Turns a recorded operation into the ledger's value, with the configs resolved at intake. */
export function toLedgerOperation(row: OperationRow): LedgerOperation {
  const params = row.params;
  const configs = row.configs as Record<string, any>;
  const base = {
    seq: row.seq,
    operationId: row.id,
    recordedAt: new Date(row.recorded_at).toISOString(),
    requestId: row.request_id,
    body: row.body as any,
  };
  switch (row.type) {
    case 'create_loan':
      return { ...base, type: 'create_loan', loanId: params.loan_id!, loanConfig: configs.loanConfig };
    case 'cancel_loan':
      return { ...base, type: 'cancel_loan', loanId: params.loan_id! };
    case 'create_waiver':
      return { ...base, type: 'create_waiver', loanId: params.loan_id!, waiverId: params.waiver_id!, waiverConfig: configs.waiverConfig ?? null };
    case 'create_consolidation':
      return {
        ...base,
        type: 'create_consolidation',
        consolidationId: params.consolidation_id!,
        loanConfig: configs.loanConfig,
        consolidationConfig: configs.consolidationConfig,
      };
    case 'transfer_ownership':
      return { ...base, type: 'transfer_ownership', loanId: params.loan_id! };
    case 'create_payment':
      return { ...base, type: 'create_payment', paymentId: params.payment_id!, paymentConfig: configs.paymentConfig };
    case 'reverse_payment':
      return { ...base, type: 'reverse_payment', paymentId: params.payment_id! };
    case 'create_reimbursement':
      return { ...base, type: 'create_reimbursement', reimbursementId: params.reimbursement_id! };
    case 'charge_off_loan':
      return { ...base, type: 'charge_off_loan', loanId: params.loan_id! };
    case 'create_restructuring':
      return { ...base, type: 'create_restructuring', loanId: params.loan_id!, restructuringId: params.restructuring_id!, restructuringConfig: configs.restructuringConfig };
    default:
      throw new Error(`unknown operation type ${row.type}`);
  }
}
