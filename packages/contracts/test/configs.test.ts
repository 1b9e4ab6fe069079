import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUCKET_TYPES, CONFIG_KINDS, CONFIG_SCHEMAS, DEFAULT_CONFIGS, parseConfigBody } from '../src/index.js';

function fields(r: { ok: boolean; error?: { context: Record<string, unknown> } }): Record<string, string> {
  assert.equal(r.ok, false);
  return (r.error?.context as { fields: Record<string, string> }).fields;
}

describe('config schemas', () => {
  it('DEFAULT configs are valid and as docs/ledger.md says', () => {
    for (const kind of CONFIG_KINDS) {
      const r = parseConfigBody(kind, DEFAULT_CONFIGS[kind]);
      assert.ok(r.ok, kind);
      if (r.ok) assert.deepEqual(r.value, DEFAULT_CONFIGS[kind]);
    }
    assert.deepEqual(DEFAULT_CONFIGS.loans, { usury_rate: null, usury_behavior: 'cap', daily_fee_max_charge: null, late_fee_amount: null, late_fee_grace_days: 0 });
    assert.deepEqual(DEFAULT_CONFIGS.payments.allocation_order, ['late_fee', 'daily_fee', 'delinquency_interest', 'installment_fee_2', 'installment_fee', 'interest', 'principal']);
    assert.deepEqual(DEFAULT_CONFIGS.consolidations, { waivers: [], carried_buckets: [...BUCKET_TYPES] });
    assert.deepEqual(DEFAULT_CONFIGS.waivers, {});
  });
  it('an empty body takes the defaults', () => {
    for (const kind of CONFIG_KINDS) assert.deepEqual(CONFIG_SCHEMAS[kind].parse({}), DEFAULT_CONFIGS[kind]);
  });
  it('loan config: bounds and enum', () => {
    const f = fields(parseConfigBody('loans', { usury_rate: -0.1, usury_behavior: 'ignore', late_fee_grace_days: 1.5, daily_fee_max_charge: 'x' }));
    assert.deepEqual(Object.keys(f).sort(), ['daily_fee_max_charge', 'late_fee_grace_days', 'usury_behavior', 'usury_rate']);
    assert.ok(parseConfigBody('loans', { usury_rate: 0.4, usury_behavior: 'reject', late_fee_amount: 5000, late_fee_grace_days: 3 }).ok);
  });
  it('loan config: the interest conventions are optional, each one of its values', () => {
    const all = { rate_type: 'nominal_annual', day_count: '30/360', interest_method: 'flat', rounding: 'half_even' };
    const r = parseConfigBody('loans', all);
    assert.ok(r.ok && r.value.rate_type === 'nominal_annual' && r.value.day_count === '30/360' && r.value.interest_method === 'flat' && r.value.rounding === 'half_even');
    for (const day_count of ['actual/actual', 'actual/365', 'actual/360', 'actual/364', '30/360']) assert.ok(parseConfigBody('loans', { day_count }).ok, day_count);
    const empty = parseConfigBody('loans', {});
    assert.ok(empty.ok && !('rate_type' in empty.value) && !('day_count' in empty.value), 'absent fields stay absent: the ledger applies its defaults');
    const f = fields(parseConfigBody('loans', { rate_type: 'apr', day_count: '30E/360', interest_method: 'balloon', rounding: 'down' }));
    assert.deepEqual(Object.keys(f).sort(), ['day_count', 'interest_method', 'rate_type', 'rounding']);
    assert.match(f['day_count']!, /actual\/actual.*actual\/365.*actual\/360.*actual\/364.*30\/360/);
    assert.match(f['rate_type']!, /effective_annual.*nominal_annual/);
    assert.ok('rounding' in fields(parseConfigBody('loans', { rounding: null })));
  });
  it('payment config: each of the 7 buckets exactly once', () => {
    assert.ok(parseConfigBody('payments', { allocation_order: ['principal', 'interest', 'installment_fee', 'installment_fee_2', 'delinquency_interest', 'daily_fee', 'late_fee'] }).ok);
    assert.ok('allocation_order' in fields(parseConfigBody('payments', { allocation_order: ['principal'] })));
    assert.ok('allocation_order[1]' in fields(parseConfigBody('payments', { allocation_order: ['principal', 'principal', 'installment_fee', 'installment_fee_2', 'delinquency_interest', 'daily_fee', 'late_fee'] })));
    assert.ok('allocation_order[0]' in fields(parseConfigBody('payments', { allocation_order: ['fees', 'interest', 'installment_fee', 'installment_fee_2', 'delinquency_interest', 'daily_fee', 'late_fee'] })));
  });
  it('consolidation config: waivers need their amount or percentage; buckets valid', () => {
    assert.ok(parseConfigBody('consolidations', { waivers: [{ bucket: 'late_fee', type: 'percentage', percentage: 1 }], carried_buckets: ['principal', 'interest'] }).ok);
    const f = fields(parseConfigBody('consolidations', { waivers: [{ bucket: 'late_fee', type: 'amount' }, { bucket: 'nope', type: 'percentage', percentage: 2 }], carried_buckets: ['principal', 'principal'] }));
    assert.ok('waivers[0].amount' in f && 'waivers[1].bucket' in f && 'waivers[1].percentage' in f && 'carried_buckets[1]' in f, JSON.stringify(f));
  });
  it('waiver config accepts any object and keeps it', () => {
    const r = parseConfigBody('waivers', { note: 'reserved' });
    assert.ok(r.ok && (r.value as Record<string, unknown>)['note'] === 'reserved');
    assert.ok(!parseConfigBody('waivers', [1]).ok);
  });
});
