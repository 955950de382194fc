/**
 * Values computed from data that has a version stamp (here: read-model checkpoints): an entry is
 * good while the stamp it was computed at is the current one. Least recently used entries are
 * dropped beyond `capacity`.
 */
export class StampedCache<V> {
  private readonly entries = new Map<string, { stamp: string; value: V }>();

  constructor(readonly capacity: number) {}

  async get(key: string, stamp: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    // Re-inserted on every use: a Map iterates in insertion order, so the first key is the least recent.
    this.entries.delete(key);
    if (hit !== undefined && hit.stamp === stamp) {
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = await compute();
    this.entries.set(key, { stamp, value });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
