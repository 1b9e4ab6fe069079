/**
 * Operation bodies, as the contracts' zod schemas output them (contracts asserts at compile
 * time that each schema's output is assignable to these, so the two cannot drift). Each is
 * declared with its operation in `operations/` (docs/architecture.md, "Adding an operation").
 * Objects the seeds leave open (`loan`, `payment`, ...) keep the lender's additional
 * properties: results echo them. Every rule these shapes cannot say (bounds, decimals, due-date
 * order, allocation sums) is checked once, by contracts, before an operation reaches the ledger.
 */
export type { BodyBase, Open, OperationBase, AnyOperation, LedgerOperationDeclaration } from './operations/define.js';
export type { OperationBodies } from './operations/registry.js';
export type { CreateLoanBody, CreateLoanOperation, LoanTerms } from './operations/create-loan.js';
export type { CancelLoanBody, CancelLoanOperation } from './operations/cancel-loan.js';
export type { CreateWaiverBody, CreateWaiverOperation, WaiverTerms } from './operations/create-waiver.js';
export type { CreateConsolidationBody, CreateConsolidationOperation, ConsolidationTerms } from './operations/create-consolidation.js';
export type { TransferItemBody, TransferOwnershipOperation } from './operations/transfer-ownership.js';
export type { CreatePaymentBody, CreatePaymentOperation, PaymentAllocation } from './operations/create-payment.js';
export type { ReversePaymentBody, ReversePaymentOperation } from './operations/reverse-payment.js';
export type { CreateReimbursementBody, CreateReimbursementOperation } from './operations/create-reimbursement.js';
export type { ChargeOffLoanBody, ChargeOffLoanOperation } from './operations/charge-off-loan.js';
export type { CreateRestructuringBody, CreateRestructuringOperation, RestructuringTerms } from './operations/create-restructuring.js';
export type { CreatePayoffBody, CreatePayoffOperation } from './operations/create-payoff.js';
export type { CreateBalanceAdjustmentBody, CreateBalanceAdjustmentOperation, BalanceAdjustmentTerms } from './operations/create-balance-adjustment.js';
export type { RevertCancellationBody, RevertCancellationOperation, TakenOut } from './operations/revert-cancellation.js';
export type { CancelConsolidationBody, CancelConsolidationOperation } from './operations/cancel-consolidation.js';
export type { CreatePromiseBody, CreatePromiseOperation } from './operations/create-promise.js';
export type { CancelPromiseBody, CancelPromiseOperation } from './operations/cancel-promise.js';
