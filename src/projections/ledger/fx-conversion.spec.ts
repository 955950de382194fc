import type { LedgerFigure } from './company-ledger.projection.js';
import { convertFigure } from './fx-conversion.js';
import { foldFxRates } from './fx-rates.projection.js';
import { LedgerScript, SOURCE } from './test-events.js';

/** FY2023-Q1 of a 31 December company: 2023-01-01 .. 2023-03-31, CNY 1000. */
const figure = (overrides: Partial<LedgerFigure> = {}): LedgerFigure => ({
  period: 'FY2023-Q1',
  periodStart: '2023-01-01',
  periodEnd: '2023-03-31',
  value: '1000',
  currency: 'CNY',
  reportedAt: '2023-04-20',
  source: SOURCE,
  translations: [],
  restated: false,
  corrected: false,
  setBy: 1,
  history: [],
  ...overrides,
});

const rates = (build: (script: LedgerScript) => LedgerScript) => foldFxRates(build(new LedgerScript()).fxEvents);

describe('convertFigure', () => {
  it('leaves figures of non-currency metrics (and targets without currency) alone', () => {
    expect(
      convertFigure(
        figure({ currency: null }),
        'USD',
        rates((s) => s),
        '2024-01-01',
      ),
    ).toEqual({
      ok: true,
      value: '1000',
      conversion: null,
    });
    expect(
      convertFigure(
        figure(),
        null,
        rates((s) => s),
        '2024-01-01',
      ),
    ).toMatchObject({ conversion: null });
  });

  it('says same_currency when nothing needs converting', () => {
    expect(
      convertFigure(
        figure(),
        'CNY',
        rates((s) => s),
        '2024-01-01',
      ),
    ).toEqual({
      ok: true,
      value: '1000',
      conversion: { basis: 'same_currency', value: '1000' },
    });
  });

  it('counts a period rate at its end date when looking for the nearest earlier rate', () => {
    const fx = rates((s) =>
      s.fxRate('CNY', 'USD', '0.13', { date: '2022-06-30' }).fxRate('CNY', 'USD', '0.14', { period: 'CY2022' }),
    );
    expect(convertFigure(figure(), 'USD', fx, '2024-01-01')).toEqual({
      ok: true,
      value: '140',
      conversion: { basis: 'fx_nearest', from: 'CNY', to: 'USD', rate: '0.14', value: '140' },
    });
  });

  it('uses the matching calendar quarter as the period rate', () => {
    const fx = rates((s) =>
      s.fxRate('CNY', 'USD', '0.15', { period: 'CY2023-Q1' }).fxRate('CNY', 'USD', '0.14', { date: '2023-03-31' }),
    );
    expect(convertFigure(figure(), 'USD', fx, '2024-01-01')).toMatchObject({
      conversion: { basis: 'fx_period', rate: '0.15', value: '150' },
    });
  });

  it('never uses a rate dated after the period end', () => {
    const fx = rates((s) => s.fxRate('CNY', 'USD', '0.14', { date: '2023-04-01' }));
    expect(convertFigure(figure(), 'USD', fx, '2024-01-01')).toEqual({
      ok: false,
      missing: { from: 'CNY', to: 'USD', period: 'FY2023-Q1' },
    });
  });

  it('prefers the nearer inverse rate to an older direct one, and the direct one on the same date', () => {
    const older = rates((s) =>
      s.fxRate('CNY', 'USD', '0.1', { date: '2022-01-03' }).fxRate('USD', 'CNY', '8', { date: '2023-03-30' }),
    );
    const sameDay = rates((s) =>
      s.fxRate('CNY', 'USD', '0.1', { date: '2023-03-30' }).fxRate('USD', 'CNY', '8', { date: '2023-03-30' }),
    );
    expect(convertFigure(figure(), 'USD', older, '2024-01-01')).toMatchObject({
      conversion: { basis: 'fx_nearest', rate: '0.125', value: '125' },
    });
    expect(convertFigure(figure(), 'USD', sameDay, '2024-01-01')).toMatchObject({
      conversion: { basis: 'fx_nearest', rate: '0.1', value: '100' },
    });
  });

  it('ignores rates not yet public at asOf', () => {
    const fx = rates((s) => s.fxRate('CNY', 'USD', '0.14', { date: '2023-03-30' }));
    expect(convertFigure(figure(), 'USD', fx, '2023-03-29')).toMatchObject({ ok: false });
  });
});
