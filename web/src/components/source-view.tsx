import type { Source } from '../api/types.js';

/** Where a fact comes from: title (linked when there is a URL), publisher, date, quote. */
export function SourceView({ source }: { source: Source | null | undefined }) {
  if (!source) return <span className="muted">no source</span>;
  const title = source.title ?? source.url ?? 'source';
  const meta = [source.publisher, source.publishedAt].filter(Boolean).join(', ');
  return (
    <span className="source">
      {source.url ? (
        <a href={source.url} rel="noopener noreferrer" target="_blank">
          {title}
        </a>
      ) : (
        <cite>{title}</cite>
      )}
      {meta !== '' && <span className="muted"> ({meta})</span>}
      {source.quote && (
        <blockquote lang={source.language ?? undefined}>
          <p>“{source.quote}”</p>
        </blockquote>
      )}
    </span>
  );
}
