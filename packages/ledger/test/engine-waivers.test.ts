/**
 * Waivers on all fifteen scopes. Set-up: the worked-example loan with a 5000 late fee and a
 * 100/day fee, nothing paid, seen on 2024-03-20: installments 1 (02-15) and 2 (03-15) are
 * overdue, 3 (04-15) is current, 4..6 future. A 100 % waiver of a scope must waive exactly
 * the (installment, bucket) pairs docs/ledger.md names for it, and nothing else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BucketType, WaiverScope } from '../src/api.js';
import { apply, statusAt, WAIVER_SCOPES, type BorrowerState } from '../src/index.js';
import { createLoan, LOAN_CONFIG, resetSeq, run, TZ, waiver } from './engine-helpers.js';

const C = '2024-03-20';
const ALL: BucketType[] = ['principal', 'interest', 'installment_fee', 'installment_fee_2', 'delinquency_interest', 'daily_fee', 'late_fee'];

function base(): BorrowerState {
  resetSeq();
  return run([createLoan('L1', { daily_fee_charge: 100 }, { ...LOAN_CONFIG, late_fee_amount: 5000 })]);
}

const EXPECTED: Record<Exclude<WaiverScope, 'discount_at_origination'>, { inst: number[]; buckets: BucketType[] }> = {
  all: { inst: [1, 2, 3, 4, 5, 6], buckets: ALL },
  principal: { inst: [1, 2, 3, 4, 5, 6], buckets: ['principal'] },
  interest: { inst: [1, 2, 3, 4, 5, 6], buckets: ['interest'] },
  installment_fee: { inst: [1, 2, 3, 4, 5, 6], buckets: ['installment_fee'] },
  delinquency_interest: { inst: [1, 2, 3, 4, 5, 6], buckets: ['delinquency_interest'] },
  late_fee: { inst: [1, 2, 3, 4, 5, 6], buckets: ['late_fee'] },
  overdue_principal: { inst: [1, 2], buckets: ['principal'] },
  overdue_interest: { inst: [1, 2], buckets: ['interest'] },
  overdue_installment_fee: { inst: [1, 2], buckets: ['installment_fee'] },
  current_principal: { inst: [3], buckets: ['principal'] },
  current_installment_fee: { inst: [3], buckets: ['installment_fee'] },
  current_installment: { inst: [3], buckets: ALL },
  non_overdue_principal: { inst: [3, 4, 5, 6], buckets: ['principal'] },
  non_overdue_installment_fee: { inst: [3, 4, 5, 6], buckets: ['installment_fee'] },
};

test('each scope waives exactly its installments and buckets (percentage 1)', () => {
  assert.equal(WAIVER_SCOPES.length, 15);
  const s0 = base();
  const before = statusAt(s0, C, TZ).loans[0]!;
  for (const [scope, want] of Object.entries(EXPECTED)) {
    const out = apply(s0, waiver('L1', `W-${scope}`, C, { type: 'percentage', percentage: 1, bucket: scope as WaiverScope }), TZ);
    assert.ok(out.result.ok, scope);
    const after = statusAt(out.state, C, TZ).loans[0]!;
    after.installments.forEach((inst, i) => {
      for (const b of ALL) {
        const inScope = want.inst.includes(inst.number) && want.buckets.includes(b);
        const owed = before.installments[i]!.buckets[b].outstanding;
        assert.equal(inst.buckets[b].waived_off, inScope ? owed : 0, `${scope} inst ${inst.number} ${b}`);
      }
    });
  }
});

test('amount waivers go overdue oldest first, then current, then future', () => {
  const s0 = base();
  const st = statusAt(s0, C, TZ).loans[0]!;
  const p1 = st.installments[0]!.buckets.principal.outstanding;
  // 1000 more than installment 1's principal: installment 1 fully, 1000 on installment 2.
  const out = apply(s0, waiver('L1', 'W1', C, { type: 'amount', amount: p1 + 1000, bucket: 'principal' }), TZ);
  assert.ok(out.result.ok);
  const after = statusAt(out.state, C, TZ).loans[0]!;
  assert.equal(after.installments[0]!.buckets.principal.waived_off, p1);
  assert.equal(after.installments[1]!.buckets.principal.waived_off, 1000);
  assert.equal(after.installments[2]!.buckets.principal.waived_off, 0);
  // "all" within one installment follows the payment order: late fee first (5000), then daily fee.
  const out2 = apply(s0, waiver('L1', 'W2', C, { type: 'amount', amount: 5100, bucket: 'all' }), TZ);
  const inst1 = statusAt(out2.state, C, TZ).loans[0]!.installments[0]!;
  assert.equal(inst1.buckets.late_fee.waived_off, 5000);
  assert.equal(inst1.buckets.daily_fee.waived_off, 100);
});

test('percentage waivers: rounded(percentage x outstanding of the scope)', () => {
  const s0 = base();
  // current installment's interest+principal+fee+daily fee: waive 10 %, check to the cent.
  const st = statusAt(s0, C, TZ).loans[0]!;
  const owed = st.installments[2]!.outstanding;
  const out = apply(s0, waiver('L1', 'W1', C, { type: 'percentage', percentage: 0.1, bucket: 'current_installment' }), TZ);
  const waived = ALL.reduce((sum, b) => sum + Math.round(statusAt(out.state, C, TZ).loans[0]!.installments[2]!.buckets[b].waived_off * 100), 0);
  assert.equal(waived, Math.round(owed * 10)); // cents of 10 %, half up (owed has 2 decimals)
});

test('above what the scope owes: 409; discount_at_origination only on the origination day', () => {
  const s0 = base();
  const owed = statusAt(s0, C, TZ).loans[0]!.balance_detail.at_calculation_date.late_fee.total;
  assert.equal(owed, 10000); // installments 1 and 2, 5000 each
  const over = apply(s0, waiver('L1', 'W1', C, { type: 'amount', amount: 10000.01, bucket: 'late_fee' }), TZ);
  assert.equal(over.result.statusCode, 409);
  assert.equal(over.state, s0);
  const exact = apply(s0, waiver('L1', 'W2', C, { type: 'amount', amount: 10000, bucket: 'late_fee' }), TZ);
  assert.ok(exact.result.ok);

  const late = apply(s0, waiver('L1', 'W3', '2024-01-16', { type: 'amount', amount: 1000, bucket: 'discount_at_origination' }), TZ);
  assert.equal(late.result.statusCode, 409);
  const onTime = apply(s0, waiver('L1', 'W4', '2024-01-15', { type: 'amount', amount: 1000, bucket: 'discount_at_origination' }), TZ);
  assert.ok(onTime.result.ok);
  assert.equal(statusAt(onTime.state, '2024-01-15', TZ).loans[0]!.balance_detail.at_calculation_date.principal.waived_off, 1000);
});

test('a waiver on principal lowers the delinquency interest that accrues after it', () => {
  const s0 = base();
  const p1 = statusAt(s0, '2024-02-16', TZ).loans[0]!.installments[0]!.buckets.principal.outstanding;
  const out = apply(s0, waiver('L1', 'W1', '2024-02-16', { type: 'amount', amount: p1, bucket: 'overdue_principal' }), TZ);
  // 02-16 is accrued at its end, on the principal left then: nothing.
  const di = statusAt(out.state, '2024-02-20', TZ).loans[0]!.installments[0]!.buckets.delinquency_interest;
  assert.equal(di.initial_balance, 0);
});
