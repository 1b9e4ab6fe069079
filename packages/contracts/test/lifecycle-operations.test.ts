import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cancelLoansBatchExample, configRefsOf, exampleRequest, naturalKeyOf, parseCancelBatch, parseOperation, type OperationType } from '../src/index.js';

const TZ = { timeZone: 'America/Bogota' };
const LIFECYCLE: OperationType[] = ['reverse_payment', 'create_reimbursement', 'charge_off_loan', 'create_restructuring'];

function fieldsOfFailure(result: { ok: boolean; error?: any }): Record<string, string> {
  assert.equal(result.ok, false, 'expected a validation failure');
  assert.equal(result.error.httpStatus, 400);
  return result.error.context.fields;
}

describe('lifecycle operations (docs/ledger.md)', () => {
  it('each example request is valid, with its idempotency key', () => {
    const keys: Record<string, string> = {
      reverse_payment: 'reverse_payment/B1/P1',
      create_reimbursement: 'create_reimbursement/B1/RB1',
      charge_off_loan: 'charge_off_loan/B1/L1',
      create_restructuring: 'create_restructuring/B1/L1/RS1',
    };
    for (const type of LIFECYCLE) {
      const example = exampleRequest(type);
      const parsed = parseOperation(type, { params: example.params, body: example.body }, TZ);
      assert.ok(parsed.ok, `${type}: ${JSON.stringify(!parsed.ok && parsed.error.context)}`);
      assert.equal(parsed.value.naturalKey, keys[type]);
      assert.equal(naturalKeyOf(type, parsed.value.params, parsed.value.body), keys[type]);
    }
  });

  it('a reversal body may be empty (no reason)', () => {
    const parsed = parseOperation('reverse_payment', { params: { borrower_id: 'B1', payment_id: 'P1' }, body: {} });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value.body.payment_reversal, {});
  });

  it('reimbursement: value must be > 0, effective_date a date-time', () => {
    const fields = fieldsOfFailure(parseOperation('create_reimbursement', { params: { borrower_id: 'B1', reimbursement_id: 'R1' }, body: { reimbursement: { value: 0, effective_date: 'yesterday' } } }));
    assert.ok(fields['reimbursement.value'], JSON.stringify(fields));
    assert.ok(fields['reimbursement.effective_date'], JSON.stringify(fields));
  });

  it('charge-off needs effective_date', () => {
    const fields = fieldsOfFailure(parseOperation('charge_off_loan', { params: { borrower_id: 'B1', loan_id: 'L1' }, body: { loan_charge_off: { reason: null } } }));
    assert.ok(fields['loan_charge_off.effective_date'], JSON.stringify(fields));
  });

  it('restructuring: due dates after effective_date (as instants, and as days in the ledger zone)', () => {
    const params = { borrower_id: 'B1', loan_id: 'L1', restructuring_id: 'RS1' };
    const body = (dues: string[]) => ({ loan_restructuring: { effective_date: '2024-03-20T00:00:00-05:00', due_dates: dues } });
    assert.ok(fieldsOfFailure(parseOperation('create_restructuring', { params, body: body(['2024-03-19T23:00:00-05:00']) }))['loan_restructuring.due_dates[0]']);
    // later instant, same local day: refused only when the day is checked
    assert.ok(parseOperation('create_restructuring', { params, body: body(['2024-03-20T23:00:00-05:00']) }).ok);
    assert.ok(fieldsOfFailure(parseOperation('create_restructuring', { params, body: body(['2024-03-20T23:00:00-05:00']) }, TZ))['loan_restructuring.due_dates[0]']);
    assert.deepEqual(configRefsOf('create_restructuring', body([])), [{ kind: 'restructurings', field: 'loan_restructuring.config_id', configId: 'DEFAULT' }]);
  });

  it('cancel batch: each item becomes the single cancel of its loan; a bad item fails alone', () => {
    const parsed = parseCancelBatch({ body: [...cancelLoansBatchExample(), { borrower_id: 'B3', loan_cancellation: { effective_date: 'x' } }] }, TZ);
    assert.ok(parsed.ok);
    const [a, b, c] = parsed.value.items;
    if (!a?.ok || !b?.ok || c === undefined || c.ok) return assert.fail('items 1 and 2 valid, 3 failed');
    assert.equal(a.value.type, 'cancel_loan');
    assert.equal(a.value.naturalKey, 'cancel_loan/B1/L1');
    assert.deepEqual(a.rawBody, { loan_cancellation: { effective_date: '2024-02-15T00:00:00-05:00', reason: 'CUSTOMER_REQUEST' }, occurred_on: '2024-02-15T10:00:00-05:00', request_id: 'c1' });
    assert.equal(b.value.borrowerId, 'B2');
    assert.equal(c.borrower_id, 'B3');
    assert.ok(Object.keys(c.error.context.fields as object).some((f) => f.includes('loan_cancellation')));
    assert.equal(parseCancelBatch({ body: [] }).ok, false);
    assert.equal(parseCancelBatch({ body: { borrower_id: 'B1' } }).ok, false);
  });
});
