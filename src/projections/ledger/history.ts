import type { StoredEvent } from '../../event-store/event-store.port.js';
import type { Translation } from '../../ledger/metric/metric.events.js';
import { assertNever } from '../../ledger/shared/message.js';
import { TERM_FIELDS } from '../../ledger/target/target-terms.js';
import type { TargetTerms, TermField } from '../../ledger/target/target.events.js';
import type { Source } from '../../ledger/values/source.js';
import { ownBusinessDate } from './bitemporal.js';
import { asLedgerEvent, type LedgerEvent } from './ledger-events.js';

/** Values exactly as stored: decimal and period strings, dates, flags, sources, translations. */
export type HistoryValue = string | boolean | null | Source | readonly Translation[];

export type HistoryChange = { field: string; from: HistoryValue; to: HistoryValue };

export type HistoryEntry = {
  position: number;
  stream: string;
  revision: number;
  type: string;
  recordedAt: string;
  recordedBy: string;
  /** null for events without one (registration, definition, corrections). */
  businessDate: string | null;
  changes: HistoryChange[];
  source: Source | null;
  reason: string | null;
};

/** What a later event of the same stream needs to say what it changed from. */
type StreamMemory = { effectiveFrom: string | null; lastPeriod: string | null };

/**
 * One entry per event, in the order given (commit order), for one or several streams of a
 * company. Each entry says what changed in the words a reader would use: `figures.FY2016.value`
 * from null to "3092000000000", `deadline` from "FY2020" to "FY2021".
 */
export function historyEntries(events: readonly StoredEvent[]): HistoryEntry[] {
  const memory = new Map<string, StreamMemory>();
  return events.map((stored) => {
    const event = asLedgerEvent(stored);
    const remembered = memory.get(stored.stream) ?? { effectiveFrom: null, lastPeriod: null };
    if (event !== null) memory.set(stored.stream, remember(remembered, event));
    return {
      position: stored.position,
      stream: stored.stream,
      revision: stored.revision,
      type: stored.type,
      recordedAt: stored.metadata.recordedAt,
      recordedBy: stored.metadata.recordedBy,
      businessDate: event === null ? null : ownBusinessDate(event),
      changes: event === null ? [] : changesOf(event, remembered),
      source: event === null ? null : sourceOf(event),
      reason: event === null ? null : reasonOf(event),
    };
  });
}

function remember(memory: StreamMemory, event: LedgerEvent): StreamMemory {
  switch (event.type) {
    case 'MetricRedefined':
      return { ...memory, effectiveFrom: event.data.effectiveFrom };
    case 'MetricDiscontinued':
      return { ...memory, lastPeriod: event.data.lastPeriod ?? null };
    case 'MetricReinstated':
      return { ...memory, lastPeriod: null };
    default:
      return memory;
  }
}

const change = (field: string, from: HistoryValue | undefined, to: HistoryValue | undefined): HistoryChange => ({
  field,
  from: from ?? null,
  to: to ?? null,
});

function termValue(terms: TargetTerms | undefined, field: TermField): string | null {
  if (terms === undefined) return null;
  return field === 'baseline' ? (terms.baseline?.period ?? null) : (terms[field] ?? null);
}

const termChanges = (fields: readonly TermField[], before: TargetTerms | undefined, after: TargetTerms) =>
  fields.map((field) => change(field, termValue(before, field), termValue(after, field)));

