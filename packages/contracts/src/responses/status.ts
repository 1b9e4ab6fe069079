import { z } from 'zod';
import type { BorrowerStatus } from '@lsl/ledger';
import { BUCKET_TYPES, bucketTypeSchema } from '../buckets.js';
import { promiseStateSchema } from './promise-results.js';

/**
 * The get_status body (docs/reads.md), field for field: every object closed. The ledger builds
 * it (`statusAt`, packages/ledger/src/status.ts); `statusAgrees` below fails the type-check when
 * the two differ, and the end-to-end tests check every answer against the document.
 */

const day = (description: string) => z.string().meta({ format: 'date', description });
const money = (description: string) => z.number().meta({ description });
/** A closed object of one `schema` per bucket, in `BUCKET_TYPES` order (every bucket named: none can be missed). */
export const perBucket = <T extends z.ZodType>(schema: T) =>
  z.strictObject({
    late_fee: schema,
    daily_fee: schema,
    delinquency_interest: schema,
    installment_fee_2: schema,
    installment_fee: schema,
    interest: schema,
    principal: schema,
  });

export const bucketBalanceSchema = z
  .strictObject({
    initial_balance: money('Scheduled or accrued'),
    paid: money('Paid by payments and recoveries'),
    waived_off: money('Waived'),
    charged_off: money('Written off by a charge-off and not yet recovered'),
    closed: money('Closed by a cancellation or consolidation'),
    current: money('Outstanding on the first installment due on or after the calculation date'),
    overdue: money('Outstanding on installments due before the calculation date'),
    unpaid: money('overdue + current'),
    total: money('Everything outstanding'),
  })
  .meta({ id: 'BucketBalance' });

export const installmentBucketSchema = z
  .strictObject({
    initial_balance: z.number(),
    paid: z.number(),
    waived_off: z.number(),
    charged_off: z.number(),
    closed: money('Closed by a cancellation or consolidation'),
    outstanding: z.number(),
  })
  .meta({ id: 'InstallmentBucket' });

export const installmentStatusSchema = z
  .strictObject({
    number: z.number().int().min(1),
    due_date: z.string().meta({ format: 'date-time', description: "The end of the due day in the ledger's time zone" }),
    state: z.enum(['overdue', 'current', 'future']).meta({ description: '`current` on its due day, `overdue` from the day after' }),
    is_paid: z.boolean(),
    restructured: z.boolean().meta({ description: 'Closed by a restructuring; its amounts were carried into the new principal' }),
    scheduled_amount: money('Principal + interest + installment fees as scheduled'),
    outstanding: money('What the installment still owes, every bucket'),
    buckets: perBucket(installmentBucketSchema),
  })
  .meta({ id: 'InstallmentStatus' });

export const paymentAllocationStatusSchema = z
  .strictObject({ loan_id: z.string(), installment_number: z.number().int(), bucket: bucketTypeSchema, amount: z.number() })
  .meta({ id: 'PaymentAllocationStatus' });

export const paymentStatusSchema = z
  .strictObject({
    id: z.string().nullable().meta({ description: 'The payment id (or the operation id of an automatic application)' }),
    kordev_id: z.number().int().nullable().meta({ description: 'Null for what no operation of its own made (automatic applications)' }),
    type: z
      .enum(['payment', 'payoff', 'positive_balance_application', 'cancellation_refund'])
      .meta({ description: '`payment`; `payoff` (a payoff operation, docs/ledger.md "Payoff and prepayment"); `positive_balance_application` (the positive balance used automatically); `cancellation_refund` (what a cancellation returned to the positive balance)' }),
    payment_date: day('The ledger day of the payment'),
    amount: money('The amount (on a loan: what reached that loan)'),
    positive_balance_amount: money('To the positive balance (payments) or taken from it (applications)'),
    loan_id: z.string().nullable(),
    allocations: z.array(paymentAllocationStatusSchema),
    is_reversed: z.boolean().meta({ description: 'A reversed payment stays listed, nothing of it applied' }),
    reversal_date: day('The day of its reversal').nullable(),
  })
  .meta({ id: 'PaymentStatus' });

const ratesSchema = z.strictObject({ interest_rate: z.number(), delinquency_interest_rate: z.number() }).meta({ id: 'Rates' });

export const summarySchema = z
  .strictObject({
    days_past_due: z.number().int().meta({ description: 'Days since the oldest unpaid overdue installment fell due' }),
    immediate_payment_amount: money('Everything overdue, every bucket'),
    next_payment_amount: money('What falls due on the next due day that still owes something'),
    next_payment_date: day('That day; null when nothing is due any more').nullable(),
    full_payment_amount: money('Everything outstanding (future interest is not rebated)'),
    charged_off_amount: money('Written off by charge-offs and not yet recovered; not in the amounts due'),
  })
  .meta({ id: 'StatusSummary' });

