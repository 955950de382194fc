export * from './event-store.port.js';
export * from './hash-chain.js';
export { MemoryEventStore } from './memory/memory-event-store.js';
export {
  EventStoreIntegrityError,
  SqliteEventStore,
  type SqliteEventStoreOptions,
} from './sqlite/sqlite-event-store.js';
export { createEventStore } from './create-event-store.js';
