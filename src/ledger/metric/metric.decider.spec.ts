import type { CompanyContext } from '../shared/context.js';
import { deciderSpec, stateAfter } from '../shared/decider-spec.js';
import type {
  CorrectFigure,
  DeEmphasizeMetric,
  DefineMetric,
  DiscontinueMetric,
  RedefineMetric,
  ReinstateMetric,
  ReportFigure,
  RestateFigure,
} from './metric.commands.js';
import { metricDecider } from './metric.decider.js';
import type {
  FigureCorrected,
  FigureReported,
  FigureRestated,
  MetricDeEmphasized,
  MetricDefined,
  MetricDiscontinued,
  MetricEvent,
  MetricReinstated,
} from './metric.events.js';

const given = deciderSpec(metricDecider);
const metadata = { now: '2024-01-01T00:00:00.000Z', actor: 'analyst' };
const company: CompanyContext = { companyId: 'alibaba', fiscalYearEnd: '03-31', reportingCurrency: 'CNY' };
const base = { companyId: 'alibaba', metricId: 'gmv', context: { company } };
const ref = { companyId: 'alibaba', metricId: 'gmv' };
const report2020 = { title: 'Alibaba FY2020 results', url: 'https://www.alibabagroup.com/ir/fy2020' };
const article = { url: 'https://t3n.de/news/alibaba-jack-ma', publisher: 't3n', language: 'de' };
const fy2020 = { period: 'FY2020', periodStart: '2019-04-01', periodEnd: '2020-03-31' };
const fy2019 = { period: 'FY2019', periodStart: '2018-04-01', periodEnd: '2019-03-31' };

// --- commands ---------------------------------------------------------------------------------
const define = (data: Partial<DefineMetric['data']> = {}): DefineMetric => ({
  type: 'DefineMetric',
  data: { ...base, name: 'Gross merchandise volume', unit: 'currency', ...data },
  metadata,
});
const redefine = (data: Partial<RedefineMetric['data']> = {}): RedefineMetric => ({
  type: 'RedefineMetric',
  data: {
    ...base,
    definition: 'Ecosystem GMV',
    effectiveFrom: 'FY2020',
    statedAt: '2019-09-24',
    source: article,
    ...data,
  },
  metadata,
});
const deEmphasize = (data: Partial<DeEmphasizeMetric['data']> = {}): DeEmphasizeMetric => ({
  type: 'DeEmphasizeMetric',
  data: { ...base, statedAt: '2016-06-28', source: article, ...data },
  metadata,
});
const discontinue = (data: Partial<DiscontinueMetric['data']> = {}): DiscontinueMetric => ({
  type: 'DiscontinueMetric',
  data: { ...base, statedAt: '2022-05-26', source: article, ...data },
  metadata,
});
const reinstate = (data: Partial<ReinstateMetric['data']> = {}): ReinstateMetric => ({
  type: 'ReinstateMetric',
  data: { ...base, statedAt: '2023-05-18', source: article, ...data },
  metadata,
});
const report = (data: Partial<ReportFigure['data']> = {}): ReportFigure => ({
  type: 'ReportFigure',
  data: { ...base, period: 'FY2020', value: '7053000000000', reportedAt: '2020-05-22', source: report2020, ...data },
  metadata,
});
const restate = (data: Partial<RestateFigure['data']> = {}): RestateFigure => ({
  type: 'RestateFigure',
  data: {
    ...base,
    period: 'FY2020',
    value: '7100000000000',
    reportedAt: '2021-05-13',
    source: report2020,
    reason: 'returns netted',
    ...data,
  },
  metadata,
});
const correct = (data: Partial<CorrectFigure['data']> = {}): CorrectFigure => ({
  type: 'CorrectFigure',
  data: { ...base, period: 'FY2020', reason: 'typo', ...data },
  metadata,
});

