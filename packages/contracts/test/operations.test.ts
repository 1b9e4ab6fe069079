import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AppError,
  OPERATIONS,
  openApiPathOf,
  OPERATION_TYPES,
  configRefsOf,
  exampleRequest,
  naturalKeyOf,
  parseOperation,
  parseTransferBatch,
  recordedAtOf,
  type OperationType,
} from '../src/index.js';
import {
  cancelLoanSeed,
  createConsolidationSeed,
  createLoanSeed,
  createLoanSeedMalformed,
  createPaymentSeed,
  createWaiverSeed,
  loanParams,
  transferItemSeed,
} from './fixtures.js';

function fieldsOfFailure(result: { ok: true } | { ok: false; error: AppError }): Record<string, string> {
  assert.equal(result.ok, false, 'expected a validation failure');
  if (result.ok) throw new Error('unreachable');
  assert.equal(result.error.kind, 'validation_failed');
  assert.equal(result.error.httpStatus, 400);
  return (result.error.context as { fields: Record<string, string> }).fields;
}

function assertOk<T>(result: { ok: true; value: T } | { ok: false; error: AppError }): T {
  if (!result.ok) assert.fail(`expected success, got ${JSON.stringify(result.error.toJSON())}`);
  return result.value;
}

describe('seed example requests parse', () => {
  it('create loan', () => {
    const v = assertOk(parseOperation('create_loan', { params: loanParams, query: {}, body: createLoanSeed() }));
    assert.equal(v.type, 'create_loan');
    assert.equal(v.borrowerId, 'B1');
    assert.deepEqual(v.body, createLoanSeed());
    assert.equal(v.query.is_migration, false);
  });
  it('cancel loan, with and without effective_date, and without loan_cancellation', () => {
    assertOk(parseOperation('cancel_loan', { params: loanParams, body: cancelLoanSeed() }));
    assertOk(parseOperation('cancel_loan', { params: loanParams, body: { loan_cancellation: {}, request_id: 'x' } }));
    const v = assertOk(parseOperation('cancel_loan', { params: loanParams, body: {} }));
    assert.deepEqual(v.body.loan_cancellation, {});
  });
  it('create waiver', () => {
    assertOk(parseOperation('create_waiver', { params: { ...loanParams, waiver_id: 'W1' }, body: createWaiverSeed() }));
  });
  it('create consolidation (Z offsets allowed)', () => {
    assertOk(parseOperation('create_consolidation', { params: { borrower_id: 'B1', consolidation_id: 'C1' }, body: createConsolidationSeed() }));
  });
  it('transfer ownership batch', () => {
    const r = assertOk(parseTransferBatch({ query: {}, body: [transferItemSeed()] }));
    assert.equal(r.items.length, 1);
    assert.equal(r.items[0]?.ok, true);
  });
  it('create payment (docs/api.md)', () => {
    assertOk(parseOperation('create_payment', { params: { borrower_id: 'B1', payment_id: 'P1' }, body: createPaymentSeed() }));
    const noAlloc = { ...createPaymentSeed(), payment_allocations: null };
    assertOk(parseOperation('create_payment', { params: { borrower_id: 'B1', payment_id: 'P1' }, body: noAlloc }));
  });
  it('keeps additional properties where the seeds allow them', () => {
    const body = createLoanSeed() as ReturnType<typeof createLoanSeed> & { loan: { extra?: string } };
    body.loan.extra = 'kept';
    const v = assertOk(parseOperation('create_loan', { params: loanParams, body }));
    assert.equal((v.body.loan as Record<string, unknown>)['extra'], 'kept');
  });
});

