import { StampedCache } from './stamped-cache.js';

describe('StampedCache', () => {
  const value = (v: string) => () => Promise.resolve(v);

  it('answers the kept value while the stamp is the same, and computes again when it moves', async () => {
    const cache = new StampedCache<string>(4);
    expect(await cache.get('k', 's1', value('a'))).toBe('a');
    expect(await cache.get('k', 's1', value('b'))).toBe('a');
    expect(await cache.get('k', 's2', value('c'))).toBe('c');
    expect(await cache.get('k', 's2', value('d'))).toBe('c');
  });

  it('drops the least recently used entries beyond its capacity', async () => {
    const cache = new StampedCache<string>(2);
    await cache.get('a', 's', value('a'));
    await cache.get('b', 's', value('b'));
    await cache.get('a', 's', value('not computed'));
    await cache.get('c', 's', value('c'));
    expect(await cache.get('b', 's', value('b again'))).toBe('b again');
    expect(await cache.get('a', 's', value('a again'))).toBe('a again');
    expect(cache.size).toBe(2);
  });

  it('holds at most maxWeight in total, and never a value heavier than that on its own', async () => {
    const cache = new StampedCache<string>(100, 10, (v) => v.length);
    await cache.get('a', 's', value('aaaa'));
    await cache.get('b', 's', value('bbbb'));
    expect(cache.weight).toBe(8);
    await cache.get('c', 's', value('cccc'));
    expect(cache.weight).toBe(8);
    expect(await cache.get('a', 's', value('recomputed'))).toBe('recomputed');
    expect(await cache.get('huge', 's', value('x'.repeat(11)))).toBe('x'.repeat(11));
    expect(cache.size).toBe(1);
    expect(cache.weight).toBe(10);
    await cache.get('d', 's', value('dd'));
    await cache.get('d', 't', value('ddd'));
    expect(cache.weight).toBe(3);
  });
});
