/**
 * Every operation type the ledger applies, each declared once in its own file of this folder
 * (docs/architecture.md, "Adding an operation"). A type is two lines here: its value in
 * `LedgerOperations` and its declaration in `LEDGER_OPERATIONS`; the mapped type makes a
 * missing declaration a compile error, and contracts' registry is keyed by the same types.
 * Each declaration's result type (`OperationResults`) and history steps are derived from it.
 * The order is docs/api.md's.
 */
import type { EventsOf, LedgerOperationDeclaration, ResultOf } from './define.js';
import { cancelLoanOperation, type CancelLoanOperation } from './cancel-loan.js';
import { chargeOffLoanOperation, type ChargeOffLoanOperation } from './charge-off-loan.js';
import { createBalanceAdjustmentOperation, type CreateBalanceAdjustmentOperation } from './create-balance-adjustment.js';
import { cancelConsolidationOperation, type CancelConsolidationOperation } from './cancel-consolidation.js';
import { revertCancellationOperation, type RevertCancellationOperation } from './revert-cancellation.js';
import { createConsolidationOperation, type CreateConsolidationOperation } from './create-consolidation.js';
import { createLoanOperation, type CreateLoanOperation } from './create-loan.js';
import { createPaymentOperation, type CreatePaymentOperation } from './create-payment.js';
import { createPayoffOperation, type CreatePayoffOperation } from './create-payoff.js';
import { createReimbursementOperation, type CreateReimbursementOperation } from './create-reimbursement.js';
import { createRestructuringOperation, type CreateRestructuringOperation } from './create-restructuring.js';
import { createWaiverOperation, type CreateWaiverOperation } from './create-waiver.js';
import { reversePaymentOperation, type ReversePaymentOperation } from './reverse-payment.js';
import { transferOwnershipOperation, type TransferOwnershipOperation } from './transfer-ownership.js';
import { createPromiseOperation, type CreatePromiseOperation } from './create-promise.js';
import { cancelPromiseOperation, type CancelPromiseOperation } from './cancel-promise.js';

/** The value the ledger applies, by operation type. */
export interface LedgerOperations {
  create_loan: CreateLoanOperation;
  cancel_loan: CancelLoanOperation;
  create_waiver: CreateWaiverOperation;
  create_consolidation: CreateConsolidationOperation;
  transfer_ownership: TransferOwnershipOperation;
  create_payment: CreatePaymentOperation;
  // Lifecycle operations (docs/ledger.md).
  reverse_payment: ReversePaymentOperation;
  create_reimbursement: CreateReimbursementOperation;
  charge_off_loan: ChargeOffLoanOperation;
  create_restructuring: CreateRestructuringOperation;
  // Interest conventions, payoff and prepayment (docs/ledger.md).
  create_payoff: CreatePayoffOperation;
  // Corrections (docs/ledger.md).
  create_balance_adjustment: CreateBalanceAdjustmentOperation;
  revert_cancellation: RevertCancellationOperation;
  cancel_consolidation: CancelConsolidationOperation;
  // Collections (docs/ledger.md).
  create_promise: CreatePromiseOperation;
  cancel_promise: CancelPromiseOperation;
}

export type OperationType = keyof LedgerOperations;
export type LedgerOperation = LedgerOperations[OperationType];
/** The body of each operation type, as the contracts schema of the type outputs it. */
export type OperationBodies = { [K in OperationType]: LedgerOperations[K]['body'] };

export const LEDGER_OPERATIONS = {
  create_loan: createLoanOperation,
  cancel_loan: cancelLoanOperation,
  create_waiver: createWaiverOperation,
  create_consolidation: createConsolidationOperation,
  transfer_ownership: transferOwnershipOperation,
  create_payment: createPaymentOperation,
  reverse_payment: reversePaymentOperation,
  create_reimbursement: createReimbursementOperation,
  charge_off_loan: chargeOffLoanOperation,
  create_restructuring: createRestructuringOperation,
  create_payoff: createPayoffOperation,
  create_balance_adjustment: createBalanceAdjustmentOperation,
  revert_cancellation: revertCancellationOperation,
  cancel_consolidation: cancelConsolidationOperation,
  create_promise: createPromiseOperation,
  cancel_promise: cancelPromiseOperation,
} satisfies { [K in OperationType]: LedgerOperationDeclaration<LedgerOperations[K], object, string> };

/** The 200 body of each operation type: the `Result` of its declaration. */
export type OperationResults = { [K in OperationType]: ResultOf<(typeof LEDGER_OPERATIONS)[K]> };
/** The domain event types each operation type emits: the `Events` of its declaration. */
export type OperationEvents = { [K in OperationType]: EventsOf<(typeof LEDGER_OPERATIONS)[K]> };
/** Any operation's 200 body. */
export type OperationResult = OperationResults[OperationType];

/** The registry as one mapped type: what code generic over the operation type reads. */
export const LEDGER_REGISTRY: { [K in OperationType]: LedgerOperationDeclaration<LedgerOperations[K], OperationResults[K], OperationEvents[K]> } = LEDGER_OPERATIONS;

export function isOperationType(value: string): value is OperationType {
  return Object.hasOwn(LEDGER_OPERATIONS, value);
}

/** The operation types, in the registry's order (docs/api.md's). */
export const OPERATION_TYPES: readonly OperationType[] = Object.keys(LEDGER_OPERATIONS).filter(isOperationType);
