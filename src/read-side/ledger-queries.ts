import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '../ledger/shared/domain-error.js';
import { metricStream, targetStream } from '../ledger/shared/streams.js';
import {
  companyView,
  type CompanyLedger,
  type CompanyLedgerView,
  type HistoryEntry,
  historyEntries,
  metricView,
  type MetricLedgerView,
  type ScoreboardRow,
  scoreboard,
  type TargetLedgerView,
  targetView,
} from '../projections/ledger/index.js';
import type { JsonText } from '../shared/json-text.js';
import { LedgerReader, type ReadAt } from './ledger-reader.js';
import type { CompanySummary } from './read-models.js';

/** The read half of the contract: one query and one small handler per read. */
export class GetCompaniesQuery extends Query<{ companies: CompanySummary[] }> {}

abstract class CompanyQuery<R> extends Query<R> {
  constructor(
    readonly companyId: string,
    readonly at: ReadAt,
  ) {
    super();
  }
}

/** Single resources answer with `id`, as their write bodies name it. */
export class GetCompanyQuery extends CompanyQuery<CompanyLedgerView & { id: string }> {}

export interface Scoreboard {
  companyId: string;
  asOf: string;
  recordedAsOf: string | null;
  targets: ScoreboardRow[];
}
/** Answers the Scoreboard encoded as JSON: a scoreboard is read far more often than it changes. */
export class GetScoreboardQuery extends CompanyQuery<JsonText> {}
export class GetTimelineQuery extends CompanyQuery<{ entries: HistoryEntry[] }> {}

abstract class MetricQuery<R> extends CompanyQuery<R> {
  constructor(
    companyId: string,
    readonly metricId: string,
    at: ReadAt,
  ) {
    super(companyId, at);
  }
}
export class GetMetricQuery extends MetricQuery<MetricLedgerView & { id: string }> {}
export class GetMetricHistoryQuery extends MetricQuery<{ entries: HistoryEntry[] }> {}

abstract class TargetQuery<R> extends CompanyQuery<R> {
  constructor(
    companyId: string,
    readonly targetId: string,
    at: ReadAt,
  ) {
    super(companyId, at);
  }
}
/** Answers the TargetLedgerView encoded as JSON (see GetScoreboardQuery). */
export class GetTargetQuery extends TargetQuery<JsonText> {}
export class GetTargetHistoryQuery extends TargetQuery<{ entries: HistoryEntry[] }> {}

async function requireLedger(reader: LedgerReader, companyId: string, at: ReadAt): Promise<CompanyLedger> {
  const ledger = await reader.ledger(companyId, at);
  if (ledger === null) throw notFound('COMPANY_NOT_FOUND', `Company "${companyId}" does not exist${asOfText(at)}`);
  return ledger;
}

const asOfText = (at: ReadAt) =>
  [at.asOf ? ` as of ${at.asOf}` : '', at.recordedAsOf ? ` as recorded at ${at.recordedAsOf}` : ''].join('');

const metricNotFound = (q: MetricQuery<unknown>) =>
  notFound('METRIC_NOT_FOUND', `Metric "${q.metricId}" of company "${q.companyId}" does not exist${asOfText(q.at)}`);
const targetNotFound = (q: TargetQuery<unknown>) =>
  notFound('TARGET_NOT_FOUND', `Target "${q.targetId}" of company "${q.companyId}" does not exist${asOfText(q.at)}`);

@QueryHandler(GetCompaniesQuery)
export class GetCompaniesHandler implements IQueryHandler<GetCompaniesQuery> {
  constructor(private readonly reader: LedgerReader) {}

  async execute() {
    return { companies: await this.reader.companies() };
  }
}

@QueryHandler(GetCompanyQuery)
export class GetCompanyHandler implements IQueryHandler<GetCompanyQuery> {
  constructor(private readonly reader: LedgerReader) {}

