import { Injectable } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { MetricCommand } from '../ledger/metric/metric.commands.js';
import { metricDecider } from '../ledger/metric/metric.decider.js';
import { metricStream } from '../ledger/shared/streams.js';
import { LedgerContext } from './ledger-context.js';
import {
  CorrectFigureCommand,
  DeEmphasizeMetricCommand,
  DefineMetricCommand,
  DiscontinueMetricCommand,
  LedgerBusCommand,
  RedefineMetricCommand,
  ReinstateMetricCommand,
  ReportFigureCommand,
  RestateFigureCommand,
} from './ledger-commands.js';
import { LedgerWriter } from './ledger-writer.js';
import type { WriteResult } from './write-options.js';

type MetricInput = Omit<MetricCommand['data'], 'context'>;

/** Every metric command: look up the company, then decide on the metric's stream. */
@Injectable()
abstract class MetricCommandHandler<B extends LedgerBusCommand<MetricInput>> {
  protected abstract readonly type: MetricCommand['type'];
  /** Only a definition creates the metric, so only its answer carries the id. */
  protected readonly idField?: string;

  constructor(
    private readonly writer: LedgerWriter,
    private readonly context: LedgerContext,
  ) {}

  async execute({ input, options }: B): Promise<WriteResult> {
    const company = await this.context.company(input.companyId);
    return this.writer.write(
      {
        stream: metricStream(input.companyId, input.metricId),
        decider: metricDecider,
        command: (metadata) =>
          ({ type: this.type, data: { ...input, context: { company } }, metadata }) as MetricCommand,
        idField: this.idField,
      },
      options,
    );
  }
}

@CommandHandler(DefineMetricCommand)
export class DefineMetricHandler extends MetricCommandHandler<DefineMetricCommand> {
  protected readonly type = 'DefineMetric';
  protected override readonly idField = 'metricId';
}

@CommandHandler(RedefineMetricCommand)
export class RedefineMetricHandler extends MetricCommandHandler<RedefineMetricCommand> {
  protected readonly type = 'RedefineMetric';
}

@CommandHandler(DeEmphasizeMetricCommand)
export class DeEmphasizeMetricHandler extends MetricCommandHandler<DeEmphasizeMetricCommand> {
  protected readonly type = 'DeEmphasizeMetric';
}

@CommandHandler(DiscontinueMetricCommand)
export class DiscontinueMetricHandler extends MetricCommandHandler<DiscontinueMetricCommand> {
  protected readonly type = 'DiscontinueMetric';
}

@CommandHandler(ReinstateMetricCommand)
export class ReinstateMetricHandler extends MetricCommandHandler<ReinstateMetricCommand> {
  protected readonly type = 'ReinstateMetric';
}

@CommandHandler(ReportFigureCommand)
export class ReportFigureHandler extends MetricCommandHandler<ReportFigureCommand> {
  protected readonly type = 'ReportFigure';
}

@CommandHandler(RestateFigureCommand)
export class RestateFigureHandler extends MetricCommandHandler<RestateFigureCommand> {
  protected readonly type = 'RestateFigure';
}

@CommandHandler(CorrectFigureCommand)
export class CorrectFigureHandler extends MetricCommandHandler<CorrectFigureCommand> {
  protected readonly type = 'CorrectFigure';
}

export const METRIC_COMMAND_HANDLERS = [
  DefineMetricHandler,
  RedefineMetricHandler,
  DeEmphasizeMetricHandler,
  DiscontinueMetricHandler,
  ReinstateMetricHandler,
  ReportFigureHandler,
  RestateFigureHandler,
  CorrectFigureHandler,
];
