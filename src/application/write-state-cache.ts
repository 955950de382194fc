import { LruMap } from '../shared/lru-map.js';

/**
 * The folded state of recently written streams, so that a write reads only the events appended
 * since (usually none) instead of the whole stream. Safe under optimistic concurrency: revisions
 * are immutable, a state folded up to revision r stays the state at r, and every append still
 * checks the revision it was decided on. Each entry keeps the hash of the last event folded, so
 * that the reader can check it against the store (an import chunk rolled back, a restored file)
 * before trusting it. Least recently used entries are dropped beyond `capacity` streams.
 */
/** A stream folded up to `revision`, whose event has `hash`. */
export interface Folded<S = unknown> {
  state: S;
  revision: number;
  hash: string;
}

export class WriteStateCache {
  private readonly entries: LruMap<string, Folded & { decider: object }>;

  constructor(readonly capacity = 4096) {
    this.entries = new LruMap(capacity);
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
}
