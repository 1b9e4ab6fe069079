import type { RunningWorker } from './start-worker.js';

/**
 * Stops taking jobs and lets the current ones finish (their transactions commit). A job still
 * running after `graceMs` (say, blocked on a database that does not answer) is handed back by
 * giving up on it: the caller exits, its transaction dies with the connection and rolls back,
 * its lock is no longer renewed, and the sweeper has another worker take the borrower within
 * seconds. Either way nothing is lost or half-applied. Resolves to what happened.
 */
export async function closeWithGrace(
  worker: RunningWorker,
  graceMs: number,
  log: (message: string, fields?: Record<string, unknown>) => void,
): Promise<'closed' | 'expired'> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), graceMs)));
  const closed = worker.close().then(
    () => 'closed' as const,
    (error) => (log('error while closing', { error: String(error) }), 'closed' as const),
  );
  const outcome = await Promise.race([closed, grace]);
  clearTimeout(timer);
  if (outcome === 'expired') log('shutdown grace expired; handing back the jobs still running', { graceMs });
  return outcome;
}
