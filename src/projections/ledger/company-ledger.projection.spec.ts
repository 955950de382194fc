import type { StoredEvent } from '../../event-store/event-store.port.js';
import { deepFreeze } from '../../shared/deep-freeze.js';
import {
  assembleCompanyLedger,
  type CompanyLedger,
  figureYearOf,
  foldCompanyLedger,
  foldFiguresPart,
  foldLedgerPart,
  initialCompanyLedger,
  type LedgerPart,
  projectCompanyLedger,
  projectFiguresPart,
  projectLedgerPart,
} from './company-ledger.projection.js';
import { foldFxRates } from './fx-rates.projection.js';
import { LedgerScript, SOURCE } from './test-events.js';

/** Alibaba's GMV story, with every kind of company event in it. */
const alibaba = () =>
  new LedgerScript('alibaba')
    .recordAt('2024-05-01T08:00:00.000Z')
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
      note: 'framed as US$1 tn',
    })
    .deEmphasize('gmv', '2016-06-14', 'not the only metric')
    .reaffirm('gmv-1tn', '2017-06-08')
    .redefine('gmv', 'Digital economy GMV', 'FY2020', '2020-05-22')
    .report('gmv', 'FY2020', '7053000000000', '2020-05-22')
    .restate('gmv', 'FY2020', '7054000000000', '2020-08-20', { reason: 'late adjustment' })
    .correctFigure('gmv', 'FY2020', { value: '7053000000000', reason: 'restated value mistyped' })
    .discontinue('gmv', '2023-05-18', 'FY2022')
    .fxRate('CNY', 'USD', '0.1418', { period: 'CY2020' });

