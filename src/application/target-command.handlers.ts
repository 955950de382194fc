import { targetStream } from '../ledger/shared/streams.js';
import type { TargetCommand } from '../ledger/target/target.commands.js';
import { targetDecider } from '../ledger/target/target.decider.js';
import { ledgerCommandHandlers } from './ledger-command-handlers.js';
import {
  AnnounceTargetCommand,
  CorrectTargetCommand,
  ReaffirmTargetCommand,
  ReviseTargetCommand,
  WithdrawTargetCommand,
} from './ledger-commands.js';

type TargetInput = Omit<TargetCommand['data'], 'context'>;

/**
 * Every target command: look up the company and the target's metric, then decide on the
 * target's stream. Later commands find the metric id in the target's own stream.
 */
export const TARGET_COMMAND_HANDLERS = ledgerCommandHandlers(
  {
    decider: targetDecider,
    stream: (input: TargetInput) => targetStream(input.companyId, input.targetId),
    context: async (input, ledger) => {
      const announced = (input as { metricId?: string }).metricId;
      const metricId = announced ?? (await ledger.metricOfTarget(input.companyId, input.targetId));
      const [company, metric] = await Promise.all([
        ledger.company(input.companyId),
        metricId === undefined ? null : ledger.metric(input.companyId, metricId),
      ]);
      return { company, metric };
    },
  },
  [
    [AnnounceTargetCommand, 'AnnounceTarget', 'targetId'],
    [ReviseTargetCommand, 'ReviseTarget'],
    [ReaffirmTargetCommand, 'ReaffirmTarget'],
    [WithdrawTargetCommand, 'WithdrawTarget'],
    [CorrectTargetCommand, 'CorrectTarget'],
  ],
);
