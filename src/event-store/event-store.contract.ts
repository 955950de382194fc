/**
 * The behaviour every EventStore adapter must have. Each adapter's spec calls
 * describeEventStoreContract with a factory that makes a fresh, empty store.
 */
import {
  DuplicateIdempotencyKeyError,
  WrongExpectedRevisionError,
  type EventStore,
  type NewEvent,
  type NewEventMetadata,
  type StoredEvent,
} from './event-store.port.js';
import { GENESIS_HASH, computeHash, verifyEvents } from './hash-chain.js';

export interface ContractFixture {
  store: EventStore;
  /** Closes the current store and opens the same storage again (persistent adapters only). */
  reopen?: () => Promise<EventStore>;
  cleanup: () => Promise<void>;
}

export function newMetadata(overrides: Partial<NewEventMetadata> = {}): NewEventMetadata {
  return {
    recordedAt: '2025-01-02T03:04:05.000Z',
    recordedBy: 'alice',
    correlationId: 'corr-1',
    causationId: 'cause-1',
    schemaVersion: 1,
    ...overrides,
  };
}

export function newEvent(
  type: string,
  data: Record<string, unknown> = {},
  metadata: Partial<NewEventMetadata> = {},
): NewEvent {
  return { type, data, metadata: newMetadata(metadata) };
}

