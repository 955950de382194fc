import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import type { CompanyEvent } from '../ledger/company/company.events.js';
import type { MetricEvent } from '../ledger/metric/metric.events.js';
import { companyStream, metricStream } from '../ledger/shared/streams.js';
import { type CompanyView, projectCompanyView } from './company-view/company-view.projection.js';
import { type MetricView, projectMetricView } from './metric-view/metric-view.projection.js';

/**
 * Views folded on demand from one stream with the pure projections: always current
 * (read-your-writes on the embedded store).
 */
@Injectable()
export class StreamViews {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async company(companyId: string): Promise<CompanyView | null> {
    const events = await this.store.readStream(companyStream(companyId));
    return events.reduce<CompanyView | null>((view, e) => projectCompanyView(view, e as unknown as CompanyEvent), null);
  }

  async metric(companyId: string, metricId: string): Promise<MetricView | null> {
    const events = await this.store.readStream(metricStream(companyId, metricId));
    return events.reduce<MetricView | null>((view, e) => projectMetricView(view, e as unknown as MetricEvent), null);
  }
}
