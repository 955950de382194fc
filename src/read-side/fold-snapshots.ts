import type { StoredEvent } from '../event-store/event-store.port.js';
import {
  type CompanyLedger,
  foldCompanyLedger,
  initialCompanyLedger,
  isRecordedBy,
} from '../projections/ledger/index.js';
import { deepFreeze } from '../shared/deep-freeze.js';

/** The fold of a company's first `count` events (in commit order), the last at `position`. */
interface Snapshot {
  count: number;
  position: number;
  /** The event of the prefix recorded last (null: empty prefix): a limit that sees it sees them all. */
  latest: StoredEvent | null;
  ledger: CompanyLedger;
  /** When it was made (a counter): the newest are kept. */
  made: number;
}

const EMPTY: Snapshot = { count: 0, position: 0, latest: null, ledger: deepFreeze(initialCompanyLedger()), made: 0 };

export interface FoldSnapshotOptions {
  /** Snapshots are taken every `step` events of a company: a read folds fewer than that on top. */
  step?: number;
  /** Companies with fewer events are folded whole: that is cheap enough. */
  minEvents?: number;
  /** Snapshots kept per company (different record-time limits need different ones)... */
  perCompany?: number;
  /** ... and companies with snapshots, least recently read dropped first ... */
  companies?: number;
  /** ... and so that all snapshots together cover at most this many events (a bound on memory). */
  maxEvents?: number;
}

/**
 * Answers `recordedAsOf` reads (without asOf) of large companies from snapshots of the on-demand
 * fold: "the ledger as recorded at T" is the fold of the company's events recorded by T, in commit
 * order. A snapshot is the frozen fold of the company's first n events, and serves a read when
 * (a) all n were recorded by its T (its latest-recorded event is visible) and (b) the company's
 * streams still hold exactly n events up to the snapshot's position. Events are immutable and a
 * later write only adds events after it, so (b) holds unless the stream set itself changed (a
 * stream the read model did not list yet): then the snapshot is simply not used. The read folds
 * the visible events after the snapshot on top of it, which is the same left fold.
 */
export class FoldSnapshots {
  private readonly step: number;
  private readonly minEvents: number;
  private readonly perCompany: number;
  private readonly companies: number;
  private readonly maxEvents: number;
  /** By company, most recently read last (a Map iterates in insertion order). */
  private readonly snapshots = new Map<string, Snapshot[]>();
  private made = 0;

  constructor(options: FoldSnapshotOptions = {}) {
    this.step = options.step ?? 1024;
    this.minEvents = options.minEvents ?? 2 * this.step;
    this.perCompany = options.perCompany ?? 2;
    this.companies = options.companies ?? 4;
    this.maxEvents = options.maxEvents ?? 40_000;
  }

  /**
   * The company's ledger as recorded at `recordedAsOf`, from the events of all its streams (each
   * in revision order, which is commit order within a stream).
   */
  ledgerAsRecorded(
    companyId: string,
    streams: readonly (readonly StoredEvent[])[],
    recordedAsOf: string,
  ): CompanyLedger {
    const visible = isRecordedBy(recordedAsOf);
    const kept = this.snapshots.get(companyId) ?? [];
    if (kept.length > 0) {
      this.snapshots.delete(companyId);
      this.snapshots.set(companyId, kept);
    }
    const base =
      kept.find((s) => (s.latest === null || visible(s.latest)) && countUpTo(streams, s.position) === s.count) ?? EMPTY;
    let from = base;
    let rest = eventsAfter(streams, base.position);
    // Leading visible events: a snapshot may cover them for the next read at this limit.
    let leading = 0;
    while (leading < rest.length && visible(rest[leading])) leading++;
    const total = base.count + rest.length;
    // Never beyond what the bound lets keep: a larger company gets a snapshot of its first events.
    const target = Math.floor(Math.min(base.count + leading, this.maxEvents) / this.step) * this.step;
    if (total >= this.minEvents && target - base.count >= this.step) {
      const covered = rest.slice(0, target - base.count);
      from = {
        count: target,
        position: covered[covered.length - 1].position,
        latest: latestRecorded(base.latest, covered),
        ledger: deepFreeze(foldCompanyLedger(covered, base.ledger)),
        made: ++this.made,
      };
      this.remember(companyId, kept, from);
      rest = rest.slice(covered.length);
    }
    return foldCompanyLedger(rest.filter(visible), from.ledger);
  }

  /** Number of snapshots held (all companies). */
  get size(): number {
    let n = 0;
    for (const list of this.snapshots.values()) n += list.length;
    return n;
  }

  /** Events covered by all snapshots held (snapshots of one company share much of their data). */
  get coveredEvents(): number {
    let n = 0;
    for (const list of this.snapshots.values()) for (const snapshot of list) n += snapshot.count;
    return n;
  }

  private remember(companyId: string, kept: readonly Snapshot[], snapshot: Snapshot): void {
    if (snapshot.count > this.maxEvents) return;
    // The newest perCompany, most covered first (the first valid one is then the best).
    const list = [snapshot, ...kept.filter((s) => s.count !== snapshot.count)]
      .sort((a, b) => b.made - a.made)
      .slice(0, this.perCompany)
      .sort((a, b) => b.count - a.count);
    this.snapshots.delete(companyId);
    this.snapshots.set(companyId, list);
    for (const oldest of this.snapshots.keys()) {
      if (this.snapshots.size <= this.companies && this.coveredEvents <= this.maxEvents) break;
      if (oldest === companyId) {
        // This company alone is over the bound: keep its newest snapshot only.
        this.snapshots.set(companyId, [snapshot]);
        break;
      }
      this.snapshots.delete(oldest);
    }
  }
}

/** First index in a position-ordered list whose position is above `position`. */
function indexAfter(events: readonly StoredEvent[], position: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (events[middle].position <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}

function countUpTo(streams: readonly (readonly StoredEvent[])[], position: number): number {
  let count = 0;
  for (const events of streams) count += indexAfter(events, position);
  return count;
}

/** The events after `position` of all streams, in commit order. */
function eventsAfter(streams: readonly (readonly StoredEvent[])[], position: number): StoredEvent[] {
  const after: StoredEvent[] = [];
  for (const events of streams) {
    for (let i = indexAfter(events, position); i < events.length; i++) after.push(events[i]);
  }
  return after.sort((a, b) => a.position - b.position);
}

function latestRecorded(latest: StoredEvent | null, events: readonly StoredEvent[]): StoredEvent | null {
  let best = latest;
  let bestAt = latest === null ? -Infinity : Date.parse(latest.metadata.recordedAt);
  for (const event of events) {
    const at = Date.parse(event.metadata.recordedAt);
    if (at > bestAt) {
      best = event;
      bestAt = at;
    }
  }
  return best;
}
