import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min, registerDecorator } from 'class-validator';
import { isCalendarDate } from '../../ledger/values/calendar-date.js';
import { DateField } from '../validation/fields.js';

const INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 instant with a time zone, e.g. 2019-01-01T00:00:00Z. */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  return match !== null && isCalendarDate(match[1]) && Number.isFinite(Date.parse(value));
}

function IsInstant(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: isInstant,
        defaultMessage: () => 'must be an ISO-8601 instant with a time zone, e.g. 2019-01-01T00:00:00Z',
      },
    });
}

/** Every read: the ledger as of a business date, as recorded at an instant, and after a write. */
export class ReadQueryDto {
  @DateField({
    optional: true,
    example: '2017-01-01',
    description: 'Only facts public on or before this date (default: today)',
  })
  asOf?: string;

  @ApiPropertyOptional({
    example: '2019-01-01T00:00:00Z',
    description: 'The ledger exactly as it stood at this instant',
  })
  @IsOptional()
  @IsInstant()
  recordedAsOf?: string;

  @ApiPropertyOptional({ description: "Wait (bounded) until the read models include this write's position" })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  minPosition?: number;
}
