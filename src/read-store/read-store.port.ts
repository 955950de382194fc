/**
 * The ReadStore port: where document projections keep their read models and checkpoints.
 * Adapters (sqlite, memory, next issue postgres) must all pass `read-store.contract.ts`.
 *
 * A read model is a set of JSON documents per projection, addressed by a string key, plus one
 * checkpoint per projection: the position of the last event whose effect the documents contain.
 * Documents and checkpoint only ever change together (`commit`), which is what makes a replayed
 * batch harmless: it is refused instead of being applied twice.
 *
 * Keys are ordered by Unicode code point (= UTF-8 byte order: SQLite's BINARY collation,
 * PostgreSQL's COLLATE "C"), so every adapter pages through a list in the same order.
 */

export interface ReadModelDocument<D = unknown> {
  key: string;
  doc: D;
}

/** One document write of a commit: `doc: null` deletes the key (a missing key is fine). */
export interface DocumentChange {
  key: string;
  doc: unknown;
  /**
   * A hint, never a change of what is stored: `doc` is a new version of one this process committed
   * before and still shares its untouched frozen parts (the projection runner's copy-on-write
   * fold). The store then remembers the text of smaller parts too, since the next version will
   * share most of them again; for a document met once (a rebuild) that only costs.
   */
  rewritten?: boolean;
}

export interface ListOptions {
  /** Only keys starting with this string. */
  prefix?: string;
  /** Exclusive: only keys after this one (the last key of the previous page). */
  after?: string;
  /** Default: no limit (read models are small per projection; pass a limit to page). */
  limit?: number;
}

export interface Checkpoint {
  /** Position of the last event whose effect the documents contain; 0: none yet. */
  position: number;
  /** The projection version the documents were built with. */
  version: number;
}

export interface ProjectionFailure {
  /** Position of the event the projection could not handle. */
  position: number;
  error: string;
}

export interface ReadModelStatus extends Checkpoint {
  /** Set once the projection stopped itself; cleared only by `reset`. */
  failedAt?: ProjectionFailure;
}

export interface ReadStore {
  get<D = unknown>(projection: string, key: string): Promise<D | null>;
  /** Documents ordered by key (see the note on order above). */
  list<D = unknown>(projection: string, options?: ListOptions): Promise<ReadModelDocument<D>[]>;
  checkpoint(projection: string): Promise<Checkpoint | null>;
  status(projection: string): Promise<ReadModelStatus | null>;
  /**
   * Writes `changes` in order (a later change of the same key wins) and moves the checkpoint to
   * `position` / `version`, in one transaction: all or nothing.
   * Throws CheckpointConflictError (and changes nothing) when the stored checkpoint is not below
   * `position`, or was written by another version (reset first). Throws InvalidDocumentError (and
   * changes nothing) for a document that is not JSON data (BigInt, cycle, undefined, function).
   * An empty `changes` just advances the checkpoint.
   */
  commit(projection: string, version: number, changes: DocumentChange[], position: number): Promise<void>;
  /** Deletes the projection's documents, checkpoint and failure (rebuild, version change). */
  reset(projection: string): Promise<void>;
  /**
   * Marks the projection as stopped at `failure.position`, keeping documents and checkpoint.
   * `version` is stored when the projection had no checkpoint yet (failed at its first batch).
   */
  recordFailure(projection: string, failure: ProjectionFailure & { version?: number }): Promise<void>;
  /** Every document of the projection, ordered by key, in one array (specs; verify pages with `list`). */
  dump(projection: string): Promise<ReadModelDocument[]>;
  close(): Promise<void>;
}

/** A commit that would apply events the read model already contains (or mix two versions). */
export class CheckpointConflictError extends Error {
  constructor(
    readonly projection: string,
    readonly position: number,
    readonly version: number,
    readonly stored: Checkpoint,
  ) {
    super(
      stored.version !== version
        ? `read model ${projection} was built by version ${stored.version}, not ${version}: reset it first`
        : `read model ${projection} is already at position ${stored.position}; refusing to commit position ${position}`,
    );
    this.name = 'CheckpointConflictError';
  }
}

/** A document that cannot be stored as JSON. The projection that produced it is at fault. */
export class InvalidDocumentError extends Error {
  constructor(
    readonly projection: string,
    readonly key: string,
    reason: string,
  ) {
    super(`read model ${projection}, key ${JSON.stringify(key)}: document is not JSON data (${reason})`);
    this.name = 'InvalidDocumentError';
  }
}

export const READ_STORE = Symbol('READ_STORE');
