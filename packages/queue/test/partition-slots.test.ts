import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { consumerOfSlot, partitionsOfSlot } from '../src/index.js';

// Partition affinity (docs/performance.md, "Partition affinity").
describe('partition slots', () => {
  it('slot i of N has the partitions p with p mod N = i: every partition in exactly one slot', () => {
    assert.deepEqual(partitionsOfSlot(8, 0, 3), [0, 3, 6]);
    assert.deepEqual(partitionsOfSlot(8, 2, 3), [2, 5]);
    assert.deepEqual(partitionsOfSlot(2, 3, 4), []);
    const all = [0, 1, 2].flatMap((slot) => partitionsOfSlot(8, slot, 3)).sort((a, b) => a - b);
    assert.deepEqual(all, [0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('a live slot consumes its own partitions; a dead slot’s go to the next live slot after it', () => {
    const live = (...slots: number[]) => (s: number) => slots.includes(s);
    assert.equal(consumerOfSlot(1, 3, live(0, 1, 2)), 1);
    assert.equal(consumerOfSlot(1, 3, live(0, 2)), 2);
    assert.equal(consumerOfSlot(2, 3, live(0, 1)), 0);
    assert.equal(consumerOfSlot(1, 3, live(0)), 0);
    assert.equal(consumerOfSlot(0, 3, live()), undefined);
  });
});
