import { sql, type Kysely } from 'kysely';
import { findStrandedOperations, type Database } from '@lsl/db';
import type { OperationQueues } from '@lsl/queue';

export interface SweeperOptions {
  /** How often to look. */
  intervalMs: number;
  /** Pending for longer than this without being applied: its job may be gone. */
  graceMs: number;
  onError?: (error: unknown) => void;
}

/**
 * Postgres is the record of what is pending; Redis only carries wake-ups. When Redis loses
 * jobs (restart without persistence, FLUSHALL, an enqueue that failed after the commit), the
 * sweeper re-enqueues the oldest pending operation of each borrower left waiting. Re-adding a
 * job BullMQ still holds is a no-op (the job id is the operation id), so sweeping is safe to
 * run in every worker process; an advisory lock keeps it to one at a time anyway.
 */
export function startSweeper(db: Kysely<Database>, queues: OperationQueues, options: SweeperOptions): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = async () => {
    await db.connection().execute(async (conn) => {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(hashtextextended('lsl:sweeper', 0)) as locked`.execute(conn);
      if (!rows[0]?.locked) return;
      try {
        const stranded = await findStrandedOperations(conn, options.graceMs, 1000);
        if (stranded.length > 0) {
          await queues.enqueueMany(stranded.map((op) => ({ borrowerId: op.borrower_id, operationId: op.id })));
        }
      } finally {
        await sql`select pg_advisory_unlock(hashtextextended('lsl:sweeper', 0))`.execute(conn);
      }
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
