import type { Kysely } from 'kysely';
import { insertOperationsWithSeq, insertOperationWithSeq, isStaleConfig, isUniqueViolation, type AcceptOperationInput, type Database, type OperationRow } from '@lsl/db';

export interface GroupRecorderOptions {
  /** Operations in one statement. */
  maxGroup?: number;
  /** Statements in flight at once (each holds a connection). */
  maxConcurrent?: number;
}

interface Pending {
  input: AcceptOperationInput;
  resolve: (row: OperationRow) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit at intake: the operations of requests that arrive while a statement is running
 * are recorded together by the next one (`insertOperationsWithSeq`: one statement, one commit),
 * in arrival order; a lone request is recorded at once. Each request's promise settles only
 * after the commit, so its 202 still means "durable". A natural-key collision anywhere in the
 * group makes the statement fail as a whole; the group is then recorded one operation at a
 * time, in the same order, so the colliding request alone gets the unique violation (answered
 * as a replay or a 409 by `acceptOperation`) and the others their numbers; a config no longer in
 * force is handled the same way (only its operation is resolved again).
 */
export class GroupRecorder {
  private waiting: Pending[] = [];
  private running = 0;
  private scheduled = false;
  private readonly maxGroup: number;
  private readonly maxConcurrent: number;

  constructor(
    private readonly db: Kysely<Database>,
    options: GroupRecorderOptions = {},
  ) {
    this.maxGroup = options.maxGroup ?? 200;
    this.maxConcurrent = options.maxConcurrent ?? 2;
  }

  readonly record = (input: AcceptOperationInput): Promise<OperationRow> =>
    new Promise<OperationRow>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });

  private flush(): void {
    while (this.running < this.maxConcurrent && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.maxGroup);
      this.running++;
      void this.execute(group).finally(() => {
        this.running--;
        this.flush();
      });
    }
  }

  private async execute(group: Pending[]): Promise<void> {
    const [only] = group;
    if (only !== undefined && group.length === 1) {
      await insertOperationWithSeq(this.db, only.input).then(only.resolve, only.reject);
      return;
    }
    try {
      const rows = await insertOperationsWithSeq(this.db, group.map((p) => p.input));
      group.forEach((p, i) => p.resolve(rows[i]!));
    } catch (error) {
      if (!isUniqueViolation(error) && !isStaleConfig(error)) {
        for (const p of group) p.reject(error);
        return;
      }
      for (const p of group) await insertOperationWithSeq(this.db, p.input).then(p.resolve, p.reject);
    }
  }
}
