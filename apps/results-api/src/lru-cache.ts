/**
 * A least-recently-used map bounded by a total weight (an estimate of bytes), not a count:
 * one borrower's state can be a thousand times another's.
 */
export class WeightedLru<V> {
  readonly #entries = new Map<string, { value: V; weight: number }>();
  #weight = 0;

  constructor(readonly maxWeight: number) {}

  get size(): number {
    return this.#entries.size;
  }

  get weight(): number {
    return this.#weight;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    // Re-inserting moves the key to the young end of the Map's insertion order.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** The weight an entry was stored with (a replacement of similar size may reuse it). */
  weightOf(key: string): number | undefined {
    return this.#entries.get(key)?.weight;
  }

  set(key: string, value: V, weight: number): void {
    this.delete(key);
    // Something larger than the whole budget would only evict everything else.
    if (weight > this.maxWeight) return;
    this.#entries.set(key, { value, weight });
    this.#weight += weight;
    for (const [oldest, entry] of this.#entries) {
      if (this.#weight <= this.maxWeight) break;
      this.#entries.delete(oldest);
      this.#weight -= entry.weight;
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#weight -= entry.weight;
  }
}
