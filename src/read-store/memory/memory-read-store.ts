import { settle } from '../../event-store/store-rules.js';
import {
  CheckpointConflictError,
  type Checkpoint,
  type DocumentChange,
  type ListOptions,
  type ProjectionFailure,
  type ReadModelDocument,
  type ReadModelStatus,
  type ReadStore,
} from '../read-store.port.js';
import {
  checkListOptions,
  checkPosition,
  checkVersion,
  compareKeys,
  encodeChanges,
  lowerBound,
} from '../read-store-rules.js';

interface ProjectionData {
  /** key → JSON text: stored as SQLite stores it, so both hand out the same fresh copies. */
  docs: Map<string, string>;
  checkpoint?: Checkpoint;
  failure?: ProjectionFailure;
}

/**
 * For tests (and `READ_MODEL_URL=memory:`): the SQLite store's semantics, nothing persisted.
 * Every method does its work in one synchronous step, which makes each commit atomic.
 */
export class MemoryReadStore implements ReadStore {
  private readonly projections = new Map<string, ProjectionData>();

  get<D = unknown>(projection: string, key: string): Promise<D | null> {
    return settle(() => {
      const json = this.projections.get(projection)?.docs.get(key);
      return json === undefined ? null : (JSON.parse(json) as D);
    });
  }

  list<D = unknown>(projection: string, options: ListOptions = {}): Promise<ReadModelDocument<D>[]> {
    return settle(() => {
      checkListOptions(options);
      const prefix = options.prefix ?? '';
      const lower = lowerBound(options);
      const keys = [...(this.projections.get(projection)?.docs.keys() ?? [])]
        .filter((key) => key.startsWith(prefix))
        .filter((key) => (lower.exclusive ? compareKeys(key, lower.key) > 0 : compareKeys(key, lower.key) >= 0))
        .sort(compareKeys)
        .slice(0, options.limit);
      return keys.map((key) => this.document<D>(projection, key));
    });
  }

  checkpoint(projection: string): Promise<Checkpoint | null> {
    return settle(() => {
      const checkpoint = this.projections.get(projection)?.checkpoint;
      return checkpoint ? { ...checkpoint } : null;
    });
  }

  status(projection: string): Promise<ReadModelStatus | null> {
    return settle(() => {
      const data = this.projections.get(projection);
      if (!data?.checkpoint) return null;
      return data.failure ? { ...data.checkpoint, failedAt: { ...data.failure } } : { ...data.checkpoint };
    });
  }

  commit(projection: string, version: number, changes: DocumentChange[], position: number): Promise<void> {
    return settle(() => {
      checkPosition(position);
      checkVersion(version);
      // Everything that can throw happens before the first write.
      const encoded = encodeChanges(projection, changes);
      const data = this.data(projection);
      const stored = data.checkpoint;
      if (stored && (stored.position >= position || stored.version !== version)) {
        throw new CheckpointConflictError(projection, position, version, { ...stored });
      }
      for (const { key, json } of encoded) {
        if (json === null) data.docs.delete(key);
        else data.docs.set(key, json);
      }
      data.checkpoint = { position, version };
    });
  }

  reset(projection: string): Promise<void> {
    return settle(() => {
      this.projections.delete(projection);
    });
  }

  recordFailure(projection: string, failure: ProjectionFailure & { version?: number }): Promise<void> {
    return settle(() => {
      checkPosition(failure.position);
      const data = this.data(projection);
      data.checkpoint ??= { position: 0, version: failure.version ?? 0 };
      data.failure = { position: failure.position, error: String(failure.error) };
    });
  }

  dump(projection: string): Promise<ReadModelDocument[]> {
    return this.list(projection);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private data(projection: string): ProjectionData {
    let data = this.projections.get(projection);
    if (!data) this.projections.set(projection, (data = { docs: new Map() }));
    return data;
  }

  private document<D>(projection: string, key: string): ReadModelDocument<D> {
    return { key, doc: JSON.parse(this.projections.get(projection)?.docs.get(key) as string) as D };
  }
}