// --- events -----------------------------------------------------------------------------------
const defined: MetricDefined = {
  type: 'MetricDefined',
  data: { ...ref, name: 'Gross merchandise volume', unit: 'currency', definition: 'China retail marketplaces GMV' },
};
const definedCount: MetricDefined = {
  type: 'MetricDefined',
  data: { ...ref, name: 'Annual active consumers', unit: 'count' },
};
const reported: FigureReported = {
  type: 'FigureReported',
  data: { ...ref, ...fy2020, value: '7053000000000', currency: 'CNY', reportedAt: '2020-05-22', source: report2020 },
};
const reportedWithUsd: FigureReported = {
  type: 'FigureReported',
  data: { ...reported.data, translations: [{ currency: 'USD', value: '1000000000000' }] },
};
const restated: FigureRestated = {
  type: 'FigureRestated',
  data: {
    ...ref,
    ...fy2020,
    value: '7100000000000',
    currency: 'CNY',
    reportedAt: '2021-05-13',
    source: report2020,
    reason: 'returns netted',
    previous: { value: '7053000000000', currency: 'CNY', reportedAt: '2020-05-22' },
  },
};
const deEmphasized: MetricDeEmphasized = {
  type: 'MetricDeEmphasized',
  data: { ...ref, statedAt: '2016-06-28', source: article },
};
const discontinuedAfterFy2020: MetricDiscontinued = {
  type: 'MetricDiscontinued',
  data: {
    ...ref,
    statedAt: '2022-05-26',
    lastPeriod: 'FY2020',
    lastPeriodStart: '2019-04-01',
    lastPeriodEnd: '2020-03-31',
    source: article,
  },
};
const discontinued: MetricDiscontinued = {
  type: 'MetricDiscontinued',
  data: { ...ref, statedAt: '2022-05-26', source: article },
};

describe('DefineMetric', () => {
  it('defines a metric, omitting what was not given', () => {
    given([])
      .when(define())
      .then([{ type: 'MetricDefined', data: { ...ref, name: 'Gross merchandise volume', unit: 'currency' } }]);
  });

  it('keeps definition and source', () => {
    given([])
      .when(define({ definition: 'China retail marketplaces GMV', source: article }))
      .then([{ type: 'MetricDefined', data: { ...defined.data, source: article } }]);
  });

  it('needs the company', () => {
    given([])
      .when(define({ context: { company: null } }))
      .thenThrows('COMPANY_NOT_FOUND', { category: 'not_found', message: /alibaba/ });
  });

  it('refuses a second definition', () => {
    given([defined]).when(define()).thenThrows('METRIC_ALREADY_EXISTS', { category: 'conflict' });
  });

  it.each([
    [{ metricId: 'G.M.V' }, 'INVALID_ID', 'id'],
    [{ name: '' }, 'NAME_REQUIRED', 'name'],
    [{ definition: ' ' }, 'DEFINITION_REQUIRED', 'definition'],
    [{ unit: 'dollars' as 'currency' }, 'INVALID_UNIT', 'unit'],
    [{ source: { url: 'nope' } }, 'INVALID_SOURCE', 'source.url'],
  ])('re-checks %p', (data, code, field) => {
    given([]).when(define(data)).thenThrows(code, { category: 'validation', field });
  });
});

describe('RedefineMetric', () => {
  it('records the new and the previous definition with the resolved effective period', () => {
    given([defined])
      .when(redefine({ reason: 'scope now includes Lazada' }))
      .then([
        {
          type: 'MetricRedefined',
          data: {
            ...ref,
            definition: 'Ecosystem GMV',
            previousDefinition: 'China retail marketplaces GMV',
            effectiveFrom: 'FY2020',
            effectiveFromStart: '2019-04-01',
            effectiveFromEnd: '2020-03-31',
            statedAt: '2019-09-24',
            source: article,
            reason: 'scope now includes Lazada',
          },
        },
      ]);
  });

  it('omits the previous definition when there was none', () => {
    given([definedCount])
      .when(redefine({ definition: 'Consumers with a purchase in 12 months', effectiveFrom: 'FY2020-Q3' }))
      .then([
        {
          type: 'MetricRedefined',
          data: {
            ...ref,
            definition: 'Consumers with a purchase in 12 months',
            effectiveFrom: 'FY2020-Q3',
            effectiveFromStart: '2019-10-01',
            effectiveFromEnd: '2019-12-31',
            statedAt: '2019-09-24',
            source: article,
          },
        },
      ]);
  });

  it('needs the metric', () => {
    given([]).when(redefine()).thenThrows('METRIC_NOT_FOUND', { category: 'not_found', message: /gmv/ });
  });

  it('refuses the same text', () => {
    given([defined])
      .when(redefine({ definition: 'China retail marketplaces GMV' }))
      .thenThrows('DEFINITION_UNCHANGED', { category: 'conflict' });
  });

  it('refuses a malformed period', () => {
    given([defined])
      .when(redefine({ effectiveFrom: 'FY20' }))
      .thenThrows('INVALID_PERIOD', { field: 'effectiveFrom' });
  });
});

