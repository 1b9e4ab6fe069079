import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { listActiveApiKeys, type Database } from '@lsl/db';

/** A key the API accepts: its id (for the rate limiter and logs), its hash, its own limit. */
export interface KnownKey {
  id: string;
  /** sha256 of the key, 32 bytes. */
  hash: Buffer;
  /** Requests per window; null takes the default. */
  rateLimit: number | null;
  source: 'env' | 'database';
}

export interface KeyRingOptions {
  db: Kysely<Database>;
  /** The plain keys of `API_KEYS`; hashed at once, never kept. */
  envKeys: string[];
  /** How long the database's keys are trusted before being read again (revocation delay). */
  cacheMs: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  now?: () => number;
}

/** An unknown key re-reads the database (a key created a moment ago), at most this often. */
const MISS_REFRESH_MS = 1000;

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The keys that open the API: those of `API_KEYS` (this process's environment) and the
 * database's active ones, re-read every `cacheMs` and on an unknown key (at most once a second),
 * so `keys create` works at once and `keys revoke` within `cacheMs`, without a restart.
 * A presented key is hashed and compared with EVERY known hash by `timingSafeEqual`: the time
 * taken says nothing about how close a guess came (docs/security.md).
 */
export class KeyRing {
  private readonly envKeys: KnownKey[];
  private dbKeys: KnownKey[] = [];
  private loadedAt = Number.NEGATIVE_INFINITY;
  private missRefreshAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: KeyRingOptions) {
    this.now = options.now ?? Date.now;
    this.envKeys = options.envKeys.map((key) => {
      const hash = sha256(key);
      return { id: `env:${hash.toString('hex').slice(0, 12)}`, hash, rateLimit: null, source: 'env' as const };
    });
  }

  /** How many keys open the API now (as last read). */
  get size(): number {
    return this.envKeys.length + this.dbKeys.length;
  }

  /** Reads the database's active keys (one read at a time; concurrent callers share it). */
  refresh(): Promise<void> {
    if (this.loading) return this.loading;
    this.loading = listActiveApiKeys(this.options.db)
      .then((rows) => {
        this.dbKeys = rows.map((r) => ({ id: r.id, hash: Buffer.from(r.key_hash, 'hex'), rateLimit: r.rate_limit, source: 'database' as const }));
        this.loadedAt = this.now();
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** How many keys open the API now, re-reading the database when the cache is stale. */
  async count(): Promise<number> {
    if (this.now() - this.loadedAt >= this.options.cacheMs) await this.refreshKeepingStale();
    return this.size;
  }

  /** The known key equal to `token`, if any. */
  async find(token: string): Promise<KnownKey | undefined> {
    if (this.now() - this.loadedAt >= this.options.cacheMs) await this.refreshKeepingStale();
    const hash = sha256(token);
    let found = this.match(hash);
    if (found === undefined && this.now() - this.missRefreshAt >= MISS_REFRESH_MS) {
      this.missRefreshAt = this.now();
      await this.refreshKeepingStale();
      found = this.match(hash);
    }
    return found;
  }

  /**
   * A database blip must not lock every client out: the last list read stays in force until a
   * read succeeds. Before any read has succeeded the error propagates (a 503).
   */
  private async refreshKeepingStale(): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      if (this.loadedAt === Number.NEGATIVE_INFINITY) throw error;
      this.options.log?.('API keys could not be re-read; keeping the last list', { level: 'warn', error: String(error) });
    }
  }

  private match(hash: Buffer): KnownKey | undefined {
    let found: KnownKey | undefined;
    for (const key of this.envKeys) if (timingSafeEqual(key.hash, hash) && found === undefined) found = key;
    for (const key of this.dbKeys) if (timingSafeEqual(key.hash, hash) && found === undefined) found = key;
    return found;
  }
}
