import type { CompanyContext, MetricContext } from '../shared/context.js';
import { deciderSpec, stateAfter } from '../shared/decider-spec.js';
import type { AnnounceTarget, CorrectTarget, ReaffirmTarget, ReviseTarget, WithdrawTarget } from './target.commands.js';
import { targetDecider } from './target.decider.js';
import type {
  TargetAnnounced,
  TargetCorrected,
  TargetReaffirmed,
  TargetRevised,
  TargetTerms,
  TargetWithdrawn,
} from './target.events.js';

const given = deciderSpec(targetDecider);
const metadata = { now: '2024-01-01T00:00:00.000Z', actor: 'analyst' };
const company: CompanyContext = { companyId: 'alibaba', fiscalYearEnd: '03-31', reportingCurrency: 'CNY' };
const gmv: MetricContext = { metricId: 'gmv', unit: 'currency' };
const users: MetricContext = { metricId: 'gmv', unit: 'count' };
const base = { companyId: 'alibaba', targetId: 'gmv-1-trillion', context: { company, metric: gmv } };
const ref = { companyId: 'alibaba', targetId: 'gmv-1-trillion', metricId: 'gmv' };
const article = { url: 'https://t3n.de/news/alibaba-jack-ma', publisher: 't3n', language: 'de' };
const investorDay = { title: 'Alibaba Investor Day 2018' };

// --- commands ---------------------------------------------------------------------------------
const announce = (data: Partial<AnnounceTarget['data']> = {}): AnnounceTarget => ({
  type: 'AnnounceTarget',
  data: {
    ...base,
    metricId: 'gmv',
    comparator: 'gte',
    value: '1000000000000',
    currency: 'USD',
    deadline: 'FY2020',
    baseline: { period: 'FY2016' },
    announcedAt: '2016-06-28',
    announcedBy: 'Jack Ma',
    source: article,
    ...data,
  },
  metadata,
});
const revise = (data: Partial<ReviseTarget['data']> = {}): ReviseTarget => ({
  type: 'ReviseTarget',
  data: { ...base, announcedAt: '2018-09-18', source: investorDay, ...data },
  metadata,
});
const reaffirm = (data: Partial<ReaffirmTarget['data']> = {}): ReaffirmTarget => ({
  type: 'ReaffirmTarget',
  data: { ...base, announcedAt: '2017-10-12', source: investorDay, ...data },
  metadata,
});
const withdraw = (data: Partial<WithdrawTarget['data']> = {}): WithdrawTarget => ({
  type: 'WithdrawTarget',
  data: { ...base, announcedAt: '2019-05-15', source: investorDay, ...data },
  metadata,
});
const correct = (data: Partial<CorrectTarget['data']> = {}): CorrectTarget => ({
  type: 'CorrectTarget',
  data: { ...base, reason: 'typo', ...data },
  metadata,
});

// --- events -----------------------------------------------------------------------------------
const terms: TargetTerms = {
  comparator: 'gte',
  value: '1000000000000',
  currency: 'USD',
  deadline: 'FY2020',
  deadlineStart: '2019-04-01',
  deadlineEnd: '2020-03-31',
  baseline: { period: 'FY2016', start: '2015-04-01', end: '2016-03-31' },
};
const announced: TargetAnnounced = {
  type: 'TargetAnnounced',
  data: { ...ref, terms, announcedAt: '2016-06-28', announcedBy: 'Jack Ma', source: article },
};
const reaffirmed: TargetReaffirmed = {
  type: 'TargetReaffirmed',
  data: { ...ref, terms, announcedAt: '2017-10-12', source: investorDay },
};
const revisedTerms: TargetTerms = { ...terms, value: '1200000000000' };
const revised: TargetRevised = {
  type: 'TargetRevised',
  data: {
    ...ref,
    terms: revisedTerms,
    previous: terms,
    changed: ['value'],
    announcedAt: '2018-09-18',
    source: investorDay,
  },
};
const withdrawn: TargetWithdrawn = {
  type: 'TargetWithdrawn',
  data: { ...ref, terms, announcedAt: '2019-05-15', source: investorDay },
};

