import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { settle } from '../../event-store/store-rules.js';
import { OtherCommits } from '../../shared/other-commits.js';
import { WalCheckpointer } from './wal-checkpointer.js';
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
  encodeChanges,
  lowerBound,
  prefixUpperBound,
  type EncodedChange,
} from '../read-store-rules.js';

// STRICT keeps doc TEXT (readable JSON). key uses the default BINARY collation, i.e. code point
// order, which the port promises. The schema is created with IF NOT EXISTS and leaves
// user_version alone, so the read models may even share the event store's file without either
// side mistaking the other's schema for its own. A later schema change can simply drop and
// recreate these tables: read models are rebuilt from the event log.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  projection TEXT NOT NULL,
  key TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (projection, key)
) STRICT;
CREATE TABLE IF NOT EXISTS checkpoints (
  projection TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  version INTEGER NOT NULL,
  failed_position INTEGER,
  failed_error TEXT
) STRICT;
`;

/** Page size of a new read-model file; see open(). */
export const PAGE_SIZE = 16384;

/** Commits after which this connection gets a background checkpointer (see committed()). */
export const BACKGROUND_CHECKPOINTS_AFTER = 100;

interface DocumentRow {
  key: string;
  doc: string;
}

interface CheckpointRow {
  position: number;
  version: number;
  failed_position: number | null;
  failed_error: string | null;
}

/** projection, lower bound, [upper bound,] limit. */
type ListParams = (string | number)[];

/**
 * Read models in SQLite. One connection per instance; several processes may share the file (WAL:
 * readers never block the projector, and commits serialise on the write lock).
 */
export class SqliteReadStore implements ReadStore {
  private closed = false;
  private commits = 0;
  private checkpointer?: WalCheckpointer;
  private readonly selectDoc: Database.Statement<[string, string], { doc: string }>;
  private readonly selectCheckpoint: Database.Statement<[string], CheckpointRow>;
  private readonly upsertDoc: Database.Statement<[string, string, string]>;
  private readonly deleteDoc: Database.Statement<[string, string]>;
  private readonly upsertCheckpoint: Database.Statement<[string, number, number]>;
  private readonly insertFailure: Database.Statement<[string, number, number, string]>;
  private readonly deleteDocs: Database.Statement<[string]>;
  private readonly deleteCheckpoint: Database.Statement<[string]>;
  /** One statement per shape of list query (lower bound inclusive or not, upper bound or not). */
  private readonly listStatements = new Map<string, Database.Statement<ListParams, DocumentRow>>();
  private readonly commitTransaction: Database.Transaction<
    (projection: string, version: number, changes: EncodedChange[], position: number) => void
  >;
  private readonly resetTransaction: Database.Transaction<(projection: string) => void>;
  private readonly otherCommits: OtherCommits;
  /**
   * Checkpoint rows as last read (undefined: none), good while nothing was committed to the file
   * since: until another connection commits (OtherCommits), and this connection's own writes clear
   * them. Every cached read (a scoreboard, a target view) checks two checkpoints, so
   * a query each was a tenth of such a request.
   */
  private readonly checkpointRows = new Map<string, CheckpointRow | undefined>();

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.selectDoc = db.prepare('SELECT doc FROM documents WHERE projection = ? AND key = ?');
    this.selectCheckpoint = db.prepare(
      'SELECT position, version, failed_position, failed_error FROM checkpoints WHERE projection = ?',
    );
    this.upsertDoc = db.prepare(
      'INSERT INTO documents (projection, key, doc) VALUES (?, ?, ?) ON CONFLICT (projection, key) DO UPDATE SET doc = excluded.doc',
    );
    this.deleteDoc = db.prepare('DELETE FROM documents WHERE projection = ? AND key = ?');
    this.upsertCheckpoint = db.prepare(
      `INSERT INTO checkpoints (projection, position, version) VALUES (?, ?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position, version = excluded.version`,
    );
    // A failure keeps the checkpoint (and its version) it happened after, or starts one at 0.
    this.insertFailure = db.prepare(
      `INSERT INTO checkpoints (projection, position, version, failed_position, failed_error) VALUES (?, 0, ?, ?, ?)
       ON CONFLICT (projection) DO UPDATE SET failed_position = excluded.failed_position,
         failed_error = excluded.failed_error`,
    );
    this.deleteDocs = db.prepare('DELETE FROM documents WHERE projection = ?');
    this.deleteCheckpoint = db.prepare('DELETE FROM checkpoints WHERE projection = ?');
    this.otherCommits = new OtherCommits(db);
    this.commitTransaction = db.transaction((projection, version, changes, position) =>
      this.commitLocked(projection, version, changes, position),
    );
    this.resetTransaction = db.transaction((projection) => {
      this.deleteDocs.run(projection);
      this.deleteCheckpoint.run(projection);
    });
  }

  /** Opens (creating the file, its directories and the schema if needed) `path`, or `:memory:`. */
  static open(path: string): SqliteReadStore {
    const inMemory = path === ':memory:';
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma('busy_timeout = 5000');
      // Effective only on a new file (an existing one keeps its page size). Documents are large (a
      // company's ledger is hundreds of KB): with 4 KiB pages each is a chain of a hundred
      // overflow pages, and a rebuild's writes (WAL, then checkpoint) took about 1.5 × as long as
      // with 16 KiB pages. Larger pages would help big documents more but cost every small change
      // (a checkpoint row, a company summary) a whole page in the WAL.
      db.pragma(`page_size = ${PAGE_SIZE}`);
      if (!inMemory && db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') {
        throw new Error(`could not switch ${path} to WAL mode`);
      }
      // NORMAL (unlike the event store's FULL) does not sync the WAL on every commit: a power loss
      // may undo the last few commits, but it cannot corrupt the file, and documents and
      // checkpoint roll back together, so the projector simply replays those events. Read models
      // are derived data; the event log is the durable truth.
      db.pragma('synchronous = NORMAL');
      // IMMEDIATE: two processes opening a new file must not both run the DDL half-way.
      db.transaction(() => db.exec(SCHEMA)).immediate();
      return new SqliteReadStore(db, path);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  get<D = unknown>(projection: string, key: string): Promise<D | null> {
    return settle(() => {
      const row = this.selectDoc.get(projection, key);
      return row === undefined ? null : (JSON.parse(row.doc) as D);
    });
  }

  list<D = unknown>(projection: string, options: ListOptions = {}): Promise<ReadModelDocument<D>[]> {
    return settle(() => {
      checkListOptions(options);
      const lower = lowerBound(options);
      const upper = prefixUpperBound(options.prefix ?? '');
      // LIMIT -1 is SQLite for "no limit".
      const limit = options.limit ?? -1;
      const statement = this.listStatement(lower.exclusive, upper !== undefined);
      const rows = statement.all(
        ...(upper === undefined ? [projection, lower.key, limit] : [projection, lower.key, upper, limit]),
      );
      return rows.map((row) => ({ key: row.key, doc: JSON.parse(row.doc) as D }));
    });
  }

  private checkpointRow(projection: string): CheckpointRow | undefined {
    if (this.otherCommits.happened()) this.checkpointRows.clear();
    if (this.checkpointRows.has(projection)) return this.checkpointRows.get(projection);
    const row = this.selectCheckpoint.get(projection);
    this.checkpointRows.set(projection, row);
    return row;
  }

  checkpoint(projection: string): Promise<Checkpoint | null> {
    return settle(() => {
      const row = this.checkpointRow(projection);
      return row === undefined ? null : { position: row.position, version: row.version };
    });
  }

  status(projection: string): Promise<ReadModelStatus | null> {
    return settle(() => {
      const row = this.checkpointRow(projection);
      if (row === undefined) return null;
      const status: ReadModelStatus = { position: row.position, version: row.version };
      if (row.failed_position !== null) {
        status.failedAt = { position: row.failed_position, error: row.failed_error ?? '' };
      }
      return status;
    });
  }

  commit(projection: string, version: number, changes: DocumentChange[], position: number): Promise<void> {
    return settle(() => {
      checkPosition(position);
      checkVersion(version);
      // Serialisation errors surface here, before the transaction starts.
      const encoded = encodeChanges(projection, changes);
      // IMMEDIATE takes the write lock before reading the checkpoint, so the check and the writes
      // are atomic even against another process committing to the same file.
      try {
        this.commitTransaction.immediate(projection, version, encoded, position);
      } finally {
        this.checkpointRows.clear();
      }
      this.committed();
    });
  }

  private commitLocked(projection: string, version: number, changes: EncodedChange[], position: number): void {
    const stored = this.selectCheckpoint.get(projection);
    if (stored && (stored.position >= position || stored.version !== version)) {
      throw new CheckpointConflictError(projection, position, version, {
        position: stored.position,
        version: stored.version,
      });
    }
    for (const { key, json } of changes) {
      if (json === null) this.deleteDoc.run(projection, key);
      else this.upsertDoc.run(projection, key, json);
    }
    this.upsertCheckpoint.run(projection, position, version);
  }

  reset(projection: string): Promise<void> {
    return settle(() => {
      try {
        this.resetTransaction.immediate(projection);
      } finally {
        this.checkpointRows.clear();
      }
    });
  }

  recordFailure(projection: string, failure: ProjectionFailure & { version?: number }): Promise<void> {
    return settle(() => {
      checkPosition(failure.position);
      try {
        this.insertFailure.run(projection, failure.version ?? 0, failure.position, String(failure.error));
      } finally {
        this.checkpointRows.clear();
      }
    });
  }

  dump(projection: string): Promise<ReadModelDocument[]> {
    return this.list(projection);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // The worker's connection first: the last one to close checkpoints and removes the WAL.
    await this.checkpointer?.close();
    this.db.close();
  }

  /**
   * Counts commits; the BACKGROUND_CHECKPOINTS_AFTERth starts the background checkpointer, which
   * then hears of every commit. A process that commits a few times (most CLI commands, a test)
   * never starts a thread for it.
   */
  private committed(): void {
    if (this.checkpointer !== undefined) return this.checkpointer.committed();
    if (this.path === ':memory:') return;
    this.commits++;
    if (this.commits >= BACKGROUND_CHECKPOINTS_AFTER) this.checkpointer = WalCheckpointer.start(this.path, 'NORMAL');
  }

  private listStatement(exclusive: boolean, bounded: boolean): Database.Statement<ListParams, DocumentRow> {
    const shape = `${exclusive ? '>' : '>='}${bounded ? '<' : ''}`;
    let statement = this.listStatements.get(shape);
    if (!statement) {
      // Both bounds are on the primary key, so this is an index range scan in key order.
      statement = this.db.prepare(
        `SELECT key, doc FROM documents
         WHERE projection = ? AND key ${exclusive ? '>' : '>='} ? ${bounded ? 'AND key < ?' : ''}
         ORDER BY key LIMIT ?`,
      );
      this.listStatements.set(shape, statement);
    }
    return statement;
  }
}
