import { Command as BusCommand } from '@nestjs/cqrs';
import type { RegisterCompany } from '../ledger/company/company.commands.js';
import type { RecordFxRate } from '../ledger/fx/fx.commands.js';
import type { MetricCommand } from '../ledger/metric/metric.commands.js';
import type { TargetCommand } from '../ledger/target/target.commands.js';
import type { WriteOptions, WriteResult } from './write-options.js';

/**
 * What travels on the CommandBus: the domain command's data as the client stated it (without the
 * cross-stream context, which the handler looks up) and how the write was asked for.
 */
export abstract class LedgerBusCommand<Input> extends BusCommand<WriteResult> {
  constructor(
    readonly input: Input,
    readonly options: WriteOptions,
  ) {
    super();
  }
}

type Input<C extends { data: object }> = Omit<C['data'], 'context'>;
type MetricInput<T extends MetricCommand['type']> = Input<Extract<MetricCommand, { type: T }>>;
type TargetInput<T extends TargetCommand['type']> = Input<Extract<TargetCommand, { type: T }>>;

export class RegisterCompanyCommand extends LedgerBusCommand<RegisterCompany['data']> {}

export class DefineMetricCommand extends LedgerBusCommand<MetricInput<'DefineMetric'>> {}
export class RedefineMetricCommand extends LedgerBusCommand<MetricInput<'RedefineMetric'>> {}
export class DeEmphasizeMetricCommand extends LedgerBusCommand<MetricInput<'DeEmphasizeMetric'>> {}
export class DiscontinueMetricCommand extends LedgerBusCommand<MetricInput<'DiscontinueMetric'>> {}
export class ReinstateMetricCommand extends LedgerBusCommand<MetricInput<'ReinstateMetric'>> {}
export class ReportFigureCommand extends LedgerBusCommand<MetricInput<'ReportFigure'>> {}
export class RestateFigureCommand extends LedgerBusCommand<MetricInput<'RestateFigure'>> {}
export class CorrectFigureCommand extends LedgerBusCommand<MetricInput<'CorrectFigure'>> {}

export class AnnounceTargetCommand extends LedgerBusCommand<TargetInput<'AnnounceTarget'>> {}
export class ReviseTargetCommand extends LedgerBusCommand<TargetInput<'ReviseTarget'>> {}
export class ReaffirmTargetCommand extends LedgerBusCommand<TargetInput<'ReaffirmTarget'>> {}
export class WithdrawTargetCommand extends LedgerBusCommand<TargetInput<'WithdrawTarget'>> {}
export class CorrectTargetCommand extends LedgerBusCommand<TargetInput<'CorrectTarget'>> {}

export class RecordFxRateCommand extends LedgerBusCommand<RecordFxRate['data']> {}
