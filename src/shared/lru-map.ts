/**
 * Bounds by weight as well as by count: `weigh` gives each value's weight (e.g. the characters of
 * a JSON text, the events folded into a state) and `maxWeight` the total kept.
 */
export interface LruWeight<V> {
  maxWeight: number;
  weigh: (value: V) => number;
}

/**
 * A Map that keeps at most `capacity` entries, dropping the least recently used: `get` and `set`
 * move an entry to the back (a Map iterates in insertion order, so the front is the least recent).
 * With `weight`, it also drops the least recently used while the total weight is above
 * `maxWeight`, and does not keep a value heavier than that on its own.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();
  /** Only with `weight`: each key's weight, and their sum. */
  private readonly weights = new Map<K, number>();
  private held = 0;

  constructor(
    readonly capacity: number,
    private readonly weight?: LruWeight<V>,
  ) {
    if (!Number.isSafeInteger(capacity) || capacity < 0) {
      throw new RangeError(`capacity must be a non-negative integer, got ${capacity}`);
    }
    if (weight !== undefined && !(weight.maxWeight >= 0)) {
      throw new RangeError(`maxWeight must be a non-negative number, got ${weight.maxWeight}`);
    }
  }

  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    if (this.capacity === 0) return;
    const maxWeight = this.weight?.maxWeight ?? Infinity;
    if (this.weight !== undefined) {
      const weight = this.weight.weigh(value);
      if (weight > maxWeight) return;
      this.weights.set(key, weight);
      this.held += weight;
    }
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity && this.held <= maxWeight) break;
      this.delete(oldest);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
    if (this.weight === undefined) return;
    const weight = this.weights.get(key);
    if (weight === undefined) return;
    this.weights.delete(key);
    this.held -= weight;
  }

  clear(): void {
    this.entries.clear();
    this.weights.clear();
    this.held = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The total weight held (0 without `weight`). */
  get totalWeight(): number {
    return this.held;
  }

  keys(): IterableIterator<K> {
    return this.entries.keys();
  }
}
