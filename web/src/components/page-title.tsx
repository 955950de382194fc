import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's one h1. It takes the focus when the page changes, so that keyboard and screen
 * reader users land on the new page rather than on the link they followed.
 */
export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · KPI Ledger`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
