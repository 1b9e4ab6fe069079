/**
 * How contracts declares an operation type (docs/architecture.md, "Adding an operation"): its
 * route, the schemas of its path and body, its idempotency key, the configs it names, the rules
 * across fields, the ledger value it becomes, its result, and what it shows in the reference
 * (examples, step types, domain events). Each type's declaration is one file of this folder;
 * `registry.ts` collects them, keyed by the ledger's operation types.
 */
import type { z } from 'zod';
import type { LedgerOperations, OperationBodies, OperationType, ResolvedConfigs, ConfigKind, ConfigsByKind, UsuryTerms } from '@lsl/ledger';
import type { DomainEventType } from '../event-types.js';
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

export interface OperationDeclaration<K extends OperationType, P extends Record<string, string> = Record<string, string>> {
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
  /** The 200 body (the seed body of the type). */
  resultSchema: z.ZodType;
  /** History `step_type`s the operation writes (engine names, docs/ledger.md "History"). */
  stepTypes: readonly string[];
  /** Domain events a fresh application emits (docs/events.md). */
  events: readonly DomainEventType[];
  example(): OperationExample;
  resultExample(): unknown;
}

/** Declares an operation: the identity, typed by its params schema (see `OperationDeclaration`). */
export function defineOperation<K extends OperationType, P extends Record<string, string>>(declaration: OperationDeclaration<K, P>): OperationDeclaration<K, P> {
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
