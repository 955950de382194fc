import type { StoredEvent } from '../../event-store/event-store.port.js';
import type { FxEvent } from '../../ledger/fx/fx.events.js';
import type {
  FigureCorrected,
  FigureReported,
  FigureRestated,
  MetricEvent,
  Translation,
} from '../../ledger/metric/metric.events.js';
import type { MetricUnit } from '../../ledger/shared/context.js';
import { assertNever } from '../../ledger/shared/message.js';
import type { TargetEvent, TargetTerms } from '../../ledger/target/target.events.js';
import type { Source } from '../../ledger/values/source.js';
import { asLedgerEvent, type LedgerEvent } from './ledger-events.js';

/**
 * One company's ledger as readers need it: the company, its metrics with their figures and
 * lifecycle, and its targets. Plain JSON data: it is stored as JSON documents (see LedgerPart),
 * so every absent value is `null` (never `undefined`, which JSON would silently drop) and the fold
 * never mutates its input.
 */
export type CompanyLedger = {
  company: LedgerCompany | null;
  /** By metric id. */
  metrics: Record<string, LedgerMetric>;
  /** By target id. */
  targets: Record<string, LedgerTarget>;
  /** Global position of the last event folded in (0 before any). */
  position: number;
};

export type LedgerCompany = {
  companyId: string;
  name: string;
  fiscalYearEnd: string;
  reportingCurrency: string;
};

export type PeriodRange = { period: string; start: string; end: string };

export type DefinitionVersion = {
  /** null when the metric was defined without definition text. */
  definition: string | null;
  /** null for the original definition: it has no effective period of its own. */
  effectiveFrom: PeriodRange | null;
  /** null for the original definition. */
  statedAt: string | null;
  reason: string | null;
  revision: number;
  recordedAt: string;
};

export type LedgerMetric = {
  metricId: string;
  name: string;
  unit: MetricUnit;
  definition: string | null;
  /** Oldest first; the last one is in force. */
  definitions: DefinitionVersion[];
  deEmphasized: boolean;
  /** statedAt of the de-emphasis in force. */
  deEmphasizedAt: string | null;
  discontinued: boolean;
  /** statedAt of the discontinuation in force. */
  discontinuedAt: string | null;
  lastPeriod: PeriodRange | null;
  /** statedAt of the latest reinstatement. */
  reinstatedAt: string | null;
  /** By `periodStart..periodEnd` (see figureKey). */
  figures: Record<string, LedgerFigure>;
  /** Stream revision last applied. */
  revision: number;
};

export type FigureVersionKind = 'reported' | 'restated' | 'corrected';

/** One value a figure has had: the report, each restatement and each correction, oldest first. */
export type FigureVersion = {
  kind: FigureVersionKind;
  value: string;
  currency: string | null;
  reportedAt: string;
  translations: Translation[];
  recordedAt: string;
  revision: number;
  reason: string | null;
};

export type LedgerFigure = {
  /** The label it was first reported under (a restatement keeps it). */
  period: string;
  periodStart: string;
  periodEnd: string;
  value: string;
  /** Present exactly on currency metrics. */
  currency: string | null;
  reportedAt: string;
  source: Source;
  translations: Translation[];
  restated: boolean;
  corrected: boolean;
  /** Revision of the report or latest restatement: what a correction corrects. */
  setBy: number;
  history: FigureVersion[];
};

export type TargetStatementKind = 'announced' | 'revised' | 'reaffirmed' | 'withdrawn';

/** One dated statement by the company about the target. */
export type TargetStatement = { kind: TargetStatementKind; announcedAt: string; revision: number };

export type LedgerTarget = {
  targetId: string;
  metricId: string;
  terms: TargetTerms;
  /** Date of the original announcement (as corrected). */
  announcedAt: string;
  /** Date of the latest announcement, revision, reaffirmation or withdrawal. */
  lastAnnouncedAt: string;
  announcedBy: string | null;
  /** Source of the statement that set the current terms. */
  source: Source;
  note: string | null;
  status: 'active' | 'withdrawn';
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  /** Number of TargetRevised events. */
  revisions: number;
  /** Dates of the reaffirmations, oldest first. */
  reaffirmations: string[];
  statements: TargetStatement[];
  /** Revision of the announcement or latest revision: what a correction corrects. */
  termsSetBy: number;
  /** Stream revision last applied. */
  revision: number;
};

