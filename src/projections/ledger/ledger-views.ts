import type { Translation } from '../../ledger/metric/metric.events.js';
import type { MetricUnit } from '../../ledger/shared/context.js';
import type { Source } from '../../ledger/values/source.js';
import type {
  CompanyLedger,
  DefinitionVersion,
  LedgerCompany,
  LedgerMetric,
  PeriodRange,
  TargetStatement,
} from './company-ledger.projection.js';
import type { FxRates } from './fx-rates.projection.js';
import { evaluateTarget, type ScoreboardRow } from './target-status.js';

/** Where a metric stands: disclosure stopped beats "matters less", which beats normal. */
export type MetricLifecycle = 'active' | 'de_emphasized' | 'discontinued';

export type MetricSummary = {
  metricId: string;
  name: string;
  unit: MetricUnit;
  definition: string | null;
  lifecycle: MetricLifecycle;
  redefined: boolean;
  deEmphasized: boolean;
  deEmphasizedAt: string | null;
  discontinued: boolean;
  discontinuedAt: string | null;
  lastPeriod: string | null;
};

export type CompanyLedgerView = LedgerCompany & { metrics: MetricSummary[] };

export type MetricFigureRow = {
  period: string;
  periodStart: string;
  periodEnd: string;
  value: string;
  currency: string | null;
  reportedAt: string;
  restated: boolean;
  corrected: boolean;
  translations: Translation[];
  source: Source;
};

export type MetricLedgerView = MetricSummary & {
  companyId: string;
  definitions: DefinitionVersion[];
  lastPeriodRange: PeriodRange | null;
  reinstatedAt: string | null;
  /** By period end; on the same end date the shorter period first (Q4 before the year). */
  figures: MetricFigureRow[];
};

export type TargetLedgerView = ScoreboardRow & {
  companyId: string;
  lastAnnouncedAt: string;
  announcedBy: string | null;
  source: Source;
  note: string | null;
  reaffirmations: string[];
  statements: TargetStatement[];
  withdrawn: { at: string; reason: string | null } | null;
};

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function lifecycleOf(metric: LedgerMetric): MetricLifecycle {
  if (metric.discontinued) return 'discontinued';
  return metric.deEmphasized ? 'de_emphasized' : 'active';
}

function summary(metric: LedgerMetric): MetricSummary {
  return {
    metricId: metric.metricId,
    name: metric.name,
    unit: metric.unit,
    definition: metric.definition,
    lifecycle: lifecycleOf(metric),
    redefined: metric.definitions.length > 1,
    deEmphasized: metric.deEmphasized,
    deEmphasizedAt: metric.deEmphasizedAt,
    discontinued: metric.discontinued,
    discontinuedAt: metric.discontinuedAt,
    lastPeriod: metric.lastPeriod?.period ?? null,
  };
}

/** The company with its metrics (by id) and their lifecycle state; null before registration. */
export function companyView(ledger: CompanyLedger): CompanyLedgerView | null {
  if (ledger.company === null) return null;
  const metrics = Object.values(ledger.metrics)
    .sort((a, b) => byId(a.metricId, b.metricId))
    .map(summary);
  return { ...ledger.company, metrics };
}

/** One metric with its lifecycle and the current value of every figure; null when unknown. */
export function metricView(ledger: CompanyLedger, metricId: string): MetricLedgerView | null {
  const metric = ledger.metrics[metricId];
  if (metric === undefined || ledger.company === null) return null;
  const figures = Object.values(metric.figures)
    .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || b.periodStart.localeCompare(a.periodStart))
    .map((f): MetricFigureRow => ({
      period: f.period,
      periodStart: f.periodStart,
      periodEnd: f.periodEnd,
      value: f.value,
      currency: f.currency,
      reportedAt: f.reportedAt,
      restated: f.restated,
      corrected: f.corrected,
      translations: f.translations,
      source: f.source,
    }));
  return {
    companyId: ledger.company.companyId,
    ...summary(metric),
    definitions: metric.definitions,
    lastPeriodRange: metric.lastPeriod,
    reinstatedAt: metric.reinstatedAt,
    figures,
  };
}

/** One target: its scoreboard row at `asOf` plus who announced it, sources and lifecycle; null when unknown. */
export function targetView(
  ledger: CompanyLedger,
  fx: FxRates,
  targetId: string,
  asOf: string,
): TargetLedgerView | null {
  const target = ledger.targets[targetId];
  if (target === undefined || ledger.company === null) return null;
  return {
    companyId: ledger.company.companyId,
    ...evaluateTarget(target, ledger.metrics[target.metricId], fx, asOf),
    lastAnnouncedAt: target.lastAnnouncedAt,
    announcedBy: target.announcedBy,
    source: target.source,
    note: target.note,
    reaffirmations: target.reaffirmations,
    statements: target.statements,
    withdrawn:
      target.status === 'withdrawn' && target.withdrawnAt !== null
        ? { at: target.withdrawnAt, reason: target.withdrawalReason }
        : null,
  };
}
