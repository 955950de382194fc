import type { CompanyContext, MetricContext } from '../shared/context.js';
import { validationError } from '../shared/domain-error.js';
import { currencyFor, defined, requireDecimal, resolvePeriodOf } from '../shared/rules.js';
import { compareDates } from '../values/calendar-date.js';
import { compareDecimals, decimalsEqual } from '../values/decimal.js';
import type { TermsChange, TermsInput } from './target.commands.js';
import type { Comparator, TargetTerms, TermField } from './target.events.js';

/** Pure rules about a target's terms, shared by announcement, revision and correction. */

const COMPARATORS: readonly Comparator[] = ['gte', 'lte', 'eq', 'between'];
export const TERM_FIELDS: readonly TermField[] = [
  'comparator',
  'value',
  'low',
  'high',
  'currency',
  'deadline',
  'baseline',
];

const SINGLE_VALUE: Record<Comparator, string> = {
  gte: 'at least',
  lte: 'at most',
  eq: 'exactly',
  between: 'between',
};

function checkShape(terms: TermsInput) {
  const { comparator, value, low, high } = terms;
  if (!COMPARATORS.includes(comparator)) {
    throw validationError(
      'INVALID_COMPARATOR',
      `"${String(comparator)}" is not a comparator: use ${COMPARATORS.join(', ')}`,
      'comparator',
    );
  }
  if (comparator === 'between') {
    if (value !== undefined) {
      throw validationError('VALUE_NOT_ALLOWED', 'A "between" target takes low and high, not value', 'value');
    }
    if (low === undefined) throw validationError('RANGE_REQUIRED', 'A "between" target needs low and high', 'low');
    if (high === undefined) throw validationError('RANGE_REQUIRED', 'A "between" target needs low and high', 'high');
    requireDecimal(low, 'low');
    requireDecimal(high, 'high');
    if (compareDecimals(low, high) >= 0) {
      throw validationError('INVALID_RANGE', `high (${high}) must be greater than low (${low})`, 'high');
    }
    return;
  }
  if (value === undefined) {
    throw validationError(
      'VALUE_REQUIRED',
      `A "${comparator}" target (${SINGLE_VALUE[comparator]}) needs a value`,
      'value',
    );
  }
  requireDecimal(value, 'value');
  for (const field of ['low', 'high'] as const) {
    if (terms[field] !== undefined) {
      throw validationError(
        'RANGE_NOT_ALLOWED',
        `A "${comparator}" target takes a single value; ${field} is only for "between" targets`,
        field,
      );
    }
  }
}

/** Validates terms as stated and resolves their periods through the company's fiscal calendar. */
export function resolveTerms(input: TermsInput, company: CompanyContext, metric: MetricContext): TargetTerms {
  checkShape(input);
  const currency = currencyFor(metric, input.currency, company.reportingCurrency, 'targets');
  const deadline = resolvePeriodOf(input.deadline, company.fiscalYearEnd, 'deadline');
  const baseline =
    input.baseline === undefined
      ? undefined
      : resolvePeriodOf(input.baseline.period, company.fiscalYearEnd, 'baseline.period');
  if (baseline !== undefined && compareDates(baseline.end, deadline.end) >= 0) {
    throw validationError(
      'BASELINE_NOT_BEFORE_DEADLINE',
      `The baseline ${baseline.period} (ending ${baseline.end}) must end before the deadline ${deadline.period} (ending ${deadline.end})`,
      'baseline.period',
    );
  }
  return defined({
    comparator: input.comparator,
    value: input.value,
    low: input.low,
    high: input.high,
    currency,
    deadline: deadline.period,
    deadlineStart: deadline.start,
    deadlineEnd: deadline.end,
    baseline,
  });
}

export const termsChangeGiven = (change: TermsChange) => TERM_FIELDS.some((field) => change[field] !== undefined);

/**
 * Applies a revision or correction to the current terms. A new comparator drops what it does
 * not take (`between` drops value; gte/lte/eq drop low and high); given fields then replace.
 */
export function mergeTerms(current: TargetTerms, change: TermsChange): TermsInput {
  const comparator = change.comparator ?? current.comparator;
  const switched = change.comparator !== undefined && change.comparator !== current.comparator;
  const keepValue = !(switched && comparator === 'between');
  const keepRange = !(switched && comparator !== 'between');
  const baseline =
    change.baseline === null
      ? undefined
      : (change.baseline ?? (current.baseline === undefined ? undefined : { period: current.baseline.period }));
  return defined({
    comparator,
    value: change.value ?? (keepValue ? current.value : undefined),
    low: change.low ?? (keepRange ? current.low : undefined),
    high: change.high ?? (keepRange ? current.high : undefined),
    currency: change.currency ?? current.currency,
    deadline: change.deadline ?? current.deadline,
    baseline,
  });
}

const sameDecimal = (a: string | undefined, b: string | undefined) =>
  a === undefined || b === undefined ? a === b : decimalsEqual(a, b);

function sameTerm(field: TermField, a: TargetTerms, b: TargetTerms): boolean {
  switch (field) {
    case 'value':
    case 'low':
    case 'high':
      return sameDecimal(a[field], b[field]);
    case 'comparator':
    case 'currency':
    case 'deadline':
      return a[field] === b[field];
    case 'baseline':
      return a.baseline?.period === b.baseline?.period;
  }
}

/** The term fields that differ between two sets of terms. */
export const changedTerms = (before: TargetTerms, after: TargetTerms): TermField[] =>
  TERM_FIELDS.filter((field) => !sameTerm(field, before, after));