export const initialCompanyLedger = (): CompanyLedger => ({ company: null, metrics: {}, targets: {}, position: 0 });

/** Figures are keyed by their dates, so FY2022 and CY2022 of a 12-31 company are one figure. */
export const figureKey = (periodStart: string, periodEnd: string) => `${periodStart}..${periodEnd}`;

type Applied = { revision: number; recordedAt: string };

/**
 * Folds one event of the company's streams (company, metric and target streams, in commit
 * order). Events of other kinds (FX rates) or of another company leave the ledger unchanged.
 */
export function projectCompanyLedger(ledger: CompanyLedger, stored: StoredEvent): CompanyLedger {
  return project(ledger, stored, null);
}

/**
 * A fold in progress (null: a single pure step, which copies what it changes). A fold owns the
 * ledger object and its metrics and targets records (copied when it starts), and the metrics and
 * figures records it has copied since (`fresh`): those it updates in place. Copying a metric's
 * figures record for every figure made folding n figures cost n² (a 10,000-event company took
 * seconds), and copying a whole stored document per batch cost as much as the batch.
 */
type Fold = { fresh: Set<object> } | null;

function project(ledger: CompanyLedger, stored: StoredEvent, fold: Fold): CompanyLedger {
  const event = asLedgerEvent(stored);
  const position = Math.max(ledger.position, stored.position);
  if (event === null || event.type === 'FxRateRecorded') return { ...ledger, position };
  if (ledger.company !== null && event.data.companyId !== ledger.company.companyId) return ledger;
  const part = evolvePart(partOf(ledger, event), event, stored, position, fold);
  return part === null ? { ...ledger, position } : withPart(ledger, part, fold);
}

/** The events of a company's own streams (the company's, its metrics' and its targets'). */
type CompanyLedgerEvent = Exclude<LedgerEvent, FxEvent>;

/** A record over the union's types, so adding an event type to the domain fails to compile here. */
const PART_OF_EVENT: Readonly<Record<CompanyLedgerEvent['type'], LedgerPart['kind']>> = {
  CompanyRegistered: 'company',
  MetricDefined: 'metric',
  MetricRedefined: 'metric',
  MetricDeEmphasized: 'metric',
  MetricDiscontinued: 'metric',
  MetricReinstated: 'metric',
  FigureReported: 'metric',
  FigureRestated: 'metric',
  FigureCorrected: 'metric',
  TargetAnnounced: 'target',
  TargetRevised: 'target',
  TargetReaffirmed: 'target',
  TargetWithdrawn: 'target',
  TargetCorrected: 'target',
};

const isMetricEvent = (event: CompanyLedgerEvent): event is MetricEvent => PART_OF_EVENT[event.type] === 'metric';

type FigureEvent = FigureReported | FigureRestated | FigureCorrected;

const isFigureEvent = (event: CompanyLedgerEvent): event is FigureEvent =>
  event.type === 'FigureReported' || event.type === 'FigureRestated' || event.type === 'FigureCorrected';

/** The ledger's metric or target that the event is about, as a part (null: none yet, or the company). */
function partOf(ledger: CompanyLedger, event: CompanyLedgerEvent): EntityPart | null {
  const { position } = ledger;
  if (event.type === 'CompanyRegistered') return null;
  if (isMetricEvent(event)) {
    const metric = ledger.metrics[event.data.metricId];
    return metric === undefined ? null : { kind: 'metric', metric, position };
  }
  const target = ledger.targets[event.data.targetId];
  return target === undefined ? null : { kind: 'target', target, position };
}

/**
 * The part after the event, at `position`; null when the event needs a part that is not there
 * (nothing follows an undefined metric or an unannounced target on the write side).
 */
function evolvePart(
  part: LedgerPart | null,
  event: CompanyLedgerEvent,
  stored: StoredEvent,
  position: number,
  fold: Fold,
): EntityPart | null {
  const applied: Applied = { revision: stored.revision, recordedAt: stored.metadata.recordedAt };
  if (event.type === 'CompanyRegistered') {
    const { companyId, name, fiscalYearEnd, reportingCurrency } = event.data;
    return { kind: 'company', company: { companyId, name, fiscalYearEnd, reportingCurrency }, position };
  }
  if (isMetricEvent(event)) {
    const metric = evolveMetric(part?.kind === 'metric' ? part.metric : null, event, applied, fold);
    return metric === null ? null : { kind: 'metric', metric, position };
  }
  const target = evolveTarget(part?.kind === 'target' ? part.target : null, event, applied);
  return target === null ? null : { kind: 'target', target, position };
}

