import type { MetricCommand } from '../ledger/metric/metric.commands.js';
import { metricDecider } from '../ledger/metric/metric.decider.js';
import { metricStream } from '../ledger/shared/streams.js';
import { ledgerCommandHandlers } from './ledger-command-handlers.js';
import {
  CorrectFigureCommand,
  DeEmphasizeMetricCommand,
  DefineMetricCommand,
  DiscontinueMetricCommand,
  RedefineMetricCommand,
  ReinstateMetricCommand,
  ReportFigureCommand,
  RestateFigureCommand,
} from './ledger-commands.js';

type MetricInput = Omit<MetricCommand['data'], 'context'>;

/** Every metric command: look up the company, then decide on the metric's stream. */
export const METRIC_COMMAND_HANDLERS = ledgerCommandHandlers(
  {
    decider: metricDecider,
    stream: (input: MetricInput) => metricStream(input.companyId, input.metricId),
    context: async (input, ledger) => ({ company: await ledger.company(input.companyId) }),
  },
  [
    // Only a definition creates the metric, so only its answer carries the id.
    [DefineMetricCommand, 'DefineMetric', 'metricId'],
    [RedefineMetricCommand, 'RedefineMetric'],
    [DeEmphasizeMetricCommand, 'DeEmphasizeMetric'],
    [DiscontinueMetricCommand, 'DiscontinueMetric'],
    [ReinstateMetricCommand, 'ReinstateMetric'],
    [ReportFigureCommand, 'ReportFigure'],
    [RestateFigureCommand, 'RestateFigure'],
    [CorrectFigureCommand, 'CorrectFigure'],
  ],
);
