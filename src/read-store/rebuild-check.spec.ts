import fc from 'fast-check';
import { MemoryReadStore } from './memory/memory-read-store.js';
import { compareKeys } from './read-store-rules.js';
import { compareReadModels, type ReadModelDifference } from './rebuild-check.js';

/** Fills a store's read model 'p' with the given documents (checkpoint 1). */
async function storeWith(docs: Record<string, number>): Promise<MemoryReadStore> {
  const store = new MemoryReadStore();
  await store.commit(
    'p',
    1,
    Object.entries(docs).map(([key, doc]) => ({ key, doc: { n: doc } })),
    1,
  );
  return store;
}

/** What the comparison must find: every key on one side only, or with different documents. */
function expectedDifferences(live: Record<string, number>, rebuilt: Record<string, number>): ReadModelDifference[] {
  const keys = [...new Set([...Object.keys(live), ...Object.keys(rebuilt)])].sort(compareKeys);
  return keys.flatMap((key): ReadModelDifference[] => {
    const a = Object.hasOwn(live, key) ? { live: { n: live[key] } } : {};
    const b = Object.hasOwn(rebuilt, key) ? { rebuilt: { n: rebuilt[key] } } : {};
    return live[key] === rebuilt[key] && Object.hasOwn(live, key) && Object.hasOwn(rebuilt, key)
      ? []
      : [{ key, ...a, ...b }];
  });
}

describe('compareReadModels', () => {
  it('finds the same differences whatever the page size: keys on one side only, documents that differ', async () => {
    const docs = fc.dictionary(
      fc.string({ unit: fc.constantFrom('a', 'b', 'é', '😀'), minLength: 1, maxLength: 3 }),
      fc.nat(3),
      {
        maxKeys: 30,
      },
    );
    await fc.assert(
      fc.asyncProperty(docs, docs, fc.constantFrom(1, 2, 3, 7), async (live, rebuilt, pageSize) => {
        const expected = expectedDifferences(live, rebuilt);
        const [result] = await compareReadModels(['p'], await storeWith(live), await storeWith(rebuilt), 100, pageSize);
        expect(result.differences).toEqual(expected);
        expect(result.differenceCount).toBe(expected.length);
        expect(result.documents).toBe(Object.keys(live).length);
        expect(result.ok).toBe(expected.length === 0);
      }),
      { seed: 5150, numRuns: 300 },
    );
  });

  it('keeps the first differences and counts all of them', async () => {
    const live = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${String(i).padStart(2, '0')}`, i]));
    const [result] = await compareReadModels(['p'], await storeWith(live), await storeWith({}), 3, 4);
    expect(result.differenceCount).toBe(25);
    expect(result.differences.map((d) => d.key)).toEqual(['k00', 'k01', 'k02']);
  });
});
