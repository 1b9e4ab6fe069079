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

/** The operation types, named as the ledger names them (`LedgerOperation['type']`). */
export const OPERATION_TYPES = [
  'create_loan',
  'cancel_loan',
  'create_waiver',
  'create_consolidation',
  'transfer_ownership',
  'create_payment',
  // Lifecycle operations (docs/ledger.md).
  'reverse_payment',
  'create_reimbursement',
  'charge_off_loan',
  'create_restructuring',
] as const;

export type OperationType = (typeof OPERATION_TYPES)[number];

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

export function isOperationType(value: unknown): value is OperationType {
  return typeof value === 'string' && (OPERATION_TYPES as readonly string[]).includes(value);
}
