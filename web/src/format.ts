import type { MetricSummary, ScoreboardRow } from './api/types.js';

/**
 * Display formatting only: values stay decimal strings everywhere else (the ledger never uses
 * binary floating point for stored values or comparisons); a chart axis needs numbers.
 */
const SCALES: ReadonlyArray<[number, string]> = [
  [1e12, 'tn'],
  [1e9, 'bn'],
  [1e6, 'm'],
];

/** `7053000000000` → `7.053 tn`; `960000000` → `960 m`; small values grouped. */
export function shortNumber(value: number): string {
  const abs = Math.abs(value);
  for (const [scale, suffix] of SCALES) {
    if (abs >= scale) return `${trimmed(value / scale)} ${suffix}`;
  }
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 }).format(value);
}

function trimmed(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 }).format(value);
}

/** The exact decimal string with thousands separators: `7053000000000` → `7,053,000,000,000`. */
export function groupDigits(value: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (match === null) return value;
  return `${match[1]}${match[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${match[3] ?? ''}`;
}

/** A value in its unit: `CNY 7.053 tn`, `1.31 bn`, `12.5 %`. */
export function formatValue(value: string, unit?: MetricSummary['unit'], currency?: string | null): string {
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  if (unit === 'percent') return `${value} %`;
  if (unit === 'ratio') return value;
  const short = shortNumber(number);
  return currency ? `${currency} ${short}` : short;
}

const COMPARATORS: Record<string, string> = { gte: '≥', lte: '≤', eq: '=' };

/** `≥ USD 1 tn by FY2020 (from FY2016)`. */
export function describeTerms(terms: ScoreboardRow['terms'], unit?: MetricSummary['unit']): string {
  const amount =
    terms.comparator === 'between'
      ? `between ${formatValue(terms.low ?? '', unit, terms.currency)} and ${formatValue(terms.high ?? '', unit, terms.currency)}`
      : `${COMPARATORS[terms.comparator] ?? terms.comparator} ${formatValue(terms.value ?? '', unit, terms.currency)}`;
  const baseline = terms.baseline ? ` (from ${terms.baseline.period})` : '';
  return `${amount} by ${terms.deadline}${baseline}`;
}

/** `"0.1983"` → `19.83 %`. */
export function percent(decimal: string | null | undefined, digits = 2): string {
  if (decimal === null || decimal === undefined) return '—';
  const number = Number(decimal) * 100;
  return Number.isFinite(number) ? `${number.toFixed(digits)} %` : decimal;
}

/** An instant as UTC, to the second: `2026-11-27 08:49:27 UTC`. */
export function instant(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') + ' UTC';
}

export const STATUS_LABELS: Record<string, string> = {
  achieved: 'Achieved',
  missed: 'Missed',
  on_track: 'On track',
  off_track: 'Off track',
  pending: 'Pending',
  awaiting_report: 'Awaiting report',
  unverifiable: 'Unverifiable',
  not_comparable: 'Not comparable',
  withdrawn: 'Withdrawn',
};

export const BASIS_LABELS: Record<string, string> = {
  same_currency: 'same currency',
  own_translation: "company's own translation",
  fx_period: 'FX rate for the period',
  fx_nearest: 'nearest earlier FX rate',
};

/** `TargetReaffirmed` → `Reaffirmed`, `FigureReported` → `Figure reported`. */
export function eventLabel(type: string): string {
  const target = /^Target(.+)$/.exec(type);
  if (target) return target[1];
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
