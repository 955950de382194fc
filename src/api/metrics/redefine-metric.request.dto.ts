import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsPeriod } from '../validation/ledger-validators.js';
import { SourceDto } from '../validation/source.dto.js';

export class RedefineMetricRequestDto {
  @ApiProperty({ example: 'Value of goods ordered across the Alibaba digital economy' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  definition!: string;

  @ApiProperty({ example: 'FY2020', description: 'First period measured under the new definition' })
  @IsPeriod()
  effectiveFrom!: string;

  @ApiProperty({ example: '2020-05-22' })
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
  reason?: string;
}
