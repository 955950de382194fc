import { CatchUpSubscription } from '../catch-up-subscription.js';
import {
  DuplicateIdempotencyKeyError,
  type AppendResult,
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
import { GENESIS_HASH, normaliseEvent, sealEvent, verifyEvents } from '../hash-chain.js';
import { checkExpectedRevision, idempotencyScope, readLimit, settle } from '../store-rules.js';

/**
 * For tests: the same semantics as the SQLite store, nothing persisted. Every read hands out
 * copies, so a caller that mutates what it read cannot change history (as with SQLite).
 */
export class MemoryEventStore implements EventStore {
  /** log[i] has position i + 1. */
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  /** Idempotency scope → the positions of the batch it started. */
  private readonly batches = new Map<string, number[]>();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  /** Inside batch(): the log length when it began; subscribers see nothing after it until it ends. */
  private batchStart: number | undefined;

  readStream(stream: string, fromRevision = 0): Promise<StoredEvent[]> {
    return Promise.resolve((this.streams.get(stream) ?? []).slice(Math.max(0, fromRevision)).map(copy));
  }

  streamHead(stream: string): Promise<StreamHead | undefined> {
    const last = this.streams.get(stream)?.at(-1);
    return Promise.resolve(last === undefined ? undefined : { revision: last.revision, hash: last.hash });
  }

  /** As on SQLite: a rejected batch leaves nothing behind. */
  async batch<T>(work: () => Promise<T>): Promise<T> {
    if (this.batchStart !== undefined) return work();
    const start = this.log.length;
    this.batchStart = start;
    try {
      return await work();
    } catch (error) {
      this.undoAfter(start);
      throw error;
    } finally {
      this.batchStart = undefined;
      for (const subscription of this.subscriptions) subscription.notify();
    }
  }

  private undoAfter(length: number): void {
    for (const event of this.log.splice(length)) {
      const events = this.streams.get(event.stream) as StoredEvent[];
      events.pop();
      if (events.length === 0) this.streams.delete(event.stream);
    }
    for (const [scope, positions] of this.batches) if (positions[0] > length) this.batches.delete(scope);
  }

  // No await before the last write: the whole append runs in one turn of the event loop, which
  // is what makes it atomic and serialises racing appends.
  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return settle(() => {
      if (events.length === 0) throw new RangeError('append needs at least one event');
      const normalised = events.map(normaliseEvent);
      const scope = idempotencyScope(normalised[0].metadata);
      if (scope !== undefined && this.batches.has(scope)) {
        throw new DuplicateIdempotencyKeyError(normalised[0].metadata.idempotencyKey as string);
      }
      const existing = this.streams.get(stream);
      const head = existing?.[existing.length - 1];
      checkExpectedRevision(stream, expected, head?.revision);
      let prevHash = head?.hash ?? GENESIS_HASH;
      let revision = head === undefined ? 0 : head.revision + 1;
      let position = this.log.length + 1;
      // Hashing can still throw (canonicalize): build everything before touching the state.
      const sealed = normalised.map((event) => {
        const stored = sealEvent(stream, revision++, prevHash, position++, event);
        prevHash = stored.hash;
        return stored;
      });
      this.log.push(...sealed);
      if (existing) existing.push(...sealed);
      else this.streams.set(stream, sealed.slice());
      if (scope !== undefined)
        this.batches.set(
          scope,
          sealed.map((e) => e.position),
        );
      if (this.batchStart === undefined) for (const subscription of this.subscriptions) subscription.notify();
      const last = sealed[sealed.length - 1];
      return { revision: last.revision, position: last.position, events: sealed.map(copy) };
    });
  }

  readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return settle(() => this.readAfter(options.after ?? 0, readLimit(options.limit)));
  }

  subscribe(after: number, handler: SubscriptionHandler, options: SubscribeOptions = {}): Subscription {
    const subscription: CatchUpSubscription = new CatchUpSubscription(
      (from, limit) => this.readAfter(from, Math.min(limit, Math.max(0, (this.batchStart ?? Infinity) - from))),
      after,
      handler,
      { ...options, onStopped: () => this.subscriptions.delete(subscription) },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  findByIdempotencyKey(recordedBy: string, route: string, idempotencyKey: string): Promise<StoredEvent[]> {
    const positions = this.batches.get(idempotencyScope({ recordedBy, route, idempotencyKey }) as string) ?? [];
    return Promise.resolve(positions.map((position) => copy(this.log[position - 1])));
  }

  verify(): Promise<VerifyReport> {
    return Promise.resolve(verifyEvents(this.log));
  }

  lastPosition(): Promise<number> {
    return Promise.resolve(this.log.length);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  private readAfter(after: number, limit: number): StoredEvent[] {
    return this.log.slice(Math.max(0, after), Math.max(0, after) + limit).map(copy);
  }
}

const copy = (event: StoredEvent): StoredEvent => structuredClone(event);
