import {
  CurrencyField,
  DateField,
  DecimalField,
  PeriodField,
  SourceField,
  TextField,
  TranslationsField,
  type TranslationDto,
} from '../validation/fields.js';
import type { SourceDto } from '../validation/source.dto.js';

export class ReportFigureRequestDto {
  @PeriodField({ example: 'FY2016' })
  period!: string;

  @DecimalField({ example: '3092000000000' })
  value!: string | number;

  @CurrencyField({ optional: true, example: 'CNY', description: "Defaults to the company's reporting currency" })
  currency?: string;

  @DateField({ example: '2016-05-05' })
  reportedAt!: string;

  @SourceField()
  source!: SourceDto;

  @TranslationsField()
  translations?: TranslationDto[];
}

export class RestateFigureRequestDto {
  @DecimalField({ example: '3100000000000' })
  value!: string | number;

  @CurrencyField({ optional: true, example: 'CNY', description: "Defaults to the figure's current currency" })
  currency?: string;

  @DateField({ example: '2017-05-18' })
  reportedAt!: string;

  @SourceField()
  source!: SourceDto;

  @TextField({ max: 5000, example: 'Scope change in the annual report' })
  reason!: string;

  @TranslationsField()
  translations?: TranslationDto[];
}

/** An analyst fixing their own entry: every field but the reason is optional and kept when left out. */
export class CorrectFigureRequestDto {
  @DecimalField({ optional: true })
  value?: string | number;

  @CurrencyField({ optional: true, example: 'CNY' })
  currency?: string;

  @DateField({ optional: true, example: '2016-05-05' })
  reportedAt?: string;

  @SourceField({ optional: true })
  source?: SourceDto;

  @TranslationsField()
  translations?: TranslationDto[];

  @TextField({ max: 5000, example: 'Typed RMB 3,029 bn instead of 3,092 bn' })
  reason!: string;
}
