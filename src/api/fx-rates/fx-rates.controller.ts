import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordFxRateCommand } from '../../application/ledger-commands.js';
import type { WriteOptions, WriteResult } from '../../application/write-options.js';
import { compact, decimal, source } from '../validation/to-domain.js';
import { WriteRequest } from '../write-request.decorator.js';
import { WriteResultInterceptor } from '../write-result.interceptor.js';
import { RecordFxRateRequestDto } from './record-fx-rate.request.dto.js';

@ApiTags('fx-rates')
@Controller('fx-rates')
export class FxRatesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @UseInterceptors(WriteResultInterceptor)
  @ApiOperation({ summary: 'Record an exchange rate for a calendar period or a date' })
  record(@Body() body: RecordFxRateRequestDto, @WriteRequest() options: WriteOptions): Promise<WriteResult> {
    const data = compact({
      from: body.from,
      to: body.to,
      rate: decimal(body.rate),
      period: body.period,
      date: body.date,
      source: source(body.source),
    });
    return this.commands.execute(new RecordFxRateCommand(data, options));
  }
}
