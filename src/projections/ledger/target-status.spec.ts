import { eventsAsOf } from './bitemporal.js';
import { foldCompanyLedger } from './company-ledger.projection.js';
import { foldFxRates } from './fx-rates.projection.js';
import { evaluateTarget, scoreboard, type ScoreboardRow } from './target-status.js';
import { LedgerScript } from './test-events.js';

/** The scoreboard as a reader asking at `asOf` sees it. */
function rowsAt(script: LedgerScript, asOf: string): ScoreboardRow[] {
  const ledger = foldCompanyLedger(eventsAsOf(script.companyEvents, { asOf }));
  const fx = foldFxRates(eventsAsOf(script.fxEvents, { asOf }));
  return scoreboard(ledger, fx, asOf);
}

function rowAt(script: LedgerScript, asOf: string, targetId = 'rev-2020'): ScoreboardRow {
  const row = rowsAt(script, asOf).find((r) => r.targetId === targetId);
  if (row === undefined) throw new Error(`no row for ${targetId}`);
  return row;
}

/**
 * Acme (31 December year end, USD) promises revenue of at least 200 in FY2020 from 100 in
 * FY2016: exactly four years (1461 days), so the required rate is 2^(1/4) − 1 = 18.92 % a year
 * and the path stands at 100·2^(730/1461) = 141.39 at the end of FY2018.
 */
function acme(terms: Partial<Parameters<LedgerScript['announce']>[2]> = {}) {
  return new LedgerScript('acme')
    .register('12-31', 'USD')
    .define('revenue')
    .report('revenue', 'FY2016', '100', '2017-02-01')
    .announce('rev-2020', 'revenue', {
      comparator: 'gte',
      value: '200',
      deadline: 'FY2020',
      baseline: { period: 'FY2016' },
      announcedAt: '2017-03-01',
      ...terms,
    });
}

