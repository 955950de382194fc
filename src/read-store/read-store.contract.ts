/**
 * The behaviour every ReadStore adapter must have. Each adapter's spec calls
 * describeReadStoreContract with a factory that makes a fresh, empty store.
 */
import {
  CheckpointConflictError,
  InvalidDocumentError,
  type DocumentChange,
  type ReadStore,
} from './read-store.port.js';

export interface ReadStoreFixture {
  store: ReadStore;
  /** Closes the current store and opens the same storage again (persistent adapters only). */
  reopen?: () => Promise<ReadStore>;
  cleanup: () => Promise<void>;
}

const put = (key: string, doc: unknown): DocumentChange => ({ key, doc });

export function describeReadStoreContract(name: string, factory: () => Promise<ReadStoreFixture>): void {
  describe(`ReadStore contract: ${name}`, () => {
    let fixture: ReadStoreFixture;
    let store: ReadStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    /** Everything a projection's read model consists of, for "nothing changed" assertions. */
    async function snapshot(projection: string) {
      return { docs: await store.dump(projection), status: await store.status(projection) };
    }

    describe('get', () => {
      it('answers null for an unknown projection or key, and no checkpoint', async () => {
        expect(await store.get('p', 'k')).toBeNull();
        expect(await store.list('p')).toEqual([]);
        expect(await store.checkpoint('p')).toBeNull();
        expect(await store.status('p')).toBeNull();
        expect(await store.dump('p')).toEqual([]);
      });

      it('reads back what was committed, as JSON would (undefined dropped), per projection', async () => {
        await store.commit('p', 1, [put('a', { n: 1, list: [1, 'x', null, { deep: true }], gone: undefined })], 1);
        await store.commit('q', 1, [put('a', 'other projection')], 1);
        expect(await store.get('p', 'a')).toEqual({ n: 1, list: [1, 'x', null, { deep: true }] });
        expect(Object.keys((await store.get<object>('p', 'a')) as object)).toEqual(['n', 'list']);
        expect(await store.get('q', 'a')).toBe('other projection');
        expect(await store.get('p', 'b')).toBeNull();
      });

      it('stores any JSON value: strings, numbers, booleans, arrays', async () => {
        await store.commit('p', 1, [put('s', 'text'), put('n', 1.5), put('b', false), put('l', [])], 1);
        expect(await store.dump('p')).toEqual([
          { key: 'b', doc: false },
          { key: 'l', doc: [] },
          { key: 'n', doc: 1.5 },
          { key: 's', doc: 'text' },
        ]);
      });

      it('hands out copies: mutating a read document does not change the store', async () => {
        const doc = { n: 1, nested: { m: 1 } };
        await store.commit('p', 1, [put('a', doc)], 1);
        doc.nested.m = 2;
        const read = await store.get<typeof doc>('p', 'a');
        (read as typeof doc).nested.m = 3;
        const [listed] = await store.list<typeof doc>('p');
        listed.doc.nested.m = 4;
        expect(await store.get('p', 'a')).toEqual({ n: 1, nested: { m: 1 } });
      });
    });

    describe('list', () => {
      // Code point order: 'Z' < 'a' < 'é' (U+00E9) < '\uFFFD' < '😀' (U+1F600, a surrogate pair in
      // UTF-16, which plain JS `<` would put before '\uFFFD').
      const keys = ['company-b', 'company-a', 'a', 'Z', 'company-a.gmv', 'é', '\uFFFD', '😀', 'company-', 'companz'];
      const sorted = ['Z', 'a', 'company-', 'company-a', 'company-a.gmv', 'company-b', 'companz', 'é', '\uFFFD', '😀'];

      beforeEach(async () => {
        await store.commit(
          'p',
          1,
          keys.map((key) => put(key, { key })),
          1,
        );
        await store.commit('other', 1, [put('company-c', {})], 1);
      });

      it('orders by key in code point order', async () => {
        const listed = await store.list<{ key: string }>('p');
        expect(listed.map((d) => d.key)).toEqual(sorted);
        expect(listed.every(({ key, doc }) => doc.key === key)).toBe(true);
      });

      it('filters by prefix, including prefixes that are whole keys or match nothing', async () => {
        const listKeys = async (prefix: string) => (await store.list('p', { prefix })).map((d) => d.key);
        expect(await listKeys('company-')).toEqual(['company-', 'company-a', 'company-a.gmv', 'company-b']);
        expect(await listKeys('company-a')).toEqual(['company-a', 'company-a.gmv']);
        expect(await listKeys('company-a.')).toEqual(['company-a.gmv']);
        expect(await listKeys('compan')).toEqual(['company-', 'company-a', 'company-a.gmv', 'company-b', 'companz']);
        expect(await listKeys('😀')).toEqual(['😀']);
        expect(await listKeys('\uFFFD')).toEqual(['\uFFFD']);
        expect(await listKeys('nothing')).toEqual([]);
        expect(await listKeys('')).toEqual(sorted);
      });

      it('pages with after (exclusive) and limit', async () => {
        const pages: string[][] = [];
        let after: string | undefined;
        for (;;) {
          const page = await store.list('p', { after, limit: 3 });
          if (page.length === 0) break;
          pages.push(page.map((d) => d.key));
          after = page[page.length - 1].key;
        }
        expect(pages).toEqual([sorted.slice(0, 3), sorted.slice(3, 6), sorted.slice(6, 9), sorted.slice(9)]);
        expect(await store.list('p', { limit: 0 })).toEqual([]);
        // `after` need not be a stored key.
        expect((await store.list('p', { after: 'b' })).map((d) => d.key)).toEqual(sorted.slice(2));
      });

      it('combines prefix, after and limit', async () => {
        const listKeys = async (prefix: string, after: string, limit?: number) =>
          (await store.list('p', { prefix, after, limit })).map((d) => d.key);
        expect(await listKeys('company-', 'company-a', 1)).toEqual(['company-a.gmv']);
        expect(await listKeys('company-', 'company-a')).toEqual(['company-a.gmv', 'company-b']);
        // An `after` before the prefix range starts at the prefix; one beyond it finds nothing.
        expect(await listKeys('company-', 'a', 2)).toEqual(['company-', 'company-a']);
        expect(await listKeys('company-', 'company-z')).toEqual([]);
      });

      it('rejects a negative or fractional limit', async () => {
        await expect(store.list('p', { limit: -1 })).rejects.toThrow(RangeError);
        await expect(store.list('p', { limit: 1.5 })).rejects.toThrow(RangeError);
      });
    });

    describe('commit', () => {
      it('writes, overwrites and deletes documents and advances the checkpoint', async () => {
        await store.commit('p', 3, [put('a', { v: 1 }), put('b', { v: 1 })], 2);
        expect(await store.checkpoint('p')).toEqual({ position: 2, version: 3 });
        await store.commit('p', 3, [put('a', { v: 2 }), put('b', null), put('never-existed', null)], 5);
        expect(await store.dump('p')).toEqual([{ key: 'a', doc: { v: 2 } }]);
        expect(await store.checkpoint('p')).toEqual({ position: 5, version: 3 });
        expect(await store.status('p')).toEqual({ position: 5, version: 3 });
      });

      it('applies changes of one key in order: the last one wins', async () => {
        await store.commit('p', 1, [put('a', 1), put('a', null), put('b', 1), put('b', null), put('b', 2)], 1);
        expect(await store.dump('p')).toEqual([{ key: 'b', doc: 2 }]);
      });

      it('advances the checkpoint with no changes', async () => {
        await store.commit('p', 1, [put('a', 1)], 1);
        await store.commit('p', 1, [], 7);
        expect(await store.checkpoint('p')).toEqual({ position: 7, version: 1 });
        expect(await store.get('p', 'a')).toBe(1);
      });

      it('accepts gaps between positions (a batch may hold events of no interest)', async () => {
        await store.commit('p', 1, [], 100);
        await store.commit('p', 1, [put('a', 1)], 1000);
        expect(await store.checkpoint('p')).toEqual({ position: 1000, version: 1 });
      });

      it.each([
        ['the same position', 5],
        ['an earlier position', 3],
      ])('refuses %s (a replayed batch) with CheckpointConflictError and changes nothing', async (_what, position) => {
        await store.commit('p', 1, [put('a', { n: 1 })], 5);
        const before = await snapshot('p');
        const error = await store.commit('p', 1, [put('a', { n: 2 }), put('b', 1)], position).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CheckpointConflictError);
        expect(error).toMatchObject({ projection: 'p', position, stored: { position: 5, version: 1 } });
        expect(await snapshot('p')).toEqual(before);
      });

      it('refuses a commit by another version than the stored one, until reset', async () => {
        await store.commit('p', 1, [put('a', 1)], 5);
        const before = await snapshot('p');
        const error = await store.commit('p', 2, [put('a', 2)], 6).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CheckpointConflictError);
        expect((error as Error).message).toMatch(/version 1, not 2/);
        expect(await snapshot('p')).toEqual(before);
        await store.reset('p');
        await store.commit('p', 2, [put('a', 2)], 6);
        expect(await store.checkpoint('p')).toEqual({ position: 6, version: 2 });
      });

      it.each([
        ['a BigInt', () => ({ amount: 10n })],
        [
          'a circular reference',
          () => {
            const loop: Record<string, unknown> = {};
            loop.self = loop;
            return loop;
          },
        ],
        ['undefined', () => undefined],
        ['a function', () => () => 1],
      ])('writes nothing of a commit whose second document is %s', async (_what, badDoc) => {
        await store.commit('p', 1, [put('a', { n: 1 }), put('b', { n: 1 })], 1);
        const before = await snapshot('p');
        const error = await store
          .commit('p', 1, [put('a', { n: 2 }), put('c', badDoc()), put('b', null)], 2)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidDocumentError);
        expect(error).toMatchObject({ projection: 'p', key: 'c' });
        expect(await snapshot('p')).toEqual(before);
        // The store is still usable, at the same checkpoint.
        await store.commit('p', 1, [put('a', { n: 3 })], 2);
        expect(await store.get('p', 'a')).toEqual({ n: 3 });
      });

      it('writes nothing for a first commit that fails, leaving no checkpoint', async () => {
        await expect(store.commit('p', 1, [put('a', 1), put('b', 1n)], 1)).rejects.toThrow(InvalidDocumentError);
        expect(await snapshot('p')).toEqual({ docs: [], status: null });
      });

      it('rejects bad positions, versions and keys, changing nothing', async () => {
        await expect(store.commit('p', 1, [], 0)).rejects.toThrow(RangeError);
        await expect(store.commit('p', 1, [], 1.5)).rejects.toThrow(RangeError);
        await expect(store.commit('p', -1, [], 1)).rejects.toThrow(RangeError);
        await expect(store.commit('p', 1, [put('', 1)], 1)).rejects.toThrow(RangeError);
        await expect(store.commit('p', 1, [put('a\uD800', 1)], 1)).rejects.toThrow(RangeError);
        expect(await snapshot('p')).toEqual({ docs: [], status: null });
      });

      it('commits a large batch', async () => {
        const changes = Array.from({ length: 3000 }, (_, i) => put(`k-${String(i).padStart(5, '0')}`, { i }));
        await store.commit('p', 1, changes, 3000);
        const docs = await store.dump('p');
        expect(docs).toHaveLength(3000);
        expect(docs[2999]).toEqual({ key: 'k-02999', doc: { i: 2999 } });
      });
    });

    describe('reset', () => {
      it('wipes documents, checkpoint and failure of one projection only', async () => {
        await store.commit('p', 1, [put('a', 1), put('b', 2)], 3);
        await store.recordFailure('p', { position: 4, error: 'boom' });
        await store.commit('q', 1, [put('a', 'kept')], 3);
        await store.reset('p');
        expect(await snapshot('p')).toEqual({ docs: [], status: null });
        expect(await store.checkpoint('p')).toBeNull();
        expect(await store.get('q', 'a')).toBe('kept');
        expect(await store.status('q')).toEqual({ position: 3, version: 1 });
        // Replaying from the start is allowed again.
        await store.commit('p', 1, [put('a', 'again')], 1);
        expect(await store.dump('p')).toEqual([{ key: 'a', doc: 'again' }]);
      });

      it('is a no-op for an unknown projection', async () => {
        await store.reset('nothing');
        expect(await store.status('nothing')).toBeNull();
      });
    });

    describe('failures', () => {
      it('records a failure next to the checkpoint, keeping documents and checkpoint', async () => {
        await store.commit('p', 2, [put('a', 1)], 3);
        await store.recordFailure('p', { position: 4, error: 'TypeError: boom', version: 9 });
        expect(await store.status('p')).toEqual({
          position: 3,
          version: 2,
          failedAt: { position: 4, error: 'TypeError: boom' },
        });
        expect(await store.checkpoint('p')).toEqual({ position: 3, version: 2 });
        expect(await store.get('p', 'a')).toBe(1);
      });

      it('records a failure at the first event: checkpoint 0 with the given version', async () => {
        await store.recordFailure('p', { position: 1, error: 'boom', version: 4 });
        expect(await store.status('p')).toEqual({ position: 0, version: 4, failedAt: { position: 1, error: 'boom' } });
        expect(await store.checkpoint('p')).toEqual({ position: 0, version: 4 });
      });

      it('keeps the latest failure', async () => {
        await store.recordFailure('p', { position: 1, error: 'first', version: 1 });
        await store.recordFailure('p', { position: 2, error: 'second' });
        expect((await store.status('p'))?.failedAt).toEqual({ position: 2, error: 'second' });
      });
    });

    describe('persistence', () => {
      it('keeps documents, checkpoints and failures across reopen', async () => {
        if (!fixture.reopen) return;
        await store.commit('p', 2, [put('a', { n: 1 }), put('b', [1, 2])], 7);
        await store.commit('q', 1, [put('x', 'y')], 7);
        await store.recordFailure('q', { position: 8, error: 'boom' });
        const before = { p: await snapshot('p'), q: await snapshot('q') };
        store = await fixture.reopen();
        expect({ p: await snapshot('p'), q: await snapshot('q') }).toEqual(before);
        await store.commit('p', 2, [put('a', null)], 8);
        expect(await store.dump('p')).toEqual([{ key: 'b', doc: [1, 2] }]);
      });
    });
  });
}
