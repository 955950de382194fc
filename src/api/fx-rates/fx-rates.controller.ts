import { Access } from '../../access/access.decorator.js';
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ID_SOURCE, type IdSource } from '../../application/clock.js';
import type { WriteOptions, WriteResult } from '../../application/write-options.js';
import { WRITE_COMMANDS } from '../write-commands.js';
import { WriteRequest } from '../write-request.decorator.js';
import { RecordFxRateRequestDto } from './record-fx-rate.request.dto.js';

@ApiTags('fx-rates')
@Access('write')
@Controller('fx-rates')
export class FxRatesController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Record an exchange rate for a calendar period or a date' })
  record(@Body() body: RecordFxRateRequestDto, @WriteRequest() options: WriteOptions): Promise<WriteResult> {
    return this.commands.execute(WRITE_COMMANDS.RecordFxRate.toCommand({}, body, options, this.ids));
  }
}
