import { LruMap } from '../shared/lru-map.js';

/**
 * Values computed from data that has a version stamp (here: read-model checkpoints): an entry is
 * good while the stamp it was computed at is the current one. Least recently used entries are
 * dropped beyond `capacity` entries or beyond `maxWeight` in total (`weigh`: e.g. the bytes of a
 * JSON text), whichever comes first; a value heavier than `maxWeight` on its own is not kept.
 */
export class StampedCache<V> {
  private readonly entries: LruMap<string, { stamp: string; value: V }>;

  constructor(
    readonly capacity: number,
    readonly maxWeight = Infinity,
    weigh: (value: V) => number = () => 0,
  ) {
    // Unbounded by weight, nothing is weighed.
    const weight =
      maxWeight === Infinity ? undefined : { maxWeight, weigh: (entry: { value: V }) => weigh(entry.value) };
    this.entries = new LruMap<string, { stamp: string; value: V }>(capacity, weight);
  }

  async get(key: string, stamp: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.stamp === stamp) return hit.value;
    const value = await compute();
    this.entries.set(key, { stamp, value });
    return value;
  }

  /** Total weight held. */
  get weight(): number {
    return this.entries.totalWeight;
  }

  get size(): number {
    return this.entries.size;
  }
}
