import type { Logger } from '@lsl/telemetry';
import type { RunningWorker } from './start-worker.js';

/**
 * Stops taking jobs and lets the current ones finish (their transactions commit). A job still
 * running after `graceMs` (say, blocked on a database that does not answer) is handed back by
 * giving up on it: the caller exits, its transaction dies with the connection and rolls back,
 * its lock is no longer renewed, and the sweeper has another worker take the borrower within
 * seconds. Either way nothing is lost or half-applied. Resolves to what happened.
 */
export async function closeWithGrace(worker: RunningWorker, graceMs: number, logger?: Logger): Promise<'closed' | 'expired'> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), graceMs)));
  const closed = worker.close().then(
    () => 'closed' as const,
    (error) => (logger?.error({ err: error }, 'error while closing'), 'closed' as const),
  );
  const outcome = await Promise.race([closed, grace]);
  clearTimeout(timer);
  if (outcome === 'expired') logger?.warn({ grace_ms: graceMs }, 'shutdown grace expired; handing back the jobs still running');
  return outcome;
}
