import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DeEmphasizeMetricCommand,
  DefineMetricCommand,
  DiscontinueMetricCommand,
  RedefineMetricCommand,
  ReinstateMetricCommand,
} from '../../application/ledger-commands.js';
import type { WriteOptions, WriteResult } from '../../application/write-options.js';
import { StreamViews } from '../../projections/stream-views.js';
import { ProblemException, problem } from '../problem-details/problem.js';
import { CompanyId, MetricId } from '../validation/path-params.js';
import { compact, optionalSource, source } from '../validation/to-domain.js';
import { WriteRequest } from '../write-request.decorator.js';
import { WriteResultInterceptor } from '../write-result.interceptor.js';
import { DefineMetricRequestDto } from './define-metric.request.dto.js';
import { DiscontinueMetricRequestDto, MetricStatementRequestDto } from './metric-lifecycle.request.dto.js';
import { RedefineMetricRequestDto } from './redefine-metric.request.dto.js';

@ApiTags('metrics')
@Controller('companies/:companyId/metrics')
@UseInterceptors(WriteResultInterceptor)
export class MetricsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly views: StreamViews,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Define a metric (KPI) of a company' })
  define(
    @Param('companyId', CompanyId) companyId: string,
    @Body() body: DefineMetricRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    const data = compact({
      companyId,
      metricId: body.id,
      name: body.name,
      unit: body.unit,
      definition: body.definition,
      source: optionalSource(body.source),
    });
    return this.commands.execute(new DefineMetricCommand(data, options));
  }

  @Post(':metricId/redefinitions')
  @HttpCode(201)
  @ApiOperation({ summary: "Record a change of the metric's definition or scope" })
  redefine(
    @Param('companyId', CompanyId) companyId: string,
    @Param('metricId', MetricId) metricId: string,
    @Body() body: RedefineMetricRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    const data = compact({
      companyId,
      metricId,
      definition: body.definition,
      effectiveFrom: body.effectiveFrom,
      statedAt: body.statedAt,
      source: source(body.source),
      reason: body.reason,
    });
    return this.commands.execute(new RedefineMetricCommand(data, options));
  }

  @Post(':metricId/de-emphasis')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that the company said the metric matters less' })
  deEmphasize(
    @Param('companyId', CompanyId) companyId: string,
    @Param('metricId', MetricId) metricId: string,
    @Body() body: MetricStatementRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    return this.commands.execute(new DeEmphasizeMetricCommand(statement(companyId, metricId, body), options));
  }

  @Post(':metricId/discontinuation')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that the company stopped disclosing the metric' })
  discontinue(
    @Param('companyId', CompanyId) companyId: string,
    @Param('metricId', MetricId) metricId: string,
    @Body() body: DiscontinueMetricRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    const data = compact({ ...statement(companyId, metricId, body), lastPeriod: body.lastPeriod });
    return this.commands.execute(new DiscontinueMetricCommand(data, options));
  }

  @Post(':metricId/reinstatement')
  @HttpCode(201)
  @ApiOperation({ summary: 'Undo a de-emphasis and a discontinuation' })
  reinstate(
    @Param('companyId', CompanyId) companyId: string,
    @Param('metricId', MetricId) metricId: string,
    @Body() body: MetricStatementRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    return this.commands.execute(new ReinstateMetricCommand(statement(companyId, metricId, body), options));
  }

  @Get(':metricId')
  @ApiOperation({ summary: 'A metric, its lifecycle state and its figures' })
  async metric(@Param('companyId', CompanyId) companyId: string, @Param('metricId', MetricId) metricId: string) {
    const view = await this.views.metric(companyId, metricId);
    if (view === null) {
      throw new ProblemException(
        problem(404, 'METRIC_NOT_FOUND', `Metric "${metricId}" of company "${companyId}" does not exist`),
      );
    }
    const { metricId: id, ...rest } = view;
    return { id, ...rest };
  }
}

function statement(companyId: string, metricId: string, body: MetricStatementRequestDto) {
  return compact({ companyId, metricId, statedAt: body.statedAt, source: source(body.source), note: body.note });
}
