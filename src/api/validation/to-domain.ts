import { parseDecimal } from '../../ledger/values/decimal.js';
import type { Source } from '../../ledger/values/source.js';
import type { SourceDto } from './source.dto.js';

/**
 * From validated DTOs to the plain, canonical data of domain commands: decimals as canonical
 * strings, `null` treated as absent, no class instances.
 */
export function decimal(value: string | number): string {
  const parsed = parseDecimal(value);
  if (parsed === null) throw new Error(`unvalidated decimal ${String(value)}`);
  return parsed;
}

export const optionalDecimal = (value: string | number | null | undefined) =>
  value === undefined || value === null ? undefined : decimal(value);

export function source(dto: SourceDto): Source {
  return compact({
    url: dto.url,
    title: dto.title,
    publisher: dto.publisher,
    publishedAt: dto.publishedAt,
    quote: dto.quote,
    language: dto.language,
  });
}

export const optionalSource = (dto: SourceDto | null | undefined) => (dto ? source(dto) : undefined);

export function translations(list: ReadonlyArray<{ currency: string; value: string | number }> | null | undefined) {
  return list === undefined || list === null
    ? undefined
    : list.map((t) => ({ currency: t.currency, value: decimal(t.value) }));
}

/** Drops absent (undefined or null) fields so that commands and events never carry them. */
export function compact<T extends object>(record: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== null)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}