/** Polls until `check` passes; subscriptions deliver asynchronously. */
export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  for (let waited = 0; !check(); waited += 5) {
    if (waited >= timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The port promises positions that are positive and strictly increasing in commit order, not that
 * they count up by one: the embedded stores number 1, 2, 3…, KurrentDB uses sparse log offsets.
 * So the cases below compare positions with the positions the store gave out, never with literals.
 */
function expectIncreasing(positions: number[]): void {
  for (const position of positions) expect(Number.isSafeInteger(position) && position > 0).toBe(true);
  for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
}

export function describeEventStoreContract(name: string, factory: () => Promise<ContractFixture>): void {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: ContractFixture;
    let store: EventStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('reading and appending', () => {
      it('reads [] for a stream that does not exist, and an empty log', async () => {
        expect(await store.readStream('nope')).toEqual([]);
        expect(await store.readAll()).toEqual([]);
        expect(await store.lastPosition()).toBe(0);
      });

      it("appends to a new stream with 'no_stream' and reads the same events back", async () => {
        const result = await store.append(
          'company-acme',
          [newEvent('CompanyRegistered', { name: 'Acme', tags: ['x'], nested: { n: 1.5 } })],
          'no_stream',
        );
        expect(result.revision).toBe(0);
        expectIncreasing([result.position]);
        const read = await store.readStream('company-acme');
        expect(read).toEqual(result.events);
        expect(read[0]).toMatchObject({
          position: result.position,
          stream: 'company-acme',
          revision: 0,
          type: 'CompanyRegistered',
          data: { name: 'Acme', tags: ['x'], nested: { n: 1.5 } },
          metadata: { ...newMetadata(), prevHash: GENESIS_HASH },
          prevHash: GENESIS_HASH,
        });
        expect(read[0].hash).toMatch(/^[0-9a-f]{64}$/);
        expect(read[0].metadata.hash).toBe(read[0].hash);
        expect(await store.lastPosition()).toBe(result.position);
      });

      it('numbers revisions from 0 per stream, and positions strictly increasing across streams', async () => {
        await store.append('a', [newEvent('E1'), newEvent('E2')], 'no_stream');
        await store.append('b', [newEvent('E3')], 'no_stream');
        const last = await store.append('a', [newEvent('E4')], 1);
        expect(last.revision).toBe(2);
        const all = await store.readAll();
        expect(all.map((e) => [e.stream, e.revision, e.type])).toEqual([
          ['a', 0, 'E1'],
          ['a', 1, 'E2'],
          ['b', 0, 'E3'],
          ['a', 2, 'E4'],
        ]);
        expectIncreasing(all.map((e) => e.position));
        expect(last.position).toBe(all[3].position);
        expect(await store.lastPosition()).toBe(last.position);
        expect((await store.readStream('a')).map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('stores what JSON would: undefined dropped, and the hash covers exactly what is read back', async () => {
        await store.append('s', [newEvent('E', { kept: 1, dropped: undefined, list: [1, undefined] })], 'any');
        const [event] = await store.readStream('s');
        expect(event.data).toEqual({ kept: 1, list: [1, null] });
        expect(Object.keys(event.data)).toEqual(['kept', 'list']);
        expect(computeHash(event.prevHash, event)).toBe(event.hash);
      });

      it('hands out copies: mutating a read event does not change the store', async () => {
        const { events } = await store.append('s', [newEvent('E', { n: 1 })], 'no_stream');
        events[0].data.n = 2;
        const [read] = await store.readStream('s');
        read.data.n = 3;
        expect((await store.readStream('s'))[0].data).toEqual({ n: 1 });
      });

      it('rejects an empty batch', async () => {
        await expect(store.append('s', [], 'any')).rejects.toThrow(RangeError);
        expect(await store.lastPosition()).toBe(0);
      });

      it('reads a stream from a revision on, for callers that folded the part before it', async () => {
        await store.append('a', [newEvent('E0'), newEvent('E1'), newEvent('E2')], 'no_stream');
        await store.append('b', [newEvent('Other')], 'no_stream');
        const all = await store.readStream('a');
        expect(await store.readStream('a', 0)).toEqual(all);
        expect(await store.readStream('a', 1)).toEqual(all.slice(1));
        expect(await store.readStream('a', 3)).toEqual([]);
        expect(await store.readStream('nope', 2)).toEqual([]);
      });

      it("gives a stream's head (revision and hash of its last event) without its events", async () => {
        expect(await store.streamHead('a')).toBeUndefined();
        await store.append('a', [newEvent('E0'), newEvent('E1')], 'no_stream');
        await store.append('b', [newEvent('Other')], 'no_stream');
        const [, last] = await store.readStream('a');
        expect(await store.streamHead('a')).toEqual({ revision: 1, hash: last.hash });
        await store.append('a', [newEvent('E2')], 1);
        const [third] = await store.readStream('a', 2);
        expect(await store.streamHead('a')).toEqual({ revision: 2, hash: third.hash });
      });
    });

    describe('batch', () => {
      it('keeps every append made inside it, each atomic, visible to reads inside and after it', async () => {
        const outcome = await store.batch(async () => {
          await store.append('a', [newEvent('A0'), newEvent('A1')], 'no_stream');
          // A refused append inside a batch leaves nothing and does not end the batch.
          await expect(store.append('a', [newEvent('Late')], 0)).rejects.toThrow(WrongExpectedRevisionError);
          await expect(store.append('b', [newEvent('B0'), newEvent('Bad', { n: 1n })], 'no_stream')).rejects.toThrow(
            TypeError,
          );
          const head = await store.append('b', [newEvent('B0')], 'no_stream');
          expect((await store.readStream('a')).map((e) => e.type)).toEqual(['A0', 'A1']);
          expect(await store.lastPosition()).toBe(head.position);
          return 'done';
        });
        expect(outcome).toBe('done');
        expect((await store.readAll()).map((e) => [e.stream, e.revision, e.type])).toEqual([
          ['a', 0, 'A0'],
          ['a', 1, 'A1'],
          ['b', 0, 'B0'],
        ]);
        expect((await store.verify()).ok).toBe(true);
        expect((await store.append('a', [newEvent('A2')], 1)).revision).toBe(2);
      });

      it('passes on the rejection of its work', async () => {
        await expect(store.batch(() => Promise.reject(new Error('disk on fire')))).rejects.toThrow('disk on fire');
        await store.append('s', [newEvent('After')], 'no_stream');
        expect((await store.verify()).ok).toBe(true);
      });
    });

    describe('atomicity', () => {
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
      ])('writes nothing of a batch whose second event contains %s', async (_what, badData) => {
        const before = await store.append('s', [newEvent('Before')], 'no_stream');
        await expect(
          store.append('s', [newEvent('First', { ok: true }), newEvent('Second', badData()), newEvent('Third')], 0),
        ).rejects.toThrow(TypeError);
        await expect(
          store.append('fresh', [newEvent('First'), newEvent('Bad', badData())], 'no_stream'),
        ).rejects.toThrow(TypeError);
        expect((await store.readStream('s')).map((e) => e.type)).toEqual(['Before']);
        expect(await store.readStream('fresh')).toEqual([]);
        expect(await store.lastPosition()).toBe(before.position);
        // The stream is still at revision 0, and the log holds nothing of the failed batches.
        const after = await store.append('s', [newEvent('After')], 0);
        expect(after.revision).toBe(1);
        expect((await store.readAll()).map((e) => [e.type, e.position])).toEqual([
          ['Before', before.position],
          ['After', after.position],
        ]);
        expectIncreasing([before.position, after.position]);
        expect((await store.verify()).ok).toBe(true);
      });
    });

    describe('expected revision', () => {
      it('throws WrongExpectedRevisionError with the actual revision', async () => {
        await store.append('s', [newEvent('E1'), newEvent('E2')], 'no_stream');
        const error = await store.append('s', [newEvent('E3')], 0).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ stream: 's', expected: 0, actual: 1 });
        expect(await store.readStream('s')).toHaveLength(2);
      });

      it("reports 'no_stream' as the actual revision of a stream that does not exist", async () => {
        await expect(store.append('s', [newEvent('E')], 0)).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          actual: 'no_stream',
        });
        expect(await store.lastPosition()).toBe(0);
      });

      it("fails 'no_stream' on a stream that exists", async () => {
        await store.append('s', [newEvent('E')], 'no_stream');
        const error = await store.append('s', [newEvent('E')], 'no_stream').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ expected: 'no_stream', actual: 0 });
      });

      it("appends with 'any' to new and existing streams", async () => {
        expect((await store.append('s', [newEvent('E1')], 'any')).revision).toBe(0);
        expect((await store.append('s', [newEvent('E2')], 'any')).revision).toBe(1);
        expect((await store.readStream('s')).map((e) => e.type)).toEqual(['E1', 'E2']);
      });

      it('lets exactly one of 20 racing appends with the same expected revision win', async () => {
        await store.append('s', [newEvent('Start')], 'no_stream');
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) => store.append('s', [newEvent('Racer', { i })], 0)),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        for (const r of lost) expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream('s')).toHaveLength(2);
      });

      it("keeps every one of 20 racing 'no_stream' appends to different streams", async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.append(`s-${i}`, [newEvent('E')], 'no_stream')),
        );
        expect(new Set(results.map((r) => r.position)).size).toBe(20);
        expect(await store.readAll()).toHaveLength(20);
        expect(await store.lastPosition()).toBe(Math.max(...results.map((r) => r.position)));
      });
    });

    describe('readAll', () => {
      it('pages through the log in commit order across streams with after and limit', async () => {
        for (let i = 0; i < 10; i++) await store.append(`s-${i % 3}`, [newEvent('E', { i })], 'any');
        const pages: StoredEvent[][] = [];
        for (let after = 0; ;) {
          const page = await store.readAll({ after, limit: 3 });
          if (page.length === 0) break;
          pages.push(page);
          after = page[page.length - 1].position;
        }
        expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 1]);
        expect(pages.flat().map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        const positions = pages.flat().map((e) => e.position);
        expectIncreasing(positions);
        expect(await store.readAll({ after: positions[9] })).toEqual([]);
        expect(await store.readAll({ after: positions[3], limit: 0 })).toEqual([]);
        expect((await store.readAll({ after: positions[7] })).map((e) => e.position)).toEqual(positions.slice(8));
      });

      it('returns at most 100 events by default', async () => {
        await store.append(
          's',
          Array.from({ length: 120 }, (_, i) => newEvent('E', { i })),
          'no_stream',
        );
        const page = await store.readAll();
        expect(page).toHaveLength(100);
        expect(page.map((e) => e.data.i)).toEqual(Array.from({ length: 100 }, (_, i) => i));
      });

      it('rejects a negative or fractional limit', async () => {
        await expect(store.readAll({ limit: -1 })).rejects.toThrow(RangeError);
        await expect(store.readAll({ limit: 1.5 })).rejects.toThrow(RangeError);
      });
    });

    describe('hash chain', () => {
      it('chains each stream from genesis, recomputable from readAll output alone', async () => {
        await store.append('a', [newEvent('A0', { x: 1 }), newEvent('A1', { x: 'é€😀' })], 'no_stream');
        await store.append('b', [newEvent('B0', { nested: { z: [1, 2, { y: null }] } })], 'no_stream');
        await store.append('a', [newEvent('A2', { big: 1e21, small: 1e-7, neg: -0 })], 1);
        // What an auditor gets: plain JSON, re-parsed.
        const audited = JSON.parse(JSON.stringify(await store.readAll())) as StoredEvent[];
        const last = new Map<string, string>();
        for (const event of audited) {
          expect(event.prevHash).toBe(last.get(event.stream) ?? GENESIS_HASH);
          expect(event.metadata.prevHash).toBe(event.prevHash);
          expect(event.metadata.hash).toBe(event.hash);
          expect(computeHash(event.prevHash, event)).toBe(event.hash);
          last.set(event.stream, event.hash);
        }
        expect(verifyEvents(audited)).toEqual({ ok: true, streams: 2, events: 4 });
      });

      it('makes the hash depend on every hashed field', async () => {
        await store.append('a', [newEvent('A0', { x: 1 })], 'no_stream');
        const [event] = await store.readAll();
        const variants: StoredEvent[] = [
          { ...event, stream: 'b' },
          { ...event, revision: 1 },
          { ...event, type: 'A1' },
          { ...event, data: { x: 2 } },
          { ...event, metadata: { ...event.metadata, recordedBy: 'mallory' } },
        ];
        for (const variant of variants) expect(computeHash(variant.prevHash, variant)).not.toBe(event.hash);
        expect(computeHash('f'.repeat(64), event)).not.toBe(event.hash);
      });
    });

    describe('idempotency', () => {
      const keyed = (type: string, key: string, extra: Partial<NewEventMetadata> = {}) =>
        newEvent(type, {}, { idempotencyKey: key, route: 'POST /companies', requestHash: 'h1', ...extra });

      it('finds the batch a key started, scoped by caller and route', async () => {
        await store.append('other', [newEvent('Noise')], 'no_stream');
        const { events } = await store.append('s', [keyed('K1', 'key-1'), keyed('K2', 'key-1')], 'no_stream');
        // Same stream, same correlation, straight after: still a different batch.
        await store.append('s', [newEvent('Later')], 1);
        expect(await store.findByIdempotencyKey('alice', 'POST /companies', 'key-1')).toEqual(events);
        expect(await store.findByIdempotencyKey('bob', 'POST /companies', 'key-1')).toEqual([]);
        expect(await store.findByIdempotencyKey('alice', 'POST /metrics', 'key-1')).toEqual([]);
        expect(await store.findByIdempotencyKey('alice', 'POST /companies', 'key-2')).toEqual([]);
      });

      it('rejects a second use of the key by the same caller on the same route, writing nothing', async () => {
        const first = await store.append('s', [keyed('K1', 'key-1')], 'no_stream');
        for (const [stream, expected] of [
          ['s', 0],
          ['elsewhere', 'no_stream'],
          ['s', 'any'],
        ] as const) {
          const error = await store.append(stream, [keyed('K2', 'key-1')], expected).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(DuplicateIdempotencyKeyError);
          expect(error).toMatchObject({ idempotencyKey: 'key-1' });
        }
        // Checked before the revision: a stale retry still learns it is a retry.
        await expect(store.append('s', [keyed('K2', 'key-1')], 7)).rejects.toBeInstanceOf(DuplicateIdempotencyKeyError);
        expect(await store.lastPosition()).toBe(first.position);
        expect(await store.readStream('elsewhere')).toEqual([]);
      });

      it('lets another caller or another route use the same key', async () => {
        await store.append('s', [keyed('K1', 'key-1')], 'no_stream');
        await store.append('s', [keyed('K2', 'key-1', { recordedBy: 'bob' })], 0);
        await store.append('s', [keyed('K3', 'key-1', { route: 'POST /metrics' })], 1);
        expect((await store.findByIdempotencyKey('bob', 'POST /companies', 'key-1')).map((e) => e.type)).toEqual([
          'K2',
        ]);
        expect((await store.findByIdempotencyKey('alice', 'POST /metrics', 'key-1')).map((e) => e.type)).toEqual([
          'K3',
        ]);
      });

      it('lets exactly one of racing appends with the same key win', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => store.append(`s-${i}`, [keyed('K', 'key-1')], 'no_stream')),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const [only] = await store.readAll();
        expect(await store.readAll()).toHaveLength(1);
        expect(await store.lastPosition()).toBe(only.position);
      });
    });

    describe('subscribe', () => {
      it('delivers history, then live events, in commit order, one at a time', async () => {
        await store.append('a', [newEvent('E', { n: 1 }), newEvent('E', { n: 2 })], 'no_stream');
        await store.append('b', [newEvent('E', { n: 3 })], 'no_stream');
        const seen: number[] = [];
        let inFlight = 0;
        let overlapped = false;
        const subscription = store.subscribe(0, async (event) => {
          overlapped ||= inFlight > 0;
          inFlight++;
          await sleep(2);
          seen.push(event.data.n as number);
          inFlight--;
        });
        await eventually(() => seen.length === 3);
        await store.append('a', [newEvent('E', { n: 4 })], 1);
        await store.append('c', [newEvent('E', { n: 5 }), newEvent('E', { n: 6 })], 'no_stream');
        await eventually(() => seen.length === 6);
        expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
        expect(overlapped).toBe(false);
        await subscription.close();
      });

      it('starts after the given position, and waits when it is ahead of the log', async () => {
        const positions: number[] = [];
        for (let n = 1; n <= 5; n++) positions.push((await store.append('s', [newEvent('E', { n })], 'any')).position);
        const seen: number[] = [];
        const fromThird = store.subscribe(positions[2], (event) => {
          seen.push(event.position);
        });
        // Beyond the end of the log (on the embedded stores: position 7 of 5).
        const beyond = positions[4] + 2;
        const ahead: number[] = [];
        const fromBeyond = store.subscribe(beyond, (event) => {
          ahead.push(event.position);
        });
        await eventually(() => seen.length === 2);
        for (let n = 6; n <= 8; n++) positions.push((await store.append('s', [newEvent('E', { n })], 'any')).position);
        const expectedAhead = positions.filter((p) => p > beyond);
        expect(expectedAhead.length).toBeGreaterThan(0);
        await eventually(() => seen.length === 5 && ahead.length === expectedAhead.length);
        expect(seen).toEqual(positions.slice(3));
        expect(ahead).toEqual(expectedAhead);
        await fromThird.close();
        await fromBeyond.close();
      });

      it('delivers nothing after close() resolves', async () => {
        const first = await store.append('s', [newEvent('E')], 'no_stream');
        const seen: number[] = [];
        const subscription = store.subscribe(0, (event) => {
          seen.push(event.position);
        });
        await eventually(() => seen.length === 1);
        await subscription.close();
        await store.append('s', [newEvent('E')], 0);
        await sleep(50);
        expect(seen).toEqual([first.position]);
      });

      it('stops at a handler error, reports it through onError, and does not skip ahead', async () => {
        const positions: number[] = [];
        for (let n = 1; n <= 4; n++) positions.push((await store.append('s', [newEvent('E', { n })], 'any')).position);
        const seen: number[] = [];
        const errors: unknown[] = [];
        const subscription = store.subscribe(
          0,
          (event) => {
            if (event.position === positions[2]) throw new Error('projection failed');
            seen.push(event.position);
          },
          { onError: (error) => errors.push(error) },
        );
        await eventually(() => errors.length === 1);
        await store.append('s', [newEvent('E')], 'any');
        await sleep(50);
        expect(seen).toEqual(positions.slice(0, 2));
        expect(errors).toEqual([new Error('projection failed')]);
        await subscription.close();
      });

      it('is stopped by closing the store', async () => {
        const seen: number[] = [];
        store.subscribe(0, (event) => {
          seen.push(event.position);
        });
        const { position } = await store.append('s', [newEvent('E')], 'no_stream');
        await eventually(() => seen.length === 1);
        await store.close();
        expect(seen).toEqual([position]);
      });
    });

    describe('verify', () => {
      it('reports ok with the number of streams and events', async () => {
        expect(await store.verify()).toEqual({ ok: true, streams: 0, events: 0 });
        await store.append('a', [newEvent('E'), newEvent('E')], 'no_stream');
        await store.append('b', [newEvent('E')], 'no_stream');
        await store.append('a', [newEvent('E')], 1);
        expect(await store.verify()).toEqual({ ok: true, streams: 2, events: 4 });
      });
    });

    describe('reopen', () => {
      it('keeps every event, the chain and the idempotency keys', async () => {
        if (!fixture.reopen) return; // not a persistent adapter
        await store.append('a', [newEvent('E', { n: 1 }, { idempotencyKey: 'k', route: 'r' })], 'no_stream');
        await store.append('b', [newEvent('E', { n: 2 })], 'no_stream');
        const before = await store.readAll();
        store = await fixture.reopen();
        expect(await store.readAll()).toEqual(before);
        expect(await store.lastPosition()).toBe(before[1].position);
        expect(await store.verify()).toEqual({ ok: true, streams: 2, events: 2 });
        expect(await store.findByIdempotencyKey('alice', 'r', 'k')).toEqual([before[0]]);
        await expect(
          store.append('c', [newEvent('E', {}, { idempotencyKey: 'k', route: 'r' })], 'any'),
        ).rejects.toThrow(DuplicateIdempotencyKeyError);
        const next = await store.append('a', [newEvent('E', { n: 3 })], 0);
        expect(next.revision).toBe(1);
        expect(next.position).toBeGreaterThan(before[1].position);
      });
    });
  });
}