describe('AnnounceTarget', () => {
  it('announces with resolved deadline and baseline', () => {
    given([]).when(announce()).then([announced]);
  });

  it('defaults the currency to the reporting currency and omits what is absent', () => {
    given([])
      .when(announce({ currency: undefined, baseline: undefined, announcedBy: undefined, note: 'doubling' }))
      .then([
        {
          type: 'TargetAnnounced',
          data: {
            ...ref,
            terms: {
              comparator: 'gte',
              value: '1000000000000',
              currency: 'CNY',
              deadline: 'FY2020',
              deadlineStart: '2019-04-01',
              deadlineEnd: '2020-03-31',
            },
            announcedAt: '2016-06-28',
            source: article,
            note: 'doubling',
          },
        },
      ]);
  });

  it('takes a range for "between" and no currency for count metrics', () => {
    given([])
      .when(
        announce({
          comparator: 'between',
          value: undefined,
          low: '1900000000',
          high: '2100000000',
          currency: undefined,
          deadline: 'CY2036',
          baseline: { period: 'FY2016-Q4' },
          context: { company, metric: users },
        }),
      )
      .then([
        {
          type: 'TargetAnnounced',
          data: {
            ...ref,
            terms: {
              comparator: 'between',
              low: '1900000000',
              high: '2100000000',
              deadline: 'CY2036',
              deadlineStart: '2036-01-01',
              deadlineEnd: '2036-12-31',
              baseline: { period: 'FY2016-Q4', start: '2016-01-01', end: '2016-03-31' },
            },
            announcedAt: '2016-06-28',
            announcedBy: 'Jack Ma',
            source: article,
          },
        },
      ]);
  });

  it('needs the company and the metric', () => {
    given([])
      .when(announce({ context: { company: null, metric: gmv } }))
      .thenThrows('COMPANY_NOT_FOUND', { category: 'not_found' });
    given([])
      .when(announce({ context: { company, metric: null } }))
      .thenThrows('METRIC_NOT_FOUND', { category: 'not_found', message: /gmv/ });
  });

  it('refuses an id in use', () => {
    given([announced]).when(announce()).thenThrows('TARGET_ALREADY_EXISTS', { category: 'conflict' });
  });

  it('refuses a target announced after its metric was discontinued', () => {
    given([])
      .when(announce({ context: { company, metric: { ...gmv, discontinuedOn: '2016-06-13' } } }))
      .thenThrows('METRIC_DISCONTINUED', { category: 'conflict' });
  });

  it('accepts a target announced before its metric was discontinued (backfilled history)', () => {
    const metric = { ...gmv, discontinuedOn: '2022-05-26' };
    const events = targetDecider.decide(announce({ context: { company, metric } }), targetDecider.initialState());
    expect(events.map((e) => e.type)).toEqual(['TargetAnnounced']);
  });

  it.each([
    [{ comparator: 'more' as 'gte' }, 'INVALID_COMPARATOR', 'comparator'],
    [{ value: undefined }, 'VALUE_REQUIRED', 'value'],
    [{ low: '1' }, 'RANGE_NOT_ALLOWED', 'low'],
    [{ high: '2' }, 'RANGE_NOT_ALLOWED', 'high'],
    [{ comparator: 'between' as const, low: '1', high: '2' }, 'VALUE_NOT_ALLOWED', 'value'],
    [{ comparator: 'between' as const, value: undefined, high: '2' }, 'RANGE_REQUIRED', 'low'],
    [{ comparator: 'between' as const, value: undefined, low: '1' }, 'RANGE_REQUIRED', 'high'],
    [{ comparator: 'between' as const, value: undefined, low: '2', high: '1' }, 'INVALID_RANGE', 'high'],
    [{ comparator: 'between' as const, value: undefined, low: '2', high: '2.0' }, 'INVALID_DECIMAL', 'high'],
    [{ comparator: 'between' as const, value: undefined, low: '2', high: '2' }, 'INVALID_RANGE', 'high'],
    [{ baseline: { period: 'FY2020' } }, 'BASELINE_NOT_BEFORE_DEADLINE', 'baseline.period'],
    [{ baseline: { period: 'FY2021-Q1' } }, 'BASELINE_NOT_BEFORE_DEADLINE', 'baseline.period'],
    [{ baseline: { period: 'FY16' } }, 'INVALID_PERIOD', 'baseline.period'],
    [{ deadline: 'FY2020-Q9' }, 'INVALID_PERIOD', 'deadline'],
    [{ targetId: 'GMV target' }, 'INVALID_ID', 'id'],
    [{ announcedAt: '2016-06-31' }, 'INVALID_DATE', 'announcedAt'],
    [{ announcedBy: '' }, 'ANNOUNCED_BY_EMPTY', 'announcedBy'],
    [{ source: { title: '' } }, 'INVALID_SOURCE', 'source.title'],
  ])('refuses %p', (data, code, field) => {
    given([]).when(announce(data)).thenThrows(code, { category: 'validation', field });
  });

  it('refuses a currency on a count metric', () => {
    given([])
      .when(announce({ context: { company, metric: users } }))
      .thenThrows('CURRENCY_NOT_ALLOWED', { category: 'validation', field: 'currency' });
  });

  it('lets a baseline of any kind precede the deadline', () => {
    given([])
      .when(announce({ baseline: { period: 'FY2020-Q3' } }))
      .then([
        {
          type: 'TargetAnnounced',
          data: {
            ...announced.data,
            terms: { ...terms, baseline: { period: 'FY2020-Q3', start: '2019-10-01', end: '2019-12-31' } },
          },
        },
      ]);
  });
});

