import { Pool, type PoolClient } from 'pg';
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
} from '../read-store-rules.js';

/** Nest's Logger fits, and so does console. */
export interface PostgresReadStoreLogger {
  warn(message: string): void;
}

export interface PostgresReadStoreOptions {
  /**
   * The schema holding the tables, created if missing (a lower-case SQL identifier). Default: the
   * first schema of the connection's search_path, normally `public`.
   */
  schema?: string;
  /** Pool size. Default 10. */
  maxConnections?: number;
  /** Where dropped idle connections are reported. Default: console. */
  logger?: PostgresReadStoreLogger;
}

/** The (qualified) table names, so a store can live in a schema of its own. */
interface Tables {
  documents: string;
  checkpoints: string;
  migrations: string;
}

interface Migration {
  version: number;
  name: string;
  sql: (tables: Tables) => string;
}

/**
 * Applied in order, each once, recorded in schema_migrations. Append only: never edit a released
 * migration. doc is TEXT, not jsonb: jsonb reorders object keys and normalises numbers, and the
 * documents must come back exactly as the SQLite store returns them. key is COLLATE "C", i.e.
 * byte order, which in a UTF-8 database is the code point order the port promises.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents and checkpoints',
    sql: (t) => `
      CREATE TABLE ${t.documents} (
        projection TEXT COLLATE "C" NOT NULL,
        key TEXT COLLATE "C" NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (projection, key)
      );
      CREATE TABLE ${t.checkpoints} (
        projection TEXT COLLATE "C" PRIMARY KEY,
        position BIGINT NOT NULL,
        version BIGINT NOT NULL,
        failed_position BIGINT,
        failed_error TEXT
      );`,
  },
];

/** The first key of pg_advisory_xact_lock(int, int) for migrations; the second is the schema. */
const MIGRATION_LOCK = 0x6b70694c; // 'kpiL'

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

interface CheckpointRow {
  position: string;
  version: string;
  failed_position: string | null;
  failed_error: string | null;
}

const consoleLogger: PostgresReadStoreLogger = { warn: (message) => console.warn(message) };

/**
 * Read models in PostgreSQL. Any number of processes may share the database: commits serialise
 * on the projection's checkpoint row (SELECT … FOR UPDATE), and the schema is migrated under an
 * advisory lock by whichever process gets there first.
 *
 * `connect` is synchronous and touches the database only on first use (which migrates the
 * schema); `open` and `ready` do that eagerly. Under Nest, `onModuleInit` migrates at start.
 */
export class PostgresReadStore implements ReadStore {
  private readonly pool: Pool;
  private readonly tables: Tables;
  private readonly logger: PostgresReadStoreLogger;
  private migrated?: Promise<void>;
  private closing?: Promise<void>;

