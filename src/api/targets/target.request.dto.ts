import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsCurrencyCode, IsDecimalValue, IsPeriod, IsSlug } from '../validation/ledger-validators.js';
import { SourceDto } from '../validation/source.dto.js';

export const COMPARATORS = ['gte', 'lte', 'eq', 'between'] as const;
const DECIMAL = { oneOf: [{ type: 'string', example: '1000000000000' }, { type: 'number' }] };

export class BaselineDto {
  @ApiProperty({ example: 'FY2016' })
  @IsPeriod()
  period!: string;
}

/** The terms of a promise; all optional here, the announcement and the domain say which are needed. */
class TargetTermsDto {
  @ApiPropertyOptional({ enum: COMPARATORS })
  @IsOptional()
  @IsIn(COMPARATORS, { message: `must be one of ${COMPARATORS.join(', ')}` })
  comparator?: (typeof COMPARATORS)[number];

  @ApiPropertyOptional(DECIMAL)
  @IsOptional()
  @IsDecimalValue()
  value?: string | number;

  @ApiPropertyOptional(DECIMAL)
  @IsOptional()
  @IsDecimalValue()
  low?: string | number;

  @ApiPropertyOptional(DECIMAL)
  @IsOptional()
  @IsDecimalValue()
  high?: string | number;

  @ApiPropertyOptional({ example: 'USD', description: "Defaults to the company's reporting currency" })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @ApiPropertyOptional({ example: 'FY2020' })
  @IsOptional()
  @IsPeriod()
  deadline?: string;

  @ApiPropertyOptional({ type: BaselineDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BaselineDto)
  baseline?: BaselineDto;
}

export class AnnounceTargetRequestDto extends TargetTermsDto {
  @ApiPropertyOptional({ example: 'gmv-1tn-fy2020', description: 'Made by the server when left out' })
  @IsOptional()
  @IsSlug()
  id?: string;

  @ApiProperty({ example: 'gmv' })
  @IsSlug()
  metricId!: string;

  @ApiProperty({ enum: COMPARATORS })
  @IsIn(COMPARATORS, { message: `must be one of ${COMPARATORS.join(', ')}` })
  declare comparator: (typeof COMPARATORS)[number];

  @ApiProperty({ example: 'FY2020' })
  @IsPeriod()
  declare deadline: string;

  @ApiProperty({ example: '2016-06-14' })
  @IsCalendarDate()
  announcedAt!: string;

  @ApiPropertyOptional({ example: 'Jack Ma, executive chairman' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  announcedBy?: string;

  @ApiProperty({ type: SourceDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source!: SourceDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

export class ReviseTargetRequestDto extends TargetTermsDto {
  @ApiProperty({ example: '2017-06-08' })
  @IsCalendarDate()
  announcedAt!: string;

  @ApiProperty({ type: SourceDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source!: SourceDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reason?: string;
}

export class ReaffirmTargetRequestDto {
  @ApiProperty({ example: '2017-06-08' })
  @IsCalendarDate()
  announcedAt!: string;

  @ApiProperty({ type: SourceDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source!: SourceDto;
}

export class WithdrawTargetRequestDto extends ReaffirmTargetRequestDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reason?: string;
}

export class CorrectTargetRequestDto extends TargetTermsDto {
  @ApiPropertyOptional({ example: '2016-06-14' })
  @IsOptional()
  @IsCalendarDate()
  announcedAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  announcedBy?: string;

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;

  @ApiProperty({ example: 'Entered the deadline as FY2021 by mistake' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason!: string;
}
