import type { BorrowerWork } from '@lsl/queue';

/** A borrower to wake for an accepted operation, and whether the request replayed an operation recorded before it. */
export type WakeUp = BorrowerWork & { replayed: boolean };

/**
 * One wake-up per borrower for everything intake enqueues together (a batch's items, and the
 * requests a group commit answers at once), named after an operation these requests recorded
 * whenever they recorded one (docs/api.md "Batches", items that reuse a key).
 *
 * A wake-up's job id is its operation id. A replay of an operation still queued names that
 * operation, whose job exists already, and BullMQ ignores an add whose job id exists before any
 * deduplication (so `keepLastIfActive` never sees it). When that job is active and has read the
 * borrower's pending operations before the new ones committed, a replay's wake-up standing for
 * the borrower would leave them to the sweeper, seconds later (docs/guarantees.md). A replay's
 * wake-up is kept for a borrower with nothing new: a no-op if its job exists, a quick recovery
 * if the queue lost it.
 */
export function wakeUpsOf(wakeUps: readonly WakeUp[]): BorrowerWork[] {
  const chosen = new Map<string, WakeUp>();
  for (const wake of wakeUps) {
    const current = chosen.get(wake.borrowerId);
    if (current === undefined || (current.replayed && !wake.replayed)) chosen.set(wake.borrowerId, wake);
  }
  return [...chosen.values()].map(({ borrowerId, operationId }) => ({ borrowerId, operationId }));
}
