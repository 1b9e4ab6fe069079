import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { errorBodySchema, OPERATION_REGISTRY, type OperationType } from '@lsl/contracts';
import { fuzzRequest, type FuzzRequest } from './fuzz-arbitraries.js';
import { startSystem, type System } from './helpers.js';

/** Bounded in count and in time (whichever comes first); FUZZ_RUNS / FUZZ_SECONDS raise them. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 90);

const isSeedError = (body: unknown) => errorBodySchema.strict().safeParse(body).success;

describe('fuzz: hostile requests at every route of a running server', () => {
  let system: System;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 2 });
  });
  after(() => system?.stop());

  it('no 5xx, no crash, seed-shaped errors, and every accepted operation ends succeeded or failed with a seed body', async () => {
    const accepted = new Map<string, FuzzRequest>();
    const batches = new Set<string>();
    let requests = 0;
    const statuses = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(fuzzRequest(system.apiKey!), async (request) => {
        requests++;
        const res = await fetch(`${system.baseUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const what = `${request.method} ${request.path} ${JSON.stringify(request.headers)} ${request.body?.slice(0, 300)} → ${res.status} ${text.slice(0, 300)}`;
        assert.ok(res.status < 500, what);
        assert.doesNotMatch(text, /\n\s+at [\w.<]+ \(|node_modules\//, `no stack trace: ${what}`);
        const isJson = /^application\/json/.test(res.headers.get('content-type') ?? '');
        if (res.status >= 400 && request.method !== 'HEAD') {
          assert.ok(isJson && isSeedError(JSON.parse(text)), `seed error body: ${what}`);
        }
        if (res.status === 202 && isJson) {
          const body = JSON.parse(text);
          if (typeof body.operation_id === 'string') accepted.set(body.operation_id, request);
          if (typeof body.batch_id === 'string') batches.add(body.batch_id);
          for (const item of Array.isArray(body.items) ? body.items : []) if (typeof item?.operation_id === 'string') accepted.set(item.operation_id, request);
        }
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false, endOnFailure: true },
    );

    // Every operation of an accepted batch item, too.
    for (const batchId of batches) {
      const res = await system.api.get(`/v1/batches/${batchId}`);
      assert.ok(res.status === 202 || res.status === 207, `batch ${batchId}: ${res.status}`);
    }
    const operations = await Promise.all([...accepted.keys()].map((id) => system.api.waitForOperation(id, 120_000)));
    const borrowers = new Set<string>();
    for (const op of operations) {
      borrowers.add(op.borrower_id);
      const request = accepted.get(op.id)!;
      assert.ok(op.status === 'succeeded' || op.status === 'failed', JSON.stringify(op));
      if (op.status === 'failed') {
        assert.ok(isSeedError(op.result.body), `failed ${op.type}: ${JSON.stringify(op.result)}`);
        assert.ok(op.result.status_code < 500, `failed ${op.type} with ${op.result.status_code}: ${JSON.stringify(op.result.body)} for ${request.body}`);
      } else {
        const schema = OPERATION_REGISTRY[op.type as OperationType].resultSchema;
        assert.ok(schema.safeParse(op.result.body).success, `succeeded ${op.type}: ${JSON.stringify(op.result.body).slice(0, 500)}`);
      }
    }
    // The ledger can answer for every borrower the fuzz touched.
    for (const borrower of borrowers) {
      for (const path of [`get_status`, `get_status?calculation_date=2200-12-31`, `get_status?calculation_date=1900-01-01`, `get_history?limit=1000`]) {
        const res = await system.api.get(`/v1/borrowers/${encodeURIComponent(borrower)}/${path}`);
        assert.ok(res.status === 200 || res.status === 404, `${borrower} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
    }
    assert.equal(system.server.exitCode, null, 'the server is still running');
    assert.equal((await system.api.get('/healthz')).status, 200);
    const summary = { requests, accepted: accepted.size, batches: batches.size, borrowers: borrowers.size, statuses: Object.fromEntries(statuses) };
    console.log(`fuzz: ${JSON.stringify(summary)}`);
    assert.ok(accepted.size > 0, 'the fuzz reached the ledger: some requests were valid enough to be accepted');
  });
});
