import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { isKurrentDbUrl } from '../../event-store/kurrentdb/kurrentdb-event-store.js';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store.js';
import type { VerifyReport } from '../../event-store/event-store.port.js';
import { CliError } from '../cli-error.js';

/** Pages copied per step of SQLite's online backup; the source is free for writers in between. */
const PAGES_PER_STEP = 256;

/** Pages copied so far, of the pages the database had when the step ran. */
export type PageProgress = (copied: number, total: number) => void;

export interface CopyReport {
  /** Events in the copy, and the last position: the copy's log head. */
  events: number;
  lastPosition: number;
}

/** The file of the embedded event store named by EVENT_STORE_URL; other stores have their own tools. */
export function sqliteStorePath(eventStoreUrl: string, command: 'backup' | 'restore'): string {
  if (isKurrentDbUrl(eventStoreUrl)) {
    throw new CliError(
      `EVENT_STORE_URL is a KurrentDB connection: kpi-ledger ${command} works on the embedded SQLite store only; ` +
        'back KurrentDB up with its own tools (copy the data directory of a stopped node, or a disk snapshot)',
    );
  }
  if (!eventStoreUrl.startsWith('sqlite:')) {
    throw new CliError(`EVENT_STORE_URL=${eventStoreUrl} keeps nothing on disk: there is nothing to ${command}`);
  }
  return resolve(eventStoreUrl.slice('sqlite:'.length));
}

/**
 * Copies a live event store with SQLite's online backup API: a consistent snapshot (WAL
 * included) taken in steps, between which the server keeps writing (a step that sees a write
 * starts over from the new state, so the copy is always one committed state). The copy goes to a
 * temporary file beside `target`, is verified, and only then renamed into place.
 */
export async function backupEventStore(
  source: string,
  target: string,
  options: { force?: boolean; onProgress?: PageProgress } = {},
): Promise<CopyReport & { report: VerifyReport }> {
  if (!existsSync(source)) throw new CliError(`no event store at ${source}: nothing to back up`);
  if (resolve(target) === source) throw new CliError(`${target} is the event store itself: back up to another file`);
  if (existsSync(target) && !options.force) {
    throw new CliError(`${target} exists: pass --force to replace it, or choose another file`);
  }
  const temp = await copyToTemp(source, target, 'backup', options.onProgress);
  try {
    const copy = await inspect(temp);
    selfContained(temp);
    renameSync(temp, target);
    return copy;
  } catch (error) {
    removeDatabase(temp);
    throw error;
  }
}

/**
 * A backup is one file: out of WAL mode, so that a reader (restore, verify, a read-only copy)
 * needs no -wal / -shm beside it, and none is left behind. A restored store goes back to WAL
 * when the server opens it.
 */
function selfContained(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/**
 * Replaces the event store at `target` with the backup at `source`: the backup is copied beside
 * the target, its whole hash chain verified, and only then renamed over the target (one atomic
 * step). Whatever fails before that leaves the target as it was.
 */
export async function restoreEventStore(
  source: string,
  target: string,
  options: { force?: boolean; onProgress?: PageProgress } = {},
): Promise<CopyReport> {
  if (!existsSync(source)) throw new CliError(`cannot read ${source}: no such file`);
  if (resolve(source) === target) throw new CliError(`${source} is the event store itself: nothing to restore`);
  assertLedgerFile(source);
  const existing = existsSync(target) ? eventsIn(target) : 0;
  if (existing > 0 && !options.force) {
    throw new CliError(
      `${target} holds ${existing} events: restore refuses to replace them without --force (back them up first)`,
    );
  }
  const temp = await copyToTemp(source, target, 'restore', options.onProgress);
  try {
    const copy = await inspect(temp);
    if (!copy.report.ok) {
      const broken = copy.report.firstBroken;
      throw new CliError(
        `${source} fails verification` +
          (broken
            ? ` at stream ${broken.stream}, revision ${broken.revision}, position ${broken.position ?? '?'}: ${broken.reason}`
            : '') +
          `; nothing was restored, ${target} is unchanged`,
      );
    }
    if (existsSync(target)) checkpointAndRelease(target);
    renameSync(temp, target);
    return copy;
  } catch (error) {
    removeDatabase(temp);
    throw error;
  }
}

async function copyToTemp(
  source: string,
  target: string,
  purpose: string,
  onProgress: PageProgress | undefined,
): Promise<string> {
  mkdirSync(dirname(resolve(target)), { recursive: true });
  // Beside the target, so that the final rename stays on one file system (atomic).
  const temp = join(dirname(resolve(target)), `.${basename(target)}.${purpose}-${process.pid}`);
  removeDatabase(temp);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(temp, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages - remainingPages, totalPages);
        return PAGES_PER_STEP;
      },
    });
  } catch (error) {
    removeDatabase(temp);
    throw new CliError(`cannot copy ${source}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
  return temp;
}

/** Opens a copy as an event store, verifies its chain and closes it (its WAL folded in). */
async function inspect(path: string): Promise<CopyReport & { report: VerifyReport }> {
  const store = SqliteEventStore.open(path);
  try {
    const report = await store.verify();
    const lastPosition = await store.lastPosition();
    return { events: report.events, lastPosition, report };
  } finally {
    await store.close();
  }
}

/** A file that is not a KPI Ledger event store is refused before anything is copied. */
function assertLedgerFile(path: string): void {
  try {
    countEvents(path, true);
  } catch (error) {
    throw new CliError(
      `${path} is not a KPI Ledger event store: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function eventsIn(target: string): number {
  try {
    return countEvents(target);
  } catch (error) {
    throw new CliError(
      `${target} is not an event store (${error instanceof Error ? error.message : String(error)}): move it away first`,
    );
  }
}

function countEvents(path: string, mustHaveTable = false): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    if (!table) {
      if (mustHaveTable) throw new Error('it has no events table');
      return 0;
    }
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/**
 * Folds the target's WAL into the file and makes sure no one else has it open. The last
 * connection to close a WAL database deletes its -wal file: if it is still there after ours
 * closed, a server (or projector, or CLI) still has the store open, and would go on writing to
 * the replaced file. A WAL left beside the renamed file would also be replayed onto the restore.
 */
function checkpointAndRelease(path: string): void {
  const inUse = () => new CliError(`${path} is in use: stop the server and any projector before restoring`);
  const db = new Database(path, { fileMustExist: true, timeout: 0 });
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (result && result.busy !== 0) throw inUse();
  } catch (error) {
    throw error instanceof CliError ? error : inUse();
  } finally {
    db.close();
  }
  if (existsSync(`${path}-wal`)) throw inUse();
  rmSync(`${path}-shm`, { force: true });
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
