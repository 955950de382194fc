import type { EventStore, StoredEvent, Subscription } from '../event-store/event-store.port.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import { LruMap } from '../shared/lru-map.js';
import type { DocumentProjection } from './document-projection.js';
import {
  CheckpointConflictError,
  type DocumentChange,
  type ProjectionFailure,
  type ReadStore,
} from './read-store.port.js';

export interface ProjectionProgress {
  /** Position of the last event processed. */
  done: number;
  /** Position of the last event when the run started (more if the log grew meanwhile). */
  total: number;
}

/** Nest's Logger fits, and so does console. */
export interface ProjectionRunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectionRunnerOptions {
  /** Events committed per projection in one transaction (at most). Default 500. */
  batchSize?: number;
  /**
   * The same for `rebuild()`, a long run that has the read models to itself: larger batches mean
   * fewer commits and fewer times each document is serialised. Default 5000.
   */
  rebuildBatchSize?: number;
  /**
   * Events read (and folded) per step, at most the batch size: a batch is folded page by page
   * into its documents and committed once. Small pages let each page's events die young instead
   * of being promoted to the old generation while the whole batch is applied (rebuild: less GC,
   * a smaller heap). Default 500.
   */
  pageSize?: number;
  /** Live loop (`start`): how often to look for new events when not woken. Default 500. */
  pollIntervalMs?: number;
  /** `waitFor`: how often to re-read the checkpoints another process may be advancing. Default 25. */
  waitPollMs?: number;
  onProgress?: (progress: ProjectionProgress) => void;
  logger?: ProjectionRunnerLogger;
}

export interface ProjectionStatus {
  name: string;
  version: number;
  /** Position the read model has reached (0 when it is empty or built by another version). */
  position: number;
  /** Events the read model is behind the log. */
  lag: number;
  /** Set when the projection stopped itself; it stays stopped until reset or rebuilt. */
  failed?: ProjectionFailure;
}

interface Cursor {
  projection: DocumentProjection;
  /** The read model's checkpoint. */
  position: number;
}

/**
 * A batch being applied to one projection, page by page, not yet committed: the documents it
 * loaded or changed as they stand at `position` (frozen), which of them changed, and the fault
 * that ended it, if any.
 */
interface Batch {
  cursor: Cursor;
  docs: Map<string, unknown>;
  changed: Set<string>;
  /** Documents taken from the cache: written by this runner before (see DocumentChange.rewritten). */
  kept: Set<string>;
  /** The last event applied (the cursor's checkpoint before any). */
  position: number;
  /** Events applied since the last commit. */
  events: number;
  fault?: ProjectionFailure;
}

/**
 * Documents kept between batches, per projection; see `cached`. Enough for every part (metric,
 * target) a steady stream of writes touches: the write benchmark alone writes 40 metrics in turn,
 * and a part that fell out is read and parsed again on its next write.
 */
const CACHED_DOCUMENTS = 256;
/**
 * The same during `rebuild()`, which replays the log once in commit order: only the documents
 * the end of one batch touched are likely to be needed by the next. Whole company ledgers were
 * large (about 1 MB each on the benchmark's ledger), and keeping 32 of them was most of the
 * rebuild's live heap (keeping 4: peak RSS 309 -> 205 MB over 1,000,000 events, at the same
 * speed). A company's ledger is now stored in parts (per metric, year of a metric's figures and
 * target), so as many documents are a few companies' worth.
 */
export const REBUILD_CACHED_DOCUMENTS = 64;

interface DocumentCache {
  /** The checkpoint these documents are the state at. */
  position: number;
  docs: LruMap<string, unknown>;
}

