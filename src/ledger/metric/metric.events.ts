import type { MetricUnit } from '../shared/context.js';
import type { Event } from '../shared/message.js';
import type { Source } from '../values/source.js';

/** A company's own convenience translation of a figure into another currency. */
export type Translation = Readonly<{ currency: string; value: string }>;

type MetricRef = { companyId: string; metricId: string };

/** A figure's period with its resolved dates, so that readers never need the fiscal calendar. */
type FigurePeriod = { period: string; periodStart: string; periodEnd: string };

export type MetricDefined = Event<
  'MetricDefined',
  MetricRef & { name: string; unit: MetricUnit; definition?: string; source?: Source }
>;

export type MetricRedefined = Event<
  'MetricRedefined',
  MetricRef & {
    definition: string;
    /** Absent when the metric had no definition text before. */
    previousDefinition?: string;
    effectiveFrom: string;
    effectiveFromStart: string;
    effectiveFromEnd: string;
    statedAt: string;
    source: Source;
    reason?: string;
  }
>;

export type MetricDeEmphasized = Event<
  'MetricDeEmphasized',
  MetricRef & { statedAt: string; source: Source; note?: string }
>;

export type MetricDiscontinued = Event<
  'MetricDiscontinued',
  MetricRef & {
    statedAt: string;
    lastPeriod?: string;
    lastPeriodStart?: string;
    lastPeriodEnd?: string;
    source: Source;
    note?: string;
  }
>;

/** Undoes de-emphasis and discontinuation; says which of the two it undid. */
export type MetricReinstated = Event<
  'MetricReinstated',
  MetricRef & { statedAt: string; source: Source; note?: string; wasDeEmphasized: boolean; wasDiscontinued: boolean }
>;

export type FigureReported = Event<
  'FigureReported',
  MetricRef &
    FigurePeriod & {
      value: string;
      /** Present exactly on currency metrics. */
      currency?: string;
      reportedAt: string;
      source: Source;
      translations?: Translation[];
    }
>;

export type FigureValues = { value: string; currency?: string; reportedAt: string; translations?: Translation[] };

/** The company changed a figure it had reported. */
export type FigureRestated = Event<
  'FigureRestated',
  MetricRef &
    FigurePeriod & {
      value: string;
      currency?: string;
      reportedAt: string;
      source: Source;
      reason: string;
      translations?: Translation[];
      /** The value being replaced. */
      previous: FigureValues;
    }
>;

export type CorrectableFigureField = 'value' | 'currency' | 'reportedAt' | 'source' | 'translations';

type CorrectableFigureFields = {
  value?: string;
  currency?: string;
  reportedAt?: string;
  source?: Source;
  /** `[]` when the correction removed every translation (or there were none before). */
  translations?: Translation[];
};

/**
 * The analyst fixed an entry error in the figure's current value. Carries only the fields that
 * changed (listed in `changed`), with their values before the correction in `previous`.
 */
export type FigureCorrected = Event<
  'FigureCorrected',
  MetricRef &
    FigurePeriod &
    CorrectableFigureFields & {
      /** Stream revision of the report or restatement whose value is corrected. */
      corrects: number;
      reason: string;
      changed: CorrectableFigureField[];
      previous: CorrectableFigureFields;
    }
>;

export type MetricEvent =
  | MetricDefined
  | MetricRedefined
  | MetricDeEmphasized
  | MetricDiscontinued
  | MetricReinstated
  | FigureReported
  | FigureRestated
  | FigureCorrected;
