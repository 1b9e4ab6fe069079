import { CONFIG_KINDS, type ConfigKind, type ResolvedConfigs } from '@lsl/ledger';

/**
 * The names operations recorded before configs were keyed by kind stored them under
 * (`{"loanConfig": {...}}`); read so that those operations still apply. New ones are written
 * keyed by kind (`{"loans": {...}}`: `ResolvedConfigs`).
 */
const LEGACY_NAMES: Record<ConfigKind, string> = {
  loans: 'loanConfig',
  payments: 'paymentConfig',
  waivers: 'waiverConfig',
  consolidations: 'consolidationConfig',
  restructurings: 'restructuringConfig',
};

/** The `configs` column of a recorded operation, as the ledger's typed value. */
export function resolvedConfigsOf(stored: Record<string, unknown> | null | undefined): ResolvedConfigs {
  const out: Record<string, unknown> = {};
  if (!stored) return {};
  for (const kind of CONFIG_KINDS) {
    const value = stored[kind] ?? stored[LEGACY_NAMES[kind]];
    if (value !== undefined && value !== null) out[kind] = value;
  }
  // The column is written only by `resolveConfigs` (each value a config row of its kind, with
  // id and version): trusted as such, as the ledger state is.
  return out as ResolvedConfigs;
}
