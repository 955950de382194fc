import { ApiProperty } from '@nestjs/swagger';
import { IsMonthDay } from '../validation/ledger-validators.js';
import { CurrencyField, SlugField, TextField } from '../validation/fields.js';

export class RegisterCompanyRequestDto {
  @SlugField({ example: 'alibaba' })
  id!: string;

  @TextField({ max: 200, example: 'Alibaba Group Holding Ltd' })
  name!: string;

  @ApiProperty({ example: '03-31', description: 'MM-DD of the last day of the fiscal year' })
  @IsMonthDay()
  fiscalYearEnd!: string;

  @CurrencyField({ example: 'CNY' })
  reportingCurrency!: string;
}
