import { isMonthDay } from '../values/calendar-date.js';
import { isSlug } from '../values/slug.js';
import { conflict, validationError } from '../shared/domain-error.js';
import { assertNever } from '../shared/message.js';
import { requireCurrencyCode } from '../shared/rules.js';
import type { CompanyCommand, RegisterCompany } from './company.commands.js';
import type { CompanyEvent, CompanyRegistered } from './company.events.js';

export type CompanyState =
  | Readonly<{ status: 'unregistered' }>
  | Readonly<{
      status: 'registered';
      companyId: string;
      name: string;
      fiscalYearEnd: string;
      reportingCurrency: string;
    }>;

export const initialCompanyState = (): CompanyState => ({ status: 'unregistered' });

export function evolveCompany(state: CompanyState, event: CompanyEvent): CompanyState {
  switch (event.type) {
    case 'CompanyRegistered':
      return { status: 'registered', ...event.data };
    default:
      return assertNever(event.type);
  }
}

function registerCompany(command: RegisterCompany, state: CompanyState): CompanyRegistered[] {
  const { companyId, name, fiscalYearEnd, reportingCurrency } = command.data;
  if (state.status === 'registered') {
    throw conflict('COMPANY_ALREADY_EXISTS', `Company "${companyId}" is already registered`);
  }
  if (!isSlug(companyId)) {
    throw validationError('INVALID_ID', `"${companyId}" is not a valid company id (a slug such as "alibaba")`, 'id');
  }
  if (name.trim() === '') throw validationError('NAME_REQUIRED', 'A company needs a name', 'name');
  if (!isMonthDay(fiscalYearEnd)) {
    throw validationError(
      'INVALID_FISCAL_YEAR_END',
      `"${fiscalYearEnd}" is not a fiscal year end: use MM-DD of a real day, e.g. 03-31`,
      'fiscalYearEnd',
    );
  }
  requireCurrencyCode(reportingCurrency, 'reportingCurrency');
  return [{ type: 'CompanyRegistered', data: { companyId, name, fiscalYearEnd, reportingCurrency } }];
}

export function decideCompany(command: CompanyCommand, state: CompanyState): CompanyEvent[] {
  switch (command.type) {
    case 'RegisterCompany':
      return registerCompany(command, state);
    default:
      return assertNever(command.type);
  }
}

export const companyDecider = {
  decide: decideCompany,
  evolve: evolveCompany,
  initialState: initialCompanyState,
};
