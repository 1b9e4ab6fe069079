import pg from 'pg';
import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/** The channel the worker notifies, in its apply transaction, with each borrower it applied. */
export const APPLIED_CHANNEL = 'lsl_applied';

/**
 * Tells listeners (`Prefer: wait` at intake) that these borrowers have new results. Sent inside
 * the apply transaction, so Postgres delivers it only if, and once, the results are committed.
 */
export async function notifyApplied(trx: Transaction<Database>, borrowerIds: string[]): Promise<void> {
  if (borrowerIds.length === 0) return;
  await sql`select pg_notify(${APPLIED_CHANNEL}, b) from unnest(${borrowerIds}::text[]) as b`.execute(trx);
}

export interface AppliedListener {
  /** Calls `onApplied` whenever one of `borrowerId`'s operations is committed as applied; returns the unsubscribe. */
  subscribe(borrowerId: string, onApplied: () => void): () => void;
  close(): Promise<void>;
}

/**
 * One LISTEN connection per process, shared by every waiting request. If the connection is
 * lost it is opened again (after 1 s); notifications sent meanwhile are lost, which is why
 * waiters also re-check on a slow timer (`waitForOperation` at intake).
 */
export function createAppliedListener(connectionString: string, log: (message: string, fields?: Record<string, unknown>) => void = () => {}): AppliedListener {
  const subscribers = new Map<string, Set<() => void>>();
  let client: pg.Client | undefined;
  let closed = false;
  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString, application_name: 'lsl-listener' });
    c.on('notification', (message) => {
      for (const fn of subscribers.get(message.payload ?? '') ?? []) fn();
    });
    c.on('error', (error) => {
      log('applied listener lost its connection; reconnecting', { error: String(error) });
      c.end().catch(() => {});
      if (client === c) client = undefined;
      setTimeout(() => void connect(), 1000).unref();
    });
    try {
      await c.connect();
      await c.query(`listen ${APPLIED_CHANNEL}`);
      client = c;
    } catch (error) {
      c.end().catch(() => {});
      log('applied listener could not connect; retrying', { error: String(error) });
      setTimeout(() => void connect(), 1000).unref();
    }
  };
  void connect();
  return {
    subscribe(borrowerId, onApplied) {
      let set = subscribers.get(borrowerId);
      if (!set) subscribers.set(borrowerId, (set = new Set()));
      set.add(onApplied);
      return () => {
        set.delete(onApplied);
        if (set.size === 0) subscribers.delete(borrowerId);
      };
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
