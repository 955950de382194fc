import { Access } from '../../access/access.decorator.js';
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ID_SOURCE, type IdSource } from '../../application/clock.js';
import type { WriteOptions, WriteResult } from '../../application/write-options.js';
import { CompanyId, MetricId } from '../validation/path-params.js';
import { WRITE_COMMANDS } from '../write-commands.js';
import { WriteRequest } from '../write-request.decorator.js';
import { DefineMetricRequestDto } from './define-metric.request.dto.js';
import { DiscontinueMetricRequestDto, MetricStatementRequestDto } from './metric-lifecycle.request.dto.js';
import { RedefineMetricRequestDto } from './redefine-metric.request.dto.js';

@ApiTags('metrics')
@Access('write')
@Controller('companies/:companyId/metrics')
export class MetricsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Define a metric (KPI) of a company' })
  define(
    @Param('companyId', CompanyId) companyId: string,
    @Body() body: DefineMetricRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    return this.commands.execute(WRITE_COMMANDS.DefineMetric.toCommand({ companyId }, body, options, this.ids));
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
    return this.commands.execute(
      WRITE_COMMANDS.RedefineMetric.toCommand({ companyId, metricId }, body, options, this.ids),
    );
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
    return this.commands.execute(
      WRITE_COMMANDS.DeEmphasizeMetric.toCommand({ companyId, metricId }, body, options, this.ids),
    );
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
    return this.commands.execute(
      WRITE_COMMANDS.DiscontinueMetric.toCommand({ companyId, metricId }, body, options, this.ids),
    );
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
    return this.commands.execute(
      WRITE_COMMANDS.ReinstateMetric.toCommand({ companyId, metricId }, body, options, this.ids),
    );
  }
}
