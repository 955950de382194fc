import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegisterCompanyCommand } from '../../application/ledger-commands.js';
import type { WriteOptions, WriteResult } from '../../application/write-options.js';
import { StreamViews } from '../../projections/stream-views.js';
import { ProblemException, problem } from '../problem-details/problem.js';
import { CompanyId } from '../validation/path-params.js';
import { WriteRequest } from '../write-request.decorator.js';
import { WriteResultInterceptor } from '../write-result.interceptor.js';
import { RegisterCompanyRequestDto } from './register-company.request.dto.js';

@ApiTags('companies')
@Controller('companies')
export class CompaniesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly views: StreamViews,
  ) {}

  @Post()
  @HttpCode(201)
  @UseInterceptors(WriteResultInterceptor)
  @ApiOperation({ summary: 'Register a company' })
  register(@Body() body: RegisterCompanyRequestDto, @WriteRequest() options: WriteOptions): Promise<WriteResult> {
    return this.commands.execute(
      new RegisterCompanyCommand(
        {
          companyId: body.id,
          name: body.name,
          fiscalYearEnd: body.fiscalYearEnd,
          reportingCurrency: body.reportingCurrency,
        },
        options,
      ),
    );
  }

  @Get(':companyId')
  @ApiOperation({ summary: 'One company' })
  async company(@Param('companyId', CompanyId) companyId: string) {
    const view = await this.views.company(companyId);
    if (view === null)
      throw new ProblemException(problem(404, 'COMPANY_NOT_FOUND', `Company "${companyId}" does not exist`));
    const { companyId: id, ...rest } = view;
    return { id, ...rest };
  }
}
