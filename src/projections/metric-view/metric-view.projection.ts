import type { MetricUnit } from '../../ledger/shared/context.js';
import { assertNever } from '../../ledger/shared/message.js';
import type { MetricEvent, Translation } from '../../ledger/metric/metric.events.js';
import type { Source } from '../../ledger/values/source.js';

/** A metric as readers see it: definition, lifecycle flags and the current value of every figure. */
export interface FigureView {
  period: string;
  periodStart: string;
  periodEnd: string;
  value: string;
  currency: string | null;
  reportedAt: string;
  source: Source;
  translations: Translation[];
  restated: boolean;
  corrected: boolean;
}

export interface MetricView {
  companyId: string;
  metricId: string;
  name: string;
  unit: MetricUnit;
  definition: string | null;
  deEmphasized: boolean;
  discontinued: boolean;
  lastPeriod: string | null;
  figures: FigureView[];
}

/** Pure fold over one metric stream; `null` until the metric is defined. */
export function projectMetricView(view: MetricView | null, event: MetricEvent): MetricView | null {
  if (event.type === 'MetricDefined') {
    const d = event.data;
    return {
      companyId: d.companyId,
      metricId: d.metricId,
      name: d.name,
      unit: d.unit,
      definition: d.definition ?? null,
      deEmphasized: false,
      discontinued: false,
      lastPeriod: null,
      figures: [],
    };
  }
  if (view === null) return null;
  switch (event.type) {
    case 'MetricRedefined':
      return { ...view, definition: event.data.definition };
    case 'MetricDeEmphasized':
      return { ...view, deEmphasized: true };
    case 'MetricDiscontinued':
      return { ...view, discontinued: true, lastPeriod: event.data.lastPeriod ?? null };
    case 'MetricReinstated':
      return { ...view, deEmphasized: false, discontinued: false, lastPeriod: null };
    case 'FigureReported': {
      const d = event.data;
      const figure: FigureView = {
        period: d.period,
        periodStart: d.periodStart,
        periodEnd: d.periodEnd,
        value: d.value,
        currency: d.currency ?? null,
        reportedAt: d.reportedAt,
        source: d.source,
        translations: [...(d.translations ?? [])],
        restated: false,
        corrected: false,
      };
      return { ...view, figures: sortFigures([...view.figures, figure]) };
    }
    case 'FigureRestated': {
      const d = event.data;
      return replaceFigure(view, d.periodStart, d.periodEnd, (f) => ({
        ...f,
        value: d.value,
        currency: d.currency ?? null,
        reportedAt: d.reportedAt,
        source: d.source,
        translations: [...(d.translations ?? [])],
        restated: true,
      }));
    }
    case 'FigureCorrected': {
      const d = event.data;
      return replaceFigure(view, d.periodStart, d.periodEnd, (f) => ({
        ...f,
        ...(d.value !== undefined ? { value: d.value } : {}),
        ...(d.currency !== undefined ? { currency: d.currency } : {}),
        ...(d.reportedAt !== undefined ? { reportedAt: d.reportedAt } : {}),
        ...(d.source !== undefined ? { source: d.source } : {}),
        ...(d.translations !== undefined ? { translations: [...d.translations] } : {}),
        corrected: true,
      }));
    }
    default:
      return assertNever(event);
  }
}

function replaceFigure(
  view: MetricView,
  start: string,
  end: string,
  change: (f: FigureView) => FigureView,
): MetricView {
  return {
    ...view,
    figures: view.figures.map((f) => (f.periodStart === start && f.periodEnd === end ? change(f) : f)),
  };
}

const sortFigures = (figures: FigureView[]) =>
  figures.sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || b.periodStart.localeCompare(a.periodStart));
