/**
 * How the ledger declares an operation type (docs/architecture.md, "Adding an operation"): the
 * body it reads, the value the pipeline hands it (`OperationBase` plus the ids and configs the
 * operation needs), the instant it takes effect at, its handler and the 200 body the handler
 * answers (its result type), and the history steps it writes. Each type's declaration lives in
 * its own file of this folder; `registry.ts` collects them.
 */
import type { OpContext, Outcome } from '../context.js';

/** What every body may carry. */
export interface BodyBase {
  occurred_on?: string | undefined;
  request_id?: string | null | undefined;
}

/** Open objects: the lender's additional properties are kept and echoed. */
export type Open = { [extra: string]: unknown };

export interface OperationBase<T extends string, B extends BodyBase> {
  type: T;
  /** Per-borrower acceptance sequence number (1, 2, 3, ...), the order of application. */
  seq: number;
  /** The operation id assigned at intake (uuid). */
  operationId: string;
  /** When the operation counts as recorded: `occurred_on` if is_migration, else acceptance time. */
  recordedAt: string;
  /** The `request_id` echoed in results (may be undefined). */
  requestId?: string | null;
  /** The request body, as the contracts schema of its type outputs it. */
  body: B;
}

/** Any operation value, whatever its type (what handlers' common helpers read). */
export type AnyOperation = OperationBase<string, BodyBase>;

/**
 * History steps an operation writes: the engine's step name (what the handler passes to the
 * draft) → the `step_type` reads show, Kordev's upper snake case (docs/ledger.md, "History").
 */
export type StepTypes = { readonly [engineStep: string]: string };

/**
 * The ledger side of one operation type; `Result` is its 200 body (the seed body of the type),
 * `Events` the domain event types it emits (`never`: none).
 */
export interface LedgerOperationDeclaration<Op extends AnyOperation, Result extends object, Events extends string = never> {
  /**
   * The instant the operation takes effect at, as the body gives it; `undefined` or blank: the
   * instant it was recorded.
   */
  effectiveInstant(op: Op): string | undefined;
  /** Applies the operation to a draft already advanced to its effective day. */
  handle(ctx: OpContext<Op>): Outcome<Result, Events>;
  /** The history steps it writes that no other declaration (nor the accruals) names. */
  steps: StepTypes;
}

/**
 * Declares an operation: `Op` its ledger value, `Result` its 200 body (what `handle` answers
 * with `sortedBody<Result>({...})`; contracts' `resultSchema` must describe exactly this type),
 * `Events` the domain event types its handler may emit (contracts' `events` must list exactly
 * these).
 */
export function defineLedgerOperation<Op extends AnyOperation, Result extends object, Events extends string = never>(
  declaration: LedgerOperationDeclaration<Op, Result, Events>,
): LedgerOperationDeclaration<Op, Result, Events> {
  return declaration;
}

/** The result type of a declaration. */
export type ResultOf<D> = D extends { handle(ctx: never): Outcome<infer R, string> } ? R : never;

/** The domain event types of a declaration. */
export type EventsOf<D> = D extends { handle(ctx: never): Outcome<object, infer E> } ? E : never;
