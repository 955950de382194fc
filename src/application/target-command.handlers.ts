import { Injectable } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { targetStream } from '../ledger/shared/streams.js';
import type { TargetCommand } from '../ledger/target/target.commands.js';
import { targetDecider } from '../ledger/target/target.decider.js';
import { LedgerContext } from './ledger-context.js';
import {
  AnnounceTargetCommand,
  CorrectTargetCommand,
  LedgerBusCommand,
  ReaffirmTargetCommand,
  ReviseTargetCommand,
  WithdrawTargetCommand,
} from './ledger-commands.js';
import { LedgerWriter } from './ledger-writer.js';
import type { WriteResult } from './write-options.js';

type TargetInput = Omit<TargetCommand['data'], 'context'>;

/**
 * Every target command: look up the company and the target's metric, then decide on the
 * target's stream. Later commands find the metric id in the target's own stream.
 */
@Injectable()
abstract class TargetCommandHandler<B extends LedgerBusCommand<TargetInput>> {
  protected abstract readonly type: TargetCommand['type'];
  protected readonly idField?: string;

  constructor(
    private readonly writer: LedgerWriter,
    private readonly context: LedgerContext,
  ) {}

  async execute({ input, options }: B): Promise<WriteResult> {
    const stream = targetStream(input.companyId, input.targetId);
    const announced = (input as { metricId?: string }).metricId;
    const metricId = announced ?? (await this.metricOf(stream));
    const [company, metric] = await Promise.all([
      this.context.company(input.companyId),
      metricId === undefined ? null : this.context.metric(input.companyId, metricId),
    ]);
    return this.writer.write(
      {
        stream,
        decider: targetDecider,
        command: (metadata) =>
          ({ type: this.type, data: { ...input, context: { company, metric } }, metadata }) as TargetCommand,
        idField: this.idField,
      },
      options,
    );
  }

  private async metricOf(stream: string): Promise<string | undefined> {
    const { state } = await this.writer.load(stream, targetDecider);
    return state.status === 'absent' ? undefined : state.metricId;
  }
}

@CommandHandler(AnnounceTargetCommand)
export class AnnounceTargetHandler extends TargetCommandHandler<AnnounceTargetCommand> {
  protected readonly type = 'AnnounceTarget';
  protected override readonly idField = 'targetId';
}

@CommandHandler(ReviseTargetCommand)
export class ReviseTargetHandler extends TargetCommandHandler<ReviseTargetCommand> {
  protected readonly type = 'ReviseTarget';
}

@CommandHandler(ReaffirmTargetCommand)
export class ReaffirmTargetHandler extends TargetCommandHandler<ReaffirmTargetCommand> {
  protected readonly type = 'ReaffirmTarget';
}

@CommandHandler(WithdrawTargetCommand)
export class WithdrawTargetHandler extends TargetCommandHandler<WithdrawTargetCommand> {
  protected readonly type = 'WithdrawTarget';
}

@CommandHandler(CorrectTargetCommand)
export class CorrectTargetHandler extends TargetCommandHandler<CorrectTargetCommand> {
  protected readonly type = 'CorrectTarget';
}

export const TARGET_COMMAND_HANDLERS = [
  AnnounceTargetHandler,
  ReviseTargetHandler,
  ReaffirmTargetHandler,
  WithdrawTargetHandler,
  CorrectTargetHandler,
];
