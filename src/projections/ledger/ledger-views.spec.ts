import { foldCompanyLedger, initialCompanyLedger } from './company-ledger.projection.js';
import { foldFxRates } from './fx-rates.projection.js';
import { companyView, metricView, targetView } from './ledger-views.js';
import { LedgerScript, SOURCE } from './test-events.js';

const acme = () =>
  new LedgerScript('acme')
    .register('12-31', 'USD', 'Acme Corp')
    .define('revenue', 'currency', 'Revenue', 'Net revenue')
    .define('customers', 'count', 'Customers')
    .define('arpu', 'currency', 'ARPU')
    .report('revenue', 'FY2021', '100', '2022-02-01')
    .report('revenue', 'FY2021-Q4', '30', '2022-02-01')
    .report('revenue', 'FY2020', '90', '2021-02-01')
    .restate('revenue', 'FY2020', '91', '2021-06-01')
    .correctFigure('revenue', 'FY2021', { value: '101' })
    .deEmphasize('customers', '2022-03-01')
    .discontinue('arpu', '2022-03-01', 'FY2021')
    .redefine('revenue', 'Revenue incl. services', 'FY2022', '2022-03-01');

describe('companyView', () => {
  it('is null before the company is registered', () => {
    expect(companyView(initialCompanyLedger())).toBeNull();
  });

  it('lists the metrics by id with their lifecycle state', () => {
    expect(companyView(foldCompanyLedger(acme().events))).toEqual({
      companyId: 'acme',
      name: 'Acme Corp',
      fiscalYearEnd: '12-31',
      reportingCurrency: 'USD',
      metrics: [
        {
          metricId: 'arpu',
          name: 'ARPU',
          unit: 'currency',
          definition: null,
          lifecycle: 'discontinued',
          redefined: false,
          deEmphasized: false,
          deEmphasizedAt: null,
          discontinued: true,
          discontinuedAt: '2022-03-01',
          lastPeriod: 'FY2021',
        },
        expect.objectContaining({ metricId: 'customers', lifecycle: 'de_emphasized', deEmphasizedAt: '2022-03-01' }),
        expect.objectContaining({
          metricId: 'revenue',
          lifecycle: 'active',
          redefined: true,
          definition: 'Revenue incl. services',
        }),
      ],
    });
  });
});

describe('metricView', () => {
  it('is null for an unknown metric', () => {
    expect(metricView(foldCompanyLedger(acme().events), 'nope')).toBeNull();
  });

  it('lists the current figures by period end, with restated and corrected flags', () => {
    const view = metricView(foldCompanyLedger(acme().events), 'revenue');
    expect(view?.figures.map((f) => [f.period, f.value, f.currency, f.reportedAt, f.restated, f.corrected])).toEqual([
      ['FY2020', '91', 'USD', '2021-06-01', true, false],
      ['FY2021-Q4', '30', 'USD', '2022-02-01', false, false],
      ['FY2021', '101', 'USD', '2022-02-01', false, true],
    ]);
    expect(view).toMatchObject({
      companyId: 'acme',
      metricId: 'revenue',
      lifecycle: 'active',
      definitions: [
        expect.objectContaining({ definition: 'Net revenue' }),
        expect.objectContaining({ definition: 'Revenue incl. services', statedAt: '2022-03-01' }),
      ],
    });
  });
});

describe('targetView', () => {
  it('is null for an unknown target', () => {
    expect(targetView(foldCompanyLedger(acme().events), foldFxRates([]), 'nope', '2022-06-01')).toBeNull();
  });

  it('has the scoreboard row plus who announced it, sources and the withdrawal', () => {
    const script = acme()
      .announce('rev-2023', 'revenue', {
        comparator: 'gte',
        value: '150',
        deadline: 'FY2023',
        baseline: { period: 'FY2021' },
        announcedAt: '2022-03-01',
        announcedBy: 'CEO',
        note: 'investor day',
      })
      .reaffirm('rev-2023', '2022-09-01')
      .withdraw('rev-2023', '2023-01-10', 'strategy change');
    const ledger = foldCompanyLedger(script.events);
    expect(targetView(ledger, foldFxRates([]), 'rev-2023', '2023-02-01')).toMatchObject({
      companyId: 'acme',
      targetId: 'rev-2023',
      status: 'withdrawn',
      terms: { comparator: 'gte', value: '150', currency: 'USD', deadline: 'FY2023', baseline: { period: 'FY2021' } },
      announcedAt: '2022-03-01',
      lastAnnouncedAt: '2023-01-10',
      announcedBy: 'CEO',
      source: SOURCE,
      note: 'investor day',
      reaffirmations: ['2022-09-01'],
      withdrawn: { at: '2023-01-10', reason: 'strategy change' },
    });
  });
});