describe('date-times', () => {
  it("the seed's malformed due_dates (two dates in one string) is a 400 naming loan.due_dates[0]", () => {
    const r = parseOperation('create_loan', { params: loanParams, body: createLoanSeedMalformed() });
    const fields = fieldsOfFailure(r);
    assert.deepEqual(Object.keys(fields), ['loan.due_dates[0]']);
    assert.match(fields['loan.due_dates[0]'] ?? '', /date-time/);
    if (!r.ok) assert.equal(r.error.toJSON().status, 'Bad Request');
  });
  for (const bad of ['2020-02-01', '2020-02-01T23:59:59', '2020-02-30T00:00:00Z', '2020-02-01T23:59-05:00', '2020-02-01T23:59:59+0500', 'x', '']) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      const body = createLoanSeed();
      body.loan.origination_date = bad;
      assert.ok('loan.origination_date' in fieldsOfFailure(parseOperation('create_loan', { params: loanParams, body })));
    });
  }
  it('accepts microseconds and Z', () => {
    const body = createLoanSeed();
    body.occurred_on = '2020-01-01T10:15:20.123456Z';
    assertOk(parseOperation('create_loan', { params: loanParams, body }));
  });
  it('due dates must be strictly increasing and after origination_date', () => {
    const body = createLoanSeed();
    body.loan.due_dates = ['2020-03-01T23:59:59-05:00', '2020-02-01T23:59:59-05:00'];
    assert.ok('loan.due_dates[1]' in fieldsOfFailure(parseOperation('create_loan', { params: loanParams, body })));
    body.loan.due_dates = ['2019-12-31T23:59:59-05:00'];
    assert.ok('loan.due_dates[0]' in fieldsOfFailure(parseOperation('create_loan', { params: loanParams, body })));
    body.loan.due_dates = ['2020-02-01T23:59:59-05:00', '2020-02-01T23:59:59-05:00'];
    assert.ok('loan.due_dates[1]' in fieldsOfFailure(parseOperation('create_loan', { params: loanParams, body })));
  });
  it('with a time zone, due dates are compared as days there', () => {
    const body = createLoanSeed();
    // Distinct instants, one Bogotá day.
    body.loan.due_dates = ['2020-02-01T08:00:00-05:00', '2020-02-01T23:00:00-05:00'];
    assertOk(parseOperation('create_loan', { params: loanParams, body }));
    const fields = fieldsOfFailure(parseOperation('create_loan', { params: loanParams, body }, { timeZone: 'America/Bogota' }));
    assert.ok('loan.due_dates[1]' in fields);
  });
  it('due_dates needs at least one element and is not nullable', () => {
    const body = createLoanSeed() as { loan: { due_dates: unknown } };
    body.loan.due_dates = [];
    assert.ok('loan.due_dates' in fieldsOfFailure(parseOperation('create_loan', { params: loanParams, body })));
    body.loan.due_dates = null;
    assert.ok('loan.due_dates' in fieldsOfFailure(parseOperation('create_loan', { params: loanParams, body })));
  });
});

describe('create loan minimums', () => {
  it('names every bad field at once', () => {
    const body = createLoanSeed() as { loan: Record<string, unknown> };
    body.loan['amount_financed'] = -1;
    body.loan['config_id'] = '';
    body.loan['interest_rate'] = '0.3';
    body.loan['daily_fee_charge'] = -5;
    delete body.loan['delinquency_interest_rate'];
    const fields = fieldsOfFailure(parseOperation('create_loan', { params: loanParams, body }));
    assert.deepEqual(Object.keys(fields).sort(), [
      'loan.amount_financed',
      'loan.config_id',
      'loan.daily_fee_charge',
      'loan.delinquency_interest_rate',
      'loan.interest_rate',
    ]);
    assert.match(fields['loan.delinquency_interest_rate'] ?? '', /^Required/);
  });
  it('a missing or non-object body is a 400', () => {
    assert.ok('loan' in fieldsOfFailure(parseOperation('create_loan', { params: loanParams, body: {} })));
    assert.ok('body' in fieldsOfFailure(parseOperation('create_loan', { params: loanParams, body: undefined })));
    assert.ok('body' in fieldsOfFailure(parseOperation('create_loan', { params: loanParams, body: [1] })));
  });
});

