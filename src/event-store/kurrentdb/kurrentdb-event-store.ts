/**
 * The EventStore port over KurrentDB (formerly EventStoreDB) through `@kurrent/kurrentdb-client`,
 * the maintained successor of `@eventstore/db-client`. A thin mapping; the rules (hash chain,
 * expected revision, idempotency scope, read limits) are the shared ones in ../hash-chain.ts and
 * ../store-rules.ts.
 *
 * Mapping:
 * - Stream and revision: a KurrentDB stream of the same name (after `namespace`), its native
 *   revision. `no_stream` / a number / `any` become the client's stream state; see append().
 * - Event: a JSON event of the same `type` and `data`; the event's custom metadata is our metadata
 *   including `prevHash` and `hash` (computed here before appending, so the chain is recomputable
 *   from what any KurrentDB reader sees).
 * - Position: KurrentDB's `$all` position is (commit, prepare). Every event written through the gRPC
 *   append has commit = prepare = its own log offset in bytes (there are no explicit transactions
 *   in this API), so `position = Number(commit)` is unique per event and strictly increasing in
 *   commit order, but sparse — which is all the port promises. Assumptions: commit positions stay
 *   below 2^53 (9 PB of log; checked, never silently rounded), and the database holds no events
 *   written by legacy TCP explicit transactions (whose events share one commit position).
 * - `after` positions handed back to readAll()/subscribe() must be 0 or positions this store
 *   returned (or anything beyond the end of the log): KurrentDB reads `$all` from a record boundary.
 * - The ledger's streams are those under `namespace` + one of `streamPrefixes`; readAll, subscribe,
 *   lastPosition and verify see nothing else (system streams, projections' `$ce-…` links, other
 *   applications).
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  streamNameFilter,
  type AllStreamSubscription,
  type AppendStreamState,
  type Filter,
  type Position,
  type ReadPosition,
  type RecordedEvent,
} from '@kurrent/kurrentdb-client';
import {
  DuplicateIdempotencyKeyError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventMetadata,
  type EventStore,
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
import { ChainVerifier, GENESIS_HASH, normaliseEvent, sealEvent, type NormalisedEvent } from '../hash-chain.js';
import { checkExpectedRevision, idempotencyScope, readLimit } from '../store-rules.js';
import { KURRENTDB_SCHEMES, isKurrentDbUrl } from './kurrentdb-url.js';
import { uuidFromHash } from './uuid-from-hash.js';

export { isKurrentDbUrl } from './kurrentdb-url.js';

/** The stream-name prefixes of the ledger (see src/ledger/shared/streams.ts). */
export const LEDGER_STREAM_PREFIXES: readonly string[] = ['company-', 'metric-', 'target-', 'fx-', 'access-'];

export interface KurrentDbEventStoreOptions {
  /**
   * Prepended to every stream name on the server and stripped on read, so that several ledgers (or
   * test runs) can share one database. Default: none.
   */
  namespace?: string;
  /** Stream-name prefixes (below the namespace) that belong to the ledger. Default: LEDGER_STREAM_PREFIXES. */
  streamPrefixes?: readonly string[];
}

/**
 * Idempotency claims live in streams of their own, outside every ledger prefix; see append().
 * The claim stream's name hashes the namespace and the scope (caller, route, key).
 */
const CLAIM_STREAM_PREFIX = 'ledger-idempotency-';
const CLAIMED = 'IdempotencyKeyClaimed';
const RELEASED = 'IdempotencyKeyReleased';
/** Namespace of the event ids derived from an idempotency scope (a fixed, random UUID). */
const EVENT_ID_NAMESPACE = '3f1c2b9e-7d4a-4e8b-9a61-0c5d2e8f7b13';
/** With `any`, a racing writer moves the head between our read and our append: re-seal and retry. */
const ANY_ATTEMPTS = 5;
const SCAN_PAGE = 1000;

interface ClaimData {
  stream: string;
  count: number;
}

interface Claim {
  stream: string;
  revision: bigint;
}

