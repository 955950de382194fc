import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '../event-store/event-store.contract.js';
import type { StoredEvent } from '../event-store/event-store.port.js';
import { MemoryEventStore } from '../event-store/memory/memory-event-store.js';
import type { DocumentProjection } from './document-projection.js';
import { MemoryReadStore } from './memory/memory-read-store.js';
import { PostgresReadStore } from './postgres/postgres-read-store.js';
import { TestDatabase, testPostgresUrl, uniqueSchemaName } from './postgres/postgres-test-database.contract.js';
import {
  ProjectionRunner,
  type ProjectionProgress,
  type ProjectionRunnerOptions,
  REBUILD_CACHED_DOCUMENTS,
} from './projection-runner.js';
import type { DocumentChange, ListOptions, ProjectionFailure, ReadStore } from './read-store.port.js';
import { checkRebuildEqualsLive, compareReadModels } from './rebuild-check.js';
import { SqliteReadStore } from './sqlite/sqlite-read-store.js';

// ---- toy projections -------------------------------------------------------------------------

interface Count {
  count: number;
  total: number;
  last: number;
}

/** Per group: how many Counted events and their amounts; Removed deletes the group. */
const counter: DocumentProjection<Count> = {
  name: 'counter',
  version: 1,
  keysOf: (event) => (event.type === 'Counted' || event.type === 'Removed' ? [String(event.data.group)] : []),
  apply: (doc, event) =>
    event.type === 'Removed'
      ? null
      : { count: (doc?.count ?? 0) + 1, total: (doc?.total ?? 0) + Number(event.data.amount), last: event.position },
};

interface Tally {
  events: number;
  types: Record<string, number>;
}

/** Every event, under 'all' and under its stream: two keys per event. */
const tally: DocumentProjection<Tally> = {
  name: 'tally',
  version: 1,
  keysOf: (event) => ['all', `stream:${event.stream}`],
  apply: (doc, event) => ({
    events: (doc?.events ?? 0) + 1,
    types: { ...doc?.types, [event.type]: (doc?.types[event.type] ?? 0) + 1 },
  }),
};

/** Throws on events carrying `poison: true`. */
function fragile(calls: StoredEvent[] = []): DocumentProjection<{ seen: number[] }> {
  return {
    name: 'fragile',
    version: 1,
    keysOf: () => ['all'],
    apply: (doc, event) => {
      calls.push(event);
      if (event.data.poison === true) throw new Error(`boom at ${event.position}`);
      return { seen: [...(doc?.seen ?? []), event.position] };
    },
  };
}

// ---- helpers -------------------------------------------------------------------------------

interface Logged {
  level: 'log' | 'warn' | 'error';
  message: string;
}

function quietLogger(logged: Logged[] = []) {
  return {
    log: (message: string) => logged.push({ level: 'log', message }),
    warn: (message: string) => logged.push({ level: 'warn', message }),
    error: (message: string) => logged.push({ level: 'error', message }),
  };
}

/** Delegates to a real store, counting calls and letting a test interfere with commits. */
class SpyReadStore implements ReadStore {
  gets = 0;
  commits: { projection: string; position: number; changes: number }[] = [];
  /** Per commit, the keys whose change was marked `rewritten`. */
  rewritten: string[][] = [];
  commitsInFlight = 0;
  maxCommitsInFlight = 0;
  beforeCommit?: (projection: string, position: number) => Promise<void> | void;

  constructor(readonly inner: ReadStore) {}

