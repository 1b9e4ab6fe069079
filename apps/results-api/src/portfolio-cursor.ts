/**
 * `get_summary`'s opaque cursor (docs/reads.md "Portfolio"): where the previous page ended, as
 * base64url JSON. A cursor that is not one is a 400 naming `query.cursor`.
 */
import { AppError, isCalendarDay } from '@lsl/contracts';
import type { PortfolioPosition } from '@lsl/db';

export function encodeCursor(position: PortfolioPosition): string {
  const value = position.part === 'past_due' ? ['p', position.oldestOwingDue, position.borrowerId, position.loanId] : ['c', position.borrowerId, position.loanId];
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function invalid(): never {
  throw new AppError('validation_failed', 'Invalid query parameter: cursor', { fields: { 'query.cursor': 'Must be a `next_cursor` of a previous page' } });
}

export function decodeCursor(cursor: string): PortfolioPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    invalid();
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) invalid();
  const parts: string[] = value;
  if (parts[0] === 'p' && parts.length === 4 && isCalendarDay(parts[1]!)) return { part: 'past_due', oldestOwingDue: parts[1]!, borrowerId: parts[2]!, loanId: parts[3]! };
  if (parts[0] === 'c' && parts.length === 3) return { part: 'current', borrowerId: parts[1]!, loanId: parts[2]! };
  invalid();
}
