import type { StoredEvent } from '../../event-store/event-store.port.js';
import { decideCompany } from '../../ledger/company/company.decider.js';
import { decideFx, evolveFx, initialFxState, type FxState } from '../../ledger/fx/fx.decider.js';
import {
  decideMetric,
  evolveMetric,
  initialMetricState,
  type MetricState,
} from '../../ledger/metric/metric.decider.js';
import type { MetricCommand } from '../../ledger/metric/metric.commands.js';
import type { Translation } from '../../ledger/metric/metric.events.js';
import type { CompanyContext, MetricContext, MetricUnit } from '../../ledger/shared/context.js';
import type { Event } from '../../ledger/shared/message.js';
import { companyStream, fxStream, metricStream, targetStream } from '../../ledger/shared/streams.js';
import {
  decideTarget,
  evolveTarget,
  initialTargetState,
  type TargetState,
} from '../../ledger/target/target.decider.js';
import type { TargetCommand, TermsChange, TermsInput } from '../../ledger/target/target.commands.js';
import type { Source } from '../../ledger/values/source.js';

/**
 * Builds a company's event log for specs by running the real deciders, so that the events the
 * projections are tested on are exactly those the write side produces (`previous`, `changed`,
 * `corrects`, resolved periods). Each event is recorded one second after the previous one unless
 * `recordAt` says otherwise. Test support only.
 */
export const SOURCE: Source = { title: 'Annual report' };

const ZERO_HASH = '0'.repeat(64);

type FigureExtras = { currency?: string; translations?: Translation[]; source?: Source };

/** Events grouped by stream, each in the given order, streams in the order of their first event. */
export function eventsByStream(events: readonly StoredEvent[]): StoredEvent[][] {
  const streams = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const list = streams.get(event.stream);
    if (list === undefined) streams.set(event.stream, [event]);
    else list.push(event);
  }
  return [...streams.values()];
}

export class LedgerScript {
  readonly events: StoredEvent[] = [];
  private clock = Date.parse('2024-01-01T00:00:00.000Z');
  private readonly revisions = new Map<string, number>();
  private company: CompanyContext | null = null;
  private readonly metrics = new Map<string, MetricState>();
  private readonly targets = new Map<string, TargetState>();
  private readonly rates = new Map<string, FxState>();

  constructor(readonly companyId = 'acme') {}

  /** The next event is recorded at this instant; later ones a second apart from it. */
  recordAt(instant: string): this {
    this.clock = Date.parse(instant);
    return this;
  }

  /** The event appended last. */
  get last(): StoredEvent {
    const event = this.events.at(-1);
    if (event === undefined) throw new Error('no event yet');
    return event;
  }

  get companyEvents(): StoredEvent[] {
    return this.events.filter((e) => !e.stream.startsWith('fx-'));
  }

  /** The company's events by stream, each in revision order, streams in the order of their first event. */
  get companyStreams(): StoredEvent[][] {
    return eventsByStream(this.companyEvents);
  }

  get fxEvents(): StoredEvent[] {
    return this.events.filter((e) => e.stream.startsWith('fx-'));
  }

  register(fiscalYearEnd = '12-31', reportingCurrency = 'USD', name = 'Acme Corp'): this {
    const data = { companyId: this.companyId, name, fiscalYearEnd, reportingCurrency };
    const events = decideCompany(
      { type: 'RegisterCompany', data, metadata: this.metadata() },
      { status: 'unregistered' },
    );
    this.company = { companyId: this.companyId, fiscalYearEnd, reportingCurrency };
    return this.append(companyStream(this.companyId), events);
  }

  define(metricId: string, unit: MetricUnit = 'currency', name = metricId.toUpperCase(), definition?: string): this {
    return this.metric(metricId, {
      type: 'DefineMetric',
      name,
      unit,
      ...(definition === undefined ? {} : { definition }),
    });
  }

  redefine(metricId: string, definition: string, effectiveFrom: string, statedAt: string, reason?: string): this {
    return this.metric(metricId, {
      type: 'RedefineMetric',
      definition,
      effectiveFrom,
      statedAt,
      source: SOURCE,
      ...(reason === undefined ? {} : { reason }),
    });
  }

  deEmphasize(metricId: string, statedAt: string, note?: string): this {
    return this.metric(metricId, {
      type: 'DeEmphasizeMetric',
      statedAt,
      source: SOURCE,
      ...(note === undefined ? {} : { note }),
    });
  }

  discontinue(metricId: string, statedAt: string, lastPeriod?: string): this {
    return this.metric(metricId, {
      type: 'DiscontinueMetric',
      statedAt,
      source: SOURCE,
      ...(lastPeriod === undefined ? {} : { lastPeriod }),
    });
  }

  reinstate(metricId: string, statedAt: string): this {
    return this.metric(metricId, { type: 'ReinstateMetric', statedAt, source: SOURCE });
  }

  report(metricId: string, period: string, value: string, reportedAt: string, extras: FigureExtras = {}): this {
    return this.metric(metricId, { type: 'ReportFigure', period, value, reportedAt, source: SOURCE, ...extras });
  }

