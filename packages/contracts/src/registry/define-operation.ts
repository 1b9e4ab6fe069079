/**
 * How contracts declares an operation type (docs/architecture.md, "Adding an operation"): its
 * route, the schemas of its path and body, its idempotency key, the configs it names, the rules
 * across fields, the ledger value it becomes, its result, the domain events it emits (each with
 * its payload schema), and its examples. Each type's declaration is one file of this folder;
 * `registry.ts` collects them, keyed by the ledger's operation types.
 */
import { z } from 'zod';
import type { LedgerOperations, OperationBodies, OperationType, ResolvedConfigs, ConfigKind, ConfigsByKind, UsuryTerms } from '@lsl/ledger';
import type { ConfigRef } from '../operations/config-refs.js';
import type { DueDateTerms } from '../due-dates.js';
import { DEFAULT_CONFIG_ID } from '../config-kinds.js';

/** The fields every ledger value gets from the operation's record, whatever its type. */
export interface RecordBase {
  seq: number;
  operationId: string;
  recordedAt: string;
  requestId: string | null;
}

/** What a declaration turns into its ledger value. */
export interface LedgerInput<P, B> {
  base: RecordBase;
  params: P;
  body: B;
  configs: ResolvedConfigs;
}

/** A request example: path parameters and body. */
export interface OperationExample {
  params: Record<string, string>;
  body: unknown;
}

/** The fields every domain event's payload has (docs/events.md "Types and payloads"). */
export const EVENT_PAYLOAD_COMMON = {
  kordev_id: z.number().int().meta({ description: 'The kordev_id of the operation that caused it' }),
  back_dated: z.boolean().meta({ description: 'True when operations effective later had already been applied (they were replayed after it)' }),
  replayed_operations: z.number().int().meta({ description: 'How many already-applied operations were replayed after it' }),
};

/** A domain event type, `<subject>.<verb>` (`loan.originated`), with its payload schema (closed). */
export interface DomainEventDeclaration<T extends string = string> {
  type: T;
  payload: z.ZodObject;
}

/**
 * Declares a domain event an operation emits: its payload's own fields (`kordev_id`,
 * `back_dated` and `replayed_operations` are added). The lists of event types webhooks accept,
 * the closed payload schemas of the OpenAPI document and get_events are derived from the
 * declarations (`webhooks/event-payloads.ts`).
 */
export function domainEvent<T extends `${string}.${string}`, S extends z.core.$ZodLooseShape>(type: T, shape: S) {
  return { type, payload: z.strictObject({ ...EVENT_PAYLOAD_COMMON, ...shape }) };
}

export interface OperationDeclaration<
  K extends OperationType,
  P extends Record<string, string> = Record<string, string>,
  R extends z.ZodType = z.ZodType,
  E extends readonly DomainEventDeclaration[] = readonly DomainEventDeclaration[],
> {
  type: K;
  /** Express-style path (`:name` params). */
  path: string;
  summary: string;
  paramsSchema: z.ZodType<P>;
  /** For a batch (`batch` set), the schema of ONE item. */
  bodySchema: z.ZodType<OperationBodies[K]>;
  /** A batch route: the request is an array of items, each its own operation (docs/api.md). */
  batch?: { docSchema: z.ZodType } | undefined;
  /** The ids stored as the record's `params`, when not the path's (a batch item names its own). */
  storedParamsOf?(params: P, body: OperationBodies[K]): Record<string, string>;
  /** The borrower whose queue the operation joins. */
  borrowerIdOf(params: P, body: OperationBodies[K]): string;
  /** The idempotency key's parts after the type (docs/api.md), joined by `/`. */
  naturalKeyOf(params: P, body: OperationBodies[K]): string[];
  /** The configs the body names (intake resolves each; unknown is a 400). */
  configRefsOf(body: OperationBodies[K]): ConfigRef[];
  /** Due dates the body gives: checked as calendar days in the lender's time zone at intake. */
  dueDatesOf?(body: OperationBodies[K]): { path: string; terms: DueDateTerms } | undefined;
  /** The rates usury `reject` looks at, for an operation that creates a loan (docs/ledger.md). */
  usuryTermsOf?(body: OperationBodies[K]): UsuryTerms;
  /** Rules across path and body, by field (`context.fields` of the 400). */
  crossFieldIssuesOf?(params: P, body: OperationBodies[K]): Record<string, string>;
  /** The ledger's value of a recorded operation (throws `MissingConfigError` for a config not stored). */
  toLedger(input: LedgerInput<P, OperationBodies[K]>): LedgerOperations[K];
  /**
   * The 200 body: describes exactly the ledger's result type of the operation
   * (`OperationResults[K]`; `registry.ts` fails the type-check otherwise).
   */
  resultSchema: R;
  /** Domain events a fresh application emits, with their payloads (docs/events.md). */
  events: E;
  example(): OperationExample;
  resultExample(): unknown;
}

/** Declares an operation: the identity, typed by its params schema, result schema and events (see `OperationDeclaration`). */
export function defineOperation<K extends OperationType, P extends Record<string, string>, R extends z.ZodType, const E extends readonly DomainEventDeclaration[]>(
  declaration: OperationDeclaration<K, P, R, E>,
): OperationDeclaration<K, P, R, E> {
  return declaration;
}

/** A config the operation needs and the record does not hold: a defect of the record. */
export class MissingConfigError extends Error {
  constructor(readonly kind: ConfigKind) {
    super(`recorded without its ${kind} config`);
    this.name = 'MissingConfigError';
  }
}

export function requiredConfig<K extends ConfigKind>(configs: ResolvedConfigs, kind: K): ConfigsByKind[K] {
  const config = configs[kind];
  if (config === undefined) throw new MissingConfigError(kind);
  return config;
}

/** A config reference: the body's id, or `DEFAULT` when it gives none. */
export function configRef(kind: ConfigKind, field: string, id: string | null | undefined): ConfigRef {
  return { kind, field, configId: typeof id === 'string' && id !== '' ? id : DEFAULT_CONFIG_ID };
}
