/**
 * Every operation type, declared once (docs/architecture.md, "Adding an operation"): one file
 * of this folder per type, collected here, in docs/api.md's order. The `satisfies` makes a type
 * the ledger knows (`LedgerOperations`) and this map lacks a compile error, and checks each
 * declaration's body schema against the ledger's body type; `resultSchemasAgree` checks each
 * result schema against the ledger's result type (`OperationResults`). Routes, the OpenAPI document, the
 * worker's decoding and the API reference are all derived from this map.
 */
import type { z } from 'zod';
import type { OperationEvents, OperationResults, OperationType } from '@lsl/ledger';
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

/** The names of an object type's own fields (an open object's index signature left out). */
type KnownKeys<T> = keyof { [F in keyof T as string extends F ? never : F]: T[F] };
/**
 * A result schema agrees with the ledger's result type when every body the ledger answers is
 * valid for the schema and both name the same fields (none missing, none extra, optional ones
 * included); nested objects are held to the first rule.
 */
type Agrees<Schema, Result> = [Result] extends [Schema]
  ? [KnownKeys<Schema>] extends [KnownKeys<Result>] ? ([KnownKeys<Result>] extends [KnownKeys<Schema>] ? true : false) : false
  : false;
/** The operation types whose `resultSchema` disagrees with the ledger's `OperationResults`. */
type DisagreeingResults = { [K in OperationType]: Agrees<z.output<(typeof OPERATIONS)[K]['resultSchema']>, OperationResults[K]> extends true ? never : K }[OperationType];
/** Fails the type-check, naming the operation types, when a result schema and the ledger's result type differ. */
export const resultSchemasAgree: [DisagreeingResults] extends [never] ? true : DisagreeingResults = true;

/** The operation types whose `events` are not exactly the event types its ledger handler emits (`OperationEvents`). */
type DisagreeingEvents = {
  [K in OperationType]: [OperationEvents[K]] extends [(typeof OPERATIONS)[K]['events'][number]['type']]
    ? [(typeof OPERATIONS)[K]['events'][number]['type']] extends [OperationEvents[K]] ? never : K
    : K;
}[OperationType];
/** Fails the type-check, naming the operation types, when a declaration's events and its ledger handler's differ. */
export const eventsAgree: [DisagreeingEvents] extends [never] ? true : DisagreeingEvents = true;

/** The path parameters of each type, as its params schema outputs them. */
export type OperationParams = { [K in OperationType]: z.output<(typeof OPERATIONS)[K]['paramsSchema']> };

/** The registry as one mapped type: what code generic over the operation type reads. */
export const OPERATION_REGISTRY: { [K in OperationType]: OperationDeclaration<K, OperationParams[K], (typeof OPERATIONS)[K]['resultSchema'], (typeof OPERATIONS)[K]['events']> } = OPERATIONS;

/** OpenAPI-style path (`{name}` params) of an Express-style one (`:name`). */
export function openApiPathOf(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}
