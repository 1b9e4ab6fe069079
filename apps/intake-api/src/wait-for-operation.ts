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
  return waitForApplied(
    [row.borrower_id],
    async () => {
      const current = await getOperation(db, row.id);
      return current && isFinished(current) ? current : undefined;
    },
    timeoutMs,
    listener,
  );
}

/**
 * `read` until it returns a value or `timeoutMs` passes, re-read whenever one of `borrowerIds`
 * has operations committed as applied (the same notification as a single operation's wait; a
 * batch waits on every borrower it has items for), and once a second as a safety net. Without
 * a listener, polls.
 */
export async function waitForApplied<T>(
  borrowerIds: Iterable<string>,
  read: () => Promise<T | undefined>,
  timeoutMs: number,
  listener: AppliedListener | undefined,
): Promise<T | undefined> {
  if (!listener) return pollUntil(read, timeoutMs);
  let wake: () => void = () => {};
  // Subscribed before the first read, so a commit between the two is not missed.
  const unsubscribes = [...new Set(borrowerIds)].map((borrowerId) => listener.subscribe(borrowerId, () => wake()));
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
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
    for (const unsubscribe of unsubscribes) unsubscribe();
  }
}
