import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsPeriod } from '../validation/ledger-validators.js';
import { SourceDto } from '../validation/source.dto.js';

/** De-emphasis and reinstatement: the company said so, on a date, somewhere. */
export class MetricStatementRequestDto {
  @ApiProperty({ example: '2016-06-14' })
  @IsCalendarDate()
  statedAt!: string;

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

export class DiscontinueMetricRequestDto extends MetricStatementRequestDto {
  @ApiPropertyOptional({ example: 'FY2022', description: 'Last period the company disclosed' })
  @IsOptional()
  @IsPeriod()
  lastPeriod?: string;
}