  private constructor(
    url: string,
    private readonly options: PostgresReadStoreOptions,
  ) {
    const { schema } = options;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new RangeError(`schema must be a lower-case SQL identifier, got ${JSON.stringify(schema)}`);
    }
    const prefix = schema === undefined ? '' : `"${schema}".`;
    this.tables = {
      documents: `${prefix}documents`,
      checkpoints: `${prefix}checkpoints`,
      migrations: `${prefix}schema_migrations`,
    };
    this.logger = options.logger ?? consoleLogger;
    this.pool = new Pool({ connectionString: url, max: options.maxConnections ?? 10 });
    // An idle connection that the server drops (restart, failover, idle timeout) is discarded by
    // the pool, which connects anew on the next query. Without a listener it would crash Node.
    this.pool.on('error', (error) => {
      this.logger.warn(`postgres read store: idle connection lost (${error.message}); will reconnect`);
    });
  }

  /** A store that connects (and migrates) on first use. Throws only for bad options. */
  static connect(url: string, options: PostgresReadStoreOptions = {}): PostgresReadStore {
    return new PostgresReadStore(url, options);
  }

  /** Connects and migrates the schema now, so a wrong URL or an unreachable server fails here. */
  static async open(url: string, options: PostgresReadStoreOptions = {}): Promise<PostgresReadStore> {
    const store = new PostgresReadStore(url, options);
    try {
      await store.ready();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /** The newest schema version this code knows. */
  static get schemaVersion(): number {
    return MIGRATIONS[MIGRATIONS.length - 1].version;
  }

  /** Resolves once the schema is migrated; a failed attempt is retried by the next call. */
  ready(): Promise<void> {
    if (this.closing) return Promise.reject(new Error('postgres read store is closed'));
    this.migrated ??= this.migrate().catch((error: unknown) => {
      this.migrated = undefined;
      throw error;
    });
    return this.migrated;
  }

  /** Nest lifecycle hook: the app migrates the schema at start, and fails to start without it. */
  onModuleInit(): Promise<void> {
    return this.ready();
  }

  async get<D = unknown>(projection: string, key: string): Promise<D | null> {
    await this.ready();
    const { rows } = await this.pool.query<{ doc: string }>(
      `SELECT doc FROM ${this.tables.documents} WHERE projection = $1 AND key = $2`,
      [projection, key],
    );
    return rows.length === 0 ? null : (JSON.parse(rows[0].doc) as D);
  }

  async list<D = unknown>(projection: string, options: ListOptions = {}): Promise<ReadModelDocument<D>[]> {
    checkListOptions(options);
    await this.ready();
    const lower = lowerBound(options);
    const upper = prefixUpperBound(options.prefix ?? '');
    const params: (string | number | null)[] = [projection, lower.key, options.limit ?? null];
    if (upper !== undefined) params.push(upper);
    // Both bounds are on the primary key: an index range scan in key order. LIMIT NULL: no limit.
    const { rows } = await this.pool.query<{ key: string; doc: string }>(
      `SELECT key, doc FROM ${this.tables.documents}
       WHERE projection = $1 AND key ${lower.exclusive ? '>' : '>='} $2 ${upper === undefined ? '' : 'AND key < $4'}
       ORDER BY key LIMIT $3`,
      params,
    );
    return rows.map((row) => ({ key: row.key, doc: JSON.parse(row.doc) as D }));
  }

  async checkpoint(projection: string): Promise<Checkpoint | null> {
    const status = await this.status(projection);
    return status === null ? null : { position: status.position, version: status.version };
  }

  async status(projection: string): Promise<ReadModelStatus | null> {
    await this.ready();
    const { rows } = await this.pool.query<CheckpointRow>(
      `SELECT position, version, failed_position, failed_error FROM ${this.tables.checkpoints} WHERE projection = $1`,
      [projection],
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    const status: ReadModelStatus = { position: Number(row.position), version: Number(row.version) };
    if (row.failed_position !== null) {
      status.failedAt = { position: Number(row.failed_position), error: row.failed_error ?? '' };
    }
    return status;
  }

  async commit(projection: string, version: number, changes: DocumentChange[], position: number): Promise<void> {
    checkPosition(position);
    checkVersion(version);
    // Serialisation errors surface here, before the transaction starts.
    const encoded = encodeChanges(projection, changes);
    // The last change of a key wins, so each key is written once (ON CONFLICT cannot touch a row
    // twice in one statement), and all writes go in two statements whatever the batch size.
    const latest = new Map<string, string | null>();
    for (const { key, json } of encoded) {
      if (key.includes('\0')) throw new RangeError(`key must not contain U+0000, got ${JSON.stringify(key)}`);
      latest.set(key, json);
    }
    const deleted: string[] = [];
    const upsertKeys: string[] = [];
    const upsertDocs: string[] = [];
    for (const [key, json] of latest) {
      if (json === null) deleted.push(key);
      else {
        upsertKeys.push(key);
        upsertDocs.push(json);
      }
    }
    const t = this.tables;
    await this.transaction(async (client) => {
      // A first commit has no row to lock: insert one (rolled back with the commit if it fails),
      // so that two first commits of the same projection also serialise on it.
      await client.query(
        `INSERT INTO ${t.checkpoints} (projection, position, version) VALUES ($1, 0, $2)
         ON CONFLICT (projection) DO NOTHING`,
        [projection, version],
      );
      const { rows } = await client.query<CheckpointRow>(
        `SELECT position, version FROM ${t.checkpoints} WHERE projection = $1 FOR UPDATE`,
        [projection],
      );
      if (rows.length > 0) {
        const stored = { position: Number(rows[0].position), version: Number(rows[0].version) };
        if (stored.position >= position || stored.version !== version) {
          throw new CheckpointConflictError(projection, position, version, stored);
        }
      }
      if (deleted.length > 0) {
        await client.query(`DELETE FROM ${t.documents} WHERE projection = $1 AND key = ANY($2::text[])`, [
          projection,
          deleted,
        ]);
      }
      if (upsertKeys.length > 0) {
        await client.query(
          `INSERT INTO ${t.documents} (projection, key, doc)
           SELECT $1, k, d FROM unnest($2::text[], $3::text[]) AS changes (k, d)
           ON CONFLICT (projection, key) DO UPDATE SET doc = excluded.doc`,
          [projection, upsertKeys, upsertDocs],
        );
      }
      // An upsert, not an UPDATE: a reset committed while this transaction waited for the lock
      // deletes the row, and then this commit simply starts the read model afresh.
      await client.query(
        `INSERT INTO ${t.checkpoints} (projection, position, version) VALUES ($1, $2, $3)
         ON CONFLICT (projection) DO UPDATE SET position = excluded.position, version = excluded.version`,
        [projection, position, version],
      );
    });
  }

  async reset(projection: string): Promise<void> {
    const t = this.tables;
    await this.transaction(async (client) => {
      // Waits for a commit in flight, so the deletes below see all of its documents.
      await client.query(`SELECT 1 FROM ${t.checkpoints} WHERE projection = $1 FOR UPDATE`, [projection]);
      await client.query(`DELETE FROM ${t.documents} WHERE projection = $1`, [projection]);
      await client.query(`DELETE FROM ${t.checkpoints} WHERE projection = $1`, [projection]);
    });
  }

  async recordFailure(projection: string, failure: ProjectionFailure & { version?: number }): Promise<void> {
    checkPosition(failure.position);
    await this.ready();
    // A failure keeps the checkpoint (and its version) it happened after, or starts one at 0.
    // PostgreSQL text cannot hold U+0000, which an error message might.
    await this.pool.query(
      `INSERT INTO ${this.tables.checkpoints} (projection, position, version, failed_position, failed_error)
       VALUES ($1, 0, $2, $3, $4)
       ON CONFLICT (projection) DO UPDATE SET failed_position = excluded.failed_position,
         failed_error = excluded.failed_error`,
      [projection, failure.version ?? 0, failure.position, String(failure.error).replaceAll('\0', '\uFFFD')],
    );
  }

  dump(projection: string): Promise<ReadModelDocument[]> {
    return this.list(projection);
  }

  /** Ends the pool (idempotent). */
  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }

  /** Runs `work` between BEGIN and COMMIT on one connection, once migrated; any throw rolls back. */
  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    await this.ready();
    return this.inTransaction(work);
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out connection has no listener of the pool's: a server-side disconnect between
    // two queries would otherwise be an uncaught 'error' event. The failing query rejects anyway.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken ??= rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.removeListener('error', onError);
      // A broken connection is destroyed rather than handed to the next caller.
      client.release(broken);
    }
  }

  private migrate(): Promise<void> {
    const { schema } = this.options;
    const t = this.tables;
    return this.inTransaction(async (client) => {
      // Two processes starting together: the second waits here, then finds nothing to do.
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext(coalesce($2, current_schema(), '')))", [
        MIGRATION_LOCK,
        schema ?? null,
      ]);
      const encoding = await client.query<{ server_encoding: string }>('SHOW server_encoding');
      if (encoding.rows[0].server_encoding !== 'UTF8') {
        throw new Error(
          `postgres read store needs a UTF8 database (key order is UTF-8 byte order), got ${encoding.rows[0].server_encoding}`,
        );
      }
      // Checked before creating, so a role without CREATE on the database can use a schema an
      // administrator made for it.
      if (schema !== undefined) {
        const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
        if (found.rowCount === 0) await client.query(`CREATE SCHEMA "${schema}"`);
      }
      const exists = await client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [
        t.migrations,
      ]);
      if (exists.rows[0].found === null) {
        await client.query(
          `CREATE TABLE ${t.migrations} (
           version INTEGER PRIMARY KEY,
           name TEXT NOT NULL,
           applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )`,
        );
      }
      const applied = await client.query<{ version: number }>(`SELECT version FROM ${t.migrations} ORDER BY version`);
      const done = new Set(applied.rows.map((row) => row.version));
      const newest = Math.max(0, ...done);
      if (newest > PostgresReadStore.schemaVersion) {
        throw new Error(
          `postgres read store schema is at version ${newest}, newer than this program knows ` +
            `(${PostgresReadStore.schemaVersion}): upgrade the program`,
        );
      }
      for (const migration of MIGRATIONS) {
        if (done.has(migration.version)) continue;
        await client.query(migration.sql(t));
        await client.query(`INSERT INTO ${t.migrations} (version, name) VALUES ($1, $2)`, [
          migration.version,
          migration.name,
        ]);
      }
    });
  }
}
