import { Access } from '../../access/access.decorator.js';
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ID_SOURCE, type IdSource } from '../../application/clock.js';
import type { WriteOptions, WriteResult } from '../../application/write-options.js';
import { WRITE_COMMANDS } from '../write-commands.js';
import { WriteRequest } from '../write-request.decorator.js';
import { RegisterCompanyRequestDto } from './register-company.request.dto.js';

@ApiTags('companies')
@Access('write')
@Controller('companies')
export class CompaniesController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a company' })
  register(@Body() body: RegisterCompanyRequestDto, @WriteRequest() options: WriteOptions): Promise<WriteResult> {
    return this.commands.execute(WRITE_COMMANDS.RegisterCompany.toCommand({}, body, options, this.ids));
  }
}
