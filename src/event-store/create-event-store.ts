import { resolve } from 'node:path';
import type { EventStore } from './event-store.port.js';
import { isKurrentDbUrl } from './kurrentdb/kurrentdb-url.js';
import { MemoryEventStore } from './memory/memory-event-store.js';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';

/**
 * Builds the store named by a URL: `sqlite:<path>` (relative paths resolve against the working
 * directory), a KurrentDB connection string (`kurrentdb://`, `kurrentdb+discover://`, or the
 * EventStoreDB names `esdb://`, `esdb+discover://`) or `memory:`. Options apply to sqlite only.
 * The KurrentDB client is loaded only when its URL is given (it adds half a second to every start).
 */
export async function createEventStore(url: string, options: SqliteEventStoreOptions = {}): Promise<EventStore> {
  if (url === 'memory:') return new MemoryEventStore();
  if (isKurrentDbUrl(url)) {
    const { KurrentDbEventStore } = await import('./kurrentdb/kurrentdb-event-store.js');
    return new KurrentDbEventStore(url);
  }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '') throw new Error('event store URL "sqlite:" needs a file path, e.g. sqlite:data/ledger.db');
    return SqliteEventStore.open(resolve(path), options);
  }
  throw new Error(
    `unsupported event store URL "${url}": supported schemes are sqlite:<path> (e.g. sqlite:data/ledger.db), kurrentdb://host:2113 (or kurrentdb+discover://, esdb://, esdb+discover://) and memory:`,
  );
}
