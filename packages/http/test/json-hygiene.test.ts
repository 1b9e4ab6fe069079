import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonHygieneIssue, MAX_JSON_DEPTH } from '../src/json-hygiene.js';

describe('JSON the system cannot hold', () => {
  it('finds U+0000 in a value or a name, wherever it is', () => {
    assert.deepEqual(jsonHygieneIssue({ loan: { config_id: 'A\u0000' } })?.path, ['loan', 'config_id']);
    assert.deepEqual(jsonHygieneIssue([{ a: ['x', 'y\u0000'] }])?.path, [0, 'a', 1]);
    assert.match(jsonHygieneIssue({ 'a\u0000': 1 })?.message ?? '', /Names must not/);
    assert.equal(jsonHygieneIssue({ loan: { config_id: 'DEFAULT', n: 1, ok: true, none: null } }), undefined);
    assert.equal(jsonHygieneIssue('\u0000')?.path.length, 0);
  });

  it(`refuses nesting past ${MAX_JSON_DEPTH} levels, at any depth, without recursion`, () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    assert.equal(jsonHygieneIssue(deep)?.path.length, MAX_JSON_DEPTH);
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_JSON_DEPTH; i++) ok = { a: ok };
    assert.equal(jsonHygieneIssue(ok), undefined);
  });
});
