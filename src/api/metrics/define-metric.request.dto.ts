import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsSlug } from '../validation/ledger-validators.js';
import { SourceDto } from '../validation/source.dto.js';

export const METRIC_UNITS = ['currency', 'count', 'percent', 'ratio'] as const;

export class DefineMetricRequestDto {
  @ApiProperty({ example: 'gmv' })
  @IsSlug()
  id!: string;

  @ApiProperty({ example: 'Gross merchandise volume' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: METRIC_UNITS })
  @IsIn(METRIC_UNITS, { message: `must be one of ${METRIC_UNITS.join(', ')}` })
  unit!: (typeof METRIC_UNITS)[number];

  @ApiPropertyOptional({ example: 'Value of goods ordered on China retail marketplaces' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  definition?: string;

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;
}
