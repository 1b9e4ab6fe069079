import type { Kysely } from 'kysely';
import { getOperation, isFinished, type AppliedListener, type Database, type OperationRow } from '@lsl/db';
import { pollUntil } from './prefer-wait.js';

/** A safety net only: a notification lost with the listener's connection is caught this late. */
const RECHECK_MS = 1_000;

/**
 * `Prefer: wait`: the operation once it is finished, or undefined when `timeoutMs` passes
 * first. Woken by the worker's notification for the borrower (`notifyApplied`, sent by the
 * apply transaction's commit), not by polling: one read when the operation is accepted, one per
 * notification of its borrower, and one a second as a safety net. Without a listener, polls.
 */
export async function waitForOperation(
  db: Kysely<Database>,
  row: OperationRow,
  timeoutMs: number,
  listener: AppliedListener | undefined,
): Promise<OperationRow | undefined> {
  const read = async () => {
    const current = await getOperation(db, row.id);
    return current && isFinished(current) ? current : undefined;
  };
  if (!listener) return pollUntil(read, timeoutMs);
  let wake: () => void = () => {};
  // Subscribed before the first read, so a commit between the two is not missed.
  const unsubscribe = listener.subscribe(row.borrower_id, () => wake());
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const finished = await read();
      if (finished) return finished;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, RECHECK_MS));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    unsubscribe();
  }
}