describe('path params and query', () => {
  it('refuses empty, long and odd ids', () => {
    for (const bad of ['', 'a'.repeat(129), 'a/b', 'a b', 'é']) {
      const f = fieldsOfFailure(parseOperation('create_loan', { params: { borrower_id: bad, loan_id: 'L1' }, body: createLoanSeed() }));
      assert.ok('borrower_id' in f, bad);
    }
    assertOk(parseOperation('create_loan', { params: { borrower_id: 'a'.repeat(128), loan_id: 'A.b_c:d-9' }, body: createLoanSeed() }));
  });
  it('is_migration accepts true/false strings, defaults to false, refuses others', () => {
    for (const [q, expected] of [[{ is_migration: 'true' }, true], [{ is_migration: 'False' }, false], [{}, false], [{ is_migration: '1' }, true]] as const) {
      const v = assertOk(parseOperation('create_loan', { params: loanParams, query: q, body: createLoanSeed() }));
      assert.equal(v.query.is_migration, expected);
    }
    const f = fieldsOfFailure(parseOperation('create_loan', { params: loanParams, query: { is_migration: 'yes' }, body: createLoanSeed() }));
    assert.ok('is_migration' in f);
  });
  it('is_migration=true requires occurred_on, for every operation', () => {
    const body = createLoanSeed() as Partial<ReturnType<typeof createLoanSeed>>;
    delete body.occurred_on;
    assertOk(parseOperation('create_loan', { params: loanParams, query: {}, body }));
    const f = fieldsOfFailure(parseOperation('create_loan', { params: loanParams, query: { is_migration: 'true' }, body }));
    assert.deepEqual(Object.keys(f), ['occurred_on']);
    const item = transferItemSeed() as Partial<ReturnType<typeof transferItemSeed>>;
    delete item.occurred_on;
    const batch = assertOk(parseTransferBatch({ query: { is_migration: 'true' }, body: [item] }));
    const first = batch.items[0];
    assert.ok(first && !first.ok && 'occurred_on' in (first.error.context as { fields: object }).fields);
  });
  it('recordedAtOf uses occurred_on only for migrations', () => {
    const v = assertOk(parseOperation('create_loan', { params: loanParams, query: { is_migration: 'true' }, body: createLoanSeed() }));
    assert.equal(recordedAtOf(v, '2026-01-01T00:00:00Z'), '2020-01-01T10:15:20-05:00');
    const w = assertOk(parseOperation('create_loan', { params: loanParams, body: createLoanSeed() }));
    assert.equal(recordedAtOf(w, '2026-01-01T00:00:00Z'), '2026-01-01T00:00:00Z');
  });
});

describe('create waiver', () => {
  const params = { ...loanParams, waiver_id: 'W1' };
  it('refuses an unknown bucket and type, and a percentage above 1', () => {
    const body = createWaiverSeed() as { waiver: Record<string, unknown> };
    body.waiver['bucket'] = 'everything';
    body.waiver['type'] = 'fixed';
    body.waiver['percentage'] = 1.5;
    const f = fieldsOfFailure(parseOperation('create_waiver', { params, body }));
    assert.ok('waiver.bucket' in f && 'waiver.type' in f && 'waiver.percentage' in f);
  });
  it('accepts each of the 15 scopes', () => {
    for (const bucket of ['all', 'principal', 'non_overdue_principal', 'interest', 'delinquency_interest', 'installment_fee', 'current_installment_fee', 'current_installment', 'non_overdue_installment_fee', 'current_principal', 'overdue_principal', 'overdue_interest', 'discount_at_origination', 'overdue_installment_fee', 'late_fee']) {
      const body = createWaiverSeed();
      body.waiver.bucket = bucket;
      assertOk(parseOperation('create_waiver', { params, body }));
    }
  });
  it('type amount requires amount; type percentage requires percentage', () => {
    const a = createWaiverSeed();
    a.waiver.type = 'amount';
    a.waiver.amount = null;
    assert.ok('waiver.amount' in fieldsOfFailure(parseOperation('create_waiver', { params, body: a })));
    const p = createWaiverSeed();
    p.waiver.percentage = null;
    assert.ok('waiver.percentage' in fieldsOfFailure(parseOperation('create_waiver', { params, body: p })));
    p.waiver.type = 'amount';
    assertOk(parseOperation('create_waiver', { params, body: p }));
  });
});