  restate(
    metricId: string,
    period: string,
    value: string,
    reportedAt: string,
    extras: FigureExtras & { reason?: string } = {},
  ): this {
    return this.metric(metricId, {
      type: 'RestateFigure',
      period,
      value,
      reportedAt,
      source: SOURCE,
      reason: 'restated by the company',
      ...extras,
    });
  }

  correctFigure(
    metricId: string,
    period: string,
    fields: FigureExtras & { value?: string; reportedAt?: string; reason?: string },
  ): this {
    return this.metric(metricId, { type: 'CorrectFigure', period, reason: 'typo', ...fields });
  }

  announce(
    targetId: string,
    metricId: string,
    terms: TermsInput & { announcedAt: string; announcedBy?: string; note?: string; source?: Source },
  ): this {
    return this.target(targetId, metricId, { type: 'AnnounceTarget', metricId, source: SOURCE, ...terms });
  }

  revise(targetId: string, change: TermsChange & { announcedAt: string; reason?: string }): this {
    return this.target(targetId, null, { type: 'ReviseTarget', source: SOURCE, ...change });
  }

  reaffirm(targetId: string, announcedAt: string): this {
    return this.target(targetId, null, { type: 'ReaffirmTarget', announcedAt, source: SOURCE });
  }

  withdraw(targetId: string, announcedAt: string, reason?: string): this {
    return this.target(targetId, null, {
      type: 'WithdrawTarget',
      announcedAt,
      source: SOURCE,
      ...(reason === undefined ? {} : { reason }),
    });
  }

  correctTarget(
    targetId: string,
    change: TermsChange & { announcedAt?: string; announcedBy?: string; source?: Source; reason?: string },
  ): this {
    return this.target(targetId, null, { type: 'CorrectTarget', reason: 'typo', ...change });
  }

  fxRate(from: string, to: string, rate: string, at: { period: string } | { date: string }): this {
    const key = `${from}.${to}`;
    const state = this.rates.get(key) ?? initialFxState();
    const command = { type: 'RecordFxRate' as const, data: { from, to, rate, ...at, source: SOURCE } };
    const events = decideFx({ ...command, metadata: this.metadata() }, state);
    this.rates.set(key, events.reduce(evolveFx, state));
    return this.append(fxStream(from, to), events);
  }

  // -------------------------------------------------------------------------------------------

  private metric(metricId: string, command: { type: MetricCommand['type'] } & Record<string, unknown>): this {
    const { type, ...fields } = command;
    const state = this.metrics.get(metricId) ?? initialMetricState();
    const data = { companyId: this.companyId, metricId, context: { company: this.company }, ...fields };
    const events = decideMetric({ type, data, metadata: this.metadata() } as MetricCommand, state);
    this.metrics.set(metricId, events.reduce(evolveMetric, state));
    return this.append(metricStream(this.companyId, metricId), events);
  }

  private target(
    targetId: string,
    metricId: string | null,
    command: { type: TargetCommand['type'] } & Record<string, unknown>,
  ): this {
    const { type, ...fields } = command;
    const state = this.targets.get(targetId) ?? initialTargetState();
    const ofMetric = metricId ?? (state.status === 'absent' ? '' : state.metricId);
    const data = {
      companyId: this.companyId,
      targetId,
      context: { company: this.company, metric: this.metricContext(ofMetric) },
      ...fields,
    };
    const events = decideTarget({ type, data, metadata: this.metadata() } as TargetCommand, state);
    this.targets.set(targetId, events.reduce(evolveTarget, state));
    return this.append(targetStream(this.companyId, targetId), events);
  }

  private metricContext(metricId: string): MetricContext | null {
    const state = this.metrics.get(metricId);
    if (state === undefined || state.status === 'absent') return null;
    return {
      metricId,
      unit: state.unit,
      ...(state.discontinuedOn === undefined ? {} : { discontinuedOn: state.discontinuedOn }),
    };
  }

  private metadata() {
    return { now: new Date(this.clock).toISOString(), actor: 'analyst' };
  }

  private append(stream: string, events: readonly Event[]): this {
    for (const event of events) {
      const revision = (this.revisions.get(stream) ?? -1) + 1;
      this.revisions.set(stream, revision);
      const recordedAt = new Date(this.clock).toISOString();
      this.clock += 1000;
      const hash = `${stream}#${revision}`.padEnd(64, '0');
      // Through JSON, as a store hands events back: no undefined anywhere.
      const data = JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>;
      this.events.push({
        position: this.events.length + 1,
        stream,
        revision,
        type: event.type,
        data,
        metadata: {
          recordedAt,
          recordedBy: 'analyst',
          correlationId: `c-${this.events.length + 1}`,
          causationId: `c-${this.events.length + 1}`,
          schemaVersion: 1,
          prevHash: ZERO_HASH,
          hash,
        },
        prevHash: ZERO_HASH,
        hash,
      });
    }
    return this;
  }
}
