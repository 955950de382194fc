import type { StoredEvent } from '../../event-store/event-store.port.js';
import type { FigureCorrected } from '../../ledger/metric/metric.events.js';
import { assertNever } from '../../ledger/shared/message.js';
import type { TargetCorrected } from '../../ledger/target/target.events.js';
import { asLedgerEvent, eventKey, type LedgerEvent } from './ledger-events.js';

export type AsOfOptions = Readonly<{
  /** Business date `YYYY-MM-DD`: only facts public on or before it, as currently recorded. */
  asOf?: string;
  /** ISO-8601 instant: the ledger exactly as it stood then. */
  recordedAsOf?: string;
}>;

/**
 * The events a bitemporal query sees, in the order given (commit order).
 *
 * 1. `recordedAsOf` first: every event recorded (metadata.recordedAt, compared in milliseconds)
 *    after that instant is dropped, corrections included, so the answer is what the ledger
 *    showed then, later fixes and all later knowledge invisible.
 * 2. Then `asOf`, over what is left: an event is kept when its business date is on or before
 *    `asOf`. The business date is reportedAt (reports, restatements), announcedAt (target
 *    announcements, revisions, reaffirmations, withdrawals), statedAt (metric lifecycle), the
 *    rate's date or its period's start (FX rates); CompanyRegistered and MetricDefined have none
 *    and are always kept. Corrections (FigureCorrected, TargetCorrected) have no business date of
 *    their own: they fix an entry error in the event they name (`corrects`), so a correction is
 *    kept exactly when that event is kept. And because `asOf` means "as currently recorded", a
 *    correction that moved the corrected event's date (reportedAt / announcedAt) decides with the
 *    corrected date, not the mistyped one, whether that event (and so its correction) is visible.
 */
export function eventsAsOf(events: readonly StoredEvent[], options: AsOfOptions = {}): StoredEvent[] {
  const { asOf, recordedAsOf } = options;
  const recorded = recordedAsOf === undefined ? [...events] : events.filter(isRecordedBy(recordedAsOf));
  if (asOf === undefined) return recorded;

  const correctedDates = new Map<string, string>();
  for (const stored of recorded) {
    const corrected = correctedDate(stored);
    if (corrected !== null) correctedDates.set(corrected.key, corrected.date);
  }
  // The corrected event precedes its corrections in the same stream, so it is decided first.
  const kept = new Set<string>();
  return recorded.filter((stored) => {
    const event = asLedgerEvent(stored);
    if (event !== null && isCorrection(event)) return kept.has(eventKey(stored.stream, event.data.corrects));
    const key = eventKey(stored.stream, stored.revision);
    const date = correctedDates.get(key) ?? (event === null ? null : ownBusinessDate(event));
    const visible = date === null || date <= asOf;
    if (visible) kept.add(key);
    return visible;
  });
}

/** Whether an event was recorded at or before `recordedAsOf` (the filter of step 1 above). */
export function isRecordedBy(recordedAsOf: string): (event: StoredEvent) => boolean {
  return recordedBy(instant(recordedAsOf));
}

function instant(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new RangeError(`recordedAsOf is not an ISO-8601 instant: ${text}`);
  return ms;
}

/** The form the writer records instants in (Date#toISOString); such strings sort as the instants do. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Compares text where both sides are canonical: parsing 10,000 dates was most of an as-of read. */
function recordedBy(limit: number): (event: StoredEvent) => boolean {
  const limitText = new Date(limit).toISOString();
  const comparable = CANONICAL_INSTANT.test(limitText);
  return (event) => {
    const at = event.metadata.recordedAt;
    return comparable && CANONICAL_INSTANT.test(at) ? at <= limitText : Date.parse(at) <= limit;
  };
}

const isCorrection = (event: LedgerEvent): event is FigureCorrected | TargetCorrected =>
  event.type === 'FigureCorrected' || event.type === 'TargetCorrected';

/** The business date a correction gives the event it corrects, when it changes one. */
function correctedDate(stored: StoredEvent): { key: string; date: string } | null {
  const event = asLedgerEvent(stored);
  if (event === null || !isCorrection(event)) return null;
  const date = event.type === 'FigureCorrected' ? event.data.reportedAt : event.data.announcedAt;
  return date === undefined ? null : { key: eventKey(stored.stream, event.data.corrects), date };
}

/**
 * When the world learnt the fact an event records, as the event itself says (null: no business
 * date, or a correction, which borrows the date of the event it corrects).
 */
export function ownBusinessDate(event: LedgerEvent): string | null {
  switch (event.type) {
    case 'CompanyRegistered':
    case 'MetricDefined':
    case 'FigureCorrected':
    case 'TargetCorrected':
      return null;
    case 'MetricRedefined':
    case 'MetricDeEmphasized':
    case 'MetricDiscontinued':
    case 'MetricReinstated':
      return event.data.statedAt;
    case 'FigureReported':
    case 'FigureRestated':
      return event.data.reportedAt;
    case 'TargetAnnounced':
    case 'TargetRevised':
    case 'TargetReaffirmed':
    case 'TargetWithdrawn':
      return event.data.announcedAt;
    case 'FxRateRecorded':
      return event.data.date ?? event.data.periodStart ?? null;
    default:
      return assertNever(event);
  }
}
