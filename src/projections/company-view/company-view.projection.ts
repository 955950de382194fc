import type { CompanyEvent } from '../../ledger/company/company.events.js';

export interface CompanyView {
  companyId: string;
  name: string;
  fiscalYearEnd: string;
  reportingCurrency: string;
}

/** Pure fold over one company stream; `null` until the company is registered. */
export function projectCompanyView(view: CompanyView | null, event: CompanyEvent): CompanyView | null {
  switch (event.type) {
    case 'CompanyRegistered': {
      const { companyId, name, fiscalYearEnd, reportingCurrency } = event.data;
      return { companyId, name, fiscalYearEnd, reportingCurrency };
    }
    default:
      return view;
  }
}
