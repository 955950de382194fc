import { daysBetween } from '../../ledger/values/calendar-date.js';
import { parsePeriod, periodKind, type PeriodKind } from '../../ledger/values/period.js';
import type { TermsInput } from '../../ledger/target/target.commands.js';
import type { TargetTerms } from '../../ledger/target/target.events.js';
import type { CompanyLedger, LedgerFigure, LedgerMetric, LedgerTarget } from './company-ledger.projection.js';
import { convertFigure, type Conversion, type MissingRate } from './fx-conversion.js';
import type { FxRates } from './fx-rates.projection.js';
import { dec, power, rounded, type Dec } from './ledger-math.js';

export type TargetStatus =
  | 'withdrawn'
  | 'not_comparable'
  | 'achieved'
  | 'missed'
  | 'awaiting_report'
  | 'unverifiable'
  | 'on_track'
  | 'off_track'
  | 'pending';

/** Terms as clients state them (what AnnounceTarget takes): periods by name, the baseline as `{ period }`. */
export type RowTerms = TermsInput;

/** The figure a status rests on, in its own currency (the converted value is in `conversion`). */
export type RowFigure = { period: string; value: string; currency?: string; reportedAt: string };

export type ScoreboardRow = {
  targetId: string;
  metricId: string;
  terms: RowTerms;
  announcedAt: string;
  status: TargetStatus;
  /** Only on `achieved` by a figure for a period before the deadline. */
  early?: true;
  progress: string | null;
  figure: RowFigure | null;
  conversion: Conversion | null;
  requiredGrowthRate: string | null;
  actualGrowthRate: string | null;
  revisions: number;
  deEmphasized: boolean;
  discontinued: boolean;
  /** Only on `not_comparable`: the rate that would have made the figure comparable. */
  missing?: MissingRate;
};

/** A figure with its value in the target's currency. */
type Measured = { figure: LedgerFigure; value: Dec; conversion: Conversion | null };

type Outcome = {
  status: TargetStatus;
  early?: true;
  /** The figure the status rests on (or, while none does, the latest one, for progress). */
  measured: Measured | null;
  baseline: Measured | null;
  missing?: { rate: MissingRate; figure: LedgerFigure };
};

const PLACES = 4;
const DAYS_PER_YEAR = dec('365.25');

/**
 * The scoreboard row of one target at `asOf`, by the rules of DESIGN.md "Target status", first
 * that applies:
 * 1. withdrawn;
 * 2. comparable figures are the metric's figures for periods of the deadline's kind (year, half,
 *    quarter), converted into the target's currency (see convertFigure); only those the status
 *    rests on are converted, and a missing rate for one of them gives `not_comparable`;
 * 3. a figure for the deadline period (same dates): `achieved` / `missed`;
 * 4. a figure for an earlier period that already satisfies a gte/lte target: `achieved`, early
 *    (the earliest such; a figure whose rate is missing cannot show it, so it is passed over);
 * 5. the deadline has ended without a figure: `unverifiable` for a discontinued metric, else
 *    `awaiting_report`;
 * 6. before the deadline: the latest figure L against the constant-growth path from the
 *    baseline figure B to the target value V at the deadline end, B·(V/B)^((t1−t0)/(tD−t0));
 *    `on_track` / `off_track`, or `pending` without both figures (or without a path: B or V
 *    not positive).
 *
 * Judgement calls where the rules leave room: an `eq` target is on track when L is on the far
 * side of the path from B (it behaves as gte when V ≥ B, as lte when V < B), since exact equality
 * with an irrational path value never happens; a `between` target is on track when L lies
 * between the paths towards `low` and towards `high`.
 *
 * The caller passes a ledger already filtered to `asOf`; figures reported after `asOf` are ignored
 * all the same, so that no later knowledge can leak into a status.
 */
export function evaluateTarget(
  target: LedgerTarget,
  metric: LedgerMetric | null | undefined,
  fx: FxRates,
  asOf: string,
): ScoreboardRow {
  return toRow(target, metric ?? null, outcomeOf(target, metric ?? null, fx, asOf));
}

/** Rows for every target of the company, by target id. */
export function scoreboard(ledger: CompanyLedger, fx: FxRates, asOf: string): ScoreboardRow[] {
  return Object.values(ledger.targets)
    .sort((a, b) => (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0))
    .map((target) => evaluateTarget(target, ledger.metrics[target.metricId], fx, asOf));
}

