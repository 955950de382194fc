import type { EventStore, StoredEvent } from '../event-store/event-store.port.js';
import { deepFreeze } from '../shared/deep-freeze.js';

/**
 * The events of recently read streams, parsed and frozen, for the reads that fold streams on
 * demand (asOf / recordedAsOf, histories). A stream's revisions are immutable and numbered from 0
 * without gaps, so a cached prefix stays right and only what was appended after it is read.
 * Least recently read streams are dropped once more than `maxEvents` events are held.
 */
export class StreamEvents {
  private readonly streams = new Map<string, readonly StoredEvent[]>();
  private held = 0;

  constructor(
    private readonly store: EventStore,
    readonly maxEvents = 20_000,
  ) {}

  async read(stream: string): Promise<readonly StoredEvent[]> {
    const cached = this.streams.get(stream) ?? [];
    const fresh = await this.store.readStream(stream, cached.length);
    const events = fresh.length === 0 ? cached : Object.freeze([...cached, ...fresh.map(deepFreeze)]);
    this.remember(stream, events);
    return events;
  }

  /** Number of events held. */
  get size(): number {
    return this.held;
  }

  private remember(stream: string, events: readonly StoredEvent[]): void {
    const current = this.streams.get(stream);
    if (current !== undefined) {
      // Another read of the stream may have finished first with a longer list: keep the longest.
      if (current.length > events.length) return;
      this.streams.delete(stream);
      this.held -= current.length;
    }
    if (events.length > this.maxEvents) return;
    // Re-inserted last: a Map iterates in insertion order, so the first streams are the least recent.
    this.streams.set(stream, events);
    this.held += events.length;
    for (const [oldest, list] of this.streams) {
      if (this.held <= this.maxEvents) break;
      this.streams.delete(oldest);
      this.held -= list.length;
    }
  }
}
