import pg from 'pg';
import { heldSessionLocks, trySessionLock } from '@lsl/db';
import { consumerOfSlot, partitionsOfSlot } from '@lsl/queue';

export interface PartitionSlotsOptions {
  /** The database whose session advisory locks say which slots are live. */
  databaseUrl: string;
  /** The queue prefix: slots of systems sharing a database are told apart by it. */
  prefix: string;
  partitions: number;
  /** This process's slot, 0 ≤ index < processes. */
  index: number;
  processes: number;
  /** How often the live slots are looked at (and this process's lock checked). */
  checkMs?: number;
  /** Called with the partitions this process should consume whenever they change (and once at the start). */
  onPartitions: (partitions: number[]) => Promise<void>;
  onError?: (error: unknown) => void;
}

/**
 * Partition affinity with takeover. Each worker process holds, on a connection of its own, a
 * session advisory lock for its slot: Postgres releases it when the process dies (its socket
 * closes), whatever the way it died. Every `checkMs` each process reads which slot locks are
 * held (`pg_locks`, without taking them: no race with a slot's returning owner) and consumes
 * its own partitions plus those of the dead slots it is the next live slot after
 * (`consumerOfSlot`). Order and exactly-once do not depend on it (docs/guarantees.md): two
 * processes consuming one partition for a moment during a hand-over is safe, only slower.
 */
export function startPartitionSlots(options: PartitionSlotsOptions): { stop(): Promise<void> } {
  const { index, processes, partitions } = options;
  if (!Number.isInteger(index) || !Number.isInteger(processes) || index < 0 || index >= processes) {
    throw new Error(`worker slot ${index} of ${processes}: the slot must be a whole number below the number of processes`);
  }
  const checkMs = options.checkMs ?? 1_000;
  const lockSpace = `lsl:worker-slot:${options.prefix}`;
  let stopped = false;
  let holder: pg.Client | undefined;
  let current = '';
  let running: Promise<void> | undefined;

  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: options.databaseUrl, application_name: `lsl-worker-slot-${index}` });
    // A lost connection has lost the lock with it: taken again at the next look.
    client.on('error', () => {
      if (holder === client) holder = undefined;
      client.end().catch(() => {});
    });
    client.on('end', () => {
      if (holder === client) holder = undefined;
    });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    return client;
  };

  // This slot's lock: taken once, kept for the process's life (taken again if its connection is
  // lost). Not taken while another session holds it (the previous process of this slot, not yet
  // gone): this process consumes its partitions anyway, and tries again at the next look.
  const takeSlot = async (): Promise<pg.Client | undefined> => {
    const client = await connect();
    try {
      if (await trySessionLock(client, lockSpace, index)) return client;
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    await client.end().catch(() => {});
    return undefined;
  };

  const tick = async () => {
    if (!holder) holder = await takeSlot();
    const probe = holder ?? (await connect());
    let live: Set<number>;
    try {
      live = await heldSessionLocks(probe, lockSpace);
    } finally {
      if (probe !== holder) await probe.end().catch(() => {});
    }
    live.add(index);
    const mine: number[] = [];
    for (let slot = 0; slot < processes; slot++) {
      if (consumerOfSlot(slot, processes, (s) => live.has(s)) === index) mine.push(...partitionsOfSlot(partitions, slot, processes));
    }
    mine.sort((a, b) => a - b);
    const key = mine.join(',');
    if (key !== current) {
      await options.onPartitions(mine);
      current = key;
    }
  };

  const loop = async () => {
    while (!stopped) {
      running = tick().catch((error) => options.onError?.(error));
      await running;
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, checkMs).unref());
    }
  };
  // Its own partitions at once, whatever the database says: the first look can take a while.
  const own = partitionsOfSlot(partitions, index, processes);
  current = own.join(',');
  const started = options.onPartitions(own).then(() => {
    void loop();
  });
  return {
    async stop() {
      stopped = true;
      await started.catch(() => {});
      await running;
      await holder?.end().catch(() => {});
      holder = undefined;
    },
  };
}
