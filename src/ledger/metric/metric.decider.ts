import type { CompanyContext, MetricUnit } from '../shared/context.js';
import { conflict, notFound, validationError } from '../shared/domain-error.js';
import { assertNever } from '../shared/message.js';
import {
  currencyFor,
  defined,
  requireCompany,
  requireCurrencyCode,
  requireDate,
  requireDecimal,
  requireSource,
  resolvePeriodOf,
  sameJson,
  type ResolvedPeriod,
} from '../shared/rules.js';
import { compareDates } from '../values/calendar-date.js';
import { decimalsEqual } from '../values/decimal.js';
import { isSlug } from '../values/slug.js';
import type { Source } from '../values/source.js';
import type {
  CorrectFigure,
  DeEmphasizeMetric,
  DefineMetric,
  DiscontinueMetric,
  MetricCommand,
  RedefineMetric,
  ReinstateMetric,
  ReportFigure,
  RestateFigure,
} from './metric.commands.js';
import type {
  CorrectableFigureField,
  FigureCorrected,
  FigureReported,
  FigureRestated,
  MetricDeEmphasized,
  MetricDefined,
  MetricDiscontinued,
  MetricEvent,
  MetricRedefined,
  MetricReinstated,
  Translation,
} from './metric.events.js';

/** The current value of one figure, and the revision of the event that set it. */
export type FigureState = Readonly<{
  period: string;
  periodStart: string;
  periodEnd: string;
  value: string;
  currency?: string;
  reportedAt: string;
  source: Source;
  translations: readonly Translation[];
  /** Revision of the report or latest restatement: what a correction corrects. */
  setBy: number;
}>;

export type DefinedMetric = Readonly<{
  status: 'defined';
  /** Events folded so far, i.e. the revision the next event will get. */
  version: number;
  companyId: string;
  metricId: string;
  name: string;
  unit: MetricUnit;
  definition?: string;
  deEmphasized: boolean;
  discontinued: boolean;
  /** statedAt of the discontinuation in force. */
  discontinuedOn?: string;
  lastPeriod?: ResolvedPeriod;
  /**
   * By the year the period ends in (`YYYY`), then by `start..end`: FY2022 and CY2022 of a 12-31
   * company are the same figure. A new figure copies the figures of its year, not all of them.
   */
  figures: Readonly<Record<string, Readonly<Record<string, FigureState>>>>;
}>;

export type MetricState = Readonly<{ status: 'absent'; version: number }> | DefinedMetric;

export const initialMetricState = (): MetricState => ({ status: 'absent', version: 0 });

const figureKey = (start: string, end: string) => `${start}..${end}`;

const figureAt = (metric: DefinedMetric, start: string, end: string): FigureState | undefined =>
  metric.figures[end.slice(0, 4)]?.[figureKey(start, end)];

function withFigure(metric: DefinedMetric, figure: FigureState): DefinedMetric['figures'] {
  const year = figure.periodEnd.slice(0, 4);
  return {
    ...metric.figures,
    [year]: { ...metric.figures[year], [figureKey(figure.periodStart, figure.periodEnd)]: figure },
  };
}

// ---------------------------------------------------------------------------------------------
// evolve

