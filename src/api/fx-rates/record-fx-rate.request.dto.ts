import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsCurrencyCode, IsDecimalValue, IsPeriod } from '../validation/ledger-validators.js';
import { SourceDto } from '../validation/source.dto.js';

export class RecordFxRateRequestDto {
  @ApiProperty({ example: 'CNY' })
  @IsCurrencyCode()
  from!: string;

  @ApiProperty({ example: 'USD' })
  @IsCurrencyCode()
  to!: string;

  @ApiProperty({
    oneOf: [{ type: 'string', example: '0.1413' }, { type: 'number' }],
    description: 'Units of `to` per unit of `from`',
  })
  @IsDecimalValue()
  rate!: string | number;

  @ApiPropertyOptional({ example: 'CY2020', description: 'A calendar period (CY…); give a period or a date' })
  @IsOptional()
  @IsPeriod()
  period?: string;

  @ApiPropertyOptional({ example: '2020-03-31' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiProperty({ type: SourceDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source!: SourceDto;
}
