import type { CompanyContext, MetricUnit } from '../shared/context.js';
import type { Command } from '../shared/message.js';
import type { Source } from '../values/source.js';
import type { Translation } from './metric.events.js';

/** Every metric command names its metric and brings the company as the shell found it. */
type MetricCommandData<D> = { companyId: string; metricId: string; context: { company: CompanyContext | null } } & D;

export type DefineMetric = Command<
  'DefineMetric',
  MetricCommandData<{ name: string; unit: MetricUnit; definition?: string; source?: Source }>
>;

export type RedefineMetric = Command<
  'RedefineMetric',
  MetricCommandData<{ definition: string; effectiveFrom: string; statedAt: string; source: Source; reason?: string }>
>;

export type DeEmphasizeMetric = Command<
  'DeEmphasizeMetric',
  MetricCommandData<{ statedAt: string; source: Source; note?: string }>
>;

export type DiscontinueMetric = Command<
  'DiscontinueMetric',
  MetricCommandData<{ statedAt: string; lastPeriod?: string; source: Source; note?: string }>
>;

export type ReinstateMetric = Command<
  'ReinstateMetric',
  MetricCommandData<{ statedAt: string; source: Source; note?: string }>
>;

export type ReportFigure = Command<
  'ReportFigure',
  MetricCommandData<{
    period: string;
    value: string;
    currency?: string;
    reportedAt: string;
    source: Source;
    translations?: Translation[];
  }>
>;

export type RestateFigure = Command<
  'RestateFigure',
  MetricCommandData<{
    period: string;
    value: string;
    currency?: string;
    reportedAt: string;
    source: Source;
    reason: string;
    translations?: Translation[];
  }>
>;

/** Fields left out keep their current values. */
export type CorrectFigure = Command<
  'CorrectFigure',
  MetricCommandData<{
    period: string;
    value?: string;
    currency?: string;
    reportedAt?: string;
    source?: Source;
    translations?: Translation[];
    reason: string;
  }>
>;

export type MetricCommand =
  | DefineMetric
  | RedefineMetric
  | DeEmphasizeMetric
  | DiscontinueMetric
  | ReinstateMetric
  | ReportFigure
  | RestateFigure
  | CorrectFigure;
