import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { READ_MODELS } from '../src/read-side/read-models.js';
import { SqliteReadStore } from '../src/read-store/sqlite/sqlite-read-store.js';
import { runCli, startServer, stopServer } from './support/server-process.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

interface Row {
  position: number;
  hash: string;
}

const rows = (path: string): Row[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT position, hash FROM events ORDER BY position').all() as Row[];
  } finally {
    db.close();
  }
};

describe('kpi-ledger backup and restore', () => {
  let dir: string;
  let live: Record<string, string>;
  let backup: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-ledger-backup-'));
    live = {
      EVENT_STORE_URL: `sqlite:${join(dir, 'live', 'ledger.db')}`,
      READ_MODEL_URL: `sqlite:${join(dir, 'live', 'read.db')}`,
    };
    backup = join(dir, 'ledger-backup.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('backs up online while a server process takes writes: a consistent prefix of the live log', async () => {
    const server = await startServer(live);
    let stop = false;
    let answered = 0;
    const writer = async (client: number) => {
      for (let i = 0; !stop; i++) {
        const res = await fetch(`${server.url}/companies`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            id: `c${client}-${i}`,
            name: 'Acme',
            fiscalYearEnd: '12-31',
            reportingCurrency: 'EUR',
          }),
        });
        expect(res.status).toBe(201);
        answered++;
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    try {
      while (answered < 100) await new Promise((r) => setTimeout(r, 20));
      const before = answered;
      const run = await runCli(['backup', backup], live);
      const after = answered;
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(
        /^backed up (\d+) events \(positions 1\.\.\1\) to .*ledger-backup\.db, [\d.]+ MB in [\d.]+ s\n$/,
      );
      console.log(`backup while writing: ${before} writes answered before it, ${after} when it finished`);
      expect(after).toBeGreaterThan(before); // the server really was writing during the backup
      const copied = rows(backup);
      expect(copied.length).toBeGreaterThanOrEqual(before);
      stop = true;
      await Promise.all(writers);
      // The copy is one committed state of the log: exactly its first N rows.
      expect(rows(join(dir, 'live', 'ledger.db')).slice(0, copied.length)).toEqual(copied);
      // While the server runs: no second backup over the first, and no restore under its feet
      // (it would go on writing to the replaced file).
      // (Compared row by row: folding the WAL into the file changes its bytes, not its events.)
      const liveRows = rows(join(dir, 'live', 'ledger.db'));
      const [again, underServer] = await Promise.all([
        runCli(['backup', backup], live),
        runCli(['restore', '--force', backup], live),
      ]);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/exists: pass --force to replace it/);
      expect(underServer.status).toBe(1);
      expect(underServer.stderr).toMatch(/ledger\.db is in use: stop the server and any projector before restoring/);
      expect(rows(join(dir, 'live', 'ledger.db'))).toEqual(liveRows);
      expect((await fetch(`${server.url}/companies`)).status).toBe(200);
    } finally {
      stop = true;
      await Promise.allSettled(writers);
      expect(await stopServer(server)).toBe(0);
    }
  }, 60_000);

  it('restores into an empty directory, verified, with the read models rebuilt', async () => {
    const target = {
      EVENT_STORE_URL: `sqlite:${join(dir, 'new', 'ledger.db')}`,
      READ_MODEL_URL: `sqlite:${join(dir, 'new', 'read.db')}`,
    };
    const run = await runCli(['restore', backup], target);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^restored \d+ events .* hash chain verified\nrebuilt the read models in/);
    expect(rows(join(dir, 'new', 'ledger.db'))).toEqual(rows(backup));
    const store = SqliteEventStore.open(join(dir, 'new', 'ledger.db'));
    const readStore = SqliteReadStore.open(join(dir, 'new', 'read.db'));
    try {
      expect((await store.verify()).ok).toBe(true);
      const head = await store.lastPosition();
      for (const { name } of READ_MODELS) expect((await readStore.checkpoint(name))?.position).toBe(head);
      expect(await readStore.list('companies')).toHaveLength(head);
    } finally {
      await readStore.close();
      await store.close();
    }
  }, 60_000);

  it('refuses to replace a store that holds events without --force, and a broken backup even with it', async () => {
    const target = {
      EVENT_STORE_URL: `sqlite:${join(dir, 'new', 'ledger.db')}`,
      READ_MODEL_URL: `sqlite:${join(dir, 'new', 'read.db')}`,
    };
    const before = sha256(join(dir, 'new', 'ledger.db'));
    // An attacker (or a bad disk) changed one event of the backup.
    const corrupt = join(dir, 'corrupt.db');
    copyFileSync(backup, corrupt);
    const db = new Database(corrupt);
    db.exec('DROP TRIGGER events_no_update');
    db.prepare("UPDATE events SET data = json_set(data, '$.name', 'Someone else') WHERE position = 7").run();
    db.close();
    // Three refusals, each its own CLI process, at once.
    const [refused, broken, notALedger] = await Promise.all([
      runCli(['restore', backup], target),
      runCli(['restore', '--force', corrupt], target),
      runCli(['restore', '--force', join(dir, 'live', 'read.db')], target),
    ]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /^kpi-ledger: .*ledger\.db holds \d+ events: restore refuses to replace them without --force/,
    );

    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(
      /fails verification at stream company-\S+, revision 0, position 7: hash mismatch; nothing was restored/,
    );
    // The target is untouched and no half-written file is left beside it.
    expect(sha256(join(dir, 'new', 'ledger.db'))).toBe(before);
    expect(readdirSync(join(dir, 'new')).filter((f) => f.startsWith('.'))).toEqual([]);

    expect(notALedger.status).toBe(1);
    expect(notALedger.stderr).toMatch(/is not a KPI Ledger event store: it has no events table/);
    expect(sha256(join(dir, 'new', 'ledger.db'))).toBe(before);
  }, 60_000);

  it('refuses a KurrentDB configuration: that store has its own backups', async () => {
    const run = await runCli(['backup', join(dir, 'k.db')], {
      EVENT_STORE_URL: 'kurrentdb://127.0.0.1:2113?tls=false',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^kpi-ledger: EVENT_STORE_URL is a KurrentDB connection: kpi-ledger backup works on the embedded SQLite store only/,
    );
  }, 30_000);
});
