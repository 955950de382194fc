import type { StoredEvent } from '../event-store/event-store.port.js';
import { companyOfStream, isFxStream, parseCompanyStream } from '../ledger/shared/streams.js';
import {
  figureYearOf,
  foldFiguresPart,
  foldLedgerPart,
  type FxRates,
  initialFxRates,
  type LedgerPart,
  projectFxRates,
  projectFiguresPart,
  projectLedgerPart,
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

/**
 * A company's ledger, stored in parts (LedgerPart) so that a write rewrites only small parts:
 * `<company>/company`, `<company>/metric/<metric>` (the metric without its figures),
 * `<company>/metric/<metric>/figures/<year>` (its figures ending in that year, with their history)
 * and `<company>/target/<target>`. A figure event changes two: its metric's (the revision) and its
 * year's figures. Ids are slugs (`[a-z0-9-]`, see streams.ts), so "/" cannot occur in one: the
 * prefix `<company>/` lists exactly that company's parts, never those of a company whose id
 * starts the same, and only a figures part's key has a `/figures/` segment.
 */
export const companyLedgerProjection: DocumentProjection<LedgerPart> = {
  name: COMPANY_LEDGER,
  // 2: parts instead of one document per company. 3: a metric's figures in parts by year.
  version: 3,
  keysOf: (event) => {
    const key = ledgerPartKey(event.stream);
    if (key === null) return [];
    const year = figureYearOf(event);
    return year === null ? [key] : [key, figuresPartKey(key, year)];
  },
  apply: (doc, event, key) => (isFiguresPartKey(key) ? projectFiguresPart(doc, event) : projectLedgerPart(doc, event)),
  // One fold per batch: what it changes of the stored part is copied once, not per event.
  applyAll: (doc, events, key) => (isFiguresPartKey(key) ? foldFiguresPart(events, doc) : foldLedgerPart(events, doc)),
};

/** The key of the ledger part a stream's events change; null for streams of no company. */
export function ledgerPartKey(stream: string): string | null {
  const of = parseCompanyStream(stream);
  if (of === null) return null;
  return of.kind === 'company' ? `${of.companyId}/company` : `${of.companyId}/${of.kind}/${of.id}`;
}

/** The key of the part that holds a metric's figures ending in `year`, under the metric's key. */
export const figuresPartKey = (metricKey: string, year: string) => `${metricKey}/figures/${year}`;

const isFiguresPartKey = (key: string) => key.includes('/figures/');

/** The prefix of every key of the company's ledger parts, and of no other company's. */
export const ledgerPartsPrefix = (companyId: string) => `${companyId}/`;

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