  get<D>(projection: string, key: string) {
    this.gets++;
    return this.inner.get<D>(projection, key);
  }
  list<D>(projection: string, options?: ListOptions) {
    return this.inner.list<D>(projection, options);
  }
  checkpoint(projection: string) {
    return this.inner.checkpoint(projection);
  }
  status(projection: string) {
    return this.inner.status(projection);
  }
  async commit(projection: string, version: number, changes: DocumentChange[], position: number) {
    this.commitsInFlight++;
    this.maxCommitsInFlight = Math.max(this.maxCommitsInFlight, this.commitsInFlight);
    try {
      await this.beforeCommit?.(projection, position);
      await this.inner.commit(projection, version, changes, position);
      this.commits.push({ projection, position, changes: changes.length });
      this.rewritten.push(changes.filter((change) => change.rewritten === true).map((change) => change.key));
    } finally {
      this.commitsInFlight--;
    }
  }
  reset(projection: string) {
    return this.inner.reset(projection);
  }
  recordFailure(projection: string, failure: ProjectionFailure & { version?: number }) {
    return this.inner.recordFailure(projection, failure);
  }
  dump(projection: string) {
    return this.inner.dump(projection);
  }
  close() {
    return this.inner.close();
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Deterministic pseudo-random numbers (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- read store fixtures -------------------------------------------------------------------

interface ReadStoreFixture {
  open(): ReadStore;
  /** Another handle on the same data: what a restarted process would see. */
  reopen(): ReadStore;
  cleanup(): Promise<void>;
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const fixtures: [string, () => ReadStoreFixture][] = [
  [
    'memory',
    () => {
      const store = new MemoryReadStore();
      return { open: () => store, reopen: () => store, cleanup: () => store.close() };
    },
  ],
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'kpi-projection-runner-'));
      tempDirs.push(dir);
      const path = join(dir, 'read-models.db');
      const opened: ReadStore[] = [];
      const open = () => {
        const store = SqliteReadStore.open(path);
        opened.push(store);
        return store;
      };
      return {
        open,
        reopen: open,
        cleanup: async () => {
          await Promise.all(opened.map((store) => store.close()));
        },
      };
    },
  ],
];

// With TEST_POSTGRES_URL (set by .ci/run), the same scenarios run against PostgreSQL, each in a
// fresh schema; postgres-read-store.spec.ts prints the skip notice when it is not set.
if (testPostgresUrl !== undefined) {
  const url = testPostgresUrl;
  fixtures.push([
    'postgres',
    () => {
      const schema = uniqueSchemaName();
      const opened: ReadStore[] = [];
      const open = () => {
        const store = PostgresReadStore.connect(url, { schema });
        opened.push(store);
        return store;
      };
      return {
        open,
        reopen: open,
        cleanup: async () => {
          await Promise.all(opened.map((store) => store.close()));
          const db = new TestDatabase(url);
          await db.dropSchema(schema).finally(() => db.close());
        },
      };
    },
  ]);
}

