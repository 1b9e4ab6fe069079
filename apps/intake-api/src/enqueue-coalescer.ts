/**
 * Calls made in the same turn of the event loop become one call with every item: the requests
 * a group commit answers together (`GroupRecorder`) resume together, so their wake-ups reach
 * Redis as one `addBulk` per partition instead of one round trip each. Each caller's promise
 * settles with that call.
 */
export function coalesce<T>(send: (items: T[]) => Promise<void>): (items: T[]) => Promise<void> {
  let pending: { items: T[]; done: Promise<void> } | undefined;
  return (items) => {
    if (!pending) {
      const batch = { items: [] as T[], done: undefined as unknown as Promise<void> };
      batch.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        pending = undefined;
        return send(batch.items);
      });
      pending = batch;
    }
    pending.items.push(...items);
    return pending.done;
  };
}
