import type { Event } from '../shared/message.js';
import type { Source } from '../values/source.js';

/** A rate for one unit of `from` in `to`, valid for a calendar period or on one date. */
export type FxRateRecorded = Event<
  'FxRateRecorded',
  {
    from: string;
    to: string;
    rate: string;
    period?: string;
    periodStart?: string;
    periodEnd?: string;
    date?: string;
    source: Source;
  }
>;

export type FxEvent = FxRateRecorded;