describe.each(fixtures)('ProjectionRunner with the %s read store', (_name, makeFixture) => {
  let fixture: ReadStoreFixture;
  let events: MemoryEventStore;
  let store: SpyReadStore;
  let logged: Logged[];
  const runners: ProjectionRunner[] = [];

  beforeEach(() => {
    fixture = makeFixture();
    events = new MemoryEventStore();
    store = new SpyReadStore(fixture.open());
    logged = [];
  });

  afterEach(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    runners.length = 0;
    await events.close();
    await fixture.cleanup();
  });

  function runner(
    projections: DocumentProjection[] = [counter, tally],
    options: ProjectionRunnerOptions = {},
    readStore: ReadStore = store,
  ): ProjectionRunner {
    const made = new ProjectionRunner(events, readStore, projections, {
      logger: quietLogger(logged),
      pollIntervalMs: 20,
      waitPollMs: 5,
      ...options,
    });
    runners.push(made);
    return made;
  }

  async function count(group: string, amount = 1, data: Record<string, unknown> = {}): Promise<number> {
    const result = await events.append(`group-${group}`, [newEvent('Counted', { group, amount, ...data })], 'any');
    return result.position;
  }

  async function remove(group: string): Promise<number> {
    return (await events.append(`group-${group}`, [newEvent('Removed', { group })], 'any')).position;
  }

  describe('catch-up', () => {
    it('applies every event in commit order and advances the checkpoints', async () => {
      await count('a', 5);
      await count('b', 2);
      await count('a', 10);
      await events.append('other', [newEvent('Ignored')], 'any');
      const projections = runner();
      await projections.catchUp();
      expect(await store.dump('counter')).toEqual([
        { key: 'a', doc: { count: 2, total: 15, last: 3 } },
        { key: 'b', doc: { count: 1, total: 2, last: 2 } },
      ]);
      expect(await store.get('tally', 'all')).toEqual({ events: 4, types: { Counted: 3, Ignored: 1 } });
      expect(await store.get('tally', 'stream:group-a')).toEqual({ events: 2, types: { Counted: 2 } });
      expect(await store.checkpoint('counter')).toEqual({ position: 4, version: 1 });
      expect(await store.checkpoint('tally')).toEqual({ position: 4, version: 1 });
      expect(await projections.status()).toEqual([
        { name: 'counter', version: 1, position: 4, lag: 0 },
        { name: 'tally', version: 1, position: 4, lag: 0 },
      ]);
    });

    it('does nothing on an empty log, and deletes documents when apply returns null', async () => {
      const projections = runner();
      await projections.catchUp();
      expect(store.commits).toEqual([]);
      expect(await projections.status()).toEqual([
        { name: 'counter', version: 1, position: 0, lag: 0 },
        { name: 'tally', version: 1, position: 0, lag: 0 },
      ]);
      await count('a');
      await count('b');
      await remove('a');
      await projections.catchUp();
      expect((await store.dump('counter')).map((d) => d.key)).toEqual(['b']);
    });

    it('commits once per projection per batch, loading each touched document once and keeping it', async () => {
      for (let i = 0; i < 10; i++) await count(i % 2 ? 'odd' : 'even');
      const projections = runner([counter], { batchSize: 4 });
      await projections.catchUp();
      expect(store.commits).toEqual([
        { projection: 'counter', position: 4, changes: 2 },
        { projection: 'counter', position: 8, changes: 2 },
        { projection: 'counter', position: 10, changes: 2 },
      ]);
      // Two keys, three batches: loaded by the first, kept for the next (the runner wrote them).
      expect(store.gets).toBe(2);
      expect(await store.get('counter', 'even')).toEqual({ count: 5, total: 5, last: 9 });
    });

    it('marks as rewritten only the documents it kept from its own last commit', async () => {
      await count('a');
      const projections = runner([counter]);
      await projections.catchUp();
      await count('a');
      await count('b');
      await projections.catchUp();
      // 'a' was committed by this runner and kept: a rewrite; 'b' is new.
      expect(store.rewritten).toEqual([[], ['a']]);
      // A runner that reads 'a' from the store has never encoded it.
      await count('a');
      await runner([counter]).catchUp();
      expect(store.rewritten.at(-1)).toEqual([]);
    });

    it('loads a kept document again once another writer has moved the read model on', async () => {
      await count('a', 1);
      const mine = runner([counter]);
      await mine.catchUp();
      await count('a', 2);
      // Another process (a restarted projector) projects the next event.
      await runner([counter], {}, new SpyReadStore(fixture.reopen())).catchUp();
      await count('a', 4);
      const gets = store.gets;
      await mine.catchUp();
      expect(store.gets).toBe(gets + 1);
      expect(await store.get('counter', 'a')).toEqual({ count: 3, total: 7, last: 3 });
    });

    it('reads a batch in pages and commits it once, with the documents folded across its pages', async () => {
      for (let i = 0; i < 10; i++) await count(i % 2 ? 'odd' : 'even', i);
      const progress: number[] = [];
      const runs = { calls: 0 };
      const projections = runner([counter, { ...tally, name: 'tally-all', keysOf: () => ['all'] }], {
        batchSize: 6,
        pageSize: 2,
        onProgress: (p) => progress.push(p.done),
      });
      const folded: DocumentProjection<Count> = {
        ...counter,
        name: 'folded',
        applyAll: (doc, list) => {
          runs.calls++;
          return list.reduce<Count | null>((d, e) => counter.apply(d, e, ''), doc);
        },
      };
      await runner([folded], { batchSize: 6, pageSize: 2 }).catchUp();
      await projections.catchUp();
      // A commit per projection per 6 events, read 2 at a time.
      expect(store.commits.map((c) => `${c.projection}@${c.position}:${c.changes}`)).toEqual([
        'folded@6:2',
        'folded@10:2',
        'counter@6:2',
        'tally-all@6:1',
        'counter@10:2',
        'tally-all@10:1',
      ]);
      expect(progress).toEqual([2, 4, 6, 8, 10]);
      // The fast path folds each page's events per document: 5 pages, 2 documents each.
      expect(runs.calls).toBe(10);
      // Each document is loaded once by each runner, then kept across pages and batches.
      expect(store.gets).toBe(2 + 3);
      expect(await store.get('folded', 'even')).toEqual({ count: 5, total: 20, last: 9 });
      expect(await store.get('counter', 'even')).toEqual({ count: 5, total: 20, last: 9 });
      expect(await store.get('tally-all', 'all')).toEqual({ events: 10, types: { Counted: 10 } });
    });

    it('commits the events before a fault in a later page of the batch, and stops there', async () => {
      const calls: StoredEvent[] = [];
      for (let i = 1; i <= 9; i++) await count('a', 1, { poison: i === 7 });
      await runner([fragile(calls)], { batchSize: 100, pageSize: 3 }).catchUp();
      expect(await store.get('fragile', 'all')).toEqual({ seen: [1, 2, 3, 4, 5, 6] });
      expect(store.commits).toEqual([{ projection: 'fragile', position: 6, changes: 1 }]);
      expect((await store.status('fragile'))?.failedAt?.position).toBe(7);
      // Pages after the fault are not read for it.
      expect(calls.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    it('reports progress after each batch', async () => {
      for (let i = 0; i < 7; i++) await count('a');
      const progress: ProjectionProgress[] = [];
      await runner([counter], { batchSize: 3, onProgress: (p) => progress.push(p) }).catchUp();
      expect(progress).toEqual([
        { done: 3, total: 7 },
        { done: 6, total: 7 },
        { done: 7, total: 7 },
      ]);
    });

    it('applies each event exactly once across catch-ups and restarts', async () => {
      await count('a', 1);
      await count('a', 2);
      await runner().catchUp();
      await runner().catchUp();
      await count('a', 4);
      // A restarted process: new runner, new connection to the same read models.
      const restarted = new SpyReadStore(fixture.reopen());
      await runner(undefined, {}, restarted).catchUp();
      await runner(undefined, {}, restarted).catchUp();
      expect(await restarted.get('counter', 'a')).toEqual({ count: 3, total: 7, last: 3 });
      expect(await restarted.get('tally', 'all')).toEqual({ events: 3, types: { Counted: 3 } });
      expect(restarted.commits.map((c) => c.position)).toEqual([3, 3]);
    });

    it('never applies a batch twice when two runners race on one read model', async () => {
      for (let i = 0; i < 50; i++) await count(`g${i % 3}`, i);
      await Promise.all([runner([counter], { batchSize: 7 }).catchUp(), runner([counter], { batchSize: 5 }).catchUp()]);
      // Whichever lost a race reloads its checkpoint and carries on from there.
      await runner([counter]).catchUp();
      const docs = await store.dump('counter');
      expect(docs.reduce((sum, { doc }) => sum + (doc as Count).count, 0)).toBe(50);
      expect(docs.reduce((sum, { doc }) => sum + (doc as Count).total, 0)).toBe((49 * 50) / 2);
    });
  });

  describe('batch atomicity', () => {
    it('keeps documents and checkpoint together when a commit fails, then resumes exactly once', async () => {
      for (let i = 0; i < 9; i++) await count('a', 1);
      store.beforeCommit = (_projection, position) => {
        if (position === 6) throw new Error('disk full');
      };
      const projections = runner([counter], { batchSize: 3 });
      await expect(projections.catchUp()).rejects.toThrow('disk full');
      expect(await store.checkpoint('counter')).toEqual({ position: 3, version: 1 });
      expect(await store.get('counter', 'a')).toEqual({ count: 3, total: 3, last: 3 });
      // A store failure is not the projection's fault: nothing is recorded, the next run resumes.
      expect((await store.status('counter'))?.failedAt).toBeUndefined();
      store.beforeCommit = undefined;
      await projections.catchUp();
      expect(await store.get('counter', 'a')).toEqual({ count: 9, total: 9, last: 9 });
    });
  });

  describe('applyAll, the per-document fast path', () => {
    /** counter with applyAll: a fold over its own copy, and a count of how often it ran. */
    function batchedCounter(runs: { calls: number }, poisonAt?: number): DocumentProjection<Count> {
      return {
        ...counter,
        apply: (doc, event, key) => {
          if (event.position === poisonAt) throw new Error(`poison at ${event.position}`);
          return counter.apply(doc, event, key);
        },
        applyAll: (doc, events) => {
          runs.calls++;
          let folded = doc === null ? null : { ...doc };
          for (const event of events) {
            if (event.position === poisonAt) throw new Error(`poison at ${event.position}`);
            if (event.type === 'Removed') folded = null;
            else {
              folded ??= { count: 0, total: 0, last: 0 };
              folded.count += 1;
              folded.total += Number(event.data.amount);
              folded.last = event.position;
            }
          }
          return folded;
        },
      };
    }

    it('gives exactly the documents that apply gives, one fold per document per batch', async () => {
      const rng = random(7);
      for (let i = 0; i < 120; i++) {
        if (rng() < 0.1) await remove(`g${Math.floor(rng() * 5)}`);
        else await count(`g${Math.floor(rng() * 5)}`, Math.floor(rng() * 100));
      }
      const runs = { calls: 0 };
      await runner([batchedCounter(runs)], { batchSize: 50 }).catchUp();
      const fast = await store.dump('counter');
      expect(runs.calls).toBeGreaterThan(0);
      expect(runs.calls).toBeLessThanOrEqual(3 * 5);
      await store.reset('counter');
      await runner([counter], { batchSize: 7 }).catchUp();
      expect(await store.dump('counter')).toEqual(fast);
    });

    it('falls back to one event at a time when it throws, and stops at the event at fault', async () => {
      for (let i = 1; i <= 8; i++) await count('a', i);
      const projections = runner([batchedCounter({ calls: 0 }, 6)], { batchSize: 4 });
      await projections.catchUp();
      expect(await store.get('counter', 'a')).toEqual({ count: 5, total: 15, last: 5 });
      expect((await store.status('counter'))?.failedAt).toEqual({
        position: 6,
        error: 'Error: poison at 6 (event Counted of group-a revision 5)',
      });
    });
  });

  describe('a projection that throws', () => {
    it('stops only itself at the failing event, keeps the events before it, and others carry on', async () => {
      const calls: StoredEvent[] = [];
      for (let i = 1; i <= 10; i++) await count('a', 1, { poison: i === 6 });
      const projections = runner([counter, fragile(calls)], { batchSize: 4 });
      await projections.catchUp();

      expect(await store.get('fragile', 'all')).toEqual({ seen: [1, 2, 3, 4, 5] });
      const [, status] = await projections.status();
      expect(status).toEqual({
        name: 'fragile',
        version: 1,
        position: 5,
        lag: 5,
        failed: { position: 6, error: 'Error: boom at 6 (event Counted of group-a revision 5)' },
      });
      expect(await store.get('counter', 'a')).toMatchObject({ count: 10 });
      const errors = logged.filter((l) => l.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(/projection fragile STOPPED at position 6: Error: boom at 6/);

      // Later catch-ups, in this process or after a restart, skip it (logging that once).
      calls.length = 0;
      await count('a');
      await projections.catchUp();
      await runner([counter, fragile(calls)], {}, new SpyReadStore(fixture.reopen())).catchUp();
      expect(calls).toEqual([]);
      expect(await store.get('counter', 'a')).toMatchObject({ count: 11 });
      expect((await projections.status())[1]).toMatchObject({ position: 5, lag: 6, failed: { position: 6 } });
      expect(logged.filter((l) => l.level === 'error')).toHaveLength(2);

      // Reset clears the failure; the still-poisoned projection stops again at the same event.
      await projections.reset('fragile');
      await projections.catchUp();
      expect((await store.status('fragile'))?.failedAt?.position).toBe(6);
      expect(await store.get('fragile', 'all')).toEqual({ seen: [1, 2, 3, 4, 5] });
    });

    it('stops at its first event with no checkpoint yet', async () => {
      await count('a', 1, { poison: true });
      await count('a', 1);
      const projections = runner([fragile()]);
      await projections.catchUp();
      expect(await store.status('fragile')).toEqual({
        position: 0,
        version: 1,
        failedAt: { position: 1, error: expect.stringMatching(/boom at 1/) },
      });
      expect(await store.dump('fragile')).toEqual([]);
      expect(await projections.status()).toEqual([
        { name: 'fragile', version: 1, position: 0, lag: 2, failed: { position: 1, error: expect.any(String) } },
      ]);
    });

    it('resumes once a fixed version is deployed, replaying from position 0', async () => {
      for (let i = 1; i <= 4; i++) await count('a', 1, { poison: i === 2 });
      await runner([fragile()]).catchUp();
      expect((await store.status('fragile'))?.failedAt?.position).toBe(2);
      const fixed: DocumentProjection<{ seen: number[] }> = {
        ...fragile(),
        version: 2,
        apply: (doc, event) => ({ seen: [...(doc?.seen ?? []), event.position] }),
      };
      await runner([fixed]).catchUp();
      expect(await store.status('fragile')).toEqual({ position: 4, version: 2 });
      expect(await store.get('fragile', 'all')).toEqual({ seen: [1, 2, 3, 4] });
    });

    it.each([
      ['a BigInt', () => ({ big: 1n }), /document "doc"\.big is a bigint/],
      ['undefined', () => undefined, /apply returned undefined/],
      ['a Date', () => ({ at: new Date(0) }), /document "doc"\.at is a Date, not plain JSON data/],
      ['NaN', () => ({ list: [1, NaN] }), /document "doc"\.list\[1\] is NaN/],
      ['undefined in an array', () => ({ list: [undefined] }), /list\[0\] is undefined/],
      ['a function', () => ({ f: () => 1 }), /\.f is a function/],
      [
        'a cycle',
        () => {
          const loop: Record<string, unknown> = { inner: {} };
          (loop.inner as Record<string, unknown>).back = loop;
          return loop;
        },
        /contains itself/,
      ],
    ])('stops at the event whose document is %s, even if a later event replaces it', async (_what, bad, message) => {
      for (let i = 1; i <= 5; i++) await count('a', 1, { bad: i === 3 });
      const broken: DocumentProjection = {
        name: 'broken',
        version: 1,
        keysOf: () => ['doc'],
        apply: (doc, event) => (event.data.bad ? bad() : { n: ((doc as { n: number } | null)?.n ?? 0) + 1 }),
      };
      await runner([broken, counter]).catchUp();
      expect(await store.status('broken')).toEqual({
        position: 2,
        version: 1,
        failedAt: { position: 3, error: expect.stringMatching(message) },
      });
      expect(await store.get('broken', 'doc')).toEqual({ n: 2 });
      expect(await store.get('counter', 'a')).toMatchObject({ count: 5 });
    });

    it('accepts plain data: undefined properties (dropped), null-prototype objects, shared frozen parts', async () => {
      await count('a', 1, { nested: { deep: [1, 2] } });
      await count('a', 2);
      const plain: DocumentProjection = {
        name: 'plain',
        version: 1,
        keysOf: () => ['doc'],
        apply: (doc, event) => {
          const bag = Object.create(null) as Record<string, unknown>;
          bag.position = event.position;
          return { previous: doc, data: event.data, bag, note: undefined };
        },
      };
      await runner([plain]).catchUp();
      expect(await store.status('plain')).toEqual({ position: 2, version: 1 });
      expect(await store.get('plain', 'doc')).toEqual({
        previous: { previous: null, data: { group: 'a', amount: 1, nested: { deep: [1, 2] } }, bag: { position: 1 } },
        data: { group: 'a', amount: 2 },
        bag: { position: 2 },
      });
    });

    it('stops when it mutates its document or the event instead of returning a new one', async () => {
      await count('a');
      await count('a');
      const mutating: DocumentProjection<{ n: number }> = {
        name: 'mutating',
        version: 1,
        keysOf: () => ['doc'],
        apply: (doc) => {
          if (doc) {
            doc.n++;
            return doc;
          }
          return { n: 1 };
        },
      };
      const eventMutating: DocumentProjection = {
        name: 'event-mutating',
        version: 1,
        keysOf: () => ['doc'],
        apply: (_doc, event) => {
          event.data.group = 'changed';
          return {};
        },
      };
      await runner([mutating, eventMutating, counter]).catchUp();
      expect((await store.status('mutating'))?.failedAt).toMatchObject({ position: 2 });
      expect((await store.status('event-mutating'))?.failedAt).toMatchObject({ position: 1 });
      // The counter, which saw the same event objects, was not affected.
      expect(await store.get('counter', 'a')).toMatchObject({ count: 2 });
    });

    it('stops when keysOf throws or returns something other than keys', async () => {
      await count('a');
      const badKeys: DocumentProjection = { name: 'bad-keys', version: 1, keysOf: () => [''], apply: () => ({}) };
      await runner([badKeys]).catchUp();
      expect((await store.status('bad-keys'))?.failedAt?.error).toMatch(/keys are non-empty strings/);
    });
  });

  describe('versions', () => {
    it('wipes and replays a read model from position 0 when the projection version changes', async () => {
      await count('a', 1);
      await count('b', 2);
      await runner([counter]).catchUp();
      await count('a', 3);
      const v2: DocumentProjection<{ doubled: number }> = {
        name: 'counter',
        version: 2,
        keysOf: (event) => [`v2:${String(event.data.group)}`],
        apply: (doc, event) => ({ doubled: (doc?.doubled ?? 0) + 2 * Number(event.data.amount) }),
      };
      const projections = runner([v2]);
      expect(await projections.status()).toEqual([{ name: 'counter', version: 2, position: 0, lag: 3 }]);
      await projections.catchUp();
      expect(await store.dump('counter')).toEqual([
        { key: 'v2:a', doc: { doubled: 8 } },
        { key: 'v2:b', doc: { doubled: 4 } },
      ]);
      expect(await store.checkpoint('counter')).toEqual({ position: 3, version: 2 });
      expect(logged.some((l) => l.level === 'warn' && /version 1, this is version 2/.test(l.message))).toBe(true);
    });

    it('rejects duplicate names and bad versions or options', () => {
      expect(() => runner([counter, counter])).toThrow(/two projections are named counter/);
      expect(() => runner([{ ...counter, version: 1.5 }])).toThrow(/version/);
      expect(() => runner([counter], { batchSize: 0 })).toThrow(/batchSize/);
    });
  });

  describe('concurrent catch-ups', () => {
    it('never overlap, and a call made during a run waits for a run that sees its append', async () => {
      for (let i = 0; i < 20; i++) await count('a');
      store.beforeCommit = () => sleep(2);
      const projections = runner([counter, tally], { batchSize: 5 });
      const first = projections.catchUp();
      await sleep(1);
      const position = await count('a');
      // Read-your-writes: the write path appends, then awaits a catch-up.
      const second = projections.catchUp();
      const third = projections.catchUp();
      expect(third).toBe(second);
      await second;
      expect(await store.get('counter', 'a')).toMatchObject({ count: 21, last: position });
      await first;
      await Promise.all(Array.from({ length: 10 }, () => projections.catchUp()));
      expect(store.maxCommitsInFlight).toBe(1);
      expect(await store.get('tally', 'all')).toMatchObject({ events: 21 });
      expect(logged.filter((l) => l.level !== 'log')).toEqual([]);
    });

    it('serialises rebuilds with catch-ups', async () => {
      for (let i = 0; i < 30; i++) await count(`g${i % 4}`);
      store.beforeCommit = () => sleep(1);
      const projections = runner([counter], { batchSize: 4 });
      await Promise.all([projections.catchUp(), projections.rebuild(), projections.catchUp(), projections.rebuild()]);
      expect(store.maxCommitsInFlight).toBe(1);
      const docs = await store.dump('counter');
      expect(docs.reduce((sum, { doc }) => sum + (doc as Count).count, 0)).toBe(30);
    });
  });

  describe('rebuild', () => {
    /** A few hundred random events, projected live in small, irregular steps. */
    async function randomHistory(projections: ProjectionRunner): Promise<void> {
      const next = random(42);
      for (let i = 0; i < 300; i++) {
        const group = `g${Math.floor(next() * 12)}`;
        const roll = next();
        if (roll < 0.1) await remove(group);
        else if (roll < 0.2) await events.append('noise', [newEvent('Noise', { i })], 'any');
        else if (roll < 0.25) {
          await events.append(
            `group-${group}`,
            [newEvent('Counted', { group, amount: i }), newEvent('Counted', { group, amount: 1 })],
            'any',
          );
        } else await count(group, Math.floor(next() * 1000));
        if (next() < 0.3) await projections.catchUp();
      }
      await projections.catchUp();
    }

    it('keeps only the few documents touched last between the batches of a rebuild', async () => {
      // Batches of two events over two groups more than a rebuild keeps, in turn, twice.
      const groups = REBUILD_CACHED_DOCUMENTS + 2;
      for (let i = 0; i < 2 * groups; i++) await count(`g${i % groups}`, i);
      const live = runner([counter], { batchSize: 2 });
      await live.catchUp();
      const expected = await store.dump('counter');
      // A catch-up keeps them all between its batches: each is loaded once.
      expect(store.gets).toBe(groups);

      store.gets = 0;
      await runner([counter], { rebuildBatchSize: 2 }).rebuild();
      expect(await store.dump('counter')).toEqual(expected);
      // The rebuild keeps fewer: by the time a group comes back, the groups in between pushed it
      // out, so every batch loads its two documents again.
      expect(store.gets).toBe(2 * groups);

      // Over as many documents as it keeps, those kept are all it needs.
      store.gets = 0;
      const fewer: DocumentProjection<Count> = {
        ...counter,
        keysOf: (event) => (event.type === 'Counted' ? [`m${event.position % REBUILD_CACHED_DOCUMENTS}`] : []),
      };
      await runner([fewer], { rebuildBatchSize: 2 }).rebuild();
      expect(store.gets).toBe(REBUILD_CACHED_DOCUMENTS);
    });

    it('rebuild equals live after a few hundred random events, with progress', async () => {
      const live = runner([counter, tally], { batchSize: 7 });
      await randomHistory(live);
      const before = { counter: await store.dump('counter'), tally: await store.dump('tally') };
      expect(before.counter.length).toBeGreaterThan(0);
      const last = await events.lastPosition();
      expect(last).toBeGreaterThan(300);

      const progress: ProjectionProgress[] = [];
      await runner([counter, tally], { batchSize: 64 }).rebuild((p) => progress.push(p));
      expect({ counter: await store.dump('counter'), tally: await store.dump('tally') }).toEqual(before);
      expect(progress[0]).toEqual({ done: 0, total: last });
      expect(progress[progress.length - 1]).toEqual({ done: last, total: last });
      expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
      expect(await store.checkpoint('tally')).toEqual({ position: last, version: 1 });

      const check = await checkRebuildEqualsLive(events, store, [counter, tally], { logger: quietLogger() });
      expect(check.ok).toBe(true);
      expect(check.projections.map((p) => [p.name, p.livePosition, p.differenceCount])).toEqual([
        ['counter', last, 0],
        ['tally', last, 0],
      ]);
    });

    it('the rebuild-equals-live check reports a tampered document and a failure at a different event', async () => {
      for (let i = 1; i <= 5; i++) await count(`g${i % 2}`, i);
      await runner([counter]).catchUp();
      await store.inner.reset('counter');
      await store.inner.commit(
        'counter',
        1,
        [
          { key: 'g0', doc: { count: 99, total: 0, last: 0 } },
          { key: 'x', doc: 1 },
        ],
        5,
      );
      const check = await checkRebuildEqualsLive(events, store, [counter], { logger: quietLogger() });
      expect(check.ok).toBe(false);
      expect(check.projections[0]).toMatchObject({
        name: 'counter',
        ok: false,
        differenceCount: 3,
        differences: [
          { key: 'g0', live: { count: 99 }, rebuilt: { count: 2 } },
          { key: 'g1', rebuilt: { count: 3 } },
          { key: 'x', live: 1 },
        ],
      });
      const fresh = new MemoryReadStore();
      await fresh.recordFailure('counter', { position: 3, error: 'x', version: 1 });
      expect((await compareReadModels(['counter'], fresh, new MemoryReadStore()))[0]).toMatchObject({
        ok: false,
        differenceCount: 0,
        liveFailedAt: { position: 3 },
      });
    });
  });

  describe('live loop and waitFor', () => {
    it('waitFor resolves true once reached, false on timeout, and ignores failed projections', async () => {
      const projections = runner([counter, fragile()]);
      expect(await projections.waitFor(0, 0)).toBe(true);
      await count('a', 1, { poison: true });
      expect(await projections.waitFor(1, 30)).toBe(false);
      await projections.catchUp();
      // fragile failed at 1: only counter counts.
      expect(await projections.waitFor(1, 0)).toBe(true);
      expect(await projections.waitFor(2, 20)).toBe(false);
    });

    it('the live loop picks up appends by itself, and waitFor wakes on its commits', async () => {
      const projections = runner([counter, tally]);
      projections.start();
      projections.start();
      const position = await count('a', 5);
      expect(await projections.waitFor(position, 2000)).toBe(true);
      expect(await store.get('counter', 'a')).toMatchObject({ count: 1, total: 5 });
      await projections.stop();
      const later = await count('a', 5);
      expect(await projections.waitFor(later, 50)).toBe(false);
      projections.start();
      expect(await projections.waitFor(later, 2000)).toBe(true);
    });

    it('waitFor sees another runner (the projector process) advance the read models', async () => {
      const api = runner([counter, tally], {}, new SpyReadStore(fixture.reopen()));
      const projector = runner([counter, tally]);
      const position = await count('a');
      const waiting = api.waitFor(position, 2000);
      await sleep(10);
      await projector.catchUp();
      expect(await waiting).toBe(true);
    });

    it('keeps the live loop going when a catch-up fails', async () => {
      let failures = 1;
      store.beforeCommit = () => {
        if (failures-- > 0) throw new Error('database is locked');
      };
      const projections = runner([counter]);
      const position = await count('a');
      projections.start();
      expect(await projections.waitFor(position, 2000)).toBe(true);
      expect(logged.some((l) => l.level === 'error' && /catch-up failed.*database is locked/.test(l.message))).toBe(
        true,
      );
    });
  });
});