function evolveDefined(state: DefinedMetric, event: Exclude<MetricEvent, MetricDefined>): DefinedMetric {
  const revision = state.version;
  const next = { ...state, version: revision + 1 };
  switch (event.type) {
    case 'MetricRedefined':
      return { ...next, definition: event.data.definition };
    case 'MetricDeEmphasized':
      return { ...next, deEmphasized: true };
    case 'MetricDiscontinued': {
      const { lastPeriod, lastPeriodStart, lastPeriodEnd, statedAt } = event.data;
      return {
        ...next,
        discontinued: true,
        discontinuedOn: statedAt,
        ...(lastPeriod !== undefined && lastPeriodStart !== undefined && lastPeriodEnd !== undefined
          ? { lastPeriod: { period: lastPeriod, start: lastPeriodStart, end: lastPeriodEnd } }
          : {}),
      };
    }
    case 'MetricReinstated': {
      const { lastPeriod: _dropped, discontinuedOn: _undone, ...rest } = next;
      return { ...rest, deEmphasized: false, discontinued: false };
    }
    case 'FigureReported':
    case 'FigureRestated': {
      const { period, periodStart, periodEnd, value, currency, reportedAt, source, translations } = event.data;
      const figure: FigureState = defined({
        period,
        periodStart,
        periodEnd,
        value,
        currency,
        reportedAt,
        source,
        translations: translations ?? [],
        setBy: revision,
      });
      // A restatement keeps the label the figure was first reported under.
      const existing = figureAt(state, periodStart, periodEnd);
      const labelled = existing === undefined ? figure : { ...figure, period: existing.period };
      return { ...next, figures: withFigure(state, labelled) };
    }
    case 'FigureCorrected': {
      const figure = figureAt(state, event.data.periodStart, event.data.periodEnd);
      if (figure === undefined) return next;
      const { value, currency, reportedAt, source, translations } = event.data;
      const corrected: FigureState = {
        ...figure,
        ...defined<Partial<FigureState>>({ value, currency, reportedAt, source, translations }),
      };
      return { ...next, figures: withFigure(state, corrected) };
    }
    default:
      return assertNever(event);
  }
}

export function evolveMetric(state: MetricState, event: MetricEvent): MetricState {
  if (event.type === 'MetricDefined') {
    const { companyId, metricId, name, unit, definition } = event.data;
    return {
      status: 'defined',
      version: state.version + 1,
      ...defined({ companyId, metricId, name, unit, definition }),
      deEmphasized: false,
      discontinued: false,
      figures: {},
    };
  }
  // Events only follow a definition; the version still counts whatever was stored.
  if (state.status === 'absent') return { ...state, version: state.version + 1 };
  return evolveDefined(state, event);
}

// ---------------------------------------------------------------------------------------------
// decide: shared checks

const UNITS: readonly MetricUnit[] = ['currency', 'count', 'percent', 'ratio'];

function requireMetric(state: MetricState, companyId: string, metricId: string): DefinedMetric {
  if (state.status === 'absent') {
    throw notFound('METRIC_NOT_FOUND', `Company "${companyId}" has no metric "${metricId}"; define it first`);
  }
  return state;
}

function requireText(value: string, code: string, message: string, field: string): string {
  if (value.trim() === '') throw validationError(code, message, field);
  return value;
}

/** Checks translations against the figure's currency; `[]` when there are none. */
function checkTranslations(
  metric: DefinedMetric,
  translations: readonly Translation[] | undefined,
  currency: string | undefined,
): Translation[] {
  if (translations === undefined || translations.length === 0) return [];
  if (metric.unit !== 'currency') {
    throw validationError(
      'TRANSLATIONS_NOT_ALLOWED',
      `Metric "${metric.metricId}" is measured in ${metric.unit}; only currency figures can carry translations`,
      'translations',
    );
  }
  const seen = new Set<string>();
  translations.forEach((translation, i) => {
    const field = `translations[${i}].currency`;
    requireCurrencyCode(translation.currency, field);
    if (translation.currency === currency) {
      throw validationError(
        'TRANSLATION_CURRENCY_INVALID',
        `A translation must be into another currency than the figure's own (${translation.currency})`,
        field,
      );
    }
    if (seen.has(translation.currency)) {
      throw validationError(
        'TRANSLATION_CURRENCY_INVALID',
        `The figure already has a translation into ${translation.currency}; give each currency once`,
        field,
      );
    }
    seen.add(translation.currency);
    requireDecimal(translation.value, `translations[${i}].value`);
  });
  return translations.map(({ currency: to, value }) => ({ currency: to, value }));
}

function sameTranslations(a: readonly Translation[], b: readonly Translation[]): boolean {
  return (
    a.length === b.length && a.every((t) => b.some((u) => u.currency === t.currency && decimalsEqual(u.value, t.value)))
  );
}

function requireFigure(metric: DefinedMetric, period: ResolvedPeriod): FigureState {
  const figure = figureAt(metric, period.start, period.end);
  if (figure === undefined) {
    throw notFound(
      'FIGURE_NOT_REPORTED',
      `Metric "${metric.metricId}" has no figure for ${period.period}; report it first (POST …/figures)`,
    );
  }
  return figure;
}

