import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OPERATIONS, OPERATION_TYPES, buildOpenApiDocument } from '../src/index.js';

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:3000' });
  it('is OpenAPI 3.1 and JSON-serialisable', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(doc)));
    assert.equal(doc.servers?.[0]?.url, 'http://127.0.0.1:3000');
  });
  it('lists every route', () => {
    const paths = doc.paths ?? {};
    const expected: Array<[string, string]> = [
      ...OPERATION_TYPES.map((t): [string, string] => [OPERATIONS[t].openApiPath, 'post']),
      ['/v1/operations/{id}', 'get'],
      ['/v1/batches/{id}', 'get'],
      ['/v1/borrowers/{borrower_id}/get_status', 'get'],
      ['/v1/borrowers/{borrower_id}/get_history', 'get'],
      ...['loans', 'payments', 'waivers', 'consolidations'].flatMap((k): Array<[string, string]> => [[`/v1/configs/${k}/{config_id}`, 'put'], [`/v1/configs/${k}/{config_id}`, 'get']]),
      ['/healthz', 'get'],
      ['/readyz', 'get'],
    ];
    for (const [path, method] of expected) {
      assert.ok((paths[path] as Record<string, unknown> | undefined)?.[method], `${method.toUpperCase()} ${path}`);
    }
    assert.ok(paths['/v1/borrowers/{borrower_id}/loans/{loan_id}/create']);
    assert.ok(paths['/v1/borrowers/loans/transfer_ownership']);
  });
  it('describes the seed bodies and the error body as components', () => {
    const schemas = doc.components?.schemas ?? {};
    for (const name of ['ErrorBody', 'CreateLoanRequest', 'Loan', 'CreateWaiverRequest', 'WaiverScope', 'TransferOwnershipRequest', 'TransferOwnershipResult', 'OperationAccepted', 'OperationStatus', 'BatchAccepted', 'BatchStatus', 'LoanConfig', 'PaymentConfig', 'ConsolidationConfig', 'CreatePaymentRequest']) {
      assert.ok(schemas[name], name);
    }
    const error = schemas['ErrorBody'] as { required?: string[] };
    assert.deepEqual([...(error.required ?? [])].sort(), ['code', 'context', 'error', 'status']);
    assert.ok(doc.components?.securitySchemes?.['apiKey']);
  });
  it('builds twice identically (no shared mutable registry)', () => {
    assert.deepEqual(buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:3000' }), doc);
  });
});
