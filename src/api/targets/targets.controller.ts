import { Access } from '../../access/access.decorator.js';
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ID_SOURCE, type IdSource } from '../../application/clock.js';
import type { WriteOptions, WriteResult } from '../../application/write-options.js';
import { CompanyId, TargetId } from '../validation/path-params.js';
import { WRITE_COMMANDS } from '../write-commands.js';
import { WriteRequest } from '../write-request.decorator.js';
import {
  AnnounceTargetRequestDto,
  CorrectTargetRequestDto,
  ReaffirmTargetRequestDto,
  ReviseTargetRequestDto,
  WithdrawTargetRequestDto,
} from './target.request.dto.js';

@ApiTags('targets')
@Access('write')
@Controller('companies/:companyId/targets')
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
    return this.commands.execute(WRITE_COMMANDS.AnnounceTarget.toCommand({ companyId }, body, options, this.ids));
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
    return this.commands.execute(
      WRITE_COMMANDS.ReviseTarget.toCommand({ companyId, targetId }, body, options, this.ids),
    );
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
    return this.commands.execute(
      WRITE_COMMANDS.ReaffirmTarget.toCommand({ companyId, targetId }, body, options, this.ids),
    );
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
    return this.commands.execute(
      WRITE_COMMANDS.WithdrawTarget.toCommand({ companyId, targetId }, body, options, this.ids),
    );
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
    return this.commands.execute(
      WRITE_COMMANDS.CorrectTarget.toCommand({ companyId, targetId }, body, options, this.ids),
    );
  }
}
