import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isCalendarDate, isMonthDay } from '../../ledger/values/calendar-date.js';
import { isCurrencyCode } from '../../ledger/values/currency.js';
import { decimalProblem } from '../../ledger/values/decimal.js';
import { parsePeriod } from '../../ledger/values/period.js';
import { isSlug } from '../../ledger/values/slug.js';

/**
 * class-validator decorators over the domain's own value rules, so that the API and the domain
 * can never disagree about what a slug, a period or a decimal is.
 */
function rule(name: string, check: (value: unknown) => string | null, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => check(value) === null,
        defaultMessage: (args) => check(args?.value) ?? 'is invalid',
      },
    });
}

const str = (value: unknown, ok: (s: string) => boolean, message: string) =>
  typeof value === 'string' && ok(value) ? null : message;

export const IsSlug = (options?: ValidationOptions) =>
  rule(
    'isSlug',
    (v) =>
      str(
        v,
        isSlug,
        'must be a slug: lower-case letters, digits and "-", starting with a letter or digit, at most 64 characters',
      ),
    options,
  );

export const IsDecimalValue = (options?: ValidationOptions) =>
  rule('isDecimalValue', (v) => decimalProblem(v), options);

export const IsCalendarDate = (options?: ValidationOptions) =>
  rule(
    'isCalendarDate',
    (v) => str(v, isCalendarDate, 'must be a calendar date YYYY-MM-DD that exists, e.g. 2020-05-22'),
    options,
  );

export const IsMonthDay = (options?: ValidationOptions) =>
  rule('isMonthDay', (v) => str(v, isMonthDay, 'must be MM-DD of a day that exists, e.g. 03-31'), options);

export const IsCurrencyCode = (options?: ValidationOptions) =>
  rule(
    'isCurrencyCode',
    (v) => str(v, isCurrencyCode, 'must be an ISO 4217 currency code in capitals, e.g. USD'),
    options,
  );

export const IsPeriod = (options?: ValidationOptions) =>
  rule(
    'isPeriod',
    (v) =>
      str(v, (s) => parsePeriod(s) !== null, 'must be a period: FY2020, FY2020-H1, FY2020-Q3, CY2020 or CY2020-Q1'),
    options,
  );