describe('ReviseTarget', () => {
  it('revises the value, with full previous terms', () => {
    given([announced])
      .when(revise({ value: '1200000000000' }))
      .then([revised]);
  });

  it('switching to "between" drops the value', () => {
    const between: TargetTerms = {
      comparator: 'between',
      low: '900000000000',
      high: '1100000000000',
      currency: 'USD',
      deadline: 'FY2021',
      deadlineStart: '2020-04-01',
      deadlineEnd: '2021-03-31',
      baseline: terms.baseline,
    };
    given([announced, reaffirmed])
      .when(
        revise({
          comparator: 'between',
          low: '900000000000',
          high: '1100000000000',
          deadline: 'FY2021',
          reason: 'covid',
        }),
      )
      .then([
        {
          type: 'TargetRevised',
          data: {
            ...ref,
            terms: between,
            previous: terms,
            changed: ['comparator', 'value', 'low', 'high', 'deadline'],
            announcedAt: '2018-09-18',
            source: investorDay,
            reason: 'covid',
          },
        },
      ]);
  });

  it('switching from "between" drops the range and needs a value', () => {
    const betweenAnnounced: TargetAnnounced = {
      type: 'TargetAnnounced',
      data: { ...announced.data, terms: { ...terms, comparator: 'between', value: undefined, low: '1', high: '2' } },
    };
    const clean = JSON.parse(JSON.stringify(betweenAnnounced)) as TargetAnnounced;
    given([clean])
      .when(revise({ comparator: 'lte' }))
      .thenThrows('VALUE_REQUIRED', { field: 'value' });
    given([clean])
      .when(revise({ comparator: 'lte', value: '3' }))
      .then([
        {
          type: 'TargetRevised',
          data: {
            ...ref,
            terms: { ...terms, comparator: 'lte', value: '3' },
            previous: clean.data.terms,
            changed: ['comparator', 'value', 'low', 'high'],
            announcedAt: '2018-09-18',
            source: investorDay,
          },
        },
      ]);
  });

  it('removes the baseline with null', () => {
    const { baseline: _baseline, ...withoutBaseline } = terms;
    given([announced])
      .when(revise({ baseline: null }))
      .then([
        {
          type: 'TargetRevised',
          data: {
            ...ref,
            terms: withoutBaseline,
            previous: terms,
            changed: ['baseline'],
            announcedAt: '2018-09-18',
            source: investorDay,
          },
        },
      ]);
  });

  it('validates the merged terms', () => {
    given([announced])
      .when(revise({ low: '1' }))
      .thenThrows('RANGE_NOT_ALLOWED', { field: 'low' });
    given([announced])
      .when(revise({ deadline: 'FY2016' }))
      .thenThrows('BASELINE_NOT_BEFORE_DEADLINE', { field: 'baseline.period' });
  });

  it('needs a live target', () => {
    given([])
      .when(revise({ value: '1' }))
      .thenThrows('TARGET_NOT_FOUND', { category: 'not_found' });
    given([announced, withdrawn])
      .when(revise({ value: '1', announcedAt: '2020-01-01' }))
      .thenThrows('TARGET_WITHDRAWN', { category: 'conflict' });
  });

  it('needs a term', () => {
    given([announced]).when(revise()).thenThrows('REVISION_EMPTY', { category: 'validation' });
  });

  it('refuses terms equal to the current ones', () => {
    given([announced])
      .when(revise({ value: '1000000000000', currency: 'USD' }))
      .thenThrows('REVISION_UNCHANGED', { category: 'conflict', message: /reaffirm/ });
  });

  it('refuses a date before the latest statement', () => {
    given([announced, reaffirmed])
      .when(revise({ value: '2', announcedAt: '2017-10-11' }))
      .thenThrows('ANNOUNCED_BEFORE_LATEST', { category: 'conflict', field: 'announcedAt', message: /2017-10-12/ });
  });
});

