import { z } from 'zod';
import { BUCKET_TYPES, waiverScopeSchema } from '../buckets.js';
import type { DOMAIN_EVENT_TYPES } from '../event-types.js';
import { paymentAllocationSchema } from '../operations/create-payment.js';
import { payoffBreakdownSchema } from '../responses/payoff.js';
import { appliedAllocationSchema, bucketStatesSchema } from '../responses/seed-results.js';

/**
 * The payload of each domain event type (docs/events.md "Types and payloads"), as the ledger
 * writes it: what `get_events` lists after the envelope and a webhook delivery carries as `data`.
 * Every payload has `kordev_id` (of the operation that caused it), `back_dated` and
 * `replayed_operations` (docs/events.md "Back-dated operations").
 */
const common = {
  kordev_id: z.number().int().meta({ description: 'The kordev_id of the operation that caused it' }),
  back_dated: z.boolean().meta({ description: 'True when operations effective later had already been applied (they were replayed after it)' }),
  replayed_operations: z.number().int().meta({ description: 'How many already-applied operations were replayed after it' }),
};
const day = z.string().meta({ format: 'date' });
const dateTime = z.string().meta({ format: 'date-time' });

export const DOMAIN_EVENT_PAYLOADS = {
  'loan.originated': z.strictObject({
    ...common,
    amount_financed: z.number(),
    config_id: z.string(),
    delinquency_interest_rate: z.number().meta({ description: 'Applicable (after the usury cap)' }),
    due_dates: z.array(dateTime).meta({ description: 'The end of each due day' }),
    fixed_installment_amount: z.number(),
    installment_amount_at_origination: z.number(),
    interest_rate: z.number().meta({ description: 'Applicable (after the usury cap)' }),
    number_of_installments: z.number().int(),
    origination_date: z.string().meta({ description: 'As sent' }),
    original_loans: z.array(z.string()).nullable().meta({ description: "A consolidation's original loans, else null" }),
    owner: z.string().nullable(),
  }),
  'loan.cancelled': z.strictObject({
    ...common,
    cancellation_date: dateTime.meta({ description: 'As sent, or the recording time' }),
    refunded_to_positive_balance: z.number().meta({ description: 'What had been paid on the loan' }),
  }),
  'loan.consolidated': z.strictObject({
    ...common,
    carried_amount: z.number().meta({ description: 'What this loan carried into the new principal' }),
    consolidated_into: z.string(),
    consolidation_id: z.string().meta({ description: 'The new loan (= consolidated_into)' }),
    waived_amount: z.number().meta({ description: "Waived by the consolidation config's waivers" }),
  }),
  'loan.restructured': z.strictObject({
    ...common,
    due_dates: z.array(dateTime),
    fixed_installment_amount: z.number(),
    new_principal: z.number(),
    restructuring_id: z.string(),
  }),
  'loan.charged_off': z.strictObject({
    ...common,
    charged_off_amount: z.number(),
    effective_date: dateTime,
    reason: z.string().nullable(),
  }),
  'loan.ownership_transferred': z.strictObject({
    ...common,
    new_owner: z.string(),
    previous_owner: z.string().nullable(),
    transferred_amounts: z.strictObject({ installment_fee: bucketStatesSchema, interest: bucketStatesSchema, principal: bucketStatesSchema }),
  }),
  'payment.applied': z.strictObject({
    ...common,
    amount_paid: z.number(),
    applied_allocations: z.array(appliedAllocationSchema),
    payment_allocations: z.array(paymentAllocationSchema).nullable().meta({ description: 'As sent' }),
    payment_date: z.string().nullable().meta({ description: 'As sent' }),
    payment_id: z.string(),
    positive_balance_amount: z.number(),
  }),
  'payment.reversed': z.strictObject({
    ...common,
    payment_date: day,
    payment_id: z.string(),
    reason: z.string().nullable(),
    reversed_amount: z.number(),
  }),
  'waiver.applied': z.strictObject({
    ...common,
    amount: z.number().nullable().meta({ description: 'As sent' }),
    bucket: waiverScopeSchema.nullable().meta({ description: 'As sent: a bucket, or a scope such as `all`' }),
    percentage: z.number().nullable().meta({ description: 'As sent' }),
    reason: z.string().nullable().meta({ description: 'As sent' }),
    type: z.string().meta({ description: 'As sent' }),
    waived_amount: z.number().meta({ description: 'What was waived' }),
    waiver_id: z.string(),
  }),
  'positive_balance.reimbursed': z.strictObject({
    ...common,
    positive_balance_after: z.number(),
    reimbursement_id: z.string(),
    value: z.number().meta({ description: 'What was reimbursed' }),
  }),
  'loan.paid_off': z.strictObject({
    ...common,
    payoff_id: z.string(),
    payment_date: z.string().meta({ description: 'As sent' }),
    paid_off_date: day.meta({ description: 'The ledger day the loan was paid off' }),
    amount_paid: z.number(),
    payoff_amount: z.number().meta({ description: 'The quote paid' }),
    to_positive_balance: z.number().meta({ description: 'What was paid above the quote' }),
    breakdown: payoffBreakdownSchema,
  }),
  'loan.balance_adjusted': z.strictObject({
    ...common,
    adjustment_id: z.string(),
    bucket: z.enum(BUCKET_TYPES),
    installment: z.number().int().meta({ description: 'The installment number adjusted (from 1)' }),
    amount: z.number().meta({ description: 'Signed: what was added (positive) or removed (negative)' }),
    balance_after: z.number().meta({ description: 'What the bucket of that installment owes after it' }),
    reason: z.string().nullable().meta({ description: 'As sent' }),
  }),
  'loan.cancellation_reverted': z.strictObject({
    ...common,
    cancellation_date: z.string().nullable().meta({ description: 'Of the cancellation taken out, as sent' }),
    reason: z.string().nullable().meta({ description: 'As sent' }),
  }),
  'loan.consolidation_cancelled': z.strictObject({
    ...common,
    consolidation_id: z.string(),
    consolidation_date: z.string().nullable().meta({ description: 'Of the consolidation taken out, as sent' }),
    original_loans: z.array(z.string()).meta({ description: 'The loans it had consolidated, open again' }),
    reason: z.string().nullable().meta({ description: 'As sent' }),
  }),
  'loan.delinquency_changed': z.strictObject({
    kordev_id: z.null().meta({ description: 'Null: the close of business caused it, not an operation' }),
    back_dated: z.literal(false),
    replayed_operations: z.literal(0),
    from: z.string().meta({ description: 'The delinquency bucket last reported (its code in the loan config)' }),
    to: z.string().meta({ description: 'The bucket the loan is in as of the day closed' }),
    days_past_due: z.number().int().meta({ description: 'As of the day closed' }),
  }),
  'promise.kept': z.strictObject({
    ...common,
    promise_id: z.string(),
    amount: z.number().meta({ description: 'What the borrower promised' }),
    due_date: day.meta({ description: 'The last day a payment counts' }),
    paid_toward: z.number().meta({ description: 'What the payments that count add up to (at least `amount`)' }),
  }),
  'promise.broken': z.strictObject({
    kordev_id: z.null().meta({ description: 'Null: the close of business judged it, not an operation' }),
    back_dated: z.literal(false),
    replayed_operations: z.literal(0),
    promise_id: z.string(),
    amount: z.number().meta({ description: 'What the borrower promised' }),
    due_date: day.meta({ description: 'The last day a payment counted' }),
    paid_toward: z.number().meta({ description: 'What the payments that counted added up to (less than `amount`)' }),
  }),
} satisfies Record<(typeof DOMAIN_EVENT_TYPES)[number], z.ZodType>;
