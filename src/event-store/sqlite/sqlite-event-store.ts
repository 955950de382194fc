import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { CatchUpSubscription } from '../catch-up-subscription.js';
import {
  DuplicateIdempotencyKeyError,
  type AppendResult,
  type EventStore,
  type EventMetadata,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type StoredEvent,
  type StreamHead,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionHandler,
  type VerifyReport,
} from '../event-store.port.js';
import {
  ChainVerifier,
  GENESIS_HASH,
  computeGlobalHash,
  normaliseEvent,
  sealEvent,
  type BrokenLink,
  type NormalisedEvent,
} from '../hash-chain.js';
import { LruMap } from '../../shared/lru-map.js';
import { OtherCommits } from '../../shared/other-commits.js';
import { checkExpectedRevision, idempotencyScope, readLimit, settle } from '../store-rules.js';

export interface SqliteEventStoreOptions {
  /** How often a caught-up subscription looks for appends made by other processes. Default 250. */
  pollIntervalMs?: number;
  /** Refuse to open (throw EventStoreIntegrityError) when verify() finds a broken chain. */
  verifyOnOpen?: boolean;
}

export class EventStoreIntegrityError extends Error {
  constructor(
    readonly path: string,
    readonly report: VerifyReport,
  ) {
    const broken = report.firstBroken;
    super(
      `event store ${path} failed verification` +
        (broken
          ? `: stream ${broken.stream} revision ${broken.revision} (position ${broken.position ?? '?'}): ${broken.reason}`
          : ''),
    );
    this.name = 'EventStoreIntegrityError';
  }
}

const SCHEMA_VERSION = 1;

