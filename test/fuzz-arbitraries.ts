import fc from 'fast-check';
import { exampleRequest, OPERATIONS, OPERATION_TYPES, type OperationType } from '@lsl/contracts';

/**
 * fast-check generators of hostile requests for test/fuzz.test.ts: valid examples mutated at
 * random leaves, random JSON, malformed text; ids, query strings and headers from a pool of
 * edge values. Borrower and loan ids come from a small pool, so mutated operations that are
 * still valid meet each other in a borrower's history.
 */

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** The operation type when the request targets an operation route. */
  type?: OperationType;
}

const BORROWERS = ['FZ1', 'FZ2', 'FZ3'];
const LOANS = ['L1', 'L2', 'C1'];

const edgeString = fc.oneof(
  fc.constantFrom('', ' ', 'x'.repeat(129), 'x'.repeat(128), '../..', '%', '%00', '\u0000', '😀', 'null', 'true', '-1', '1e309', 'DEFAULT', '<script>', "'; drop table operations; --"),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

const edgeNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 0.005, 0.01, 1.234, 100, 100.01, 1e13, 1e13 + 0.01, 1e15, 1e308, -1e308, 5e-324, 2 ** 53, 0.1 + 0.2),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Date-times with any year (inside and outside 1900–2200), and broken ones. */
const edgeDate = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) =>
    `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T12:00:00-05:00`,
  ),
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2024-02-30T00:00:00Z', '2024-01-01', '2024-01-01T00:00Z', '1900-01-01T00:00:00+14:00', '2200-12-31T23:59:59.999999999-12:00'),
);

const jsonLeaf: fc.Arbitrary<unknown> = fc.oneof(edgeString, edgeNumber, edgeDate, fc.boolean(), fc.constant(null));
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: jsonLeaf },
  { weight: 1, arbitrary: fc.array(jsonLeaf, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(edgeString, jsonLeaf, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.array(edgeDate, { minLength: 0, maxLength: 700 }) },
);

type Mutation = { at: number; action: 'replace' | 'delete' | 'add'; value: unknown; key: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  action: fc.constantFrom('replace', 'replace', 'delete', 'add'),
  value: anyJson,
  key: fc.oneof(edgeString, fc.constantFrom('amount', 'due_dates', 'config_id', 'effective_date', '__proto__', 'constructor')),
});

/** Every container and leaf of `value`, as a parent and a key. */
function slots(value: unknown, out: Array<{ parent: any; key: string | number }> = []) {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push({ parent: value, key: i }), slots(v, out)));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push({ parent: value, key: k }), slots(v, out);
  return out;
}

function mutate(base: unknown, mutations: Mutation[]): unknown {
  const root = { value: structuredClone(base) };
  for (const m of mutations) {
    const all = slots(root);
    if (all.length === 0) break;
    const slot = all[m.at % all.length]!;
    const target = slot.parent[slot.key];
    if (m.action === 'replace') slot.parent[slot.key] = m.value;
    else if (m.action === 'delete') Array.isArray(slot.parent) ? slot.parent.splice(Number(slot.key), 1) : delete slot.parent[slot.key];
    else if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else if (Array.isArray(target)) target.push(m.value);
  }
  return root.value;
}

const transferItem = (borrower: string, loan: string) => ({
  borrower_id: borrower,
  loan_id: loan,
  occurred_on: '2024-03-01T10:00:00-05:00',
  ownership_transfer: { effective_date: '2024-03-01T00:00:00-05:00', new_owner: 'BANK_2' },
  request_id: 'fz',
});

/** A valid body of `type` for this borrower and loan (examples of the contracts, dates of 2024). */
function validBody(type: OperationType, borrower: string, loan: string): unknown {
  if (type === 'transfer_ownership') return [transferItem(borrower, loan)];
  const body = structuredClone(exampleRequest(type).body) as any;
  if (type === 'create_consolidation') body.loan_consolidation.original_loans = [loan];
  return body;
}

const segment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...BORROWERS, ...LOANS, 'W1', 'P1', 'P2') },
  { weight: 1, arbitrary: edgeString.map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.constantFrom('%E0%A4%A', '%zz', '..', '.', '%2F', 'a%00b') },
);