describe('target status', () => {
  describe('pending', () => {
    it('is pending while only the baseline is known, with the required rate already defined', () => {
      const row = rowAt(acme(), '2017-06-01');
      expect(row).toMatchObject({ status: 'pending', requiredGrowthRate: '0.1892', actualGrowthRate: null });
      expect(row.early).toBeUndefined();
      expect(row.missing).toBeUndefined();
    });

    it('is pending without a baseline period, whatever was reported', () => {
      const script = new LedgerScript()
        .register()
        .define('revenue')
        .announce('rev-2020', 'revenue', {
          comparator: 'gte',
          value: '200',
          deadline: 'FY2020',
          announcedAt: '2017-03-01',
        })
        .report('revenue', 'FY2018', '150', '2019-02-01');
      const row = rowAt(script, '2019-06-01');
      expect(row).toMatchObject({
        status: 'pending',
        progress: '0.75',
        figure: { period: 'FY2018', value: '150', currency: 'USD', reportedAt: '2019-02-01' },
        requiredGrowthRate: null,
        actualGrowthRate: null,
      });
    });

    it('is pending when the baseline figure has not been reported', () => {
      const script = new LedgerScript()
        .register()
        .define('revenue')
        .announce('rev-2020', 'revenue', {
          comparator: 'gte',
          value: '200',
          deadline: 'FY2020',
          baseline: { period: 'FY2016' },
          announcedAt: '2017-03-01',
        })
        .report('revenue', 'FY2018', '150', '2019-02-01');
      expect(rowAt(script, '2019-06-01').status).toBe('pending');
    });
  });

  describe('on the way to the deadline', () => {
    it('is on_track above the required path, with progress and both growth rates', () => {
      const script = acme().report('revenue', 'FY2018', '144', '2019-02-01');
      expect(rowAt(script, '2019-06-01')).toEqual({
        targetId: 'rev-2020',
        metricId: 'revenue',
        terms: { comparator: 'gte', value: '200', currency: 'USD', deadline: 'FY2020', baseline: { period: 'FY2016' } },
        announcedAt: '2017-03-01',
        status: 'on_track',
        progress: '0.72',
        figure: { period: 'FY2018', value: '144', currency: 'USD', reportedAt: '2019-02-01' },
        conversion: { basis: 'same_currency', value: '144' },
        // 2^(1/4) − 1 and (144/100)^(365.25/730) − 1
        requiredGrowthRate: '0.1892',
        actualGrowthRate: '0.2001',
        revisions: 0,
        deEmphasized: false,
        discontinued: false,
      });
    });

    it('is off_track below the required path (141.39 at the end of FY2018)', () => {
      const script = acme().report('revenue', 'FY2018', '140', '2019-02-01');
      expect(rowAt(script, '2019-06-01')).toMatchObject({
        status: 'off_track',
        progress: '0.7',
        actualGrowthRate: '0.1834',
      });
    });

    it('judges an lte target against its falling path', () => {
      const script = new LedgerScript()
        .register()
        .define('emissions', 'count')
        .report('emissions', 'FY2016', '200', '2017-02-01')
        .announce('rev-2020', 'emissions', {
          comparator: 'lte',
          value: '100',
          deadline: 'FY2020',
          baseline: { period: 'FY2016' },
          announcedAt: '2017-03-01',
        })
        .report('emissions', 'FY2018', '145', '2019-02-01');
      // path: 200·(1/2)^(730/1461) = 141.46; 145 is above it
      expect(rowAt(script, '2019-06-01')).toMatchObject({
        status: 'off_track',
        requiredGrowthRate: '-0.1591',
        conversion: null,
        figure: { period: 'FY2018', value: '145', reportedAt: '2019-02-01' },
      });
    });

    it('treats an eq target as a path to reach from the baseline side', () => {
      const script = acme({ comparator: 'eq' }).report('revenue', 'FY2018', '144', '2019-02-01');
      expect(rowAt(script, '2019-06-01')).toMatchObject({ status: 'on_track', progress: '0.72' });
    });

    it('puts a between target on track between the paths towards low and high', () => {
      const between = { comparator: 'between' as const, value: undefined, low: '180', high: '220' };
      // paths at the end of FY2018: 134.14 .. 148.28
      const inside = acme(between).report('revenue', 'FY2018', '144', '2019-02-01');
      const above = acme(between).report('revenue', 'FY2018', '150', '2019-02-01');
      expect(rowAt(inside, '2019-06-01')).toMatchObject({
        status: 'on_track',
        terms: { comparator: 'between', low: '180', high: '220' },
        progress: null,
        requiredGrowthRate: null,
        actualGrowthRate: null,
      });
      expect(rowAt(above, '2019-06-01').status).toBe('off_track');
    });
  });

  describe('at the deadline', () => {
    it('is achieved when the deadline figure meets the target', () => {
      const script = acme().report('revenue', 'FY2020', '200', '2021-02-01');
      expect(rowAt(script, '2021-03-01')).toMatchObject({
        status: 'achieved',
        progress: '1',
        figure: { period: 'FY2020', value: '200' },
        requiredGrowthRate: '0.1892',
        actualGrowthRate: '0.1892',
      });
    });

    it('is missed when it does not', () => {
      const script = acme().report('revenue', 'FY2020', '190', '2021-02-01');
      expect(rowAt(script, '2021-03-01')).toMatchObject({ status: 'missed', progress: '0.95' });
    });

    it('judges between by low ≤ x ≤ high', () => {
      const between = { comparator: 'between' as const, value: undefined, low: '180', high: '220' };
      expect(rowAt(acme(between).report('revenue', 'FY2020', '220', '2021-02-01'), '2021-03-01').status).toBe(
        'achieved',
      );
      expect(rowAt(acme(between).report('revenue', 'FY2020', '221', '2021-02-01'), '2021-03-01').status).toBe('missed');
    });

    it('compares eq exactly, beyond binary floating point', () => {
      const big = '9007199254740993';
      const exact = acme({ comparator: 'eq', value: big }).report('revenue', 'FY2020', big, '2021-02-01');
      const off = acme({ comparator: 'eq', value: big }).report('revenue', 'FY2020', '9007199254740992', '2021-02-01');
      expect(rowAt(exact, '2021-03-01').status).toBe('achieved');
      expect(rowAt(off, '2021-03-01').status).toBe('missed');
    });

    it('achieves early on the earliest earlier figure that already meets a gte target', () => {
      const script = acme()
        .report('revenue', 'FY2018', '210', '2019-02-01')
        .report('revenue', 'FY2019', '205', '2020-02-01');
      expect(rowAt(script, '2020-03-01')).toMatchObject({
        status: 'achieved',
        early: true,
        figure: { period: 'FY2018', value: '210' },
        progress: '1.05',
      });
    });

    it('achieves an lte target early too, but never an eq target', () => {
      const lte = acme({ comparator: 'lte', value: '90' }).report('revenue', 'FY2018', '80', '2019-02-01');
      const eq = acme({ comparator: 'eq' }).report('revenue', 'FY2018', '200', '2019-02-01');
      expect(rowAt(lte, '2019-06-01')).toMatchObject({ status: 'achieved', early: true });
      expect(rowAt(eq, '2019-06-01').early).toBeUndefined();
      expect(rowAt(eq, '2019-06-01').status).toBe('on_track');
    });

    it('lets the deadline figure decide even after an early achievement', () => {
      const script = acme()
        .report('revenue', 'FY2018', '210', '2019-02-01')
        .report('revenue', 'FY2020', '190', '2021-02-01');
      const row = rowAt(script, '2021-03-01');
      expect(row.status).toBe('missed');
      expect(row.early).toBeUndefined();
    });

    it('is awaiting_report once the deadline has ended without a figure', () => {
      const script = acme().report('revenue', 'FY2019', '170', '2020-02-01');
      expect(rowAt(script, '2021-01-15')).toMatchObject({
        status: 'awaiting_report',
        figure: { period: 'FY2019', value: '170' },
        progress: '0.85',
      });
      // on the deadline's last day it has not ended yet
      expect(rowAt(script, '2020-12-31').status).toBe('on_track');
    });

    it('is unverifiable when the metric is discontinued and the deadline figure never came', () => {
      const script = acme().discontinue('revenue', '2020-06-01', 'FY2019');
      expect(rowAt(script, '2021-01-15')).toMatchObject({ status: 'unverifiable', discontinued: true });
      expect(rowAt(script, '2020-05-01')).toMatchObject({ status: 'pending', discontinued: false });
    });
  });

  it('compares only periods of the deadline kind, matched by dates', () => {
    const script = new LedgerScript()
      .register('12-31', 'USD')
      .define('revenue')
      .announce('q4', 'revenue', { comparator: 'gte', value: '50', deadline: 'FY2020-Q4', announcedAt: '2020-01-15' })
      .report('revenue', 'FY2020', '200', '2021-02-01');
    // the year ends with Q4 but is not a quarter figure
    expect(rowAt(script, '2021-03-01', 'q4').status).toBe('awaiting_report');
    script.report('revenue', 'CY2020-Q4', '55', '2021-02-02');
    expect(rowAt(script, '2021-03-01', 'q4')).toMatchObject({
      status: 'achieved',
      figure: { period: 'CY2020-Q4', value: '55' },
    });
  });

  describe('withdrawn', () => {
    it('is withdrawn once the withdrawal is public, whatever the figures say', () => {
      const script = acme().report('revenue', 'FY2018', '210', '2019-02-01').withdraw('rev-2020', '2019-05-01');
      expect(rowAt(script, '2019-06-01')).toMatchObject({
        status: 'withdrawn',
        progress: null,
        figure: null,
        conversion: null,
        requiredGrowthRate: null,
        actualGrowthRate: null,
      });
      expect(rowAt(script, '2019-04-01')).toMatchObject({ status: 'achieved', early: true });
    });

    it('does not leak a later withdrawal into an earlier view of an unfiltered ledger', () => {
      const script = acme().withdraw('rev-2020', '2019-05-01');
      const ledger = foldCompanyLedger(script.companyEvents);
      const row = evaluateTarget(ledger.targets['rev-2020'], ledger.metrics.revenue, foldFxRates([]), '2018-01-01');
      expect(row.status).toBe('pending');
    });
  });

  it('ignores a figure reported after asOf even when the caller passes it in', () => {
    const script = acme().report('revenue', 'FY2020', '250', '2021-02-01');
    const ledger = foldCompanyLedger(script.companyEvents);
    const row = evaluateTarget(ledger.targets['rev-2020'], ledger.metrics.revenue, foldFxRates([]), '2021-01-15');
    expect(row.status).toBe('awaiting_report');
  });

  it('counts revisions and carries the metric flags', () => {
    const script = acme()
      .revise('rev-2020', { value: '220', announcedAt: '2018-01-01' })
      .revise('rev-2020', { deadline: 'FY2021', announcedAt: '2018-06-01' })
      .reaffirm('rev-2020', '2018-09-01')
      .deEmphasize('revenue', '2018-10-01');
    expect(rowAt(script, '2019-01-01')).toMatchObject({
      revisions: 2,
      deEmphasized: true,
      discontinued: false,
      terms: { value: '220', deadline: 'FY2021' },
      announcedAt: '2017-03-01',
    });
  });

  it('lists every target by id', () => {
    const script = acme().announce('a-first', 'revenue', {
      comparator: 'gte',
      value: '1',
      deadline: 'FY2018',
      announcedAt: '2017-03-01',
    });
    expect(rowsAt(script, '2017-06-01').map((r) => r.targetId)).toEqual(['a-first', 'rev-2020']);
  });
});

