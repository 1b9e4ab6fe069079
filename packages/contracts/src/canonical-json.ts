import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so two bodies that differ only in key order
 * compare equal: the "same body" test of idempotent replay (docs/api.md).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries: string[] = [];
  for (const k of Object.keys(value).sort()) {
    const v: unknown = Reflect.get(value, k);
    if (v !== undefined) entries.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
  }
  return `{${entries.join(',')}}`;
}

/** SHA-256 (hex) of the canonical JSON: store this beside the natural key. */
export function bodyFingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
