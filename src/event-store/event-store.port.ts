/**
 * The EventStore port: the only way the application touches stored events. Adapters (sqlite,
 * memory, later kurrentdb) must all pass `event-store.contract.ts`.
 */

/** Metadata the application supplies with each new event. The store adds prevHash and hash. */
export interface NewEventMetadata {
  recordedAt: string;
  recordedBy: string;
  correlationId: string;
  causationId: string;
  schemaVersion: number;
  /** The client's Idempotency-Key, when it sent one (kept for ever on the embedded store). */
  idempotencyKey?: string;
  /** With idempotencyKey: the route the key is scoped to, e.g. "POST /companies/acme/metrics". */
  route?: string;
  /** With idempotencyKey: SHA-256 of the canonical request body, to tell a retry from a misuse. */
  requestHash?: string;
}

export interface EventMetadata extends NewEventMetadata {
  prevHash: string;
  hash: string;
}

export interface NewEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: NewEventMetadata;
}

export interface StoredEvent {
  /** Place in the global log: positive and strictly increasing in commit order (1, 2, 3… on SQLite; sparse on KurrentDB). */
  position: number;
  stream: string;
  /** Place in the stream, starting at 0. */
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** Per-stream chain: same values as metadata.prevHash / metadata.hash. */
  prevHash: string;
  hash: string;
}

/**
 * `no_stream`: the stream must not exist yet; `any`: no check; a number: the stream's last
 * revision must be exactly that.
 */
export type ExpectedRevision = number | 'no_stream' | 'any';

export interface AppendResult {
  /** Revision of the last appended event. */
  revision: number;
  /** Position of the last appended event. */
  position: number;
  events: StoredEvent[];
}

export interface ReadAllOptions {
  /** Exclusive; 0 (default) reads from the start. */
  after?: number;
  /** Default 100. */
  limit?: number;
}

export interface Subscription {
  close(): Promise<void>;
}

export type SubscriptionHandler = (event: StoredEvent) => void | Promise<void>;

export interface SubscribeOptions {
  /**
   * Called once when the handler throws (or the store fails to read); the subscription has then
   * stopped, and the failed event is not acknowledged. Without it the error goes to console.error,
   * because a projection that stops silently is worse than a noisy one.
   */
  onError?: (error: unknown) => void;
}

export interface VerifyReport {
  ok: boolean;
  streams: number;
  events: number;
  firstBroken?: { stream: string; revision: number; position?: number; reason: string };
}

export interface StreamHead {
  revision: number;
  hash: string;
}

export interface EventStore {
  /**
   * The events of a stream from revision `fromRevision` on (default 0: all of them), in revision
   * order; [] when it does not exist or has nothing from there. Revisions are immutable, so a
   * caller that folded a stream up to revision r can catch up by reading from r + 1.
   */
  readStream(stream: string, fromRevision?: number): Promise<StoredEvent[]>;
  /**
   * The revision and hash of a stream's last event (undefined when it does not exist), without
   * reading the event itself: how a caller that keeps a folded state checks it is still current.
   */
  streamHead(stream: string): Promise<StreamHead | undefined>;
  /**
   * Appends atomically (all or nothing) when the stream is at `expected`; otherwise throws
   * WrongExpectedRevisionError. Durable when the promise resolves. `events` must not be empty.
   * When the first event carries metadata.idempotencyKey, the batch is registered under
   * recordedBy + route + key, and a second use throws DuplicateIdempotencyKeyError (checked before
   * the revision, so a retry learns it is a retry rather than a conflict).
   */
  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** The global log in commit order. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /**
   * Delivers every event after `after` in commit order, then new ones as they are committed. The
   * handler is awaited before the next event (never concurrent); if it throws, the subscription
   * stops and `options.onError` gets the error. `close()` resolves after the handler call in flight
   * (if any) has returned, so do not await it from inside the handler.
   */
  subscribe(after: number, handler: SubscriptionHandler, options?: SubscribeOptions): Subscription;
  /** Events appended under this caller, route and Idempotency-Key (the first batch), or []. */
  findByIdempotencyKey(recordedBy: string, route: string, idempotencyKey: string): Promise<StoredEvent[]>;
  /** Re-computes every hash and link; never throws for a broken chain, reports it. */
  verify(): Promise<VerifyReport>;
  /**
   * Runs `work` with the appends it makes grouped into as few durable commits as the store can
   * (the embedded store: one transaction, one fsync, each append still atomic on its own inside
   * it). Only for a caller that has the store to itself, such as the bulk importer: until `work`
   * resolves, its appends are visible to its own reads but not yet acknowledged (durable). If
   * `work` rejects, a store that can undo them does (SQLite), others keep what was appended.
   */
  batch<T>(work: () => Promise<T>): Promise<T>;
  /** Position of the last committed event (0 when empty). */
  lastPosition(): Promise<number>;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${stream} is at ${String(actual)}, expected ${String(expected)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Another append already used this caller + route + Idempotency-Key. */
export class DuplicateIdempotencyKeyError extends Error {
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency-Key ${idempotencyKey} was already used`);
    this.name = 'DuplicateIdempotencyKeyError';
  }
}

export const EVENT_STORE = Symbol('EVENT_STORE');
