import { LruMap } from '../shared/lru-map.js';

/**
 * The folded state of recently written streams, so that a write reads only the events appended
 * since (usually none) instead of the whole stream. Safe under optimistic concurrency: revisions
 * are immutable, a state folded up to revision r stays the state at r, and every append still
 * checks the revision it was decided on. Each entry keeps the hash of the last event folded, so
 * that the reader can check it against the store (an import chunk rolled back, a restored file)
 * before trusting it.
 *
 * Bounded twice, least recently used first: at `capacity` streams, and at `maxEvents` events
 * folded in all (an entry folded up to revision r counts r + 1), since a state grows with its
 * stream: a metric holds all its figures. With the stream bound alone, an import of 200,000
 * commands held 4,096 whole metrics, and its RSS grew 195 → 331 MB while a capacity of 256 kept
 * it at 232 MB at the same speed. A stream longer than `maxEvents` is not kept at all.
 */
/** A stream folded up to `revision`, whose event has `hash`. */
export interface Folded<S = unknown> {
  state: S;
  revision: number;
  hash: string;
}

export const WRITE_STATE_STREAMS = 4096;
export const WRITE_STATE_EVENTS = 50_000;

type Entry = Folded & { decider: object };

export class WriteStateCache {
  private readonly entries: LruMap<string, Entry>;

  constructor(
    readonly capacity = WRITE_STATE_STREAMS,
    readonly maxEvents = WRITE_STATE_EVENTS,
  ) {
    if (!Number.isSafeInteger(maxEvents) || maxEvents < 0) {
      throw new RangeError(`maxEvents must be a non-negative integer, got ${maxEvents}`);
    }
    // A state folded up to revision r holds r + 1 events.
    this.entries = new LruMap(capacity, { maxWeight: maxEvents, weigh: (entry) => entry.revision + 1 });
  }

  /** The state of `stream` as folded by `decider`, and the revision it is folded up to. */
  get<S>(stream: string, decider: object): Folded<S> | undefined {
    const entry = this.entries.get(stream);
    if (entry === undefined || entry.decider !== decider) return undefined;
    return { state: entry.state as S, revision: entry.revision, hash: entry.hash };
  }

  set(stream: string, decider: object, { state, revision, hash }: Folded): void {
    const current = this.entries.get(stream);
    // Never step back: a slower reader must not replace a fresher fold.
    if (current !== undefined && current.decider === decider && current.revision > revision) return;
    this.entries.set(stream, { decider, state, revision, hash });
  }

  /** Forgets a stream: its next read folds it from the start. */
  delete(stream: string): void {
    this.entries.delete(stream);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Events folded into the states held. */
  get events(): number {
    return this.entries.totalWeight;
  }
}
