import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OPERATIONS, OPERATION_TYPES, buildOpenApiDocument, openApiPathOf } from '../src/index.js';

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
      ...OPERATION_TYPES.map((t): [string, string] => [openApiPathOf(OPERATIONS[t].path), 'post']),
      ['/v1/operations/{id}', 'get'],
      ['/v1/batches/{id}', 'get'],
      ['/v1/borrowers/{borrower_id}/get_status', 'get'],
      ['/v1/borrowers/{borrower_id}/get_history', 'get'],
      ['/v1/borrowers/{borrower_id}/get_events', 'get'],
      ['/v1/borrowers/loans/simulate', 'post'],
      ['/v1/borrowers/{borrower_id}/simulate', 'post'],
      ...['loans', 'payments', 'waivers', 'consolidations'].flatMap((k): Array<[string, string]> => [[`/v1/configs/${k}/{config_id}`, 'put'], [`/v1/configs/${k}/{config_id}`, 'get']]),
      ['/healthz', 'get'],
      ['/readyz', 'get'],
      ['/v1/webhooks', 'post'],
      ['/v1/webhooks/{id}', 'patch'],
      ['/v1/webhooks/{id}/deliveries', 'get'],
      ['/v1/webhooks/{id}/deliveries/{delivery_id}/retry', 'post'],
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
  it('every $ref resolves and every path template parameter is declared', () => {
    const refs = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref' && typeof x === 'string') refs.add(x);
          else walk(x);
        }
      }
    };
    walk(doc);
    for (const ref of refs) {
      const [, , kind, name] = ref.split('/');
      assert.ok((doc.components as Record<string, Record<string, unknown>>)[kind ?? '']?.[name ?? ''], ref);
    }
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      const names = [...path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item as Record<string, { parameters?: Array<{ name: string; in: string; required?: boolean }> }>)) {
        for (const n of names) {
          assert.ok(op.parameters?.some((p) => p.name === n && p.in === 'path' && p.required), `${method} ${path} declares ${n}`);
        }
      }
    }
  });
  it('needs the bearer key everywhere but on the routes of the service itself, and names its servers', () => {
    assert.deepEqual(doc.components?.securitySchemes?.['apiKey'], { type: 'http', scheme: 'bearer', description: 'API key: `Authorization: Bearer <key>`' });
    assert.deepEqual(doc.security, [{ apiKey: [] }]);
    assert.ok((doc.servers ?? []).length > 0);
    assert.equal(buildOpenApiDocument().servers?.[0]?.url, '/');
    const open = ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs'];
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item as Record<string, { security?: unknown[] }>)) {
        if (open.includes(path)) assert.deepEqual(op.security, [], `${method} ${path} is open`);
        else assert.notDeepEqual(op.security, [], `${method} ${path} needs a key`);
      }
    }
  });
  it('every route has an example of its body and of each answer it documents', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item as Record<string, any>)) {
        for (const [type, media] of Object.entries(op.requestBody?.content ?? {}) as Array<[string, any]>) {
          if (media.example === undefined && media.examples === undefined) missing.push(`${method} ${path} request ${type}`);
        }
        for (const [status, response] of Object.entries(op.responses ?? {}) as Array<[string, any]>) {
          for (const [type, media] of Object.entries(response.content ?? {}) as Array<[string, any]>) {
            if (media.example === undefined && media.examples === undefined) missing.push(`${method} ${path} ${status} ${type}`);
          }
        }
      }
    }
    assert.deepEqual(missing, []);
  });
  it('builds twice identically (no shared mutable registry)', () => {
    assert.deepEqual(buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:3000' }), doc);
  });
});
