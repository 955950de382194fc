import { deciderSpec } from '../shared/decider-spec.js';
import type { RegisterCompany } from './company.commands.js';
import { companyDecider } from './company.decider.js';
import type { CompanyRegistered } from './company.events.js';

const given = deciderSpec(companyDecider);
const metadata = { now: '2024-01-01T00:00:00.000Z', actor: 'analyst' };

const register = (data: Partial<RegisterCompany['data']> = {}): RegisterCompany => ({
  type: 'RegisterCompany',
  data: { companyId: 'alibaba', name: 'Alibaba Group', fiscalYearEnd: '03-31', reportingCurrency: 'CNY', ...data },
  metadata,
});

const registered: CompanyRegistered = {
  type: 'CompanyRegistered',
  data: { companyId: 'alibaba', name: 'Alibaba Group', fiscalYearEnd: '03-31', reportingCurrency: 'CNY' },
};

describe('RegisterCompany', () => {
  it('registers a new company', () => {
    given([]).when(register()).then([registered]);
  });

  it('refuses a second registration', () => {
    given([registered])
      .when(register({ name: 'Other' }))
      .thenThrows('COMPANY_ALREADY_EXISTS', { category: 'conflict' });
  });

  it.each([
    [{ companyId: 'Ali Baba' }, 'INVALID_ID', 'id'],
    [{ name: ' ' }, 'NAME_REQUIRED', 'name'],
    [{ fiscalYearEnd: '02-30' }, 'INVALID_FISCAL_YEAR_END', 'fiscalYearEnd'],
    [{ reportingCurrency: 'RMB' }, 'INVALID_CURRENCY', 'reportingCurrency'],
  ])('re-checks %p', (data, code, field) => {
    given([]).when(register(data)).thenThrows(code, { category: 'validation', field });
  });
});
