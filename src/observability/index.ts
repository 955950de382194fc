import type { Provider } from '@nestjs/common';
import { WRITE_OBSERVER } from '../application/write-observer.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { Projector } from '../read-side/projector.js';
import { HttpMetricsHook } from './http-metrics.hook.js';
import { LedgerMetrics } from './ledger-metrics.js';

export { PrometheusController } from './prometheus.controller.js';
export { LedgerMetrics } from './ledger-metrics.js';

/** The providers of GET /metrics: the registry (also the write path's observer) and the HTTP hook. */
export const OBSERVABILITY_PROVIDERS: Provider[] = [
  {
    provide: LedgerMetrics,
    useFactory: (store: EventStore, projector: Projector) =>
      new LedgerMetrics({ lastPosition: () => store.lastPosition(), status: () => projector.runner.status() }),
    inject: [EVENT_STORE, Projector],
  },
  { provide: WRITE_OBSERVER, useExisting: LedgerMetrics },
  HttpMetricsHook,
];
