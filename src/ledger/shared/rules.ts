import { isCanonicalDecimal } from '../values/decimal.js';
import { formatPeriod, parsePeriod, resolvePeriod, type Period } from '../values/period.js';
import { sourceProblems, type Source } from '../values/source.js';
import { isCalendarDate } from '../values/calendar-date.js';
import { isCurrencyCode } from '../values/currency.js';
import type { CompanyContext, MetricUnit } from './context.js';
import { notFound, validationError } from './domain-error.js';

/**
 * Checks shared by the deciders. The API validates shapes before a command is built; these
 * re-check what the domain relies on, so that a command built elsewhere (CLI, import) cannot
 * slip a malformed value into the ledger.
 */

export type ResolvedPeriod = Readonly<{ period: string; start: string; end: string }>;

export function requireCompany(company: CompanyContext | null, companyId: string): CompanyContext {
  if (company === null) {
    throw notFound('COMPANY_NOT_FOUND', `Company "${companyId}" does not exist; register it first (POST /companies)`);
  }
  return company;
}

export function parsePeriodOf(text: string, field: string): Period {
  const period = parsePeriod(text);
  if (period === null) {
    throw validationError(
      'INVALID_PERIOD',
      `"${text}" is not a period: use FY2020, FY2020-H1, FY2020-Q3, CY2020 or CY2020-Q1 (years 1900-2199)`,
      field,
    );
  }
  return period;
}

/** Resolves a period through the company's fiscal calendar. */
export function resolvePeriodOf(text: string, fiscalYearEnd: string, field: string): ResolvedPeriod {
  const period = parsePeriodOf(text, field);
  return { period: formatPeriod(period), ...resolvePeriod(period, fiscalYearEnd) };
}

export function requireDecimal(value: string, field: string): string {
  if (!isCanonicalDecimal(value)) {
    throw validationError(
      'INVALID_DECIMAL',
      `${field} must be a decimal number as a string in canonical form, e.g. "1000000" (got ${JSON.stringify(value)})`,
      field,
    );
  }
  return value;
}

export function requireDate(value: string, field: string): string {
  if (!isCalendarDate(value)) {
    throw validationError('INVALID_DATE', `"${value}" is not a calendar date YYYY-MM-DD that exists`, field);
  }
  return value;
}

export function requireSource(source: Source, field = 'source'): Source {
  const [problem] = sourceProblems(source);
  if (problem !== undefined) {
    const path = problem.field === '' ? field : `${field}.${problem.field}`;
    throw validationError('INVALID_SOURCE', `${path} ${problem.message}`, path);
  }
  return source;
}

/** Drops `undefined` fields: events omit what is absent (never `undefined`, never `null`). */
export function defined<T extends object>(record: T): T {
  // A loop, not fromEntries(entries().filter()): it runs for every event decided and folded.
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const value = (record as Record<string, unknown>)[key];
    if (value !== undefined) kept[key] = value;
  }
  return kept as T;
}

/** Structural equality of plain JSON-like values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function requireCurrencyCode(code: string, field: string): string {
  if (!isCurrencyCode(code)) {
    throw validationError('INVALID_CURRENCY', `"${code}" is not an ISO 4217 currency code (e.g. USD, CNY)`, field);
  }
  return code;
}

/**
 * The currency of a metric's figure or target: only currency metrics have one, `fallback` when
 * none is given (the company's reporting currency, or the currency a figure already has).
 */
export function currencyFor(
  metric: Readonly<{ metricId: string; unit: MetricUnit }>,
  given: string | undefined,
  fallback: string | undefined,
  what: 'figures' | 'targets',
): string | undefined {
  if (metric.unit !== 'currency') {
    if (given !== undefined) {
      throw validationError(
        'CURRENCY_NOT_ALLOWED',
        `Metric "${metric.metricId}" is measured in ${metric.unit}, so its ${what} carry no currency`,
        'currency',
      );
    }
    return undefined;
  }
  return requireCurrencyCode(given ?? fallback ?? '', 'currency');
}
