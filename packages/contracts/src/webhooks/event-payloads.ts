import { z } from 'zod';
import type { OperationType } from '@lsl/ledger';
import type { DomainEventDeclaration } from '../registry/define-operation.js';
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

/** The events of the operations' declarations. */
type OperationEvent = { [K in OperationType]: (typeof OPERATIONS)[K]['events'][number] }[OperationType];

const declared: ReadonlyArray<OperationEvent | typeof delinquencyChangedEvent> = [
  ...Object.values(OPERATIONS).flatMap((operation): readonly OperationEvent[] => operation.events),
  delinquencyChangedEvent,
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
