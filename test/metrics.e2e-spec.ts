import { expectProblem, fieldsOf, source, startTestApp, type TestApp } from './support/test-app.js';

const company = { id: 'acme', name: 'Acme Holdings', fiscalYearEnd: '03-31', reportingCurrency: 'CNY' };
const gmv = { id: 'gmv', name: 'Gross merchandise volume', unit: 'currency', definition: 'Value of goods ordered' };
const statement = (statedAt = '2016-06-14') => ({ statedAt, source: source('Investor day') });

describe('POST /companies/{c}/metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.http().post('/companies').send(company).expect(201);
  });
  afterAll(() => t.close());

  it('defines a metric: 201 with id, stream, revision, position and a strong ETag', async () => {
    const res = await t
      .http()
      .post('/companies/acme/metrics')
      .send({ ...gmv, source: source() })
      .expect(201);
    expect(res.body).toEqual({ id: 'gmv', stream: 'metric-acme.gmv', revision: 0, position: 2 });
    expect(res.headers.etag).toBe('"0"');
  });

  it('reads the new metric right after the write, not yet de-emphasized or discontinued', async () => {
    const res = await t.http().get('/companies/acme/metrics/gmv').expect(200);
    expect(res.body).toMatchObject({
      id: 'gmv',
      companyId: 'acme',
      name: 'Gross merchandise volume',
      unit: 'currency',
      definition: 'Value of goods ordered',
      deEmphasized: false,
      discontinued: false,
      lastPeriod: null,
      figures: [],
    });
  });

  it('defines a metric without definition and source', async () => {
    const res = await t
      .http()
      .post('/companies/acme/metrics')
      .send({ id: 'users', name: 'Annual active consumers', unit: 'count' })
      .expect(201);
    expect(res.body).toMatchObject({ id: 'users', stream: 'metric-acme.users', revision: 0 });
    const view = await t.http().get('/companies/acme/metrics/users').expect(200);
    expect(view.body).toMatchObject({ unit: 'count', definition: null });
  });

  it('answers an unknown company with 404 COMPANY_NOT_FOUND and creates nothing', async () => {
    const res = await t.http().post('/companies/nobody/metrics').send(gmv);
    expectProblem(res, 404, 'COMPANY_NOT_FOUND');
    expectProblem(await t.http().get('/companies/nobody/metrics/gmv'), 404, 'COMPANY_NOT_FOUND');
  });

  it('answers a company path id that is not a slug with 404', async () => {
    expectProblem(await t.http().post('/companies/Acme/metrics').send(gmv), 404, 'COMPANY_NOT_FOUND');
    expectProblem(await t.http().post('/companies/acme.gmv/metrics').send(gmv), 404, 'COMPANY_NOT_FOUND');
  });

  it('refuses a duplicate id with 409 METRIC_ALREADY_EXISTS and keeps the first definition', async () => {
    const res = await t
      .http()
      .post('/companies/acme/metrics')
      .send({ ...gmv, name: 'Other', unit: 'count' });
    expectProblem(res, 409, 'METRIC_ALREADY_EXISTS');
    const view = await t.http().get('/companies/acme/metrics/gmv').expect(200);
    expect(view.body).toMatchObject({ name: 'Gross merchandise volume', unit: 'currency' });
  });

  it.each([
    ['unit', { unit: 'dollars' }],
    ['unit', { unit: 'Currency' }],
    ['id', { id: 'GMV' }],
    ['id', { id: 'gmv.total' }],
    ['name', { name: '' }],
    ['definition', { definition: 7 }],
  ])('names %s in a 400 for %j', async (field, change) => {
    const res = await t
      .http()
      .post('/companies/acme/metrics')
      .send({ ...gmv, id: 'fresh', ...change });
    expect(fieldsOf(expectProblem(res, 400, 'VALIDATION_FAILED'))).toContain(field);
  });

  it('names every missing field', async () => {
    const res = await t.http().post('/companies/acme/metrics').send({});
    expect(fieldsOf(expectProblem(res, 400))).toEqual(expect.arrayContaining(['id', 'name', 'unit']));
  });

  it.each([
    ['source.url', { publisher: 'Reuters' }],
    ['source.url', { url: 'ftp://x' }],
    ['source.url', { url: 'not a url' }],
    ['source.foo', { title: 'Annual report', foo: 'bar' }],
    ['source.publishedAt', { title: 'Annual report', publishedAt: '2020-02-30' }],
    ['source.language', { title: 'Annual report', language: 'english please' }],
  ])('names %s for source %j', async (field, badSource) => {
    const res = await t
      .http()
      .post('/companies/acme/metrics')
      .send({ ...gmv, id: 'fresh', source: badSource });
    expect(fieldsOf(expectProblem(res, 400))).toContain(field);
    expectProblem(await t.http().get('/companies/acme/metrics/fresh'), 404, 'METRIC_NOT_FOUND');
  });

  it('names source when it is not an object', async () => {
    const res = await t
      .http()
      .post('/companies/acme/metrics')
      .send({ ...gmv, id: 'fresh', source: 'the annual report' });
    expect(fieldsOf(expectProblem(res, 400))).toContain('source');
  });

  it('accepts a source with only a title or only a url', async () => {
    await t
      .http()
      .post('/companies/acme/metrics')
      .send({ ...gmv, id: 'only-title', source: { title: 'Annual report' } })
      .expect(201);
    await t
      .http()
      .post('/companies/acme/metrics')
      .send({ ...gmv, id: 'only-url', source: { url: 'https://example.com/ar.pdf' } })
      .expect(201);
  });
});

