import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exampleRequest, OPERATION_REGISTRY, type OperationType } from '@lsl/contracts';
import { startSystem, type System } from './helpers.js';

// The "done when" of the pipeline issue: a new user sends the seeds' example requests (with
// valid values) and sees each operation reach `succeeded` with the seed's response body.
describe('the seeds’ example requests', () => {
  let system: System;
  before(async () => {
    system = await startSystem();
  });
  after(async () => {
    await system?.stop();
  });

  // The route of each type, from its declaration (a batch route has no path parameters).
  const path = (type: OperationType, params: Record<string, string>) =>
    OPERATION_REGISTRY[type].path.replace(/:([a-z_]+)/g, (_, name: string) => params[name] ?? '') + '?is_migration=true';

  /** Submits without waiting, polls the operation, checks its body against the seed schema. */
  async function submit(type: OperationType, params: Record<string, string>, body: any) {
    const accepted = await system.api.post(path(type, params), body);
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    const op = await system.api.waitForOperation(accepted.body.operation_id);
    assert.equal(op.status, 'succeeded', JSON.stringify(op.result));
    assert.equal(op.result.status_code, 200);
    const parsed = OPERATION_REGISTRY[type].resultSchema.safeParse(op.result.body);
    assert.ok(parsed.success, `${type} body does not match the seed: ${JSON.stringify(parsed.error?.issues)}`);
    return op.result.body;
  }

  it('create loan, waiver, payment, consolidation, cancel and transfer all succeed with the seed bodies', async () => {
    const loan = exampleRequest('create_loan');
    const created = await submit('create_loan', loan.params, loan.body);
    assert.equal(created.id, 'L1');
    assert.equal(created.kordev_id, 1);
    assert.equal(created.request_id, 'string');
    assert.deepEqual(created.due_dates, (loan.body as any).loan.due_dates);

    const l2 = structuredClone(loan.body) as any;
    l2.request_id = 'second';
    await submit('create_loan', { borrower_id: 'B1', loan_id: 'L2' }, l2);
    await submit('create_loan', { borrower_id: 'B1', loan_id: 'L3' }, { ...l2, request_id: 'third' });

    const waiver = exampleRequest('create_waiver');
    const waived = await submit('create_waiver', waiver.params, waiver.body);
    assert.equal(waived.id, 'W1');
    assert.equal(waived.loan_id, 'L1');
    assert.equal(waived.bucket, 'all');

    // The seed's own waiver config id works on a fresh install too.
    const seedConfig = structuredClone(waiver.body) as any;
    seedConfig.waiver.config_id = 'DEFAULT_WAIVER_CONFIG';
    seedConfig.waiver.bucket = 'interest';
    seedConfig.waiver.percentage = 0.1;
    await submit('create_waiver', { ...waiver.params, waiver_id: 'W2' }, seedConfig);

    const payment = exampleRequest('create_payment');
    const paid = await submit('create_payment', payment.params, payment.body);
    assert.equal(paid.id, 'P1');

    const consolidation = structuredClone(exampleRequest('create_consolidation')) as any;
    consolidation.body.loan_consolidation.original_loans = ['L2', 'L3'];
    const consolidated = await submit('create_consolidation', consolidation.params, consolidation.body);
    assert.equal(consolidated.id, 'C1');
    assert.deepEqual(consolidated.loan_consolidation.original_loans, ['L2', 'L3']);

    // Back-dated: effective in 2020, after the 2025 consolidation was applied.
    const cancel = exampleRequest('cancel_loan');
    const cancelled = await submit('cancel_loan', cancel.params, cancel.body);
    assert.equal(cancelled.loan_id, 'L1');

    const transfer = exampleRequest('transfer_ownership');
    const batch = await system.api.post(path('transfer_ownership', {}), (transfer.body as any[]).map((i) => ({ ...i, loan_id: 'C1', ownership_transfer: { effective_date: '2025-06-01T00:00:00-05:00', new_owner: 'BANK_2' } })), { prefer: 'wait=10' });
    assert.equal(batch.status, 207, JSON.stringify(batch.body));
    assert.equal(batch.body.failed.length, 0, JSON.stringify(batch.body));
    assert.equal(batch.body.succeeded.length, 1);
    assert.ok(OPERATION_REGISTRY.transfer_ownership.resultSchema.safeParse(batch.body.succeeded[0]).success);
    assert.deepEqual(Object.keys(batch.body).sort(), ['failed', 'succeeded']);
  });

  it('answers the seed’s malformed example (two dates in one due_dates string) with 400', async () => {
    const loan = structuredClone(exampleRequest('create_loan').body) as any;
    loan.loan.due_dates = ['2020-02-01T23:59:59.999999-05:00, 2020-03-01T23:59:59.999999-05:00'];
    const res = await system.api.post('/v1/borrowers/B9/loans/L1/create', loan);
    assert.equal(res.status, 400);
    assert.equal(res.body.status, 'Bad Request');
    assert.ok('loan.due_dates[0]' in res.body.context.fields);
  });
});
