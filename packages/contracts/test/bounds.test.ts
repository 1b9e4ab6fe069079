import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { amountSchema, BOUNDS, daySchema, dateTimeSchema, dueDatesSchema, idSchema, parseOperation, rateSchema, requestIdSchema } from '../src/index.js';
import { createLoanSeed } from './fixtures.js';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('the bounds of docs/security.md', () => {
  it('amounts: 0 to 10^13 with at most 2 decimals, decided on the number as written', () => {
    for (const v of [0, 0.01, 1.1, 163333.34, 9_999_999_999_999.99, 1e13]) assert.ok(ok(amountSchema, v), String(v));
    for (const v of [-0.01, 1e13 + 0.01, 1e14, 1e308, 1.234, 0.001, 1e-7, 5e-324, 0.1 + 0.2, Infinity, NaN]) assert.ok(!ok(amountSchema, v), String(v));
  });

  it('property: every whole number of cents up to 10^13 is an amount; a third decimal never is', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }).map(Number), (cents) => {
        const amount = cents / 100;
        assert.equal(ok(amountSchema, amount), true, String(amount));
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }).map(Number), fc.integer({ min: 1, max: 9 }), (mils, last) => {
        const amount = Number(`${Math.floor(mils / 1000)}.${String(mils % 100).padStart(2, '0')}${last}`);
        assert.equal(ok(amountSchema, amount), false, String(amount));
      }),
    );
  });

  it('rates: 0 to 100 (10 000 % EA)', () => {
    for (const v of [0, 0.3848, 100]) assert.ok(ok(rateSchema, v));
    for (const v of [100.000001, 1e10, -0.1]) assert.ok(!ok(rateSchema, v));
  });

  it('dates: years 1900 to 2200, both included, as written', () => {
    for (const v of ['1900-01-01T00:00:00Z', '2200-12-31T23:59:59.999999-05:00', '2024-02-29T12:00:00+14:00']) assert.ok(ok(dateTimeSchema, v), v);
    for (const v of ['1899-12-31T23:59:59Z', '2201-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T00:00:00Z']) assert.ok(!ok(dateTimeSchema, v), v);
    for (const v of ['1900-01-01', '2200-12-31', '2024-02-29']) assert.ok(ok(daySchema, v), v);
    for (const v of ['1899-12-31', '2201-01-01', '2023-02-29', '']) assert.ok(!ok(daySchema, v), v);
  });

  it('at most 600 due dates; ids and request ids at most 128 characters', () => {
    const dates = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString());
    assert.ok(ok(dueDatesSchema, dates(BOUNDS.maxDueDates)));
    assert.ok(!ok(dueDatesSchema, dates(BOUNDS.maxDueDates + 1)));
    assert.ok(ok(idSchema, 'x'.repeat(128)) && !ok(idSchema, 'x'.repeat(129)));
    assert.ok(ok(requestIdSchema, 'x'.repeat(128)) && !ok(requestIdSchema, 'x'.repeat(129)));
  });

  it('an operation out of bounds is one 400 naming each field', () => {
    const body = createLoanSeed() as { loan: Record<string, unknown> };
    body.loan.amount_financed = 1e14;
    body.loan.interest_rate = 101;
    const parsed = parseOperation('create_loan', { params: { borrower_id: 'B1', loan_id: 'x'.repeat(129) }, body });
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.equal(parsed.error.httpStatus, 400);
    const fields = Object.keys((parsed.error.context as { fields: Record<string, string> }).fields);
    for (const f of ['loan.amount_financed', 'loan.interest_rate', 'loan_id']) assert.ok(fields.includes(f), `${f} in ${fields}`);
  });
});
