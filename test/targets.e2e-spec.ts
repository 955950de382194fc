import {
  expectProblem,
  fieldsOf,
  seedCompanyAndMetric,
  source,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

interface AuditEvent {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
}

const announcement = (extra: object = {}) => ({
  metricId: 'gmv',
  comparator: 'gte',
  value: '1000000000000',
  currency: 'USD',
  deadline: 'FY2020',
  baseline: { period: 'FY2016' },
  announcedAt: '2016-06-14',
  announcedBy: 'Jack Ma, executive chairman',
  source: source('Investor day 2016'),
  ...extra,
});

describe('targets', () => {
  let t: TestApp;
  const announce = (body: object, company = 'acme') => t.http().post(`/companies/${company}/targets`).send(body);
  const post = (target: string, action: string, body: object) =>
    t.http().post(`/companies/acme/targets/${target}/${action}`).send(body);
  const eventsOf = async (stream: string) => {
    const res = await t.http().get('/audit/events?limit=1000').expect(200);
    return (res.body as { events: AuditEvent[] }).events.filter((e) => e.stream === stream);
  };

  beforeAll(async () => {
    t = await startTestApp();
    await seedCompanyAndMetric(t);
    await t
      .http()
      .post('/companies/acme/metrics')
      .send({ id: 'users', name: 'Annual active consumers', unit: 'count' })
      .expect(201);
  });
  afterAll(() => t.close());

  describe('POST /companies/{c}/targets', () => {
    it('announces a target without id: 201 with a generated slug id and its stream', async () => {
      const res = await announce(announcement()).expect(201);
      const body = res.body as { id: string; stream: string; revision: number; position: number };
      expect(body.id).toMatch(SLUG);
      expect(body).toEqual({
        id: body.id,
        stream: `target-acme.${body.id}`,
        revision: 0,
        position: expect.any(Number),
      });
      expect(res.headers.etag).toBe('"0"');
      const [event] = await eventsOf(body.stream);
      expect(event).toMatchObject({ type: 'TargetAnnounced', data: { targetId: body.id, metricId: 'gmv' } });
    });

    it('makes a new id for every announcement without one', async () => {
      const a = (await announce(announcement({ value: '2' })).expect(201)).body as { id: string };
      const b = (await announce(announcement({ value: '3' })).expect(201)).body as { id: string };
      expect(a.id).not.toBe(b.id);
    });

    it('announces a target with the id it is given', async () => {
      const res = await announce(announcement({ id: 'gmv-1tn' })).expect(201);
      expect(res.body).toEqual({
        id: 'gmv-1tn',
        stream: 'target-acme.gmv-1tn',
        revision: 0,
        position: expect.any(Number),
      });
    });

    it('stores the terms with decimals canonical and the currency defaulted on a currency metric', async () => {
      await announce(
        announcement({ id: 'default-ccy', value: 1000000000000, currency: undefined, baseline: undefined }),
      ).expect(201);
      const [event] = await eventsOf('target-acme.default-ccy');
      expect(event.data.terms).toMatchObject({
        comparator: 'gte',
        value: '1000000000000',
        currency: 'CNY',
        deadline: 'FY2020',
        deadlineStart: '2019-04-01',
        deadlineEnd: '2020-03-31',
      });
    });

    it('announces a between target on a count metric without currency', async () => {
      const body = announcement({
        id: 'users-range',
        metricId: 'users',
        comparator: 'between',
        value: undefined,
        low: '900000000',
        high: '1000000000',
        currency: undefined,
        baseline: undefined,
      });
      await announce(body).expect(201);
      const [event] = await eventsOf('target-acme.users-range');
      expect(event.data.terms).toEqual(
        expect.objectContaining({ comparator: 'between', low: '900000000', high: '1000000000' }),
      );
      expect(event.data.terms).not.toHaveProperty('currency');
    });

    it('refuses a duplicate id with 409 TARGET_ALREADY_EXISTS', async () => {
      expectProblem(await announce(announcement({ id: 'gmv-1tn', value: '5' })), 409, 'TARGET_ALREADY_EXISTS');
      expect(await eventsOf('target-acme.gmv-1tn')).toHaveLength(1);
    });

    it('answers an unknown metric with 404 METRIC_NOT_FOUND', async () => {
      expectProblem(await announce(announcement({ id: 'x1', metricId: 'nope' })), 404, 'METRIC_NOT_FOUND');
      expect(await eventsOf('target-acme.x1')).toEqual([]);
    });

    it('answers an unknown company with 404 COMPANY_NOT_FOUND', async () => {
      expectProblem(await announce(announcement({ id: 'x2' }), 'nobody'), 404, 'COMPANY_NOT_FOUND');
      expectProblem(await announce(announcement({ id: 'x2' }), 'No-Body'), 404, 'COMPANY_NOT_FOUND');
    });

    it('refuses gte without a value with 400 VALUE_REQUIRED naming value', async () => {
      const res = await announce(announcement({ id: 'x3', value: undefined }));
      expect(fieldsOf(expectProblem(res, 400, 'VALUE_REQUIRED'))).toEqual(['value']);
    });

    it.each([
      ['low > high', { low: '10', high: '5' }],
      ['low = high', { low: '5', high: '5.0' }],
    ])('refuses between with %s: 400 INVALID_RANGE naming high', async (_label, range) => {
      const res = await announce(announcement({ id: 'x4', comparator: 'between', value: undefined, ...range }));
      expect(fieldsOf(expectProblem(res, 400, 'INVALID_RANGE'))).toEqual(['high']);
    });

    it('refuses between with a value: 400 naming value', async () => {
      const res = await announce(announcement({ id: 'x5', comparator: 'between', low: '1', high: '2' }));
      expect(fieldsOf(expectProblem(res, 400, 'VALUE_NOT_ALLOWED'))).toEqual(['value']);
    });

    it('refuses between without high: 400 naming high', async () => {
      const res = await announce(announcement({ id: 'x5', comparator: 'between', value: undefined, low: '1' }));
      expect(fieldsOf(expectProblem(res, 400, 'RANGE_REQUIRED'))).toEqual(['high']);
    });

    it('refuses low/high on a gte target: 400 naming low', async () => {
      const res = await announce(announcement({ id: 'x5', low: '1' }));
      expect(fieldsOf(expectProblem(res, 400, 'RANGE_NOT_ALLOWED'))).toEqual(['low']);
    });

    it('refuses a currency on a count metric with 400 CURRENCY_NOT_ALLOWED naming currency', async () => {
      const res = await announce(announcement({ id: 'x6', metricId: 'users', baseline: undefined }));
      expect(fieldsOf(expectProblem(res, 400, 'CURRENCY_NOT_ALLOWED'))).toEqual(['currency']);
    });

    it.each([
      ['after', 'FY2021'],
      ['equal to', 'FY2020'],
    ])('refuses a baseline %s the deadline with 400 naming baseline.period', async (_label, period) => {
      const res = await announce(announcement({ id: 'x7', baseline: { period } }));
      expect(fieldsOf(expectProblem(res, 400, 'BASELINE_NOT_BEFORE_DEADLINE'))).toEqual(['baseline.period']);
    });

    it.each([
      ['comparator', '"gt"', { comparator: 'gt' }],
      ['comparator', 'missing', { comparator: undefined }],
      ['deadline', '"2020"', { deadline: '2020' }],
      ['deadline', 'missing', { deadline: undefined }],
      ['baseline.period', '"FY16"', { baseline: { period: 'FY16' } }],
      ['baseline.year', 'an unknown field', { baseline: { period: 'FY2016', year: 2016 } }],
      ['baseline', 'an array', { baseline: [] }],
      ['baseline', 'a string', { baseline: 'FY2016' }],
      ['value', '"1tn"', { value: '1tn' }],
      ['currency', '"usd"', { currency: 'usd' }],
      ['announcedAt', '"2016-06-31"', { announcedAt: '2016-06-31' }],
      ['announcedBy', 'empty', { announcedBy: '' }],
      ['metricId', '"GMV"', { metricId: 'GMV' }],
      ['id', '"Bad ID"', { id: 'Bad ID' }],
      ['source', 'missing', { source: undefined }],
      ['source.url', '{ url: "ftp://x" }', { source: { url: 'ftp://x' } }],
      ['status', 'an unknown field', { status: 'achieved' }],
    ])('names %s in a 400 when it is %s', async (field, _label, change) => {
      const res = await announce({ ...announcement({ id: 'x8' }), ...change });
      expect(fieldsOf(expectProblem(res, 400))).toContain(field);
      expect(await eventsOf('target-acme.x8')).toEqual([]);
    });
  });

  describe('revisions, reaffirmations, withdrawals and corrections', () => {
    const stated = (announcedAt: string, extra: object = {}) => ({
      announcedAt,
      source: source('Results call'),
      ...extra,
    });

    beforeAll(async () => {
      await announce(announcement({ id: 'gmv-2020' })).expect(201);
    });

    it('revises the terms: 201, the revision increments and the new terms are stored', async () => {
      const res = await post(
        'gmv-2020',
        'revisions',
        stated('2017-06-08', { value: '1200000000000', reason: 'Raised' }),
      ).expect(201);
      expect(res.body).toEqual({ stream: 'target-acme.gmv-2020', revision: 1, position: expect.any(Number) });
      expect(res.headers.etag).toBe('"1"');
      const res2 = await post('gmv-2020', 'revisions', stated('2017-07-01', { deadline: 'FY2021' })).expect(201);
      expect(res2.body).toMatchObject({ revision: 2 });
      const events = await eventsOf('target-acme.gmv-2020');
      expect(events.map((e) => e.type)).toEqual(['TargetAnnounced', 'TargetRevised', 'TargetRevised']);
      expect(events[2].data.terms).toMatchObject({ value: '1200000000000', deadline: 'FY2021', currency: 'USD' });
    });

    it('refuses a revision without any term with 400 REVISION_EMPTY', async () => {
      expectProblem(await post('gmv-2020', 'revisions', stated('2017-08-01')), 400, 'REVISION_EMPTY');
    });

    it('refuses a revision that restates the current terms with 409 REVISION_UNCHANGED', async () => {
      const res = await post('gmv-2020', 'revisions', stated('2017-08-01', { value: '1.2e12', deadline: 'FY2021' }));
      expectProblem(res, 409, 'REVISION_UNCHANGED');
    });

    it('validates revised terms against the current ones (between without a range)', async () => {
      const res = await post('gmv-2020', 'revisions', stated('2017-08-01', { comparator: 'between' }));
      expect(fieldsOf(expectProblem(res, 400))).toContain('low');
    });

    it('answers an unknown target with 404 TARGET_NOT_FOUND on every target write', async () => {
      expectProblem(await post('nope', 'revisions', stated('2017-08-01', { value: '1' })), 404, 'TARGET_NOT_FOUND');
      expectProblem(await post('nope', 'reaffirmations', stated('2017-08-01')), 404, 'TARGET_NOT_FOUND');
      expectProblem(await post('nope', 'withdrawals', stated('2017-08-01')), 404, 'TARGET_NOT_FOUND');
      expectProblem(await post('nope', 'corrections', { value: '1', reason: 'Typo' }), 404, 'TARGET_NOT_FOUND');
    });

    it('answers a target path id that is not a slug with 404', async () => {
      expectProblem(await post('Not_A_Slug', 'reaffirmations', stated('2017-08-01')), 404, 'TARGET_NOT_FOUND');
    });

    it('reaffirms the target: 201 and the next revision', async () => {
      const res = await post('gmv-2020', 'reaffirmations', stated('2018-05-04')).expect(201);
      expect(res.body).toMatchObject({ stream: 'target-acme.gmv-2020', revision: 3 });
    });

    it('refuses a statement dated before the latest one with 409 ANNOUNCED_BEFORE_LATEST naming announcedAt', async () => {
      for (const [action, body] of [
        ['reaffirmations', stated('2018-01-01')],
        ['revisions', stated('2018-01-01', { value: '1300000000000' })],
        ['withdrawals', stated('2018-01-01')],
      ] as const) {
        const res = await post('gmv-2020', action, body);
        expect(fieldsOf(expectProblem(res, 409, 'ANNOUNCED_BEFORE_LATEST'))).toEqual(['announcedAt']);
      }
      expect(await eventsOf('target-acme.gmv-2020')).toHaveLength(4);
    });

    it('rejects terms on a reaffirmation (unknown field)', async () => {
      const res = await post('gmv-2020', 'reaffirmations', stated('2018-06-01', { value: '2' }));
      expect(fieldsOf(expectProblem(res, 400))).toEqual(['value']);
    });

    it('refuses a correction without anything to correct with 400 CORRECTION_EMPTY', async () => {
      expectProblem(await post('gmv-2020', 'corrections', { reason: 'Nothing' }), 400, 'CORRECTION_EMPTY');
    });

    it('refuses a correction without a reason, naming reason', async () => {
      expect(fieldsOf(expectProblem(await post('gmv-2020', 'corrections', { value: '1' }), 400))).toContain('reason');
    });

    it('names baseline when a revision or correction sends it as an array', async () => {
      const revision = await post('gmv-2020', 'revisions', stated('2018-06-01', { baseline: [] }));
      expect(fieldsOf(expectProblem(revision, 400))).toEqual(['baseline']);
      const correction = await post('gmv-2020', 'corrections', { baseline: [], reason: 'Typo' });
      expect(fieldsOf(expectProblem(correction, 400))).toEqual(['baseline']);
    });

    it('withdraws the target: 201', async () => {
      const res = await post(
        'gmv-2020',
        'withdrawals',
        stated('2019-05-15', { reason: 'Replaced by a new goal' }),
      ).expect(201);
      expect(res.body).toMatchObject({ stream: 'target-acme.gmv-2020', revision: 4 });
    });

    it.each([
      ['revisions', stated('2020-01-01', { value: '1' })],
      ['reaffirmations', stated('2020-01-01')],
      ['withdrawals', stated('2020-01-01')],
    ])('refuses %s of the withdrawn target with 409 TARGET_WITHDRAWN', async (action, body) => {
      expectProblem(await post('gmv-2020', action, body), 409, 'TARGET_WITHDRAWN');
    });

    it('still corrects an entry error on the withdrawn target: 201', async () => {
      const res = await post('gmv-2020', 'corrections', {
        announcedBy: 'Joe Tsai',
        reason: 'Wrong speaker entered',
      }).expect(201);
      expect(res.body).toMatchObject({ stream: 'target-acme.gmv-2020', revision: 5 });
      const events = await eventsOf('target-acme.gmv-2020');
      expect(events[5]).toMatchObject({
        type: 'TargetCorrected',
        data: { announcedBy: 'Joe Tsai', changed: ['announcedBy'] },
      });
    });

    it('corrects terms: 201, and an unchanged correction answers 409 CORRECTION_UNCHANGED', async () => {
      await announce(announcement({ id: 'typo' })).expect(201);
      await post('typo', 'corrections', { deadline: 'FY2021', reason: 'Typed the wrong year' }).expect(201);
      const [, corrected] = await eventsOf('target-acme.typo');
      expect(corrected.data.terms).toMatchObject({ deadline: 'FY2021', value: '1000000000000' });
      expectProblem(
        await post('typo', 'corrections', { deadline: 'FY2021', reason: 'Again' }),
        409,
        'CORRECTION_UNCHANGED',
      );
    });
  });
});
