import { LruMap } from '../shared/lru-map.js';

/**
 * Values computed from data that has a version stamp (here: read-model checkpoints): an entry is
 * good while the stamp it was computed at is the current one. Least recently used entries are
 * dropped beyond `capacity`.
 */
export class StampedCache<V> {
  private readonly entries: LruMap<string, { stamp: string; value: V }>;

  constructor(capacity: number) {
    this.entries = new LruMap(capacity);
  }

  async get(key: string, stamp: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.stamp === stamp) return hit.value;
    const value = await compute();
    this.entries.set(key, { stamp, value });
    return value;
  }
}
