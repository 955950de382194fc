import { deciderSpec } from '../shared/decider-spec.js';
import type { RecordFxRate } from './fx.commands.js';
import { fxDecider } from './fx.decider.js';
import type { FxRateRecorded } from './fx.events.js';

const given = deciderSpec(fxDecider);
const metadata = { now: '2024-01-01T00:00:00.000Z', actor: 'analyst' };
const source = { title: 'Federal Reserve H.10' };

const record = (data: Partial<RecordFxRate['data']>): RecordFxRate => ({
  type: 'RecordFxRate',
  data: { from: 'CNY', to: 'USD', rate: '0.1434', source, ...data },
  metadata,
});

const periodRate: FxRateRecorded = {
  type: 'FxRateRecorded',
  data: {
    from: 'CNY',
    to: 'USD',
    rate: '0.1434',
    period: 'CY2020',
    periodStart: '2020-01-01',
    periodEnd: '2020-12-31',
    source,
  },
};

const dateRate: FxRateRecorded = {
  type: 'FxRateRecorded',
  data: { from: 'CNY', to: 'USD', rate: '0.1412', date: '2020-03-31', source },
};

describe('RecordFxRate', () => {
  it('records a rate for a calendar period with its dates', () => {
    given([])
      .when(record({ period: 'CY2020' }))
      .then([periodRate]);
  });

  it('resolves calendar quarters', () => {
    given([])
      .when(record({ period: 'CY2020-Q2' }))
      .then([
        {
          type: 'FxRateRecorded',
          data: {
            ...periodRate.data,
            period: 'CY2020-Q2',
            periodStart: '2020-04-01',
            periodEnd: '2020-06-30',
          },
        },
      ]);
  });

  it('records a spot rate for a date', () => {
    given([periodRate])
      .when(record({ rate: '0.1412', date: '2020-03-31' }))
      .then([dateRate]);
  });

  it('refuses fiscal periods: a rate belongs to no company', () => {
    given([])
      .when(record({ period: 'FY2020' }))
      .thenThrows('FX_PERIOD_NOT_CALENDAR', { category: 'validation', field: 'period', message: /CY2020/ });
  });

  it('needs two different currencies', () => {
    given([])
      .when(record({ to: 'CNY', date: '2020-03-31' }))
      .thenThrows('FX_SAME_CURRENCY', { category: 'validation', field: 'to' });
  });

  it.each(['0', '-0.5'])('needs a positive rate, not %s', (rate) => {
    given([])
      .when(record({ rate, date: '2020-03-31' }))
      .thenThrows('FX_RATE_NOT_POSITIVE', { category: 'validation', field: 'rate' });
  });

  it('needs exactly one of period and date', () => {
    given([]).when(record({})).thenThrows('FX_PERIOD_OR_DATE', { category: 'validation' });
    given([])
      .when(record({ period: 'CY2020', date: '2020-03-31' }))
      .thenThrows('FX_PERIOD_OR_DATE', { category: 'validation' });
  });

  it('refuses a second rate for the same period or date', () => {
    given([periodRate])
      .when(record({ rate: '0.15', period: 'CY2020' }))
      .thenThrows('FX_RATE_ALREADY_RECORDED', { category: 'conflict', field: 'period' });
    given([periodRate, dateRate])
      .when(record({ rate: '0.15', date: '2020-03-31' }))
      .thenThrows('FX_RATE_ALREADY_RECORDED', { category: 'conflict', field: 'date' });
  });

  it('re-checks currencies, the rate and the source', () => {
    given([])
      .when(record({ from: 'RMB', date: '2020-03-31' }))
      .thenThrows('INVALID_CURRENCY', { field: 'from' });
    given([])
      .when(record({ rate: '1.50', date: '2020-03-31' }))
      .thenThrows('INVALID_DECIMAL', { field: 'rate' });
    given([])
      .when(record({ date: '2020-03-31', source: { publisher: 'x' } }))
      .thenThrows('INVALID_SOURCE', { field: 'source.url' });
  });
});