describe('create payment', () => {
  const params = { borrower_id: 'B1', payment_id: 'P1' };
  it('allocations must sum to amount_paid exactly (decimal, not float)', () => {
    // 0.1 + 0.2 !== 0.3 in floats; equal here.
    assertOk(parseOperation('create_payment', { params, body: createPaymentSeed() }));
    const body = createPaymentSeed();
    body.payment.amount_paid = 0.31;
    const f = fieldsOfFailure(parseOperation('create_payment', { params, body }));
    assert.deepEqual(Object.keys(f), ['payment_allocations']);
    assert.match(f['payment_allocations'] ?? '', /0\.3\b/);
  });
  it('refuses negative amounts and repeated loans', () => {
    const body = createPaymentSeed();
    body.payment_allocations = [{ loan_id: 'L1', amount: -0.1 }, { loan_id: 'L1', amount: 0.4 }];
    const f = fieldsOfFailure(parseOperation('create_payment', { params, body }));
    assert.ok('payment_allocations[0].amount' in f);
  });
  it('refuses repeated loans in allocations', () => {
    const body = createPaymentSeed();
    body.payment_allocations = [{ loan_id: 'L1', amount: 0.1 }, { loan_id: 'L1', amount: 0.2 }];
    assert.ok('payment_allocations[1].loan_id' in fieldsOfFailure(parseOperation('create_payment', { params, body })));
  });
  it('large amounts sum exactly', () => {
    const body = createPaymentSeed();
    body.payment.amount_paid = 1234567890.12;
    body.payment_allocations = [{ loan_id: 'L1', amount: 1234567890 }, { loan_id: 'L2', amount: 0.12 }];
    assertOk(parseOperation('create_payment', { params, body }));
  });
});

describe('create consolidation', () => {
  const params = { borrower_id: 'B1', consolidation_id: 'C1' };
  it('original_loans needs at least 1 loan, without duplicates', () => {
    const body = createConsolidationSeed();
    body.loan_consolidation.original_loans = [];
    assert.ok('loan_consolidation.original_loans' in fieldsOfFailure(parseOperation('create_consolidation', { params, body })));
    body.loan_consolidation.original_loans = ['A', 'B', 'A'];
    assert.ok('loan_consolidation.original_loans[2]' in fieldsOfFailure(parseOperation('create_consolidation', { params, body })));
    body.loan_consolidation.original_loans = ['A', 'C1'];
    assert.ok('loan_consolidation.original_loans[1]' in fieldsOfFailure(parseOperation('create_consolidation', { params, body })));
  });
  it('due dates must be after effective_date', () => {
    const body = createConsolidationSeed();
    body.loan_consolidation.due_dates = ['2025-05-04T09:42:00Z'];
    assert.ok('loan_consolidation.due_dates[0]' in fieldsOfFailure(parseOperation('create_consolidation', { params, body })));
  });
});