function outcomeOf(target: LedgerTarget, metric: LedgerMetric | null, fx: FxRates, asOf: string): Outcome {
  const { terms } = target;
  if (target.status === 'withdrawn' && (target.withdrawnAt ?? '') <= asOf) {
    return { status: 'withdrawn', measured: null, baseline: null };
  }

  const to = metric?.unit === 'currency' ? (terms.currency ?? null) : null;
  const measure = (figure: LedgerFigure): Measured | MissingRate => {
    const converted = convertFigure(figure, to, fx, asOf);
    return converted.ok ? { figure, value: dec(converted.value), conversion: converted.conversion } : converted.missing;
  };
  const measureOrNull = (figure: LedgerFigure | undefined): Measured | null => {
    if (figure === undefined) return null;
    const measured = measure(figure);
    return isMeasured(measured) ? measured : null;
  };
  const notComparable = (rate: MissingRate, figure: LedgerFigure, baseline: Measured | null): Outcome => ({
    status: 'not_comparable',
    measured: null,
    baseline,
    missing: { rate, figure },
  });

  const visible = Object.values(metric?.figures ?? {})
    .filter((f) => f.reportedAt <= asOf)
    .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || b.periodStart.localeCompare(a.periodStart));
  const kind = kindOf(terms.deadline);
  const comparable = visible.filter((f) => kind !== null && kindOf(f.period) === kind);
  const baselineRange = terms.baseline;
  const baselineFigure =
    baselineRange === undefined
      ? undefined
      : visible.find((f) => f.periodStart === baselineRange.start && f.periodEnd === baselineRange.end);

  // 3. the deadline period is reported
  const deadlineFigure = comparable.find(
    (f) => f.periodStart === terms.deadlineStart && f.periodEnd === terms.deadlineEnd,
  );
  if (deadlineFigure !== undefined) {
    const measured = measure(deadlineFigure);
    if (!isMeasured(measured)) return notComparable(measured, deadlineFigure, measureOrNull(baselineFigure));
    const status = satisfies(terms, measured.value) ? 'achieved' : 'missed';
    return { status, measured, baseline: measureOrNull(baselineFigure) };
  }

  const earlier = comparable.filter((f) => f.periodEnd < terms.deadlineEnd);

  // 4. already achieved before the deadline
  if (terms.comparator === 'gte' || terms.comparator === 'lte') {
    for (const figure of earlier) {
      const measured = measureOrNull(figure);
      if (measured !== null && satisfies(terms, measured.value)) {
        return { status: 'achieved', early: true, measured, baseline: measureOrNull(baselineFigure) };
      }
    }
  }

  const latest = earlier.at(-1);

  // 5. the deadline has passed without a figure
  if (terms.deadlineEnd < asOf) {
    const status = metric?.discontinued === true ? 'unverifiable' : 'awaiting_report';
    return { status, measured: measureOrNull(latest), baseline: measureOrNull(baselineFigure) };
  }

  // 6. on the way to the deadline
  const t0 = baselineFigure?.periodEnd;
  if (baselineFigure === undefined || t0 === undefined || latest === undefined || latest.periodEnd <= t0) {
    return { status: 'pending', measured: measureOrNull(latest), baseline: measureOrNull(baselineFigure) };
  }
  const baseline = measure(baselineFigure);
  if (!isMeasured(baseline)) return notComparable(baseline, baselineFigure, null);
  const measured = measure(latest);
  if (!isMeasured(measured)) return notComparable(measured, latest, baseline);
  const onPath = onTrack(terms, baseline, measured);
  if (onPath === null) return { status: 'pending', measured, baseline };
  return { status: onPath ? 'on_track' : 'off_track', measured, baseline };
}

const positive = (x: Dec) => x.gt(0);

const isMeasured = (value: Measured | MissingRate): value is Measured => 'figure' in value;

function kindOf(period: string): PeriodKind | null {
  const parsed = parsePeriod(period);
  return parsed === null ? null : periodKind(parsed);
}

