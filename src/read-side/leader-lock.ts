import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';

/**
 * Only one projector may write the read models at a time: the others stand by and take over when
 * the leader's process dies, since the lock dies with its holder's connection.
 */
export interface LeaderLock {
  /** True when this process holds (or has just taken) the lock. Never waits. */
  tryAcquire(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * On the embedded store: an exclusive SQLite transaction held open on a lock file beside the read
 * models. SQLite's file locks are released by the OS when the holder exits, even on SIGKILL.
 */
export class SqliteFileLeaderLock implements LeaderLock {
  private db: Database.Database | null = null;

  constructor(private readonly path: string) {}

  tryAcquire(): Promise<boolean> {
    if (this.db) return Promise.resolve(true);
    mkdirSync(dirname(this.path), { recursive: true });
    const db = new Database(this.path, { timeout: 0 });
    try {
      db.exec('BEGIN EXCLUSIVE');
      this.db = db;
      return Promise.resolve(true);
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return Promise.resolve(false);
      throw error;
    }
  }

  release(): Promise<void> {
    if (this.db) {
      this.db.exec('ROLLBACK');
      this.db.close();
      this.db = null;
    }
    return Promise.resolve();
  }
}

/** In-memory read models live in one process: it is always the leader. */
export class ProcessLeaderLock implements LeaderLock {
  tryAcquire(): Promise<boolean> {
    return Promise.resolve(true);
  }

  release(): Promise<void> {
    return Promise.resolve();
  }
}

/** Any 64-bit number, the same in every projector of this ledger: "KPI-LDGR" in ASCII. */
const ADVISORY_LOCK_KEY = '5389125614858684242';

/**
 * On PostgreSQL: a session advisory lock on a dedicated connection. It is released when that
 * connection ends, so a projector that dies (or loses its connection) hands over the lead.
 */
export class PostgresLeaderLock implements LeaderLock {
  private client: pg.Client | null = null;

  constructor(private readonly url: string) {}

  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    // Loaded on first use: processes on a SQLite read store never pay for the driver.
    const { default: driver } = await import('pg');
    const client = new driver.Client({ connectionString: this.url });
    // A dropped connection has lost the lock: forget it, the next campaign reconnects.
    client.on('error', () => {
      if (this.client === client) this.client = null;
    });
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
      ADVISORY_LOCK_KEY,
    ]);
    if (rows[0]?.locked) {
      this.client = client;
      return true;
    }
    await client.end();
    return false;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }
}

/** The lock that fits the read store: a lock file beside a SQLite read store, an advisory lock on PostgreSQL. */
export function createLeaderLock(readModelUrl: string): LeaderLock {
  if (/^postgres(ql)?:\/\//.test(readModelUrl)) {
    const url = new URL(readModelUrl);
    url.searchParams.delete('schema');
    return new PostgresLeaderLock(url.toString());
  }
  if (readModelUrl.startsWith('sqlite:') && !readModelUrl.includes(':memory:')) {
    return new SqliteFileLeaderLock(`${resolve(readModelUrl.slice('sqlite:'.length))}.leader`);
  }
  return new ProcessLeaderLock();
}