/** The ledger with the part in it; a fold (or an assembly) owns the ledger and sets it in place. */
function withPart(ledger: CompanyLedger, part: EntityPart, fold: Fold): CompanyLedger {
  const position = Math.max(ledger.position, part.position);
  switch (part.kind) {
    case 'company':
      return { ...ledger, company: part.company, position };
    case 'metric': {
      const { metricId } = part.metric;
      if (fold === null) return { ...ledger, metrics: { ...ledger.metrics, [metricId]: part.metric }, position };
      ledger.metrics[metricId] = part.metric;
      break;
    }
    case 'target': {
      const { targetId } = part.target;
      if (fold === null) return { ...ledger, targets: { ...ledger.targets, [targetId]: part.target }, position };
      ledger.targets[targetId] = part.target;
      break;
    }
    default:
      return assertNever(part);
  }
  ledger.position = position;
  return ledger;
}

/**
 * The ledger after all the given events (of one company, in commit order), starting from `from`
 * (which is left as it is: what the fold changes, it copies first, once).
 */
export function foldCompanyLedger(
  events: readonly StoredEvent[],
  from: CompanyLedger = initialCompanyLedger(),
): CompanyLedger {
  // A Set, not a WeakSet: it dies with the fold anyway, and weak entries cost the GC extra work.
  const fold: Fold = { fresh: new Set() };
  let ledger: CompanyLedger = { ...from, metrics: { ...from.metrics }, targets: { ...from.targets } };
  for (const event of events) ledger = project(ledger, event, fold);
  return ledger;
}

// ---------------------------------------------------------------------------------------------
// the ledger stored in parts

/**
 * One stored part of a company's ledger: the company, one metric (without its figures), the
 * figures of one metric that end in one calendar year, or one target, each with the global
 * position of the last event folded into it. An event changes the part of its stream, and a
 * figure event also its year's figures part, so a write rewrites small parts, never a metric with
 * all its figures (which grows with every report) nor the company's whole ledger; the ledger is
 * the parts put together (`assembleCompanyLedger`). A year holds a handful of figures (the year,
 * its halves and quarters), so a rebuild writes a few rows per metric-year, not one per figure.
 */
export type LedgerPart =
  | { kind: 'company'; company: LedgerCompany; position: number }
  | { kind: 'metric'; metric: LedgerMetric; position: number }
  | FiguresPart
  | { kind: 'target'; target: LedgerTarget; position: number };

/** Figures of one metric that end in one year (by figureKey), each with its whole history. */
export type FiguresPart = {
  kind: 'figures';
  metricId: string;
  figures: Record<string, LedgerFigure>;
  position: number;
};

type EntityPart = Exclude<LedgerPart, FiguresPart>;

/**
 * The year (`YYYY` of the period's end) whose figures part an event of a company's streams
 * changes besides the part of its stream: for a report, restatement or correction. Null for every
 * other event.
 */
export function figureYearOf(stored: StoredEvent): string | null {
  const event = asLedgerEvent(stored);
  if (event === null || event.type === 'FxRateRecorded' || !isFigureEvent(event)) return null;
  return event.data.periodEnd.slice(0, 4);
}

/**
 * Folds one event of the part's stream into the company, metric or target part (null: none yet).
 * The part's values are exactly what `projectCompanyLedger` gives the same entity, since both use
 * the same steps, except that a metric part's `figures` stay empty: a figure event moves only its
 * revision (the figure is `projectFiguresPart`'s).
 */
export function projectLedgerPart(part: LedgerPart | null, stored: StoredEvent): LedgerPart | null {
  return projectPart(part, stored, null);
}

/** The part after all the given events of its stream (in commit order), starting from `from`, which is left as it is. */
export function foldLedgerPart(events: readonly StoredEvent[], from: LedgerPart | null = null): LedgerPart | null {
  const fold: Fold = { fresh: new Set() };
  let part = from;
  for (const event of events) part = projectPart(part, event, fold);
  return part;
}

/**
 * Folds a report, restatement or correction into the figures part of its year (null: none yet),
 * with the same steps as `projectCompanyLedger`. Any other event leaves the part as it is; so does
 * a correction of a value the figure no longer has.
 */
