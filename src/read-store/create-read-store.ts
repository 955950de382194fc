import { resolve } from 'node:path';
import { MemoryReadStore } from './memory/memory-read-store.js';
import type { PostgresReadStore } from './postgres/postgres-read-store.js';
import type { ReadStore } from './read-store.port.js';
import { SqliteReadStore } from './sqlite/sqlite-read-store.js';

const SUPPORTED =
  'supported schemes are sqlite:<path> (e.g. sqlite:data/read-models.db), ' +
  'postgres://user:password@host:port/database (or postgresql://) and memory:';

/**
 * Builds the read store named by READ_MODEL_URL: `sqlite:<path>` (relative paths resolve against
 * the working directory; `sqlite::memory:` for a throw-away database), `postgres://…` or
 * `postgresql://…` (any libpq-style URL `pg` accepts, plus `?schema=<name>` to keep the tables
 * in a schema of their own), or `memory:`.
 *
 * A PostgreSQL store connects on first use, which migrates its schema (under Nest, at start,
 * through its onModuleInit hook); its driver is loaded only then.
 */
export async function createReadStore(url: string): Promise<ReadStore> {
  if (url === 'memory:') return new MemoryReadStore();
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '') throw new Error('read model URL "sqlite:" needs a file path, e.g. sqlite:data/read-models.db');
    return SqliteReadStore.open(path === ':memory:' ? path : resolve(path));
  }
  if (/^postgres(ql)?:\/\//.test(url)) return createPostgresReadStore(url);
  throw new Error(`unsupported read model URL "${url}": ${SUPPORTED}`);
}

async function createPostgresReadStore(url: string): Promise<PostgresReadStore> {
  const { PostgresReadStore } = await import('./postgres/postgres-read-store.js');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not echoed: the URL may hold a password.
    throw new Error(`read model URL is not a valid PostgreSQL URL; ${SUPPORTED}`);
  }
  const schema = parsed.searchParams.get('schema') ?? undefined;
  if (schema === undefined) return PostgresReadStore.connect(url);
  parsed.searchParams.delete('schema');
  return PostgresReadStore.connect(parsed.toString(), { schema });
}
