import type { StoredEvent } from '../../event-store/event-store.port.js';
import type { CompanyEvent } from '../../ledger/company/company.events.js';
import type { FxEvent } from '../../ledger/fx/fx.events.js';
import type { MetricEvent } from '../../ledger/metric/metric.events.js';
import type { TargetEvent } from '../../ledger/target/target.events.js';

/** Every event the read side understands, typed by the write side's unions. */
export type LedgerEvent = CompanyEvent | MetricEvent | TargetEvent | FxEvent;

/** A record over the union's types, so adding an event type to the domain fails to compile here. */
const KNOWN_TYPES: Readonly<Record<LedgerEvent['type'], true>> = {
  CompanyRegistered: true,
  MetricDefined: true,
  MetricRedefined: true,
  MetricDeEmphasized: true,
  MetricDiscontinued: true,
  MetricReinstated: true,
  FigureReported: true,
  FigureRestated: true,
  FigureCorrected: true,
  TargetAnnounced: true,
  TargetRevised: true,
  TargetReaffirmed: true,
  TargetWithdrawn: true,
  TargetCorrected: true,
  FxRateRecorded: true,
};

/**
 * The stored event as a typed domain event, or null for a type this code does not know (a newer
 * writer): read models skip what they cannot interpret instead of failing the whole fold.
 */
export function asLedgerEvent(event: StoredEvent): LedgerEvent | null {
  if (!Object.prototype.hasOwnProperty.call(KNOWN_TYPES, event.type)) return null;
  return { type: event.type, data: event.data } as unknown as LedgerEvent;
}

/** Identifies an event within its stream, as `corrects` refers to it. */
export const eventKey = (stream: string, revision: number) => `${stream}#${revision}`;