export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly namespace: string;
  private readonly prefixes: string[];
  private readonly subscriptions = new Set<KurrentDbSubscription>();
  private closed = false;

  constructor(connectionString: string, options: KurrentDbEventStoreOptions = {}) {
    if (!isKurrentDbUrl(connectionString)) {
      throw new Error(`not a KurrentDB connection string: use one of ${KURRENTDB_SCHEMES.join(', ')}`);
    }
    this.namespace = options.namespace ?? '';
    this.prefixes = (options.streamPrefixes ?? LEDGER_STREAM_PREFIXES).map((prefix) => this.namespace + prefix);
    for (const prefix of this.prefixes) {
      if (prefix === '' || prefix.startsWith('$') || CLAIM_STREAM_PREFIX.startsWith(prefix)) {
        throw new Error(`stream prefix "${prefix}" would take in system or idempotency streams`);
      }
    }
    // `esdb` is the same protocol under its old name; the client warns about it on every connect.
    this.client = KurrentDBClient.connectionString(connectionString.replace(/^esdb(\+discover)?:/, 'kurrentdb$1:'));
  }

  async readStream(stream: string, fromRevision = 0): Promise<StoredEvent[]> {
    const from = fromRevision > 0 ? BigInt(fromRevision) : START;
    return (await this.readRecorded(this.serverName(stream), from)).map((event) => this.toStored(event));
  }

  async streamHead(stream: string): Promise<StreamHead | undefined> {
    const last = await this.head(this.serverName(stream));
    return last === undefined ? undefined : { revision: last.revision, hash: last.hash };
  }

  /** Every append is its own durable commit on KurrentDB: nothing to group, nothing to undo. */
  batch<T>(work: () => Promise<T>): Promise<T> {
    this.assertOpen();
    return work();
  }

  /**
   * KurrentDB appends one stream atomically with an expected revision; everything else is mapping:
   *
   * - The chain needs the head's hash, so the head is read first and the append always expects
   *   exactly that head (also for `any`, retried when another writer got in between): a concurrent
   *   append can never slip between the hash we computed and the revision it lands at.
   * - Idempotency-Key: KurrentDB has no multi-stream transactions (and no unique index), so the key
   *   is claimed first, by appending to its own stream `ledger-idempotency-{sha256}` with the stream
   *   state we read there (no stream / last event a release). Exactly one racer wins that append;
   *   the others get DuplicateIdempotencyKeyError before touching the target stream, whatever its
   *   revision. The batch then goes to the target stream with event ids derived from the scope, so
   *   findByIdempotencyKey finds exactly that batch. When the target append definitely failed
   *   (WrongExpectedRevisionError: nothing was written) the claim is released, so the key can be
   *   used again, as on the embedded store. When it failed ambiguously (connection lost, timeout)
   *   the claim stays: the batch may have committed. Then, and while the first attempt is still in
   *   flight, a retry gets DuplicateIdempotencyKeyError while findByIdempotencyKey returns [] until
   *   (unless) the batch is there: the caller must answer "try again later", not "done".
   */
  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const name = this.serverName(stream);
    if (!this.isLedgerStream(name)) {
      throw new RangeError(`stream ${stream} is outside this ledger's prefixes (${this.prefixes.join(', ')})`);
    }
    // Serialisation errors surface here, before anything is written.
    const normalised = events.map(normaliseEvent);
    for (const event of normalised) {
      if (event.type.startsWith('$')) throw new RangeError(`event type ${event.type}: $-types are KurrentDB's own`);
    }
    const first = normalised[0].metadata;
    const scope = idempotencyScope(first);
    const claim = scope === undefined ? undefined : await this.claim(scope, name, normalised.length, first);
    try {
      const ids = normalised.map((_, index) => (scope === undefined ? randomUUID() : this.eventId(scope, index)));
      for (let attempt = 1; ; attempt++) {
        const head = await this.head(name);
        checkExpectedRevision(stream, expected, head?.revision);
        const firstRevision = head === undefined ? 0 : head.revision + 1;
        try {
          await this.client.appendToStream(name, this.seal(stream, head, normalised, ids), {
            streamState: head === undefined ? NO_STREAM : BigInt(head.revision),
          });
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
          if (expected === 'any' && attempt < ANY_ATTEMPTS) continue;
          const actual = error.actualState;
          throw new WrongExpectedRevisionError(
            stream,
            expected,
            actual === NO_STREAM || actual < 0n ? 'no_stream' : Number(actual),
          );
        }
        // Positions are the server's: read the batch back (it is ours: the server took our state).
        const stored = (await this.readRecorded(name, BigInt(firstRevision), normalised.length)).map((event) =>
          this.toStored(event),
        );
        const last = stored[stored.length - 1];
        return { revision: last.revision, position: last.position, events: stored };
      }
    } catch (error) {
      if (claim !== undefined && error instanceof WrongExpectedRevisionError) await this.release(claim);
      throw error;
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const limit = readLimit(options.limit);
    const events: StoredEvent[] = [];
    if (limit === 0) return events;
    for await (const event of this.scan(after, limit + 1)) {
      events.push(this.toStored(event));
      if (events.length === limit) break;
    }
    return events;
  }

  subscribe(after: number, handler: SubscriptionHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription: KurrentDbSubscription = new KurrentDbSubscription(this, after, handler, options, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async findByIdempotencyKey(recordedBy: string, route: string, idempotencyKey: string): Promise<StoredEvent[]> {
    const scope = idempotencyScope({ recordedBy, route, idempotencyKey }) as string;
    const [last] = await this.readRecorded(this.claimStream(scope), END, 1, BACKWARDS);
    if (last?.type !== CLAIMED) return [];
    const { stream, count } = last.data as unknown as ClaimData;
    const ids = new Set(Array.from({ length: count }, (_, index) => this.eventId(scope, index)));
    const batch = (await this.readRecorded(stream)).filter((event) => ids.has(event.id));
    return batch.map((event) => this.toStored(event));
  }

  /** Walks the ledger's part of `$all` up to the position that was last when it started. */
  async verify(): Promise<VerifyReport> {
    const end = await this.lastPosition();
    const verifier = new ChainVerifier();
    if (end === 0) return verifier.report();
    for await (const event of this.scan(0, SCAN_PAGE)) {
      const position = toNumber(event.position?.commit);
      if (position > end) break;
      let stored: StoredEvent | undefined;
      try {
        stored = this.toStored(event);
      } catch (error) {
        const stream = event.streamId.slice(this.namespace.length);
        verifier.addUnreadable(stream, Number(event.revision), position, `unreadable event: ${String(error)}`);
      }
      if (stored) verifier.add(stored);
    }
    return verifier.report();
  }

  async lastPosition(): Promise<number> {
    for await (const { event } of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      filter: this.filter(),
    })) {
      if (event) return toNumber(event.position.commit);
    }
    return 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  // ---- used by KurrentDbSubscription ----

  /** The server's filter: the ledger's stream prefixes (which leaves out `$` streams). */
  filter(): Filter {
    return streamNameFilter({ prefixes: this.prefixes });
  }

  /** `after` as a place to start reading `$all`: see the header on which positions are valid. */
  startAfter(after: number): ReadPosition {
    return after <= 0 ? START : toPosition(after);
  }

  openSubscription(from: ReadPosition): AllStreamSubscription {
    return this.client.subscribeToAll({ fromPosition: from, filter: this.filter() });
  }

  /** Null for what is not a ledger event (defensive: the server filter already leaves those out). */
  toStoredOrNull(event: RecordedEvent | undefined): StoredEvent | null {
    if (event === undefined || event.type.startsWith('$') || !this.isLedgerStream(event.streamId)) return null;
    return this.toStored(event);
  }

  // ---- mapping ----

  private toStored(event: RecordedEvent): StoredEvent {
    const { data, metadata } = event;
    if (!event.isJson || !isRecord(data) || !isRecord(metadata)) {
      throw new TypeError(`${event.streamId}@${event.revision} is not a JSON event with JSON metadata`);
    }
    const { prevHash, hash } = metadata as unknown as EventMetadata;
    return {
      position: toNumber(event.position?.commit),
      stream: event.streamId.slice(this.namespace.length),
      revision: Number(event.revision),
      type: event.type,
      data,
      metadata: metadata as unknown as EventMetadata,
      prevHash,
      hash,
    };
  }

  private seal(stream: string, head: StoredEvent | undefined, events: NormalisedEvent[], ids: string[]) {
    let prevHash = head?.hash ?? GENESIS_HASH;
    let revision = head === undefined ? 0 : head.revision + 1;
    return events.map((event, index) => {
      // Position is the server's; the hash does not cover it.
      const sealed = sealEvent(stream, revision++, prevHash, 0, event);
      prevHash = sealed.hash;
      return jsonEvent({ id: ids[index], type: sealed.type, data: sealed.data, metadata: { ...sealed.metadata } });
    });
  }

  private serverName(stream: string): string {
    return this.namespace + stream;
  }

  private isLedgerStream(name: string): boolean {
    return this.prefixes.some((prefix) => name.startsWith(prefix));
  }

  private claimStream(scope: string): string {
    return CLAIM_STREAM_PREFIX + createHash('sha256').update(`${this.namespace}\n${scope}`, 'utf8').digest('hex');
  }

  private eventId(scope: string, index: number): string {
    return uuidFromHash(EVENT_ID_NAMESPACE, `${this.namespace}\n${scope}\n${index}`);
  }

  // ---- reads ----

  private async head(name: string): Promise<StoredEvent | undefined> {
    const [last] = await this.readRecorded(name, END, 1, BACKWARDS);
    return last === undefined ? undefined : this.toStored(last);
  }

  /** A stream's events (none when it does not exist). */
  private async readRecorded(
    name: string,
    fromRevision: bigint | typeof START | typeof END = START,
    maxCount?: number,
    direction: typeof FORWARDS | typeof BACKWARDS = FORWARDS,
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(name, { fromRevision, direction, maxCount })) {
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /** The ledger's events after `after` in commit order, page by page. */
  private async *scan(after: number, pageSize: number): AsyncGenerator<RecordedEvent & { position: Position }> {
    let from = this.startAfter(after);
    let skipUpTo = after;
    for (;;) {
      let read = 0;
      let last: Position | undefined;
      for await (const { event } of this.client.readAll({
        fromPosition: from,
        maxCount: pageSize,
        filter: this.filter(),
      })) {
        if (!event) continue;
        read++;
        last = event.position;
        // Reads from a position include the event at it.
        if (toNumber(event.position.commit) <= skipUpTo) continue;
        if (event.type.startsWith('$')) continue;
        yield event;
      }
      if (read < pageSize || last === undefined) return;
      from = last;
      skipUpTo = toNumber(last.commit);
    }
  }

  // ---- idempotency claims ----

  private async claim(scope: string, stream: string, count: number, metadata: NewEvent['metadata']): Promise<Claim> {
    const name = this.claimStream(scope);
    const [last] = await this.readRecorded(name, END, 1, BACKWARDS);
    if (last?.type === CLAIMED) throw new DuplicateIdempotencyKeyError(metadata.idempotencyKey as string);
    const state: AppendStreamState = last === undefined ? NO_STREAM : last.revision;
    const data: ClaimData = { stream, count };
    try {
      const result = await this.client.appendToStream(
        name,
        jsonEvent({ type: CLAIMED, data: { ...data }, metadata: { recordedAt: metadata.recordedAt } }),
        { streamState: state },
      );
      return { stream: name, revision: result.nextExpectedRevision };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new DuplicateIdempotencyKeyError(metadata.idempotencyKey as string);
      }
      throw error;
    }
  }

  /** Best effort: if even this fails, the key stays claimed (see append()). */
  private async release(claim: Claim): Promise<void> {
    try {
      await this.client.appendToStream(claim.stream, jsonEvent({ type: RELEASED, data: {} }), {
        streamState: claim.revision,
      });
    } catch {
      // The original error is the one to report.
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

/**
 * Catch-up subscription on `$all` (filtered to the ledger's streams): history, then live events.
 * The handler is awaited per event (the stream is consumed with for-await, so the client holds
 * back the rest); a handler error stops it.
 */
class KurrentDbSubscription implements Subscription {
  private stream: AllStreamSubscription | undefined;
  private stopped = false;
  private readonly finished: Promise<void>;

  constructor(
    private readonly store: KurrentDbEventStore,
    private readonly after: number,
    private readonly handler: SubscriptionHandler,
    private readonly options: SubscribeOptions,
    private readonly onStopped: () => void,
  ) {
    this.finished = this.run();
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.stream?.unsubscribe().catch(() => undefined);
    await this.finished;
  }

  private async run(): Promise<void> {
    // Never call the handler synchronously from inside subscribe().
    await Promise.resolve();
    let cursor = this.after;
    try {
      // A position beyond the end of the log is not a record boundary the server can start from
      // once more events arrive: start from the last event instead, and skip up to `after`.
      const last = this.after > 0 ? await this.store.lastPosition() : 0;
      if (this.stopped) return;
      this.stream = this.store.openSubscription(this.store.startAfter(Math.min(this.after, last)));
      for await (const resolved of this.stream) {
        if (this.stopped) break;
        const event = this.store.toStoredOrNull(resolved.event);
        if (event === null || event.position <= cursor) continue;
        await this.handler(event);
        cursor = event.position;
      }
    } catch (error) {
      if (this.stopped) return; // closing cancels the stream
      this.stopped = true;
      if (this.options.onError) this.options.onError(error);
      else console.error(`event-store subscription stopped after position ${cursor}:`, error);
    } finally {
      this.stopped = true;
      await this.stream?.unsubscribe().catch(() => undefined);
      this.onStopped();
    }
  }
}

/** 2^64 - 1: what servers that do not put $all positions on stream reads send instead. */
const NO_POSITION = 0xffffffffffffffffn;

function toNumber(commit: bigint | undefined): number {
  if (commit === undefined || commit === NO_POSITION) {
    throw new Error('KurrentDB sent an event without its $all position: use EventStoreDB 22.10 or later, or KurrentDB');
  }
  if (commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`KurrentDB position ${commit} is beyond 2^53: it cannot be exposed as a number`);
  }
  return Number(commit);
}

/** Valid for positions this store returned: commit and prepare are the same for gRPC appends. */
function toPosition(position: number): Position {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
