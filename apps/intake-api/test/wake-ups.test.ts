import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { wakeUpsOf } from '../src/wake-ups.js';

// A batch's wake-ups (docs/api.md "Batches"): one per borrower, named after an operation the
// batch recorded when there is one, since a replayed operation's job id may exist already.
describe('wakeUpsOf', () => {
  const op = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  it('names each borrower after an operation the batch recorded, wherever its replays stand', () => {
    assert.deepEqual(
      wakeUpsOf([
        { borrowerId: 'B1', operationId: op(1), replayed: true },
        { borrowerId: 'B1', operationId: op(2), replayed: false },
        { borrowerId: 'B2', operationId: op(3), replayed: false },
        { borrowerId: 'B2', operationId: op(4), replayed: true },
        { borrowerId: 'B1', operationId: op(5), replayed: false },
      ]),
      [
        { borrowerId: 'B1', operationId: op(2) },
        { borrowerId: 'B2', operationId: op(3) },
      ],
    );
  });
  it('keeps a replay for a borrower with nothing new', () => {
    assert.deepEqual(wakeUpsOf([{ borrowerId: 'B1', operationId: op(1), replayed: true }, { borrowerId: 'B1', operationId: op(2), replayed: true }]), [{ borrowerId: 'B1', operationId: op(1) }]);
    assert.deepEqual(wakeUpsOf([]), []);
  });
});
