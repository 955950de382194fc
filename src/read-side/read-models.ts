import type { StoredEvent } from '../event-store/event-store.port.js';
import { companyOfStream, isFxStream } from '../ledger/shared/streams.js';
import {
  type CompanyLedger,
  type FxRates,
  initialCompanyLedger,
  initialFxRates,
  projectCompanyLedger,
  projectFxRates,
  foldCompanyLedger,
} from '../projections/ledger/index.js';
import type { DocumentProjection } from '../read-store/document-projection.js';

/**
 * The persisted read models: each a pure document projection that the runner keeps current.
 * Bump a version when its document shape changes: the runner then rebuilds it from position 0.
 */
export const COMPANY_LEDGER = 'company-ledger';
export const FX_RATES = 'fx-rates';
export const COMPANIES = 'companies';
export const FX_RATES_KEY = 'all';

/** One company's whole ledger model, keyed by company id. */
export const companyLedgerProjection: DocumentProjection<CompanyLedger> = {
  name: COMPANY_LEDGER,
  version: 1,
  keysOf: (event) => {
    const company = companyOfStream(event.stream);
    return company === null ? [] : [company];
  },
  apply: (doc, event) => projectCompanyLedger(doc ?? initialCompanyLedger(), event),
  // One fold per batch: the parts of the stored document it changes are copied once, not per event.
  applyAll: (doc, events) => foldCompanyLedger(events, doc ?? initialCompanyLedger()),
};

/** Every FX rate, in one document: few enough to load whole for a conversion. */
export const fxRatesProjection: DocumentProjection<FxRates> = {
  name: FX_RATES,
  version: 1,
  keysOf: (event) => (isFxStream(event.stream) ? [FX_RATES_KEY] : []),
  apply: (doc, event) => projectFxRates(doc ?? initialFxRates(), event),
};

export interface CompanySummary {
  id: string;
  name: string;
  fiscalYearEnd: string;
  reportingCurrency: string;
  metrics: number;
  targets: number;
}

/** The company list: small documents, so that listing never loads whole ledgers. */
export const companiesProjection: DocumentProjection<CompanySummary> = {
  name: COMPANIES,
  version: 1,
  keysOf: (event) => {
    if (!['CompanyRegistered', 'MetricDefined', 'TargetAnnounced'].includes(event.type)) return [];
    const company = companyOfStream(event.stream);
    return company === null ? [] : [company];
  },
  apply: (doc, event: StoredEvent) => {
    const data = event.data as Record<string, string>;
    switch (event.type) {
      case 'CompanyRegistered':
        return {
          id: data.companyId,
          name: data.name,
          fiscalYearEnd: data.fiscalYearEnd,
          reportingCurrency: data.reportingCurrency,
          metrics: 0,
          targets: 0,
        };
      case 'MetricDefined':
        return doc === null ? null : { ...doc, metrics: doc.metrics + 1 };
      case 'TargetAnnounced':
        return doc === null ? null : { ...doc, targets: doc.targets + 1 };
      default:
        return doc;
    }
  },
};

export const READ_MODELS: readonly DocumentProjection[] = [
  companiesProjection,
  companyLedgerProjection,
  fxRatesProjection,
];
