import type { MetricSummary } from '../api/types.js';
import { COMPARATOR_OPTIONS, field, sourceGroup, UNIT_OPTIONS, type FieldSpec, type FormSpec } from './field-spec.js';

/** The analyst's daily writes, each a FormSpec over the API route it posts to (see DESIGN.md). */
const enc = encodeURIComponent;
const companyPath = (companyId: string) => `/companies/${enc(companyId)}`;
const metricPath = (companyId: string, metricId: string) => `${companyPath(companyId)}/metrics/${enc(metricId)}`;
const targetPath = (companyId: string, targetId: string) => `${companyPath(companyId)}/targets/${enc(targetId)}`;

export function registerCompanyForm(): FormSpec {
  return {
    id: 'register-company',
    title: 'Register a company',
    submitLabel: 'Register company',
    path: () => '/companies',
    groups: [
      {
        legend: 'Company',
        fields: [
          { name: 'id', label: 'Id', required: true, hint: 'lower-case slug, e.g. alibaba', placeholder: 'acme' },
          field.text('name', 'Name', true),
          {
            name: 'fiscalYearEnd',
            label: 'Fiscal year end',
            required: true,
            hint: 'MM-DD, e.g. 03-31',
            placeholder: '12-31',
          },
          {
            name: 'reportingCurrency',
            label: 'Reporting currency',
            required: true,
            hint: 'ISO 4217',
            placeholder: 'USD',
          },
        ],
      },
    ],
  };
}

export function defineMetricForm(companyId: string): FormSpec {
  return {
    id: 'define-metric',
    title: 'Define a metric',
    submitLabel: 'Define metric',
    path: () => `${companyPath(companyId)}/metrics`,
    initial: { unit: 'currency' },
    groups: [
      {
        legend: 'Metric',
        fields: [
          { name: 'id', label: 'Id', required: true, hint: 'lower-case slug, e.g. gmv', placeholder: 'revenue' },
          field.text('name', 'Name', true),
          { name: 'unit', label: 'Unit', kind: 'select', options: UNIT_OPTIONS, required: true },
          { name: 'definition', label: 'Definition', kind: 'textarea' },
        ],
      },
      sourceGroup(false),
    ],
  };
}

const metricOptions = (metrics: MetricSummary[]) => metrics.map((m) => ({ value: m.metricId, label: m.name }));

/** The metric as a path parameter: fixed on a metric page, chosen on a company page. */
function metricField(metrics: MetricSummary[]): FieldSpec {
  return {
    name: 'metricId',
    label: 'Metric',
    kind: 'select',
    options: metricOptions(metrics),
    required: true,
    pathParam: true,
  };
}

export function reportFigureForm(companyId: string, metrics: MetricSummary[], metricId?: string): FormSpec {
  return {
    id: 'report-figure',
    title: 'Report a figure',
    submitLabel: 'Record figure',
    path: (v) => `${metricPath(companyId, v.metricId ?? '')}/figures`,
    initial: { metricId: metricId ?? metrics[0]?.metricId ?? '' },
    groups: [
      {
        legend: 'Figure',
        fields: [
          ...(metricId === undefined ? [metricField(metrics)] : []),
          field.period('period', 'Period'),
          field.decimal('value', 'Value'),
          field.currency('currency'),
          field.date('reportedAt', 'Reported on'),
        ],
      },
      {
        legend: "The company's own translation (optional)",
        fields: [
          {
            name: 'translations[0].currency',
            label: 'Translated into',
            hint: 'ISO 4217, e.g. USD',
            placeholder: 'USD',
          },
          field.decimal('translations[0].value', 'Translated value', false),
        ],
      },
      sourceGroup(),
    ],
  };
}

const periodField = (periods: string[]): FieldSpec => ({
  name: 'period',
  label: 'Period',
  kind: 'select',
  options: periods.map((p) => ({ value: p, label: p })),
  required: true,
  pathParam: true,
});

export function restateFigureForm(companyId: string, metricId: string, periods: string[]): FormSpec {
  return {
    id: 'restate-figure',
    title: 'Restate a figure (the company changed it)',
    submitLabel: 'Record restatement',
    path: (v) => `${metricPath(companyId, metricId)}/figures/${enc(v.period ?? '')}/restatements`,
    initial: { period: periods[periods.length - 1] ?? '' },
    groups: [
      {
        legend: 'Restatement',
        fields: [
          periodField(periods),
          field.decimal('value', 'New value'),
          field.currency('currency'),
          field.date('reportedAt', 'Restated on'),
          field.reason(),
        ],
      },
      sourceGroup(),
    ],
  };
}

export function correctFigureForm(companyId: string, metricId: string, periods: string[]): FormSpec {
  return {
    id: 'correct-figure',
    title: 'Correct a figure (an entry error)',
    submitLabel: 'Record correction',
    path: (v) => `${metricPath(companyId, metricId)}/figures/${enc(v.period ?? '')}/corrections`,
    initial: { period: periods[periods.length - 1] ?? '' },
    groups: [
      {
        legend: 'Correction: fill in only what was wrong',
        fields: [
          periodField(periods),
          field.decimal('value', 'Value', false),
          field.currency('currency'),
          field.date('reportedAt', 'Reported on', false),
          field.reason(),
        ],
      },
      sourceGroup(false),
    ],
  };
}

