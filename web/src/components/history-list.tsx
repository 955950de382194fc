import type { HistoryEntry } from '../api/types.js';
import { eventLabel, groupDigits, instant } from '../format.js';
import { SourceView } from './source-view.js';
import { TableHead } from './table-head.js';

const isTranslation = (value: unknown): value is { currency: string; value: string } =>
  typeof value === 'object' && value !== null && 'currency' in value && 'value' in value;

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return /^\d{5,}$/.test(value) ? groupDigits(value) : value;
  if (Array.isArray(value) && value.every(isTranslation)) {
    return value.length === 0 ? 'none' : value.map((t) => `${t.currency} ${groupDigits(t.value)}`).join(', ');
  }
  return JSON.stringify(value);
}

/** One entry per event, oldest first: what changed from what to what, on whose word, recorded when. */
export function HistoryList({ entries, label }: { entries: HistoryEntry[]; label: string }) {
  if (entries.length === 0) return <p className="muted">Nothing recorded for this view.</p>;
  return (
    <ol className="history" aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.position} className={`history-entry type-${entry.type}`}>
          <p className="history-head">
            <strong>{eventLabel(entry.type)}</strong>
            {entry.businessDate && (
              <>
                {' '}
                on <time dateTime={entry.businessDate}>{entry.businessDate}</time>
              </>
            )}
          </p>
          {entry.changes.length > 0 && (
            <table className="changes">
              <TableHead caption="Changes" columns={['field', 'from', 'to']} />
              <tbody>
                {entry.changes.map((change) => (
                  <tr key={change.field}>
                    <th scope="row">{change.field}</th>
                    <td className="from">{shown(change.from)}</td>
                    <td className="to">→ {shown(change.to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {entry.reason && <p>Reason: {entry.reason}</p>}
          <div className="history-source">
            Source: <SourceView source={entry.source} />
          </div>
          <p className="recorded muted">
            Recorded by {entry.recordedBy} at <time dateTime={entry.recordedAt}>{instant(entry.recordedAt)}</time>{' '}
            (revision {entry.revision}, position {entry.position})
          </p>
        </li>
      ))}
    </ol>
  );
}
