/**
 * Every operation type, declared once (docs/architecture.md, "Adding an operation"): one file
 * of this folder per type, collected here, in docs/api.md's order. The `satisfies` makes a type
 * the ledger knows (`LedgerOperations`) and this map lacks a compile error, and checks each
 * declaration's body schema against the ledger's body type. Routes, the OpenAPI document, the
 * worker's decoding and the API reference are all derived from this map.
 */
import type { z } from 'zod';
import type { OperationType } from '@lsl/ledger';
import type { OperationDeclaration } from './define-operation.js';
import { cancelLoan } from './cancel-loan.js';
import { chargeOffLoan } from './charge-off-loan.js';
import { createBalanceAdjustment } from './create-balance-adjustment.js';
import { cancelConsolidation } from './cancel-consolidation.js';
import { revertCancellation } from './revert-cancellation.js';
import { createConsolidation } from './create-consolidation.js';
import { createLoan } from './create-loan.js';
import { createPayment } from './create-payment.js';
import { createPayoff } from './create-payoff.js';
import { createReimbursement } from './create-reimbursement.js';
import { createRestructuring } from './create-restructuring.js';
import { createWaiver } from './create-waiver.js';
import { reversePayment } from './reverse-payment.js';
import { transferOwnership } from './transfer-ownership.js';
import { createPromise } from './create-promise.js';
import { cancelPromise } from './cancel-promise.js';

export const OPERATIONS = {
  create_loan: createLoan,
  cancel_loan: cancelLoan,
  create_waiver: createWaiver,
  create_consolidation: createConsolidation,
  transfer_ownership: transferOwnership,
  create_payment: createPayment,
  reverse_payment: reversePayment,
  create_reimbursement: createReimbursement,
  charge_off_loan: chargeOffLoan,
  create_restructuring: createRestructuring,
  create_payoff: createPayoff,
  create_balance_adjustment: createBalanceAdjustment,
  revert_cancellation: revertCancellation,
  cancel_consolidation: cancelConsolidation,
  create_promise: createPromise,
  cancel_promise: cancelPromise,
} satisfies { [K in OperationType]: OperationDeclaration<K> };

/** The path parameters of each type, as its params schema outputs them. */
export type OperationParams = { [K in OperationType]: z.output<(typeof OPERATIONS)[K]['paramsSchema']> };

/** The registry as one mapped type: what code generic over the operation type reads. */
export const OPERATION_REGISTRY: { [K in OperationType]: OperationDeclaration<K, OperationParams[K]> } = OPERATIONS;

/** OpenAPI-style path (`{name}` params) of an Express-style one (`:name`). */
export function openApiPathOf(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}
