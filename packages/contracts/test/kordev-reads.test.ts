import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  borrowerEventsExample, borrowerEventsSchema, borrowerHistorySchema, buildOpenApiDocument, eventGroupOf, simulateBorrowerBodySchema,
  simulateBorrowerRequestExample, simulateLoanItemSchema, simulateLoansBodySchema, simulateLoansRequestExample, simulateLoansResultExample,
  simulateLoansResultSchema,
} from '../src/index.js';

describe("Kordev's read and simulation contracts", () => {
  it('the documented examples satisfy their schemas', () => {
    assert.ok(simulateLoansResultSchema.safeParse(simulateLoansResultExample).success);
    assert.ok(borrowerEventsSchema.safeParse(borrowerEventsExample).success);
    assert.ok(simulateBorrowerBodySchema.safeParse(simulateBorrowerRequestExample).success);
    assert.ok(simulateLoansBodySchema.safeParse(simulateLoansRequestExample).success);
    assert.ok(simulateLoanItemSchema.safeParse(simulateLoansRequestExample[0]).success);
    assert.equal(simulateLoanItemSchema.safeParse(simulateLoansRequestExample[1]).success, false, 'the example\'s second item is the failing one');
  });
  it('get_history lists `records`, not `entries`', () => {
    const page = { borrower_id: 'B', calculation_date: '2024-01-01', total: 0, offset: 0, limit: 100, next_offset: null, next_cursor: null, records: [] };
    assert.ok(borrowerHistorySchema.safeParse(page).success);
    const { records: _r, ...old } = page;
    assert.equal(borrowerHistorySchema.safeParse({ ...old, entries: [] }).success, false);
  });
  it('simulate loans: not an array, empty, or over 100 items is refused as a whole', () => {
    assert.equal(simulateLoansBodySchema.safeParse({}).success, false);
    assert.equal(simulateLoansBodySchema.safeParse([]).success, false);
    assert.equal(simulateLoansBodySchema.safeParse(new Array(101).fill({})).success, false);
  });
  it('event groups are the type with the dot made an underscore', () => {
    assert.equal(eventGroupOf('loan.ownership_transferred'), 'loan_ownership_transferred');
    assert.equal(eventGroupOf('positive_balance.reimbursed'), 'positive_balance_reimbursed');
  });
  it('the OpenAPI document carries the examples', () => {
    const doc = buildOpenApiDocument() as any;
    assert.deepEqual(doc.paths['/v1/borrowers/loans/simulate'].post.requestBody.content['application/json'].example, simulateLoansRequestExample);
    assert.ok(doc.paths['/v1/borrowers/{borrower_id}/get_events'].get.responses['200'].content['application/json'].example);
  });
});
