import { z } from 'zod';
import type { OperationType } from '@lsl/ledger';
import { EVENT_PAYLOAD_COMMON, type DomainEventDeclaration } from '../registry/define-operation.js';
import { OPERATIONS } from '../registry/registry.js';

/**
 * The domain events (docs/events.md "Types and payloads") with their payloads as the ledger
 * writes them: what `get_events` lists after the envelope and a webhook delivery carries as
 * `data`. Each operation's declaration (`registry/*.ts`, `events`) declares the events it emits;
 * this list is derived from the registry, in its order (an event two operations emit, such as
 * `loan.originated`, is listed once), then the close of business's own event. Every payload of
 * an operation's event has `kordev_id` (of the operation that caused it), `back_dated` and
 * `replayed_operations` (docs/events.md "Back-dated operations").
 */

/** `loan.delinquency_changed` (docs/events.md): the close of business's, caused by no operation. */
export const delinquencyChangedEvent = {
  type: 'loan.delinquency_changed',
  payload: z.strictObject({
    kordev_id: z.null().meta({ description: 'Null: the close of business caused it, not an operation' }),
    back_dated: z.literal(false),
    replayed_operations: z.literal(0),
    from: z.string().meta({ description: 'The delinquency bucket last reported (its code in the loan config)' }),
    to: z.string().meta({ description: 'The bucket the loan is in as of the day closed' }),
    days_past_due: z.number().int().meta({ description: 'As of the day closed' }),
  }),
} satisfies DomainEventDeclaration<'loan.delinquency_changed'>;

const day = z.string().meta({ format: 'date' });

/**
 * `promise.kept` (docs/events.md): reported by `apply` for whichever operation keeps a promise
 * (a payment, usually; docs/ledger.md "Promise to pay"), so no single declaration lists it.
 */
export const promiseKeptEvent = {
  type: 'promise.kept',
  payload: z.strictObject({
    ...EVENT_PAYLOAD_COMMON,
    promise_id: z.string(),
    amount: z.number().meta({ description: 'What the borrower promised' }),
    due_date: day.meta({ description: 'The last day a payment counts' }),
    paid_toward: z.number().meta({ description: 'What the payments that count add up to (at least `amount`)' }),
  }),
} satisfies DomainEventDeclaration<'promise.kept'>;

/** `promise.broken` (docs/events.md): the close of business's, caused by no operation. */
export const promiseBrokenEvent = {
  type: 'promise.broken',
  payload: z.strictObject({
    kordev_id: z.null().meta({ description: 'Null: the close of business judged it, not an operation' }),
    back_dated: z.literal(false),
    replayed_operations: z.literal(0),
    promise_id: z.string(),
    amount: z.number().meta({ description: 'What the borrower promised' }),
    due_date: day.meta({ description: 'The last day a payment counted' }),
    paid_toward: z.number().meta({ description: 'What the payments that counted added up to (less than `amount`)' }),
  }),
} satisfies DomainEventDeclaration<'promise.broken'>;

/** The events of the operations' declarations. */
type OperationEvent = { [K in OperationType]: (typeof OPERATIONS)[K]['events'][number] }[OperationType];

const declared: ReadonlyArray<OperationEvent | typeof delinquencyChangedEvent | typeof promiseKeptEvent | typeof promiseBrokenEvent> = [
  ...Object.values(OPERATIONS).flatMap((operation): readonly OperationEvent[] => operation.events),
  delinquencyChangedEvent,
  promiseKeptEvent,
  promiseBrokenEvent,
];

/** Every domain event type with its payload schema, each type once. */
export const DOMAIN_EVENTS = declared.filter((event, index) => declared.findIndex((other) => other.type === event.type) === index);

/** The payload schema of a domain event type. */
export function eventPayloadOf(type: DomainEventType): z.ZodObject {
  const event = DOMAIN_EVENTS.find((e) => e.type === type);
  if (event === undefined) throw new Error(`no domain event ${type}`);
  return event.payload;
}

/** A domain event's type: one an operation's declaration lists (`events`), or the close of business's. */
export type DomainEventType = (typeof DOMAIN_EVENTS)[number]['type'];
