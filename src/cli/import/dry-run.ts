import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { AppConfig } from '../../config/app-config.js';

export interface ThrowAwayLedger {
  config: AppConfig;
  dispose(): void;
}

/**
 * A copy of the ledger to run a dry import against, so that later lines see what earlier lines
 * would have written (a figure after its metric) and every answer is the one a real run would
 * get. SQLite's online backup copies a consistent snapshot (WAL included) while the real file may
 * be in use; the real file is only read.
 */
export async function throwAwayCopy(config: AppConfig): Promise<ThrowAwayLedger> {
  // The write path decides from the event streams alone, so the copy needs no read models: role
  // `api` does not project, and a memory read store keeps the real read models out of reach.
  const isolated: AppConfig = { ...config, role: 'api', readModelUrl: 'memory:' };
  const url = config.eventStoreUrl;
  // A memory event store is empty in every new process: a fresh one is already an exact copy.
  if (!url.startsWith('sqlite:')) return { config: isolated, dispose: () => undefined };

  const dir = mkdtempSync(join(tmpdir(), 'kpi-ledger-dry-run-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  const copy = join(dir, 'ledger.db');
  const real = resolve(url.slice('sqlite:'.length));
  try {
    if (existsSync(real)) {
      const db = new Database(real, { readonly: true, fileMustExist: true });
      try {
        await db.backup(copy);
      } finally {
        db.close();
      }
    }
    // No file yet: the real run would start from an empty ledger, and so does the copy.
  } catch (error) {
    dispose();
    throw error;
  }
  return { config: { ...isolated, eventStoreUrl: `sqlite:${copy}` }, dispose };
}
