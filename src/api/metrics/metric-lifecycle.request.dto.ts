import { DateField, PeriodField, SourceField, TextField } from '../validation/fields.js';
import type { SourceDto } from '../validation/source.dto.js';

/** De-emphasis and reinstatement: the company said so, on a date, somewhere. */
export class MetricStatementRequestDto {
  @DateField({ example: '2016-06-14' })
  statedAt!: string;

  @SourceField()
  source!: SourceDto;

  @TextField({ optional: true, allowEmpty: true, max: 5000 })
  note?: string;
}

export class DiscontinueMetricRequestDto extends MetricStatementRequestDto {
  @PeriodField({ optional: true, example: 'FY2022', description: 'Last period the company disclosed' })
  lastPeriod?: string;
}
