export * from './read-store.port.js';
export type { DocumentProjection } from './document-projection.js';
export { MemoryReadStore } from './memory/memory-read-store.js';
export { SqliteReadStore } from './sqlite/sqlite-read-store.js';
export { PostgresReadStore, type PostgresReadStoreOptions } from './postgres/postgres-read-store.js';
export { createReadStore } from './create-read-store.js';
export {
  ProjectionRunner,
  type ProjectionProgress,
  type ProjectionRunnerLogger,
  type ProjectionRunnerOptions,
  type ProjectionStatus,
} from './projection-runner.js';
export {
  checkRebuildEqualsLive,
  compareReadModels,
  type ReadModelComparison,
  type ReadModelDifference,
  type RebuildCheckOptions,
} from './rebuild-check.js';
