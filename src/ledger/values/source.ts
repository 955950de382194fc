import { isCalendarDate } from './calendar-date.js';

/** Where a fact comes from. Every business fact carries one; it needs a url or a title. */
export type Source = Readonly<{
  url?: string;
  title?: string;
  publisher?: string;
  publishedAt?: string;
  quote?: string;
  language?: string;
}>;

export type FieldProblem = Readonly<{ field: string; message: string }>;

const MAX_LENGTH = 2000;
const MAX_QUOTE_LENGTH = 10000;
const LANGUAGE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
const FIELDS = ['url', 'title', 'publisher', 'publishedAt', 'quote', 'language'] as const;

function isHttpUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function fieldProblem(field: (typeof FIELDS)[number], value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  const max = field === 'quote' ? MAX_QUOTE_LENGTH : MAX_LENGTH;
  if (value.length > max) return `must be at most ${max} characters long`;
  switch (field) {
    case 'url':
      return isHttpUrl(value) ? null : 'must be an absolute http(s) URL, e.g. https://example.com/report.pdf';
    case 'publishedAt':
      return isCalendarDate(value) ? null : 'must be a calendar date YYYY-MM-DD that exists, e.g. 2020-05-22';
    case 'language':
      return LANGUAGE.test(value) ? null : 'must be a language tag such as de or en-US';
    case 'title':
    case 'publisher':
    case 'quote':
      return value.trim() === '' ? 'must not be empty' : null;
  }
}

/** Problems with a source, fields relative to the source ("url"); empty when it is acceptable. */
export function sourceProblems(source: unknown): FieldProblem[] {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    return [{ field: '', message: 'must be an object with a url or a title' }];
  }
  const record = source as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(record)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      problems.push({ field: key, message: `is not a source field (use ${FIELDS.join(', ')})` });
    }
  }
  for (const field of FIELDS) {
    const message = record[field] === undefined ? null : fieldProblem(field, record[field]);
    if (message !== null) problems.push({ field, message });
  }
  if (record.url === undefined && record.title === undefined) {
    problems.push({ field: 'url', message: 'is required: a source needs a url or a title' });
  }
  return problems;
}

export const isSource = (value: unknown): value is Source => sourceProblems(value).length === 0;