const ref = (metric: DefinedMetric) => ({ companyId: metric.companyId, metricId: metric.metricId });

const figurePeriod = (period: ResolvedPeriod) => ({
  period: period.period,
  periodStart: period.start,
  periodEnd: period.end,
});

// ---------------------------------------------------------------------------------------------
// decide: lifecycle

function defineMetric(command: DefineMetric, state: MetricState): MetricDefined[] {
  const { companyId, metricId, name, unit, definition, source, context } = command.data;
  requireCompany(context.company, companyId);
  if (state.status === 'defined') {
    throw conflict('METRIC_ALREADY_EXISTS', `Company "${companyId}" already has a metric "${metricId}"`);
  }
  if (!isSlug(metricId)) {
    throw validationError('INVALID_ID', `"${metricId}" is not a valid metric id (a slug such as "gmv")`, 'id');
  }
  requireText(name, 'NAME_REQUIRED', 'A metric needs a name', 'name');
  if (!UNITS.includes(unit)) {
    throw validationError('INVALID_UNIT', `"${String(unit)}" is not a unit: use ${UNITS.join(', ')}`, 'unit');
  }
  if (definition !== undefined) {
    requireText(
      definition,
      'DEFINITION_REQUIRED',
      'The definition must not be empty (leave it out instead)',
      'definition',
    );
  }
  if (source !== undefined) requireSource(source);
  return [{ type: 'MetricDefined', data: defined({ companyId, metricId, name, unit, definition, source }) }];
}

function redefineMetric(command: RedefineMetric, state: MetricState): MetricRedefined[] {
  const { companyId, metricId, definition, effectiveFrom, statedAt, source, reason, context } = command.data;
  const metric = requireMetric(state, companyId, metricId);
  const company = requireCompany(context.company, companyId);
  requireText(definition, 'DEFINITION_REQUIRED', 'A redefinition needs the new definition text', 'definition');
  const period = resolvePeriodOf(effectiveFrom, company.fiscalYearEnd, 'effectiveFrom');
  requireDate(statedAt, 'statedAt');
  requireSource(source);
  if (metric.definition !== undefined && metric.definition.trim() === definition.trim()) {
    throw conflict(
      'DEFINITION_UNCHANGED',
      `Metric "${metricId}" already has this definition; a redefinition must change it`,
      'definition',
    );
  }
  return [
    {
      type: 'MetricRedefined',
      data: defined({
        ...ref(metric),
        definition,
        previousDefinition: metric.definition,
        effectiveFrom: period.period,
        effectiveFromStart: period.start,
        effectiveFromEnd: period.end,
        statedAt,
        source,
        reason,
      }),
    },
  ];
}

function deEmphasizeMetric(command: DeEmphasizeMetric, state: MetricState): MetricDeEmphasized[] {
  const { companyId, metricId, statedAt, source, note } = command.data;
  const metric = requireMetric(state, companyId, metricId);
  if (metric.discontinued) {
    throw conflict(
      'METRIC_DISCONTINUED',
      `Metric "${metricId}" is discontinued; a discontinued metric cannot be de-emphasized (reinstate it first)`,
    );
  }
  if (metric.deEmphasized) {
    throw conflict('METRIC_ALREADY_DE_EMPHASIZED', `Metric "${metricId}" is already de-emphasized`);
  }
  requireDate(statedAt, 'statedAt');
  requireSource(source);
  return [{ type: 'MetricDeEmphasized', data: defined({ ...ref(metric), statedAt, source, note }) }];
}

function discontinueMetric(command: DiscontinueMetric, state: MetricState): MetricDiscontinued[] {
  const { companyId, metricId, statedAt, lastPeriod, source, note, context } = command.data;
  const metric = requireMetric(state, companyId, metricId);
  if (metric.discontinued) {
    throw conflict('METRIC_ALREADY_DISCONTINUED', `Metric "${metricId}" is already discontinued`);
  }
  requireDate(statedAt, 'statedAt');
  requireSource(source);
  const last =
    lastPeriod === undefined
      ? undefined
      : resolvePeriodOf(lastPeriod, requireCompany(context.company, companyId).fiscalYearEnd, 'lastPeriod');
  return [
    {
      type: 'MetricDiscontinued',
      data: defined({
        ...ref(metric),
        statedAt,
        lastPeriod: last?.period,
        lastPeriodStart: last?.start,
        lastPeriodEnd: last?.end,
        source,
        note,
      }),
    },
  ];
}

