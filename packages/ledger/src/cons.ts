/**
 * A persistent append-only list (newest first). Appending shares every older node, so a
 * state that grows with history (the operation log, history entries, payments) is never
 * copied when one more element arrives: the heart of the "cost does not grow with the
 * borrower's history" requirement.
 */
export interface Cons<T> {
  readonly head: T;
  readonly tail: Cons<T> | null;
  readonly length: number;
}

export type List<T> = Cons<T> | null;

export function push<T>(list: List<T>, value: T): Cons<T> {
  return { head: value, tail: list, length: (list?.length ?? 0) + 1 };
}

export function lengthOf<T>(list: List<T>): number {
  return list?.length ?? 0;
}

/** Oldest first. O(n): for reads and serialisation, never on the apply path. */
export function toArray<T>(list: List<T>): T[] {
  const out: T[] = new Array(lengthOf(list));
  let i = out.length - 1;
  for (let node = list; node !== null; node = node.tail) out[i--] = node.head;
  return out;
}

/** The list cut back to its first `length` elements, plus the removed ones oldest first. O(removed). */
export function splitAt<T>(list: List<T>, length: number): { prefix: List<T>; rest: T[] } {
  const rest: T[] = [];
  let node = list;
  while (node !== null && node.length > length) {
    rest.push(node.head);
    node = node.tail;
  }
  rest.reverse();
  return { prefix: node, rest };
}