// STRICT keeps data/metadata TEXT (readable JSON, never coerced to a blob). metadata holds the
// caller's metadata only; prevHash and hash live in their columns and are merged back on read, so
// the two copies can never disagree. batch_size is set on the first row of each append (the rows
// of one append have consecutive positions, since the write lock is held), which lets
// findByIdempotencyKey return exactly the batch the key started.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  stream TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  global_prev_hash TEXT NOT NULL,
  global_hash TEXT NOT NULL,
  idempotency_scope TEXT,
  batch_size INTEGER,
  UNIQUE (stream, revision)
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS events_idempotency_scope ON events (idempotency_scope)
  WHERE idempotency_scope IS NOT NULL;
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
`;

const EVENT_COLUMNS = 'position, stream, revision, type, data, metadata, prev_hash, hash';

/** A row of the events table as stored (without the idempotency columns). */
export interface EventRow {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  prev_hash: string;
  hash: string;
}

/**
 * The same columns as an array, in EVENT_COLUMNS order (`statement.raw()`): better-sqlite3
 * builds a named row object in C++ for every row, which cost more than a third of reading the
 * log (readAll over 100,000 events took 1.2 × the benchmark's raw scan with row objects, 0.7 ×
 * with arrays).
 */
type EventColumns = [number, string, number, string, string, string, string, string];

export interface VerifyRow extends EventRow {
  global_prev_hash: string;
  global_hash: string;
}

type InsertParams = [
  position: number,
  stream: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  prevHash: string,
  hash: string,
  globalPrevHash: string,
  globalHash: string,
  idempotencyScope: string | null,
  batchSize: number | null,
];

const VERIFY_PAGE = 2000;

/** Stream heads kept between writes: twice the writer's cached states (a write checks two streams). */
const HEAD_CACHE_SIZE = 8192;

/**
 * The embedded store. One connection per instance; several instances (or processes) may share a
 * file: appends serialise on SQLite's write lock (BEGIN IMMEDIATE), reads see committed data only.
 */
export class SqliteEventStore implements EventStore {
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly pollIntervalMs: number;
  private closed = false;
  /** Inside batch(): one open transaction, and what is known of the log while it holds the lock. */
  private locked: LockedLog | undefined;
  /** Appends waiting for the next group commit (see append()). */
  private pending: PendingAppend[] = [];
  /**
   * Stream heads (null: no such stream) as this connection last read or committed them, good
   * while no other connection commits to the file (OtherCommits). The writer checks a head before every write (a
   * figure: its metric's and its company's), and the query was 4–5 % of a write. Set only after
   * this connection's own commits, all forgotten when a batch rolls back. An append still reads
   * its head inside its transaction, so a head a turn behind another process can cost a refold or
   * a 409, as that race always could, never a wrong append.
   */
  private readonly heads = new LruMap<string, StreamHead | null>(HEAD_CACHE_SIZE);
  private readonly otherCommits: OtherCommits;

  private readonly selectStream: Database.Statement<[string, number], EventRow>;
  private readonly selectAfter: Database.Statement<[number, number], EventColumns>;
  private readonly selectBatch: Database.Statement<[number, number], EventRow>;
  private readonly selectScope: Database.Statement<[string], { position: number; batch_size: number | null }>;
  private readonly selectHead: Database.Statement<[string], { revision: number; hash: string }>;
  private readonly selectLast: Database.Statement<[], { position: number; global_hash: string }>;
  private readonly selectVerifyPage: Database.Statement<[number, number, number], VerifyRow>;
  private readonly insert: Database.Statement<InsertParams>;
  private readonly appendTransaction: Database.Transaction<
    (stream: string, events: NormalisedEvent[], expected: ExpectedRevision) => Appended
  >;
  private readonly groupTransaction: Database.Transaction<(group: PendingAppend[]) => AppendOutcome[]>;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    options: SqliteEventStoreOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.selectStream = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision`,
    );
    this.selectAfter = db
      .prepare<[number, number], EventColumns>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      )
      .raw();
    this.selectBatch = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position >= ? AND position < ? ORDER BY position`,
    );
    this.selectScope = db.prepare('SELECT position, batch_size FROM events WHERE idempotency_scope = ?');
    this.selectHead = db.prepare('SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1');
    this.otherCommits = new OtherCommits(db);
    this.selectLast = db.prepare('SELECT position, global_hash FROM events ORDER BY position DESC LIMIT 1');
    this.selectVerifyPage = db.prepare(
      `SELECT ${EVENT_COLUMNS}, global_prev_hash, global_hash FROM events
       WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
    );
    this.insert = db.prepare(
      `INSERT INTO events (position, stream, revision, type, data, metadata, prev_hash, hash,
         global_prev_hash, global_hash, idempotency_scope, batch_size)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.appendTransaction = db.transaction((stream, events, expected) => this.appendLocked(stream, events, expected));
    // Each append of a group is a savepoint: a refused one is undone alone, the others commit.
    this.groupTransaction = db.transaction((group) =>
      group.map(({ stream, events, expected }) => {
        try {
          return { stored: this.appendTransaction(stream, events, expected).stored };
        } catch (error) {
          return { error };
        }
      }),
    );
  }

  static open(path: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const inMemory = path === ':memory:';
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma('busy_timeout = 5000');
      if (!inMemory && db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') {
        throw new Error(`could not switch ${path} to WAL mode`);
      }
      // With WAL, FULL syncs the log on every commit: an acknowledged append survives power loss.
      db.pragma('synchronous = FULL');
      migrate(db, path);
      const store = new SqliteEventStore(db, path, options);
      if (options.verifyOnOpen) {
        // Startup may block: nothing else is running yet.
        const run = store.runVerification();
        let step = run.next();
        while (!step.done) step = run.next();
        if (!step.value.ok) throw new EventStoreIntegrityError(path, step.value);
      }
      return store;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  readStream(stream: string, fromRevision = 0): Promise<StoredEvent[]> {
    return settle(() => this.selectStream.all(stream, fromRevision).map(toStoredEvent));
  }

  streamHead(stream: string): Promise<StreamHead | undefined> {
    return settle(() => {
      if (this.locked) return this.locked.head(stream);
      if (this.otherCommits.happened()) this.heads.clear();
      const known = this.heads.get(stream);
      if (known !== undefined) return known ?? undefined;
      const head = this.selectHead.get(stream);
      this.heads.set(stream, head ?? null);
      return head;
    });
  }

  /**
   * Group commit: appends made in the same turn of the event loop (concurrent requests) are
   * committed together, each as a savepoint of one transaction, so they share one fsync. Each
   * promise still resolves only after that commit (durable), and each append is still checked and
   * applied on its own: a refused one (wrong revision, used key) is undone alone. Inside batch()
   * an append runs at once in the batch's transaction (see appendInBatch).
   */
  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const locked = this.locked;
    if (locked) return settle(() => appendResult(this.appendInBatch(locked, stream, prepare(events), expected)));
    return new Promise((resolve, reject) => {
      if (this.closed) throw new Error('event store is closed');
      // Serialisation errors surface here, before anything is queued.
      this.pending.push({ stream, events: prepare(events), expected, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.commitPending());
    });
  }

  private commitPending(): void {
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    let outcomes: AppendOutcome[];
    try {
      outcomes =
        group.length === 1
          ? [{ stored: this.appendTransaction.immediate(group[0].stream, group[0].events, group[0].expected).stored }]
          : this.groupTransaction.immediate(group);
    } catch (error) {
      // The commit itself failed (or a lone append was refused): nothing of the group is stored.
      for (const append of group) append.reject(error);
      return;
    }
    group.forEach((append, i) => {
      const outcome = outcomes[i];
      if ('stored' in outcome) {
        const last = outcome.stored[outcome.stored.length - 1];
        this.heads.set(last.stream, { revision: last.revision, hash: last.hash });
        append.resolve(appendResult(outcome.stored));
      } else append.reject(outcome.error);
    });
    this.notifySubscribers();
  }

  /**
   * One append inside batch(). A single event is one INSERT, which SQLite applies whole or not at
   * all (a failed statement is undone alone, the transaction goes on), and every check comes
   * before it: no savepoint is needed for it to be atomic. Several events need one, so that a
   * failure at the second insert undoes the first. What the batch knows of the log is updated
   * only once the append has succeeded.
   */
  private appendInBatch(
    locked: LockedLog,
    stream: string,
    events: NormalisedEvent[],
    expected: ExpectedRevision,
  ): StoredEvent[] {
    // An error that made SQLite roll the whole transaction back (a full disk) ends the batch: an
    // append now would commit on its own, outside it, and what the batch knew is gone.
    if (!this.db.inTransaction) throw new Error("the batch's transaction was rolled back");
    const appended =
      events.length === 1
        ? this.appendLocked(stream, events, expected)
        : this.appendTransaction(stream, events, expected);
    locked.appended(appended);
    return appended.stored;
  }

  /** Runs inside BEGIN IMMEDIATE: the heads read here cannot move until commit. */
  private appendLocked(stream: string, events: NormalisedEvent[], expected: ExpectedRevision): Appended {
    const first = events[0].metadata;
    const scope = idempotencyScope(first) ?? null;
    const locked = this.locked;
    if (scope !== null && scope !== locked?.absentScope && this.selectScope.get(scope)) {
      throw new DuplicateIdempotencyKeyError(first.idempotencyKey as string);
    }
    const head = locked ? locked.head(stream) : this.selectHead.get(stream);
    checkExpectedRevision(stream, expected, head?.revision);
    const last = locked ? locked.tail() : this.readTail();
    let position = last.position + 1;
    let globalPrevHash = last.globalHash;
    let revision = head === undefined ? 0 : head.revision + 1;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const stored = events.map((event, index) => {
      const stored = sealEvent(stream, revision, prevHash, position, event);
      const globalHash = computeGlobalHash(globalPrevHash, stored.hash);
      this.insert.run(
        position,
        stream,
        revision,
        event.type,
        event.dataJson,
        event.metadataJson,
        prevHash,
        stored.hash,
        globalPrevHash,
        globalHash,
        index === 0 ? scope : null,
        index === 0 ? events.length : null,
      );
      position++;
      revision++;
      prevHash = stored.hash;
      globalPrevHash = globalHash;
      return stored;
    });
    return { stored, globalHash: globalPrevHash };
  }

  private readTail(): Tail {
    const last = this.selectLast.get();
    return last === undefined ? EMPTY_TAIL : { position: last.position, globalHash: last.global_hash };
  }

  readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return settle(() => this.readAfter(options.after ?? 0, readLimit(options.limit)));
  }

  subscribe(after: number, handler: SubscriptionHandler, options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new Error('event store is closed');
    const subscription: CatchUpSubscription = new CatchUpSubscription(
      // Nothing of an open batch: it may still roll back.
      (from, limit) => (this.locked ? [] : this.readAfter(from, limit)),
      after,
      handler,
      { ...options, pollIntervalMs: this.pollIntervalMs, onStopped: () => this.subscriptions.delete(subscription) },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The batch is the rows of the append whose first event carried the key (see batch_size). */
  findByIdempotencyKey(recordedBy: string, route: string, idempotencyKey: string): Promise<StoredEvent[]> {
    return settle(() => {
      const scope = idempotencyScope({ recordedBy, route, idempotencyKey }) as string;
      const start = this.selectScope.get(scope);
      if (start === undefined) {
        // The writer looks a key up just before appending under it: that append need not look again.
        if (this.locked) this.locked.absentScope = scope;
        return [];
      }
      const end = start.position + (start.batch_size ?? 1);
      return this.selectBatch.all(start.position, end).map(toStoredEvent);
    });
  }

  /** Yields to the event loop between pages, so a long check does not stall the server. */
  async verify(): Promise<VerifyReport> {
    const run = this.runVerification();
    for (let step = run.next(); ; step = run.next()) {
      if (step.done) return step.value;
      await yieldToEventLoop();
    }
  }

  /**
   * One BEGIN IMMEDIATE … COMMIT around `work`, so its appends share one fsync. Holds SQLite's
   * write lock throughout: other writers (another process) wait for it up to busy_timeout, so
   * callers keep each batch short (the importer commits every few hundred milliseconds). Only for
   * a caller that has this connection to itself: anything else using it meanwhile would join the
   * transaction. Subscriptions read nothing of the batch until it commits.
   */
  async batch<T>(work: () => Promise<T>): Promise<T> {
    if (this.locked) return work();
    this.commitPending();
    this.db.exec('BEGIN IMMEDIATE');
    const locked = new LockedLog(
      (stream) => this.selectHead.get(stream),
      () => this.readTail(),
    );
    this.locked = locked;
    try {
      const result = await work();
      this.db.exec('COMMIT');
      // What the batch read or appended under its lock is now the file's.
      for (const [stream, head] of locked.knownHeads()) this.heads.set(stream, head ?? null);
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      // What was read or appended under the lock may be gone, and so may what was known before
      // (SQLite rolls back the whole transaction on some errors): start over from the file.
      this.heads.clear();
      throw error;
    } finally {
      this.locked = undefined;
      this.notifySubscribers();
    }
  }

  lastPosition(): Promise<number> {
    return settle(() => (this.locked ? this.locked.tail().position : (this.selectLast.get()?.position ?? 0)));
  }

  private notifySubscribers(): void {
    for (const subscription of this.subscriptions) subscription.notify();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are committed, not dropped.
    this.commitPending();
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.db.close();
  }

  private readAfter(after: number, limit: number): StoredEvent[] {
    return this.selectAfter.all(after, limit).map((c) => storedEvent(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]));
  }

  /**
   * Checks the per-stream chains and the global chain (global_hash = sha256(global_prev_hash +
   * hash), linking each row to the one before it in position order), up to the position that was
   * last when it started. Yields after each page and returns the report. A missing,
   * inserted or reordered row breaks the global chain at the first row after it; cutting off the
   * tail can only be detected against a head (lastPosition + global hash) kept elsewhere.
   */
  private *runVerification(): Generator<void, VerifyReport> {
    const end = this.selectLast.get()?.position ?? 0;
    const streams = new ChainVerifier();
    let globalBroken: BrokenLink | undefined;
    let globalPrevHash = GENESIS_HASH;
    let previousPosition = 0;
    for (let after = 0; after < end;) {
      const rows = this.selectVerifyPage.all(after, end, VERIFY_PAGE);
      if (rows.length === 0) break;
      for (const row of rows) {
        let event: StoredEvent | undefined;
        try {
          event = toStoredEvent(row);
        } catch (error) {
          streams.addUnreadable(row.stream, row.revision, row.position, `unreadable row: ${String(error)}`);
        }
        if (event) streams.add(event);
        if (globalBroken === undefined) {
          const reason =
            row.global_prev_hash !== globalPrevHash
              ? previousPosition === 0
                ? 'global chain does not start at genesis'
                : `global chain does not link to position ${previousPosition}`
              : row.global_hash !== computeGlobalHash(row.global_prev_hash, row.hash)
                ? 'global hash mismatch'
                : undefined;
          if (reason) globalBroken = { stream: row.stream, revision: row.revision, position: row.position, reason };
        }
        globalPrevHash = row.global_hash;
        previousPosition = row.position;
      }
      after = rows[rows.length - 1].position;
      yield;
    }
    const report = streams.report();
    const streamBroken = streams.firstBroken;
    // Report whichever break comes first in the log; at the same row the stream reason says more.
    if (globalBroken && (!streamBroken || (globalBroken.position ?? 0) < (streamBroken.position ?? 0))) {
      return { ...report, ok: false, firstBroken: globalBroken };
    }
    return report;
  }
}

function migrate(db: Database.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === SCHEMA_VERSION) return;
  if (version > SCHEMA_VERSION) {
    throw new Error(`${path} has event store schema ${version}; this build knows up to ${SCHEMA_VERSION}`);
  }
  // IMMEDIATE: two processes creating the same new file must not both run the DDL half-way.
  db.transaction(() => {
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

interface PendingAppend {
  stream: string;
  events: NormalisedEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type AppendOutcome = { stored: StoredEvent[] } | { error: unknown };

/** The end of the global log: the last position and its global hash. */
interface Tail {
  position: number;
  globalHash: string;
}

const EMPTY_TAIL: Tail = { position: 0, globalHash: GENESIS_HASH };

/** An append as stored, and the global hash of its last row (the new tail's). */
interface Appended {
  stored: StoredEvent[];
  globalHash: string;
}

/**
 * What a batch knows of the log. batch() holds SQLite's write lock from BEGIN IMMEDIATE to its
 * end, so no other connection can append meanwhile and a head or the tail, once read, changes
 * only by this connection's own appends, which update it (appended()). Each line of an import
 * would otherwise read the tail and its stream's head twice and its idempotency scope twice.
 * Thrown away when the batch ends, committed or not.
 */
class LockedLog {
  private readonly heads = new Map<string, StreamHead | undefined>();
  private last: Tail | undefined;
  /** A scope just looked up and not found: the append that follows need not look again. */
  absentScope: string | undefined;

  constructor(
    private readonly readHead: (stream: string) => StreamHead | undefined,
    private readonly readTail: () => Tail,
  ) {}

  head(stream: string): StreamHead | undefined {
    if (this.heads.has(stream)) return this.heads.get(stream);
    const head = this.readHead(stream);
    this.heads.set(stream, head);
    return head;
  }

  tail(): Tail {
    return (this.last ??= this.readTail());
  }

  /** Every head read or appended during the batch (undefined: no such stream). */
  knownHeads(): Iterable<[string, StreamHead | undefined]> {
    return this.heads.entries();
  }

  appended({ stored, globalHash }: Appended): void {
    const last = stored[stored.length - 1];
    this.heads.set(last.stream, { revision: last.revision, hash: last.hash });
    this.last = { position: last.position, globalHash };
    this.absentScope = undefined;
  }
}

function prepare(events: NewEvent[]): NormalisedEvent[] {
  if (events.length === 0) throw new RangeError('append needs at least one event');
  return events.map(normaliseEvent);
}

function appendResult(stored: StoredEvent[]): AppendResult {
  const last = stored[stored.length - 1];
  return { revision: last.revision, position: last.position, events: stored };
}

function toStoredEvent(row: EventRow): StoredEvent {
  return storedEvent(row.position, row.stream, row.revision, row.type, row.data, row.metadata, row.prev_hash, row.hash);
}

function storedEvent(
  position: number,
  stream: string,
  revision: number,
  type: string,
  data: string,
  metadataJson: string,
  prevHash: string,
  hash: string,
): StoredEvent {
  // The parsed object is ours: setting the two fields on it gives what a spread into a new object
  // would (same keys, same order) at a fraction of the cost, and every read and rebuild pays it.
  const metadata = JSON.parse(metadataJson) as EventMetadata;
  metadata.prevHash = prevHash;
  metadata.hash = hash;
  return {
    position,
    stream,
    revision,
    type,
    data: JSON.parse(data) as Record<string, unknown>,
    metadata,
    prevHash,
    hash,
  };
}