const consoleLogger: ProjectionRunnerLogger = {
  log: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

/**
 * Keeps document read models up to date with the event log.
 *
 * Each projection runs from its own checkpoint. Events are read once per batch for all of them,
 * applied in commit order, and each projection commits its changed documents together with its
 * new checkpoint in one transaction per batch: a crash loses at most that batch, which is then
 * replayed, and a batch can never be applied twice (the store refuses a commit at or below its
 * checkpoint). A projection that throws stops itself — the good part of the batch is committed,
 * the failing event's position and error are recorded (visible in `status()`) — while the others
 * carry on; it stays stopped, across restarts, until it is reset, rebuilt or its version bumped.
 *
 * Every run (catch-up, rebuild, reset) is serialised on one queue, so two never touch a read
 * model at once. `catchUp()` is what read-your-writes uses: awaited after an append, it returns
 * once every healthy projection contains that append.
 */
export class ProjectionRunner {
  private readonly projections: readonly DocumentProjection[];
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private readonly waitPollMs: number;
  private readonly logger: ProjectionRunnerLogger;
  /** The end of the run queue. */
  private tail: Promise<void> = Promise.resolve();
  /** A catch-up queued but not yet started: later callers can share it. */
  private queuedCatchUp: Promise<void> | undefined;
  /** Failed projections already reported by this instance (to log the skip once, not per write). */
  private readonly reportedFailures = new Set<string>();
  private readonly commitWaiters = new Set<() => void>();
  private live: Promise<void> | undefined;
  private stopping = false;
  private doorbell = false;
  private wakeLive: (() => void) | undefined;
  /**
   * The documents this runner committed or read last, per projection, so that the next batch
   * (the next write, under ROLE=all) does not load and parse them again. Good only while the
   * read model's checkpoint is still the one this runner committed: prepare() drops it otherwise
   * (another process wrote the read model, a reset), as do a conflict and a reset here.
   */
  private readonly cached = new Map<string, DocumentCache>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    projections: readonly DocumentProjection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    const names = new Set<string>();
    for (const { name, version } of projections) {
      if (typeof name !== 'string' || name === '') throw new TypeError('a projection needs a non-empty name');
      if (names.has(name)) throw new TypeError(`two projections are named ${name}`);
      if (!Number.isSafeInteger(version) || version < 0) {
        throw new TypeError(`projection ${name}: version must be a non-negative integer, got ${version}`);
      }
      names.add(name);
    }
    this.projections = [...projections];
    this.batchSize = positiveInteger('batchSize', options.batchSize ?? 500);
    this.rebuildBatchSize = positiveInteger('rebuildBatchSize', options.rebuildBatchSize ?? 5000);
    this.pageSize = positiveInteger('pageSize', options.pageSize ?? 500);
    this.pollIntervalMs = positiveInteger('pollIntervalMs', options.pollIntervalMs ?? 500);
    this.waitPollMs = positiveInteger('waitPollMs', options.waitPollMs ?? 25);
    this.logger = options.logger ?? consoleLogger;
  }

  /**
   * Brings every healthy projection up to the log's last position as of the call. Concurrent
   * calls never overlap: a call made while a catch-up runs waits for it and for one more run,
   * which it shares with every other caller that arrives before that run starts (a run that
   * starts after an append always sees it). Rejects only when a store fails, never because a
   * projection threw.
   */
  catchUp(): Promise<void> {
    if (this.queuedCatchUp) return this.queuedCatchUp;
    const run = this.enqueue(() => {
      this.queuedCatchUp = undefined;
      return this.runCatchUp(this.options.onProgress);
    });
    this.queuedCatchUp = run;
    return run;
  }

  /**
   * Wipes every read model and replays the whole log, reporting progress after each batch.
   * Clears recorded failures: a projection that still throws stops again at the same event.
   */
  rebuild(onProgress = this.options.onProgress): Promise<void> {
    return this.enqueue(async () => {
      this.logger.log(`rebuilding read models ${this.projections.map((p) => p.name).join(', ')} from position 0`);
      for (const { name } of this.projections) await this.readStore.reset(name);
      this.cached.clear();
      this.reportedFailures.clear();
      onProgress?.({ done: 0, total: await this.eventStore.lastPosition() });
      try {
        await this.runCatchUp(onProgress, this.rebuildBatchSize, REBUILD_CACHED_DOCUMENTS);
      } finally {
        // The next catch-ups (live writes) keep their usual number of documents.
        this.cached.clear();
      }
    });
  }

  /** Wipes one read model (and its failure); the next catch-up replays it from position 0. */
  reset(name: string): Promise<void> {
    if (!this.projections.some((p) => p.name === name)) return Promise.reject(new Error(`no projection ${name}`));
    return this.enqueue(async () => {
      await this.readStore.reset(name);
      this.cached.delete(name);
      this.reportedFailures.delete(name);
    });
  }

  /**
   * Read from the stores, not from this instance: the right answer for /health whether this
   * process runs the projections or another one does.
   */
  async status(): Promise<ProjectionStatus[]> {
    const last = await this.eventStore.lastPosition();
    return Promise.all(
      this.projections.map(async ({ name, version }) => {
        const stored = await this.readStore.status(name);
        // A read model built by another version is as good as empty: it will be rebuilt.
        const current = stored?.version === version ? stored : null;
        const position = current?.position ?? 0;
        const status: ProjectionStatus = { name, version, position, lag: Math.max(0, last - position) };
        if (current?.failedAt) status.failed = current.failedAt;
        return status;
      }),
    );
  }

  /**
   * Resolves true once every projection that has not failed has reached `position`, false after
   * `timeoutMs`. Wakes on this instance's commits and polls the store for another process's
   * (the projector role), so it works on either side of that split.
   */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.reached(position)) return true;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      await this.nextCommit(Math.min(remaining, this.waitPollMs));
    }
  }

  /**
   * Starts the live loop (projector role): catch up, then sleep until the event store's
   * subscription rings (an append) or `pollIntervalMs` passes. A failing store is logged and
   * retried on the next round instead of ending the loop.
   */
  start(): void {
    if (this.live) return;
    this.stopping = false;
    this.live = this.runLive();
  }

  /**
   * Ends the live loop, and waits for every queued run (a catch-up after a write, a rebuild) to
   * commit its batch: after this, the stores can be closed without cutting a batch in half.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeLive?.();
    await this.live;
    this.live = undefined;
    await this.tail;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async runCatchUp(
    onProgress: ((progress: ProjectionProgress) => void) | undefined,
    batchSize = this.batchSize,
    cachedDocuments = CACHED_DOCUMENTS,
  ): Promise<void> {
    // Everything committed before this point is included; later appends are left to the next run,
    // so a steady stream of writes cannot keep one run (and its waiting writer) going for ever.
    const target = await this.eventStore.lastPosition();
    const pageSize = Math.min(this.pageSize, batchSize);
    let batches = (await this.prepare(cachedDocuments))
      .filter((cursor) => cursor.position < target)
      .map((cursor) => this.newBatch(cursor));
    let after = Math.min(...batches.map((batch) => batch.position));
    while (batches.length > 0 && after < target) {
      const events = await this.eventStore.readAll({ after, limit: pageSize });
      if (events.length === 0) break;
      // Shared by all projections of the page: frozen, so one cannot change what the next sees.
      for (const event of events) deepFreeze(event);
      const healthy: Batch[] = [];
      for (const batch of batches) {
        const fresh = events[0].position > batch.position ? events : events.filter((e) => e.position > batch.position);
        if (fresh.length > 0) await this.applyPage(batch, fresh);
        if (batch.fault !== undefined || batch.events >= batchSize) {
          if (!(await this.runBatch(batch))) continue;
        }
        healthy.push(batch);
      }
      batches = healthy;
      after = events[events.length - 1].position;
      onProgress?.({ done: after, total: Math.max(target, after) });
    }
    for (const batch of batches) await this.runBatch(batch);
  }

  private newBatch(cursor: Cursor): Batch {
    return { cursor, docs: new Map(), changed: new Set(), kept: new Set(), position: cursor.position, events: 0 };
  }

  /** The cursors of the projections to run: version changes reset, failed ones are skipped. */
  private async prepare(cachedDocuments: number): Promise<Cursor[]> {
    const cursors: Cursor[] = [];
    for (const projection of this.projections) {
      const { name, version } = projection;
      let stored = await this.readStore.status(name);
      if (stored && stored.version !== version) {
        this.logger.warn(
          `projection ${name}: read model was built by version ${stored.version}, this is version ${version}; ` +
            'rebuilding it from position 0',
        );
        await this.readStore.reset(name);
        this.reportedFailures.delete(name);
        stored = null;
      }
      const position = stored?.position ?? 0;
      if (this.cached.get(name)?.position !== position)
        this.cached.set(name, { position, docs: new LruMap(cachedDocuments) });
      if (stored?.failedAt) {
        if (!this.reportedFailures.has(name)) {
          this.reportedFailures.add(name);
          this.logger.error(
            `projection ${name} is stopped at position ${stored.failedAt.position} (${stored.failedAt.error}); ` +
              'skipping it until it is reset, rebuilt or its version bumped',
          );
        }
        continue;
      }
      cursors.push({ projection, position: stored?.position ?? 0 });
    }
    return cursors;
  }

  /**
   * Commits what the batch applied (documents and checkpoint in one transaction) and records its
   * fault, if any; then starts the cursor's next batch. False when the projection stopped.
   */
  private async runBatch(batch: Batch): Promise<boolean> {
    const { cursor } = batch;
    const { name, version } = cursor.projection;
    try {
      await this.commit(batch);
    } catch (error) {
      this.cached.delete(name);
      if (!(error instanceof CheckpointConflictError)) throw error;
      // Only if something else writes this read model (a second projector, a reset from the
      // CLI): its state is no longer what this run loaded, so leave it to the next run.
      this.logger.warn(`projection ${name}: ${error.message}; will reload its checkpoint on the next run`);
      return false;
    }
    if (batch.fault) {
      const { fault } = batch;
      await this.readStore.recordFailure(name, { ...fault, version });
      this.reportedFailures.add(name);
      this.logger.error(
        `projection ${name} STOPPED at position ${fault.position}: ${fault.error}. ` +
          `Its read model stays at position ${cursor.position}; the other projections carry on. ` +
          'Fix the projection and bump its version (or reset / rebuild it) to resume.',
      );
      return false;
    }
    Object.assign(batch, this.newBatch(cursor));
    return true;
  }

  private async commit(batch: Batch): Promise<void> {
    const { cursor, position, docs } = batch;
    if (position <= cursor.position) return;
    const { name, version } = cursor.projection;
    const changes: DocumentChange[] = [];
    for (const key of batch.changed) {
      const doc = docs.get(key) ?? null;
      changes.push(doc !== null && batch.kept.has(key) ? { key, doc, rewritten: true } : { key, doc });
    }
    await this.readStore.commit(name, version, changes, position);
    cursor.position = position;
    this.remember(name, position, docs);
    for (const wake of this.commitWaiters) wake();
  }

  private remember(name: string, position: number, docs: Map<string, unknown>): void {
    const cache = this.cached.get(name);
    if (cache === undefined) return;
    cache.position = position;
    for (const [key, doc] of docs) cache.docs.set(key, doc);
  }

  /** Applies a page of events to the batch: per document when the projection can, else in order. */
  private async applyPage(batch: Batch, events: StoredEvent[]): Promise<void> {
    if (batch.cursor.projection.applyAll !== undefined && (await this.applyPerDocument(batch, events))) return;
    await this.applyInOrder(batch, events);
  }

  /**
   * Applies events in order, loading each touched document once and keeping it in memory across
   * the batch; only documents that changed (a new object from `apply`) are written. An event
   * counts only when `keysOf` and `apply` succeed for all its keys, so a fault leaves the changes
   * of the events before it, which can be committed on their own.
   */
  private async applyInOrder(batch: Batch, events: StoredEvent[]): Promise<void> {
    const { projection } = batch.cursor;
    const { docs, changed } = batch;
    for (const event of events) {
      let keys: string[];
      try {
        keys = keysOf(projection, event);
      } catch (error) {
        batch.fault = { position: event.position, error: describeFault(error, event) };
        return;
      }
      // Outside the try: a store error is not the projection's fault, and rejects the run.
      for (const key of keys) {
        if (docs.has(key)) continue;
        docs.set(key, await this.loadDocument(batch, key));
      }
      let results: (readonly [string, unknown])[];
      try {
        results = keys.map((key) => {
          const next = projection.apply(docs.get(key) ?? null, event, key);
          if (next === undefined) throw new TypeError(`apply returned undefined for key ${key}; return null to delete`);
          freezeDocument(next, key);
          return [key, next] as const;
        });
      } catch (error) {
        batch.fault = { position: event.position, error: describeFault(error, event) };
        return;
      }
      for (const [key, next] of results) {
        if (next !== docs.get(key)) changed.add(key);
        touch(docs, key, next);
      }
      batch.position = event.position;
      batch.events++;
    }
  }

  /**
   * The fast path for projections with `applyAll`: the page's events grouped by document, each
   * document folded and checked once. Documents are independent of each other, so this equals
   * applying the events in order. False (and the batch as it was) when a projection function
   * threw: the caller then applies event by event, which finds the event at fault.
   */
  private async applyPerDocument(batch: Batch, events: StoredEvent[]): Promise<boolean> {
    const { projection } = batch.cursor;
    const byKey = new Map<string, StoredEvent[]>();
    for (const event of events) {
      let keys: string[];
      try {
        keys = keysOf(projection, event);
      } catch {
        return false;
      }
      for (const key of keys) {
        const list = byKey.get(key);
        if (list === undefined) byKey.set(key, [event]);
        else list.push(event);
      }
    }
    const { docs } = batch;
    // Loading is no change: documents not yet in the batch are as they stand at its position.
    for (const key of byKey.keys()) {
      if (!docs.has(key)) docs.set(key, await this.loadDocument(batch, key));
    }
    const results: [string, unknown][] = [];
    try {
      for (const [key, list] of byKey) {
        const before = docs.get(key) ?? null;
        const next = (projection.applyAll as NonNullable<DocumentProjection['applyAll']>)(before, list, key);
        if (next === undefined) return false;
        freezeDocument(next, key);
        if (next !== before) results.push([key, next]);
      }
    } catch {
      return false;
    }
    for (const [key, next] of results) {
      batch.changed.add(key);
      touch(docs, key, next);
    }
    batch.position = events[events.length - 1].position;
    batch.events += events.length;
    return true;
  }

  /**
   * A document as of the cursor's checkpoint: kept from the last commit while the cache is still
   * at that checkpoint, else read (and frozen).
   */
  private async loadDocument(batch: Batch, key: string): Promise<unknown> {
    const { name } = batch.cursor.projection;
    const cache = this.cached.get(name);
    const doc = cache?.position === batch.cursor.position ? cache.docs.get(key) : undefined;
    if (doc === undefined) return deepFreeze(await this.readStore.get(name, key));
    batch.kept.add(key);
    return doc;
  }

  private async reached(position: number): Promise<boolean> {
    for (const { name, version } of this.projections) {
      const stored = await this.readStore.status(name);
      const current = stored?.version === version ? stored : null;
      // A failed projection will not get there; waiting for it would only delay every read.
      if (current?.failedAt) continue;
      if ((current?.position ?? 0) < position) return false;
    }
    return true;
  }

  private nextCommit(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.commitWaiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.commitWaiters.add(wake);
    });
  }

  private async runLive(): Promise<void> {
    let subscription: Subscription | undefined;
    try {
      // The subscription is only a doorbell (it makes a KurrentDB append wake the loop at once);
      // polling still covers a store that cannot ring or a subscription that failed.
      subscription = this.eventStore.subscribe(await this.eventStore.lastPosition(), () => this.ring(), {
        onError: (error) =>
          this.logger.warn(`projection runner: event subscription failed (${String(error)}); polling only`),
      });
    } catch (error) {
      this.logger.warn(`projection runner: cannot subscribe (${String(error)}); polling only`);
    }
    try {
      while (!this.stopping) {
        this.doorbell = false;
        try {
          await this.catchUp();
        } catch (error) {
          this.logger.error(
            `projection runner: catch-up failed, retrying in ${this.pollIntervalMs} ms: ${String(error)}`,
          );
        }
        if (!this.stopping && !this.doorbell) await this.sleep();
      }
    } finally {
      await subscription?.close();
    }
  }

  private ring(): void {
    this.doorbell = true;
    this.wakeLive?.();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeLive?.(), this.pollIntervalMs);
      this.wakeLive = () => {
        clearTimeout(timer);
        this.wakeLive = undefined;
        resolve();
      };
    });
  }
}

