import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresLeaderLock, SqliteFileLeaderLock } from './leader-lock.js';

describe('SqliteFileLeaderLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-leader-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets exactly one holder lead, and the next take over when it lets go', async () => {
    const path = join(dir, 'read.db.leader');
    const first = new SqliteFileLeaderLock(path);
    const second = new SqliteFileLeaderLock(path);
    expect(await first.tryAcquire()).toBe(true);
    expect(await first.tryAcquire()).toBe(true);
    expect(await second.tryAcquire()).toBe(false);
    await first.release();
    expect(await second.tryAcquire()).toBe(true);
    expect(await first.tryAcquire()).toBe(false);
    await second.release();
  });
});

const postgresUrl = process.env.TEST_POSTGRES_URL;
if (postgresUrl === undefined) console.warn('postgres leader lock: skipped — set TEST_POSTGRES_URL to run it');
(postgresUrl === undefined ? describe.skip : describe)('PostgresLeaderLock', () => {
  it('lets exactly one holder lead, and the next take over when its connection ends', async () => {
    const first = new PostgresLeaderLock(postgresUrl ?? '');
    const second = new PostgresLeaderLock(postgresUrl ?? '');
    try {
      expect(await first.tryAcquire()).toBe(true);
      expect(await second.tryAcquire()).toBe(false);
      await first.release();
      expect(await second.tryAcquire()).toBe(true);
      expect(await first.tryAcquire()).toBe(false);
    } finally {
      await first.release();
      await second.release();
    }
  });
});
