/**
 * Borrowers are routed to a fixed set of partition queues by a stable hash of their id.
 * A partition is a BullMQ queue; its jobs only say "borrower X has work": the order of a
 * borrower's operations lives in Postgres, so retries and stalled-job recovery (which reorder
 * jobs) cannot reorder operations. Partitions exist to spread load: over worker connections
 * here, and over Redis Cluster slots, one hash-tagged prefix per partition.
 */
export function partitionOf(borrowerId: string, partitions: number): number {
  // FNV-1a, 32 bit: stable across processes and languages, cheap, well spread.
  let hash = 0x811c9dc5;
  for (let i = 0; i < borrowerId.length; i++) {
    hash ^= borrowerId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

export function partitionQueueName(partition: number): string {
  return `ledger-p${partition}`;
}

/** One hash tag per partition, so each partition's keys live in one Redis Cluster slot. */
export function partitionPrefix(basePrefix: string, partition: number): string {
  return `${basePrefix}:{p${partition}}`;
}

/**
 * Partition affinity (docs/performance.md, "Partition affinity"): with `processes` worker
 * processes, process `index` consumes the partitions p with p mod processes = index, so each
 * borrower's wake-ups reach one process and its ledger state stays in that process's cache.
 */
export function partitionsOfSlot(partitions: number, slot: number, processes: number): number[] {
  const owned: number[] = [];
  for (let p = slot; p < partitions; p += processes) owned.push(p);
  return owned;
}

/**
 * Who consumes the partitions of `slot`: the slot's own process while it lives, else the next
 * live slot after it (cyclically), so a dead process's partitions are still drained, by one
 * process, and given back when it returns. Undefined when no slot is live.
 */
export function consumerOfSlot(slot: number, processes: number, isLive: (slot: number) => boolean): number | undefined {
  for (let k = 0; k < processes; k++) {
    const candidate = (slot + k) % processes;
    if (isLive(candidate)) return candidate;
  }
  return undefined;
}
