/** create_fee: its route, schemas, key, configs, ledger value, events and examples. */
import { z } from 'zod';
import { amountSchema, dateTimeSchema, idSchema, occurredOnSchema, requestIdSchema } from '../primitives.js';
import { defineOperation, domainEvent } from './define-operation.js';

const feeSchema = z.looseObject({ amount: amountSchema, effective_date: dateTimeSchema }).meta({ id: 'Fee' });
const createFeeBodySchema = z.object({ fee: feeSchema, occurred_on: occurredOnSchema, request_id: requestIdSchema }).meta({ id: 'CreateFeeRequest' });
const createFeeResultSchema = z
  .strictObject({ fee: feeSchema, id: z.string(), kordev_id: z.number().int().min(1), loan_id: z.string(), request_id: z.string().nullable() })
  .meta({ id: 'CreateFeeResult' });
const feeCharged = domainEvent('loan.fee_charged', { fee_id: z.string(), amount: z.number() });

export const createFee = defineOperation({
  type: 'create_fee',
  path: '/v1/borrowers/:borrower_id/loans/:loan_id/fees/:fee_id/create',
  summary: 'Charge a fee',
  paramsSchema: z.object({ borrower_id: idSchema, loan_id: idSchema, fee_id: idSchema }),
  bodySchema: createFeeBodySchema,
  borrowerIdOf: (p) => p.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.loan_id, p.fee_id],
  configRefsOf: () => [],
  toLedger: ({ base, params, body }) => ({ ...base, type: 'create_fee', body, loanId: params.loan_id, feeId: params.fee_id }),
  resultSchema: createFeeResultSchema,
  events: [feeCharged],
  example: () => ({ params: { borrower_id: 'B1', loan_id: 'L1', fee_id: 'F1' }, body: { fee: { amount: 5000, effective_date: '2020-01-15T10:00:00-05:00' }, request_id: 'string' } }),
  resultExample: () => ({ fee: { amount: 5000, effective_date: '2020-01-15T10:00:00-05:00' }, id: 'F1', kordev_id: 2, loan_id: 'L1', request_id: 'string' }),
});