export function projectFiguresPart(part: LedgerPart | null, stored: StoredEvent): LedgerPart | null {
  const figures = part?.kind === 'figures' ? part.figures : {};
  const step = figureStep(figures, stored);
  if (step === null) return part;
  const position = Math.max(part?.position ?? 0, stored.position);
  return { kind: 'figures', metricId: step.metricId, figures: { ...figures, [step.key]: step.figure }, position };
}

/**
 * The figures part after all the given events (in commit order), starting from `from`, which is
 * left as it is: the fold copies its figures once and sets each figure in that copy.
 */
export function foldFiguresPart(events: readonly StoredEvent[], from: LedgerPart | null = null): LedgerPart | null {
  let part = from;
  let own: Record<string, LedgerFigure> | null = null;
  for (const stored of events) {
    const figures: Readonly<Record<string, LedgerFigure>> = own ?? (part?.kind === 'figures' ? part.figures : {});
    const step = figureStep(figures, stored);
    if (step === null) continue;
    const mine: Record<string, LedgerFigure> = own ?? { ...figures };
    mine[step.key] = step.figure;
    own = mine;
    part = {
      kind: 'figures',
      metricId: step.metricId,
      figures: mine,
      position: Math.max(part?.position ?? 0, stored.position),
    };
  }
  return part;
}

/** A figure event's figure after it (null: not a figure event, or a correction with nothing to fix). */
function figureStep(
  figures: Readonly<Record<string, LedgerFigure>>,
  stored: StoredEvent,
): { metricId: string; key: string; figure: LedgerFigure } | null {
  const event = asLedgerEvent(stored);
  if (event === null || event.type === 'FxRateRecorded' || !isFigureEvent(event)) return null;
  const key = figureKey(event.data.periodStart, event.data.periodEnd);
  const applied: Applied = { revision: stored.revision, recordedAt: stored.metadata.recordedAt };
  const figure =
    event.type === 'FigureCorrected'
      ? correctFigure(figures[key], event, applied)
      : setFigure(figures[key], event, applied);
  return figure === null ? null : { metricId: event.data.metricId, key, figure };
}

/**
 * The company's ledger from its parts (in any order); the position is that of the latest part.
 * Each metric gets its figures in the order a fold of the events adds them (by first report), so
 * the ledger is the same, key order included, as `foldCompanyLedger` of the same events.
 */
export function assembleCompanyLedger(parts: Iterable<LedgerPart>): CompanyLedger {
  const fold: Fold = { fresh: new Set() };
  let ledger = initialCompanyLedger();
  const figures: { metricId: string; figure: LedgerFigure }[] = [];
  for (const part of parts) {
    if (part.kind !== 'figures') {
      ledger = withPart(ledger, part, fold);
      continue;
    }
    ledger.position = Math.max(ledger.position, part.position);
    for (const figure of Object.values(part.figures)) figures.push({ metricId: part.metricId, figure });
  }
  figures.sort((a, b) => a.figure.history[0].revision - b.figure.history[0].revision);
  for (const { metricId, figure } of figures) {
    const stored = ledger.metrics[metricId];
    // Figures of no metric: nothing follows an undefined metric, so a fold would not show them.
    if (stored === undefined) continue;
    const metric = fold.fresh.has(stored) ? stored : { ...stored };
    fold.fresh.add(metric);
    ledger.metrics[metricId] = withFigure(metric, figure, fold);
  }
  return ledger;
}

function projectPart(part: LedgerPart | null, stored: StoredEvent, fold: Fold): LedgerPart | null {
  const event = asLedgerEvent(stored);
  const position = Math.max(part?.position ?? 0, stored.position);
  if (event === null || event.type === 'FxRateRecorded') return part === null ? null : { ...part, position };
  if (isFigureEvent(event)) {
    // The figure is its year's part (projectFiguresPart); the metric part only counts the event.
    if (part?.kind !== 'metric') return part;
    const metric = fold?.fresh.has(part.metric) ? part.metric : { ...part.metric };
    fold?.fresh.add(metric);
    metric.revision = stored.revision;
    return { kind: 'metric', metric, position };
  }
  return evolvePart(part, event, stored, position, fold) ?? part;
}

// ---------------------------------------------------------------------------------------------
// metrics

const rangeOrNull = (period?: string, start?: string, end?: string): PeriodRange | null =>
  period !== undefined && start !== undefined && end !== undefined ? { period, start, end } : null;

