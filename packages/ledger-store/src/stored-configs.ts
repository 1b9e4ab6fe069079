import { parseConfigBody, type ConfigBodies } from '@lsl/contracts';
import type { ConfigKind, ResolvedConfigs } from '@lsl/ledger';

/** A stored config of one kind: its body (checked by the kind's schema), id and version. */
function decodeConfig<K extends ConfigKind>(kind: K, stored: unknown): (ConfigBodies[K] & { id: string; version: number }) | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const id: unknown = Reflect.get(stored, 'id');
  const version: unknown = Reflect.get(stored, 'version');
  if (typeof id !== 'string' || typeof version !== 'number') throw new Error(`a stored ${kind} config has no id and version`);
  const body = parseConfigBody(kind, stored);
  if (!body.ok) throw new Error(`a stored ${kind} config does not parse: ${body.error.message}`);
  return { ...body.value, id, version };
}

/**
 * The `configs` column of a recorded operation (`{<kind>: config}`, written by intake from
 * `resolveConfigs`), as the ledger's typed value: each config checked by its kind's schema.
 */
export function decodeStoredConfigs(stored: unknown): ResolvedConfigs {
  const at = (kind: ConfigKind): unknown => (typeof stored === 'object' && stored !== null ? Reflect.get(stored, kind) : undefined);
  const configs: ResolvedConfigs = {};
  const loans = decodeConfig('loans', at('loans'));
  if (loans) configs.loans = loans;
  const payments = decodeConfig('payments', at('payments'));
  if (payments) configs.payments = payments;
  const waivers = decodeConfig('waivers', at('waivers'));
  if (waivers) configs.waivers = waivers;
  const consolidations = decodeConfig('consolidations', at('consolidations'));
  if (consolidations) configs.consolidations = consolidations;
  const restructurings = decodeConfig('restructurings', at('restructurings'));
  if (restructurings) configs.restructurings = restructurings;
  return configs;
}