describe('projectCompanyLedger', () => {
  it('folds from scratch to exactly what projecting event by event gives, without touching that result', () => {
    const script = alibaba()
      .report('gmv', 'FY2017', '3767000000000', '2017-05-18')
      .report('gmv', 'FY2018', '4820000000000', '2018-05-04');
    const stepwise: ReturnType<typeof initialCompanyLedger>[] = [];
    const byEvent = script.events.reduce((ledger, event) => {
      const next = projectCompanyLedger(ledger, event);
      stepwise.push(next);
      return next;
    }, initialCompanyLedger());
    const snapshots = JSON.stringify(stepwise);
    const folded = foldCompanyLedger(script.events);
    expect(JSON.stringify(folded)).toBe(JSON.stringify(byEvent));
    // The in-place fold builds its own objects: every intermediate state above is as it was.
    expect(JSON.stringify(stepwise)).toBe(snapshots);
  });

  it('folds on from a stored (frozen) document without touching it, to what projecting event by event gives', () => {
    const { events } = alibaba().report('gmv', 'FY2017', '3767000000000', '2017-05-18');
    const half = Math.floor(events.length / 2);
    const stored = deepFreeze(JSON.parse(JSON.stringify(foldCompanyLedger(events.slice(0, half)))) as CompanyLedger);
    const before = JSON.stringify(stored);
    const folded = foldCompanyLedger(events.slice(half), stored);
    expect(JSON.stringify(folded)).toBe(JSON.stringify(events.reduce(projectCompanyLedger, initialCompanyLedger())));
    expect(JSON.stringify(stored)).toBe(before);
  });

  it('starts empty', () => {
    expect(initialCompanyLedger()).toEqual({ company: null, metrics: {}, targets: {}, position: 0 });
  });

  it('holds the company', () => {
    expect(foldCompanyLedger(alibaba().events).company).toEqual({
      companyId: 'alibaba',
      name: 'Alibaba Group',
      fiscalYearEnd: '03-31',
      reportingCurrency: 'CNY',
    });
  });

  it('holds a metric with its definitions and lifecycle', () => {
    const metric = foldCompanyLedger(alibaba().events).metrics.gmv;
    expect(metric).toMatchObject({
      metricId: 'gmv',
      name: 'GMV',
      unit: 'currency',
      definition: 'Digital economy GMV',
      deEmphasized: true,
      deEmphasizedAt: '2016-06-14',
      discontinued: true,
      discontinuedAt: '2023-05-18',
      lastPeriod: { period: 'FY2022', start: '2021-04-01', end: '2022-03-31' },
      reinstatedAt: null,
      revision: 7,
    });
    expect(metric?.definitions).toEqual([
      {
        definition: 'China retail marketplaces GMV',
        effectiveFrom: null,
        statedAt: null,
        reason: null,
        revision: 0,
        recordedAt: '2024-05-01T08:00:01.000Z',
      },
      {
        definition: 'Digital economy GMV',
        effectiveFrom: { period: 'FY2020', start: '2019-04-01', end: '2020-03-31' },
        statedAt: '2020-05-22',
        reason: null,
        revision: 3,
        recordedAt: '2024-05-01T08:00:06.000Z',
      },
    ]);
  });

  it('reinstatement clears de-emphasis and discontinuation', () => {
    const metric = foldCompanyLedger(alibaba().reinstate('gmv', '2024-05-20').events).metrics.gmv;
    expect(metric).toMatchObject({
      deEmphasized: false,
      deEmphasizedAt: null,
      discontinued: false,
      discontinuedAt: null,
      lastPeriod: null,
      reinstatedAt: '2024-05-20',
    });
  });

  it('keeps each figure by its dates, with its current value, flags and value history', () => {
    const figures = foldCompanyLedger(alibaba().events).metrics.gmv?.figures ?? {};
    expect(Object.keys(figures)).toEqual(['2015-04-01..2016-03-31', '2019-04-01..2020-03-31']);
    expect(figures['2015-04-01..2016-03-31']).toMatchObject({
      period: 'FY2016',
      value: '3092000000000',
      currency: 'CNY',
      translations: [{ currency: 'USD', value: '485000000000' }],
      restated: false,
      corrected: false,
    });
    expect(figures['2019-04-01..2020-03-31']).toEqual({
      period: 'FY2020',
      periodStart: '2019-04-01',
      periodEnd: '2020-03-31',
      value: '7053000000000',
      currency: 'CNY',
      reportedAt: '2020-08-20',
      source: SOURCE,
      translations: [],
      restated: true,
      corrected: true,
      setBy: 5,
      history: [
        {
          kind: 'reported',
          value: '7053000000000',
          currency: 'CNY',
          reportedAt: '2020-05-22',
          translations: [],
          recordedAt: '2024-05-01T08:00:07.000Z',
          revision: 4,
          reason: null,
        },
        {
          kind: 'restated',
          value: '7054000000000',
          currency: 'CNY',
          reportedAt: '2020-08-20',
          translations: [],
          recordedAt: '2024-05-01T08:00:08.000Z',
          revision: 5,
          reason: 'late adjustment',
        },
        {
          kind: 'corrected',
          value: '7053000000000',
          currency: 'CNY',
          reportedAt: '2020-08-20',
          translations: [],
          recordedAt: '2024-05-01T08:00:09.000Z',
          revision: 6,
          reason: 'restated value mistyped',
        },
      ],
    });
  });

  it('keeps the label a figure was first reported under when it is restated as CY', () => {
    const script = new LedgerScript()
      .register('12-31')
      .define('revenue')
      .report('revenue', 'FY2022', '100', '2023-02-01')
      .restate('revenue', 'CY2022', '101', '2023-05-01');
    const figures = foldCompanyLedger(script.events).metrics.revenue?.figures;
    expect(figures?.['2022-01-01..2022-12-31']).toMatchObject({ period: 'FY2022', value: '101' });
  });

  it('holds a target with its terms, statements and counts', () => {
    const script = alibaba()
      .revise('gmv-1tn', { deadline: 'FY2021', announcedAt: '2018-01-01', reason: 'later' })
      .withdraw('gmv-1tn', '2019-09-25', 'replaced by the RMB 10 tn target');
    expect(foldCompanyLedger(script.events).targets['gmv-1tn']).toEqual({
      targetId: 'gmv-1tn',
      metricId: 'gmv',
      terms: {
        comparator: 'gte',
        value: '1000000000000',
        currency: 'USD',
        deadline: 'FY2021',
        deadlineStart: '2020-04-01',
        deadlineEnd: '2021-03-31',
        baseline: { period: 'FY2016', start: '2015-04-01', end: '2016-03-31' },
      },
      announcedAt: '2016-06-14',
      lastAnnouncedAt: '2019-09-25',
      announcedBy: 'Jack Ma',
      source: SOURCE,
      note: 'framed as US$1 tn',
      status: 'withdrawn',
      withdrawnAt: '2019-09-25',
      withdrawalReason: 'replaced by the RMB 10 tn target',
      revisions: 1,
      reaffirmations: ['2017-06-08'],
      statements: [
        { kind: 'announced', announcedAt: '2016-06-14', revision: 0 },
        { kind: 'reaffirmed', announcedAt: '2017-06-08', revision: 1 },
        { kind: 'revised', announcedAt: '2018-01-01', revision: 2 },
        { kind: 'withdrawn', announcedAt: '2019-09-25', revision: 3 },
      ],
      termsSetBy: 2,
      revision: 3,
    });
  });

  it('applies a target correction to the statement it corrects', () => {
    const script = alibaba().correctTarget('gmv-1tn', {
      value: '912000000000',
      announcedAt: '2016-06-15',
      announcedBy: 'Daniel Zhang',
    });
    expect(foldCompanyLedger(script.events).targets['gmv-1tn']).toMatchObject({
      terms: { value: '912000000000' },
      announcedAt: '2016-06-15',
      lastAnnouncedAt: '2017-06-08',
      announcedBy: 'Daniel Zhang',
      revisions: 0,
      revision: 2,
    });
  });

  it('round-trips through JSON unchanged', () => {
    const ledger = foldCompanyLedger(alibaba().reinstate('gmv', '2024-05-20').events);
    const parsed: unknown = JSON.parse(JSON.stringify(ledger));
    expect(parsed).toStrictEqual(ledger);
    const fx = foldFxRates(alibaba().events);
    expect(JSON.parse(JSON.stringify(fx))).toStrictEqual(fx);
  });

  it('does not mutate the ledger it folds from', () => {
    const events = alibaba().events;
    const before = foldCompanyLedger(events.slice(0, -2));
    const snapshot = JSON.stringify(before);
    projectCompanyLedger(before, events.at(-2)!);
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('only moves the position for FX rates, unknown event types and another company', () => {
    const script = alibaba();
    const ledger = foldCompanyLedger(script.events);
    expect(ledger.position).toBe(script.events.length);
    const other = new LedgerScript('acme').register().define('revenue').last;
    const unknown = { ...script.last, position: 99, type: 'SomethingNew', data: {} };
    expect(projectCompanyLedger(ledger, other)).toBe(ledger);
    expect(projectCompanyLedger(ledger, unknown)).toEqual({ ...ledger, position: 99 });
  });

  it('cannot correct a statement that is not in force (a partial history)', () => {
    const script = alibaba().correctFigure('gmv', 'FY2016', { value: '3000000000000' });
    const correction = script.last;
    const ledger = foldCompanyLedger(script.events.slice(0, -1));
    const stale = { ...correction, data: { ...correction.data, corrects: 99 } };
    expect(projectCompanyLedger(ledger, stale).metrics.gmv?.figures).toEqual(ledger.metrics.gmv?.figures);
  });
});

/** Alibaba's story with a second metric and a withdrawn target: parts of every kind, several of each. */
const alibabaWithMore = () =>
  alibaba()
    .define('revenue', 'currency', 'Revenue')
    .report('revenue', 'FY2020', '509711000000', '2020-05-22')
    .announce('rev-double', 'revenue', {
      comparator: 'gte',
      value: '1000000000000',
      deadline: 'FY2025',
      announcedAt: '2020-06-01',
    })
    .revise('gmv-1tn', { value: '1100000000000', announcedAt: '2018-06-01' })
    .withdraw('rev-double', '2022-01-10', 'strategy changed')
    .report('revenue', 'FY2021', '717289000000', '2021-05-13');

/**
 * Every part of the script's company, folded as the runner keeps them: one per stream (company,
 * metric without figures, target) and one per metric and year of figures.
 */
function partsOf(script: LedgerScript, step: 'project' | 'fold' = 'project'): LedgerPart[] {
  const entities = script.companyStreams.map((stream) =>
    step === 'fold' ? foldLedgerPart(stream) : stream.reduce<LedgerPart | null>(projectLedgerPart, null),
  );
  const byYear = new Map<string, StoredEvent[]>();
  for (const event of script.companyEvents) {
    const year = figureYearOf(event);
    if (year === null) continue;
    const key = `${event.stream}/${year}`;
    byYear.set(key, [...(byYear.get(key) ?? []), event]);
  }
  const figures = [...byYear.values()].map((events) =>
    step === 'fold' ? foldFiguresPart(events) : events.reduce<LedgerPart | null>(projectFiguresPart, null),
  );
  return [...entities, ...figures].filter((part): part is LedgerPart => part !== null);
}

const FY2020 = '2019-04-01..2020-03-31';

describe('ledger parts', () => {
  it('put together, give exactly the ledger the whole fold gives, position and key order included', () => {
    const script = alibabaWithMore().report('gmv', 'FY2020-Q4', '1', '2020-05-22');
    const parts = partsOf(script);
    expect(parts.map((part) => part.kind)).toEqual([
      'company',
      'metric',
      'target',
      'metric',
      'target',
      'figures',
      'figures',
      'figures',
      'figures',
    ]);
    const whole = JSON.stringify(foldCompanyLedger(script.companyEvents));
    expect(JSON.stringify(assembleCompanyLedger(parts))).toBe(whole);
    expect(JSON.stringify(assembleCompanyLedger(partsOf(script, 'fold')))).toBe(whole);
    // In any order (the reader gets them sorted by key), the same ledger; only the order of the
    // metrics and targets records follows the parts'. A metric's figures keep the fold's order.
    const reversed = assembleCompanyLedger([...parts].reverse());
    expect(reversed).toEqual(JSON.parse(whole));
    expect(Object.keys(reversed.metrics.gmv?.figures ?? {})).toEqual([
      '2015-04-01..2016-03-31',
      FY2020,
      '2020-01-01..2020-03-31',
    ]);
  });

  it('keep a metric without its figures, whose events move only its revision', () => {
    const [, gmv] = alibabaWithMore().companyStreams;
    const part = foldLedgerPart(gmv);
    expect(part?.kind === 'metric' && part.metric).toMatchObject({ figures: {}, revision: gmv.length - 1 });
  });

  it('keep the figures ending in one year together, each with its whole history', () => {
    const script = alibaba().report('gmv', 'FY2020-Q4', '1', '2020-05-22');
    const year2020 = script.companyEvents.filter((event) => figureYearOf(event) === '2020');
    expect(year2020.map((event) => event.type)).toEqual([
      'FigureReported',
      'FigureRestated',
      'FigureCorrected',
      'FigureReported',
    ]);
    const part = foldFiguresPart(year2020);
    expect(part).toMatchObject({ kind: 'figures', metricId: 'gmv', position: year2020[3].position });
    const figures = part?.kind === 'figures' ? part.figures : {};
    expect(Object.keys(figures)).toEqual([FY2020, '2020-01-01..2020-03-31']);
    expect(figures[FY2020]?.history.map((version) => version.kind)).toEqual(['reported', 'restated', 'corrected']);
    expect(figureYearOf(script.companyEvents[0])).toBeNull();
  });

  it('are each at the position of the last event of their stream', () => {
    const script = alibabaWithMore();
    const parts = script.companyStreams.map((stream) => foldLedgerPart(stream));
    expect(parts.map((part) => part?.position)).toEqual(
      script.companyStreams.map((stream) => stream[stream.length - 1].position),
    );
  });

  it('fold on from a stored (frozen) part without touching it, to what projecting event by event gives', () => {
    const gmv = alibabaWithMore().companyStreams[1];
    const half = Math.floor(gmv.length / 2);
    const stored = deepFreeze(JSON.parse(JSON.stringify(foldLedgerPart(gmv.slice(0, half)))) as LedgerPart);
    const before = JSON.stringify(stored);
    const folded = foldLedgerPart(gmv.slice(half), stored);
    expect(JSON.stringify(folded)).toBe(JSON.stringify(gmv.reduce<LedgerPart | null>(projectLedgerPart, null)));
    expect(JSON.stringify(stored)).toBe(before);

    const year = gmv.filter((event) => figureYearOf(event) === '2020');
    const storedYear = deepFreeze(JSON.parse(JSON.stringify(foldFiguresPart(year.slice(0, 1)))) as LedgerPart);
    expect(foldFiguresPart(year.slice(1), storedYear)).toEqual(foldFiguresPart(year));
  });

  it('do not start with an event that needs an earlier one, and only move on for unknown event types', () => {
    const [, gmv] = alibaba().companyStreams;
    expect(foldLedgerPart(gmv.slice(1))).toBeNull();
    const part = foldLedgerPart(gmv);
    const unknown = { ...gmv[0], position: 99, type: 'SomethingNew', data: {} };
    expect(projectLedgerPart(part, unknown)).toEqual({ ...part, position: 99 });
    expect(projectLedgerPart(null, unknown)).toBeNull();
    expect(projectFiguresPart(null, unknown)).toBeNull();
    expect(figureYearOf(unknown)).toBeNull();
  });

  it('leave the figures as they are for a correction of a value the figure no longer has', () => {
    const year = alibaba().companyEvents.filter((event) => figureYearOf(event) === '2020');
    const before = foldFiguresPart(year.slice(0, -1));
    const stale = { ...year[year.length - 1], data: { ...year[year.length - 1].data, corrects: 99 } };
    expect(projectFiguresPart(before, stale)).toBe(before);
  });

  it('put together from none, give the empty ledger', () => {
    expect(assembleCompanyLedger([])).toEqual(initialCompanyLedger());
  });
});

describe('projectFxRates', () => {
  it('keeps period and date rates by pair, sorted', () => {
    const script = new LedgerScript()
      .fxRate('CNY', 'USD', '0.15', { period: 'CY2021' })
      .fxRate('CNY', 'USD', '0.14', { period: 'CY2020' })
      .fxRate('CNY', 'USD', '0.16', { date: '2021-12-31' })
      .fxRate('USD', 'CNY', '7', { date: '2020-06-30' });
    const fx = foldFxRates(script.events);
    expect(fx.position).toBe(4);
    expect(Object.keys(fx.pairs)).toEqual(['CNY.USD', 'USD.CNY']);
    expect(fx.pairs['CNY.USD']?.periodRates.map((r) => [r.period, r.periodStart, r.periodEnd, r.rate])).toEqual([
      ['CY2020', '2020-01-01', '2020-12-31', '0.14'],
      ['CY2021', '2021-01-01', '2021-12-31', '0.15'],
    ]);
    expect(fx.pairs['CNY.USD']?.dateRates).toEqual([
      {
        rate: '0.16',
        period: null,
        periodStart: null,
        periodEnd: null,
        date: '2021-12-31',
        recordedAt: '2024-01-01T00:00:02.000Z',
        position: 3,
      },
    ]);
  });
});