function evolveMetric(
  metric: LedgerMetric | null,
  event: MetricEvent,
  applied: Applied,
  fold: Fold,
): LedgerMetric | null {
  if (event.type === 'MetricDefined') {
    const { metricId, name, unit, definition } = event.data;
    return {
      metricId,
      name,
      unit,
      definition: definition ?? null,
      definitions: [
        {
          definition: definition ?? null,
          effectiveFrom: null,
          statedAt: null,
          reason: null,
          revision: applied.revision,
          recordedAt: applied.recordedAt,
        },
      ],
      deEmphasized: false,
      deEmphasizedAt: null,
      discontinued: false,
      discontinuedAt: null,
      lastPeriod: null,
      reinstatedAt: null,
      figures: {},
      revision: applied.revision,
    };
  }
  // Nothing follows an undefined metric on the write side; a partial history cannot invent one.
  if (metric === null) return null;
  const next: LedgerMetric = fold?.fresh.has(metric) ? metric : { ...metric };
  fold?.fresh.add(next);
  next.revision = applied.revision;
  switch (event.type) {
    case 'MetricRedefined': {
      const d = event.data;
      const version: DefinitionVersion = {
        definition: d.definition,
        effectiveFrom: { period: d.effectiveFrom, start: d.effectiveFromStart, end: d.effectiveFromEnd },
        statedAt: d.statedAt,
        reason: d.reason ?? null,
        revision: applied.revision,
        recordedAt: applied.recordedAt,
      };
      return { ...next, definition: d.definition, definitions: [...metric.definitions, version] };
    }
    case 'MetricDeEmphasized':
      return { ...next, deEmphasized: true, deEmphasizedAt: event.data.statedAt };
    case 'MetricDiscontinued': {
      const { statedAt, lastPeriod, lastPeriodStart, lastPeriodEnd } = event.data;
      return {
        ...next,
        discontinued: true,
        discontinuedAt: statedAt,
        lastPeriod: rangeOrNull(lastPeriod, lastPeriodStart, lastPeriodEnd),
      };
    }
    case 'MetricReinstated':
      return {
        ...next,
        deEmphasized: false,
        deEmphasizedAt: null,
        discontinued: false,
        discontinuedAt: null,
        lastPeriod: null,
        reinstatedAt: event.data.statedAt,
      };
    case 'FigureReported':
    case 'FigureRestated':
      return withFigure(next, setFigure(figureOf(metric, event), event, applied), fold);
    case 'FigureCorrected': {
      const figure = correctFigure(figureOf(metric, event), event, applied);
      return figure === null ? next : withFigure(next, figure, fold);
    }
    default:
      return assertNever(event);
  }
}

/** `metric` is the step's own copy (or, in a fold, one the fold owns). */
function withFigure(metric: LedgerMetric, figure: LedgerFigure, fold: Fold): LedgerMetric {
  const key = figureKey(figure.periodStart, figure.periodEnd);
  if (fold === null) return { ...metric, figures: { ...metric.figures, [key]: figure } };
  if (!fold.fresh.has(metric.figures)) {
    metric.figures = { ...metric.figures };
    fold.fresh.add(metric.figures);
  }
  metric.figures[key] = figure;
  return metric;
}

const figureOf = (metric: LedgerMetric, event: FigureEvent): LedgerFigure | undefined =>
  metric.figures[figureKey(event.data.periodStart, event.data.periodEnd)];

/** A report, or a restatement (which keeps the label and history of the figure it replaces). */
function setFigure(
  existing: LedgerFigure | undefined,
  event: FigureReported | FigureRestated,
  applied: Applied,
): LedgerFigure {
  const d = event.data;
  const restated = event.type === 'FigureRestated';
  const translations = [...(d.translations ?? [])];
  const version: FigureVersion = {
    kind: restated ? 'restated' : 'reported',
    value: d.value,
    currency: d.currency ?? null,
    reportedAt: d.reportedAt,
    translations,
    recordedAt: applied.recordedAt,
    revision: applied.revision,
    reason: event.type === 'FigureRestated' ? event.data.reason : null,
  };
  return {
    period: existing?.period ?? d.period,
    periodStart: d.periodStart,
    periodEnd: d.periodEnd,
    value: d.value,
    currency: d.currency ?? null,
    reportedAt: d.reportedAt,
    source: d.source,
    translations,
    // Flags say what ever happened to the figure, so they survive later changes.
    restated: restated || (existing?.restated ?? false),
    corrected: existing?.corrected ?? false,
    setBy: applied.revision,
    history: [...(existing?.history ?? []), version],
  };
}

