import { z } from 'zod';
import { loanRestructuringSchema } from '../operations/create-restructuring.js';
import { reimbursementSchema } from '../operations/create-reimbursement.js';

const kordevId = z.number().int().min(1).meta({ description: 'Unique per borrower, assigned in order (1, 2, 3, ...)' });
const requestId = z.string().nullable().meta({ description: 'Echoed unmodified from the request.' });
const dateTime = z.string().meta({ format: 'date-time' });

/** 200 of reverse payment (docs/ledger.md "Payment reversal"). */
export const reversePaymentResultSchema = z
  .strictObject({
    id: z.string().meta({ description: 'The reversal operation id.' }),
    kordev_id: kordevId,
    payment_id: z.string(),
    reason: z.string().nullable(),
    request_id: requestId,
    reversed_amount: z.number(),
  })
  .meta({ id: 'ReversePaymentResult' });

/** 200 of reimburse positive balance (docs/ledger.md "Reimbursement"). */
export const createReimbursementResultSchema = z
  .strictObject({
    id: z.string().meta({ description: 'The reimbursement id.' }),
    kordev_id: kordevId,
    positive_balance_after: z.number(),
    reimbursement: z.looseObject(reimbursementSchema.shape),
    request_id: requestId,
  })
  .meta({ id: 'CreateReimbursementResult' });

/** 200 of charge off loan (docs/ledger.md "Charge-off"). */
export const chargeOffLoanResultSchema = z
  .strictObject({
    charged_off_amount: z.number(),
    effective_date: dateTime,
    id: z.string().meta({ description: 'The charge-off operation id.' }),
    kordev_id: kordevId,
    loan_id: z.string(),
    request_id: requestId,
  })
  .meta({ id: 'ChargeOffLoanResult' });

/** 200 of restructure loan (docs/ledger.md "Restructuring"). */
export const createRestructuringResultSchema = z
  .strictObject({
    fixed_installment_amount: z.number(),
    id: z.string().meta({ description: 'The restructuring id.' }),
    kordev_id: kordevId,
    loan_id: z.string(),
    loan_restructuring: z.looseObject(loanRestructuringSchema.shape),
    new_principal: z.number(),
    request_id: requestId,
  })
  .meta({ id: 'CreateLoanRestructuringResult' });
