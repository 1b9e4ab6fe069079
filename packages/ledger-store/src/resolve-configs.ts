import type { Kysely } from 'kysely';
import { AppError, OPERATION_REGISTRY, configRefsOf, type ParsedOperationOf } from '@lsl/contracts';
import { getLatestConfig, type Database } from '@lsl/db';
import { checkUsury, type ConfigKind, type ConfigsByKind, type OperationType, type ResolvedConfigs } from '@lsl/ledger';
import { decodeConfig } from './stored-configs.js';

/**
 * Resolves a config id to the version in force now, as a value stored with the operation: a
 * later edit of the config makes a new version and never changes what this operation meant.
 * Unknown → 400 naming the field.
 */
export async function resolveConfig<K extends ConfigKind>(db: Kysely<Database>, kind: K, id: string, field: string, cache?: ConfigCache): Promise<ConfigsByKind[K]> {
  const cached = cache?.get(kind, id);
  if (cached) return cached;
  const row = await getLatestConfig(db, kind, id);
  if (!row) {
    throw new AppError('unknown_config', `Unknown ${kind} config '${id}'`, { fields: { [field]: `No ${kind} config with id '${id}'` } });
  }
  // The body was validated by its kind's schema when PUT; decoded here by the same schema (the
  // one decoder of a stored config, @lsl/ledger-store stored-configs.ts), once per look-up.
  const config = decodeConfig(kind, { ...row.body, id: row.id, version: row.version });
  cache?.set(kind, id, config);
  return config;
}

/**
 * The configs intake resolved last, by kind and id: what spares each request its config look-up
 * (docs/performance.md, "Config look-up"). An entry may be stale (a `PUT` made a newer version
 * since): the statement that records the operation checks every config against the table
 * (`lsl_configs_current`) and fails with `isStaleConfig`; intake then `forget`s the operation's
 * configs and resolves them again. Unknown ids are never cached (a config created later is found).
 */
export class ConfigCache {
  /** One map per kind, so that each kind's entries have that kind's config type. */
  private readonly entries: { [K in ConfigKind]: Map<string, ConfigsByKind[K]> } = {
    loans: new Map(),
    payments: new Map(),
    waivers: new Map(),
    consolidations: new Map(),
    restructurings: new Map(),
  };
  private size = 0;

  constructor(private readonly maxEntries = 10_000) {}

  get<K extends ConfigKind>(kind: K, id: string): ConfigsByKind[K] | undefined {
    const entries: Map<string, ConfigsByKind[K]> = this.entries[kind];
    return entries.get(id);
  }

  set<K extends ConfigKind>(kind: K, id: string, config: ConfigsByKind[K]): void {
    if (this.size >= this.maxEntries) {
      for (const entries of Object.values(this.entries)) entries.clear();
      this.size = 0;
    }
    const entries: Map<string, ConfigsByKind[K]> = this.entries[kind];
    if (!entries.has(id)) this.size++;
    entries.set(id, config);
  }

  /** Drops the entries of the configs the operation names. */
  forget<K extends OperationType>(parsed: ParsedOperationOf<K>): void {
    for (const ref of configRefsOf(parsed.type, parsed.body)) {
      if (this.entries[ref.kind].delete(ref.configId)) this.size--;
    }
  }
}

/**
 * Resolves every config the operation names (400 if unknown), keyed by kind, and applies usury
 * `reject` (400): what intake stores with the operation, and what the simulations use, so a
 * simulation refuses what intake would. With a `cache` (intake only), see `ConfigCache`.
 */
export async function resolveConfigs<K extends OperationType>(db: Kysely<Database>, parsed: ParsedOperationOf<K>, cache?: ConfigCache): Promise<ResolvedConfigs> {
  const configs: ResolvedConfigs = {};
  for (const ref of configRefsOf(parsed.type, parsed.body)) {
    setConfig(configs, ref.kind, await resolveConfig(db, ref.kind, ref.configId, ref.field, cache));
  }
  const terms = OPERATION_REGISTRY[parsed.type].usuryTermsOf?.(parsed.body);
  if (configs.loans && terms) {
    const refusal = checkUsury(terms, configs.loans);
    if (refusal) throw new AppError('usury_rate_exceeded', refusal.error, refusal.context);
  }
  return configs;
}

function setConfig<K extends ConfigKind>(configs: ResolvedConfigs, kind: K, config: ConfigsByKind[K]): void {
  configs[kind] = config;
}
