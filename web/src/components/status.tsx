import type { ScoreboardRow } from '../api/types.js';
import { STATUS_LABELS } from '../format.js';

/** The status in words (never colour alone), coloured by how it stands. */
export function StatusBadge({ status, early }: { status: string; early?: boolean }) {
  return (
    <span className={`badge status-${status}`}>
      {STATUS_LABELS[status] ?? status}
      {early ? ', early' : ''}
    </span>
  );
}

/** Progress towards the target value; the bar stops at 100 %, the number does not. */
export function ProgressBar({ progress }: { progress: string | null }) {
  if (progress === null) return <span className="muted">—</span>;
  const ratio = Number(progress);
  const shown = Math.max(0, Math.min(1, ratio));
  return (
    <span className="progress">
      <span className="progress-track" aria-hidden="true">
        <span className="progress-fill" style={{ width: `${(shown * 100).toFixed(1)}%` }} />
      </span>
      <span className="progress-label">{(ratio * 100).toFixed(1)} %</span>
    </span>
  );
}

/** De-emphasized, discontinued, withdrawn: the caveats a reader must not miss. */
export function Flags({ row }: { row: Pick<ScoreboardRow, 'deEmphasized' | 'discontinued' | 'status'> }) {
  const flags = [
    row.deEmphasized ? ['de-emphasized', 'De-emphasized'] : null,
    row.discontinued ? ['discontinued', 'Discontinued'] : null,
    row.status === 'withdrawn' ? ['withdrawn', 'Withdrawn'] : null,
  ].filter((flag): flag is string[] => flag !== null);
  if (flags.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="flags">
      {flags.map(([key, label]) => (
        <li key={key} className={`flag flag-${key}`}>
          {label}
        </li>
      ))}
    </ul>
  );
}
