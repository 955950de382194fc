import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../application/clock.js';
import { EVENT_STORE, type EventStore, type StoredEvent } from '../event-store/event-store.port.js';
import { companyStream, fxStream, metricStream, targetStream } from '../ledger/shared/streams.js';
import {
  assembleCompanyLedger,
  type CompanyLedger,
  eventsAsOf,
  foldCompanyLedger,
  foldFxRates,
  type FxRates,
  initialFxRates,
  type LedgerPart,
} from '../projections/ledger/index.js';
import { READ_STORE, type ReadStore } from '../read-store/read-store.port.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import { JsonText } from '../shared/json-text.js';
import { FoldSnapshots } from './fold-snapshots.js';
import { StampedCache } from './stamped-cache.js';
import { StreamEvents } from './stream-events.js';
import {
  COMPANIES,
  COMPANY_LEDGER,
  type CompanySummary,
  FX_RATES,
  FX_RATES_KEY,
  ledgerPartsPrefix,
} from './read-models.js';

/** When a read looks at the ledger: business date and record time, both optional. */
export interface ReadAt {
  asOf?: string;
  recordedAsOf?: string;
}

/** Views computed per request (scoreboards, target views): at most this many, ... */
const VIEW_CACHE_ENTRIES = 4096;
/** ... holding at most this many characters of JSON in total (a scoreboard is a few kB). */
const VIEW_CACHE_CHARS = 16 * 1024 * 1024;
/**
 * Parsed company ledgers (up to megabytes each). Few: a current view is kept as its text, so a
 * document is needed again only when the read model moved, or by the reads that are not cached.
 */
const DOCUMENT_CACHE_ENTRIES = 8;

const DAY_MS = 86_400_000;

/**
 * Reads the ledger as it is (from the read models) or as it was (the same pure projections
 * folded on demand over the company's streams, filtered by business date and record time).
 */
@Injectable()
export class LedgerReader {
  private readonly views = new StampedCache<JsonText | null>(
    VIEW_CACHE_ENTRIES,
    VIEW_CACHE_CHARS,
    (view) => view?.text.length ?? 0,
  );
  private readonly documents = new StampedCache<CompanyLedger | null>(DOCUMENT_CACHE_ENTRIES);
  private readonly streamEvents: StreamEvents;
  private readonly snapshots = new FoldSnapshots();
  /** The UTC day of the last evaluationDate() without asOf: its first millisecond and its date. */
  private today = { from: Number.POSITIVE_INFINITY, text: '' };

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.streamEvents = new StreamEvents(store);
  }

  /** The business date a status is evaluated at: asOf, else today in UTC. */
  evaluationDate(at: ReadAt): string {
    if (at.asOf !== undefined) return at.asOf;
    // Asked by every cached read: formatting the date each time was 2 % of one.
    const now = this.clock.now().getTime();
    if (now < this.today.from || now >= this.today.from + DAY_MS) {
      const from = Math.floor(now / DAY_MS) * DAY_MS;
      this.today = { from, text: new Date(from).toISOString().slice(0, 10) };
    }
    return this.today.text;
  }

  /**
   * A view computed from the current read models (`at` without asOf / recordedAsOf), computed and
   * encoded once per state of those read models: the JSON text is reused while the checkpoints of
   * the company ledger and FX rates stand still (documents and checkpoint change together, in one
   * commit), for the same evaluation date (today, in UTC). Historical reads are always computed.
   * `compute` answers null when there is no such view (a 404), which is kept too.
   */
  async view(key: string, at: ReadAt, compute: () => Promise<unknown>): Promise<JsonText | null> {
    const encode = async () => {
      const value = await compute();
      return value === null ? null : JsonText.of(value);
    };
    if (isHistorical(at)) return encode();
    return this.views.get(key, `${await this.stamp()}/${this.evaluationDate(at)}`, encode);
  }

  /** Changes whenever a read model the views depend on changes (read before computing from them). */
  private async stamp(): Promise<string> {
    const [ledger, fx] = await Promise.all([
      this.readStore.checkpoint(COMPANY_LEDGER),
      this.readStore.checkpoint(FX_RATES),
    ]);
    return `${ledger?.position ?? 0}/${ledger?.version ?? 0}/${fx?.position ?? 0}/${fx?.version ?? 0}`;
  }

  async companies(): Promise<CompanySummary[]> {
    return (await this.readStore.list<CompanySummary>(COMPANIES)).map((row) => row.doc);
  }

  /** The company's ledger model at `at`; null when the company is unknown (then). */
  async ledger(companyId: string, at: ReadAt): Promise<CompanyLedger | null> {
    // Frozen: shared by every request until the read model moves on.
    const current = await this.documents.get(companyId, await this.stamp(), async () => {
      const parts = await this.readStore.list<LedgerPart>(COMPANY_LEDGER, { prefix: ledgerPartsPrefix(companyId) });
      return parts.length === 0 ? null : deepFreeze(assembleCompanyLedger(parts.map((part) => part.doc)));
    });
    if (current === null || current.company === null) return null;
    if (!isHistorical(at)) return current;
    const ledger =
      at.asOf === undefined && at.recordedAsOf !== undefined
        ? this.snapshots.ledgerAsRecorded(
            companyId,
            await Promise.all(companyStreams(current).map((s) => this.streamEvents.read(s))),
            at.recordedAsOf,
          )
        : foldCompanyLedger(await this.companyEvents(current, at));
    return ledger.company === null ? null : ledger;
  }

  async fxRates(at: ReadAt): Promise<FxRates> {
    const current = (await this.readStore.get<FxRates>(FX_RATES, FX_RATES_KEY)) ?? initialFxRates();
    if (!isHistorical(at)) return current;
    const streams = Object.values(current.pairs).map((pair) => fxStream(pair.from, pair.to));
    return foldFxRates(await this.eventsOf(streams, at));
  }

  /** Every event of the company in commit order, as visible at `at`. */
  companyEvents(ledger: CompanyLedger, at: ReadAt): Promise<StoredEvent[]> {
    return this.eventsOf(companyStreams(ledger), at);
  }

  /** The events of some streams merged in commit order, as visible at `at`. */
  async eventsOf(streams: readonly string[], at: ReadAt): Promise<StoredEvent[]> {
    const all = (await Promise.all(streams.map((s) => this.streamEvents.read(s)))).flat();
    all.sort((a, b) => a.position - b.position);
    return eventsAsOf(all, at);
  }
}

/** The streams of a company's events: its own, its metrics' and its targets'. */
function companyStreams(ledger: CompanyLedger): string[] {
  const companyId = ledger.company?.companyId ?? '';
  return [
    companyStream(companyId),
    ...Object.keys(ledger.metrics).map((m) => metricStream(companyId, m)),
    ...Object.keys(ledger.targets).map((t) => targetStream(companyId, t)),
  ];
}

const isHistorical = (at: ReadAt) => at.asOf !== undefined || at.recordedAsOf !== undefined;
