import { CurrencyField, DateField, DecimalField, PeriodField, SourceField } from '../validation/fields.js';
import type { SourceDto } from '../validation/source.dto.js';

export class RecordFxRateRequestDto {
  @CurrencyField({ example: 'CNY' })
  from!: string;

  @CurrencyField({ example: 'USD' })
  to!: string;

  @DecimalField({ example: '0.1413', description: 'Units of `to` per unit of `from`' })
  rate!: string | number;

  @PeriodField({ optional: true, example: 'CY2020', description: 'A calendar period (CY…); give a period or a date' })
  period?: string;

  @DateField({ optional: true, example: '2020-03-31' })
  date?: string;

  @SourceField()
  source!: SourceDto;
}
