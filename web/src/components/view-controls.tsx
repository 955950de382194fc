import { useId, type ChangeEvent } from 'react';
import { useLedger } from '../ledger-context.js';
import { hrefOf, type View } from '../routing.js';

/** `2026-11-27T08:49:27Z` ↔ the `datetime-local` input's `2026-11-27T08:49:27` (read as UTC). */
const toLocalInput = (instant: string | undefined) => (instant ?? '').replace(/(\.\d+)?Z$/, '');
const fromLocalInput = (value: string) => (value === '' ? undefined : `${value}${value.length === 16 ? ':00' : ''}Z`);

/**
 * "As of" (business date) and "as recorded at" (record time). Both live in the URL, so a view
 * can be shared; changing one re-renders the page as the ledger stood then.
 */
export function ViewControls() {
  const { route, view } = useLedger();
  const asOfId = useId();
  const recordedId = useId();
  const go = (next: View) => {
    window.location.hash = hrefOf(route, next);
  };
  const onAsOf = (event: ChangeEvent<HTMLInputElement>) => go({ ...view, asOf: event.target.value || undefined });
  const onRecorded = (event: ChangeEvent<HTMLInputElement>) =>
    go({ ...view, recordedAsOf: fromLocalInput(event.target.value) });
  return (
    <form className="view-controls" aria-label="Time travel" onSubmit={(event) => event.preventDefault()}>
      <div className="control">
        <label htmlFor={asOfId}>As of (business date)</label>
        <span className="control-row">
          <input id={asOfId} name="asOf" type="date" value={view.asOf ?? ''} onChange={onAsOf} />
          {view.asOf && (
            <button type="button" className="link-button" onClick={() => go({ ...view, asOf: undefined })}>
              today
            </button>
          )}
        </span>
      </div>
      <div className="control">
        <label htmlFor={recordedId}>As recorded at (UTC)</label>
        <span className="control-row">
          <input
            id={recordedId}
            name="recordedAsOf"
            type="datetime-local"
            step={1}
            value={toLocalInput(view.recordedAsOf)}
            onChange={onRecorded}
          />
          {view.recordedAsOf && (
            <button type="button" className="link-button" onClick={() => go({ ...view, recordedAsOf: undefined })}>
              now
            </button>
          )}
        </span>
      </div>
    </form>
  );
}

/** Says, in words, that the page shows the past. */
export function ViewBanner() {
  const { view } = useLedger();
  if (!view.asOf && !view.recordedAsOf) return null;
  const parts = [
    view.asOf ? `as of ${view.asOf} (facts public by then)` : null,
    view.recordedAsOf ? `as recorded at ${view.recordedAsOf} (later records hidden)` : null,
  ].filter(Boolean);
  return (
    <p className="view-banner" role="status">
      Showing the ledger {parts.join(' and ')}.
    </p>
  );
}