/** Sets `key` last in the map's order: the batch's documents are kept most recently touched last. */
function touch(docs: Map<string, unknown>, key: string, doc: unknown): void {
  docs.delete(key);
  docs.set(key, doc);
}

function keysOf(projection: DocumentProjection, event: StoredEvent): string[] {
  const keys = projection.keysOf(event);
  if (!Array.isArray(keys)) throw new TypeError('keysOf must return an array of keys');
  for (const key of keys) {
    if (typeof key !== 'string' || key === '') {
      throw new TypeError(`keysOf returned ${JSON.stringify(key)}; keys are non-empty strings`);
    }
  }
  // Most events have one key or none: no set to build.
  return keys.length < 2 ? keys : [...new Set(keys)];
}

function describeFault(error: unknown, event: StoredEvent): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `${message} (event ${event.type} of ${event.stream} revision ${event.revision})`;
}

/**
 * Checks that a document `apply` returned is plain JSON data, and freezes it. Checked as each
 * document is produced, not when the batch is committed, so the failure names the event at fault
 * and does not depend on where a batch happens to end; and later events of the batch see exactly
 * what they would see after a reload (no Date, Map, NaN or class instance that JSON would turn
 * into something else). Parts already frozen (the previous document, event data) were checked
 * before and are skipped, so this costs only the new parts of each document. Properties set to
 * undefined are allowed: JSON drops them, and reading them gives undefined either way.
 */