function satisfies(terms: TargetTerms, x: Dec): boolean {
  switch (terms.comparator) {
    case 'gte':
      return terms.value !== undefined && x.gte(dec(terms.value));
    case 'lte':
      return terms.value !== undefined && x.lte(dec(terms.value));
    case 'eq':
      return terms.value !== undefined && x.eq(dec(terms.value));
    case 'between':
      return terms.low !== undefined && terms.high !== undefined && x.gte(dec(terms.low)) && x.lte(dec(terms.high));
  }
}

/** B·(V/B)^fraction: where the constant-growth path from B to V stands after `fraction` of the way. */
function pathValue(b: Dec, v: Dec, fraction: Dec): Dec | null {
  if (!positive(b) || !positive(v)) return null;
  return b.times(power(v.div(b), fraction));
}

/** Whether L is on the required path (null: no path can be drawn). */
function onTrack(terms: TargetTerms, baseline: Measured, latest: Measured): boolean | null {
  const total = daysBetween(baseline.figure.periodEnd, terms.deadlineEnd);
  const elapsed = daysBetween(baseline.figure.periodEnd, latest.figure.periodEnd);
  if (total <= 0) return null;
  const fraction = dec(elapsed).div(dec(total));
  const b = baseline.value;
  const l = latest.value;
  if (terms.comparator === 'between') {
    if (terms.low === undefined || terms.high === undefined) return null;
    const low = pathValue(b, dec(terms.low), fraction);
    const high = pathValue(b, dec(terms.high), fraction);
    return low === null || high === null ? null : l.gte(low) && l.lte(high);
  }
  if (terms.value === undefined) return null;
  const v = dec(terms.value);
  const expected = pathValue(b, v, fraction);
  if (expected === null) return null;
  switch (terms.comparator) {
    case 'gte':
      return l.gte(expected);
    case 'lte':
      return l.lte(expected);
    case 'eq':
      return v.gte(b) ? l.gte(expected) : l.lte(expected);
  }
}

/** Annualised compound growth from `from` to `to` over the days between the two period ends. */
function growthRate(from: Measured, to: Dec, toEnd: string): string | null {
  const days = daysBetween(from.figure.periodEnd, toEnd);
  if (days <= 0 || !positive(from.value) || !positive(to)) return null;
  return rounded(power(to.div(from.value), DAYS_PER_YEAR.div(days)).minus(1), PLACES);
}

function toRow(target: LedgerTarget, metric: LedgerMetric | null, outcome: Outcome): ScoreboardRow {
  const { terms } = target;
  const { measured, baseline } = outcome;
  const single = terms.comparator !== 'between' && terms.value !== undefined ? dec(terms.value) : null;
  const progress =
    single === null || single.isZero() || measured === null ? null : rounded(measured.value.div(single), PLACES);
  const required = single === null || baseline === null ? null : growthRate(baseline, single, terms.deadlineEnd);
  const actual =
    single === null || baseline === null || measured === null
      ? null
      : growthRate(baseline, measured.value, measured.figure.periodEnd);
  const shown = measured?.figure ?? outcome.missing?.figure ?? null;
  return {
    targetId: target.targetId,
    metricId: target.metricId,
    terms: rowTerms(terms),
    announcedAt: target.announcedAt,
    status: outcome.status,
    ...(outcome.early === true ? { early: true as const } : {}),
    progress,
    figure: shown === null ? null : rowFigure(shown),
    conversion: measured?.conversion ?? null,
    requiredGrowthRate: required,
    actualGrowthRate: actual,
    revisions: target.revisions,
    deEmphasized: metric?.deEmphasized ?? false,
    discontinued: metric?.discontinued ?? false,
    ...(outcome.missing === undefined ? {} : { missing: outcome.missing.rate }),
  };
}

export function rowTerms(terms: TargetTerms): RowTerms {
  return {
    comparator: terms.comparator,
    ...(terms.value === undefined ? {} : { value: terms.value }),
    ...(terms.low === undefined ? {} : { low: terms.low }),
    ...(terms.high === undefined ? {} : { high: terms.high }),
    ...(terms.currency === undefined ? {} : { currency: terms.currency }),
    deadline: terms.deadline,
    ...(terms.baseline === undefined ? {} : { baseline: { period: terms.baseline.period } }),
  };
}

const rowFigure = (figure: LedgerFigure): RowFigure => ({
  period: figure.period,
  value: figure.value,
  ...(figure.currency === null ? {} : { currency: figure.currency }),
  reportedAt: figure.reportedAt,
});
