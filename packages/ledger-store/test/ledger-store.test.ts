import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OperationRow } from '@lsl/db';
import { DEFAULT_DELINQUENCY_BUCKETS, emptyState, type LoanConfig } from '@lsl/ledger';
import { applyRecorded, ByteLru, decodeOperation, decodeStoredConfigs, OPERATION_RECORD_VERSION, StateCache, StoredBodyError } from '../src/index.js';

const LEDGER = { timeZone: 'America/Bogota' };
const LOAN_CONFIG: LoanConfig = { id: 'DEFAULT', version: 1, usury_rate: null, usury_behavior: 'cap', daily_fee_max_charge: null, late_fee_amount: null, late_fee_grace_days: 0, delinquency_buckets: DEFAULT_DELINQUENCY_BUCKETS.map((b) => ({ ...b })) };
const LOAN = {
  loan: {
    amount_financed: 1200000, config_id: 'DEFAULT', delinquency_interest_rate: 0.3848, interest_rate: 0.3848,
    due_dates: ['2024-02-15T23:59:59.999999-05:00', '2024-03-15T23:59:59.999999-05:00'], origination_date: '2024-01-15T00:00:00-05:00', branch: 'north',
  },
  occurred_on: '2024-01-15T10:00:00-05:00',
};

function row(body: unknown, configs: Record<string, unknown>): OperationRow {
  const at = new Date('2024-01-15T15:00:00Z');
  return {
    id: '00000000-0000-4000-8000-000000000001', borrower_id: 'B1', seq: 1, type: 'create_loan', natural_key: 'k', request_hash: 'h',
    idempotency_key: null, params: { borrower_id: 'B1', loan_id: 'L1' }, body, is_migration: false, recorded_at: at, request_id: null,
    configs, batch_id: null, batch_index: null, status: 'queued', result_status_code: null, result_body: null, accepted_at: at, completed_at: null,
    record_version: OPERATION_RECORD_VERSION,
  };
}

test('a recorded row becomes a typed operation: body parsed by its schema, configs by kind', () => {
  const op = decodeOperation(row(LOAN, { loans: LOAN_CONFIG }));
  assert.equal(op.type, 'create_loan');
  if (op.type !== 'create_loan') return;
  assert.deepEqual(op.loanConfig, LOAN_CONFIG);
  assert.equal(op.body.loan.amount_financed, 1200000);
  assert.equal(op.body.loan['branch'], 'north', 'additional properties are kept (results echo them)');
});

test('stored configs are decoded by kind, each checked by its schema', () => {
  assert.deepEqual(decodeStoredConfigs({ loans: LOAN_CONFIG }), { loans: LOAN_CONFIG });
  assert.deepEqual(decodeStoredConfigs({ loans: LOAN_CONFIG, payments: null }), { loans: LOAN_CONFIG });
  assert.deepEqual(decodeStoredConfigs(null), {});
  assert.throws(() => decodeStoredConfigs({ loans: { ...LOAN_CONFIG, usury_behavior: 'maybe' } }), /loans config does not parse/);
  assert.throws(() => decodeStoredConfigs({ loans: { usury_behavior: 'cap' } }), /no id and version/);
});

test('a record of an unknown type or codec version is not applied: a 400 result naming it', () => {
  const state = emptyState('B1');
  const unknownVersion = { ...row(LOAN, { loans: LOAN_CONFIG }), record_version: OPERATION_RECORD_VERSION + 1 };
  assert.throws(() => decodeOperation(unknownVersion), StoredBodyError);
  assert.equal(applyRecorded(state, unknownVersion, LEDGER).result.statusCode, 400);
  const unknownType = { ...row(LOAN, { loans: LOAN_CONFIG }), type: 'create_nothing' };
  // The column is typed; a row written by hand can still hold anything.
  const out = applyRecorded(state, JSON.parse(JSON.stringify(unknownType)), LEDGER);
  assert.equal(out.result.statusCode, 400);
  assert.equal(out.state, state);
});

test('the lender-time-zone due-date rule is checked again when decoding', () => {
  // Two due dates on one day in Bogota (distinct instants): refused at intake, and here.
  const sameDay = { ...LOAN, loan: { ...LOAN.loan, due_dates: ['2024-02-15T10:00:00-05:00', '2024-02-15T20:00:00-05:00'] } };
  assert.doesNotThrow(() => decodeOperation(row(sameDay, { loans: LOAN_CONFIG })));
  assert.throws(() => decodeOperation(row(sameDay, { loans: LOAN_CONFIG }), LEDGER), StoredBodyError);
});

test('a stored body that no longer parses is a 400 result naming its fields, the state untouched', () => {
  const bad = row({ ...LOAN, loan: { ...LOAN.loan, amount_financed: -5 } }, { loans: LOAN_CONFIG });
  assert.throws(() => decodeOperation(bad), StoredBodyError);
  const state = emptyState('B1');
  const seen: unknown[] = [];
  const out = applyRecorded(state, bad, LEDGER, (e) => seen.push(e));
  assert.equal(out.state, state);
  assert.equal(out.result.ok, false);
  assert.equal(out.result.statusCode, 400);
  assert.ok(!out.result.ok && (out.result.body.context as { fields: Record<string, string> }).fields['loan.amount_financed']);
  assert.equal(seen.length, 1);
});

test('a missing config is a defect of the record: a 500 result, not a crash', () => {
  const state = emptyState('B1');
  const out = applyRecorded(state, row(LOAN, {}), LEDGER);
  assert.equal(out.result.statusCode, 500);
  assert.deepEqual(out.result.body, {
    code: 5000,
    context: { operation_id: '00000000-0000-4000-8000-000000000001' },
    error: 'The ledger could not apply this operation; it has been recorded as failed.',
    status: 'Internal Server Error',
  });
  assert.equal(out.state, state, 'the state is left as it was');
});

test('ByteLru and StateCache: bounded by bytes, least recently used first', () => {
  const lru = new ByteLru<string>(10);
  lru.set('a', 'A', 4);
  lru.set('b', 'B', 4);
  assert.equal(lru.get('a'), 'A');
  lru.set('c', 'C', 4);
  assert.equal(lru.get('b'), undefined);
  assert.equal(lru.bytes, 8);
  lru.set('huge', 'H', 11);
  assert.equal(lru.get('huge'), undefined);
  assert.equal(lru.size, 2);

  const cache = new StateCache(100);
  cache.set('B1', { state: emptyState('B1'), appliedSeq: 3 }, 60);
  cache.set('B2', { state: emptyState('B2'), appliedSeq: 1 }, 60);
  assert.equal(cache.get('B1'), undefined);
  assert.equal(cache.get('B2')?.appliedSeq, 1);
  assert.equal(cache.bytesOf('B2'), 60);
});
