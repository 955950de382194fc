import { resolve } from 'node:path';
import { MemoryReadStore } from './memory/memory-read-store.js';
import type { ReadStore } from './read-store.port.js';
import { SqliteReadStore } from './sqlite/sqlite-read-store.js';

/**
 * Builds the read store named by READ_MODEL_URL: `sqlite:<path>` (relative paths resolve against
 * the working directory; `sqlite::memory:` for a throw-away database) or `memory:`.
 * `postgres://` / `postgresql://` arrive with the next issue, behind the same port and contract.
 */
export function createReadStore(url: string): ReadStore {
  if (url === 'memory:') return new MemoryReadStore();
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '') throw new Error('read model URL "sqlite:" needs a file path, e.g. sqlite:data/read-models.db');
    return SqliteReadStore.open(path === ':memory:' ? path : resolve(path));
  }
  const supported = 'supported schemes are sqlite:<path> (e.g. sqlite:data/read-models.db) and memory:';
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`read model URL "${url}": PostgreSQL read models are not available yet (next issue); ${supported}`);
  }
  throw new Error(`unsupported read model URL "${url}": ${supported}`);
}
