import { z } from 'zod';
import { idSchema } from '../primitives.js';

export const loanParamsSchema = z.object({ borrower_id: idSchema, loan_id: idSchema });
export const waiverParamsSchema = z.object({ borrower_id: idSchema, loan_id: idSchema, waiver_id: idSchema });
export const consolidationParamsSchema = z.object({ borrower_id: idSchema, consolidation_id: idSchema });
export const paymentParamsSchema = z.object({ borrower_id: idSchema, payment_id: idSchema });
export const reimbursementParamsSchema = z.object({ borrower_id: idSchema, reimbursement_id: idSchema });
export const restructuringParamsSchema = z.object({ borrower_id: idSchema, loan_id: idSchema, restructuring_id: idSchema });
export const payoffParamsSchema = z.object({ borrower_id: idSchema, loan_id: idSchema, payoff_id: idSchema });
export const promiseParamsSchema = z.object({ borrower_id: idSchema, promise_id: idSchema });
/** The transfer batch has no path parameters: each item names its borrower and loan. */
export const noParamsSchema = z.object({});

export type LoanParams = z.output<typeof loanParamsSchema>;
export type WaiverParams = z.output<typeof waiverParamsSchema>;
export type ConsolidationParams = z.output<typeof consolidationParamsSchema>;
export type PaymentParams = z.output<typeof paymentParamsSchema>;
export type ReimbursementParams = z.output<typeof reimbursementParamsSchema>;
export type RestructuringParams = z.output<typeof restructuringParamsSchema>;
export type PayoffParams = z.output<typeof payoffParamsSchema>;
export type PromiseParams = z.output<typeof promiseParamsSchema>;
