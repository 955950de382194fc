import { historyEntries, type HistoryEntry } from './history.js';
import { LedgerScript, SOURCE } from './test-events.js';

const lastEntry = (script: LedgerScript): HistoryEntry => {
  const entry = historyEntries(script.events).at(-1);
  if (entry === undefined) throw new Error('no entries');
  return entry;
};

const base = () =>
  new LedgerScript('alibaba').register('03-31', 'CNY', 'Alibaba Group').define('gmv', 'currency', 'GMV');

describe('historyEntries', () => {
  it('gives one entry per event in the order given, with the record and business dates', () => {
    const script = new LedgerScript('alibaba')
      .recordAt('2024-05-01T08:00:00.000Z')
      .register('03-31', 'CNY', 'Alibaba Group')
      .define('gmv', 'currency', 'GMV', 'China retail marketplaces GMV');
    const entries = historyEntries(script.events);
    expect(entries).toEqual([
      {
        position: 1,
        stream: 'company-alibaba',
        revision: 0,
        type: 'CompanyRegistered',
        recordedAt: '2024-05-01T08:00:00.000Z',
        recordedBy: 'analyst',
        businessDate: null,
        changes: [
          { field: 'companyId', from: null, to: 'alibaba' },
          { field: 'name', from: null, to: 'Alibaba Group' },
          { field: 'fiscalYearEnd', from: null, to: '03-31' },
          { field: 'reportingCurrency', from: null, to: 'CNY' },
        ],
        source: null,
        reason: null,
      },
      {
        position: 2,
        stream: 'metric-alibaba.gmv',
        revision: 0,
        type: 'MetricDefined',
        recordedAt: '2024-05-01T08:00:01.000Z',
        recordedBy: 'analyst',
        businessDate: null,
        changes: [
          { field: 'name', from: null, to: 'GMV' },
          { field: 'unit', from: null, to: 'currency' },
          { field: 'definition', from: null, to: 'China retail marketplaces GMV' },
        ],
        source: null,
        reason: null,
      },
    ]);
  });

  describe('metric lifecycle', () => {
    it('MetricRedefined: definition and effective period from the previous ones', () => {
      const script = new LedgerScript('alibaba')
        .register('03-31', 'CNY')
        .define('gmv', 'currency', 'GMV', 'China retail marketplaces GMV')
        .redefine('gmv', 'Digital economy GMV', 'FY2020', '2020-05-22', 'wider scope')
        .redefine('gmv', 'Ecosystem GMV', 'FY2021', '2021-05-13');
      const [first, second] = historyEntries(script.events).slice(-2);
      expect(first).toMatchObject({
        businessDate: '2020-05-22',
        changes: [
          { field: 'definition', from: 'China retail marketplaces GMV', to: 'Digital economy GMV' },
          { field: 'effectiveFrom', from: null, to: 'FY2020' },
        ],
        source: SOURCE,
        reason: 'wider scope',
      });
      expect(second?.changes).toEqual([
        { field: 'definition', from: 'Digital economy GMV', to: 'Ecosystem GMV' },
        { field: 'effectiveFrom', from: 'FY2020', to: 'FY2021' },
      ]);
      expect(second?.reason).toBeNull();
    });

    it('MetricDeEmphasized: the flag, with the note as the reason', () => {
      const script = base().deEmphasize('gmv', '2016-06-14', 'not the only metric');
      expect(lastEntry(script)).toMatchObject({
        type: 'MetricDeEmphasized',
        businessDate: '2016-06-14',
        changes: [{ field: 'deEmphasized', from: false, to: true }],
        reason: 'not the only metric',
      });
    });

    it('MetricDiscontinued: the flag and the last period', () => {
      const script = base().discontinue('gmv', '2023-05-18', 'FY2022');
      expect(lastEntry(script).changes).toEqual([
        { field: 'discontinued', from: false, to: true },
        { field: 'lastPeriod', from: null, to: 'FY2022' },
      ]);
    });

    it('MetricReinstated: the flags it undid and the last period it dropped', () => {
      const script = base()
        .deEmphasize('gmv', '2016-06-14')
        .discontinue('gmv', '2023-05-18', 'FY2022')
        .reinstate('gmv', '2024-05-01');
      expect(lastEntry(script)).toMatchObject({
        businessDate: '2024-05-01',
        changes: [
          { field: 'deEmphasized', from: true, to: false },
          { field: 'discontinued', from: true, to: false },
          { field: 'lastPeriod', from: 'FY2022', to: null },
        ],
      });
    });
  });

  describe('figures', () => {
    const reported = () =>
      base().report('gmv', 'FY2016', '3092000000000', '2016-05-05', {
        translations: [{ currency: 'USD', value: '485000000000' }],
      });

    it('FigureReported: value, currency and translations from null', () => {
      expect(lastEntry(reported())).toMatchObject({
        type: 'FigureReported',
        businessDate: '2016-05-05',
        changes: [
          { field: 'figures.FY2016.value', from: null, to: '3092000000000' },
          { field: 'figures.FY2016.currency', from: null, to: 'CNY' },
          { field: 'figures.FY2016.translations', from: null, to: [{ currency: 'USD', value: '485000000000' }] },
        ],
        source: SOURCE,
        reason: null,
      });
    });

    it('FigureRestated: what the company changed, with its reason', () => {
      const script = reported().restate('gmv', 'FY2016', '3100000000000', '2017-05-18', {
        reason: 'scope change',
        translations: [{ currency: 'USD', value: '485000000000' }],
      });
      expect(lastEntry(script)).toMatchObject({
        businessDate: '2017-05-18',
        changes: [{ field: 'figures.FY2016.value', from: '3092000000000', to: '3100000000000' }],
        reason: 'scope change',
      });
    });

    it('FigureRestated: currency when it changed', () => {
      const script = reported().restate('gmv', 'FY2016', '485000000000', '2017-05-18', { currency: 'USD' });
      expect(lastEntry(script).changes).toEqual([
        { field: 'figures.FY2016.value', from: '3092000000000', to: '485000000000' },
        { field: 'figures.FY2016.currency', from: 'CNY', to: 'USD' },
        {
          field: 'figures.FY2016.translations',
          from: [{ currency: 'USD', value: '485000000000' }],
          to: [],
        },
      ]);
    });

    it('FigureCorrected: each corrected field from its previous value, no business date of its own', () => {
      const script = reported().correctFigure('gmv', 'FY2016', {
        value: '3029000000000',
        reportedAt: '2016-05-06',
        reason: 'digits swapped',
      });
      expect(lastEntry(script)).toMatchObject({
        type: 'FigureCorrected',
        businessDate: null,
        changes: [
          { field: 'figures.FY2016.value', from: '3092000000000', to: '3029000000000' },
          { field: 'figures.FY2016.reportedAt', from: '2016-05-05', to: '2016-05-06' },
        ],
        source: null,
        reason: 'digits swapped',
      });
    });
  });

  describe('targets', () => {
    const announced = () =>
      base().announce('gmv-1tn', 'gmv', {
        comparator: 'gte',
        value: '1000000000000',
        currency: 'USD',
        deadline: 'FY2020',
        baseline: { period: 'FY2016' },
        announcedAt: '2016-06-14',
        announcedBy: 'Jack Ma',
      });

    it('TargetAnnounced: each term from null', () => {
      expect(lastEntry(announced())).toMatchObject({
        stream: 'target-alibaba.gmv-1tn',
        type: 'TargetAnnounced',
        businessDate: '2016-06-14',
        changes: [
          { field: 'comparator', from: null, to: 'gte' },
          { field: 'value', from: null, to: '1000000000000' },
          { field: 'currency', from: null, to: 'USD' },
          { field: 'deadline', from: null, to: 'FY2020' },
          { field: 'baseline', from: null, to: 'FY2016' },
        ],
        source: SOURCE,
      });
    });

    it('TargetRevised: each changed term from old to new', () => {
      const script = announced().revise('gmv-1tn', {
        comparator: 'between',
        low: '900000000000',
        high: '1100000000000',
        deadline: 'FY2021',
        announcedAt: '2017-06-08',
        reason: 'exchange-rate gap',
      });
      expect(lastEntry(script)).toMatchObject({
        businessDate: '2017-06-08',
        changes: [
          { field: 'comparator', from: 'gte', to: 'between' },
          { field: 'value', from: '1000000000000', to: null },
          { field: 'low', from: null, to: '900000000000' },
          { field: 'high', from: null, to: '1100000000000' },
          { field: 'deadline', from: 'FY2020', to: 'FY2021' },
        ],
        reason: 'exchange-rate gap',
      });
    });

    it('TargetReaffirmed: no changes, but a business date', () => {
      expect(lastEntry(announced().reaffirm('gmv-1tn', '2017-06-08'))).toMatchObject({
        type: 'TargetReaffirmed',
        businessDate: '2017-06-08',
        changes: [],
      });
    });

    it('TargetWithdrawn: the status', () => {
      expect(lastEntry(announced().withdraw('gmv-1tn', '2019-01-01', 'no longer a goal'))).toMatchObject({
        changes: [{ field: 'status', from: 'active', to: 'withdrawn' }],
        reason: 'no longer a goal',
      });
    });

    it('TargetCorrected: each corrected field from its previous value', () => {
      const script = announced().correctTarget('gmv-1tn', {
        baseline: null,
        announcedAt: '2016-06-15',
        announcedBy: 'Daniel Zhang',
        reason: 'wrong speaker',
      });
      expect(lastEntry(script)).toMatchObject({
        businessDate: null,
        changes: [
          { field: 'baseline', from: 'FY2016', to: null },
          { field: 'announcedAt', from: '2016-06-14', to: '2016-06-15' },
          { field: 'announcedBy', from: 'Jack Ma', to: 'Daniel Zhang' },
        ],
        reason: 'wrong speaker',
      });
    });
  });

  it('reads several streams of a company together, in commit order', () => {
    const script = base().report('gmv', 'FY2016', '3092000000000', '2016-05-05').announce('gmv-6tn', 'gmv', {
      comparator: 'gte',
      value: '6000000000000',
      deadline: 'FY2020',
      announcedAt: '2016-06-14',
    });
    expect(historyEntries(script.events).map((e) => [e.position, e.stream, e.revision])).toEqual([
      [1, 'company-alibaba', 0],
      [2, 'metric-alibaba.gmv', 0],
      [3, 'metric-alibaba.gmv', 1],
      [4, 'target-alibaba.gmv-6tn', 0],
    ]);
  });
});
