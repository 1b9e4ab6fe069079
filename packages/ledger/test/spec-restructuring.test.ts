/**
 * docs/ledger.md "Restructuring". L1 = worked example with R 0, restructured on 2024-03-20
 * (inst1, inst2 overdue, inst3 current) over 04-20, 05-20, 06-20, 07-20. Figures from
 * derive.py "restructuring":
 *   nothing paid, EA 0.24: principal 1313229.60; A 343378.98; inst1 interest 24212.86
 *     principal 319166.12; inst4 principal 337361.26;
 *   100000 paid on 03-01, EA 0.24: principal 1213229.60; A 317231.31; inst1 interest 22369.10;
 *   rate omitted (the loan's applicable 0.3848): A 351329.24, inst1 interest 36817.37;
 *   carried principal only: 1200000, A 313772.07, inst1 interest 22125.18.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyOf } from '../src/index.js';
import { payment, TZ, WORKED } from './fixtures/ops.js';
import { LifecycleBook, restructuring } from './fixtures/lifecycle-ops.js';
import { attrs, bucket, BUCKETS, fixedInstallment, installmentsOf, m, owner } from './fixtures/read.js';

const DUES = ['2024-04-20', '2024-05-20', '2024-06-20', '2024-07-20'];
const R = { day: '2024-03-20', dues: DUES, rate: 0.24 };

function withL1() {
  const b = new LifecycleBook();
  b.loan('L1', { ...WORKED, drate: 0 });
  return b;
}

test('the consolidation rules on one loan, keeping its id, owner and kordev_id', () => {
  const b = withL1();
  const kordev = attrs(b.status('2024-03-19'), 'L1').kordev_id;
  const body = b.restructure('L1', 'RS1', R);
  assert.equal(body.id, 'RS1');
  assert.equal(body.loan_id, 'L1');
  assert.equal(m(body.new_principal), '1313229.60');
  assert.equal(m(body.fixed_installment_amount), '343378.98');
  assert.deepEqual(body.loan_restructuring.due_dates, DUES.map((d) => `${d}T23:59:59.999999-05:00`));
  const s = b.status('2024-03-20');
  assert.equal(attrs(s, 'L1').kordev_id, kordev);
  assert.notEqual(body.kordev_id, kordev);
  assert.equal(owner(s, 'L1'), 'BANK_1');
  assert.equal(fixedInstallment(s, 'L1'), '343378.98');
  const insts = installmentsOf(s, 'L1');
  assert.deepEqual(insts.map((i: any) => [i.number, i.restructured]), [[1, true], [2, true], [3, true], [4, true], [5, true], [6, true], [7, false], [8, false], [9, false], [10, false]]);
  assert.equal(m(insts[6].buckets.principal.initial_balance), '319166.12');
  assert.equal(m(insts[6].buckets.interest.initial_balance), '24212.86');
  assert.equal(m(insts[9].buckets.principal.initial_balance), '337361.26');
  for (const inst of insts.slice(0, 6)) assert.equal(m(inst.outstanding), '0.00');
  assert.equal(insts[6].state, 'current');
  assert.deepEqual(s.loans[0].restructurings, [{ id: 'RS1', effective_date: '2024-03-20', principal: 1313229.6 }]);
  // what the loan owes now is the new schedule (plus nothing of the old one)
  assert.equal(bucket(s, 'L1', 'principal').total, '1313229.60');
  assert.equal(attrs(s, 'L1').due_dates.length, 4);
  // the day before, the old schedule
  assert.equal(bucket(b.status('2024-03-19'), 'L1', 'principal').total, '1200000.00');
});

test('what was paid before is not carried: 100000 on 03-01 gives 1213229.60', () => {
  const b = withL1();
  b.pay('P1', 100000, '2024-03-01');
  const body = b.restructure('L1', 'RS1', R);
  assert.equal(m(body.new_principal), '1213229.60');
  assert.equal(m(body.fixed_installment_amount), '317231.31');
  assert.equal(m(installmentsOf(b.status('2024-03-20'), 'L1')[6].buckets.interest.initial_balance), '22369.10');
});

test('interest_rate omitted: the loan applicable rate; installment fee split over the new schedule', () => {
  const b = withL1();
  const body = b.restructure('L1', 'RS1', { day: '2024-03-20', dues: DUES, fee: 4000 });
  assert.equal(m(body.fixed_installment_amount), '351329.24');
  const insts = installmentsOf(b.status('2024-03-20'), 'L1');
  assert.equal(m(insts[6].buckets.interest.initial_balance), '36817.37');
  for (const i of insts.slice(6)) assert.equal(m(i.buckets.installment_fee.initial_balance), '1000.00');
});

test('the restructuring config decides what is carried (principal only: 1200000)', () => {
  const b = withL1();
  const body = b.restructure('L1', 'RS1', R, { id: 'PRINCIPAL_ONLY', carried_buckets: ['principal'] });
  assert.equal(m(body.new_principal), '1200000.00');
  assert.equal(m(body.fixed_installment_amount), '313772.07');
});

test('refusals: unknown loan 404; cancelled 409; due dates not after the effective day 400; usury reject 400', () => {
  const b = withL1();
  b.refuse(restructuring(b.next(), 'NOPE', 'RS1', R), 'loan_not_found');
  b.refuse(restructuring(b.next(), 'L1', 'RS1', { ...R, dues: ['2024-03-20', '2024-04-20'] }), 'invalid_due_dates');
  const u = new LifecycleBook();
  u.loan('L1', { ...WORKED, rate: 0.2, drate: 0.2 }, { usury_rate: 0.3, usury_behavior: 'reject' });
  u.refuse(restructuring(u.next(), 'L1', 'RS1', { ...R, rate: 0.5 }), 'usury_rate_exceeded');
  b.cancel('L1', '2024-03-01');
  b.refuse(restructuring(b.next(), 'L1', 'RS1', R), 'loan_cancelled');
});

test('history: the old installments are closed and the new ones charged, step restructuring', () => {
  const b = withL1();
  b.restructure('L1', 'RS1', R);
  const h = historyOf(b.state, TZ).filter((e) => e.step_type === 'RESTRUCTURING');
  const closed = h.filter((e) => e.bucket_status === 'closed');
  const charged = h.filter((e) => e.bucket_status === 'initial');
  assert.ok(closed.every((e) => (e.installment_number ?? 0) <= 6 && e.balance === 0));
  assert.deepEqual([...new Set(charged.map((e) => e.installment_number))], [7, 8, 9, 10]);
  const principal = charged.filter((e) => e.bucket_type === 'principal').reduce((a, e) => a + Math.round(e.delta * 100), 0);
  assert.equal(principal, 131322960);
});

test('balance detail: initial = paid + waived + closed + charged_off + total, old installments included', () => {
  const b = withL1();
  b.pay('P1', 100000, '2024-03-01');
  b.restructure('L1', 'RS1', R);
  const s = b.status('2024-05-01');
  for (const k of BUCKETS) {
    const x = s.loans[0].balance_detail.at_calculation_date[k];
    const sum = Math.round((x.paid + x.waived_off + x.closed + x.charged_off + x.total) * 100);
    assert.equal(sum, Math.round(x.initial_balance * 100), k);
  }
});

test('back-dated interplay: a restructuring after a reversal carries what the reversed payment had paid', () => {
  const b = withL1();
  b.pay('P1', 100000, '2024-03-01');
  b.reverse('P1', '2024-03-10');
  const body = b.restructure('L1', 'RS1', R);
  assert.equal(m(body.new_principal), '1313229.60');
  // and the reversal of a payment made before an accepted restructuring recomputes its principal
  const c = withL1();
  c.pay('P1', 100000, '2024-03-01');
  c.restructure('L1', 'RS1', R);
  c.reverse('P1', '2024-03-25');
  const s = c.status('2024-03-25');
  assert.deepEqual(s.loans[0].restructurings.map((r: any) => r.principal), [1313229.6]);
  assert.equal(fixedInstallment(s, 'L1'), '343378.98');
});

test('back-dated: a payment effective before the restructuring lowers the new principal on replay', () => {
  const b = withL1();
  b.restructure('L1', 'RS1', R);
  b.ok(payment(b.next(), 'P1', 100000, '2024-03-01'));
  assert.equal(fixedInstallment(b.status('2024-03-20'), 'L1'), '317231.31');
});

test('a second restructuring numbers on after every earlier installment and lists both', () => {
  const b = withL1();
  b.restructure('L1', 'RS1', R);
  const body = b.restructure('L1', 'RS2', { day: '2024-05-01', dues: ['2024-06-01', '2024-07-01'], rate: 0.24 });
  const s = b.status('2024-05-01');
  const insts = installmentsOf(s, 'L1');
  assert.deepEqual(insts.filter((i: any) => !i.restructured).map((i: any) => i.number), [11, 12]);
  assert.equal(insts.filter((i: any) => i.restructured).length, 10);
  assert.deepEqual(s.loans[0].restructurings.map((r: any) => r.id), ['RS1', 'RS2']);
  assert.equal(bucket(s, 'L1', 'principal').total, m(body.new_principal));
});