describe('metric lifecycle: redefinitions, de-emphasis, discontinuation, reinstatement', () => {
  let t: TestApp;
  const lifecycle = (path: string, body: object, metric = 'gmv') =>
    t.http().post(`/companies/acme/metrics/${metric}/${path}`).send(body);
  const view = async (metric = 'gmv') =>
    (await t.http().get(`/companies/acme/metrics/${metric}`).expect(200)).body as Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestApp();
    await t.http().post('/companies').send(company).expect(201);
    await t
      .http()
      .post('/companies/acme/metrics')
      .send({ ...gmv, source: source() })
      .expect(201);
  });
  afterAll(() => t.close());

  describe('redefinitions', () => {
    const redefinition = {
      definition: 'Value of goods ordered across the ecosystem',
      effectiveFrom: 'FY2020',
      statedAt: '2020-05-22',
      source: source('FY2020 results'),
      reason: 'Scope now includes overseas marketplaces',
    };

    it('records a new definition: 201, next revision, no id', async () => {
      const res = await lifecycle('redefinitions', redefinition).expect(201);
      expect(res.body).toEqual({ stream: 'metric-acme.gmv', revision: 1, position: expect.any(Number) });
      expect(res.headers.etag).toBe('"1"');
      expect(await view()).toMatchObject({ definition: 'Value of goods ordered across the ecosystem' });
    });

    it('refuses the same definition again with 409 DEFINITION_UNCHANGED', async () => {
      const res = await lifecycle('redefinitions', { ...redefinition, statedAt: '2021-01-01' });
      expectProblem(res, 409, 'DEFINITION_UNCHANGED');
    });

    it.each([
      ['effectiveFrom', 'FY20', { effectiveFrom: 'FY20' }],
      ['effectiveFrom', 'FY2020-Q5', { effectiveFrom: 'FY2020-Q5' }],
      ['effectiveFrom', '2020', { effectiveFrom: '2020' }],
      ['statedAt', '2020-13-01', { statedAt: '2020-13-01' }],
      ['definition', 'empty', { definition: '' }],
      ['source', 'missing', { source: undefined }],
      ['source', 'an array', { source: [] }],
      ['source.url', 'ftp://x', { source: { url: 'ftp://x' } }],
    ])('names %s in a 400 when it is %s', async (field, _label, change) => {
      const res = await lifecycle('redefinitions', { ...redefinition, definition: 'Something new', ...change });
      expect(fieldsOf(expectProblem(res, 400))).toContain(field);
    });
  });

  describe('de-emphasis', () => {
    it('records a de-emphasis: 201 and the metric reads de-emphasized', async () => {
      const res = await lifecycle('de-emphasis', { ...statement(), note: 'GMV no longer the only measure' }).expect(
        201,
      );
      expect(res.body).toMatchObject({ stream: 'metric-acme.gmv', revision: 2 });
      expect(res.body).not.toHaveProperty('id');
      expect(await view()).toMatchObject({ deEmphasized: true, discontinued: false });
    });

    it('refuses a second de-emphasis with 409 METRIC_ALREADY_DE_EMPHASIZED', async () => {
      expectProblem(await lifecycle('de-emphasis', statement('2017-01-01')), 409, 'METRIC_ALREADY_DE_EMPHASIZED');
    });

    it('names statedAt and source when they are missing', async () => {
      const res = await lifecycle('de-emphasis', {});
      expect(fieldsOf(expectProblem(res, 400))).toEqual(expect.arrayContaining(['statedAt', 'source']));
    });
  });

  describe('discontinuation', () => {
    it('records a discontinuation with its last period: 201 and the metric reads discontinued', async () => {
      const res = await lifecycle('discontinuation', { ...statement('2022-05-26'), lastPeriod: 'FY2022' }).expect(201);
      expect(res.body).toMatchObject({ stream: 'metric-acme.gmv', revision: 3 });
      expect(await view()).toMatchObject({ deEmphasized: true, discontinued: true, lastPeriod: 'FY2022' });
    });

    it('refuses a second discontinuation with 409 METRIC_ALREADY_DISCONTINUED', async () => {
      expectProblem(await lifecycle('discontinuation', statement('2023-01-01')), 409, 'METRIC_ALREADY_DISCONTINUED');
    });

    it('names lastPeriod when it is not a period', async () => {
      await t
        .http()
        .post('/companies/acme/metrics')
        .send({ id: 'take-rate', name: 'Take rate', unit: 'percent' })
        .expect(201);
      const res = await lifecycle('discontinuation', { ...statement(), lastPeriod: 'last year' }, 'take-rate');
      expect(fieldsOf(expectProblem(res, 400))).toContain('lastPeriod');
      expect(await view('take-rate')).toMatchObject({ discontinued: false });
    });

    it('records a discontinuation without a last period', async () => {
      await lifecycle('discontinuation', statement(), 'take-rate').expect(201);
      expect(await view('take-rate')).toMatchObject({ discontinued: true, lastPeriod: null });
    });
  });

  describe('reinstatement', () => {
    it('undoes de-emphasis and discontinuation: 201 and both flags clear', async () => {
      const res = await lifecycle('reinstatement', { ...statement('2024-05-14'), note: 'Back in the report' }).expect(
        201,
      );
      expect(res.body).toMatchObject({ stream: 'metric-acme.gmv', revision: 4 });
      expect(await view()).toMatchObject({ deEmphasized: false, discontinued: false, lastPeriod: null });
    });

    it('refuses a reinstatement of a metric that is neither de-emphasized nor discontinued with 409', async () => {
      expectProblem(
        await lifecycle('reinstatement', statement('2024-06-01')),
        409,
        'METRIC_NOT_DE_EMPHASIZED_OR_DISCONTINUED',
      );
    });

    it('allows a new de-emphasis after the reinstatement', async () => {
      await lifecycle('de-emphasis', statement('2024-07-01')).expect(201);
      expect(await view()).toMatchObject({ deEmphasized: true, discontinued: false });
    });
  });

  describe('unknown metrics and bad path ids', () => {
    it.each([
      ['redefinitions', { definition: 'x', effectiveFrom: 'FY2020', statedAt: '2020-01-01', source: source() }],
      ['de-emphasis', statement()],
      ['discontinuation', statement()],
      ['reinstatement', statement()],
    ])('POST …/nope/%s answers 404 METRIC_NOT_FOUND', async (path, body) => {
      expectProblem(await lifecycle(path, body, 'nope'), 404, 'METRIC_NOT_FOUND');
    });

    it.each(['GMV', 'gmv.x', '-gmv', 'x'.repeat(65)])(
      'answers a metric path id %j (not a slug) with 404',
      async (id) => {
        expectProblem(await lifecycle('de-emphasis', statement(), encodeURIComponent(id)), 404, 'METRIC_NOT_FOUND');
        expectProblem(await t.http().get(`/companies/acme/metrics/${encodeURIComponent(id)}`), 404, 'METRIC_NOT_FOUND');
      },
    );

    it('answers a lifecycle write on an unknown company with 404', async () => {
      const res = await t.http().post('/companies/nobody/metrics/gmv/de-emphasis').send(statement());
      expect(expectProblem(res, 404).code).toMatch(/^(COMPANY|METRIC)_NOT_FOUND$/);
    });

    it('rejects unknown fields on lifecycle writes', async () => {
      const res = await lifecycle('reinstatement', { ...statement(), lastPeriod: 'FY2022' });
      expect(fieldsOf(expectProblem(res, 400))).toEqual(['lastPeriod']);
    });
  });
});
