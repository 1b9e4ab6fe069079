/**
 * Gathers the borrowers of the wake-up jobs a worker process holds at once into one apply
 * call: jobs that arrive while a batch is running wait for the next one, so the batches grow
 * with the load (and a lone job is applied at once). Each job's promise settles with its
 * borrower's outcome. When a batch fails, each of its borrowers is applied on its own
 * (concurrently, one transaction each), so one borrower that cannot be applied (a transient
 * fault on its rows, a lock held elsewhere) cannot hold back the others: only its own job
 * fails and is retried.
 */
export interface BorrowerBatcherOptions {
  /** Applies the pending operations of these borrowers (distinct), all or nothing. */
  apply: (borrowerIds: string[]) => Promise<unknown>;
  /** Borrowers per batch. */
  maxBatch: number;
  /** Batches running at once (each holds one database connection). */
  maxConcurrent: number;
  onFallback?: (borrowers: number, error: unknown) => void;
}

interface Waiter {
  borrowerId: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class BorrowerBatcher {
  private waiting: Waiter[] = [];
  private running = 0;
  private scheduled = false;

  constructor(private readonly options: BorrowerBatcherOptions) {}

  /** Resolves once the borrower's pending operations (as of now) are applied. */
  run(borrowerId: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ borrowerId, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // One turn of the event loop: jobs fetched together land in one batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.running < this.options.maxConcurrent && this.waiting.length > 0) {
      const batch: Waiter[] = [];
      const ids = new Set<string>();
      const rest: Waiter[] = [];
      for (const w of this.waiting) {
        if (ids.has(w.borrowerId) || ids.size < this.options.maxBatch) {
          ids.add(w.borrowerId);
          batch.push(w);
        } else {
          rest.push(w);
        }
      }
      this.waiting = rest;
      this.running++;
      void this.execute([...ids], batch).finally(() => {
        this.running--;
        if (this.waiting.length > 0) this.schedule();
      });
    }
  }

  private async execute(ids: string[], batch: Waiter[]): Promise<void> {
    try {
      await this.options.apply(ids);
      for (const w of batch) w.resolve();
      return;
    } catch (error) {
      if (ids.length === 1) {
        for (const w of batch) w.reject(error);
        return;
      }
      this.options.onFallback?.(ids.length, error);
    }
    await Promise.all(
      ids.map(async (id) => {
        const mine = batch.filter((w) => w.borrowerId === id);
        try {
          await this.options.apply([id]);
          for (const w of mine) w.resolve();
        } catch (error) {
          for (const w of mine) w.reject(error);
        }
      }),
    );
  }
}
