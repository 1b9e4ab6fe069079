import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError, bodyFingerprint as requestHash, recordedAtOf, type ParsedOperationOf } from '@lsl/contracts';
import type { OperationType } from '@lsl/ledger';
import {
  findOperationByNaturalKey,
  insertOperationWithSeq,
  isStaleConfig,
  isUniqueViolation,
  type AcceptOperationInput,
  type Database,
  type OperationRow,
} from '@lsl/db';
import { encodeOperation, resolveConfigs, type ConfigCache } from '@lsl/ledger-store';
import { operationsAccepted } from '@lsl/telemetry';

export interface AcceptContext {
  db: Kysely<Database>;
  now?: () => Date;
  /** Records the operation durably with its sequence number (default: on its own; intake groups them: `GroupRecorder`). */
  record?: (input: AcceptOperationInput) => Promise<OperationRow>;
  /** Intake's cache of resolved configs (`ConfigCache`): stale entries are caught when recording. */
  configCache?: ConfigCache;
}

/** A config made stale between its look-up and the insert: resolve again, this many times at most. */
const STALE_CONFIG_ATTEMPTS = 3;

export interface AcceptOptions {
  /** The body exactly as the lender sent it: what results echo. */
  rawBody: unknown;
  idempotencyKey?: string | null;
  batch?: { id: string; index: number };
}

export interface Accepted {
  row: OperationRow;
  /** True when this was a resubmission of an operation already accepted. */
  replayed: boolean;
}

/** The parts that make two submissions "the same operation with the same body". */
function hashOf<K extends OperationType>(parsed: ParsedOperationOf<K>, rawBody: unknown): string {
  return requestHash({ type: parsed.type, borrower: parsed.borrowerId, params: parsed.params, is_migration: parsed.query.is_migration, body: rawBody });
}

/**
 * Records a valid operation durably, with the borrower's next sequence number, and returns it.
 * Idempotent by the natural key (docs/api.md): the same key and body returns the first operation;
 * the same key with another body is 409. Enqueueing is the caller's job, after the commit.
 */
export async function acceptOperation<K extends OperationType>(ctx: AcceptContext, parsed: ParsedOperationOf<K>, options: AcceptOptions): Promise<Accepted> {
  const hash = hashOf(parsed, options.rawBody);
  // No look-up first: a resubmission is rare, and the unique natural key catches it below.
  // The configs the operation names, keyed by kind (`ResolvedConfigs`), checked for usury
  // `reject`; stored with the operation, read back by the worker's `decodeOperation`.
  let configs = await resolveConfigs(ctx.db, parsed, ctx.configCache);
  const acceptedAt = (ctx.now ?? (() => new Date()))();
  // The body as the lender sent it (results echo it), handed to the database as a value: made
  // JSON once there, never parsed back (docs/performance.md, "Where the time goes").
  const body = options.rawBody;
  const requestId = parsed.body.request_id;
  try {
    const record = ctx.record ?? ((input: AcceptOperationInput) => insertOperationWithSeq(ctx.db, input));
    const input = (): AcceptOperationInput => ({
        id: randomUUID(),
        borrower_id: parsed.borrowerId,
        type: parsed.type,
        natural_key: parsed.naturalKey,
        request_hash: hash,
        idempotency_key: options.idempotencyKey ?? null,
        ...encodeOperation(parsed, configs),
        body,
        is_migration: parsed.query.is_migration,
        recorded_at: recordedAtOf(parsed, acceptedAt.toISOString()),
        request_id: typeof requestId === 'string' ? requestId : null,
        batch_id: options.batch?.id ?? null,
        batch_index: options.batch?.index ?? null,
        accepted_at: acceptedAt,
    });
    let row: OperationRow | undefined;
    for (let attempt = 1; row === undefined; attempt++) {
      try {
        row = await record(input());
      } catch (error) {
        // A cached config that a PUT gave a newer version: nothing was recorded; look it up again.
        if (!isStaleConfig(error) || attempt >= STALE_CONFIG_ATTEMPTS) throw error;
        ctx.configCache?.forget(parsed);
        configs = await resolveConfigs(ctx.db, parsed, ctx.configCache);
      }
    }
    operationsAccepted.inc({ type: parsed.type });
    return { row, replayed: false };
  } catch (error) {
    // A resubmission, or two submissions of one operation racing: answer as a replay of the
    // first (or 409 if its body differs).
    if (isUniqueViolation(error, 'operations_borrower_natural_key')) {
      const winner = await findOperationByNaturalKey(ctx.db, parsed.borrowerId, parsed.naturalKey);
      if (winner) return replayOrConflict(winner, hash, parsed);
    }
    throw error;
  }
}

function replayOrConflict(existing: OperationRow, hash: string, parsed: { naturalKey: string }): Accepted {
  if (existing.request_hash === hash) return { row: existing, replayed: true };
  throw new AppError('natural_key_reused', 'An operation with this key was already accepted with a different body', {
    operation_id: existing.id,
    key: parsed.naturalKey,
  });
}
