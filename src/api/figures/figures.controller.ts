import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrectFigureCommand, ReportFigureCommand, RestateFigureCommand } from '../../application/ledger-commands.js';
import type { WriteOptions, WriteResult } from '../../application/write-options.js';
import { CompanyId, MetricId, PeriodParam } from '../validation/path-params.js';
import { compact, decimal, optionalDecimal, optionalSource, source, translations } from '../validation/to-domain.js';
import { WriteRequest } from '../write-request.decorator.js';
import { WriteResultInterceptor } from '../write-result.interceptor.js';
import { CorrectFigureRequestDto, ReportFigureRequestDto, RestateFigureRequestDto } from './figure.request.dto.js';

@ApiTags('figures')
@Controller('companies/:companyId/metrics/:metricId/figures')
@UseInterceptors(WriteResultInterceptor)
export class FiguresController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a reported figure (one per metric and period)' })
  report(
    @Param('companyId', CompanyId) companyId: string,
    @Param('metricId', MetricId) metricId: string,
    @Body() body: ReportFigureRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    const data = compact({
      companyId,
      metricId,
      period: body.period,
      value: decimal(body.value),
      currency: body.currency,
      reportedAt: body.reportedAt,
      source: source(body.source),
      translations: translations(body.translations),
    });
    return this.commands.execute(new ReportFigureCommand(data, options));
  }

  @Post(':period/restatements')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that the company changed a figure it had reported' })
  restate(
    @Param('companyId', CompanyId) companyId: string,
    @Param('metricId', MetricId) metricId: string,
    @Param('period', PeriodParam) period: string,
    @Body() body: RestateFigureRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    const data = compact({
      companyId,
      metricId,
      period,
      value: decimal(body.value),
      currency: body.currency,
      reportedAt: body.reportedAt,
      source: source(body.source),
      reason: body.reason,
      translations: translations(body.translations),
    });
    return this.commands.execute(new RestateFigureCommand(data, options));
  }

  @Post(':period/corrections')
  @HttpCode(201)
  @ApiOperation({ summary: 'Fix an entry error in the current value of a figure' })
  correct(
    @Param('companyId', CompanyId) companyId: string,
    @Param('metricId', MetricId) metricId: string,
    @Param('period', PeriodParam) period: string,
    @Body() body: CorrectFigureRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    const data = compact({
      companyId,
      metricId,
      period,
      value: optionalDecimal(body.value),
      currency: body.currency,
      reportedAt: body.reportedAt,
      source: optionalSource(body.source),
      translations: translations(body.translations),
      reason: body.reason,
    });
    return this.commands.execute(new CorrectFigureCommand(data, options));
  }
}
