import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsCurrencyCode, IsDecimalValue, IsPeriod, IsSlug } from './ledger-validators.js';
import { SourceDto } from './source.dto.js';

/**
 * One decorator per kind of request field, so that every DTO validates and documents a date, a
 * decimal or a source the same way.
 */
interface FieldOptions {
  optional?: boolean;
  example?: unknown;
  description?: string;
}

const presence = (optional?: boolean) => (optional ? IsOptional() : IsDefined());

function doc(options: FieldOptions, extra: ApiPropertyOptions = {}) {
  const { optional, example, description } = options;
  return ApiProperty({
    required: !optional,
    ...(example !== undefined ? { example } : {}),
    ...(description !== undefined ? { description } : {}),
    ...extra,
  } as ApiPropertyOptions);
}

export const SlugField = (options: FieldOptions = {}) =>
  applyDecorators(doc(options, { pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }), presence(options.optional), IsSlug());

export const DateField = (options: FieldOptions = {}) =>
  applyDecorators(doc(options, { format: 'date' }), presence(options.optional), IsCalendarDate());

export const PeriodField = (options: FieldOptions = {}) =>
  applyDecorators(doc(options), presence(options.optional), IsPeriod());

export const CurrencyField = (options: FieldOptions = {}) =>
  applyDecorators(doc(options), presence(options.optional), IsCurrencyCode());

/** A decimal as a string ("1000000") or a JSON number. */
export const DecimalField = (options: FieldOptions = {}) =>
  applyDecorators(
    doc(options, { oneOf: [{ type: 'string' }, { type: 'number' }] }),
    presence(options.optional),
    IsDecimalValue(),
  );

/** Free text: names and reasons must say something, notes may be empty. */
export const TextField = (options: FieldOptions & { max: number; allowEmpty?: boolean }) =>
  applyDecorators(
    doc(options, { type: String, maxLength: options.max }),
    presence(options.optional),
    IsString(),
    ...(options.allowEmpty ? [] : [IsNotEmpty()]),
    MaxLength(options.max),
  );

export const SourceField = (options: FieldOptions = {}) =>
  applyDecorators(
    doc(options, { type: SourceDto }),
    presence(options.optional),
    IsObject(),
    ValidateNested(),
    Type(() => SourceDto),
  );

/** The company's own convenience translations of a figure into other currencies. */
export class TranslationDto {
  @CurrencyField({ example: 'USD' })
  currency!: string;

  @DecimalField({ example: '485000000000' })
  value!: string | number;
}

export const TranslationsField = () =>
  applyDecorators(
    doc({ optional: true }, { type: [TranslationDto] }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(20),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(() => TranslationDto),
  );