describe('target status across currencies', () => {
  /** A CNY reporter (31 December year end) with a USD target. */
  const cny = () =>
    new LedgerScript('sino').register('12-31', 'CNY').define('gmv').announce('rev-2020', 'gmv', {
      comparator: 'gte',
      value: '100',
      currency: 'USD',
      deadline: 'FY2022',
      announcedAt: '2020-01-15',
    });

  it('prefers the figure own translation to any FX rate', () => {
    const script = cny()
      .fxRate('CNY', 'USD', '0.15', { period: 'CY2022' })
      .fxRate('CNY', 'USD', '0.14', { date: '2022-12-30' })
      .report('gmv', 'FY2022', '700', '2023-03-01', { translations: [{ currency: 'USD', value: '101' }] });
    expect(rowAt(script, '2023-06-01')).toMatchObject({
      status: 'achieved',
      progress: '1.01',
      figure: { period: 'FY2022', value: '700', currency: 'CNY' },
      conversion: { basis: 'own_translation', from: 'CNY', to: 'USD', value: '101' },
    });
  });

  it('uses a rate recorded for a calendar period with the same dates (CY2022 ≡ FY2022)', () => {
    const script = cny()
      .fxRate('CNY', 'USD', '0.15', { period: 'CY2022' })
      .fxRate('CNY', 'USD', '0.14', { date: '2022-12-30' })
      .report('gmv', 'FY2022', '700', '2023-03-01');
    expect(rowAt(script, '2023-06-01')).toMatchObject({
      status: 'achieved',
      progress: '1.05',
      conversion: { basis: 'fx_period', from: 'CNY', to: 'USD', rate: '0.15', value: '105' },
    });
  });

  it('falls back to the nearest rate at or before the period end', () => {
    const script = cny()
      .fxRate('CNY', 'USD', '0.13', { date: '2022-06-30' })
      .fxRate('CNY', 'USD', '0.14', { date: '2022-12-30' })
      .fxRate('CNY', 'USD', '0.2', { date: '2023-01-02' })
      .report('gmv', 'FY2022', '700', '2023-03-01');
    expect(rowAt(script, '2023-06-01')).toMatchObject({
      status: 'missed',
      progress: '0.98',
      conversion: { basis: 'fx_nearest', rate: '0.14', value: '98' },
    });
  });

  it('uses the inverse pair when only that is recorded, dividing by its rate', () => {
    const script = cny().fxRate('USD', 'CNY', '7', { period: 'CY2022' }).report('gmv', 'FY2022', '700', '2023-03-01');
    expect(rowAt(script, '2023-06-01')).toMatchObject({
      status: 'achieved',
      conversion: { basis: 'fx_period', from: 'CNY', to: 'USD', rate: '0.142857142857', value: '100' },
    });
  });

  it('is not_comparable when the figure it rests on has no rate, and names the missing one', () => {
    const script = cny().report('gmv', 'FY2022', '700', '2023-03-01');
    expect(rowAt(script, '2023-06-01')).toMatchObject({
      status: 'not_comparable',
      missing: { from: 'CNY', to: 'USD', period: 'FY2022' },
      progress: null,
      conversion: null,
      figure: { period: 'FY2022', value: '700', currency: 'CNY' },
    });
  });

  it('needs rates only for the figures the status rests on', () => {
    const script = cny()
      .report('gmv', 'FY2020', '500', '2021-03-01')
      .report('gmv', 'FY2022', '700', '2023-03-01', { translations: [{ currency: 'USD', value: '101' }] });
    expect(rowAt(script, '2023-06-01').status).toBe('achieved');
  });

  it('needs the baseline and the latest figure converted to draw the path', () => {
    const script = new LedgerScript('sino')
      .register('12-31', 'CNY')
      .define('gmv')
      .report('gmv', 'FY2018', '500', '2019-03-01', { translations: [{ currency: 'USD', value: '75' }] })
      .announce('rev-2020', 'gmv', {
        comparator: 'gte',
        value: '150',
        currency: 'USD',
        deadline: 'FY2022',
        baseline: { period: 'FY2018' },
        announcedAt: '2019-04-15',
      })
      .report('gmv', 'FY2020', '700', '2021-03-01');
    expect(rowAt(script, '2021-06-01')).toMatchObject({
      status: 'not_comparable',
      missing: { from: 'CNY', to: 'USD', period: 'FY2020' },
      requiredGrowthRate: '0.1892',
    });
    script.fxRate('USD', 'CNY', '6.5', { date: '2020-12-31' });
    expect(rowAt(script, '2021-06-01')).toMatchObject({
      status: 'on_track',
      // path: 75·2^(731/1461) = 106.09
      conversion: { basis: 'fx_nearest', rate: '0.153846153846', value: '107.6923' },
    });
  });
});

