import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { companyDecider } from '../ledger/company/company.decider.js';
import { fxDecider } from '../ledger/fx/fx.decider.js';
import { companyStream, fxStream } from '../ledger/shared/streams.js';
import { RecordFxRateCommand, RegisterCompanyCommand } from './ledger-commands.js';
import { LedgerWriter } from './ledger-writer.js';
import type { WriteResult } from './write-options.js';

@CommandHandler(RegisterCompanyCommand)
export class RegisterCompanyHandler implements ICommandHandler<RegisterCompanyCommand> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ input, options }: RegisterCompanyCommand): Promise<WriteResult> {
    return this.writer.write(
      {
        stream: companyStream(input.companyId),
        decider: companyDecider,
        command: (metadata) => ({ type: 'RegisterCompany', data: input, metadata }),
        idField: 'companyId',
      },
      options,
    );
  }
}

@CommandHandler(RecordFxRateCommand)
export class RecordFxRateHandler implements ICommandHandler<RecordFxRateCommand> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ input, options }: RecordFxRateCommand): Promise<WriteResult> {
    return this.writer.write(
      {
        stream: fxStream(input.from, input.to),
        decider: fxDecider,
        command: (metadata) => ({ type: 'RecordFxRate', data: input, metadata }),
      },
      options,
    );
  }
}
