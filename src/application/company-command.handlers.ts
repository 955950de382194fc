import type { RegisterCompany } from '../ledger/company/company.commands.js';
import { companyDecider } from '../ledger/company/company.decider.js';
import type { RecordFxRate } from '../ledger/fx/fx.commands.js';
import { fxDecider } from '../ledger/fx/fx.decider.js';
import { companyStream, fxStream } from '../ledger/shared/streams.js';
import { ledgerCommandHandlers } from './ledger-command-handlers.js';
import { RecordFxRateCommand, RegisterCompanyCommand } from './ledger-commands.js';

/** A company and an FX rate need nothing from other streams: the client's input is the command's data. */
export const COMPANY_COMMAND_HANDLERS = [
  ...ledgerCommandHandlers(
    {
      decider: companyDecider,
      stream: (input: RegisterCompany['data']) => companyStream(input.companyId),
    },
    [[RegisterCompanyCommand, 'RegisterCompany', 'companyId']],
  ),
  ...ledgerCommandHandlers(
    {
      decider: fxDecider,
      stream: (input: RecordFxRate['data']) => fxStream(input.from, input.to),
    },
    [[RecordFxRateCommand, 'RecordFxRate']],
  ),
];
