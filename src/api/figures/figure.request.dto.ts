import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsCurrencyCode, IsDecimalValue, IsPeriod } from '../validation/ledger-validators.js';
import { SourceDto } from '../validation/source.dto.js';

const DECIMAL = { oneOf: [{ type: 'string', example: '3092000000000' }, { type: 'number' }] };

/** The company's own convenience translation of a figure into another currency. */
export class TranslationDto {
  @ApiProperty({ example: 'USD' })
  @IsCurrencyCode()
  currency!: string;

  @ApiProperty(DECIMAL)
  @IsDecimalValue()
  value!: string | number;
}

export class ReportFigureRequestDto {
  @ApiProperty({ example: 'FY2016' })
  @IsPeriod()
  period!: string;

  @ApiProperty(DECIMAL)
  @IsDecimalValue()
  value!: string | number;

  @ApiPropertyOptional({ example: 'CNY', description: "Defaults to the company's reporting currency" })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @ApiProperty({ example: '2016-05-05' })
  @IsCalendarDate()
  reportedAt!: string;

  @ApiProperty({ type: SourceDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source!: SourceDto;

  @ApiPropertyOptional({ type: [TranslationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TranslationDto)
  translations?: TranslationDto[];
}

export class RestateFigureRequestDto {
  @ApiProperty(DECIMAL)
  @IsDecimalValue()
  value!: string | number;

  @ApiPropertyOptional({ example: 'CNY', description: "Defaults to the figure's current currency" })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @ApiProperty({ example: '2017-05-18' })
  @IsCalendarDate()
  reportedAt!: string;

  @ApiProperty({ type: SourceDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source!: SourceDto;

  @ApiProperty({ example: 'Scope change in the annual report' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason!: string;

  @ApiPropertyOptional({ type: [TranslationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TranslationDto)
  translations?: TranslationDto[];
}

/** An analyst fixing their own entry: every field but the reason is optional and kept when left out. */
export class CorrectFigureRequestDto {
  @ApiPropertyOptional(DECIMAL)
  @IsOptional()
  @IsDecimalValue()
  value?: string | number;

  @ApiPropertyOptional({ example: 'CNY' })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @ApiPropertyOptional({ example: '2016-05-05' })
  @IsOptional()
  @IsCalendarDate()
  reportedAt?: string;

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;

  @ApiPropertyOptional({ type: [TranslationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TranslationDto)
  translations?: TranslationDto[];

  @ApiProperty({ example: 'Typed RMB 3,029 bn instead of 3,092 bn' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason!: string;
}