describe('DeEmphasizeMetric', () => {
  it('de-emphasizes', () => {
    given([defined])
      .when(deEmphasize({ note: 'no longer the only indicator' }))
      .then([{ type: 'MetricDeEmphasized', data: { ...deEmphasized.data, note: 'no longer the only indicator' } }]);
  });

  it('needs the metric', () => {
    given([]).when(deEmphasize()).thenThrows('METRIC_NOT_FOUND');
  });

  it('refuses twice', () => {
    given([defined, deEmphasized]).when(deEmphasize()).thenThrows('METRIC_ALREADY_DE_EMPHASIZED', {
      category: 'conflict',
    });
  });

  it('refuses a discontinued metric', () => {
    given([defined, discontinued]).when(deEmphasize()).thenThrows('METRIC_DISCONTINUED', { category: 'conflict' });
  });
});

describe('DiscontinueMetric', () => {
  it('discontinues without a last period', () => {
    given([defined]).when(discontinue()).then([discontinued]);
  });

  it('resolves the last period', () => {
    given([defined, deEmphasized])
      .when(discontinue({ lastPeriod: 'FY2020' }))
      .then([discontinuedAfterFy2020]);
  });

  it('refuses twice', () => {
    given([defined, discontinued])
      .when(discontinue())
      .thenThrows('METRIC_ALREADY_DISCONTINUED', { category: 'conflict' });
  });

  it('needs the metric', () => {
    given([]).when(discontinue()).thenThrows('METRIC_NOT_FOUND');
  });
});

describe('ReinstateMetric', () => {
  const reinstated = (wasDeEmphasized: boolean, wasDiscontinued: boolean): MetricReinstated => ({
    type: 'MetricReinstated',
    data: { ...ref, statedAt: '2023-05-18', source: article, wasDeEmphasized, wasDiscontinued },
  });

  it('undoes de-emphasis', () => {
    given([defined, deEmphasized])
      .when(reinstate())
      .then([reinstated(true, false)]);
  });

  it('undoes discontinuation and de-emphasis together', () => {
    given([defined, deEmphasized, discontinued])
      .when(reinstate())
      .then([reinstated(true, true)]);
  });

  it('lets figures after the last period be reported again', () => {
    given([defined, discontinuedAfterFy2020, reinstated(false, true)])
      .when(report({ period: 'FY2021', value: '8119000000000', reportedAt: '2021-05-13' }))
      .then([
        {
          type: 'FigureReported',
          data: {
            ...ref,
            period: 'FY2021',
            periodStart: '2020-04-01',
            periodEnd: '2021-03-31',
            value: '8119000000000',
            currency: 'CNY',
            reportedAt: '2021-05-13',
            source: report2020,
          },
        },
      ]);
  });

  it('refuses a metric in good standing', () => {
    given([defined]).when(reinstate()).thenThrows('METRIC_NOT_DE_EMPHASIZED_OR_DISCONTINUED', { category: 'conflict' });
    given([defined, deEmphasized, reinstated(true, false)])
      .when(reinstate())
      .thenThrows('METRIC_NOT_DE_EMPHASIZED_OR_DISCONTINUED');
  });

  it('needs the metric', () => {
    given([]).when(reinstate()).thenThrows('METRIC_NOT_FOUND');
  });
});

