import { parseOperationBody, type AppError } from '@lsl/contracts';
import type { OperationRow } from '@lsl/db';
import type { LedgerOperation, OperationBodies, OperationType, ResolvedConfigs } from '@lsl/ledger';
import { resolvedConfigsOf } from './resolved-configs.js';

/**
 * A recorded operation whose stored body no longer parses with its type's schema (stored before
 * a schema change, or written by hand): not applied; `applyRecorded` makes it the operation's
 * failed result, naming the fields.
 */
export class StoredBodyError extends Error {
  constructor(
    readonly operationId: string,
    readonly type: string,
    readonly error: AppError,
  ) {
    super(`the stored body of operation ${operationId} (${type}) does not parse: ${error.message}`);
    this.name = 'StoredBodyError';
  }
}

const bodyOf = <T extends OperationType>(row: OperationRow, type: T): OperationBodies[T] => {
  const parsed = parseOperationBody(type, row.body);
  if (!parsed.ok) throw new StoredBodyError(row.id, type, parsed.error);
  return parsed.value;
};

/** A config the operation needs and intake did not store: a defect of the record. */
function required<C>(config: C | undefined, kind: string, row: OperationRow): C {
  if (config === undefined) throw new Error(`operation ${row.id} (${row.type}) was recorded without its ${kind} config`);
  return config;
}

/**
 * Turns a recorded operation into the ledger's value: the stored body parsed by the same
 * contracts schema the route used (`parseOperationBody`, one parse per operation), the path's
 * ids from `params`, and the configs resolved at intake. Throws `StoredBodyError` for a body
 * that no longer parses.
 */
export function toLedgerOperation(row: OperationRow): LedgerOperation {
  const params = row.params;
  const configs: ResolvedConfigs = resolvedConfigsOf(row.configs);
  const base = {
    seq: row.seq,
    operationId: row.id,
    recordedAt: new Date(row.recorded_at).toISOString(),
    requestId: row.request_id,
  };
  switch (row.type) {
    case 'create_loan':
      return { ...base, type: 'create_loan', body: bodyOf(row, 'create_loan'), loanId: params.loan_id!, loanConfig: required(configs.loans, 'loans', row) };
    case 'cancel_loan':
      return { ...base, type: 'cancel_loan', body: bodyOf(row, 'cancel_loan'), loanId: params.loan_id! };
    case 'create_waiver':
      return { ...base, type: 'create_waiver', body: bodyOf(row, 'create_waiver'), loanId: params.loan_id!, waiverId: params.waiver_id!, waiverConfig: configs.waivers ?? null };
    case 'create_consolidation':
      return {
        ...base,
        type: 'create_consolidation',
        body: bodyOf(row, 'create_consolidation'),
        consolidationId: params.consolidation_id!,
        loanConfig: required(configs.loans, 'loans', row),
        consolidationConfig: required(configs.consolidations, 'consolidations', row),
      };
    case 'transfer_ownership':
      return { ...base, type: 'transfer_ownership', body: bodyOf(row, 'transfer_ownership'), loanId: params.loan_id! };
    case 'create_payment':
      return { ...base, type: 'create_payment', body: bodyOf(row, 'create_payment'), paymentId: params.payment_id!, paymentConfig: required(configs.payments, 'payments', row) };
    case 'reverse_payment':
      return { ...base, type: 'reverse_payment', body: bodyOf(row, 'reverse_payment'), paymentId: params.payment_id! };
    case 'create_reimbursement':
      return { ...base, type: 'create_reimbursement', body: bodyOf(row, 'create_reimbursement'), reimbursementId: params.reimbursement_id! };
    case 'charge_off_loan':
      return { ...base, type: 'charge_off_loan', body: bodyOf(row, 'charge_off_loan'), loanId: params.loan_id! };
    case 'create_restructuring':
      return {
        ...base,
        type: 'create_restructuring',
        body: bodyOf(row, 'create_restructuring'),
        loanId: params.loan_id!,
        restructuringId: params.restructuring_id!,
        restructuringConfig: required(configs.restructurings, 'restructurings', row),
      };
    default:
      throw new Error(`unknown operation type ${row.type}`);
  }
}
