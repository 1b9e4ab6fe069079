/**
 * JSON as the ledger stores it, and the checked reads the stored-state decoder is built of
 * (serialize.ts, persist.ts): each read takes what `JSON.parse` gave (`unknown`) and returns
 * the typed value, or throws a `StoredLedgerError` naming where in the row it went wrong.
 */
import { Dec, ZERO } from './decimal.js';

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A stored ledger that does not decode (written by hand, or damaged): never applied to. */
export class StoredLedgerError extends Error {
  constructor(message: string) {
    super(`stored ledger: ${message}`);
    this.name = 'StoredLedgerError';
  }
}

export function fail(path: string, expected: string): never {
  throw new StoredLedgerError(`${path} is not ${expected}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) return fail(path, 'an object');
  return value;
}

export function list(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) return fail(path, 'an array');
  const items: readonly unknown[] = value;
  return items;
}

export function text(value: unknown, path: string): string {
  if (typeof value !== 'string') return fail(path, 'a string');
  return value;
}

export function textOrNull(value: unknown, path: string): string | null {
  return value === null || value === undefined ? null : text(value, path);
}

/** A whole number (days, sequence numbers, counters, indexes). */
export function int(value: unknown, path: string): number {
  if (!isInt(value)) return fail(path, 'a whole number');
  return value;
}

export function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function intOrNull(value: unknown, path: string): number | null {
  return value === null || value === undefined ? null : int(value, path);
}

/** One of `values`. */
export function member<T extends string | number>(value: unknown, values: readonly T[], path: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined) return fail(path, `one of ${values.join(', ')}`);
  return found;
}

export function isMember<T extends string>(value: unknown, values: readonly T[]): value is T {
  return values.some((v) => v === value);
}

/** A decimal written as text; 0 (how buckets write zero) and an absent value read as zero. */
export function decimal(value: unknown, path: string): Dec {
  if (value === 0 || value === undefined || value === null) return ZERO;
  if (typeof value !== 'string') return fail(path, 'a decimal');
  try {
    return new Dec(value);
  } catch {
    return fail(path, 'a decimal');
  }
}

export function decimalOrNull(value: unknown, path: string): Dec | null {
  return value === null || value === undefined ? null : decimal(value, path);
}

/** A list of values each checked by `is` (kept as stored: the very objects `JSON.parse` gave). */
export function isListOf<T>(value: unknown, is: (item: unknown) => item is T): value is T[] {
  return Array.isArray(value) && value.every((item: unknown) => is(item));
}
