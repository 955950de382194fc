import { resolve } from 'node:path';
import type { EventStore } from './event-store.port.js';
import { MemoryEventStore } from './memory/memory-event-store.js';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';

/**
 * Builds the store named by a URL: `sqlite:<path>` (relative paths resolve against the working
 * directory) or `memory:`. Options apply to sqlite only.
 */
export function createEventStore(url: string, options: SqliteEventStoreOptions = {}): EventStore {
  if (url === 'memory:') return new MemoryEventStore();
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '') throw new Error('event store URL "sqlite:" needs a file path, e.g. sqlite:data/ledger.db');
    return SqliteEventStore.open(resolve(path), options);
  }
  throw new Error(
    `unsupported event store URL "${url}": supported schemes are sqlite:<path> (e.g. sqlite:data/ledger.db) and memory:`,
  );
}
