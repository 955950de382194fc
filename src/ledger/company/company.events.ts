import type { Event } from '../shared/message.js';

export type CompanyRegistered = Event<
  'CompanyRegistered',
  { companyId: string; name: string; fiscalYearEnd: string; reportingCurrency: string }
>;

export type CompanyEvent = CompanyRegistered;
