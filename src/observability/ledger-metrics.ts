import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { WriteObserver, WriteOutcome } from '../application/write-observer.js';
import type { ProjectionStatus } from '../read-store/projection-runner.js';

/** What the projection gauges are read from at scrape time (the stores, so any role can answer). */
export interface ProjectionSource {
  lastPosition(): Promise<number>;
  status(): Promise<ProjectionStatus[]>;
}

/** Latency buckets in seconds: a write is a few ms on the embedded store, a slow one a second. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Requests whose URL matched no route: one label value, never the raw URL (unbounded cardinality). */
export const UNMATCHED_ROUTE = 'unmatched';

let processRegistry: Registry | undefined;

/**
 * The process metrics (CPU, memory, event loop, GC) belong to the process, not to one app: one
 * registry for the process, so that several apps in one process (the specs) do not start several
 * collectors.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'kpi_ledger_' });
  }
  return processRegistry;
}

/**
 * The ledger's Prometheus metrics, one registry per app. Counters are bumped on the hot path
 * through cached label children (a Map lookup per request); the projection gauges are computed
 * only when scraped.
 */
export class LedgerMetrics implements WriteObserver {
  readonly registry = new Registry();
  /**
   * Requests are counted in a plain Map (tens of ns per request, against microseconds for
   * prom-client's label hashing) and copied into the counter when scraped.
   */
  private readonly requestCounts = new Map<string, Map<string | undefined, Map<number, { count: number }>>>();
  private readonly commands = new Histogram({
    name: 'kpi_ledger_command_duration_seconds',
    help: 'Time from a command reaching the write path to its answer, by command and outcome',
    labelNames: ['command', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly appends = new Histogram({
    name: 'kpi_ledger_event_store_append_duration_seconds',
    help: 'Time of one durable append to the event store',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly conflicts = new Counter({
    name: 'kpi_ledger_write_conflicts_total',
    help: 'Writes that lost an optimistic-concurrency race: 412 REVISION_MISMATCH (If-Match) or 409 CONCURRENT_WRITE',
    labelNames: ['command', 'code'] as const,
    registers: [this.registry],
  });

  constructor(projections?: ProjectionSource) {
    const counts = this.requestCounts;
    new Counter({
      name: 'kpi_ledger_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [method, routes] of counts) {
          for (const [route, statuses] of routes) {
            for (const [status, { count }] of statuses) {
              this.inc({ method, route: route ?? UNMATCHED_ROUTE, status: String(status) }, count);
            }
          }
        }
      },
    });
    if (projections) this.registerProjectionGauges(projections);
  }

  /** Nested maps, no key to build: a few lookups and an increment per request. */
  observeRequest(method: string, route: string | undefined, status: number): void {
    let routes = this.requestCounts.get(method);
    if (!routes)
      this.requestCounts.set(method, (routes = new Map<string | undefined, Map<number, { count: number }>>()));
    let statuses = routes.get(route);
    if (!statuses) routes.set(route, (statuses = new Map<number, { count: number }>()));
    const entry = statuses.get(status);
    if (entry) entry.count++;
    else statuses.set(status, { count: 1 });
  }

  commandDone(command: string, seconds: number, outcome: WriteOutcome, code?: string): void {
    this.commands.labels(command, outcome).observe(seconds);
    if (outcome === 'conflict') this.conflicts.labels(command, code ?? 'unknown').inc();
  }

  appendDone(seconds: number): void {
    this.appends.observe(seconds);
  }

  /** The text exposition format: process metrics, then the ledger's. */
  async exposition(): Promise<string> {
    const [process, ledger] = await Promise.all([processMetrics().metrics(), this.registry.metrics()]);
    return `${process}\n${ledger}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private registerProjectionGauges(source: ProjectionSource): void {
    // One store read per scrape feeds all four gauges: the first collect() fetches, the others reuse it.
    let snapshot: Promise<{ head: number; status: ProjectionStatus[] }> | undefined;
    const read = () =>
      (snapshot ??= Promise.all([source.lastPosition(), source.status()]).then(([head, status]) => ({
        head,
        status,
      })));
    const registry = this.registry;
    new Gauge({
      name: 'kpi_ledger_event_log_head',
      help: 'Position of the last event in the log',
      registers: [registry],
      async collect() {
        snapshot = undefined;
        this.set((await read()).head);
      },
    });
    const perProjection = (name: string, help: string, value: (p: ProjectionStatus, head: number) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'] as const,
        registers: [registry],
        async collect() {
          const { head, status } = await read();
          for (const p of status) this.labels(p.name).set(value(p, head));
        },
      });
    perProjection('kpi_ledger_projection_checkpoint', 'Position the read model has reached', (p) => p.position);
    perProjection(
      'kpi_ledger_projection_lag_events',
      'Events the read model is behind the log (log head − checkpoint)',
      (p, head) => Math.max(0, head - p.position),
    );
    perProjection(
      'kpi_ledger_projection_failed',
      'Position of the event a stopped projection failed at (0: running); see GET /health for the reason',
      (p) => p.failed?.position ?? 0,
    );
  }
}
