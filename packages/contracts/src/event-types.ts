/**
 * Every event type the system reports: what a webhook subscription may name (docs/webhooks.md)
 * and what the event log holds. Operation events are written by the worker; domain events by
 * the ledger (`get_events` groups them as `loan_originated`, ...), declared with the operation
 * that emits them (webhooks/event-payloads.ts derives their list from the registry).
 */
import { DOMAIN_EVENTS, type DomainEventType } from './webhooks/event-payloads.js';

export type { DomainEventType };

export const OPERATION_EVENT_TYPES = ['operation.succeeded', 'operation.failed', 'batch.completed'] as const;

export type OperationEventType = (typeof OPERATION_EVENT_TYPES)[number];

export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = DOMAIN_EVENTS.map((event) => event.type);

export type EventType = OperationEventType | DomainEventType;

export const EVENT_TYPES: readonly EventType[] = [...OPERATION_EVENT_TYPES, ...DOMAIN_EVENT_TYPES];

export function isEventType(value: string): value is EventType {
  return EVENT_TYPES.some((type) => type === value);
}

export function isDomainEventType(value: string): value is DomainEventType {
  return DOMAIN_EVENT_TYPES.some((type) => type === value);
}
