import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import ts from 'typescript';
import { createEventStore } from '../create-event-store.js';
import { describeEventStoreContract, eventually, newEvent } from '../event-store.contract.js';
import { DuplicateIdempotencyKeyError, WrongExpectedRevisionError, type EventStore } from '../event-store.port.js';
import { computeHash } from '../hash-chain.js';
import { MemoryEventStore } from '../memory/memory-event-store.js';
import { EventStoreIntegrityError, SqliteEventStore } from './sqlite-event-store.js';

const tempDirs: string[] = [];

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-event-store-'));
  tempDirs.push(dir);
  // A missing parent directory: open() must create it.
  return join(dir, 'nested', 'events.db');
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describeEventStoreContract('sqlite', () => {
  const path = tempFile();
  let current = SqliteEventStore.open(path, { pollIntervalMs: 20 });
  return Promise.resolve({
    store: current,
    reopen: async () => {
      await current.close();
      current = SqliteEventStore.open(path, { pollIntervalMs: 20 });
      return current;
    },
    cleanup: () => current.close(),
  });
});

describe('SqliteEventStore', () => {
  let path: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    path = tempFile();
    store = SqliteEventStore.open(path, { pollIntervalMs: 20 });
  });

  afterEach(async () => {
    await store.close();
  });

  /** A raw connection, as an attacker with write access to the file would have. */
  function raw<T>(work: (db: Database.Database) => T): T {
    const db = new Database(path);
    try {
      return work(db);
    } finally {
      db.close();
    }
  }

  /** a: positions 1, 3; b: positions 2, 4. */
  async function twoInterleavedStreams(): Promise<void> {
    await store.append('a', [newEvent('E', { amount: 1 })], 'no_stream');
    await store.append('b', [newEvent('E', { amount: 2 })], 'no_stream');
    await store.append('a', [newEvent('E', { amount: 3 })], 0);
    await store.append('b', [newEvent('E', { amount: 4 })], 0);
  }

  describe('file format', () => {
    it('reads metadata back in its stored key order, with prevHash and hash last (audit answers keep their bytes)', async () => {
      await store.append('a', [newEvent('E', {}, { idempotencyKey: 'k', route: 'POST /x' })], 'any');
      const stored = raw((db) => db.prepare('SELECT metadata, prev_hash, hash FROM events').get()) as {
        metadata: string;
        prev_hash: string;
        hash: string;
      };
      const expected = { ...(JSON.parse(stored.metadata) as object), prevHash: stored.prev_hash, hash: stored.hash };
      for (const event of [...(await store.readAll()), ...(await store.readStream('a'))]) {
        expect(JSON.stringify(event.metadata)).toBe(JSON.stringify(expected));
      }
    });

    it('uses WAL, keeps data and metadata as readable JSON text, and the global chain', async () => {
      await store.append('a', [newEvent('E', { note: 'hello' }, { idempotencyKey: 'k', route: 'POST /x' })], 'any');
      const row = raw((db) => {
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        return db
          .prepare(
            `SELECT typeof(data) AS dataType, data, metadata, prev_hash, hash, global_prev_hash, global_hash,
                    idempotency_scope FROM events`,
          )
          .get() as Record<string, string>;
      });
      expect(row.dataType).toBe('text');
      expect(JSON.parse(row.data)).toEqual({ note: 'hello' });
      expect(JSON.parse(row.metadata)).toMatchObject({ recordedBy: 'alice', idempotencyKey: 'k' });
      expect(row.idempotency_scope).toBe('alice\nPOST /x\nk');
      expect(row.global_prev_hash).toBe('0'.repeat(64));
      expect(row.global_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.global_hash).not.toBe(row.hash);
    });

    it('rejects UPDATE and DELETE on events', async () => {
      await store.append('a', [newEvent('E')], 'no_stream');
      raw((db) => {
        expect(() => db.prepare("UPDATE events SET type = 'X'").run()).toThrow(/events are immutable/);
        expect(() => db.prepare('DELETE FROM events').run()).toThrow(/events are immutable/);
      });
      expect(await store.verify()).toMatchObject({ ok: true, events: 1 });
    });

    it('refuses a file written by a newer schema', async () => {
      await store.close();
      raw((db) => db.pragma('user_version = 99'));
      expect(() => SqliteEventStore.open(path)).toThrow(/schema 99/);
      raw((db) => db.pragma('user_version = 1'));
      store = SqliteEventStore.open(path);
    });
  });

  describe('verify detects tampering', () => {
    it('a changed byte in one event’s data, reporting its stream and revision', async () => {
      await twoInterleavedStreams();
      raw((db) => {
        db.exec('DROP TRIGGER events_no_update');
        db.prepare("UPDATE events SET data = replace(data, '3', '9') WHERE position = 3").run();
      });
      expect((await store.readStream('a'))[1].data).toEqual({ amount: 9 });
      expect(await store.verify()).toEqual({
        ok: false,
        streams: 2,
        events: 4,
        firstBroken: { stream: 'a', revision: 1, position: 3, reason: 'hash mismatch' },
      });
    });

    it('a row that is no longer JSON', async () => {
      await twoInterleavedStreams();
      raw((db) => {
        db.exec('DROP TRIGGER events_no_update');
        db.prepare("UPDATE events SET data = '{' WHERE position = 2").run();
      });
      expect(await store.verify()).toMatchObject({
        ok: false,
        events: 4,
        firstBroken: { stream: 'b', revision: 0, position: 2, reason: expect.stringMatching(/^unreadable row/) },
      });
    });

    it('a deleted row, at the first row after the hole', async () => {
      await twoInterleavedStreams();
      raw((db) => {
        db.exec('DROP TRIGGER events_no_delete');
        db.prepare('DELETE FROM events WHERE position = 2').run();
      });
      expect(await store.verify()).toEqual({
        ok: false,
        streams: 2,
        events: 3,
        firstBroken: { stream: 'a', revision: 1, position: 3, reason: 'global chain does not link to position 1' },
      });
    });

    it('two rows of different streams swapped', async () => {
      await twoInterleavedStreams();
      raw((db) => swapPositions(db, 2, 3));
      expect(await store.verify()).toMatchObject({
        ok: false,
        firstBroken: { stream: 'a', revision: 1, position: 2, reason: 'global chain does not link to position 1' },
      });
    });

    it('two rows of one stream swapped', async () => {
      await twoInterleavedStreams();
      raw((db) => swapPositions(db, 1, 3));
      expect(await store.verify()).toMatchObject({
        ok: false,
        firstBroken: { stream: 'a', revision: 1, position: 1, reason: 'revision gap: expected 0, found 1' },
      });
    });

    it('an event re-hashed by the attacker, through the next link of its stream', async () => {
      await twoInterleavedStreams();
      const [first] = await store.readStream('a');
      const forged = { ...first, data: { amount: 100 } };
      raw((db) => {
        db.exec('DROP TRIGGER events_no_update');
        db.prepare('UPDATE events SET data = ?, hash = ? WHERE position = 1').run(
          JSON.stringify(forged.data),
          computeHash(forged.prevHash, forged),
        );
      });
      // The row itself now hashes correctly; the global chain (and the stream's next link) do not.
      const report = await store.verify();
      expect(report.ok).toBe(false);
      expect(report.firstBroken).toMatchObject({ position: 1, reason: 'global hash mismatch' });
    });

    it('opens a tampered file and reports it, unless asked to refuse with verifyOnOpen', async () => {
      await twoInterleavedStreams();
      await store.close();
      raw((db) => {
        db.exec('DROP TRIGGER events_no_update');
        db.prepare("UPDATE events SET type = 'Forged' WHERE position = 4").run();
      });
      expect(() => SqliteEventStore.open(path, { verifyOnOpen: true })).toThrow(EventStoreIntegrityError);
      expect(() => SqliteEventStore.open(path, { verifyOnOpen: true })).toThrow(
        /stream b revision 1 \(position 4\): hash mismatch/,
      );
      store = SqliteEventStore.open(path);
      expect((await store.verify()).firstBroken).toEqual({
        stream: 'b',
        revision: 1,
        position: 4,
        reason: 'hash mismatch',
      });
    });

    it('opens a good file with verifyOnOpen', async () => {
      await twoInterleavedStreams();
      await store.close();
      store = SqliteEventStore.open(path, { verifyOnOpen: true });
      expect(await store.lastPosition()).toBe(4);
    });

    it('verifies a log longer than one page', async () => {
      for (let i = 0; i < 5; i++) {
        await store.append(
          `s-${i}`,
          Array.from({ length: 1000 }, (_, n) => newEvent('E', { n })),
          'no_stream',
        );
      }
      expect(await store.verify()).toEqual({ ok: true, streams: 5, events: 5000 });
    });
  });

  describe('two instances on one file', () => {
    let other: SqliteEventStore;

    beforeEach(() => {
      other = SqliteEventStore.open(path, { pollIntervalMs: 20 });
    });

    afterEach(async () => {
      await other.close();
    });

    it('lets exactly one of racing appends with the same expected revision win', async () => {
      await store.append('s', [newEvent('Start')], 'no_stream');
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? store : other).append('s', [newEvent('Racer', { i })], 0)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await other.readStream('s')).toEqual(await store.readStream('s'));
      expect(await other.verify()).toEqual({ ok: true, streams: 1, events: 2 });
    });

    it("answers a stream's head with the other instance's appends from the next turn of the event loop", async () => {
      const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
      await store.append('s', [newEvent('Mine')], 'no_stream');
      expect(await store.streamHead('s')).toMatchObject({ revision: 0 });
      expect(await store.streamHead('t')).toBeUndefined();
      const theirs = await other.append('s', [newEvent('Theirs')], 0);
      await other.append('t', [newEvent('New')], 'no_stream');
      await nextTurn();
      expect(await store.streamHead('s')).toEqual({ revision: 1, hash: theirs.events[0].hash });
      expect(await store.streamHead('t')).toMatchObject({ revision: 0 });
      // Its own appends it knows at once, as the contract says.
      const mine = await store.append('s', [newEvent('Mine again')], 1);
      expect(await store.streamHead('s')).toEqual({ revision: 2, hash: mine.events[0].hash });
      expect(await other.streamHead('s')).toEqual({ revision: 2, hash: mine.events[0].hash });
    });

    it('shares idempotency keys', async () => {
      const keyed = newEvent('E', {}, { idempotencyKey: 'k', route: 'r' });
      const { events } = await store.append('s', [keyed], 'no_stream');
      await expect(other.append('t', [keyed], 'no_stream')).rejects.toBeInstanceOf(DuplicateIdempotencyKeyError);
      expect(await other.findByIdempotencyKey('alice', 'r', 'k')).toEqual(events);
    });

    it('delivers appends made through the other instance to a subscription, by polling', async () => {
      const seen: number[] = [];
      const subscription = store.subscribe(0, (event) => {
        seen.push(event.position);
      });
      await other.append('s', [newEvent('E')], 'no_stream');
      await other.append('s', [newEvent('E'), newEvent('E')], 0);
      await eventually(() => seen.length === 3);
      expect(seen).toEqual([1, 2, 3]);
      await subscription.close();
    });
  });

  describe('group commit', () => {
    it('commits concurrent appends together, each checked on its own, each durable when it resolves', async () => {
      await store.append('s', [newEvent('Start')], 'no_stream');
      const other = SqliteEventStore.open(path);
      try {
        const appends = [
          store.append('a', [newEvent('A')], 'no_stream'),
          store.append('s', [newEvent('Stale')], 5),
          store.append('b', [newEvent('B1'), newEvent('B2')], 'no_stream'),
          store.append('s', [newEvent('Next')], 0),
          store.append('c', [newEvent('Bad', { n: 1n })], 'no_stream'),
        ];
        const settled = await Promise.allSettled(appends);
        expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'rejected']);
        expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect((settled[4] as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
        // Another connection sees every acknowledged append: they were committed before resolving.
        expect((await other.readAll()).map((e) => e.type)).toEqual(['Start', 'A', 'B1', 'B2', 'Next']);
        expect(await other.verify()).toEqual({ ok: true, streams: 3, events: 5 });
      } finally {
        await other.close();
      }
    });

    it('commits appends still queued when the store is closed', async () => {
      const pending = store.append('s', [newEvent('Last')], 'no_stream');
      await store.close();
      await expect(pending).resolves.toMatchObject({ revision: 0 });
      store = SqliteEventStore.open(path);
      expect((await store.readAll()).map((e) => e.type)).toEqual(['Last']);
    });
  });

  describe('batch', () => {
    it('commits once at the end: another connection sees nothing before, everything after', async () => {
      const other = SqliteEventStore.open(path, { pollIntervalMs: 20 });
      try {
        const seen: string[] = [];
        const subscription = store.subscribe(0, (event) => {
          seen.push(event.type);
        });
        await store.batch(async () => {
          await store.append('s', [newEvent('E0')], 'no_stream');
          await store.append('t', [newEvent('E1')], 'no_stream');
          await new Promise((resolve) => setTimeout(resolve, 60));
          expect(await other.lastPosition()).toBe(0);
          expect(seen).toEqual([]);
        });
        expect(await other.lastPosition()).toBe(2);
        await eventually(() => seen.length === 2);
        expect(seen).toEqual(['E0', 'E1']);
        await subscription.close();
      } finally {
        await other.close();
      }
    });

    it('leaves nothing of a batch whose work rejects', async () => {
      await store.append('s', [newEvent('Before')], 'no_stream');
      await expect(
        store.batch(async () => {
          await store.append('s', [newEvent('Inside')], 0);
          throw new Error('stopped');
        }),
      ).rejects.toThrow('stopped');
      expect((await store.readAll()).map((e) => e.type)).toEqual(['Before']);
      expect((await store.append('s', [newEvent('After')], 0)).position).toBe(2);
    });

    it('answers heads after a batch from what it committed, and from the file after one that rolled back', async () => {
      await store.append('s', [newEvent('Before')], 'no_stream');
      expect(await store.streamHead('s')).toMatchObject({ revision: 0 });
      await expect(
        store.batch(async () => {
          await store.append('s', [newEvent('Inside')], 0);
          throw new Error('stopped');
        }),
      ).rejects.toThrow('stopped');
      expect(await store.streamHead('s')).toMatchObject({ revision: 0 });
      const kept = await store.batch(() => store.append('s', [newEvent('Kept')], 0));
      expect(await store.streamHead('s')).toEqual({ revision: 1, hash: kept.events[0].hash });
      raw((db) =>
        expect(db.prepare("SELECT max(revision) AS r FROM events WHERE stream = 's'").get()).toEqual({ r: 1 }),
      );
    });

    it('undoes an append that SQLite itself refuses at an insert, alone, of one event or several', async () => {
      // Matched by message: better-sqlite3's error class comes from the realm of the first test
      // file of the Jest worker that loaded the addon, so `toThrow` may not take it for an Error.
      const POISONED = { message: expect.stringContaining('poisoned') as unknown };
      // A constraint the store does not check before inserting: the insert is where it fails.
      raw((db) =>
        db.exec(`CREATE TRIGGER refuse_poison BEFORE INSERT ON events WHEN NEW.type = 'Poison'
                 BEGIN SELECT RAISE(ABORT, 'poisoned'); END`),
      );
      await store.append('s', [newEvent('Before')], 'no_stream');
      await store.batch(async () => {
        await store.append('s', [newEvent('S1')], 0);
        await expect(store.append('s', [newEvent('Poison')], 1)).rejects.toMatchObject(POISONED);
        await expect(store.append('s', [newEvent('S2'), newEvent('Poison')], 1)).rejects.toMatchObject(POISONED);
        await expect(
          store.append(
            't',
            [newEvent('T0', {}, { idempotencyKey: 'k', route: 'POST /t' }), newEvent('Poison')],
            'no_stream',
          ),
        ).rejects.toMatchObject(POISONED);
        // The refused appends moved neither the head, nor the end of the log, nor used the key.
        expect(await store.streamHead('s')).toMatchObject({ revision: 1 });
        expect(await store.streamHead('t')).toBeUndefined();
        expect(await store.lastPosition()).toBe(2);
        expect(await store.findByIdempotencyKey('alice', 'POST /t', 'k')).toEqual([]);
        await store.append('s', [newEvent('S2')], 1);
        await store.append('t', [newEvent('T0', {}, { idempotencyKey: 'k', route: 'POST /t' })], 'no_stream');
      });
      expect((await store.readAll()).map((e) => [e.position, e.stream, e.revision, e.type])).toEqual([
        [1, 's', 0, 'Before'],
        [2, 's', 1, 'S1'],
        [3, 's', 2, 'S2'],
        [4, 't', 0, 'T0'],
      ]);
      expect(await store.verify()).toEqual({ ok: true, streams: 2, events: 4 });
      expect(await store.findByIdempotencyKey('alice', 'POST /t', 'k')).toHaveLength(1);
    });

    it("answers heads, the end of the log and used keys from the batch's own appends, and forgets them after a rollback", async () => {
      await store.append('s', [newEvent('S0')], 'no_stream');
      const key = { idempotencyKey: 'k', route: 'POST /s' };
      await expect(
        store.batch(async () => {
          expect(await store.findByIdempotencyKey('alice', 'POST /s', 'k')).toEqual([]);
          const appended = await store.append('s', [newEvent('S1', {}, key)], 0);
          expect(await store.streamHead('s')).toEqual({ revision: 1, hash: appended.events[0].hash });
          expect(await store.lastPosition()).toBe(2);
          // Looked up before the append, used by it: a second use is still refused.
          await expect(store.append('s', [newEvent('S2', {}, key)], 1)).rejects.toThrow(DuplicateIdempotencyKeyError);
          throw new Error('stopped');
        }),
      ).rejects.toThrow('stopped');
      await store.batch(async () => {
        expect(await store.streamHead('s')).toMatchObject({ revision: 0 });
        expect(await store.lastPosition()).toBe(1);
        expect(await store.findByIdempotencyKey('alice', 'POST /s', 'k')).toEqual([]);
        await expect(store.append('s', [newEvent('S1')], 1)).rejects.toThrow(WrongExpectedRevisionError);
        await store.append('s', [newEvent('S1', {}, key)], 0);
      });
      expect(await store.verify()).toEqual({ ok: true, streams: 1, events: 2 });
    });
  });

  describe('separate threads on one file', () => {
    it('serialise their appends: one winner per race, no lost or duplicated revisions', async () => {
      const dir = compileForWorkers();
      await store.append('seed', [newEvent('Seed')], 'no_stream');
      const workers = 4;
      const rounds = 15;
      const shared = new Int32Array(new SharedArrayBuffer(4 * (rounds + 1)));
      const threads = Array.from(
        { length: workers },
        (_, id) =>
          new Worker(join(dir, 'event-store', 'race-worker.mjs'), {
            workerData: { path, id, workers, rounds, shared },
          }),
      );
      let results: { won: number[] }[];
      try {
        results = await Promise.all(
          threads.map(
            (thread) =>
              new Promise<{ won: number[] }>((resolve, reject) => {
                thread.once('message', resolve);
                thread.once('error', reject);
              }),
          ),
        );
      } finally {
        // One failed worker must not leave the others waiting at a barrier.
        await Promise.all(threads.map((thread) => thread.terminate()));
      }
      for (let round = 0; round < rounds; round++) {
        expect(results.filter((r) => r.won.includes(round))).toHaveLength(1);
      }
      const fresh = SqliteEventStore.open(path);
      try {
        const any = await fresh.readStream('any');
        expect(any.map((e) => e.revision)).toEqual(Array.from({ length: workers * 10 }, (_, i) => i));
        expect(await fresh.verify()).toEqual({ ok: true, streams: rounds + 2, events: 1 + rounds + workers * 10 });
      } finally {
        await fresh.close();
      }
    }, 30_000);
  });
});

