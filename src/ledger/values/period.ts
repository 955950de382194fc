import { addDays, addMonths, daysInMonth, formatDate, type CalendarDate } from './calendar-date.js';

/**
 * Reporting periods. Fiscal years are named by the calendar year in which they end (a 03-31 year
 * end makes FY2020 = 2019-04-01..2020-03-31); CY periods are calendar periods whatever the
 * company's year end.
 */
export type PeriodCalendar = 'FY' | 'CY';
export type PeriodPart = 'Y' | 'H1' | 'H2' | 'Q1' | 'Q2' | 'Q3' | 'Q4';
export type PeriodKind = 'year' | 'half' | 'quarter';
export type Period = Readonly<{ calendar: PeriodCalendar; year: number; part: PeriodPart }>;
export type DateRange = Readonly<{ start: CalendarDate; end: CalendarDate }>;

export const MIN_PERIOD_YEAR = 1900;
export const MAX_PERIOD_YEAR = 2199;

const PERIOD = /^(FY|CY)(\d{4})(?:-(H1|H2|Q1|Q2|Q3|Q4))?$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;

export function parsePeriod(value: unknown): Period | null {
  if (typeof value !== 'string') return null;
  const match = PERIOD.exec(value);
  if (match === null) return null;
  const year = Number(match[2]);
  if (year < MIN_PERIOD_YEAR || year > MAX_PERIOD_YEAR) return null;
  return { calendar: match[1] as PeriodCalendar, year, part: (match[3] ?? 'Y') as PeriodPart };
}

export const formatPeriod = ({ calendar, year, part }: Period) =>
  part === 'Y' ? `${calendar}${year}` : `${calendar}${year}-${part}`;

export function periodKind(period: Period): PeriodKind {
  switch (period.part) {
    case 'Y':
      return 'year';
    case 'H1':
    case 'H2':
      return 'half';
    case 'Q1':
    case 'Q2':
    case 'Q3':
    case 'Q4':
      return 'quarter';
  }
}

/** Last day of the fiscal year ending in `year`; a 02-29 year end falls on 02-28 in common years. */
function fiscalYearEndIn(year: number, fiscalYearEnd: string): CalendarDate {
  const match = MONTH_DAY.exec(fiscalYearEnd);
  if (match === null) throw new Error(`not a fiscal year end (MM-DD): ${fiscalYearEnd}`);
  const month = Number(match[1]);
  return formatDate({ year, month, day: Math.min(Number(match[2]), daysInMonth(year, month)) });
}

/** Months from the start of the year to the start of the part, and the part's length in months. */
function partMonths(part: PeriodPart): { offset: number; length: number } {
  switch (part) {
    case 'Y':
      return { offset: 0, length: 12 };
    case 'H1':
      return { offset: 0, length: 6 };
    case 'H2':
      return { offset: 6, length: 6 };
    case 'Q1':
      return { offset: 0, length: 3 };
    case 'Q2':
      return { offset: 3, length: 3 };
    case 'Q3':
      return { offset: 6, length: 3 };
    case 'Q4':
      return { offset: 9, length: 3 };
  }
}

/**
 * Start and end dates of a period. Halves and quarters start 3/6/9 months after the year's
 * start (same day of month, clamped to the month's end) and end the day before the next one
 * starts; the last one ends with the year, so 52/53-week years (a 09-27 year end) stay whole.
 */
export function resolvePeriod(period: Period | string, fiscalYearEnd: string): DateRange {
  const parsed = typeof period === 'string' ? parsePeriod(period) : period;
  if (parsed === null) throw new Error(`not a period: ${period as string}`);
  const yearEnd = parsed.calendar === 'CY' ? '12-31' : fiscalYearEnd;
  const end = fiscalYearEndIn(parsed.year, yearEnd);
  const start = addDays(fiscalYearEndIn(parsed.year - 1, yearEnd), 1);
  const { offset, length } = partMonths(parsed.part);
  const partStart = addMonths(start, offset);
  const partEnd = offset + length === 12 ? end : addDays(addMonths(start, offset + length), -1);
  return { start: partStart, end: partEnd };
}
