import type { z } from 'zod';
import { cancelLoanBodySchema } from './cancel-loan.js';
import { createConsolidationBodySchema } from './create-consolidation.js';
import { createLoanBodySchema } from './create-loan.js';
import { createPaymentBodySchema } from './create-payment.js';
import { createWaiverBodySchema } from './create-waiver.js';
import { consolidationParamsSchema, loanParamsSchema, noParamsSchema, paymentParamsSchema, waiverParamsSchema } from './params.js';
import { transferItemSchema } from './transfer-ownership.js';
import { chargeOffLoanBodySchema } from './charge-off-loan.js';
import { createReimbursementBodySchema } from './create-reimbursement.js';
import { createRestructuringBodySchema } from './create-restructuring.js';
import { reversePaymentBodySchema } from './reverse-payment.js';
import { reimbursementParamsSchema, restructuringParamsSchema } from './params.js';

import { OPERATION_TYPES, type OperationBodies, type OperationType } from '@lsl/ledger';
import { fromZodError } from '../zod-error.js';
import type { AppError } from '../errors.js';

/** The operation types: the ledger's list (`LedgerOperation['type']`). */
export { OPERATION_TYPES, type OperationType };

/**
 * The body schema of each operation type (for transfer_ownership, ONE item of the batch). The
 * `satisfies` is the compile-time check that each schema outputs the ledger's body type
 * (`OperationBodies`, packages/ledger/src/api.ts): a field added, renamed or loosened on one side
 * only fails the build, so the route's validation and the ledger's reading cannot drift.
 */
export const OPERATION_BODY_SCHEMAS = {
  create_loan: createLoanBodySchema,
  cancel_loan: cancelLoanBodySchema,
  create_waiver: createWaiverBodySchema,
  create_consolidation: createConsolidationBodySchema,
  transfer_ownership: transferItemSchema,
  create_payment: createPaymentBodySchema,
  reverse_payment: reversePaymentBodySchema,
  create_reimbursement: createReimbursementBodySchema,
  charge_off_loan: chargeOffLoanBodySchema,
  create_restructuring: createRestructuringBodySchema,
} as const satisfies { [K in OperationType]: z.ZodType<OperationBodies[K]> };

const BODY_PARSERS: { [K in OperationType]: z.ZodType<OperationBodies[K]> } = OPERATION_BODY_SCHEMAS;

/**
 * Parses a body of the given type with its schema: the typed body the ledger reads. The worker
 * parses every stored body with it (one parse per operation), so a body that no longer parses
 * (stored before a schema change) is a 400 naming its fields, never a crash in the ledger.
 */
export function parseOperationBody<T extends OperationType>(type: T, body: unknown): { ok: true; value: OperationBodies[T] } | { ok: false; error: AppError } {
  const schema: z.ZodType<OperationBodies[T]> = BODY_PARSERS[type];
  const result = schema.safeParse(body);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: fromZodError(result.error) };
}

export interface OperationDefinition {
  type: OperationType;
  /** Express-style path (`:name` params). */
  path: string;
  /** OpenAPI-style path (`{name}` params). */
  openApiPath: string;
  summary: string;
  paramsSchema: z.ZodType;
  /** For transfer_ownership, the schema of ONE item of the batch. */
  bodySchema: z.ZodType;
}

const def = (type: OperationType, path: string, summary: string, paramsSchema: z.ZodType, bodySchema: z.ZodType): OperationDefinition => ({
  type,
  path,
  openApiPath: path.replace(/:([A-Za-z_]+)/g, '{$1}'),
  summary,
  paramsSchema,
  bodySchema,
});

/** docs/api.md: every operation, its route and its schemas. */
export const OPERATIONS = {
  create_loan: def('create_loan', '/v1/borrowers/:borrower_id/loans/:loan_id/create', 'Create loan', loanParamsSchema, createLoanBodySchema),
  cancel_loan: def('cancel_loan', '/v1/borrowers/:borrower_id/loans/:loan_id/cancel', 'Cancel loan', loanParamsSchema, cancelLoanBodySchema),
  create_waiver: def('create_waiver', '/v1/borrowers/:borrower_id/loans/:loan_id/waivers/:waiver_id/create', 'Create waiver', waiverParamsSchema, createWaiverBodySchema),
  create_consolidation: def('create_consolidation', '/v1/borrowers/:borrower_id/loans/consolidations/:consolidation_id/create', 'Create loan consolidation', consolidationParamsSchema, createConsolidationBodySchema),
  transfer_ownership: def('transfer_ownership', '/v1/borrowers/loans/transfer_ownership', 'Transfer loan ownerships (batch)', noParamsSchema, transferItemSchema),
  create_payment: def('create_payment', '/v1/borrowers/:borrower_id/payments/:payment_id/create', 'Create payment', paymentParamsSchema, createPaymentBodySchema),
  reverse_payment: def('reverse_payment', '/v1/borrowers/:borrower_id/payments/:payment_id/reverse', 'Reverse payment', paymentParamsSchema, reversePaymentBodySchema),
  create_reimbursement: def('create_reimbursement', '/v1/borrowers/:borrower_id/reimbursements/:reimbursement_id/create', 'Reimburse positive balance', reimbursementParamsSchema, createReimbursementBodySchema),
  charge_off_loan: def('charge_off_loan', '/v1/borrowers/:borrower_id/loans/:loan_id/charge_off', 'Charge off loan', loanParamsSchema, chargeOffLoanBodySchema),
  create_restructuring: def('create_restructuring', '/v1/borrowers/:borrower_id/loans/:loan_id/restructurings/:restructuring_id/create', 'Restructure loan', restructuringParamsSchema, createRestructuringBodySchema),
} as const satisfies Record<OperationType, OperationDefinition>;