const queryString = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom('is_migration', 'calculation_date', 'limit', 'offset', 'cursor', 'version'), edgeString),
        fc.oneof(edgeString, edgeNumber.map(String), edgeDate.map((d) => d.slice(0, 10)), fc.constantFrom('true', 'false', '1')),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`),
);

const headerValue = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789=;,"/- *+._'.split('')), maxLength: 60 });

/** Mostly what a client sends (so requests get past the protocol to validation and the ledger), sometimes not. */
const mostly = <T>(usual: T, other: fc.Arbitrary<T>) => fc.oneof({ weight: 9, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: other });

function headersArb(apiKey: string): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      'content-type': mostly('application/json', fc.constantFrom('application/json; charset=utf-8', 'application/merge-patch+json', 'text/plain', 'application/json; charset=latin1', 'multipart/form-data', '')),
      authorization: mostly(`Bearer ${apiKey}`, fc.oneof(headerValue, headerValue.map((v) => `Bearer ${v}`))),
      prefer: mostly('', fc.oneof(fc.constantFrom('wait=0', 'wait=1', 'wait=abc', 'wait=-1', 'respond-async'), headerValue)),
      'idempotency-key': mostly('', fc.oneof(headerValue, fc.constant('k'.repeat(300)))),
      'if-none-match': mostly('', headerValue),
      'content-encoding': mostly('', fc.constantFrom('identity', 'gzip', 'deflate', 'br', 'zstd')),
    })
    .map((headers) => Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== '' || name === 'authorization')));
}

const READ_PATHS = (s: string[]) => [
  `/v1/operations/${s[0]}`,
  `/v1/batches/${s[0]}`,
  `/v1/borrowers/${s[0]}/get_status`,
  `/v1/borrowers/${s[0]}/get_history`,
  `/v1/configs/loans/${s[1]}`,
  `/v1/configs/${s[0]}/${s[1]}`,
  '/healthz',
  '/readyz',
  '/openapi.json',
  '/metrics',
  `/v1/${s.join('/')}`,
  `/${s.join('/')}`,
];

/**
 * A create-loan inside every bound (amounts to 10^13 in cents, rates to 100, 1 to 600 due dates
 * anywhere in 1900–2200): intake must accept it, so the ledger must be able to answer for it.
 */
function loanInBounds(apiKey: string): fc.Arbitrary<FuzzRequest> {
  const cents = (max: number) => fc.integer({ min: 0, max }).map((c) => c / 100);
  return fc
    .record({
      borrower: fc.constantFrom(...BORROWERS),
      loan: fc.nat({ max: 10_000 }).map((n) => `LB${n}`),
      amount: fc.oneof(cents(100_000_000), fc.constant(10_000_000_000_000), fc.integer({ min: 0, max: 1e13 })),
      fee: fc.option(cents(1_000_000_000)),
      rate: fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom(0, 100, 0.3848)),
      lateRate: fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom(0, 100)),
      start: fc.integer({ min: Date.UTC(1900, 0, 2), max: Date.UTC(2200, 0, 1) }),
      gaps: fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 600 }),
    })
    .map((r): FuzzRequest => {
      const DAY = 86_400_000;
      const end = Date.UTC(2200, 11, 31);
      const dueDates: string[] = [];
      let t = r.start;
      for (const gap of r.gaps) {
        t += gap * DAY;
        if (t > end) break;
        dueDates.push(new Date(t).toISOString());
      }
      if (dueDates.length === 0) dueDates.push(new Date(r.start + DAY).toISOString());
      const body = {
        loan: {
          amount_financed: r.amount,
          config_id: 'DEFAULT',
          delinquency_interest_rate: r.lateRate,
          due_dates: dueDates,
          installment_fee_charge: r.fee,
          interest_rate: r.rate,
          origination_date: new Date(r.start).toISOString(),
        },
        occurred_on: new Date(r.start).toISOString(),
        request_id: 'fz-bounds',
      };
      return {
        method: 'POST',
        path: `/v1/borrowers/${r.borrower}/loans/${r.loan}/create?is_migration=true`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify(body),
        type: 'create_loan',
      };
    });
}

/** A hostile request at any route of the server. */
export function fuzzRequest(apiKey: string): fc.Arbitrary<FuzzRequest> {
  const operation = fc
    .record({
      type: fc.constantFrom(...OPERATION_TYPES),
      borrower: fc.constantFrom(...BORROWERS),
      loan: fc.constantFrom(...LOANS),
      ids: fc.array(segment, { minLength: 4, maxLength: 4 }),
      n: fc.nat({ max: 10_000 }),
      idsValid: mostly(true, fc.constant(false)),
      bodyKind: fc.constantFrom('valid', 'valid', 'mutated', 'mutated', 'mutated', 'mutated', 'random', 'text'),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
      random: anyJson,
      text: fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('{', '{"loan":', '[', 'nul', '{"a":1}}', '')),
      query: queryString,
      headers: headersArb(apiKey),
      method: mostly('POST', fc.constantFrom('PUT', 'GET', 'DELETE', 'PATCH')),
    })
    .map((r): FuzzRequest => {
      const params: Record<string, string> = r.idsValid
        ? { borrower_id: r.borrower, loan_id: r.loan, waiver_id: `W${r.n}`, consolidation_id: `C${r.n}`, payment_id: `P${r.n}` }
        : { borrower_id: r.ids[0]!, loan_id: r.ids[1]!, waiver_id: r.ids[2]!, consolidation_id: r.ids[3]!, payment_id: r.ids[2]! };
      const path = OPERATIONS[r.type].path.replace(/:([a-z_]+)/g, (_, name: string) => params[name] ?? 'x');
      const valid = validBody(r.type, r.borrower, r.loan);
      const body =
        r.bodyKind === 'text' ? r.text
        : r.bodyKind === 'random' ? JSON.stringify(r.random)
        : JSON.stringify(r.bodyKind === 'valid' ? valid : mutate(valid, r.mutations));
      return { method: r.method, path: path + r.query, headers: r.headers, body, type: r.type };
    });
  const read = fc
    .record({
      ids: fc.array(segment, { minLength: 2, maxLength: 2 }),
      which: fc.nat(),
      query: queryString,
      headers: headersArb(apiKey),
      method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'),
      body: fc.option(anyJson.map((v) => JSON.stringify(v))),
    })
    .map((r): FuzzRequest => {
      const paths = READ_PATHS(r.ids);
      const hasBody = r.method !== 'GET' && r.method !== 'HEAD' && r.body !== null;
      return { method: r.method, path: paths[r.which % paths.length]! + r.query, headers: r.headers, body: hasBody ? (r.body ?? undefined) : undefined };
    });
  return fc.oneof({ weight: 6, arbitrary: operation }, { weight: 4, arbitrary: read }, { weight: 1, arbitrary: loanInBounds(apiKey) });
}
