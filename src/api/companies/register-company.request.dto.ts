import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCurrencyCode, IsMonthDay, IsSlug } from '../validation/ledger-validators.js';

export class RegisterCompanyRequestDto {
  @ApiProperty({ example: 'alibaba', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' })
  @IsSlug()
  id!: string;

  @ApiProperty({ example: 'Alibaba Group Holding Ltd' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '03-31', description: 'MM-DD of the last day of the fiscal year' })
  @IsMonthDay()
  fiscalYearEnd!: string;

  @ApiProperty({ example: 'CNY' })
  @IsCurrencyCode()
  reportingCurrency!: string;
}
