import { Body, Controller, HttpCode, Inject, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ID_SOURCE, type IdSource } from '../../application/clock.js';
import {
  AnnounceTargetCommand,
  CorrectTargetCommand,
  ReaffirmTargetCommand,
  ReviseTargetCommand,
  WithdrawTargetCommand,
} from '../../application/ledger-commands.js';
import type { WriteOptions, WriteResult } from '../../application/write-options.js';
import { CompanyId, TargetId } from '../validation/path-params.js';
import { compact, optionalDecimal, optionalSource, source } from '../validation/to-domain.js';
import { WriteRequest } from '../write-request.decorator.js';
import { WriteResultInterceptor } from '../write-result.interceptor.js';
import {
  AnnounceTargetRequestDto,
  CorrectTargetRequestDto,
  ReaffirmTargetRequestDto,
  ReviseTargetRequestDto,
  WithdrawTargetRequestDto,
} from './target.request.dto.js';

type TermsBody = Pick<
  ReviseTargetRequestDto,
  'comparator' | 'value' | 'low' | 'high' | 'currency' | 'deadline' | 'baseline'
>;

/** Term fields of a revision or correction; `baseline: null` removes the baseline. */
function termsChange(body: TermsBody) {
  return {
    ...compact({
      comparator: body.comparator,
      value: optionalDecimal(body.value),
      low: optionalDecimal(body.low),
      high: optionalDecimal(body.high),
      currency: body.currency,
      deadline: body.deadline,
    }),
    ...(body.baseline === null
      ? { baseline: null }
      : body.baseline
        ? { baseline: { period: body.baseline.period } }
        : {}),
  };
}

@ApiTags('targets')
@Controller('companies/:companyId/targets')
@UseInterceptors(WriteResultInterceptor)
export class TargetsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a promise about a metric (the server makes an id when none is given)' })
  announce(
    @Param('companyId', CompanyId) companyId: string,
    @Body() body: AnnounceTargetRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    const data = compact({
      companyId,
      targetId: body.id ?? this.ids.newId(),
      metricId: body.metricId,
      comparator: body.comparator,
      value: optionalDecimal(body.value),
      low: optionalDecimal(body.low),
      high: optionalDecimal(body.high),
      currency: body.currency,
      deadline: body.deadline,
      baseline: body.baseline ? { period: body.baseline.period } : undefined,
      announcedAt: body.announcedAt,
      announcedBy: body.announcedBy,
      source: source(body.source),
      note: body.note,
    });
    return this.commands.execute(new AnnounceTargetCommand(data, options));
  }

  @Post(':targetId/revisions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record new terms announced by the company' })
  revise(
    @Param('companyId', CompanyId) companyId: string,
    @Param('targetId', TargetId) targetId: string,
    @Body() body: ReviseTargetRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    const data = {
      ...termsChange(body),
      ...compact({
        companyId,
        targetId,
        announcedAt: body.announcedAt,
        source: source(body.source),
        reason: body.reason,
      }),
    };
    return this.commands.execute(new ReviseTargetCommand(data, options));
  }

  @Post(':targetId/reaffirmations')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that the company repeated the target unchanged' })
  reaffirm(
    @Param('companyId', CompanyId) companyId: string,
    @Param('targetId', TargetId) targetId: string,
    @Body() body: ReaffirmTargetRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    const data = { companyId, targetId, announcedAt: body.announcedAt, source: source(body.source) };
    return this.commands.execute(new ReaffirmTargetCommand(data, options));
  }

  @Post(':targetId/withdrawals')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that the company abandoned the target' })
  withdraw(
    @Param('companyId', CompanyId) companyId: string,
    @Param('targetId', TargetId) targetId: string,
    @Body() body: WithdrawTargetRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    const data = compact({
      companyId,
      targetId,
      announcedAt: body.announcedAt,
      source: source(body.source),
      reason: body.reason,
    });
    return this.commands.execute(new WithdrawTargetCommand(data, options));
  }

  @Post(':targetId/corrections')
  @HttpCode(201)
  @ApiOperation({ summary: 'Fix an entry error in the current terms or their announcement' })
  correct(
    @Param('companyId', CompanyId) companyId: string,
    @Param('targetId', TargetId) targetId: string,
    @Body() body: CorrectTargetRequestDto,
    @WriteRequest() options: WriteOptions,
  ): Promise<WriteResult> {
    const data = {
      ...termsChange(body),
      ...compact({
        companyId,
        targetId,
        announcedAt: body.announcedAt,
        announcedBy: body.announcedBy,
        source: optionalSource(body.source),
        reason: body.reason,
      }),
    };
    return this.commands.execute(new CorrectTargetCommand(data, options));
  }
}
