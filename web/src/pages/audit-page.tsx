import type { AuditPage as Page, VerifyReport } from '../api/types.js';
import { useRead } from '../api/use-read.js';
import { Link } from '../components/link.js';
import { LoadState } from '../components/load-state.js';
import { PageTitle } from '../components/page-title.js';
import { TableHead } from '../components/table-head.js';
import { instant } from '../format.js';

const PAGE_SIZE = 50;
const NO_VIEW = {};

function Verify() {
  // The audit endpoints read the log itself: no as-of.
  const verify = useRead<VerifyReport>('/audit/verify', NO_VIEW);
  return (
    <LoadState read={verify} what="the verification">
      {(report) =>
        report.ok ? (
          <p className="verify ok" role="status">
            <span className="badge status-achieved">Intact</span> Every hash recomputed: {report.events} events in{' '}
            {report.streams} streams, none changed after the fact.
          </p>
        ) : (
          <p className="verify broken" role="alert">
            <span className="badge status-missed">Broken</span> The chain breaks at stream {report.firstBroken?.stream},
            revision {report.firstBroken?.revision}
            {report.firstBroken?.position !== undefined ? `, position ${report.firstBroken.position}` : ''}:{' '}
            {report.firstBroken?.reason}
          </p>
        )
      }
    </LoadState>
  );
}

const short = (hash: string) => `${hash.slice(0, 10)}…`;

/** `limit` (in the URL, default 50) is the page size; `after` the last position of the page before. */
export function AuditPage({ after, limit = PAGE_SIZE }: { after: number; limit?: number }) {
  const events = useRead<Page>(`/audit/events?after=${after}&limit=${limit}`, NO_VIEW);
  return (
    <>
      <PageTitle title="Audit" />
      <p className="lede">
        The raw event log in commit order. Each hash is SHA-256 of the previous hash and the event&apos;s canonical
        JSON, so anyone can recompute it from <a href="/audit/events">GET /audit/events</a>.
      </p>
      <section aria-labelledby="verify-title">
        <h2 id="verify-title">Verification</h2>
        <Verify />
      </section>
      <section aria-labelledby="log-title">
        <h2 id="log-title">Event log</h2>
        <LoadState read={events} what="the event log">
          {(page) => (
            <>
              <p className="muted small">
                {page.events.length === 0
                  ? 'No events after this position.'
                  : `Positions ${page.events[0].position}–${page.events[page.events.length - 1].position}`}
              </p>
              <table className="audit responsive">
                <TableHead
                  caption={`Events after position ${after}`}
                  columns={['Position', 'Stream / revision', 'Type', 'Recorded', 'Hash / previous']}
                />
                <tbody>
                  {page.events.map((e) => (
                    <tr key={e.position}>
                      <th scope="row" data-label="Position">
                        {e.position}
                      </th>
                      <td data-label="Stream">
                        {e.stream} <span className="muted">#{e.revision}</span>
                      </td>
                      <td data-label="Type">
                        <details>
                          <summary>{e.type}</summary>
                          <pre tabIndex={0} aria-label={`Event ${e.position} as stored`}>
                            {JSON.stringify({ data: e.data, metadata: e.metadata }, null, 2)}
                          </pre>
                        </details>
                      </td>
                      <td data-label="Recorded">
                        {instant(e.metadata.recordedAt)} <span className="muted">by {e.metadata.recordedBy}</span>
                      </td>
                      <td data-label="Hash">
                        <code title={e.hash}>{short(e.hash)}</code>
                        <br />
                        <code className="muted" title={e.prevHash}>
                          {short(e.prevHash)}
                        </code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <nav aria-label="Event log pages" className="pager">
                {after > 0 && <Link to={{ page: 'audit', after: 0, limit }}>First page</Link>}
                {page.events.length === limit && (
                  <Link to={{ page: 'audit', after: page.nextAfter, limit }}>Next page</Link>
                )}
              </nav>
            </>
          )}
        </LoadState>
      </section>
    </>
  );
}
