import { CONFIG_KINDS, type ConfigKind } from '@lsl/ledger';

/** The config kinds of `PUT/GET /v1/configs/{kind}/{config_id}` (docs/reads.md): the ledger's list. */
export { CONFIG_KINDS, type ConfigKind };

/** The id of the config every fresh install has, of each kind; used when a body names none. */
export const DEFAULT_CONFIG_ID = 'DEFAULT';

export function isConfigKind(value: unknown): value is ConfigKind {
  return typeof value === 'string' && (CONFIG_KINDS as readonly string[]).includes(value);
}