/** Redefinition, de-emphasis, discontinuation, reinstatement of a metric. */
export function metricLifecycleForms(companyId: string, metricId: string): FormSpec[] {
  const path = (kind: string) => () => `${metricPath(companyId, metricId)}/${kind}`;
  const note = field.text('note', 'Note');
  return [
    {
      id: 'redefine-metric',
      title: 'Redefine (change of scope)',
      submitLabel: 'Record redefinition',
      path: path('redefinitions'),
      groups: [
        {
          legend: 'Redefinition',
          fields: [
            { name: 'definition', label: 'New definition', kind: 'textarea', required: true },
            field.period('effectiveFrom', 'Effective from'),
            field.date('statedAt', 'Stated on'),
            field.reason(false),
          ],
        },
        sourceGroup(),
      ],
    },
    {
      id: 'de-emphasize-metric',
      title: 'De-emphasize (still reported, matters less)',
      submitLabel: 'Record de-emphasis',
      path: path('de-emphasis'),
      groups: [{ legend: 'De-emphasis', fields: [field.date('statedAt', 'Stated on'), note] }, sourceGroup()],
    },
    {
      id: 'discontinue-metric',
      title: 'Discontinue (no longer disclosed)',
      submitLabel: 'Record discontinuation',
      path: path('discontinuation'),
      groups: [
        {
          legend: 'Discontinuation',
          fields: [field.date('statedAt', 'Stated on'), field.period('lastPeriod', 'Last period', false), note],
        },
        sourceGroup(),
      ],
    },
    {
      id: 'reinstate-metric',
      title: 'Reinstate',
      submitLabel: 'Record reinstatement',
      path: path('reinstatement'),
      groups: [{ legend: 'Reinstatement', fields: [field.date('statedAt', 'Stated on'), note] }, sourceGroup()],
    },
  ];
}

const termFields = (required: boolean): FieldSpec[] => [
  { name: 'comparator', label: 'Comparator', kind: 'select', options: COMPARATOR_OPTIONS, required },
  field.decimal('value', 'Value', false),
  field.decimal('low', 'Low (between)', false),
  field.decimal('high', 'High (between)', false),
  field.currency('currency'),
  field.period('deadline', 'Deadline', required),
  field.period('baseline.period', 'Baseline period', false),
];

export function announceTargetForm(companyId: string, metrics: MetricSummary[]): FormSpec {
  return {
    id: 'announce-target',
    title: 'Announce a target',
    submitLabel: 'Record target',
    path: () => `${companyPath(companyId)}/targets`,
    initial: { comparator: 'gte', metricId: metrics[0]?.metricId ?? '' },
    groups: [
      {
        legend: 'Target',
        fields: [
          { name: 'id', label: 'Id', hint: 'optional slug; the server makes one when empty' },
          { ...metricField(metrics), pathParam: false },
          ...termFields(true),
        ],
      },
      {
        legend: 'Announcement',
        fields: [
          field.date('announcedAt', 'Announced on'),
          field.text('announcedBy', 'Announced by'),
          field.text('note', 'Note'),
        ],
      },
      sourceGroup(),
    ],
  };
}

/** Revise, reaffirm, withdraw and correct a target. */
export function targetLifecycleForms(companyId: string, targetId: string): FormSpec[] {
  const path = (kind: string) => () => `${targetPath(companyId, targetId)}/${kind}`;
  return [
    {
      id: 'revise-target',
      title: 'Revise (new terms)',
      submitLabel: 'Record revision',
      path: path('revisions'),
      groups: [
        { legend: 'New terms: fill in only what changed', fields: termFields(false) },
        { legend: 'Announcement', fields: [field.date('announcedAt', 'Announced on'), field.reason(false)] },
        sourceGroup(),
      ],
    },
    {
      id: 'reaffirm-target',
      title: 'Reaffirm',
      submitLabel: 'Record reaffirmation',
      path: path('reaffirmations'),
      groups: [{ legend: 'Reaffirmation', fields: [field.date('announcedAt', 'Announced on')] }, sourceGroup()],
    },
    {
      id: 'withdraw-target',
      title: 'Withdraw',
      submitLabel: 'Record withdrawal',
      path: path('withdrawals'),
      groups: [
        { legend: 'Withdrawal', fields: [field.date('announcedAt', 'Announced on'), field.reason(false)] },
        sourceGroup(),
      ],
    },
    {
      id: 'correct-target',
      title: 'Correct (an entry error)',
      submitLabel: 'Record correction',
      path: path('corrections'),
      groups: [
        {
          legend: 'Correction: fill in only what was wrong',
          fields: [
            ...termFields(false),
            field.date('announcedAt', 'Announced on', false),
            field.text('announcedBy', 'Announced by'),
          ],
        },
        { legend: 'Why', fields: [field.reason()] },
        sourceGroup(false),
      ],
    },
  ];
}