/**
 * A correction fixes the value set by the event it names. When that is not the value in force
 * (the corrected event is missing from a partial history) it has nothing to fix.
 */
function correctFigure(
  figure: LedgerFigure | undefined,
  event: FigureCorrected,
  applied: Applied,
): LedgerFigure | null {
  const d = event.data;
  if (figure === undefined || figure.setBy !== d.corrects) return null;
  const corrected: LedgerFigure = {
    ...figure,
    value: d.value ?? figure.value,
    currency: d.currency ?? figure.currency,
    reportedAt: d.reportedAt ?? figure.reportedAt,
    source: d.source ?? figure.source,
    translations: d.translations !== undefined ? [...d.translations] : figure.translations,
    corrected: true,
  };
  const version: FigureVersion = {
    kind: 'corrected',
    value: corrected.value,
    currency: corrected.currency,
    reportedAt: corrected.reportedAt,
    translations: corrected.translations,
    recordedAt: applied.recordedAt,
    revision: applied.revision,
    reason: d.reason,
  };
  return { ...corrected, history: [...figure.history, version] };
}

// ---------------------------------------------------------------------------------------------
// targets

const latestDate = (statements: readonly TargetStatement[]) =>
  statements.reduce((latest, s) => (s.announcedAt > latest ? s.announcedAt : latest), '');

function withStatement(target: LedgerTarget, statement: TargetStatement): LedgerTarget {
  const statements = [...target.statements, statement];
  return { ...target, statements, lastAnnouncedAt: latestDate(statements) };
}

function evolveTarget(target: LedgerTarget | null, event: TargetEvent, applied: Applied): LedgerTarget | null {
  const { revision } = applied;
  if (event.type === 'TargetAnnounced') {
    const d = event.data;
    return {
      targetId: d.targetId,
      metricId: d.metricId,
      terms: d.terms,
      announcedAt: d.announcedAt,
      lastAnnouncedAt: d.announcedAt,
      announcedBy: d.announcedBy ?? null,
      source: d.source,
      note: d.note ?? null,
      status: 'active',
      withdrawnAt: null,
      withdrawalReason: null,
      revisions: 0,
      reaffirmations: [],
      statements: [{ kind: 'announced', announcedAt: d.announcedAt, revision }],
      termsSetBy: revision,
      revision,
    };
  }
  if (target === null) return null;
  const next: LedgerTarget = { ...target, revision };
  switch (event.type) {
    case 'TargetRevised': {
      const d = event.data;
      const revised = {
        ...next,
        terms: d.terms,
        source: d.source,
        termsSetBy: revision,
        revisions: target.revisions + 1,
      };
      return withStatement(revised, { kind: 'revised', announcedAt: d.announcedAt, revision });
    }
    case 'TargetReaffirmed': {
      const { announcedAt } = event.data;
      const reaffirmed = { ...next, reaffirmations: [...target.reaffirmations, announcedAt] };
      return withStatement(reaffirmed, { kind: 'reaffirmed', announcedAt, revision });
    }
    case 'TargetWithdrawn': {
      const { announcedAt, reason } = event.data;
      const withdrawn: LedgerTarget = {
        ...next,
        status: 'withdrawn',
        withdrawnAt: announcedAt,
        withdrawalReason: reason ?? null,
      };
      return withStatement(withdrawn, { kind: 'withdrawn', announcedAt, revision });
    }
    case 'TargetCorrected': {
      const d = event.data;
      // Only the statement that set the current terms can be corrected (see the decider); one
      // from a partial history that names another statement has nothing to fix.
      if (d.corrects !== target.termsSetBy) return next;
      const corrected = d.announcedAt;
      const statements =
        corrected === undefined
          ? target.statements
          : target.statements.map((s) => (s.revision === d.corrects ? { ...s, announcedAt: corrected } : s));
      return {
        ...next,
        terms: d.terms,
        announcedBy: d.announcedBy ?? target.announcedBy,
        source: d.source ?? target.source,
        statements,
        announcedAt: statements.find((s) => s.kind === 'announced')?.announcedAt ?? target.announcedAt,
        lastAnnouncedAt: latestDate(statements),
      };
    }
    default:
      return assertNever(event);
  }
}