describe('ReaffirmTarget', () => {
  it('reaffirms with the current terms', () => {
    given([announced]).when(reaffirm()).then([reaffirmed]);
    given([announced, reaffirmed, revised])
      .when(reaffirm({ announcedAt: '2018-09-18' }))
      .then([
        { type: 'TargetReaffirmed', data: { ...reaffirmed.data, terms: revisedTerms, announcedAt: '2018-09-18' } },
      ]);
  });

  it('needs a live target', () => {
    given([]).when(reaffirm()).thenThrows('TARGET_NOT_FOUND');
    given([announced, withdrawn])
      .when(reaffirm({ announcedAt: '2020-01-01' }))
      .thenThrows('TARGET_WITHDRAWN');
  });

  it('refuses a date before the latest statement', () => {
    given([announced, revised]).when(reaffirm()).thenThrows('ANNOUNCED_BEFORE_LATEST');
  });
});

describe('WithdrawTarget', () => {
  it('withdraws', () => {
    given([announced]).when(withdraw()).then([withdrawn]);
    given([announced])
      .when(withdraw({ reason: 'strategy change' }))
      .then([{ type: 'TargetWithdrawn', data: { ...withdrawn.data, reason: 'strategy change' } }]);
  });

  it('refuses a second withdrawal', () => {
    given([announced, withdrawn]).when(withdraw()).thenThrows('TARGET_WITHDRAWN', { category: 'conflict' });
  });

  it('needs the target', () => {
    given([]).when(withdraw()).thenThrows('TARGET_NOT_FOUND');
  });

  it('refuses a date before the latest statement', () => {
    given([announced, revised])
      .when(withdraw({ announcedAt: '2018-01-01' }))
      .thenThrows('ANNOUNCED_BEFORE_LATEST');
  });
});

