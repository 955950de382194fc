import { Injectable } from '@nestjs/common';
import { companyDecider } from '../ledger/company/company.decider.js';
import { metricDecider } from '../ledger/metric/metric.decider.js';
import type { CompanyContext, MetricContext } from '../ledger/shared/context.js';
import { companyStream, metricStream, targetStream } from '../ledger/shared/streams.js';
import { targetDecider } from '../ledger/target/target.decider.js';
import { LedgerWriter } from './ledger-writer.js';

/**
 * Looks up the facts from other streams that a decision needs (does the company exist, which
 * currency does it report in, what unit does the metric have). `null`: the stream does not exist;
 * the decider turns that into a 404 with a stable code.
 */
@Injectable()
export class LedgerContext {
  constructor(private readonly writer: LedgerWriter) {}

  async company(companyId: string): Promise<CompanyContext | null> {
    const { state } = await this.writer.load(companyStream(companyId), companyDecider);
    if (state.status !== 'registered') return null;
    return { companyId, fiscalYearEnd: state.fiscalYearEnd, reportingCurrency: state.reportingCurrency };
  }

  async metric(companyId: string, metricId: string): Promise<MetricContext | null> {
    const { state } = await this.writer.load(metricStream(companyId, metricId), metricDecider);
    if (state.status !== 'defined') return null;
    return {
      metricId,
      unit: state.unit,
      ...(state.discontinuedOn !== undefined ? { discontinuedOn: state.discontinuedOn } : {}),
    };
  }

  /** The metric an announced target measures: the commands after AnnounceTarget do not name it. */
  async metricOfTarget(companyId: string, targetId: string): Promise<string | undefined> {
    const { state } = await this.writer.load(targetStream(companyId, targetId), targetDecider);
    return state.status === 'absent' ? undefined : state.metricId;
  }
}
