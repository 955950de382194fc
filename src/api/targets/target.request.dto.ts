import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import {
  CurrencyField,
  DateField,
  DecimalField,
  PeriodField,
  SlugField,
  SourceField,
  TextField,
} from '../validation/fields.js';
import type { SourceDto } from '../validation/source.dto.js';

export const COMPARATORS = ['gte', 'lte', 'eq', 'between'] as const;
type Comparator = (typeof COMPARATORS)[number];
const comparatorMessage = { message: `must be one of ${COMPARATORS.join(', ')}` };

export class BaselineDto {
  @PeriodField({ example: 'FY2016' })
  period!: string;
}

/** The terms of a promise; all optional here, the announcement and the domain say which are needed. */
class TargetTermsDto {
  @ApiProperty({ enum: COMPARATORS, required: false })
  @IsOptional()
  @IsIn(COMPARATORS, comparatorMessage)
  comparator?: Comparator;

  @DecimalField({ optional: true, example: '1000000000000' })
  value?: string | number;

  @DecimalField({ optional: true })
  low?: string | number;

  @DecimalField({ optional: true })
  high?: string | number;

  @CurrencyField({ optional: true, example: 'USD', description: "Defaults to the company's reporting currency" })
  currency?: string;

  @PeriodField({ optional: true, example: 'FY2020' })
  deadline?: string;

  @ApiProperty({ type: BaselineDto, required: false, nullable: true, description: 'null removes the baseline' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BaselineDto)
  baseline?: BaselineDto | null;
}

export class AnnounceTargetRequestDto extends TargetTermsDto {
  @SlugField({ optional: true, example: 'gmv-1tn-usd-fy2020', description: 'Made by the server when left out' })
  id?: string;

  @SlugField({ example: 'gmv' })
  metricId!: string;

  @ApiProperty({ enum: COMPARATORS })
  @IsIn(COMPARATORS, comparatorMessage)
  declare comparator: Comparator;

  @PeriodField({ example: 'FY2020' })
  declare deadline: string;

  @DateField({ example: '2016-06-14' })
  announcedAt!: string;

  @TextField({ optional: true, max: 200, example: 'Jack Ma, executive chairman' })
  announcedBy?: string;

  @SourceField()
  source!: SourceDto;

  @TextField({ optional: true, allowEmpty: true, max: 5000 })
  note?: string;
}

export class ReviseTargetRequestDto extends TargetTermsDto {
  @DateField({ example: '2017-06-08' })
  announcedAt!: string;

  @SourceField()
  source!: SourceDto;

  @TextField({ optional: true, allowEmpty: true, max: 5000 })
  reason?: string;
}

export class ReaffirmTargetRequestDto {
  @DateField({ example: '2017-06-08' })
  announcedAt!: string;

  @SourceField()
  source!: SourceDto;
}

export class WithdrawTargetRequestDto extends ReaffirmTargetRequestDto {
  @TextField({ optional: true, allowEmpty: true, max: 5000 })
  reason?: string;
}

export class CorrectTargetRequestDto extends TargetTermsDto {
  @DateField({ optional: true, example: '2016-06-14' })
  announcedAt?: string;

  @TextField({ optional: true, max: 200 })
  announcedBy?: string;

  @SourceField({ optional: true })
  source?: SourceDto;

  @TextField({ max: 5000, example: 'Entered the deadline as FY2021 by mistake' })
  reason!: string;
}