describe('CorrectTarget', () => {
  it('corrects a term of the announcement (revision 0)', () => {
    const correctedTerms = { ...terms, value: '1100000000000' };
    given([announced, reaffirmed])
      .when(correct({ value: '1100000000000' }))
      .then([
        {
          type: 'TargetCorrected',
          data: {
            ...ref,
            corrects: 0,
            reason: 'typo',
            changed: ['value'],
            terms: correctedTerms,
            previous: { terms },
          },
        },
      ]);
  });

  it('corrects the latest revision, even on a withdrawn target', () => {
    given([announced, reaffirmed, revised, withdrawn])
      .when(correct({ announcedAt: '2018-09-19', announcedBy: 'Daniel Zhang', source: article, deadline: 'FY2020' }))
      .then([
        {
          type: 'TargetCorrected',
          data: {
            ...ref,
            corrects: 2,
            reason: 'typo',
            changed: ['announcedAt', 'announcedBy', 'source'],
            terms: revisedTerms,
            announcedAt: '2018-09-19',
            announcedBy: 'Daniel Zhang',
            source: article,
            previous: { announcedAt: '2018-09-18', announcedBy: 'Jack Ma', source: investorDay },
          },
        },
      ]);
  });

  it('applies a corrected date to later statements', () => {
    const moved: TargetCorrected = {
      type: 'TargetCorrected',
      data: {
        ...ref,
        corrects: 2,
        reason: 'typo',
        changed: ['announcedAt'],
        terms: revisedTerms,
        announcedAt: '2018-12-01',
        previous: { announcedAt: '2018-09-18' },
      },
    };
    given([announced, reaffirmed, revised, moved])
      .when(reaffirm({ announcedAt: '2018-11-30' }))
      .thenThrows('ANNOUNCED_BEFORE_LATEST', { message: /2018-12-01/ });
    expect(stateAfter(targetDecider, [announced, reaffirmed, revised, moved])).toMatchObject({
      version: 4,
      termsSetBy: 2,
      statements: [
        { revision: 0, announcedAt: '2016-06-28' },
        { revision: 1, announcedAt: '2017-10-12' },
        { revision: 2, announcedAt: '2018-12-01' },
      ],
    });
  });

  it('keeps the history in date order', () => {
    given([announced, reaffirmed, revised, withdrawn])
      .when(correct({ announcedAt: '2019-06-01' }))
      .thenThrows('ANNOUNCED_OUT_OF_ORDER', { category: 'conflict', field: 'announcedAt' });
    given([announced, reaffirmed, revised])
      .when(correct({ announcedAt: '2017-01-01' }))
      .thenThrows('ANNOUNCED_OUT_OF_ORDER', { message: /2017-10-12/ });
  });

  it('validates the merged terms', () => {
    given([announced])
      .when(correct({ comparator: 'between', low: '5', high: '4' }))
      .thenThrows('INVALID_RANGE', { field: 'high' });
    given([announced])
      .when(correct({ currency: 'EUR', context: { company, metric: users } }))
      .thenThrows('CURRENCY_NOT_ALLOWED', { field: 'currency' });
  });

  it('needs something to correct', () => {
    given([announced]).when(correct()).thenThrows('CORRECTION_EMPTY', { category: 'validation' });
  });

  it('refuses a correction that changes nothing', () => {
    given([announced])
      .when(
        correct({ value: '1000000000000', announcedAt: '2016-06-28', announcedBy: 'Jack Ma', source: { ...article } }),
      )
      .thenThrows('CORRECTION_UNCHANGED', { category: 'conflict' });
  });

  it('needs the target', () => {
    given([])
      .when(correct({ value: '1' }))
      .thenThrows('TARGET_NOT_FOUND', { category: 'not_found' });
  });

  it('needs a reason', () => {
    given([announced])
      .when(correct({ value: '1', reason: '' }))
      .thenThrows('REASON_REQUIRED', { field: 'reason' });
  });
});
