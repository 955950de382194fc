import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WalCheckpointer } from './wal-checkpointer.js';

describe('WalCheckpointer', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kpi-wal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A WAL database whose own connection never checkpoints, with `bytes` committed in the WAL. */
  function walDatabase(bytes: number) {
    const path = join(dir, 'db.sqlite');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (v TEXT) STRICT');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let written = 0; written < bytes; written += 10_000) insert.run('x'.repeat(10_000));
    return { path, db };
  }

  const mainFileSize = (path: string) => statSync(path).size;

  async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('copies committed pages into the main file after a commit is reported, not before', async () => {
    const { path, db } = walDatabase(2_000_000);
    expect(mainFileSize(path)).toBeLessThan(100_000);
    const checkpointer = WalCheckpointer.start(path, 'NORMAL');
    try {
      // Started, but told of no commit: it sleeps.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(mainFileSize(path)).toBeLessThan(100_000);
      checkpointer.committed();
      await eventually(() => mainFileSize(path) >= 2_000_000);
      // Every row is there, read through the main file now.
      expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 200 });
    } finally {
      await checkpointer.close();
      db.close();
    }
  });

  it('closes its connection on close(), so the owner is the last one and removes the WAL', async () => {
    const { path, db } = walDatabase(100_000);
    const checkpointer = WalCheckpointer.start(path, 'FULL');
    checkpointer.committed();
    await checkpointer.close();
    await checkpointer.close();
    db.close();
    expect(() => statSync(`${path}-wal`)).toThrow(/ENOENT/);
  });

  it('reports why it stopped, and still closes, when it cannot open the file', async () => {
    const errors: Error[] = [];
    const checkpointer = WalCheckpointer.start(join(dir, 'missing', 'db.sqlite'), 'NORMAL', (error) =>
      errors.push(error),
    );
    await checkpointer.close();
    expect(errors.map((error) => error.message)).toEqual([expect.stringMatching(/directory does not exist/)]);
  });
});
