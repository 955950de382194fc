import type { ReactNode } from 'react';
import type { Read } from '../api/use-read.js';

/** Renders a read: its error as an alert, a loading note, or the page built from its data. */
export function LoadState<T>({
  read,
  what,
  children,
}: {
  read: Read<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (read.error) {
    return (
      <p role="alert" className={`error-box${read.error.isAuthProblem ? ' auth' : ''}`}>
        Could not load {what}: {read.error.message}
      </p>
    );
  }
  if (read.data === undefined)
    return (
      <p className="muted" aria-live="polite">
        Loading {what}…
      </p>
    );
  return <div aria-busy={read.loading}>{children(read.data)}</div>;
}
