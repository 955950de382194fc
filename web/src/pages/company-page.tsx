import type { CompanyView, MetricSummary, Scoreboard, ScoreboardRow } from '../api/types.js';
import { useRead } from '../api/use-read.js';
import { Breadcrumb } from '../components/breadcrumb.js';
import { ConversionText, FigureText } from '../components/figure-text.js';
import { Link } from '../components/link.js';
import { LoadState } from '../components/load-state.js';
import { PageTitle } from '../components/page-title.js';
import { Flags, ProgressBar, StatusBadge } from '../components/status.js';
import { TableHead } from '../components/table-head.js';
import { describeTerms } from '../format.js';
import { FormsSection } from '../forms/forms-section.js';
import { announceTargetForm, defineMetricForm, reportFigureForm } from '../forms/ledger-forms.js';

const LIFECYCLE: Record<string, string> = {
  active: 'Active',
  de_emphasized: 'De-emphasized',
  discontinued: 'Discontinued',
};

function ScoreboardTable({
  companyId,
  rows,
  metrics,
}: {
  companyId: string;
  rows: ScoreboardRow[];
  metrics: MetricSummary[];
}) {
  if (rows.length === 0) return <p className="muted">No targets known for this view.</p>;
  const metricOf = (id: string) => metrics.find((m) => m.metricId === id);
  return (
    <table className="scoreboard responsive">
      <TableHead
        caption="Every target with its status against the reported figures"
        columns={['Target', 'Status', 'Progress', 'Deadline', 'Latest figure', 'Conversion', 'Flags']}
      />
      <tbody>
        {rows.map((row) => {
          const metric = metricOf(row.metricId);
          return (
            <tr
              key={row.targetId}
              className={row.status === 'withdrawn' ? 'withdrawn' : undefined}
              data-target={row.targetId}
            >
              <th scope="row" data-label="Target">
                <Link to={{ page: 'target', companyId, targetId: row.targetId }}>{row.targetId}</Link>
                <span className="terms">
                  {metric?.name ?? row.metricId}: {describeTerms(row.terms, metric?.unit)}
                </span>
                <span className="muted small">
                  announced {row.announcedAt}
                  {row.revisions > 0 ? ` · ${row.revisions} revision${row.revisions > 1 ? 's' : ''}` : ''}
                </span>
              </th>
              <td data-label="Status">
                <StatusBadge status={row.status} early={row.early} />
              </td>
              <td data-label="Progress">
                <ProgressBar progress={row.progress} />
              </td>
              <td data-label="Deadline">{row.terms.deadline}</td>
              <td data-label="Latest figure">
                <FigureText figure={row.figure} unit={metric?.unit} />
              </td>
              <td data-label="Conversion">
                <ConversionText row={row} unit={metric?.unit} />
              </td>
              <td data-label="Flags">
                <Flags row={row} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function CompanyPage({ companyId }: { companyId: string }) {
  const company = useRead<CompanyView>(`/companies/${encodeURIComponent(companyId)}`);
  const scoreboard = useRead<Scoreboard>(`/companies/${encodeURIComponent(companyId)}/scoreboard`);
  return (
    <LoadState read={company} what={`company ${companyId}`}>
      {(c) => (
        <>
          <Breadcrumb current={c.name} />
          <PageTitle title={c.name} />
          <p className="lede">
            {c.id} · fiscal year ends {c.fiscalYearEnd} · reports in {c.reportingCurrency}
          </p>
          <section aria-labelledby="scoreboard-title">
            <h2 id="scoreboard-title">Scoreboard</h2>
            <LoadState read={scoreboard} what="the scoreboard">
              {(s) => (
                <>
                  <p className="muted small">
                    Status evaluated as of {s.asOf}
                    {s.recordedAsOf ? `, as recorded at ${s.recordedAsOf}` : ''}.
                  </p>
                  <ScoreboardTable companyId={c.id} rows={s.targets} metrics={c.metrics} />
                </>
              )}
            </LoadState>
          </section>
          <section aria-labelledby="metrics-title">
            <h2 id="metrics-title">Metrics</h2>
            <ul className="metric-list">
              {c.metrics.map((m) => (
                <li key={m.metricId} className="card">
                  <Link to={{ page: 'metric', companyId: c.id, metricId: m.metricId }} className="card-title">
                    {m.name}
                  </Link>
                  <span>
                    <span className={`badge lifecycle-${m.lifecycle}`}>{LIFECYCLE[m.lifecycle] ?? m.lifecycle}</span>
                    {m.discontinued && m.deEmphasized && (
                      <span className="badge lifecycle-de_emphasized">De-emphasized</span>
                    )}
                    {m.redefined && <span className="badge lifecycle-redefined">Redefined</span>}
                    <span className="muted small"> {m.unit}</span>
                  </span>
                  {m.definition && <span className="muted small">{m.definition}</span>}
                </li>
              ))}
            </ul>
          </section>
          <FormsSection
            title="Record"
            forms={[reportFigureForm(c.id, c.metrics), announceTargetForm(c.id, c.metrics), defineMetricForm(c.id)]}
          />
        </>
      )}
    </LoadState>
  );
}
