import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { SlugField, SourceField, TextField } from '../validation/fields.js';
import type { SourceDto } from '../validation/source.dto.js';

export const METRIC_UNITS = ['currency', 'count', 'percent', 'ratio'] as const;

export class DefineMetricRequestDto {
  @SlugField({ example: 'gmv' })
  id!: string;

  @TextField({ max: 200, example: 'Gross merchandise volume' })
  name!: string;

  @ApiProperty({ enum: METRIC_UNITS })
  @IsIn(METRIC_UNITS, { message: `must be one of ${METRIC_UNITS.join(', ')}` })
  unit!: (typeof METRIC_UNITS)[number];

  @TextField({
    optional: true,
    allowEmpty: true,
    max: 5000,
    example: 'Value of goods ordered on China retail marketplaces',
  })
  definition?: string;

  @SourceField({ optional: true })
  source?: SourceDto;
}
