import type { Type } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Command, Event } from '../ledger/shared/message.js';
import { LedgerContext } from './ledger-context.js';
import type { LedgerBusCommand } from './ledger-commands.js';
import { type Decider, LedgerWriter } from './ledger-writer.js';
import type { WriteResult } from './write-options.js';

/** What the commands of one kind of stream have in common: where they go and what they need. */
export interface StreamRoute<Input extends object, S, C extends Command, E extends Event> {
  decider: Decider<S, C, E>;
  stream(input: Input): string;
  /**
   * The facts the decision needs from other streams, which the domain command carries as its
   * `context` next to the client's input. Without it, the input is the command's data.
   */
  context?(input: Input, ledger: LedgerContext): Promise<ContextOf<C>>;
}

type ContextOf<C extends Command> = C['data'] extends { context: infer X } ? X : never;

/**
 * One bus command, the domain command it becomes, and, for a command that creates an entity, the
 * event data field holding its id (echoed in the answer).
 */
export type HandledCommand<Input, C extends Command> = readonly [
  busCommand: Type<LedgerBusCommand<Input>>,
  type: C['type'],
  idField?: string,
];

/**
 * A CommandBus handler per command, all doing the same: look up the context, build the domain
 * command, and write it to its stream through the LedgerWriter. What differs between kinds of
 * stream is the route; between the commands of one kind, only the type (and the id field).
 */
export function ledgerCommandHandlers<Input extends object, S, C extends Command, E extends Event>(
  route: StreamRoute<Input, S, C, E>,
  commands: readonly HandledCommand<Input, C>[],
): Type<ICommandHandler>[] {
  return commands.map(([busCommand, type, idField]) => {
    @CommandHandler(busCommand)
    class Handler implements ICommandHandler<LedgerBusCommand<Input>> {
      constructor(
        private readonly writer: LedgerWriter,
        private readonly context: LedgerContext,
      ) {}

      async execute({ input, options }: LedgerBusCommand<Input>): Promise<WriteResult> {
        const data =
          route.context === undefined ? input : { ...input, context: await route.context(input, this.context) };
        return this.writer.write(
          {
            stream: route.stream(input),
            decider: route.decider,
            // Built from the input the bus command carries: its class pairs it with this type.
            command: (metadata) => ({ type, data, metadata }) as Command as C,
            idField,
          },
          options,
        );
      }
    }
    // Nest names a handler in its messages (registered twice, an injection that failed).
    Object.defineProperty(Handler, 'name', { value: `${type}Handler` });
    return Handler;
  });
}
