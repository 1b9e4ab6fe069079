import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleRequest, naturalKeyOf, parseOperation, parseRestructuringBatch, restructureLoansBatchExample, type OperationType } from '../src/index.js';

const TZ = { timeZone: 'America/Bogota' };

function fieldsOfFailure(result: { ok: boolean; error?: any }): Record<string, string> {
  assert.equal(result.ok, false, 'expected a validation failure');
  assert.equal(result.error.httpStatus, 400);
  return result.error.context.fields;
}

describe('corrections (docs/ledger.md "Corrections")', () => {
  it('each example request is valid, with its idempotency key', () => {
    const keys: Partial<Record<OperationType, string>> = {
      create_balance_adjustment: 'create_balance_adjustment/B1/L1/ADJ1',
      revert_cancellation: 'revert_cancellation/B1/L1/string',
      cancel_consolidation: 'cancel_consolidation/B1/C1',
    };
    for (const [type, key] of Object.entries(keys) as Array<[OperationType, string]>) {
      const parsed = parseOperation(type, exampleRequest(type), TZ);
      assert.ok(parsed.ok, `${type}: ${JSON.stringify(!parsed.ok && parsed.error)}`);
      assert.equal(naturalKeyOf(type, parsed.value.params, parsed.value.body), key);
    }
  });

  it('a reversal without request_id keys on borrower and loan alone; the bodies may be empty', () => {
    const parsed = parseOperation('revert_cancellation', { params: { borrower_id: 'B1', loan_id: 'L1' }, body: {} }, TZ);
    assert.ok(parsed.ok);
    assert.equal(parsed.value.naturalKey, 'revert_cancellation/B1/L1/');
    assert.ok(parseOperation('cancel_consolidation', { params: { borrower_id: 'B1', consolidation_id: 'C1' }, body: {} }, TZ).ok);
    const badReason = parseOperation('cancel_consolidation', { params: { borrower_id: 'B1', consolidation_id: 'C1' }, body: { consolidation_cancellation: { reason: 5 } } }, TZ);
    assert.ok('consolidation_cancellation.reason' in fieldsOfFailure(badReason));
  });

  it('adjustment: amount signed, not 0, cents; a known bucket; installment an integer from 1', () => {
    const params = { borrower_id: 'B1', loan_id: 'L1', adjustment_id: 'A1' };
    const body = (terms: Record<string, unknown>) => ({ balance_adjustment: { effective_date: '2024-02-20T00:00:00-05:00', bucket: 'principal', amount: -10, ...terms } });
    assert.ok(parseOperation('create_balance_adjustment', { params, body: body({}) }, TZ).ok);
    assert.ok(parseOperation('create_balance_adjustment', { params, body: body({ installment: null }) }, TZ).ok);
    assert.ok('balance_adjustment.amount' in fieldsOfFailure(parseOperation('create_balance_adjustment', { params, body: body({ amount: 0 }) }, TZ)));
    assert.ok('balance_adjustment.amount' in fieldsOfFailure(parseOperation('create_balance_adjustment', { params, body: body({ amount: 1.001 }) }, TZ)));
    assert.ok('balance_adjustment.bucket' in fieldsOfFailure(parseOperation('create_balance_adjustment', { params, body: body({ bucket: 'fees' }) }, TZ)));
    assert.ok('balance_adjustment.installment' in fieldsOfFailure(parseOperation('create_balance_adjustment', { params, body: body({ installment: 0 }) }, TZ)));
    assert.ok('balance_adjustment.installment' in fieldsOfFailure(parseOperation('create_balance_adjustment', { params, body: body({ installment: 1.5 }) }, TZ)));
    assert.ok('balance_adjustment.effective_date' in fieldsOfFailure(parseOperation('create_balance_adjustment', { params, body: body({ effective_date: 'x' }) }, TZ)));
  });

  it('restructuring batch: each item becomes the single restructuring of its loan; a bad item fails alone', () => {
    const example = restructureLoansBatchExample();
    const parsed = parseRestructuringBatch({ body: [...example, { borrower_id: 'B3', loan_id: 'L1', restructuring_id: 'RS1', loan_restructuring: { effective_date: '2024-03-20T00:00:00-05:00', due_dates: ['2024-03-01T23:59:59.999999-05:00'] } }, 7] }, TZ);
    assert.ok(parsed.ok);
    const [a, b, c, d] = parsed.value.items;
    if (!a?.ok || !b?.ok || c === undefined || c.ok || d === undefined || d.ok) return assert.fail('items 1 and 2 valid, 3 and 4 failed');
    assert.equal(a.value.type, 'create_restructuring');
    assert.equal(a.value.naturalKey, 'create_restructuring/B1/L1/RS1');
    assert.deepEqual(Object.keys(a.rawBody), ['loan_restructuring', 'occurred_on', 'request_id']);
    assert.equal(b.value.borrowerId, 'B2');
    assert.equal(c.borrower_id, 'B3');
    assert.ok(Object.keys(c.error.context.fields as object).some((f) => f.includes('due_dates')), JSON.stringify(c.error.context));
    assert.equal(d.borrower_id, null);
    assert.equal(parseRestructuringBatch({ body: [] }).ok, false);
    assert.equal(parseRestructuringBatch({ body: { borrower_id: 'B1' } }).ok, false);
  });
});
