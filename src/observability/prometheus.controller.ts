import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '../access/access.decorator.js';
import { LedgerMetrics } from './ledger-metrics.js';

/** Prometheus scrape endpoint (operations), not to be confused with the KPI metrics of the domain. */
/** Public like GET /health: scrapers and load balancers call it without a key; it holds no ledger data. */
@ApiTags('observability')
@Access('public')
@Controller('metrics')
export class PrometheusController {
  constructor(private readonly metrics: LedgerMetrics) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics in the text exposition format' })
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.header('content-type', this.metrics.contentType);
    return this.metrics.exposition();
  }
}
