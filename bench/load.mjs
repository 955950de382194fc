#!/usr/bin/env node
// Load generator, run as its own process by bench/run.mjs so that it never shares a CPU queue
// with the server it measures. Usage: node bench/load.mjs '<json spec>'; prints one JSON line.
//
// spec: { url, mode, connections, duration, ...mode parameters }
//   figures    POST /companies/{c}/metrics/{m}/figures, a new (metric, period) every request
//   mixed      announce / revise / reaffirm / report / restate in turn, on prepared targets
//   scoreboard GET /companies/{c}/scoreboard of random companies (optional query string)
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2]);
const json = { 'content-type': 'application/json' };
const source = { title: 'Benchmark', publisher: 'bench' };

// FY1901…FY2199, each as a year, two halves and four quarters: 2,093 distinct periods per metric.
const PERIODS = [];
for (let year = 1901; year <= 2199; year++) {
  for (const part of ['', '-H1', '-H2', '-Q1', '-Q2', '-Q3', '-Q4']) PERIODS.push(`FY${year}${part}`);
}

// Requests are numbered from `first` on: a warm-up run reports where it stopped (`next`), and the
// measured run goes on from there, so no (metric, period) or target id is used twice.
let counter = spec.first ?? 0;
const post = (req, path, body) => ({ ...req, method: 'POST', path, headers: json, body: JSON.stringify(body) });

/** Requests number i: consecutive requests hit different streams, so 32 in flight never race. */
function figureRequest(req, i, metrics) {
  const [companyId, metricId] = metrics[i % metrics.length];
  const period = PERIODS[Math.floor(i / metrics.length)];
  if (period === undefined) throw new Error('load: ran out of distinct periods; add metrics');
  return post(req, `/companies/${companyId}/metrics/${metricId}/figures`, {
    period,
    value: String(1_000_000 + i),
    reportedAt: '2200-06-30',
    source,
  });
}

function mixedRequest(req, i) {
  const { companies, targets, figures, reportMetrics } = spec;
  const j = Math.floor(i / 5);
  switch (i % 5) {
    case 0: {
      const companyId = companies[j % companies.length];
      return post(req, `/companies/${companyId}/targets`, {
        id: `bench-${spec.tag}-${j}`,
        metricId: spec.announceMetric,
        comparator: 'gte',
        value: String(5_000_000 + j),
        deadline: 'FY2030',
        baseline: { period: 'FY2020' },
        announcedAt: '2020-01-01',
        source,
      });
    }
    case 1: {
      const [companyId, targetId] = targets[j % targets.length];
      return post(req, `/companies/${companyId}/targets/${targetId}/revisions`, {
        value: String(2_000_000 + i),
        announcedAt: '2020-01-01',
        reason: 'benchmark revision',
        source,
      });
    }
    case 2: {
      const [companyId, targetId] = targets[(j + Math.floor(targets.length / 2)) % targets.length];
      return post(req, `/companies/${companyId}/targets/${targetId}/reaffirmations`, {
        announcedAt: '2020-01-01',
        source,
      });
    }
    case 3:
      return figureRequest(req, j, reportMetrics);
    default: {
      const [companyId, metricId, period] = figures[j % figures.length];
      return post(req, `/companies/${companyId}/metrics/${metricId}/figures/${period}/restatements`, {
        value: String(3_000_000 + i),
        reportedAt: '2021-01-01',
        reason: 'benchmark restatement',
        source,
      });
    }
  }
}

function setupRequest(req) {
  const i = counter++;
  switch (spec.mode) {
    case 'figures':
      return figureRequest(req, i, spec.metrics);
    case 'mixed':
      return mixedRequest(req, i);
    case 'scoreboard': {
      const companyId = spec.companies[Math.floor(Math.random() * spec.companies.length)];
      return { ...req, method: 'GET', path: `/companies/${companyId}/scoreboard${spec.query ?? ''}` };
    }
    default:
      throw new Error(`load: unknown mode ${spec.mode}`);
  }
}

const statuses = {};
const instance = autocannon(
  {
    url: spec.url,
    connections: spec.connections ?? 32,
    duration: spec.duration,
    timeout: 30,
    requests: [{ setupRequest }],
  },
  (error, result) => {
    if (error) {
      process.stderr.write(`load: ${error.message}\n`);
      process.exit(1);
    }
    const ok = result['2xx'];
    process.stdout.write(
      `${JSON.stringify({
        requests: result.requests.total,
        ok,
        rps: ok / (result.duration || spec.duration),
        p50_ms: result.latency.p50,
        p99_ms: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statuses,
        duration: result.duration,
        next: counter,
      })}\n`,
    );
  },
);
// Counts per status code, so that a benchmark that measures errors says which.
instance.on('response', (_client, statusCode) => {
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});