describe('ReportFigure', () => {
  it('reports a figure in the reporting currency by default, with resolved dates', () => {
    given([defined]).when(report()).then([reported]);
  });

  it('keeps an explicit currency and translations', () => {
    given([defined])
      .when(report({ currency: 'CNY', translations: [{ currency: 'USD', value: '1000000000000' }] }))
      .then([reportedWithUsd]);
  });

  it('gives count metrics no currency', () => {
    given([definedCount])
      .when(report({ period: 'FY2020-Q4', value: '726000000' }))
      .then([
        {
          type: 'FigureReported',
          data: {
            ...ref,
            period: 'FY2020-Q4',
            periodStart: '2020-01-01',
            periodEnd: '2020-03-31',
            value: '726000000',
            reportedAt: '2020-05-22',
            source: report2020,
          },
        },
      ]);
  });

  it('needs the metric and the company', () => {
    given([]).when(report()).thenThrows('METRIC_NOT_FOUND', { category: 'not_found' });
    given([defined])
      .when(report({ context: { company: null } }))
      .thenThrows('COMPANY_NOT_FOUND', { category: 'not_found' });
  });

  it('refuses a currency on other units', () => {
    given([definedCount])
      .when(report({ currency: 'CNY' }))
      .thenThrows('CURRENCY_NOT_ALLOWED', { category: 'validation', field: 'currency' });
  });

  it('refuses translations on other units', () => {
    given([definedCount])
      .when(report({ translations: [{ currency: 'USD', value: '1' }] }))
      .thenThrows('TRANSLATIONS_NOT_ALLOWED', { category: 'validation', field: 'translations' });
  });

  it('refuses a translation into the figure currency', () => {
    given([defined])
      .when(report({ translations: [{ currency: 'CNY', value: '1' }] }))
      .thenThrows('TRANSLATION_CURRENCY_INVALID', { category: 'validation', field: 'translations[0].currency' });
  });

  it('refuses a repeated translation currency', () => {
    given([defined])
      .when(
        report({
          translations: [
            { currency: 'USD', value: '1' },
            { currency: 'EUR', value: '1' },
            { currency: 'USD', value: '2' },
          ],
        }),
      )
      .thenThrows('TRANSLATION_CURRENCY_INVALID', { field: 'translations[2].currency' });
  });

  it('refuses a second figure for the period, pointing to restatements', () => {
    given([defined, reported])
      .when(report({ value: '1' }))
      .thenThrows('FIGURE_ALREADY_REPORTED', { category: 'conflict', message: /restatement/ });
  });

  it('treats periods with the same dates as the same figure', () => {
    const december = { ...company, fiscalYearEnd: '12-31' };
    const cy: FigureReported = {
      type: 'FigureReported',
      data: { ...reported.data, period: 'CY2020', periodStart: '2020-01-01', periodEnd: '2020-12-31' },
    };
    given([defined, cy])
      .when(report({ context: { company: december } }))
      .thenThrows('FIGURE_ALREADY_REPORTED', { message: /CY2020/ });
  });

  it('refuses periods ending after the last period of a discontinued metric', () => {
    given([defined, discontinuedAfterFy2020])
      .when(report({ period: 'FY2021-Q1' }))
      .thenThrows('METRIC_DISCONTINUED', { category: 'conflict', message: /FY2020/ });
  });

  it('accepts periods up to the last period of a discontinued metric', () => {
    given([defined, discontinuedAfterFy2020])
      .when(report({ period: 'FY2020-Q4' }))
      .then([
        {
          type: 'FigureReported',
          data: { ...reported.data, period: 'FY2020-Q4', periodStart: '2020-01-01', periodEnd: '2020-03-31' },
        },
      ]);
  });

  it('accepts any period of a metric discontinued without a last period', () => {
    given([defined, discontinued]).when(report()).then([reported]);
  });

  it.each([
    [{ period: 'FY2020-Q5' }, 'INVALID_PERIOD', 'period'],
    [{ value: '7e12' }, 'INVALID_DECIMAL', 'value'],
    [{ reportedAt: '2020-02-30' }, 'INVALID_DATE', 'reportedAt'],
    [{ source: {} }, 'INVALID_SOURCE', 'source.url'],
    [{ currency: 'RMB' }, 'INVALID_CURRENCY', 'currency'],
    [{ translations: [{ currency: 'USD', value: 'lots' }] }, 'INVALID_DECIMAL', 'translations[0].value'],
  ])('re-checks %p', (data, code, field) => {
    given([defined]).when(report(data)).thenThrows(code, { category: 'validation', field });
  });
});

