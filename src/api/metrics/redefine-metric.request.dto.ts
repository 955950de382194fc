import { DateField, PeriodField, SourceField, TextField } from '../validation/fields.js';
import type { SourceDto } from '../validation/source.dto.js';

export class RedefineMetricRequestDto {
  @TextField({ max: 5000, example: 'Value of goods ordered across the Alibaba digital economy' })
  definition!: string;

  @PeriodField({ example: 'FY2020', description: 'First period measured under the new definition' })
  effectiveFrom!: string;

  @DateField({ example: '2020-05-22' })
  statedAt!: string;

  @SourceField()
  source!: SourceDto;

  @TextField({ optional: true, allowEmpty: true, max: 5000 })
  reason?: string;
}
