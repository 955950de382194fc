/** One input of a write form, named by its JSON path in the request body (or a path parameter). */
export type FieldSpec = {
  name: string;
  label: string;
  kind?: 'text' | 'date' | 'select' | 'textarea' | 'url';
  options?: ReadonlyArray<{ value: string; label: string }>;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  /** Part of the URL, not of the body. */
  pathParam?: boolean;
};

export type FieldGroup = { legend: string; fields: FieldSpec[] };

export type FormSpec = {
  id: string;
  title: string;
  submitLabel: string;
  groups: FieldGroup[];
  /** Where to POST, from the form's values (path parameters). */
  path: (values: Record<string, string>) => string;
  initial?: Record<string, string>;
};

export const allFields = (spec: FormSpec) => spec.groups.flatMap((group) => group.fields);

const DECIMAL_HINT = 'Decimal in base units, e.g. 1000000000000 for 1 trillion';
const DATE_HINT = 'YYYY-MM-DD';
const PERIOD_HINT = 'FY2020, FY2020-H1, FY2020-Q3, CY2020';

export const field = {
  decimal: (name: string, label: string, required = true): FieldSpec => ({ name, label, required, hint: DECIMAL_HINT }),
  date: (name: string, label: string, required = true): FieldSpec => ({
    name,
    label,
    required,
    kind: 'date',
    hint: DATE_HINT,
  }),
  period: (name: string, label: string, required = true): FieldSpec => ({
    name,
    label,
    required,
    hint: PERIOD_HINT,
    placeholder: 'FY2020',
  }),
  currency: (name: string, label = 'Currency'): FieldSpec => ({
    name,
    label,
    hint: 'ISO 4217, e.g. USD; default: the reporting currency',
    placeholder: 'USD',
  }),
  text: (name: string, label: string, required = false): FieldSpec => ({ name, label, required }),
  reason: (required = true): FieldSpec => ({ name: 'reason', label: 'Reason', required, kind: 'textarea' }),
};

/** Source of a fact: at least a URL or a title. */
export function sourceGroup(required = true): FieldGroup {
  return {
    legend: required ? 'Source (a URL or a title)' : 'Source (optional)',
    fields: [
      { name: 'source.url', label: 'URL', kind: 'url', placeholder: 'https://…' },
      { name: 'source.title', label: 'Title' },
      { name: 'source.publisher', label: 'Publisher' },
      { name: 'source.publishedAt', label: 'Published on', kind: 'date' },
      { name: 'source.quote', label: 'Quote', kind: 'textarea' },
    ],
  };
}

export const COMPARATOR_OPTIONS = [
  { value: 'gte', label: 'at least (≥)' },
  { value: 'lte', label: 'at most (≤)' },
  { value: 'eq', label: 'exactly (=)' },
  { value: 'between', label: 'between low and high' },
];

export const UNIT_OPTIONS = [
  { value: 'currency', label: 'currency' },
  { value: 'count', label: 'count' },
  { value: 'percent', label: 'percent' },
  { value: 'ratio', label: 'ratio' },
];