function freezeDocument(value: unknown, key: string): void {
  new DocumentFreezer(key).visit(value);
}

/**
 * The walk of `freezeDocument`. It runs over every new part of every document a batch produces,
 * so it keeps the path to the current value as a stack of names and spells it out only for an
 * error (building a path string per value was most of its cost).
 */
class DocumentFreezer {
  private readonly ancestors: object[] = [];
  private readonly names: (string | number)[] = [];

  constructor(private readonly key: string) {}

  visit(value: unknown): void {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return;
      case 'number':
        if (!Number.isFinite(value)) throw new TypeError(`${this.path()} is ${value}, which JSON cannot hold`);
        return;
      case 'object':
        if (value === null) return;
        break;
      default:
        throw new TypeError(`${this.path()} is a ${typeof value}, which JSON cannot hold`);
    }
    if (this.ancestors.includes(value)) throw new TypeError(`${this.path()} contains itself: JSON cannot hold a cycle`);
    if (Object.isFrozen(value)) return;
    this.ancestors.push(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        this.names.push(i);
        if (child === undefined) throw new TypeError(`${this.path()} is undefined, which JSON turns into null`);
        this.visit(child);
        this.names.pop();
      }
    } else {
      // Any realm's Object.prototype (whose own prototype is null), or none: a plain object.
      const prototype = Object.getPrototypeOf(value) as object | null;
      if (prototype !== null && Object.getPrototypeOf(prototype) !== null) {
        const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
        throw new TypeError(`${this.path()} is a ${kind}, not plain JSON data`);
      }
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const child = record[key];
        if (child === undefined) continue;
        this.names.push(key);
        this.visit(child);
        this.names.pop();
      }
    }
    this.ancestors.pop();
    Object.freeze(value);
  }

  private path(): string {
    return this.names.reduce<string>(
      (path, name) => (typeof name === 'number' ? `${path}[${name}]` : `${path}.${name}`),
      `document ${JSON.stringify(this.key)}`,
    );
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