describe('transfer ownership batch', () => {
  it('must be an array of 1..1000 items', () => {
    for (const body of [{}, [], 'x', null, Array.from({ length: 1001 }, transferItemSeed)]) {
      const r = parseTransferBatch({ query: {}, body });
      assert.ok('body' in fieldsOfFailure(r), JSON.stringify(body).slice(0, 20));
    }
    assertOk(parseTransferBatch({ query: {}, body: Array.from({ length: 1000 }, transferItemSeed) }));
  });
  it('each item fails alone', () => {
    const bad = { ...transferItemSeed(), borrower_id: 'B 2', request_id: 'r2' };
    const r = assertOk(parseTransferBatch({ query: {}, body: [transferItemSeed(), bad, 7] }));
    assert.deepEqual(r.items.map((i) => i.ok), [true, false, false]);
    const second = r.items[1];
    assert.ok(second && !second.ok);
    if (second && !second.ok) {
      assert.equal(second.borrower_id, 'B 2');
      assert.equal(second.request_id, 'r2');
      assert.ok('borrower_id' in (second.error.context as { fields: object }).fields);
    }
  });
  it('a bad query refuses the whole batch', () => {
    assert.ok('is_migration' in fieldsOfFailure(parseTransferBatch({ query: { is_migration: 'maybe' }, body: [transferItemSeed()] })));
  });
});

describe('natural keys and config references', () => {
  it('follow the docs/api.md table', () => {
    const keyOf = (type: OperationType, params: Record<string, string>, body: unknown = exampleRequest(type).body): string => {
      const parsed = parseOperation(type, { params, body });
      assert.ok(parsed.ok, type);
      return parsed.value.naturalKey;
    };
    assert.equal(keyOf('create_loan', loanParams), 'create_loan/B1/L1');
    assert.equal(keyOf('cancel_loan', loanParams), 'cancel_loan/B1/L1');
    assert.equal(keyOf('create_waiver', { ...loanParams, waiver_id: 'W' }), 'create_waiver/B1/L1/W');
    assert.equal(keyOf('create_consolidation', { borrower_id: 'B1', consolidation_id: 'C' }), 'create_consolidation/B1/C');
    assert.equal(keyOf('create_payment', { borrower_id: 'B1', payment_id: 'P' }), 'create_payment/B1/P');
    assert.equal(keyOf('transfer_ownership', {}, transferItemSeed()), 'transfer_ownership/string/string/string');
    const { request_id: _r, ...withoutRequestId } = { ...transferItemSeed(), borrower_id: 'B', loan_id: 'L' };
    assert.equal(keyOf('transfer_ownership', {}, withoutRequestId), 'transfer_ownership/B/L/');
  });
  it('parseOperation sets naturalKey and borrowerId', () => {
    const v = assertOk(parseTransferBatch({ body: [transferItemSeed()] })).items[0];
    assert.ok(v?.ok);
    if (v?.ok) {
      assert.equal(v.value.borrowerId, 'string');
      assert.equal(v.value.naturalKey, 'transfer_ownership/string/string/string');
    }
  });
  it('configRefsOf names the configs an operation uses, DEFAULT when none', () => {
    assert.deepEqual(configRefsOf('create_loan', createLoanSeed()), [{ kind: 'loans', field: 'loan.config_id', configId: 'string' }]);
    assert.deepEqual(configRefsOf('create_payment', createPaymentSeed()), [{ kind: 'payments', field: 'payment.config_id', configId: 'DEFAULT' }]);
    assert.equal(configRefsOf('create_consolidation', createConsolidationSeed()).length, 2);
    assert.deepEqual(configRefsOf('cancel_loan', cancelLoanSeed()), []);
  });
  it('the catalog covers the six operations with their seed paths', () => {
    assert.deepEqual(Object.keys(OPERATIONS).sort(), [...OPERATION_TYPES].sort());
    const t: OperationType = 'create_waiver';
    assert.equal(openApiPathOf(OPERATIONS[t].path), '/v1/borrowers/{borrower_id}/loans/{loan_id}/waivers/{waiver_id}/create');
  });
});

describe('exampleRequest', () => {
  it('every example is valid', () => {
    for (const type of OPERATION_TYPES) {
      const ex = exampleRequest(type);
      if (type === 'transfer_ownership') {
        const r = assertOk(parseTransferBatch({ body: ex.body }));
        assert.ok(r.items.every((i) => i.ok));
      } else assertOk(parseOperation(type, { params: ex.params, body: ex.body }));
    }
  });
});
