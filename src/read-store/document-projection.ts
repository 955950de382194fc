import type { StoredEvent } from '../event-store/event-store.port.js';

/**
 * A projection whose read model is a set of JSON documents, one per key. Both functions must be
 * pure (no clock, no I/O, no mutation of their arguments — the runner hands them frozen objects),
 * because the same events must always give the same documents: that is what lets `rebuild`
 * reproduce the live read model exactly.
 *
 * Methods (not function-typed properties) on purpose: a DocumentProjection<CompanyDoc> can then be
 * listed among DocumentProjection<unknown>.
 */
export interface DocumentProjection<D = unknown> {
  /** Stable, unique among the projections of one runner: the read model is stored under it. */
  readonly name: string;
  /**
   * Bump whenever `apply` or `keysOf` changes meaning: the runner then wipes the read model and
   * replays the log from position 0.
   */
  readonly version: number;
  /** The documents the event affects ([] for events of no interest). */
  keysOf(event: StoredEvent): string[];
  /** The document for `key` after `event` (`doc` is null when there is none); null deletes it. */
  apply(doc: D | null, event: StoredEvent, key: string): D | null;
  /**
   * Optional, for speed: the document after all of `events` (the batch's events for `key`, in
   * commit order), exactly what `apply` one event at a time gives. It may build its result in
   * place on a private copy, never on `doc` (frozen). If it throws, the runner applies the batch
   * event by event instead, to stop exactly at the event at fault.
   */
  applyAll?(doc: D | null, events: readonly StoredEvent[], key: string): D | null;
}