export const loanAttributesSchema = z
  .strictObject({
    id: z.string(),
    kordev_id: z.number().int(),
    amount_financed: z.number(),
    config_id: z.string(),
    due_dates: z.array(z.string().meta({ format: 'date-time' })),
    fixed_installment_amount: money('Principal + interest of each installment'),
    interest_rates: z
      .strictObject({ fixed: ratesSchema, applicable: ratesSchema })
      .meta({ description: "The lender's rates (`fixed`) and the ones the ledger applies after the usury cap (`applicable`)" }),
    daily_fee_charge: z.number().nullable(),
    installment_fee_charge: z.number().nullable(),
    installment_fee_2_charge: z.number().nullable(),
    guarantee_provider: z.string().nullable(),
    is_cancelled: z.boolean(),
    cancellation_date: day('The day of its cancellation').nullable(),
    chargeoff_date: day('The charge-off day (docs/ledger.md "Charge-off")').nullable(),
    installment_amount_at_origination: money("The first installment's scheduled principal, interest and installment fees at origination"),
    is_consolidated: z.boolean(),
    consolidated_into: z.string().nullable().meta({ description: 'The loan it was consolidated into' }),
    consolidation_date: day('The day of its consolidation').nullable(),
    original_loans: z.array(z.string()).nullable().meta({ description: 'For a consolidation loan: the loans it consolidated' }),
    owner: z.string().nullable().meta({ description: 'The owner on the calculation date' }),
    origination_date: z.string().meta({ format: 'date-time' }),
    paid_off_date: day('The day it was paid off').nullable(),
  })
  .meta({ id: 'LoanAttributes' });

/** docs/ledger.md "Delinquency": a loan's days past due on the calculation day and its bucket. */
export const delinquencySchema = z
  .strictObject({
    days_past_due: z.number().int().min(0).meta({ description: "Calculation day minus the due day of the loan's oldest installment still owing; 0 when none is past due" }),
    bucket: z.string().meta({ description: "The loan config's `delinquency_buckets` code the days past due fall in" }),
    since: z.string().nullable().meta({ format: 'date', description: 'The first day past due of the installment that sets `days_past_due`; null when current' }),
  })
  .meta({ id: 'Delinquency' });

export const loanStatusSchema = z
  .strictObject({
    attributes: loanAttributesSchema,
    delinquency: delinquencySchema,
    balance_detail: z.strictObject({ at_calculation_date: perBucket(bucketBalanceSchema) }),
    installments: z.array(installmentStatusSchema),
    payments: z.array(paymentStatusSchema).meta({ description: 'Each payment touching the loan, with what reached it' }),
    restructurings: z.array(z.strictObject({ id: z.string(), effective_date: day('Its effective day'), principal: z.number() })),
    prepayments: z
      .array(z.strictObject({
        payment_id: z.string(),
        date: day('The ledger day of the payment'),
        amount: money('What went to future principal'),
        effect: z.enum(['reduce_term', 'reduce_installment']),
      }))
      .meta({ description: 'Payments that prepaid future principal and recomputed the schedule (docs/ledger.md, "Payoff and prepayment")' }),
    summary: summarySchema,
  })
  .meta({ id: 'LoanStatus' });

/** A promise to pay as of the calculation day. */
export const promiseStatusSchema = z
  .strictObject({
    id: z.string(),
    loan_id: z.string().nullable().meta({ description: 'Only payments to this loan count; null: every payment of the borrower' }),
    amount: money('What the borrower promised'),
    due_date: day('The last day a payment counts'),
    state: promiseStateSchema,
    paid_toward: money('What the payments that count add up to, through the calculation day (and the due date)'),
  })
  .meta({ id: 'PromiseStatus' });

/** `GET /v1/borrowers/{borrower_id}/get_status`. */
export const borrowerStatusSchema = z
  .strictObject({
    request_id: z.string().nullable().meta({ description: 'The `request_id` query parameter, echoed; null without one' }),
    borrower_id: z.string(),
    calculation_date: day('The day of the status'),
    loans: z.array(loanStatusSchema),
    positive_balance: money('Money received and not yet applied'),
    payments: z.array(paymentStatusSchema).meta({ description: 'Every payment, including automatic applications of the positive balance' }),
    summary: summarySchema,
    promises: z
      .array(promiseStatusSchema)
      .meta({ description: 'Promises to pay effective on or before the calculation day, in creation order (docs/ledger.md "Promise to pay")' }),
  })
  .meta({ id: 'BorrowerStatus' });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The schema and the ledger's `BorrowerStatus` describe the same body (a type-check error otherwise). */
export const statusAgrees: Same<Omit<z.output<typeof borrowerStatusSchema>, 'request_id'>, BorrowerStatus> = true;
