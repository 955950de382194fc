import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { LedgerMetrics } from './ledger-metrics.js';

/**
 * Counts every HTTP answer by its route pattern (`/companies/:companyId`, never the raw URL) and
 * status, in Fastify's onResponse hook: after the answer has gone, so it adds nothing to latency.
 * The CLI has no HTTP adapter and skips it.
 */
@Injectable()
export class HttpMetricsHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: LedgerMetrics,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as { getInstance(): FastifyInstance } | undefined;
    if (!adapter) return;
    const metrics = this.metrics;
    adapter.getInstance().addHook('onResponse', (request, reply, done) => {
      metrics.observeRequest(request.method, request.routeOptions.url, reply.statusCode);
      done();
    });
  }
}
