import { z } from 'zod';
import { DOMAIN_EVENT_TYPES } from '../event-types.js';

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

export const domainEventSchema = z
  .looseObject({
    id: z.string().meta({ format: 'uuid' }),
    occurred_on: z.string().meta({ format: 'date-time', description: 'When the operation that caused it was recorded' }),
    effective_date: z.string().meta({ format: 'date', description: 'The ledger day the event takes effect' }),
    operation_id: z.string().meta({ format: 'uuid' }),
    loan_id: z.string().optional().meta({ description: 'Absent for events of no single loan (payments)' }),
    kordev_id: z.number().int(),
    back_dated: z.boolean().meta({ description: 'True when operations effective later had already been applied (they were replayed after it)' }),
    replayed_operations: z.number().int().meta({ description: 'How many already-applied operations were replayed after it' }),
  })
  .meta({ id: 'DomainEvent', description: 'The event envelope; the type\'s payload fields follow (docs/events.md)' });

export const borrowerEventsSchema = z
  .looseObject({
    borrower_id: z.string(),
    events: z.record(z.string(), z.array(domainEventSchema)).meta({ description: 'Keyed by type: loan_originated, payment_applied, ...' }),
    limit: z.number().int(),
    next_cursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last' }),
  })
  .meta({ id: 'BorrowerEvents' });

const dateQuery = (description: string) => z.iso.date({ error: 'Must be a date YYYY-MM-DD' }).optional().meta({ description });

export const getEventsQuerySchema = z.object({
  type: z
    .string()
    .optional()
    .meta({ description: 'Comma-separated types, as grouped (`payment_applied`) or as webhooks name them (`payment.applied`)' }),
  from_date: dateQuery('Only events effective on or after this day'),
  to_date: dateQuery('Only events effective on or before this day'),
  cursor: z.string().optional().meta({ description: '`next_cursor` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(1000).optional().meta({ description: 'Events per page (default 100)' }),
});
