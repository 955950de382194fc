import { lazy, Suspense, useMemo } from 'react';
import type { CompanyView, HistoryList as History, MetricView, TargetLedgerView } from '../api/types.js';
import { useRead } from '../api/use-read.js';
import { chartData } from '../chart/chart-data.js';
import { ConversionText, FigureText } from '../components/figure-text.js';
import { Breadcrumb } from '../components/breadcrumb.js';
import { HistoryList } from '../components/history-list.js';
import { Link } from '../components/link.js';
import { LoadState } from '../components/load-state.js';
import { PageTitle } from '../components/page-title.js';
import { SourceView } from '../components/source-view.js';
import { Flags, ProgressBar, StatusBadge } from '../components/status.js';
import { describeTerms, percent } from '../format.js';
import { FormsSection } from '../forms/forms-section.js';
import { targetLifecycleForms } from '../forms/ledger-forms.js';
import { useLedger } from '../ledger-context.js';

/** The chart library (Observable Plot with d3) loads only with the first target page. */
const TargetChart = lazy(() => import('../chart/target-chart.js').then((module) => ({ default: module.TargetChart })));

function ChartSection(props: { target: TargetLedgerView; company: CompanyView; companyId: string }) {
  const { target, company, companyId } = props;
  const { view } = useLedger();
  const base = `/companies/${encodeURIComponent(companyId)}/metrics/${encodeURIComponent(target.metricId)}`;
  const metric = useRead<MetricView>(base);
  const metricHistory = useRead<History>(`${base}/history`);
  const data = useMemo(
    () =>
      metric.data && metricHistory.data
        ? chartData({
            target,
            metric: metric.data,
            metricHistory: metricHistory.data.entries,
            fiscalYearEnd: company.fiscalYearEnd,
          })
        : undefined,
    [target, metric.data, metricHistory.data, company.fiscalYearEnd],
  );
  const name = metric.data?.name ?? target.metricId;
  return (
    <section aria-labelledby="chart-title">
      <h2 id="chart-title">Promise against figures</h2>
      <LoadState read={metricHistory} what="the figures">
        {() =>
          data === undefined ? null : (
            <figure className="chart-figure">
              <Suspense fallback={<p className="muted">Loading the chart…</p>}>
                <TargetChart
                  data={data}
                  asOf={view.asOf}
                  label={`${name}${data.currency ? ` in ${data.currency}` : ''}: figures against the target`}
                />
              </Suspense>
              <figcaption>
                <ul className="legend" aria-label="Legend">
                  <li>
                    <span className="swatch swatch-reported" aria-hidden="true" /> figure as reported
                  </li>
                  <li>
                    <span className="swatch swatch-restated" aria-hidden="true" /> restated figure
                  </li>
                  <li>
                    <span className="swatch swatch-first" aria-hidden="true" /> first report, later restated
                  </li>
                  <li>
                    <span className="swatch swatch-target" aria-hidden="true">
                      ☆
                    </span>{' '}
                    target at its deadline
                  </li>
                  <li>
                    <span className="swatch swatch-path" aria-hidden="true" /> required path from the baseline
                  </li>
                  <li>
                    <span className="swatch swatch-marker" aria-hidden="true" /> announcement, revision, reaffirmation,
                    withdrawal
                  </li>
                </ul>
                <p className="muted small">
                  {name} for periods like {target.terms.deadline}
                  {data.currency ? `, in ${data.currency}` : ''}, at each period&apos;s end.
                  {data.omitted.length > 0 &&
                    ` Not drawn (no ${data.currency ?? ''} value recorded, see the metric page): ${data.omitted.join(', ')}.`}
                </p>
              </figcaption>
            </figure>
          )
        }
      </LoadState>
    </section>
  );
}

function Summary({ target, unit }: { target: TargetLedgerView; unit?: CompanyView['metrics'][number]['unit'] }) {
  return (
    <dl className="summary">
      <div>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={target.status} early={target.early} />
        </dd>
      </div>
      <div>
        <dt>Progress</dt>
        <dd>
          <ProgressBar progress={target.progress} />
        </dd>
      </div>
      <div>
        <dt>Latest figure</dt>
        <dd>
          <FigureText figure={target.figure} unit={unit} />
        </dd>
      </div>
      <div>
        <dt>Conversion</dt>
        <dd>
          <ConversionText row={target} unit={unit} />
        </dd>
      </div>
      <div>
        <dt>Growth a year, required / actual</dt>
        <dd>
          {percent(target.requiredGrowthRate)} / {percent(target.actualGrowthRate)}
        </dd>
      </div>
      <div>
        <dt>Announced</dt>
        <dd>
          {target.announcedAt}
          {target.announcedBy ? ` by ${target.announcedBy}` : ''}
          {target.lastAnnouncedAt !== target.announcedAt ? `; last statement ${target.lastAnnouncedAt}` : ''}
        </dd>
      </div>
      <div>
        <dt>Flags</dt>
        <dd>
          <Flags row={target} />
        </dd>
      </div>
      {target.withdrawn && (
        <div>
          <dt>Withdrawn</dt>
          <dd>
            {target.withdrawn.at}
            {target.withdrawn.reason ? `: ${target.withdrawn.reason}` : ''}
          </dd>
        </div>
      )}
      <div className="wide">
        <dt>Source</dt>
        <dd>
          <SourceView source={target.source} />
        </dd>
      </div>
      {target.note && (
        <div className="wide">
          <dt>Note</dt>
          <dd>{target.note}</dd>
        </div>
      )}
    </dl>
  );
}

export function TargetPage({ companyId, targetId }: { companyId: string; targetId: string }) {
  const companyPath = `/companies/${encodeURIComponent(companyId)}`;
  const company = useRead<CompanyView>(companyPath);
  const target = useRead<TargetLedgerView>(`${companyPath}/targets/${encodeURIComponent(targetId)}`);
  const history = useRead<History>(`${companyPath}/targets/${encodeURIComponent(targetId)}/history`);
  return (
    <LoadState read={company} what={`company ${companyId}`}>
      {(c) => (
        <>
          <Breadcrumb company={c} current={targetId} />
          <PageTitle title={targetId} />
          <LoadState read={target} what={`target ${targetId}`}>
            {(t) => {
              const metric = c.metrics.find((m) => m.metricId === t.metricId);
              return (
                <>
                  <p className="lede">
                    <Link to={{ page: 'metric', companyId: c.id, metricId: t.metricId }}>
                      {metric?.name ?? t.metricId}
                    </Link>
                    : {describeTerms(t.terms, metric?.unit)}
                  </p>
                  <Summary target={t} unit={metric?.unit} />
                  <ChartSection target={t} company={c} companyId={companyId} />
                </>
              );
            }}
          </LoadState>
          <section aria-labelledby="history-title">
            <h2 id="history-title">Revision history</h2>
            <LoadState read={history} what="the history">
              {(h) => <HistoryList entries={h.entries} label="Revision history, oldest first" />}
            </LoadState>
          </section>
          <FormsSection title="Record" forms={targetLifecycleForms(companyId, targetId)} />
        </>
      )}
    </LoadState>
  );
}