describe('createEventStore', () => {
  const stores: EventStore[] = [];
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  it('opens sqlite:<path> with a relative or an absolute path', async () => {
    const absolute = tempFile();
    const a = await createEventStore(`sqlite:${absolute}`);
    stores.push(a);
    expect(a).toBeInstanceOf(SqliteEventStore);
    await a.append('s', [newEvent('E')], 'no_stream');
    expect(existsSync(absolute)).toBe(true);

    const second = join(dirname(absolute), 'relative', 'events.db');
    const b = await createEventStore(`sqlite:${relative(process.cwd(), second)}`);
    stores.push(b);
    await b.append('s', [newEvent('E')], 'no_stream');
    expect(existsSync(second)).toBe(true);
  });

  it('makes a memory store for memory:', async () => {
    expect(await createEventStore('memory:')).toBeInstanceOf(MemoryEventStore);
  });

  it('names the supported schemes when the URL is not one of them', async () => {
    await expect(createEventStore('postgres://localhost/x')).rejects.toThrow(/sqlite:<path>.*memory:/);
    await expect(createEventStore('sqlite:')).rejects.toThrow(/needs a file path/);
  });
});

/** Moves the row at position `a` to `b` and back, as an attacker reordering history would. */
function swapPositions(db: Database.Database, a: number, b: number): void {
  db.exec('DROP TRIGGER events_no_update');
  const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
  move.run(-1, a);
  move.run(a, b);
  move.run(b, -1);
}

