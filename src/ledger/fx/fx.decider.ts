import { conflict, validationError } from '../shared/domain-error.js';
import { assertNever } from '../shared/message.js';
import {
  defined,
  parsePeriodOf,
  requireCurrencyCode,
  requireDate,
  requireDecimal,
  requireSource,
  type ResolvedPeriod,
} from '../shared/rules.js';
import { isPositive } from '../values/decimal.js';
import { formatPeriod, resolvePeriod } from '../values/period.js';
import type { FxCommand, RecordFxRate } from './fx.commands.js';
import type { FxEvent, FxRateRecorded } from './fx.events.js';

/** One stream per currency pair; the state remembers which periods and dates have a rate. */
export type FxState = Readonly<{
  version: number;
  /** `period:CY2020` or `date:2020-06-30` → the rate recorded for it. */
  rates: Readonly<Record<string, string>>;
}>;

export const initialFxState = (): FxState => ({ version: 0, rates: {} });

const periodKey = (period: string) => `period:${period}`;
const dateKey = (date: string) => `date:${date}`;

export function evolveFx(state: FxState, event: FxEvent): FxState {
  switch (event.type) {
    case 'FxRateRecorded': {
      const { period, date, rate } = event.data;
      const key = period !== undefined ? periodKey(period) : date !== undefined ? dateKey(date) : undefined;
      return {
        version: state.version + 1,
        rates: key === undefined ? state.rates : { ...state.rates, [key]: rate },
      };
    }
    default:
      return assertNever(event.type);
  }
}

/** A rate belongs to no company, so only calendar periods (CY…) have dates without a fiscal calendar. */
function calendarPeriod(text: string): ResolvedPeriod {
  const period = parsePeriodOf(text, 'period');
  if (period.calendar !== 'CY') {
    throw validationError(
      'FX_PERIOD_NOT_CALENDAR',
      `An FX rate belongs to no company, so its period must be a calendar period such as CY${period.year}, not ${text}`,
      'period',
    );
  }
  return { period: formatPeriod(period), ...resolvePeriod(period, '12-31') };
}

function recordFxRate(command: RecordFxRate, state: FxState): FxRateRecorded[] {
  const { from, to, rate, period, date, source } = command.data;
  requireCurrencyCode(from, 'from');
  requireCurrencyCode(to, 'to');
  if (from === to) {
    throw validationError('FX_SAME_CURRENCY', `An FX rate needs two different currencies (both are ${from})`, 'to');
  }
  requireDecimal(rate, 'rate');
  if (!isPositive(rate)) {
    throw validationError('FX_RATE_NOT_POSITIVE', `The rate must be greater than 0 (got ${rate})`, 'rate');
  }
  if ((period === undefined) === (date === undefined)) {
    throw validationError(
      'FX_PERIOD_OR_DATE',
      'Give exactly one of period (an average rate for a calendar period) or date (a spot rate)',
      period === undefined ? 'period' : 'date',
    );
  }
  requireSource(source);
  const resolved = period === undefined ? undefined : calendarPeriod(period);
  if (date !== undefined) requireDate(date, 'date');
  const key = resolved !== undefined ? periodKey(resolved.period) : dateKey(date ?? '');
  const existing = state.rates[key];
  if (existing !== undefined) {
    throw conflict(
      'FX_RATE_ALREADY_RECORDED',
      `A ${from}→${to} rate for ${resolved?.period ?? date} is already recorded (${existing})`,
      resolved !== undefined ? 'period' : 'date',
    );
  }
  return [
    {
      type: 'FxRateRecorded',
      data: defined({
        from,
        to,
        rate,
        period: resolved?.period,
        periodStart: resolved?.start,
        periodEnd: resolved?.end,
        date,
        source,
      }),
    },
  ];
}

export function decideFx(command: FxCommand, state: FxState): FxEvent[] {
  switch (command.type) {
    case 'RecordFxRate':
      return recordFxRate(command, state);
    default:
      return assertNever(command.type);
  }
}

export const fxDecider = { decide: decideFx, evolve: evolveFx, initialState: initialFxState };
