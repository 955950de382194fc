import { describe, expect, it } from '@jest/globals';
import type { HistoryEntry, MetricView, TargetLedgerView } from '../api/types.js';
import { chartData, firstReported } from './chart-data.js';

const source = { title: 'Results' };

function figure(period: string, periodEnd: string, value: string, extra: Partial<MetricView['figures'][number]> = {}) {
  return {
    period,
    periodStart: `${Number(periodEnd.slice(0, 4)) - 1}-04-01`,
    periodEnd,
    value,
    currency: 'CNY',
    reportedAt: periodEnd,
    restated: false,
    corrected: false,
    translations: [],
    source,
    ...extra,
  };
}

function entry(position: number, type: string, changes: HistoryEntry['changes']): HistoryEntry {
  return {
    position,
    stream: 'metric-alibaba.gmv',
    revision: position,
    type,
    recordedAt: '2026-01-01T00:00:00.000Z',
    recordedBy: 'analyst',
    businessDate: null,
    changes,
    source,
    reason: null,
  };
}

const metric = {
  id: 'gmv',
  metricId: 'gmv',
  companyId: 'alibaba',
  name: 'GMV',
  unit: 'currency',
  figures: [
    figure('FY2016', '2016-03-31', '3092000000000', { translations: [{ currency: 'USD', value: '485000000000' }] }),
    figure('FY2017-Q1', '2016-06-30', '900000000000'),
    figure('FY2018', '2018-03-31', '4820000000000', { restated: true }),
    figure('FY2020', '2020-03-31', '7053000000000', { translations: [{ currency: 'USD', value: '1000000000000' }] }),
  ],
} as unknown as MetricView;

const history = [
  entry(1, 'FigureReported', [{ field: 'figures.FY2018.value', from: null, to: '4700000000000' }]),
  entry(2, 'FigureCorrected', [{ field: 'figures.FY2018.value', from: '4700000000000', to: '4800000000000' }]),
  entry(3, 'FigureRestated', [{ field: 'figures.FY2018.value', from: '4800000000000', to: '4820000000000' }]),
  entry(4, 'FigureRestated', [{ field: 'figures.FY2018.value', from: '4820000000000', to: '4830000000000' }]),
];

function target(terms: Partial<TargetLedgerView['terms']>): TargetLedgerView {
  return {
    terms: { comparator: 'gte', value: '6000000000000', currency: 'CNY', deadline: 'FY2020', ...terms },
    statements: [
      { kind: 'announced', announcedAt: '2016-06-14', revision: 0 },
      { kind: 'reaffirmed', announcedAt: '2017-06-08', revision: 1 },
    ],
  } as unknown as TargetLedgerView;
}

describe('firstReported', () => {
  it('keeps each restated figure as it stood before its first restatement, entry corrections included', () => {
    const before = firstReported(history);
    expect(before.get('FY2018')?.value).toBe('4800000000000');
    expect(before.has('FY2016')).toBe(false);
  });
});

describe('chartData', () => {
  it('draws the figures of the deadline kind, restated values beside their first report', () => {
    const data = chartData({ target: target({}), metric, metricHistory: history, fiscalYearEnd: '03-31' });
    expect(data.currency).toBe('CNY');
    expect(data.points.map((p) => `${p.period}:${p.kind}:${p.value}`)).toEqual([
      'FY2016:reported:3092000000000',
      'FY2018:restated:4820000000000',
      'FY2018:first reported:4800000000000',
      'FY2020:reported:7053000000000',
    ]);
    expect(data.target).toEqual({ date: '2020-03-31', period: 'FY2020', value: 6e12 });
    expect(data.markers).toEqual([
      { date: '2016-06-14', kind: 'announced' },
      { date: '2017-06-08', kind: 'reaffirmed' },
    ]);
  });

  it("uses the company's own translation into the target's currency, and names the periods it cannot draw", () => {
    const data = chartData({
      target: target({ value: '1000000000000', currency: 'USD', baseline: { period: 'FY2016' } }),
      metric,
      metricHistory: history,
      fiscalYearEnd: '03-31',
    });
    expect(data.points.map((p) => `${p.period}:${p.value}`)).toEqual(['FY2016:485000000000', 'FY2020:1000000000000']);
    expect(data.omitted).toEqual(['FY2018']);
  });

  it('draws the required constant-growth path from the baseline figure to the target at its deadline', () => {
    const data = chartData({
      target: target({ value: '1000000000000', currency: 'USD', baseline: { period: 'FY2016' } }),
      metric,
      metricHistory: history,
      fiscalYearEnd: '03-31',
    });
    const path = data.requiredPath;
    expect(path[0]).toEqual({ date: '2016-03-31', value: 485e9 });
    expect(path[path.length - 1].date).toBe('2020-03-31');
    expect(path[path.length - 1].value).toBeCloseTo(1e12, -3);
    // Halfway in time, the geometric mean: B · (V/B)^½.
    expect(path[(path.length - 1) / 2].value).toBeCloseTo(Math.sqrt(485e9 * 1e12), -3);
  });

  it('has no path without a baseline, and a range for a between target', () => {
    const data = chartData({
      target: target({ comparator: 'between', value: undefined, low: '5000000000000', high: '7000000000000' }),
      metric,
      metricHistory: history,
      fiscalYearEnd: '03-31',
    });
    expect(data.requiredPath).toEqual([]);
    expect(data.target).toEqual({ date: '2020-03-31', period: 'FY2020', low: 5e12, high: 7e12 });
  });
});
