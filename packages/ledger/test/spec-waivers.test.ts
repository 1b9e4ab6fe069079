/**
 * docs/ledger.md Waivers. Worked-example loan with R = 0 unless stated. Figures by subtraction
 * from the schedule (derive.py "waivers"): inst interest 33642.89, 26570.68, 23016.03;
 * principal 185987.30, 193059.51, 196614.16; fee 10000 each; total owed 1377781.12.
 * Scope order: overdue oldest first, then current, then future; buckets in payment order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Book, WORKED, waiver, type LoanSpec } from './fixtures/ops.js';
import { bucket } from './fixtures/read.js';

function book(spec: LoanSpec = { ...WORKED, drate: 0 }, cfg = {}) {
  const b = new Book();
  b.loan('L1', spec, cfg);
  return b;
}

test('amount on `interest`: oldest installment first, the echo of the body', () => {
  // 40000 on 01-15: inst1 33642.89, inst2 6357.11 -> inst2 interest left 20213.57
  const b = book();
  const body = b.waive('L1', 'W1', { bucket: 'interest', type: 'amount', amount: 40000, day: '2024-01-15' });
  assert.equal(body.id, 'W1');
  assert.equal(body.loan_id, 'L1');
  assert.equal(body.bucket, 'interest');
  assert.equal(body.type, 'amount');
  assert.equal(body.request_id, 'r2');
  assert.equal(typeof body.kordev_id, 'number');
  const s = b.status('2024-01-15');
  const i = bucket(s, 'L1', 'interest');
  assert.deepEqual([i.waived, i.current, i.total], ['40000.00', '0.00', '77781.12']);
  assert.equal(bucket(b.status('2024-02-16'), 'L1', 'interest').current, '20213.57');
  assert.equal(bucket(s, 'L1', 'principal').waived, '0.00');
});

test('percentage on `principal`: rounded(10% x 1200000) = 120000, inst1 first', () => {
  const b = book();
  b.waive('L1', 'W1', { bucket: 'principal', type: 'percentage', percentage: 0.1, day: '2024-01-15' });
  const p = bucket(b.status('2024-01-15'), 'L1', 'principal');
  assert.deepEqual([p.waived, p.current, p.total], ['120000.00', '65987.30', '1080000.00']);
});

test('percentage on `overdue_interest`: 50% of 60213.57 = 30106.785 -> 30106.79', () => {
  // on 03-20 inst1, inst2 overdue: inst1 interest 33642.89 - 30106.79 = 3536.10 left,
  // inst2 untouched; overdue left 30106.78; inst3 (current) untouched.
  const b = book();
  b.waive('L1', 'W1', { bucket: 'overdue_interest', type: 'percentage', percentage: 0.5, day: '2024-03-20' });
  const i = bucket(b.status('2024-03-20'), 'L1', 'interest');
  assert.deepEqual([i.waived, i.overdue, i.current], ['30106.79', '30106.78', '23016.03']);
  assert.equal(bucket(b.status('2024-03-19'), 'L1', 'interest').waived, '0.00');
});

test('`current_installment` amount: every bucket of the current installment, in payment order', () => {
  // 15000 on 01-15: inst1 fee 10000, then interest 5000; principal untouched
  const b = book();
  b.waive('L1', 'W1', { bucket: 'current_installment', type: 'amount', amount: 15000, day: '2024-01-15' });
  const s = b.status('2024-01-15');
  assert.equal(bucket(s, 'L1', 'installment_fee').waived, '10000.00');
  assert.equal(bucket(s, 'L1', 'interest').waived, '5000.00');
  assert.equal(bucket(s, 'L1', 'interest').current, '28642.89');
  assert.equal(bucket(s, 'L1', 'principal').waived, '0.00');
});

test('`current_installment` cannot exceed the current installment (229630.19)', () => {
  const b = book();
  b.refuse(waiver(b.next(), 'L1', 'W1', { bucket: 'current_installment', type: 'amount', amount: 229630.2, day: '2024-01-15' }), 'waiver_exceeds_owed');
  b.waive('L1', 'W2', { bucket: 'current_installment', type: 'amount', amount: 229630.19, day: '2024-01-15' });
  assert.equal(bucket(b.status('2024-01-15'), 'L1', 'principal').current, '0.00');
});

test('`non_overdue_principal`: current then future, overdue untouched', () => {
  // on 02-20: inst2 193059.51 (current) + inst3 106940.49 = 300000; inst3 left 89673.67
  const b = book();
  b.waive('L1', 'W1', { bucket: 'non_overdue_principal', type: 'amount', amount: 300000, day: '2024-02-20' });
  const p = bucket(b.status('2024-02-20'), 'L1', 'principal');
  assert.deepEqual([p.waived, p.overdue, p.current, p.total], ['300000.00', '185987.30', '0.00', '900000.00']);
  const p3 = bucket(b.status('2024-03-20'), 'L1', 'principal');
  assert.deepEqual([p3.overdue, p3.current], ['185987.30', '89673.67']);
});

test('`all` percentage: rounded(10% x 1377781.12) = 137778.11, in scope order', () => {
  // inst1: fee 10000, interest 33642.89, principal 94135.22 (137778.11 - 43642.89)
  const b = book();
  b.waive('L1', 'W1', { bucket: 'all', type: 'percentage', percentage: 0.1, day: '2024-01-15' });
  const s = b.status('2024-01-15');
  assert.equal(bucket(s, 'L1', 'installment_fee').waived, '10000.00');
  assert.equal(bucket(s, 'L1', 'interest').waived, '33642.89');
  assert.equal(bucket(s, 'L1', 'principal').waived, '94135.22');
  assert.equal(bucket(s, 'L1', 'principal').current, '91852.08');
});

test('`all` amount equal to everything owed leaves nothing; one cent more is 409', () => {
  const b = book();
  b.refuse(waiver(b.next(), 'L1', 'W1', { bucket: 'all', type: 'amount', amount: 1377781.13, day: '2024-01-15' }), 'waiver_exceeds_owed');
  b.waive('L1', 'W2', { bucket: 'all', type: 'amount', amount: 1377781.12, day: '2024-01-15' });
  const s = b.status('2024-03-01');
  for (const k of ['principal', 'interest', 'installment_fee'] as const) assert.equal(bucket(s, 'L1', k).total, '0.00');
});

test('`discount_at_origination`: principal, only on the origination day', () => {
  // 200000: inst1 185987.30, inst2 14012.70 -> inst2 principal left 179046.81
  const b = book();
  b.refuse(waiver(b.next(), 'L1', 'W0', { bucket: 'discount_at_origination', type: 'amount', amount: 1000, day: '2024-01-20' }), 'discount_not_on_origination');
  b.waive('L1', 'W1', { bucket: 'discount_at_origination', type: 'amount', amount: 200000, day: '2024-01-15' });
  const p = bucket(b.status('2024-01-15'), 'L1', 'principal');
  assert.deepEqual([p.waived, p.current, p.total], ['200000.00', '0.00', '1000000.00']);
  assert.equal(bucket(b.status('2024-02-16'), 'L1', 'principal').current, '179046.81');
});

test('`overdue_principal`: up to what is overdue; one cent more is 409', () => {
  const b = book();
  b.refuse(waiver(b.next(), 'L1', 'W1', { bucket: 'overdue_principal', type: 'amount', amount: 185987.31, day: '2024-02-20' }), 'waiver_exceeds_owed');
  b.waive('L1', 'W2', { bucket: 'overdue_principal', type: 'amount', amount: 185987.3, day: '2024-02-20' });
  const p = bucket(b.status('2024-02-20'), 'L1', 'principal');
  assert.deepEqual([p.overdue, p.current, p.waived], ['0.00', '193059.51', '185987.30']);
});

test('`current_principal` and `current_installment_fee`', () => {
  // on 02-20 inst2 is current: principal 193059.51 - 1000 = 192059.51; its fee 100% waived
  const b = book();
  b.waive('L1', 'W1', { bucket: 'current_principal', type: 'amount', amount: 1000, day: '2024-02-20' });
  b.waive('L1', 'W2', { bucket: 'current_installment_fee', type: 'percentage', percentage: 1, day: '2024-02-20' });
  const s = b.status('2024-02-20');
  assert.deepEqual([bucket(s, 'L1', 'principal').current, bucket(s, 'L1', 'principal').overdue], ['192059.51', '185987.30']);
  const f = bucket(s, 'L1', 'installment_fee');
  assert.deepEqual([f.current, f.overdue, f.waived, f.total], ['0.00', '10000.00', '10000.00', '50000.00']);
});

test('`installment_fee`, `non_overdue_installment_fee`, `overdue_installment_fee`', () => {
  // on 02-20: installment_fee 25000 -> inst1 10000 (overdue), inst2 10000, inst3 5000
  const b1 = book();
  b1.waive('L1', 'W1', { bucket: 'installment_fee', type: 'amount', amount: 25000, day: '2024-02-20' });
  const f1 = bucket(b1.status('2024-02-20'), 'L1', 'installment_fee');
  assert.deepEqual([f1.overdue, f1.current, f1.total], ['0.00', '0.00', '35000.00']);
  // non_overdue 25000 -> inst2 10000, inst3 10000, inst4 5000; overdue untouched
  const b2 = book();
  b2.waive('L1', 'W1', { bucket: 'non_overdue_installment_fee', type: 'amount', amount: 25000, day: '2024-02-20' });
  const f2 = bucket(b2.status('2024-02-20'), 'L1', 'installment_fee');
  assert.deepEqual([f2.overdue, f2.current, f2.total], ['10000.00', '0.00', '35000.00']);
  // overdue_installment_fee: 10000 owed overdue on 02-20
  const b3 = book();
  b3.refuse(waiver(b3.next(), 'L1', 'W1', { bucket: 'overdue_installment_fee', type: 'amount', amount: 10000.01, day: '2024-02-20' }), 'waiver_exceeds_owed');
  b3.waive('L1', 'W2', { bucket: 'overdue_installment_fee', type: 'percentage', percentage: 1, day: '2024-02-20' });
  assert.equal(bucket(b3.status('2024-02-20'), 'L1', 'installment_fee').overdue, '0.00');
});

test('`delinquency_interest` amount: 500 of 663.85 waived on 02-20 -> 829.81 - 500 = 329.81 on 02-21', () => {
  // R 0.3848: on 02-20 accrued 4 days (02-16..02-19) = 663.85; 5 days (through 02-20,
  // shown on 02-21) = 829.8115 (derive.py); 829.8115 - 500 = 329.81
  const b = book(WORKED);
  b.waive('L1', 'W1', { bucket: 'delinquency_interest', type: 'amount', amount: 500, day: '2024-02-20' });
  assert.equal(bucket(b.status('2024-02-20'), 'L1', 'delinquency_interest').total, '163.85');
  const d = bucket(b.status('2024-02-21'), 'L1', 'delinquency_interest');
  assert.deepEqual([d.waived, d.total], ['500.00', '329.81']);
  // more than accrued is 409
  b.refuse(waiver(b.next(), 'L1', 'W2', { bucket: 'delinquency_interest', type: 'amount', amount: 1000, day: '2024-02-20' }), 'waiver_exceeds_owed');
});

test('`all` percentage with accrued delinquency interest: rounded(10% x everything owed)', () => {
  // R 0.3848; on 02-21 delinquency accrued 5 days = 829.8115 (derive.py); owed
  // 1377781.12 + 829.8115 = 1378610.9315 -> 10% = 137861.09. Scope order, inst1 (overdue):
  // delinquency 829.81, fee 10000, interest 33642.89, principal 137861.09 - 44472.70 = 93388.39.
  const b = book(WORKED);
  b.waive('L1', 'W1', { bucket: 'all', type: 'percentage', percentage: 0.1, day: '2024-02-21' });
  const s = b.status('2024-02-21');
  assert.equal(bucket(s, 'L1', 'delinquency_interest').waived, '829.81');
  assert.equal(bucket(s, 'L1', 'delinquency_interest').total, '0.00');
  assert.equal(bucket(s, 'L1', 'installment_fee').waived, '10000.00');
  assert.equal(bucket(s, 'L1', 'interest').waived, '33642.89');
  assert.equal(bucket(s, 'L1', 'principal').waived, '93388.39');
  assert.equal(bucket(s, 'L1', 'principal').overdue, '92598.91'); // 185987.30 - 93388.39
});

test('`late_fee`: the fee incurred can be waived; more is 409', () => {
  const b = book({ ...WORKED, drate: 0 }, { late_fee_amount: 25000 });
  b.refuse(waiver(b.next(), 'L1', 'W1', { bucket: 'late_fee', type: 'amount', amount: 25000.01, day: '2024-02-20' }), 'waiver_exceeds_owed');
  b.waive('L1', 'W2', { bucket: 'late_fee', type: 'amount', amount: 25000, day: '2024-02-20' });
  const l = bucket(b.status('2024-02-20'), 'L1', 'late_fee');
  assert.deepEqual([l.waived, l.total], ['25000.00', '0.00']);
});

test('a waiver is effective from its day: before it nothing is waived', () => {
  const b = book();
  b.waive('L1', 'W1', { bucket: 'principal', type: 'amount', amount: 1000, day: '2024-03-01' });
  assert.equal(bucket(b.status('2024-02-29'), 'L1', 'principal').waived, '0.00');
  assert.equal(bucket(b.status('2024-03-01'), 'L1', 'principal').waived, '1000.00');
});

test('a payment after a waiver pays only what is left', () => {
  // inst1 interest fully waived on 01-15; 195987.30 on 02-10 pays fee 10000 + principal 185987.30
  const b = book();
  b.waive('L1', 'W1', { bucket: 'current_installment', type: 'amount', amount: 0.01, day: '2024-01-15' });
  b.waive('L1', 'W2', { bucket: 'interest', type: 'amount', amount: 33642.89, day: '2024-01-15' });
  b.pay('P1', 195987.29, '2024-02-10');
  const s = b.status('2024-02-16');
  assert.equal(bucket(s, 'L1', 'principal').overdue, '0.00');
  assert.equal(bucket(s, 'L1', 'installment_fee').overdue, '0.00');
  assert.equal(bucket(s, 'L1', 'interest').overdue, '0.00');
});
