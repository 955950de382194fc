import { LruMap } from './lru-map.js';

describe('LruMap', () => {
  it('drops the least recently used entry beyond its capacity; get and set both count as use', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect(map.get('b')).toBeUndefined();
    expect([...map.keys()]).toEqual(['a', 'c']);
    map.set('a', 10);
    map.set('d', 4);
    expect([...map.keys()]).toEqual(['a', 'd']);
    expect(map.size).toBe(2);
  });

  it('keeps nothing with capacity 0, and refuses a negative one', () => {
    const map = new LruMap<string, number>(0);
    map.set('a', 1);
    expect(map.get('a')).toBeUndefined();
    expect(() => new LruMap(-1)).toThrow(RangeError);
  });

  it('with a weight, drops the least recently used while the total is above maxWeight, and keeps nothing heavier', () => {
    const map = new LruMap<string, number>(10, { maxWeight: 10, weigh: (n) => n });
    map.set('a', 4);
    map.set('b', 3);
    map.set('c', 2);
    map.get('a');
    map.set('d', 2); // 11: b goes
    expect([...map.keys()]).toEqual(['c', 'a', 'd']);
    expect(map.totalWeight).toBe(8);
    map.set('big', 11);
    expect(map.get('big')).toBeUndefined();
    map.delete('a');
    expect(map.totalWeight).toBe(4);
    map.clear();
    expect([map.size, map.totalWeight]).toEqual([0, 0]);
    expect(() => new LruMap(1, { maxWeight: -1, weigh: () => 1 })).toThrow(RangeError);
  });

  it('forgets everything on clear', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.clear();
    expect(map.get('a')).toBeUndefined();
    expect(map.size).toBe(0);
  });
});
