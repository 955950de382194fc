import { Access } from '../../access/access.decorator.js';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  GetCompaniesQuery,
  GetCompanyQuery,
  GetMetricHistoryQuery,
  GetMetricQuery,
  GetScoreboardQuery,
  GetTargetHistoryQuery,
  GetTargetQuery,
  GetTimelineQuery,
} from '../../read-side/ledger-queries.js';
import { CompanyId, MetricId, TargetId } from '../validation/path-params.js';
import { ReadFreshness } from './read-freshness.js';
import { ReadQueryDto } from './read-query.dto.js';
import { ReadQuery, ReadQueryParameters, sendJson } from './read-query.js';

/** Every read accepts asOf (business date), recordedAsOf (record time) and minPosition. */
@ApiTags('reads')
@Access('read')
@ReadQueryParameters()
@Controller('companies')
export class LedgerReadsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly freshness: ReadFreshness,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every company' })
  async companies(@ReadQuery() query: ReadQueryDto) {
    await this.freshness.readAt(query);
    return this.queries.execute(new GetCompaniesQuery());
  }

  @Get(':companyId')
  @ApiOperation({ summary: 'One company with its metrics and their lifecycle state' })
  async company(@Param('companyId', CompanyId) companyId: string, @ReadQuery() query: ReadQueryDto) {
    return this.queries.execute(new GetCompanyQuery(companyId, await this.freshness.readAt(query)));
  }

  @Get(':companyId/scoreboard')
  @ApiOperation({ summary: 'Every target with its status against the reported figures' })
  async scoreboard(
    @Param('companyId', CompanyId) companyId: string,
    @ReadQuery() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendJson(
      reply,
      await this.queries.execute(new GetScoreboardQuery(companyId, await this.freshness.readAt(query))),
    );
  }

  @Get(':companyId/timeline')
  @ApiOperation({ summary: 'Every event of the company, oldest first' })
  async timeline(@Param('companyId', CompanyId) companyId: string, @ReadQuery() query: ReadQueryDto) {
    return this.queries.execute(new GetTimelineQuery(companyId, await this.freshness.readAt(query)));
  }

  @Get(':companyId/targets/:targetId')
  @ApiOperation({ summary: 'A target: current terms, status and everything its scoreboard row has' })
  async target(
    @Param('companyId', CompanyId) companyId: string,
    @Param('targetId', TargetId) targetId: string,
    @ReadQuery() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendJson(
      reply,
      await this.queries.execute(new GetTargetQuery(companyId, targetId, await this.freshness.readAt(query))),
    );
  }

  @Get(':companyId/targets/:targetId/history')
  @ApiOperation({ summary: "The target's revision history, oldest first" })
  async targetHistory(
    @Param('companyId', CompanyId) companyId: string,
    @Param('targetId', TargetId) targetId: string,
    @ReadQuery() query: ReadQueryDto,
  ) {
    return this.queries.execute(new GetTargetHistoryQuery(companyId, targetId, await this.freshness.readAt(query)));
  }

  @Get(':companyId/metrics/:metricId')
  @ApiOperation({ summary: 'A metric, its lifecycle state and its figures' })
  async metric(
    @Param('companyId', CompanyId) companyId: string,
    @Param('metricId', MetricId) metricId: string,
    @ReadQuery() query: ReadQueryDto,
  ) {
    return this.queries.execute(new GetMetricQuery(companyId, metricId, await this.freshness.readAt(query)));
  }

  @Get(':companyId/metrics/:metricId/history')
  @ApiOperation({ summary: "The metric's timeline: definitions, lifecycle, figures, restatements, corrections" })
  async metricHistory(
    @Param('companyId', CompanyId) companyId: string,
    @Param('metricId', MetricId) metricId: string,
    @ReadQuery() query: ReadQueryDto,
  ) {
    return this.queries.execute(new GetMetricHistoryQuery(companyId, metricId, await this.freshness.readAt(query)));
  }
}
