import type { CompanyView, HistoryList as History, MetricView } from '../api/types.js';
import { useRead } from '../api/use-read.js';
import { Breadcrumb } from '../components/breadcrumb.js';
import { HistoryList } from '../components/history-list.js';
import { LoadState } from '../components/load-state.js';
import { PageTitle } from '../components/page-title.js';
import { SourceView } from '../components/source-view.js';
import { TableHead } from '../components/table-head.js';
import { formatValue, groupDigits } from '../format.js';
import { FormsSection } from '../forms/forms-section.js';
import { correctFigureForm, metricLifecycleForms, reportFigureForm, restateFigureForm } from '../forms/ledger-forms.js';

function FiguresTable({ metric }: { metric: MetricView }) {
  if (metric.figures.length === 0) return <p className="muted">No figures known for this view.</p>;
  return (
    <table className="figures responsive">
      <TableHead caption="Reported figures by period" columns={['Period', 'Value', 'Reported', 'Changed', 'Source']} />
      <tbody>
        {metric.figures.map((f) => (
          <tr key={f.period} data-period={f.period}>
            <th scope="row" data-label="Period">
              {f.period}
              <span className="muted small">
                {' '}
                {f.periodStart} – {f.periodEnd}
              </span>
            </th>
            <td data-label="Value">
              <span title={groupDigits(f.value)}>{formatValue(f.value, metric.unit, f.currency)}</span>
              {f.translations.map((t) => (
                <span key={t.currency} className="muted small">
                  {' '}
                  ({formatValue(t.value, metric.unit, t.currency)}, own translation)
                </span>
              ))}
            </td>
            <td data-label="Reported">{f.reportedAt}</td>
            <td data-label="Changed">
              {f.restated && <span className="badge restated">Restated</span>}
              {f.corrected && <span className="badge corrected">Corrected</span>}
              {!f.restated && !f.corrected && <span className="muted">as first reported</span>}
            </td>
            <td data-label="Source">
              <SourceView source={f.source} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Lifecycle({ metric }: { metric: MetricView }) {
  return (
    <dl className="summary">
      <div>
        <dt>Unit</dt>
        <dd>{metric.unit}</dd>
      </div>
      <div>
        <dt>De-emphasized</dt>
        <dd>{metric.deEmphasizedAt ?? 'no'}</dd>
      </div>
      <div>
        <dt>Discontinued</dt>
        <dd>{metric.discontinuedAt ? `${metric.discontinuedAt} (last period ${metric.lastPeriod ?? '—'})` : 'no'}</dd>
      </div>
      {metric.reinstatedAt && (
        <div>
          <dt>Reinstated</dt>
          <dd>{metric.reinstatedAt}</dd>
        </div>
      )}
      <div className="wide">
        <dt>Definitions</dt>
        <dd>
          <ol className="definitions">
            {metric.definitions.map((d) => (
              <li key={d.revision}>
                {d.effectiveFrom ? `From ${d.effectiveFrom.period} (stated ${d.statedAt ?? '—'}): ` : 'Initially: '}
                {d.definition}
                {d.reason && <span className="muted small"> Reason: {d.reason}</span>}
              </li>
            ))}
          </ol>
        </dd>
      </div>
    </dl>
  );
}

/** The periods a restatement or correction can name: those with a figure in this view. */
const periods = (metric: MetricView) => metric.figures.map((f) => f.period);

/** The forms come before the long history: they are the analyst's daily work. */
export function MetricPage({ companyId, metricId }: { companyId: string; metricId: string }) {
  const companyPath = `/companies/${encodeURIComponent(companyId)}`;
  const metricPath = `${companyPath}/metrics/${encodeURIComponent(metricId)}`;
  const company = useRead<CompanyView>(companyPath);
  const metric = useRead<MetricView>(metricPath);
  const history = useRead<History>(`${metricPath}/history`);
  return (
    <LoadState read={company} what={`company ${companyId}`}>
      {(c) => (
        <>
          <Breadcrumb company={c} current={metricId} />
          <LoadState read={metric} what={`metric ${metricId}`}>
            {(m) => (
              <>
                <PageTitle title={m.name} />
                <p className="lede">
                  {m.metricId}
                  {m.deEmphasized && <span className="badge lifecycle-de_emphasized">De-emphasized</span>}
                  {m.discontinued && <span className="badge lifecycle-discontinued">Discontinued</span>}
                  {m.redefined && <span className="badge lifecycle-redefined">Redefined</span>}
                </p>
                <Lifecycle metric={m} />
                <section aria-labelledby="figures-title">
                  <h2 id="figures-title">Figures</h2>
                  <FiguresTable metric={m} />
                </section>
              </>
            )}
          </LoadState>
          {metric.data && (
            <FormsSection
              title="Record"
              forms={[
                reportFigureForm(companyId, c.metrics, metricId),
                restateFigureForm(companyId, metricId, periods(metric.data)),
                correctFigureForm(companyId, metricId, periods(metric.data)),
                ...metricLifecycleForms(companyId, metricId),
              ]}
            />
          )}
          <section aria-labelledby="metric-history-title">
            <h2 id="metric-history-title">History</h2>
            <p className="muted small">
              Definitions, lifecycle, figures, restatements (old → new) and corrections, oldest first.
            </p>
            <LoadState read={history} what="the history">
              {(h) => <HistoryList entries={h.entries} label="Metric history, oldest first" />}
            </LoadState>
          </section>
        </>
      )}
    </LoadState>
  );
}
