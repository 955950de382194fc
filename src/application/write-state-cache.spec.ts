import { WriteStateCache } from './write-state-cache.js';

const decider = {};
const other = {};
const at = (state: unknown, revision: number) => ({ state, revision, hash: `h${revision}` });

describe('WriteStateCache', () => {
  it('answers a stream only for the decider that folded it', () => {
    const cache = new WriteStateCache(2);
    cache.set('s', decider, at({ n: 1 }, 0));
    expect(cache.get('s', decider)).toEqual({ state: { n: 1 }, revision: 0, hash: 'h0' });
    expect(cache.get('s', other)).toBeUndefined();
  });

  it('drops the least recently used stream beyond its capacity', () => {
    const cache = new WriteStateCache(2);
    cache.set('a', decider, at('a', 0));
    cache.set('b', decider, at('b', 0));
    cache.get('a', decider);
    cache.set('c', decider, at('c', 0));
    expect(cache.get('b', decider)).toBeUndefined();
    expect(cache.get('a', decider)?.state).toBe('a');
    expect(cache.get('c', decider)?.state).toBe('c');
    expect(cache.size).toBe(2);
  });

  it('never replaces a fold with an older one, and forgets a stream on demand', () => {
    const cache = new WriteStateCache();
    cache.set('s', decider, at('at 5', 5));
    cache.set('s', decider, at('at 3', 3));
    expect(cache.get('s', decider)).toEqual(at('at 5', 5));
    cache.delete('s');
    expect(cache.get('s', decider)).toBeUndefined();
  });

  it('drops the least recently used streams beyond its budget of folded events, and keeps no stream above it', () => {
    const cache = new WriteStateCache(100, 10);
    cache.set('a', decider, at('a', 3)); // 4 events
    cache.set('b', decider, at('b', 2)); // 3
    cache.set('c', decider, at('c', 1)); // 2
    expect(cache.events).toBe(9);
    cache.get('a', decider);
    cache.set('d', decider, at('d', 1)); // 11 > 10: b, the least recently used, goes
    expect(cache.get('b', decider)).toBeUndefined();
    expect([cache.size, cache.events]).toEqual([3, 8]);
    cache.set('c', decider, at('c', 5)); // c grows to 6 events: 4 + 2 + 6 = 12, a goes
    expect(cache.get('a', decider)).toBeUndefined();
    expect([cache.size, cache.events]).toEqual([2, 8]);
    cache.set('long', decider, at('too long', 10)); // 11 events alone
    expect(cache.get('long', decider)).toBeUndefined();
    expect([cache.size, cache.events]).toEqual([2, 8]);
    cache.delete('c');
    expect([cache.size, cache.events]).toEqual([1, 2]);
  });

  it('refuses a negative or fractional bound', () => {
    expect(() => new WriteStateCache(-1)).toThrow(RangeError);
    expect(() => new WriteStateCache(10, 1.5)).toThrow('maxEvents must be a non-negative integer, got 1.5');
  });

  it('keeps nothing with capacity 0', () => {
    const cache = new WriteStateCache(0);
    cache.set('s', decider, at('x', 0));
    expect(cache.get('s', decider)).toBeUndefined();
  });
});
