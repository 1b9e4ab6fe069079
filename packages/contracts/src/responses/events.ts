import { z } from 'zod';
import { DOMAIN_EVENT_TYPES, type DomainEventType } from '../event-types.js';
import { eventPayloadOf } from '../webhooks/event-payloads.js';
import { isCalendarDay } from '../parse-query.js';

/**
 * `GET /v1/borrowers/{borrower_id}/get_events` (docs/events.md): the borrower's domain events,
 * grouped by type as Kordev does. The types docs/reads.md names are always present (an empty list
 * when there are none); a type the ledger adds later appears as soon as it has events. The
 * types themselves are listed once, in event-types.ts (webhook subscriptions name them too).
 */
export const DOMAIN_EVENT_GROUPS: readonly string[] = DOMAIN_EVENT_TYPES.map(eventGroupOf);

/** `loan.originated` (the stored and webhook name) ↔ `loan_originated` (the group). */
export function eventGroupOf(type: string): string {
  return type.replace(/\./g, '_');
}

const envelope = {
  id: z.string().meta({ format: 'uuid' }),
  occurred_on: z.string().meta({ format: 'date-time', description: 'When the operation that caused it was recorded' }),
  effective_date: z.string().meta({ format: 'date', description: 'The ledger day the event takes effect' }),
  operation_id: z.string().meta({ format: 'uuid' }),
};
/** The envelope's names: a payload field of the same name is not listed (the envelope wins). */
const ENVELOPE_KEYS = new Set([...Object.keys(envelope), 'loan_id']);

/** Events the close of business records (docs/events.md): no operation caused them. */
const NO_OPERATION: ReadonlySet<DomainEventType> = new Set(['loan.delinquency_changed', 'promise.broken']);

/** Events of one loan carry `loan_id`; the others (payments, reimbursements) have none. */
const hasLoan = (type: DomainEventType) => type.startsWith('loan.') || type === 'waiver.applied';

/** A promise's events carry `loan_id` when the promise names a loan (docs/ledger.md "Promise to pay"). */
const mayHaveLoan = (type: DomainEventType) => type.startsWith('promise.');

/** One event of `type` as get_events lists it: the envelope, then the type's payload (docs/events.md). */
export function domainEventSchemaOf(type: DomainEventType) {
  const payload = Object.fromEntries(Object.entries(eventPayloadOf(type).shape).filter(([key]) => !ENVELOPE_KEYS.has(key)));
  const pascal = type.split(/[._]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return z
    .strictObject({ ...envelope, ...(NO_OPERATION.has(type) ? { operation_id: envelope.operation_id.nullable().meta({ description: 'Null: the close of business caused it, not an operation' }) } : {}), ...(hasLoan(type) ? { loan_id: z.string() } : {}), ...(mayHaveLoan(type) ? { loan_id: z.string().optional().meta({ description: 'The loan the promise names; absent when it names none' }) } : {}), ...payload })
    .meta({ id: `${pascal}Event` });
}

export const borrowerEventsSchema = z
  .strictObject({
    borrower_id: z.string(),
    events: z
      .strictObject(Object.fromEntries(DOMAIN_EVENT_TYPES.map((type) => [eventGroupOf(type), z.array(domainEventSchemaOf(type))])))
      .meta({ description: 'Keyed by type (loan_originated, payment_applied, ...): every type, an empty list when it has no event on this page' }),
    limit: z.number().int(),
    next_cursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last' }),
  })
  .meta({ id: 'BorrowerEvents' });

/** A read parameter given twice arrives as a list (Express's simple query parser): one value only. */
const GIVE_ONCE = 'Give it once';
const onceOr = (message: string) => (issue: { input?: unknown }) => (Array.isArray(issue.input) ? GIVE_ONCE : message);

/** The stored (and webhook) name of a type given either way: `payment_applied` → `payment.applied`. */
export function storedTypeOf(type: string): string {
  if (type.includes('.')) return type;
  const known: Record<string, string> = { positive_balance_reimbursed: 'positive_balance.reimbursed' };
  if (known[type] !== undefined) return known[type]!;
  const i = type.indexOf('_');
  return `${type.slice(0, i)}.${type.slice(i + 1)}`;
}

const EVENT_TYPE = /^[a-z][a-z_]*[._][a-z_]+$/;

/** `type=a,b`: domain event types only (not the operation or batch lifecycle), as stored names. */
const eventTypesQuery = z.string({ error: GIVE_ONCE }).transform((raw, ctx) => {
  const given = raw.split(',').map((t) => t.trim()).filter(Boolean);
  const unknown = given.filter((t) => !EVENT_TYPE.test(t) || t.startsWith('operation') || t.startsWith('batch'));
  const last = unknown[unknown.length - 1];
  if (last !== undefined) {
    ctx.addIssue({ code: 'custom', message: `Unknown event type '${last}': a domain event type such as payment_applied or payment.applied` });
    return z.NEVER;
  }
  // Stored as `loan.originated`; the first underscore-or-dot separates subject and verb for
  // the types of docs/reads.md (positive_balance.reimbursed has two words in its subject).
  return given.map(storedTypeOf);
});

const dateQuery = (description: string) =>
  z
    .string({ error: GIVE_ONCE })
    .refine(isCalendarDay, { error: 'Must be a calendar date YYYY-MM-DD' })
    .optional()
    .meta({ format: 'date', description });

/** Largest events page. */
export const MAX_EVENTS_PAGE = 1000;

/**
 * The query of get_events (docs/events.md), as documented and as the route parses it: every bad
 * parameter is named in one 400 (`parseQuery`).
 */
export const getEventsQuerySchema = z
  .object({
    type: eventTypesQuery
      .optional()
      .meta({ description: 'Comma-separated types, as grouped (`payment_applied`) or as webhooks name them (`payment.applied`)' }),
    from_date: dateQuery('Only events effective on or after this day'),
    to_date: dateQuery('Only events effective on or before this day'),
    cursor: z
      .string({ error: GIVE_ONCE })
      .refine((v) => /^\d{1,18}$/.test(v), { error: 'Must be the next_cursor of a previous page' })
      .optional()
      .meta({ description: '`next_cursor` of the previous page' }),
    limit: z
      .preprocess(
        (v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v),
        z.number({ error: onceOr(`Must be an integer from 1 to ${MAX_EVENTS_PAGE}`) }).int().min(1, { error: `Must be an integer from 1 to ${MAX_EVENTS_PAGE}` }).max(MAX_EVENTS_PAGE, { error: `Must be an integer from 1 to ${MAX_EVENTS_PAGE}` }),
      )
      .optional()
      .meta({ description: 'Events per page (default 100)' }),
  })
  .superRefine((q, ctx) => {
    // Checked even when another parameter is bad, so one 400 names every problem.
    const { from_date: from, to_date: to } = q as { from_date?: unknown; to_date?: unknown };
    if (typeof from === 'string' && typeof to === 'string' && isCalendarDay(from) && isCalendarDay(to) && from > to) {
      ctx.addIssue({ code: 'custom', path: ['to_date'], message: 'Must not be before from_date' });
    }
  }, { when: () => true });
