import {
  expectProblem,
  fieldsOf,
  seedCompanyAndMetric,
  source,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

interface FigureRow {
  period: string;
  value: string;
  currency: string | null;
  reportedAt: string;
  translations: Array<{ currency: string; value: string }>;
  restated: boolean;
  corrected: boolean;
}

const figure = (period: string, value: string | number, extra: object = {}) => ({
  period,
  value,
  reportedAt: '2016-05-05',
  source: source('Annual report FY2016'),
  ...extra,
});

describe('figures: report, restate, correct', () => {
  let t: TestApp;
  const report = (body: object, metric = 'gmv') =>
    t.http().post(`/companies/acme/metrics/${metric}/figures`).send(body);
  const figuresOf = async (metric = 'gmv') =>
    ((await t.http().get(`/companies/acme/metrics/${metric}`).expect(200)).body as { figures: FigureRow[] }).figures;
  const figureFor = async (period: string, metric = 'gmv') => {
    const found = (await figuresOf(metric)).find((f) => f.period === period);
    if (found === undefined) throw new Error(`no figure for ${period}`);
    return found;
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

  describe('POST …/figures', () => {
    it('reports a figure given as a string: 201 on the metric stream, no id, ETag', async () => {
      const res = await report(figure('FY2016', '3092000000000')).expect(201);
      expect(res.body).toEqual({ stream: 'metric-acme.gmv', revision: 1, position: expect.any(Number) });
      expect(res.headers.etag).toBe('"1"');
      expect(await figureFor('FY2016')).toMatchObject({
        value: '3092000000000',
        reportedAt: '2016-05-05',
        restated: false,
        corrected: false,
      });
    });

    it('defaults the currency of a currency metric to the company reporting currency', async () => {
      expect((await figureFor('FY2016')).currency).toBe('CNY');
    });

    it('keeps a given currency', async () => {
      await report(figure('FY2016-Q1', '400000000000', { currency: 'USD' })).expect(201);
      expect((await figureFor('FY2016-Q1')).currency).toBe('USD');
    });

    it('accepts a JSON number and answers it as an exact decimal string', async () => {
      await report(figure('FY2017', 1234567.25)).expect(201);
      const row = await figureFor('FY2017');
      expect(row.value).toBe('1234567.25');
      expect(typeof row.value).toBe('string');
    });

    it('stores decimals in canonical form ("1.50e3" → "1500", "007.10" → "7.1")', async () => {
      await report(figure('FY2018', '1.50e3')).expect(201);
      await report(figure('FY2018-Q1', '007.10')).expect(201);
      expect((await figureFor('FY2018')).value).toBe('1500');
      expect((await figureFor('FY2018-Q1')).value).toBe('7.1');
    });

    it('keeps translations into other currencies', async () => {
      await report(
        figure('FY2019', '5727000000000', { translations: [{ currency: 'USD', value: 853000000000 }] }),
      ).expect(201);
      expect((await figureFor('FY2019')).translations).toEqual([{ currency: 'USD', value: '853000000000' }]);
    });

    it.each([
      ['value', '"12abc"', { value: '12abc' }],
      ['value', 'empty', { value: '' }],
      ['value', 'a boolean', { value: true }],
      ['value', 'missing', { value: undefined }],
      ['value', '"1,000"', { value: '1,000' }],
      ['period', '"FY20"', { period: 'FY20' }],
      ['period', '"fy2020"', { period: 'fy2020' }],
      ['period', '"FY2020-Q5"', { period: 'FY2020-Q5' }],
      ['reportedAt', '"2023-02-30"', { reportedAt: '2023-02-30' }],
      ['reportedAt', '"2023-2-3"', { reportedAt: '2023-2-3' }],
      ['reportedAt', 'an ISO instant', { reportedAt: '2023-02-03T00:00:00Z' }],
      ['currency', '"usd"', { currency: 'usd' }],
      ['currency', '"XYZ"', { currency: 'XYZ' }],
      ['source', 'missing', { source: undefined }],
      ['source.url', '{ url: "ftp://x" }', { source: { url: 'ftp://x' } }],
      ['translations[0].currency', '"usd"', { translations: [{ currency: 'usd', value: '1' }] }],
      [
        'translations[1].value',
        '"x"',
        {
          translations: [
            { currency: 'USD', value: '1' },
            { currency: 'EUR', value: 'x' },
          ],
        },
      ],
      ['translations[0].rate', 'an unknown field', { translations: [{ currency: 'USD', value: '1', rate: '0.14' }] }],
      ['translations', 'a list of lists', { translations: [[]] }],
      ['translations', 'an object', { translations: { currency: 'USD', value: '1' } }],
      ['source', 'an array', { source: [{ title: 'Annual report' }] }],
    ])('names %s in a 400 when it is %s', async (field, _label, change) => {
      const res = await report({ ...figure('FY2020', '1'), ...change });
      expect(fieldsOf(expectProblem(res, 400))).toContain(field);
      expect((await figuresOf()).some((f) => f.period === 'FY2020')).toBe(false);
    });

    it('refuses a JSON number beyond 2^53 (it has lost precision) and names value', async () => {
      const body = JSON.stringify(figure('FY2020', 0)).replace('"value":0', '"value":12345678901234567890');
      const res = await t
        .http()
        .post('/companies/acme/metrics/gmv/figures')
        .set('content-type', 'application/json')
        .send(body);
      expect(fieldsOf(expectProblem(res, 400))).toEqual(['value']);
    });

    it('accepts the same large value as a string, exactly', async () => {
      await report(figure('FY2020-Q1', '12345678901234567890')).expect(201);
      expect((await figureFor('FY2020-Q1')).value).toBe('12345678901234567890');
    });

    it('refuses a translation into the figure’s own currency and names translations[0].currency', async () => {
      const res = await report(figure('FY2020', '1', { translations: [{ currency: 'CNY', value: '1' }] }));
      expect(fieldsOf(expectProblem(res, 400, 'TRANSLATION_CURRENCY_INVALID'))).toEqual(['translations[0].currency']);
    });

    it('refuses a currency on a count metric with 400 CURRENCY_NOT_ALLOWED naming currency', async () => {
      const res = await report(figure('FY2020', '726000000', { currency: 'USD' }), 'users');
      expect(fieldsOf(expectProblem(res, 400, 'CURRENCY_NOT_ALLOWED'))).toEqual(['currency']);
    });

    it('reports a count figure without a currency', async () => {
      await report(figure('FY2020', 726000000), 'users').expect(201);
      expect(await figureFor('FY2020', 'users')).toMatchObject({ value: '726000000', currency: null });
    });

    it('refuses the same period again with 409 FIGURE_ALREADY_REPORTED and keeps the first value', async () => {
      const res = await report(figure('FY2016', '1'));
      expectProblem(res, 409, 'FIGURE_ALREADY_REPORTED');
      expect((await figureFor('FY2016')).value).toBe('3092000000000');
    });

    it('answers an unknown metric with 404 METRIC_NOT_FOUND', async () => {
      expectProblem(await report(figure('FY2020', '1'), 'nope'), 404, 'METRIC_NOT_FOUND');
    });

    it('answers an unknown company with 404', async () => {
      const res = await t.http().post('/companies/nobody/metrics/gmv/figures').send(figure('FY2020', '1'));
      expect(expectProblem(res, 404).code).toMatch(/^(COMPANY|METRIC)_NOT_FOUND$/);
    });
  });

  describe('POST …/figures/{period}/restatements', () => {
    const restatement = (value: string | number, extra: object = {}) => ({
      value,
      reportedAt: '2017-05-18',
      source: source('Annual report FY2017'),
      reason: 'Scope change',
      ...extra,
    });
    const restate = (period: string, body: object) =>
      t.http().post(`/companies/acme/metrics/gmv/figures/${period}/restatements`).send(body);

    it('restates a figure: 201, and the figure reads restated with the new value', async () => {
      const before = await figureFor('FY2016');
      const res = await restate('FY2016', restatement('3100000000000')).expect(201);
      expect(res.body).toEqual({
        stream: 'metric-acme.gmv',
        revision: expect.any(Number),
        position: expect.any(Number),
      });
      expect(res.headers.etag).toBe(`"${(res.body as { revision: number }).revision}"`);
      expect(await figureFor('FY2016')).toMatchObject({
        period: 'FY2016',
        value: '3100000000000',
        currency: before.currency,
        reportedAt: '2017-05-18',
        restated: true,
        corrected: false,
      });
    });

    it('answers a period never reported with 404 FIGURE_NOT_REPORTED', async () => {
      expectProblem(await restate('FY2015', restatement('1')), 404, 'FIGURE_NOT_REPORTED');
    });

    it.each(['FY20', 'fy2016', '2016', 'FY2016-Q9'])(
      'answers a bad period %j in the path with 400 naming period',
      async (period) => {
        expect(fieldsOf(expectProblem(await restate(period, restatement('1')), 400))).toEqual(['period']);
      },
    );

    it('refuses a restatement that changes nothing with 409 FIGURE_UNCHANGED', async () => {
      expectProblem(
        await restate('FY2016', restatement('3100000000000', { reportedAt: '2018-01-01' })),
        409,
        'FIGURE_UNCHANGED',
      );
    });

    it('refuses a restatement dated before the report with 409 naming reportedAt', async () => {
      const res = await restate('FY2017', restatement('1', { reportedAt: '2016-01-01' }));
      expect(fieldsOf(expectProblem(res, 409, 'RESTATEMENT_BEFORE_REPORT'))).toEqual(['reportedAt']);
    });

    it.each([
      ['reason', 'missing', { reason: undefined }],
      ['reason', 'empty', { reason: '' }],
      ['value', '"12abc"', { value: '12abc' }],
      ['reportedAt', '"2023-02-30"', { reportedAt: '2023-02-30' }],
      ['source', 'missing', { source: undefined }],
    ])('names %s in a 400 when it is %s', async (field, _label, change) => {
      expect(fieldsOf(expectProblem(await restate('FY2017', { ...restatement('2'), ...change }), 400))).toContain(
        field,
      );
    });
  });

  describe('POST …/figures/{period}/corrections', () => {
    const correct = (period: string, body: object) =>
      t.http().post(`/companies/acme/metrics/gmv/figures/${period}/corrections`).send(body);

    it('corrects only the value: 201, the figure reads corrected and keeps its reportedAt', async () => {
      const before = await figureFor('FY2019');
      const res = await correct('FY2019', { value: '5727100000000', reason: 'Typo' }).expect(201);
      expect(res.body).toEqual({
        stream: 'metric-acme.gmv',
        revision: expect.any(Number),
        position: expect.any(Number),
      });
      expect(await figureFor('FY2019')).toMatchObject({
        value: '5727100000000',
        reportedAt: before.reportedAt,
        currency: before.currency,
        translations: before.translations,
        corrected: true,
        restated: false,
      });
    });

    it('refuses a correction with only a reason with 400 CORRECTION_EMPTY', async () => {
      expectProblem(await correct('FY2019', { reason: 'Nothing really' }), 400, 'CORRECTION_EMPTY');
    });

    it('refuses a correction without a reason, naming reason', async () => {
      expect(fieldsOf(expectProblem(await correct('FY2019', { value: '1' }), 400))).toContain('reason');
    });

    it('refuses a correction that changes nothing with 409 CORRECTION_UNCHANGED', async () => {
      expectProblem(await correct('FY2019', { value: '5727100000000', reason: 'Again' }), 409, 'CORRECTION_UNCHANGED');
    });

    it('answers a period never reported with 404 FIGURE_NOT_REPORTED', async () => {
      expectProblem(await correct('FY2015', { value: '1', reason: 'Typo' }), 404, 'FIGURE_NOT_REPORTED');
    });

    it('answers a bad period in the path with 400 naming period', async () => {
      expect(fieldsOf(expectProblem(await correct('FY20', { value: '1', reason: 'Typo' }), 400))).toEqual(['period']);
    });

    it('refuses a currency correction on a count metric with 400 CURRENCY_NOT_ALLOWED', async () => {
      const res = await t
        .http()
        .post('/companies/acme/metrics/users/figures/FY2020/corrections')
        .send({ currency: 'USD', reason: 'Typo' });
      expect(fieldsOf(expectProblem(res, 400, 'CURRENCY_NOT_ALLOWED'))).toEqual(['currency']);
    });
  });

  describe('a discontinued metric with a last period', () => {
    beforeAll(async () => {
      await t.http().post('/companies/acme/metrics').send({ id: 'mau', name: 'Mobile MAU', unit: 'count' }).expect(201);
      await t
        .http()
        .post('/companies/acme/metrics/mau/discontinuation')
        .send({ statedAt: '2022-05-26', lastPeriod: 'FY2022', source: source() })
        .expect(201);
    });

    it('refuses a figure for a later period with 409 METRIC_DISCONTINUED', async () => {
      const res = await report(figure('FY2023', '1000'), 'mau');
      expectProblem(res, 409, 'METRIC_DISCONTINUED');
      expect(await figuresOf('mau')).toEqual([]);
    });

    it('still accepts a figure up to the last period', async () => {
      await report(figure('FY2022', '1000'), 'mau').expect(201);
      await report(figure('FY2022-Q4', '250'), 'mau').expect(201);
      expect((await figuresOf('mau')).map((f) => f.period)).toEqual(['FY2022-Q4', 'FY2022']);
    });
  });
});

describe('figures of a company with a 31 December year end', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t
      .http()
      .post('/companies')
      .send({ id: 'calco', name: 'Calendar Co', fiscalYearEnd: '12-31', reportingCurrency: 'EUR' })
      .expect(201);
    await t
      .http()
      .post('/companies/calco/metrics')
      .send({ id: 'revenue', name: 'Revenue', unit: 'currency' })
      .expect(201);
  });
  afterAll(() => t.close());

  it('treats CY2022 as the same figure as FY2022', async () => {
    const body = { period: 'FY2022', value: '100', reportedAt: '2023-03-01', source: source() };
    await t.http().post('/companies/calco/metrics/revenue/figures').send(body).expect(201);
    const res = await t
      .http()
      .post('/companies/calco/metrics/revenue/figures')
      .send({ ...body, period: 'CY2022' });
    expectProblem(res, 409, 'FIGURE_ALREADY_REPORTED');
    await t
      .http()
      .post('/companies/calco/metrics/revenue/figures/CY2022/restatements')
      .send({ value: '101', reportedAt: '2024-03-01', source: source(), reason: 'Restated' })
      .expect(201);
    const view = await t.http().get('/companies/calco/metrics/revenue').expect(200);
    expect(view.body).toMatchObject({ figures: [{ period: 'FY2022', value: '101', currency: 'EUR', restated: true }] });
  });
});