describe('the Alibaba GMV target', () => {
  /**
   * FY2016 GMV RMB 3,092 bn (US$485 bn as translated by Alibaba); on 2016-06-14 the US$1 tn
   * FY2020 target; FY2020 GMV RMB 7,053 bn, "over US$1 trillion". Alibaba's year ends 31 March.
   */
  const alibaba = () =>
    new LedgerScript('alibaba')
      .register('03-31', 'CNY', 'Alibaba Group')
      .define('gmv', 'currency', 'GMV', 'China retail marketplaces GMV')
      .report('gmv', 'FY2016', '3092000000000', '2016-05-05', {
        translations: [{ currency: 'USD', value: '485000000000' }],
      })
      .announce('gmv-1tn', 'gmv', {
        comparator: 'gte',
        value: '1000000000000',
        currency: 'USD',
        deadline: 'FY2020',
        baseline: { period: 'FY2016' },
        announcedAt: '2016-06-14',
        announcedBy: 'Jack Ma',
      })
      .deEmphasize('gmv', '2016-06-14', 'GMV should no longer be the only indicator of success')
      .report('gmv', 'FY2017', '3767000000000', '2017-05-18', {
        translations: [{ currency: 'USD', value: '547000000000' }],
      })
      .report('gmv', 'FY2018', '4820000000000', '2018-05-04', {
        translations: [{ currency: 'USD', value: '768000000000' }],
      })
      .report('gmv', 'FY2020', '7053000000000', '2020-05-22', {
        translations: [{ currency: 'USD', value: '1000000000000' }],
      });

  it('is pending before FY2017 is reported: only the baseline is known', () => {
    expect(rowAt(alibaba(), '2017-01-01', 'gmv-1tn')).toMatchObject({
      status: 'pending',
      // (1000/485)^(1/4) − 1 over the four years 2016-03-31 .. 2020-03-31
      requiredGrowthRate: '0.1983',
      actualGrowthRate: null,
      deEmphasized: true,
    });
  });

  it('is off_track on FY2017 (US$547 bn against a path at US$581.1 bn)', () => {
    expect(rowAt(alibaba(), '2017-06-01', 'gmv-1tn')).toMatchObject({
      status: 'off_track',
      progress: '0.547',
      actualGrowthRate: '0.1279',
      figure: { period: 'FY2017', value: '3767000000000', currency: 'CNY', reportedAt: '2017-05-18' },
      conversion: { basis: 'own_translation', from: 'CNY', to: 'USD', value: '547000000000' },
    });
  });

  it('is on_track on FY2018 (US$768 bn against a path at US$696.2 bn)', () => {
    expect(rowAt(alibaba(), '2018-06-01', 'gmv-1tn')).toMatchObject({
      status: 'on_track',
      progress: '0.768',
      actualGrowthRate: '0.2586',
    });
  });

  it('awaits the report between the deadline and the FY2020 results', () => {
    expect(rowAt(alibaba(), '2020-04-15', 'gmv-1tn')).toMatchObject({
      status: 'awaiting_report',
      figure: { period: 'FY2018' },
    });
  });

  it('is achieved through Alibaba own US$ translation of FY2020', () => {
    expect(rowAt(alibaba(), '2020-06-01', 'gmv-1tn')).toEqual({
      targetId: 'gmv-1tn',
      metricId: 'gmv',
      terms: {
        comparator: 'gte',
        value: '1000000000000',
        currency: 'USD',
        deadline: 'FY2020',
        baseline: { period: 'FY2016' },
      },
      announcedAt: '2016-06-14',
      status: 'achieved',
      progress: '1',
      figure: { period: 'FY2020', value: '7053000000000', currency: 'CNY', reportedAt: '2020-05-22' },
      conversion: { basis: 'own_translation', from: 'CNY', to: 'USD', value: '1000000000000' },
      requiredGrowthRate: '0.1983',
      actualGrowthRate: '0.1983',
      revisions: 0,
      deEmphasized: true,
      discontinued: false,
    });
  });
});