describe('RestateFigure', () => {
  it('restates with the previous value', () => {
    given([defined, reported]).when(restate()).then([restated]);
  });

  it('keeps the currency of the figure by default and may change it', () => {
    given([defined, reported])
      .when(restate({ value: '1000000000000', currency: 'USD' }))
      .then([
        {
          type: 'FigureRestated',
          data: { ...restated.data, value: '1000000000000', currency: 'USD' },
        },
      ]);
  });

  it('counts a change of translations only as a restatement', () => {
    given([defined, reportedWithUsd])
      .when(restate({ value: '7053000000000', translations: [{ currency: 'USD', value: '995000000000' }] }))
      .then([
        {
          type: 'FigureRestated',
          data: {
            ...restated.data,
            value: '7053000000000',
            translations: [{ currency: 'USD', value: '995000000000' }],
            previous: { ...restated.data.previous, translations: [{ currency: 'USD', value: '1000000000000' }] },
          },
        },
      ]);
  });

  it('keeps the label the figure was reported under', () => {
    const december = { ...company, fiscalYearEnd: '12-31' };
    const cy: FigureReported = {
      type: 'FigureReported',
      data: { ...reported.data, period: 'CY2020', periodStart: '2020-01-01', periodEnd: '2020-12-31' },
    };
    given([defined, cy])
      .when(restate({ period: 'FY2020', context: { company: december } }))
      .then([
        {
          type: 'FigureRestated',
          data: { ...restated.data, period: 'CY2020', periodStart: '2020-01-01', periodEnd: '2020-12-31' },
        },
      ]);
  });

  it('needs a reported figure', () => {
    given([defined])
      .when(restate())
      .thenThrows('FIGURE_NOT_REPORTED', { category: 'not_found', message: /FY2020/ });
  });

  it('needs the metric', () => {
    given([]).when(restate()).thenThrows('METRIC_NOT_FOUND');
  });

  it('refuses a restatement dated before the current value', () => {
    given([defined, reported])
      .when(restate({ reportedAt: '2020-05-21' }))
      .thenThrows('RESTATEMENT_BEFORE_REPORT', { category: 'conflict', field: 'reportedAt' });
    given([defined, reported, restated])
      .when(restate({ value: '1', reportedAt: '2021-01-01' }))
      .thenThrows('RESTATEMENT_BEFORE_REPORT', { message: /2021-05-13/ });
  });

  it('accepts a restatement on the day of the report', () => {
    given([defined, reported])
      .when(restate({ reportedAt: '2020-05-22' }))
      .then([{ type: 'FigureRestated', data: { ...restated.data, reportedAt: '2020-05-22' } }]);
  });

  it('refuses a restatement that changes nothing', () => {
    given([defined, reportedWithUsd])
      .when(restate({ value: '7053000000000', translations: [{ currency: 'USD', value: '1000000000000' }] }))
      .thenThrows('FIGURE_UNCHANGED', { category: 'conflict' });
  });

  it('applies the currency and translation rules', () => {
    const countFigure: FigureReported = {
      type: 'FigureReported',
      data: { ...ref, ...fy2020, value: '1', reportedAt: '2020-05-22', source: report2020 },
    };
    given([definedCount, countFigure])
      .when(restate({ currency: 'USD' }))
      .thenThrows('CURRENCY_NOT_ALLOWED', { field: 'currency' });
    given([defined, reported])
      .when(restate({ translations: [{ currency: 'CNY', value: '1' }] }))
      .thenThrows('TRANSLATION_CURRENCY_INVALID', { field: 'translations[0].currency' });
    given([definedCount, countFigure])
      .when(restate({ translations: [{ currency: 'USD', value: '1' }] }))
      .thenThrows('TRANSLATIONS_NOT_ALLOWED', { field: 'translations' });
  });

  it('needs a reason', () => {
    given([defined, reported])
      .when(restate({ reason: '' }))
      .thenThrows('REASON_REQUIRED', { category: 'validation', field: 'reason' });
  });
});

