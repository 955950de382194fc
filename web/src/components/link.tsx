import type { ReactNode } from 'react';
import { useLedger } from '../ledger-context.js';
import { hrefOf, type Route } from '../routing.js';

/** A link to a dashboard page that keeps the current view (as of, as recorded at). */
export function Link({ to, children, className }: { to: Route; children: ReactNode; className?: string }) {
  const { view } = useLedger();
  return (
    <a href={hrefOf(to, view)} className={className}>
      {children}
    </a>
  );
}
