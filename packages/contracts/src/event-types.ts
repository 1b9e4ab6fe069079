/**
 * Every event type the system reports, in one place: what a webhook subscription may name
 * (docs/webhooks.md) and what the event log holds. Operation events are written by the worker;
 * domain events by the ledger (`get_events` groups them as `loan_originated`, ...).
 */
export const OPERATION_EVENT_TYPES = ['operation.succeeded', 'operation.failed', 'batch.completed'] as const;

export const DOMAIN_EVENT_TYPES = [
  'loan.originated',
  'loan.cancelled',
  'loan.consolidated',
  'loan.restructured',
  'loan.charged_off',
  'loan.paid_off',
  'loan.ownership_transferred',
  'loan.delinquency_changed',
  'payment.applied',
  'payment.reversed',
  'waiver.applied',
  'positive_balance.reimbursed',
  'loan.balance_adjusted',
  'loan.cancellation_reverted',
  'loan.consolidation_cancelled',
  'promise.kept',
  'promise.broken',
] as const;

/** A domain event's type: what an operation's declaration lists (`events`). */
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

export const EVENT_TYPES = [...OPERATION_EVENT_TYPES, ...DOMAIN_EVENT_TYPES] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
