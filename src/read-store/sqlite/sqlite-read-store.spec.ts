import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { newEvent } from '../../event-store/event-store.contract.js';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store.js';
import { createReadStore } from '../create-read-store.js';
import { describeReadStoreContract } from '../read-store.contract.js';
import type { ReadStore } from '../read-store.port.js';
import { BACKGROUND_CHECKPOINTS_AFTER, PAGE_SIZE, SqliteReadStore } from './sqlite-read-store.js';

const tempDirs: string[] = [];

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-read-store-'));
  tempDirs.push(dir);
  // A missing parent directory: open() must create it.
  return join(dir, 'nested', 'read-models.db');
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describeReadStoreContract('sqlite', () => {
  const path = tempFile();
  let current = SqliteReadStore.open(path);
  return Promise.resolve({
    store: current,
    reopen: async () => {
      await current.close();
      current = SqliteReadStore.open(path);
      return current;
    },
    cleanup: () => current.close(),
  });
});

describeReadStoreContract('sqlite :memory:', () => {
  const store = SqliteReadStore.open(':memory:');
  return Promise.resolve({ store, cleanup: () => store.close() });
});

describe('SqliteReadStore', () => {
  let path: string;
  let store: SqliteReadStore;

  beforeEach(() => {
    path = tempFile();
    store = SqliteReadStore.open(path);
  });

  afterEach(async () => {
    await store.close();
  });

  function raw<T>(work: (db: Database.Database) => T): T {
    const db = new Database(path);
    try {
      return work(db);
    } finally {
      db.close();
    }
  }

  it('uses WAL and keeps documents as readable JSON text', async () => {
    await store.commit('companies', 1, [{ key: 'alibaba', doc: { name: 'Alibaba' } }], 3);
    const row = raw((db) => {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      return db.prepare('SELECT typeof(doc) AS type, doc FROM documents').get() as { type: string; doc: string };
    });
    expect(row).toEqual({ type: 'text', doc: '{"name":"Alibaba"}' });
    expect(raw((db) => db.prepare('SELECT * FROM checkpoints').all())).toEqual([
      { projection: 'companies', position: 3, version: 1, failed_position: null, failed_error: null },
    ]);
  });

  it('makes new files with 16 KiB pages and leaves an existing file’s page size alone', async () => {
    await store.commit('p', 1, [{ key: 'a', doc: 1 }], 1);
    expect(raw((db) => db.pragma('page_size', { simple: true }))).toBe(PAGE_SIZE);
    const older = join(dirname(path), 'older.db');
    const db = new Database(older);
    db.pragma('page_size = 4096');
    db.exec('CREATE TABLE t (x)');
    db.close();
    const reopened = SqliteReadStore.open(older);
    await reopened.commit('p', 1, [{ key: 'a', doc: 1 }], 1);
    expect(await reopened.get('p', 'a')).toBe(1);
    await reopened.close();
    const check = new Database(older);
    expect(check.pragma('page_size', { simple: true })).toBe(4096);
    check.close();
  });

  it('lets a second instance on the same file read commits and refuse replays', async () => {
    const other = SqliteReadStore.open(path);
    try {
      await store.commit('p', 1, [{ key: 'a', doc: 1 }], 5);
      expect(await other.get('p', 'a')).toBe(1);
      await expect(other.commit('p', 1, [{ key: 'a', doc: 2 }], 5)).rejects.toMatchObject({
        name: 'CheckpointConflictError',
      });
      expect(await store.get('p', 'a')).toBe(1);
    } finally {
      await other.close();
    }
  });

  it("sees another instance's commits, resets and failures from its next turn of the event loop, its own at once", async () => {
    const other = SqliteReadStore.open(path);
    // Another connection's commit reaches a server in a later turn (a new request, a poll).
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    try {
      expect(await other.checkpoint('p')).toBeNull();
      await store.commit('p', 1, [{ key: 'a', doc: 1 }], 5);
      await nextTurn();
      expect(await other.checkpoint('p')).toEqual({ position: 5, version: 1 });
      expect(await other.checkpoint('p')).toEqual({ position: 5, version: 1 });
      await store.commit('p', 1, [{ key: 'a', doc: 2 }], 6);
      await nextTurn();
      expect(await other.checkpoint('p')).toEqual({ position: 6, version: 1 });
      await store.recordFailure('p', { position: 7, error: 'boom', version: 1 });
      await nextTurn();
      expect(await other.status('p')).toEqual({ position: 6, version: 1, failedAt: { position: 7, error: 'boom' } });
      await store.reset('p');
      await nextTurn();
      expect(await other.checkpoint('p')).toBeNull();
      // Its own writes, which SQLite's data_version does not count, at once.
      await other.commit('p', 2, [], 3);
      expect(await other.checkpoint('p')).toEqual({ position: 3, version: 2 });
      await other.recordFailure('p', { position: 4, error: 'again', version: 2 });
      expect(await other.status('p')).toMatchObject({ failedAt: { position: 4, error: 'again' } });
      await other.reset('p');
      expect(await other.status('p')).toBeNull();
    } finally {
      await other.close();
    }
  });

  it('can share the event store’s file without either side mistaking the other’s schema', async () => {
    await store.close();
    const events = SqliteEventStore.open(path);
    try {
      store = SqliteReadStore.open(path);
      await events.append('s', [newEvent('E')], 'no_stream');
      await store.commit('p', 1, [{ key: 'a', doc: 1 }], 1);
      await events.close();
      const reopened = SqliteEventStore.open(path, { verifyOnOpen: true });
      expect(await reopened.lastPosition()).toBe(1);
      await reopened.close();
      expect(await store.get('p', 'a')).toBe(1);
    } finally {
      await events.close();
    }
  });

  it('checkpoints in the background once it has committed often, and closes that connection before its own', async () => {
    const big = 'x'.repeat(20_000);
    for (let position = 1; position <= BACKGROUND_CHECKPOINTS_AFTER + 20; position++) {
      await store.commit('p', 1, [{ key: `k${position}`, doc: { big, position } }], position);
    }
    // About 2.4 MB went to the WAL, far below SQLite's own checkpoint (1,000 pages, 16 MB): only
    // the background connection copies them into the main file meanwhile.
    const deadline = Date.now() + 10_000;
    while (statSync(path).size < 2_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(statSync(path).size).toBeGreaterThanOrEqual(2_000_000);
    await store.close();
    // … and was closed first: the store's connection, the last one, checkpointed and removed the WAL.
    expect(() => statSync(`${path}-wal`)).toThrow(/ENOENT/);
    store = SqliteReadStore.open(path);
    expect(await store.get('p', 'k7')).toEqual({ big, position: 7 });
  });

  it('closes idempotently', async () => {
    await store.close();
    await store.close();
    store = SqliteReadStore.open(path);
  });
});

describe('createReadStore', () => {
  const stores: ReadStore[] = [];
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  it('opens sqlite:<path> with a relative or an absolute path, and sqlite::memory:', async () => {
    const absolute = tempFile();
    const a = await createReadStore(`sqlite:${absolute}`);
    stores.push(a);
    expect(a).toBeInstanceOf(SqliteReadStore);
    await a.commit('p', 1, [], 1);
    expect(existsSync(absolute)).toBe(true);

    const second = join(dirname(absolute), 'relative', 'read-models.db');
    const b = await createReadStore(`sqlite:${relative(process.cwd(), second)}`);
    stores.push(b);
    await b.commit('p', 1, [], 1);
    expect(existsSync(second)).toBe(true);

    const c = await createReadStore('sqlite::memory:');
    stores.push(c);
    expect(c).toBeInstanceOf(SqliteReadStore);
  });

  it('names the supported schemes', async () => {
    await expect(createReadStore('mysql://x')).rejects.toThrow(
      /unsupported read model URL.*sqlite:<path>.*postgres:\/\/.*memory:/,
    );
    await expect(createReadStore('sqlite:')).rejects.toThrow(/needs a file path/);
  });
});
