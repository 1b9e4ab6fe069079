import { parseConfigBody } from '@lsl/contracts';
import type { ConfigKind, ConfigsByKind, ResolvedConfigs } from '@lsl/ledger';

/** A stored config of one kind: its body (checked by the kind's schema), id and version. */
function decodeConfigOf<K extends ConfigKind>(kind: K, stored: unknown) {
  if (typeof stored !== 'object' || stored === null) throw new Error(`a stored ${kind} config is not an object`);
  const id: unknown = Reflect.get(stored, 'id');
  const version: unknown = Reflect.get(stored, 'version');
  if (typeof id !== 'string' || typeof version !== 'number') throw new Error(`a stored ${kind} config has no id and version`);
  const body = parseConfigBody(kind, stored);
  if (!body.ok) throw new Error(`a stored ${kind} config does not parse: ${body.error.message}`);
  return { ...body.value, id, version };
}

/**
 * The one decoder of a stored config, per kind: the kind's schema (contracts' CONFIG_SCHEMAS,
 * checked at compile time to output the ledger's config without id and version), then its id
 * and version. The mapped type makes each kind's decoder return that kind's ledger config.
 */
const CONFIG_DECODERS: { [K in ConfigKind]: (stored: unknown) => ConfigsByKind[K] } = {
  loans: (stored) => decodeConfigOf('loans', stored),
  payments: (stored) => decodeConfigOf('payments', stored),
  waivers: (stored) => decodeConfigOf('waivers', stored),
  consolidations: (stored) => decodeConfigOf('consolidations', stored),
  restructurings: (stored) => decodeConfigOf('restructurings', stored),
};

/** A stored config of `kind` (a `configs` row's body with its id and version, or a recorded operation's), checked. */
export function decodeConfig<K extends ConfigKind>(kind: K, stored: unknown): ConfigsByKind[K] {
  const decode: (stored: unknown) => ConfigsByKind[K] = CONFIG_DECODERS[kind];
  return decode(stored);
}

/**
 * The `configs` column of a recorded operation (`{<kind>: config}`, written by intake from
 * `resolveConfigs`), as the ledger's typed value: each config checked by its kind's schema.
 */
export function decodeStoredConfigs(stored: unknown): ResolvedConfigs {
  const at = (kind: ConfigKind): unknown => (typeof stored === 'object' && stored !== null ? Reflect.get(stored, kind) : undefined);
  const configs: ResolvedConfigs = {};
  const loans = at('loans');
  if (loans) configs.loans = decodeConfig('loans', loans);
  const payments = at('payments');
  if (payments) configs.payments = decodeConfig('payments', payments);
  const waivers = at('waivers');
  if (waivers) configs.waivers = decodeConfig('waivers', waivers);
  const consolidations = at('consolidations');
  if (consolidations) configs.consolidations = decodeConfig('consolidations', consolidations);
  const restructurings = at('restructurings');
  if (restructurings) configs.restructurings = decodeConfig('restructurings', restructurings);
  return configs;
}
