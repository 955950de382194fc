import type { StoredEvent } from '../../event-store/event-store.port.js';
import { asLedgerEvent } from './ledger-events.js';

/** One recorded rate: one unit of `from` in `to`, for a calendar period or on a date. */
export type FxRate = {
  rate: string;
  period: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  date: string | null;
  recordedAt: string;
  position: number;
};

export type FxPair = {
  from: string;
  to: string;
  /** Sorted by period end, then start. */
  periodRates: FxRate[];
  /** Sorted by date. */
  dateRates: FxRate[];
};

/** Every recorded FX rate by currency pair. Plain JSON data, like the company ledger. */
export type FxRates = {
  /** By `FROM.TO` (see fxPairKey): the direction the rate was recorded in. */
  pairs: Record<string, FxPair>;
  position: number;
};

export const initialFxRates = (): FxRates => ({ pairs: {}, position: 0 });

export const fxPairKey = (from: string, to: string) => `${from}.${to}`;

const byPeriod = (a: FxRate, b: FxRate) =>
  (a.periodEnd ?? '').localeCompare(b.periodEnd ?? '') || (a.periodStart ?? '').localeCompare(b.periodStart ?? '');
const byDate = (a: FxRate, b: FxRate) => (a.date ?? '').localeCompare(b.date ?? '');

/**
 * Folds FxRateRecorded events of every `fx-FROM.TO` stream; other events only move the
 * position. The write side refuses a second rate for the same pair and period or date; should
 * one arrive anyway, the later record replaces the earlier.
 */
export function projectFxRates(model: FxRates, stored: StoredEvent): FxRates {
  const event = asLedgerEvent(stored);
  const position = Math.max(model.position, stored.position);
  if (event === null || event.type !== 'FxRateRecorded') return { ...model, position };
  const { from, to, rate, period, periodStart, periodEnd, date } = event.data;
  const key = fxPairKey(from, to);
  const pair = model.pairs[key] ?? { from, to, periodRates: [], dateRates: [] };
  const entry: FxRate = {
    rate,
    period: period ?? null,
    periodStart: periodStart ?? null,
    periodEnd: periodEnd ?? null,
    date: date ?? null,
    recordedAt: stored.metadata.recordedAt,
    position: stored.position,
  };
  let next: FxPair;
  if (entry.periodStart !== null && entry.periodEnd !== null) {
    const others = pair.periodRates.filter(
      (r) => r.periodStart !== entry.periodStart || r.periodEnd !== entry.periodEnd,
    );
    next = { ...pair, periodRates: [...others, entry].sort(byPeriod) };
  } else if (entry.date !== null) {
    const others = pair.dateRates.filter((r) => r.date !== entry.date);
    next = { ...pair, dateRates: [...others, entry].sort(byDate) };
  } else {
    return { ...model, position };
  }
  return { pairs: { ...model.pairs, [key]: next }, position };
}

export const foldFxRates = (events: readonly StoredEvent[]): FxRates => events.reduce(projectFxRates, initialFxRates());
