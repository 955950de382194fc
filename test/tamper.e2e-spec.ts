import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEventMetadata } from '../src/event-store/event-store.port.js';
import { GENESIS_HASH, computeGlobalHash, computeHash } from '../src/event-store/hash-chain.js';
import { SqliteEventStore, type VerifyRow as Row } from '../src/event-store/sqlite/sqlite-event-store.js';
import { type CliRun, runCli } from './support/server-process.js';

const metadata = (n: number): NewEventMetadata => ({
  recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  recordedBy: 'analyst',
  correlationId: `c-${n}`,
  causationId: `c-${n}`,
  schemaVersion: 1,
});

/**
 * An attacker with write access to the SQLite file: drops the immutability triggers and edits
 * rows, with the hash formula in hand (it is published), so per-stream hashes can be forged too.
 */
function tamper(path: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path);
  db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
  db.transaction(() => edit(db))();
  db.close();
}

const row = (db: Database.Database, position: number) =>
  db.prepare('SELECT * FROM events WHERE position = ?').get(position) as Row;

/** Moves rows from `from` on by `by` positions (through negatives: the primary key is checked per row). */
function shift(db: Database.Database, from: number, by: number): void {
  db.prepare('UPDATE events SET position = -position WHERE position >= ?').run(from);
  db.prepare('UPDATE events SET position = -position + ? WHERE position < 0').run(by);
}

const CASES: Array<[string, (db: Database.Database) => void, RegExp]> = [
  [
    'a modified event',
    (db) => db.prepare("UPDATE events SET data = json_set(data, '$.value', '999') WHERE position = 5").run(),
    /broken: stream company-b, revision 1, position 5: hash mismatch/,
  ],
  [
    'a removed event',
    (db) => {
      db.prepare('DELETE FROM events WHERE position = 5').run();
      shift(db, 6, -1);
    },
    /broken: stream \S+, revision \d+, position 5: global chain does not link to position 4/,
  ],
  [
    'an inserted event whose own hashes are forged correctly',
    (db) => {
      const before = row(db, 4);
      shift(db, 5, 1);
      const meta = metadata(99);
      const forged = { stream: 'company-z', revision: 0, type: 'Tested', data: { value: 'forged' } };
      const hash = computeHash(GENESIS_HASH, { ...forged, metadata: { ...meta, prevHash: GENESIS_HASH } });
      db.prepare(
        `INSERT INTO events (position, stream, revision, type, data, metadata, prev_hash, hash, global_prev_hash, global_hash)
         VALUES (5, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        forged.stream,
        forged.type,
        JSON.stringify(forged.data),
        JSON.stringify(meta),
        GENESIS_HASH,
        hash,
        before.global_hash,
        computeGlobalHash(before.global_hash, hash),
      );
    },
    // The forged row links to its predecessor; the next one does not link to it.
    /broken: stream \S+, revision \d+, position 6: global chain does not link to position 5/,
  ],
  [
    'two events of different streams swapped',
    (db) => {
      const [a, b] = [row(db, 3), row(db, 4)];
      db.prepare('DELETE FROM events WHERE position IN (3, 4)').run();
      const insert = db.prepare(
        `INSERT INTO events (position, stream, revision, type, data, metadata, prev_hash, hash, global_prev_hash, global_hash)
         VALUES (@position, @stream, @revision, @type, @data, @metadata, @prev_hash, @hash, @global_prev_hash, @global_hash)`,
      );
      insert.run({ ...b, position: 3 });
      insert.run({ ...a, position: 4 });
    },
    /broken: stream \S+, revision \d+, position 3: global chain does not link to position 2/,
  ],
];

describe('tamper: kpi-ledger verify names the position of every kind of edit to the SQLite file', () => {
  let dir: string;
  let original: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-ledger-tamper-'));
    original = join(dir, 'original.db');
    // Three streams, interleaved in the global log: a, a, b… so that a swap crosses streams.
    const store = SqliteEventStore.open(original);
    const streams = [
      'company-a',
      'company-a',
      'company-c',
      'company-b',
      'company-b',
      'company-a',
      'company-c',
      'company-b',
    ];
    for (const [n, stream] of streams.entries()) {
      await store.append(stream, [{ type: 'Tested', data: { value: String(n) }, metadata: metadata(n) }], 'any');
    }
    expect(await store.verify()).toMatchObject({ ok: true, events: streams.length });
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Each case is its own CLI process (about 3 s of Nest start-up): all four run at once.
  const runs = new Map<string, Promise<CliRun>>();
  beforeAll(() => {
    for (const [name, edit] of CASES) {
      const path = join(dir, `${name.replace(/\W+/g, '-')}.db`);
      copyFileSync(original, path);
      tamper(path, edit);
      runs.set(name, runCli(['verify'], { EVENT_STORE_URL: `sqlite:${path}`, READ_MODEL_URL: 'memory:' }));
    }
  });

  it.each(CASES)(
    'detects %s',
    async (name, _edit, message) => {
      const run = (await runs.get(name)) as CliRun;
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.status).toBe(1);
    },
    60_000,
  );
});