describe('CorrectFigure', () => {
  it('corrects the value of the report (revision 1), keeping everything else', () => {
    given([defined, reported])
      .when(correct({ value: '7053000000001' }))
      .then([
        {
          type: 'FigureCorrected',
          data: {
            ...ref,
            ...fy2020,
            corrects: 1,
            reason: 'typo',
            changed: ['value'],
            value: '7053000000001',
            previous: { value: '7053000000000' },
          },
        },
      ]);
  });

  it('corrects the latest restatement, not the report', () => {
    const events: MetricEvent[] = [defined, { ...reported, data: { ...reported.data, ...fy2019 } }, reported, restated];
    given(events)
      .when(correct({ reportedAt: '2021-05-14', value: '7100000000000' }))
      .then([
        {
          type: 'FigureCorrected',
          data: {
            ...ref,
            ...fy2020,
            corrects: 3,
            reason: 'typo',
            changed: ['reportedAt'],
            reportedAt: '2021-05-14',
            previous: { reportedAt: '2021-05-13' },
          },
        },
      ]);
  });

  it('keeps pointing at the report after an earlier correction', () => {
    const first: FigureCorrected = {
      type: 'FigureCorrected',
      data: {
        ...ref,
        ...fy2020,
        corrects: 1,
        reason: 'typo',
        changed: ['value'],
        value: '1',
        previous: { value: '7053000000000' },
      },
    };
    given([defined, reported, first])
      .when(correct({ value: '7053000000000', source: article }))
      .then([
        {
          type: 'FigureCorrected',
          data: {
            ...ref,
            ...fy2020,
            corrects: 1,
            reason: 'typo',
            changed: ['value', 'source'],
            value: '7053000000000',
            source: article,
            previous: { value: '1', source: report2020 },
          },
        },
      ]);
    expect(stateAfter(metricDecider, [defined, reported, first])).toMatchObject({
      version: 3,
      figures: { '2020': { '2019-04-01..2020-03-31': { value: '1', setBy: 1 } } },
    });
  });

  it('corrects currency and translations, with [] meaning none', () => {
    given([defined, reportedWithUsd])
      .when(correct({ currency: 'HKD', translations: [] }))
      .then([
        {
          type: 'FigureCorrected',
          data: {
            ...ref,
            ...fy2020,
            corrects: 1,
            reason: 'typo',
            changed: ['currency', 'translations'],
            currency: 'HKD',
            translations: [],
            previous: { currency: 'CNY', translations: [{ currency: 'USD', value: '1000000000000' }] },
          },
        },
      ]);
  });

  it('checks kept translations against a corrected currency', () => {
    given([defined, reportedWithUsd])
      .when(correct({ currency: 'USD' }))
      .thenThrows('TRANSLATION_CURRENCY_INVALID', { field: 'translations[0].currency' });
  });

  it('needs something to correct', () => {
    given([defined, reported]).when(correct()).thenThrows('CORRECTION_EMPTY', { category: 'validation' });
  });

  it('refuses a correction that changes nothing', () => {
    given([defined, reported])
      .when(
        correct({ value: '7053000000000', currency: 'CNY', source: { url: report2020.url, title: report2020.title } }),
      )
      .thenThrows('CORRECTION_UNCHANGED', { category: 'conflict' });
  });

  it('needs a reported figure and the metric', () => {
    given([defined])
      .when(correct({ value: '1' }))
      .thenThrows('FIGURE_NOT_REPORTED', { category: 'not_found' });
    given([])
      .when(correct({ value: '1' }))
      .thenThrows('METRIC_NOT_FOUND');
  });

  it('applies the unit rules', () => {
    const countFigure: FigureReported = {
      type: 'FigureReported',
      data: { ...ref, ...fy2020, value: '1', reportedAt: '2020-05-22', source: report2020 },
    };
    given([definedCount, countFigure])
      .when(correct({ currency: 'USD' }))
      .thenThrows('CURRENCY_NOT_ALLOWED', { field: 'currency' });
    given([definedCount, countFigure])
      .when(correct({ translations: [{ currency: 'USD', value: '1' }] }))
      .thenThrows('TRANSLATIONS_NOT_ALLOWED', { field: 'translations' });
  });

  it('needs a reason', () => {
    given([defined, reported])
      .when(correct({ value: '1', reason: ' ' }))
      .thenThrows('REASON_REQUIRED');
  });
});

describe('evolve', () => {
  it('counts every event and tracks the lifecycle', () => {
    const state = stateAfter(metricDecider, [defined, deEmphasized, discontinuedAfterFy2020, reported, restated]);
    expect(state).toMatchObject({
      status: 'defined',
      version: 5,
      deEmphasized: true,
      discontinued: true,
      lastPeriod: { period: 'FY2020', start: '2019-04-01', end: '2020-03-31' },
      figures: {
        '2020': { '2019-04-01..2020-03-31': { value: '7100000000000', setBy: 4, reportedAt: '2021-05-13' } },
      },
    });
  });

  it('groups figures by the year their period ends in, and copies only that year for a new figure', () => {
    const q1: FigureReported = {
      type: 'FigureReported',
      data: { ...reported.data, period: 'FY2021-Q1', periodStart: '2020-04-01', periodEnd: '2020-06-30' },
    };
    const fy2021: FigureReported = {
      type: 'FigureReported',
      data: { ...reported.data, period: 'FY2021', periodStart: '2020-04-01', periodEnd: '2021-03-31' },
    };
    const before = stateAfter(metricDecider, [defined, reported, fy2021]);
    const after = metricDecider.evolve(before, q1);
    if (before.status !== 'defined' || after.status !== 'defined') throw new Error('metric not defined');
    expect(Object.keys(after.figures['2020'] ?? {})).toEqual(['2019-04-01..2020-03-31', '2020-04-01..2020-06-30']);
    expect(after.figures['2021']).toBe(before.figures['2021']);
    expect(before.figures['2020']).toEqual({ '2019-04-01..2020-03-31': expect.any(Object) });
  });
});
