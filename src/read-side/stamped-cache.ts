/**
 * Values computed from data that has a version stamp (here: read-model checkpoints): an entry is
 * good while the stamp it was computed at is the current one. Least recently used entries are
 * dropped beyond `capacity` entries or beyond `maxWeight` in total (`weigh`: e.g. the bytes of a
 * JSON text), whichever comes first; a value heavier than `maxWeight` on its own is not kept.
 */
export class StampedCache<V> {
  /** A Map iterates in insertion order: re-inserted on use, so the first entry is the least recent. */
  private readonly entries = new Map<string, { stamp: string; value: V; weight: number }>();
  private held = 0;

  constructor(
    readonly capacity: number,
    readonly maxWeight = Infinity,
    private readonly weigh: (value: V) => number = () => 0,
  ) {
    if (!Number.isSafeInteger(capacity) || capacity < 0) {
      throw new RangeError(`capacity must be a non-negative integer, got ${capacity}`);
    }
  }

  async get(key: string, stamp: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.stamp === stamp) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = await compute();
    this.set(key, stamp, value);
    return value;
  }

  /** Total weight held. */
  get weight(): number {
    return this.held;
  }

  get size(): number {
    return this.entries.size;
  }

  private set(key: string, stamp: string, value: V): void {
    this.remove(key);
    const weight = this.weigh(value);
    if (this.capacity === 0 || weight > this.maxWeight) return;
    this.entries.set(key, { stamp, value, weight });
    this.held += weight;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity && this.held <= this.maxWeight) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.held -= entry.weight;
  }
}