  async execute({ companyId, at }: GetCompanyQuery) {
    const view = companyView(await requireLedger(this.reader, companyId, at)) as CompanyLedgerView;
    return { id: view.companyId, ...view };
  }
}

@QueryHandler(GetScoreboardQuery)
export class GetScoreboardHandler implements IQueryHandler<GetScoreboardQuery> {
  constructor(private readonly reader: LedgerReader) {}

  async execute({ companyId, at }: GetScoreboardQuery): Promise<JsonText> {
    const view = await this.reader.view(`scoreboard\n${companyId}`, at, async (): Promise<Scoreboard> => {
      const [ledger, fx] = await Promise.all([requireLedger(this.reader, companyId, at), this.reader.fxRates(at)]);
      const asOf = this.reader.evaluationDate(at);
      return { companyId, asOf, recordedAsOf: at.recordedAsOf ?? null, targets: scoreboard(ledger, fx, asOf) };
    });
    // A scoreboard always exists for a known company; an unknown one threw COMPANY_NOT_FOUND.
    return view as JsonText;
  }
}

@QueryHandler(GetTargetQuery)
export class GetTargetHandler implements IQueryHandler<GetTargetQuery> {
  constructor(private readonly reader: LedgerReader) {}

  async execute(query: GetTargetQuery): Promise<JsonText> {
    const key = `target\n${query.companyId}\n${query.targetId}`;
    const view = await this.reader.view(key, query.at, async (): Promise<TargetLedgerView | null> => {
      const [ledger, fx] = await Promise.all([
        requireLedger(this.reader, query.companyId, query.at),
        this.reader.fxRates(query.at),
      ]);
      return targetView(ledger, fx, query.targetId, this.reader.evaluationDate(query.at));
    });
    if (view === null) throw targetNotFound(query);
    return view;
  }
}

@QueryHandler(GetTargetHistoryQuery)
export class GetTargetHistoryHandler implements IQueryHandler<GetTargetHistoryQuery> {
  constructor(private readonly reader: LedgerReader) {}

  async execute(query: GetTargetHistoryQuery) {
    const ledger = await requireLedger(this.reader, query.companyId, query.at);
    if (ledger.targets[query.targetId] === undefined) throw targetNotFound(query);
    const events = await this.reader.eventsOf([targetStream(query.companyId, query.targetId)], query.at);
    return { entries: historyEntries(events) };
  }
}

@QueryHandler(GetMetricQuery)
export class GetMetricHandler implements IQueryHandler<GetMetricQuery> {
  constructor(private readonly reader: LedgerReader) {}

  async execute(query: GetMetricQuery): Promise<MetricLedgerView & { id: string }> {
    const view = metricView(await requireLedger(this.reader, query.companyId, query.at), query.metricId);
    if (view === null) throw metricNotFound(query);
    return { id: view.metricId, ...view };
  }
}

@QueryHandler(GetMetricHistoryQuery)
export class GetMetricHistoryHandler implements IQueryHandler<GetMetricHistoryQuery> {
  constructor(private readonly reader: LedgerReader) {}

  async execute(query: GetMetricHistoryQuery) {
    const ledger = await requireLedger(this.reader, query.companyId, query.at);
    if (ledger.metrics[query.metricId] === undefined) throw metricNotFound(query);
    const events = await this.reader.eventsOf([metricStream(query.companyId, query.metricId)], query.at);
    return { entries: historyEntries(events) };
  }
}

@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(private readonly reader: LedgerReader) {}

  async execute({ companyId, at }: GetTimelineQuery) {
    const ledger = await requireLedger(this.reader, companyId, at);
    return { entries: historyEntries(await this.reader.companyEvents(ledger, at)) };
  }
}

export const LEDGER_QUERY_HANDLERS = [
  GetCompaniesHandler,
  GetCompanyHandler,
  GetScoreboardHandler,
  GetTargetHandler,
  GetTargetHistoryHandler,
  GetMetricHandler,
  GetMetricHistoryHandler,
  GetTimelineHandler,
];
