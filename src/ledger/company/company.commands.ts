import type { Command } from '../shared/message.js';

export type RegisterCompany = Command<
  'RegisterCompany',
  { companyId: string; name: string; fiscalYearEnd: string; reportingCurrency: string }
>;

export type CompanyCommand = RegisterCompany;
