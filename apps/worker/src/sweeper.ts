import type { Kysely } from 'kysely';
import { findStrandedOperations, tryAdvisoryXactLock, type Database, type StrandedCursor } from '@lsl/db';
import type { EnsureWorkOptions, EnsureWorkResult, OperationQueues } from '@lsl/queue';

export interface SweeperOptions {
  /** How often to look. */
  intervalMs: number;
  /** Pending for longer than this without being applied: its job may be gone. */
  graceMs: number;
  /** Pending operations read per tick. */
  limit?: number;
  /** How to tell a job held by a dead worker (see `OperationQueues.ensureWork`). */
  locks: Omit<EnsureWorkOptions, 'now'>;
  onError?: (error: unknown) => void;
  onRepair?: (result: EnsureWorkResult) => void;
}

/**
 * Postgres is the record of what is pending; Redis only carries wake-ups. When Redis loses
 * jobs (restart without persistence, FLUSHALL, an enqueue that failed after the commit), the
 * sweeper looks at the oldest pending operation of each borrower left waiting and makes sure a
 * job will run for it: re-adds a job Redis lost, and wakes the borrower up when its job is held
 * by a worker that died (whose lock is no longer renewed) instead of waiting for BullMQ's lock
 * to expire and its stalled check to run. Safe to run in every worker process (extra jobs find
 * nothing to apply); a transaction-scoped advisory lock keeps it to one at a time anyway, and
 * is released with the transaction whatever happens to the connection.
 */
export function startSweeper(db: Kysely<Database>, queues: OperationQueues, options: SweeperOptions): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let stopped = false;
  // Each tick reads at most `limit` pending operations from where the last one stopped, and
  // starts over once it reaches the end: bounded work per tick, whatever the backlog.
  let cursor: StrandedCursor | undefined;
  const limit = options.limit ?? 1000;
  const tick = async () => {
    await db.transaction().execute(async (trx) => {
      if (!(await tryAdvisoryXactLock(trx, 'lsl:sweeper'))) return;
      const stranded = await findStrandedOperations(trx, options.graceMs, limit, cursor);
      const last = stranded[stranded.length - 1];
      cursor = stranded.length < limit || !last ? undefined : { acceptedAt: last.accepted_at, id: last.id };
      // One wake-up per borrower: its oldest operation in this page stands for it.
      const oldest = new Map<string, string>();
      for (const op of stranded) if (!oldest.has(op.borrower_id)) oldest.set(op.borrower_id, op.id);
      if (oldest.size === 0) return;
      const result = await queues.ensureWork([...oldest].map(([borrowerId, operationId]) => ({ borrowerId, operationId })), options.locks);
      if (result.enqueued > 0 || result.woken > 0) options.onRepair?.(result);
    });
  };
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick()
      .catch((error) => options.onError?.(error))
      .finally(() => {
        running = undefined;
      });
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