function changesOf(event: LedgerEvent, memory: StreamMemory): HistoryChange[] {
  switch (event.type) {
    case 'CompanyRegistered': {
      const d = event.data;
      return [
        change('companyId', null, d.companyId),
        change('name', null, d.name),
        change('fiscalYearEnd', null, d.fiscalYearEnd),
        change('reportingCurrency', null, d.reportingCurrency),
      ];
    }
    case 'MetricDefined': {
      const d = event.data;
      return [
        change('name', null, d.name),
        change('unit', null, d.unit),
        ...(d.definition === undefined ? [] : [change('definition', null, d.definition)]),
      ];
    }
    case 'MetricRedefined': {
      const d = event.data;
      return [
        change('definition', d.previousDefinition, d.definition),
        change('effectiveFrom', memory.effectiveFrom, d.effectiveFrom),
      ];
    }
    case 'MetricDeEmphasized':
      return [change('deEmphasized', false, true)];
    case 'MetricDiscontinued': {
      const { lastPeriod } = event.data;
      return [
        change('discontinued', false, true),
        ...(lastPeriod === undefined ? [] : [change('lastPeriod', null, lastPeriod)]),
      ];
    }
    case 'MetricReinstated': {
      const d = event.data;
      return [
        ...(d.wasDeEmphasized ? [change('deEmphasized', true, false)] : []),
        ...(d.wasDiscontinued ? [change('discontinued', true, false)] : []),
        ...(memory.lastPeriod === null ? [] : [change('lastPeriod', memory.lastPeriod, null)]),
      ];
    }
    case 'FigureReported': {
      const d = event.data;
      const field = (name: string) => `figures.${d.period}.${name}`;
      return [
        change(field('value'), null, d.value),
        ...(d.currency === undefined ? [] : [change(field('currency'), null, d.currency)]),
        ...(d.translations === undefined ? [] : [change(field('translations'), null, d.translations)]),
      ];
    }
    case 'FigureRestated': {
      const d = event.data;
      const before = d.previous;
      const field = (name: string) => `figures.${d.period}.${name}`;
      const translationsBefore = before.translations ?? [];
      const translationsAfter = d.translations ?? [];
      return [
        ...(before.value === d.value ? [] : [change(field('value'), before.value, d.value)]),
        ...(before.currency === d.currency ? [] : [change(field('currency'), before.currency, d.currency)]),
        ...(JSON.stringify(translationsBefore) === JSON.stringify(translationsAfter)
          ? []
          : [change(field('translations'), translationsBefore, translationsAfter)]),
      ];
    }
    case 'FigureCorrected': {
      const d = event.data;
      return d.changed.map((name) => change(`figures.${d.period}.${name}`, d.previous[name], d[name]));
    }
    case 'TargetAnnounced': {
      const { terms } = event.data;
      return termChanges(
        TERM_FIELDS.filter((field) => termValue(terms, field) !== null),
        undefined,
        terms,
      );
    }
    case 'TargetRevised':
      return termChanges(event.data.changed, event.data.previous, event.data.terms);
    case 'TargetReaffirmed':
      return [];
    case 'TargetWithdrawn':
      return [change('status', 'active', 'withdrawn')];
    case 'TargetCorrected': {
      const d = event.data;
      return d.changed.map((field) => {
        switch (field) {
          case 'announcedAt':
          case 'announcedBy':
          case 'source':
            return change(field, d.previous[field], d[field]);
          default:
            return change(field, termValue(d.previous.terms, field), termValue(d.terms, field));
        }
      });
    }
    case 'FxRateRecorded':
      return [change('rate', null, event.data.rate)];
    default:
      return assertNever(event);
  }
}

function sourceOf(event: LedgerEvent): Source | null {
  switch (event.type) {
    case 'CompanyRegistered':
      return null;
    case 'MetricDefined':
    case 'FigureCorrected':
    case 'TargetCorrected':
      // A correction's source, when it has one, is the corrected source of the fact.
      return event.data.source ?? null;
    case 'MetricRedefined':
    case 'MetricDeEmphasized':
    case 'MetricDiscontinued':
    case 'MetricReinstated':
    case 'FigureReported':
    case 'FigureRestated':
    case 'TargetAnnounced':
    case 'TargetRevised':
    case 'TargetReaffirmed':
    case 'TargetWithdrawn':
    case 'FxRateRecorded':
      return event.data.source;
    default:
      return assertNever(event);
  }
}

/**
 * The reason given for the change. A de-emphasis, discontinuation or reinstatement carries a
 * note instead, which is the company's stated reason for it, so the note serves as the reason.
 */
function reasonOf(event: LedgerEvent): string | null {
  switch (event.type) {
    case 'MetricRedefined':
    case 'FigureRestated':
    case 'FigureCorrected':
    case 'TargetRevised':
    case 'TargetWithdrawn':
    case 'TargetCorrected':
      return event.data.reason ?? null;
    case 'MetricDeEmphasized':
    case 'MetricDiscontinued':
    case 'MetricReinstated':
      return event.data.note ?? null;
    case 'CompanyRegistered':
    case 'MetricDefined':
    case 'FigureReported':
    case 'TargetAnnounced':
    case 'TargetReaffirmed':
    case 'FxRateRecorded':
      return null;
    default:
      return assertNever(event);
  }
}
