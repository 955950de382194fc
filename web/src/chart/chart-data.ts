import { daysBetween } from '../../../src/ledger/values/calendar-date.js';
import { parsePeriod, periodKind, resolvePeriod } from '../../../src/ledger/values/period.js';
import type { HistoryEntry, MetricFigureRow, MetricView, TargetLedgerView } from '../api/types.js';

/**
 * What the target chart draws, derived from the API's answers with the server's own period
 * calendar: the metric's figures in the target's currency, first-reported values that a
 * restatement replaced, the target at its deadline, the required path from the baseline, and
 * the company's statements about the target. Numbers here are for drawing only.
 */
export type FigureKind = 'reported' | 'restated' | 'first reported';
export type ChartPoint = { date: string; value: number; period: string; kind: FigureKind };
export type PathPoint = { date: string; value: number };
export type Marker = { date: string; kind: string };
export type TargetMark = { date: string; period: string; value?: number; low?: number; high?: number };

export type ChartData = {
  /** The axis's unit: the target's currency, or none for counts, percentages, ratios. */
  currency: string | null;
  points: ChartPoint[];
  /** Periods drawn nowhere because no value in the chart's currency is known for them. */
  omitted: string[];
  target: TargetMark;
  /** The constant-growth path from the baseline figure to the target value; empty without one. */
  requiredPath: PathPoint[];
  markers: Marker[];
};

type FigureState = { value: string; currency: string | null; translations: Array<{ currency: string; value: string }> };

/** The value of a figure in `currency`: as reported, by the company's own translation, or none. */
function valueIn(figure: FigureState, currency: string | null): number | null {
  if (currency === null || figure.currency === null || figure.currency === currency) return Number(figure.value);
  const translation = figure.translations.find((t) => t.currency === currency);
  return translation ? Number(translation.value) : null;
}

/**
 * Each restated figure as it stood just before its first restatement (corrections of the
 * analyst's entry before then included), rebuilt from the metric's history.
 */
export function firstReported(entries: HistoryEntry[]): Map<string, FigureState> {
  const current = new Map<string, FigureState>();
  const before = new Map<string, FigureState>();
  for (const entry of entries) {
    if (!['FigureReported', 'FigureRestated', 'FigureCorrected'].includes(entry.type)) continue;
    const byPeriod = new Map<string, Array<{ name: string; to: unknown }>>();
    for (const change of entry.changes) {
      const match = /^figures\.([^.]+)\.(value|currency|translations)$/.exec(change.field);
      if (match === null) continue;
      byPeriod.set(match[1], [...(byPeriod.get(match[1]) ?? []), { name: match[2], to: change.to }]);
    }
    for (const [period, changes] of byPeriod) {
      const state: FigureState = current.get(period) ?? { value: '0', currency: null, translations: [] };
      if (entry.type === 'FigureRestated' && !before.has(period)) before.set(period, { ...state });
      const next = { ...state };
      for (const { name, to } of changes) {
        if (name === 'value') next.value = String(to);
        if (name === 'currency') next.currency = (to as string | null) ?? null;
        if (name === 'translations') next.translations = (to as FigureState['translations'] | null) ?? [];
      }
      current.set(period, next);
    }
  }
  return before;
}

const sameKind = (a: string, b: string) => {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  return pa !== null && pb !== null && periodKind(pa) === periodKind(pb);
};

const STEPS = 24;

export function chartData(input: {
  target: TargetLedgerView;
  metric: MetricView;
  metricHistory: HistoryEntry[];
  fiscalYearEnd: string;
}): ChartData {
  const { target, metric, metricHistory, fiscalYearEnd } = input;
  const { terms } = target;
  const currency = metric.unit === 'currency' ? (terms.currency ?? null) : null;
  const originals = firstReported(metricHistory);
  const points: ChartPoint[] = [];
  const omitted: string[] = [];
  // Only figures of the deadline's kind count for the status (years with years): the same here.
  const figures = metric.figures.filter((f: MetricFigureRow) => sameKind(f.period, terms.deadline));
  for (const figure of figures) {
    const value = valueIn(figure, currency);
    if (value === null) {
      omitted.push(figure.period);
      continue;
    }
    points.push({
      date: figure.periodEnd,
      value,
      period: figure.period,
      kind: figure.restated ? 'restated' : 'reported',
    });
    const original = figure.restated ? originals.get(figure.period) : undefined;
    const originalValue = original ? valueIn(original, currency) : null;
    if (originalValue !== null) {
      points.push({ date: figure.periodEnd, value: originalValue, period: figure.period, kind: 'first reported' });
    }
  }

  const deadlineEnd = resolvePeriod(terms.deadline, fiscalYearEnd).end;
  const targetMark: TargetMark =
    terms.comparator === 'between'
      ? { date: deadlineEnd, period: terms.deadline, low: Number(terms.low), high: Number(terms.high) }
      : { date: deadlineEnd, period: terms.deadline, value: Number(terms.value) };

  return {
    currency,
    points,
    omitted,
    target: targetMark,
    requiredPath: requiredPath(terms.baseline?.period, targetMark, points, fiscalYearEnd),
    markers: target.statements.map((s) => ({ date: s.announcedAt, kind: s.kind })),
  };
}

/** `B · (V/B)^((t−t0)/(tD−t0))`, sampled: the path of constant growth the status is judged on. */
function requiredPath(
  baseline: string | undefined,
  target: TargetMark,
  points: ChartPoint[],
  fiscalYearEnd: string,
): PathPoint[] {
  if (baseline === undefined || target.value === undefined) return [];
  const base = points.find((p) => p.period === baseline && p.kind !== 'first reported');
  if (base === undefined || base.value <= 0 || target.value <= 0) return [];
  const t0 = resolvePeriod(baseline, fiscalYearEnd).end;
  const span = daysBetween(t0, target.date);
  if (span <= 0) return [];
  const ratio = target.value / base.value;
  const path: PathPoint[] = [];
  for (let step = 0; step <= STEPS; step++) {
    const fraction = step / STEPS;
    const date = new Date(Date.parse(`${t0}T00:00:00Z`) + fraction * span * 86_400_000).toISOString().slice(0, 10);
    path.push({ date, value: base.value * ratio ** fraction });
  }
  return path;
}
