import { Access } from '../../access/access.decorator.js';
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ID_SOURCE, type IdSource } from '../../application/clock.js';
import type { WriteOptions, WriteResult } from '../../application/write-options.js';
import { CompanyId, MetricId, PeriodParam } from '../validation/path-params.js';
import { WRITE_COMMANDS } from '../write-commands.js';
import { WriteRequest } from '../write-request.decorator.js';
import { CorrectFigureRequestDto, ReportFigureRequestDto, RestateFigureRequestDto } from './figure.request.dto.js';

@ApiTags('figures')
@Access('write')
@Controller('companies/:companyId/metrics/:metricId/figures')
export class FiguresController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a reported figure (one per metric and period)' })
  report(
    @Param('companyId', CompanyId) companyId: string,
    @Param('metricId', MetricId) metricId: string,
    @Body() body: ReportFigureRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    return this.commands.execute(
      WRITE_COMMANDS.ReportFigure.toCommand({ companyId, metricId }, body, options, this.ids),
    );
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
    return this.commands.execute(
      WRITE_COMMANDS.RestateFigure.toCommand({ companyId, metricId, period }, body, options, this.ids),
    );
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
    return this.commands.execute(
      WRITE_COMMANDS.CorrectFigure.toCommand({ companyId, metricId, period }, body, options, this.ids),
    );
  }
}