/**
 * Worker threads cannot load TypeScript, so the store is transpiled into a temporary directory
 * that resolves packages from this project's node_modules.
 */
function compileForWorkers(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-event-store-workers-'));
  tempDirs.push(dir);
  const root = join(process.cwd(), 'src');
  for (const file of [
    'shared/canonical-json.ts',
    'shared/lru-map.ts',
    'shared/other-commits.ts',
    'event-store/event-store.port.ts',
    'event-store/hash-chain.ts',
    'event-store/catch-up-subscription.ts',
    'event-store/store-rules.ts',
    'event-store/sqlite/sqlite-event-store.ts',
  ]) {
    const { outputText } = ts.transpileModule(readFileSync(join(root, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const out = join(dir, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'event-store', 'race-worker.mjs'), RACE_WORKER);
  return dir;
}

// Each round: all workers meet at a barrier, then append to a fresh stream with 'no_stream'.
// Between rounds each appends with 'any' to a shared stream.
const RACE_WORKER = `
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';
import { WrongExpectedRevisionError } from './event-store.port.js';

const { path, id, workers, rounds, shared } = workerData;
const store = SqliteEventStore.open(path);
const meta = { recordedAt: 'now', recordedBy: 'w' + id, correlationId: 'c', causationId: 'c', schemaVersion: 1 };
function barrier(slot) {
  Atomics.add(shared, slot, 1);
  Atomics.notify(shared, slot);
  for (let seen, waited = 0; (seen = Atomics.load(shared, slot)) < workers; waited += 100) {
    if (waited > 10000) throw new Error('barrier timed out');
    Atomics.wait(shared, slot, seen, 100);
  }
}
const won = [];
for (let round = 0; round < rounds; round++) {
  barrier(round);
  try {
    await store.append('race-' + round, [{ type: 'Won', data: { id }, metadata: meta }], 'no_stream');
    won.push(round);
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
  }
  if (round < 10) {
    await store.append('any', [{ type: 'Any', data: { id, round }, metadata: meta }], 'any');
  }
}
await store.close();
parentPort.postMessage({ won });
`;