function reinstateMetric(command: ReinstateMetric, state: MetricState): MetricReinstated[] {
  const { companyId, metricId, statedAt, source, note } = command.data;
  const metric = requireMetric(state, companyId, metricId);
  if (!metric.deEmphasized && !metric.discontinued) {
    throw conflict(
      'METRIC_NOT_DE_EMPHASIZED_OR_DISCONTINUED',
      `Metric "${metricId}" is neither de-emphasized nor discontinued; there is nothing to reinstate`,
    );
  }
  requireDate(statedAt, 'statedAt');
  requireSource(source);
  return [
    {
      type: 'MetricReinstated',
      data: defined({
        ...ref(metric),
        statedAt,
        source,
        note,
        wasDeEmphasized: metric.deEmphasized,
        wasDiscontinued: metric.discontinued,
      }),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// decide: figures

function reportFigure(command: ReportFigure, state: MetricState): FigureReported[] {
  const { companyId, metricId, value, reportedAt, source, context } = command.data;
  const metric = requireMetric(state, companyId, metricId);
  const company: CompanyContext = requireCompany(context.company, companyId);
  const period = resolvePeriodOf(command.data.period, company.fiscalYearEnd, 'period');
  requireDecimal(value, 'value');
  requireDate(reportedAt, 'reportedAt');
  requireSource(source);
  const currency = currencyFor(metric, command.data.currency, company.reportingCurrency, 'figures');
  const translations = checkTranslations(metric, command.data.translations, currency);

  const existing = figureAt(metric, period.start, period.end);
  if (existing !== undefined) {
    throw conflict(
      'FIGURE_ALREADY_REPORTED',
      `Metric "${metricId}" already has a figure for ${existing.period} (${existing.value}); ` +
        'record a change by the company as a restatement, or fix an entry error with a correction',
      'period',
    );
  }
  if (metric.discontinued && metric.lastPeriod !== undefined && compareDates(period.end, metric.lastPeriod.end) > 0) {
    throw conflict(
      'METRIC_DISCONTINUED',
      `Metric "${metricId}" was discontinued after ${metric.lastPeriod.period} (ending ${metric.lastPeriod.end}); ` +
        `${period.period} ends later, so no figure can be reported for it`,
      'period',
    );
  }
  return [
    {
      type: 'FigureReported',
      data: defined({
        ...ref(metric),
        ...figurePeriod(period),
        value,
        currency,
        reportedAt,
        source,
        translations: translations.length > 0 ? translations : undefined,
      }),
    },
  ];
}

function restateFigure(command: RestateFigure, state: MetricState): FigureRestated[] {
  const { companyId, metricId, value, reportedAt, source, reason, context } = command.data;
  const metric = requireMetric(state, companyId, metricId);
  const company = requireCompany(context.company, companyId);
  const figure = requireFigure(metric, resolvePeriodOf(command.data.period, company.fiscalYearEnd, 'period'));
  requireDecimal(value, 'value');
  requireDate(reportedAt, 'reportedAt');
  requireSource(source);
  requireText(reason, 'REASON_REQUIRED', 'A restatement needs a reason', 'reason');
  const currency = currencyFor(metric, command.data.currency, figure.currency, 'figures');
  const translations = checkTranslations(metric, command.data.translations, currency);

  if (compareDates(reportedAt, figure.reportedAt) < 0) {
    throw conflict(
      'RESTATEMENT_BEFORE_REPORT',
      `The figure for ${figure.period} was reported on ${figure.reportedAt}; a restatement cannot be dated earlier (${reportedAt})`,
      'reportedAt',
    );
  }
  if (
    decimalsEqual(value, figure.value) &&
    currency === figure.currency &&
    sameTranslations(translations, figure.translations)
  ) {
    throw conflict(
      'FIGURE_UNCHANGED',
      `The figure for ${figure.period} already is ${figure.value}${currency === undefined ? '' : ` ${currency}`}; ` +
        'a restatement must change the value, the currency or the translations',
    );
  }
  return [
    {
      type: 'FigureRestated',
      data: defined({
        ...ref(metric),
        ...figurePeriod({ period: figure.period, start: figure.periodStart, end: figure.periodEnd }),
        value,
        currency,
        reportedAt,
        source,
        reason,
        translations: translations.length > 0 ? translations : undefined,
        previous: defined({
          value: figure.value,
          currency: figure.currency,
          reportedAt: figure.reportedAt,
          translations: figure.translations.length > 0 ? [...figure.translations] : undefined,
        }),
      }),
    },
  ];
}

type FigureFields = {
  value?: string;
  currency?: string;
  reportedAt?: string;
  source?: Source;
  translations?: Translation[];
};

function correctFigure(command: CorrectFigure, state: MetricState): FigureCorrected[] {
  const { companyId, metricId, value, reportedAt, source, reason, context } = command.data;
  const metric = requireMetric(state, companyId, metricId);
  const company = requireCompany(context.company, companyId);
  const figure = requireFigure(metric, resolvePeriodOf(command.data.period, company.fiscalYearEnd, 'period'));
  requireText(reason, 'REASON_REQUIRED', 'A correction needs a reason', 'reason');
  if (
    value === undefined &&
    command.data.currency === undefined &&
    reportedAt === undefined &&
    source === undefined &&
    command.data.translations === undefined
  ) {
    throw validationError(
      'CORRECTION_EMPTY',
      'A correction must give at least one of value, currency, reportedAt, source or translations',
    );
  }
  if (value !== undefined) requireDecimal(value, 'value');
  if (reportedAt !== undefined) requireDate(reportedAt, 'reportedAt');
  if (source !== undefined) requireSource(source);
  const currency =
    command.data.currency === undefined
      ? figure.currency
      : currencyFor(metric, command.data.currency, undefined, 'figures');
  const translations = checkTranslations(metric, command.data.translations ?? figure.translations, currency);

  const changes: FigureFields = {};
  const previous: FigureFields = {};
  const changed: CorrectableFigureField[] = [];
  const change = <K extends CorrectableFigureField>(field: K, to: FigureFields[K], from: FigureFields[K]) => {
    changes[field] = to;
    previous[field] = from;
    changed.push(field);
  };
  if (value !== undefined && !decimalsEqual(value, figure.value)) change('value', value, figure.value);
  if (currency !== figure.currency) change('currency', currency, figure.currency);
  if (reportedAt !== undefined && reportedAt !== figure.reportedAt) change('reportedAt', reportedAt, figure.reportedAt);
  if (source !== undefined && !sameJson(source, figure.source)) change('source', source, figure.source);
  if (command.data.translations !== undefined && !sameTranslations(translations, figure.translations)) {
    change('translations', translations, [...figure.translations]);
  }
  if (changed.length === 0) {
    throw conflict(
      'CORRECTION_UNCHANGED',
      `Every field given already has that value in the figure for ${figure.period}; nothing to correct`,
    );
  }
  return [
    {
      type: 'FigureCorrected',
      data: defined({
        ...ref(metric),
        ...figurePeriod({ period: figure.period, start: figure.periodStart, end: figure.periodEnd }),
        corrects: figure.setBy,
        reason,
        changed,
        ...defined(changes),
        previous: defined(previous),
      }),
    },
  ];
}

// ---------------------------------------------------------------------------------------------

export function decideMetric(command: MetricCommand, state: MetricState): MetricEvent[] {
  switch (command.type) {
    case 'DefineMetric':
      return defineMetric(command, state);
    case 'RedefineMetric':
      return redefineMetric(command, state);
    case 'DeEmphasizeMetric':
      return deEmphasizeMetric(command, state);
    case 'DiscontinueMetric':
      return discontinueMetric(command, state);
    case 'ReinstateMetric':
      return reinstateMetric(command, state);
    case 'ReportFigure':
      return reportFigure(command, state);
    case 'RestateFigure':
      return restateFigure(command, state);
    case 'CorrectFigure':
      return correctFigure(command, state);
    default:
      return assertNever(command);
  }
}

export const metricDecider = {
  decide: decideMetric,
  evolve: evolveMetric,
  initialState: initialMetricState,
};
