import { expectProblem, fieldsOf, startTestApp, type TestApp } from './support/test-app.js';

describe('POST /companies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const alibaba = { id: 'alibaba', name: 'Alibaba Group', fiscalYearEnd: '03-31', reportingCurrency: 'CNY' };

  it('registers a company: 201 with id, stream, revision, position and a strong ETag', async () => {
    const res = await t.http().post('/companies').send(alibaba).expect(201);
    expect(res.body).toEqual({ id: 'alibaba', stream: 'company-alibaba', revision: 0, position: 1 });
    expect(res.headers.etag).toBe('"0"');
  });

  it('reads the company right after the write', async () => {
    const res = await t.http().get('/companies/alibaba').expect(200);
    expect(res.body).toMatchObject({
      id: 'alibaba',
      name: 'Alibaba Group',
      fiscalYearEnd: '03-31',
      reportingCurrency: 'CNY',
    });
  });

  it('refuses a duplicate id with 409 COMPANY_ALREADY_EXISTS', async () => {
    const res = await t
      .http()
      .post('/companies')
      .send({ ...alibaba, name: 'Other' });
    expectProblem(res, 409, 'COMPANY_ALREADY_EXISTS');
  });

  it.each([
    ['id', { id: 'Bad ID!' }],
    ['id', { id: '-leading-dash' }],
    ['id', { id: 'x'.repeat(65) }],
    ['name', { name: '' }],
    ['name', { name: 42 }],
    ['fiscalYearEnd', { fiscalYearEnd: 'March 31' }],
    ['fiscalYearEnd', { fiscalYearEnd: '13-01' }],
    ['fiscalYearEnd', { fiscalYearEnd: '02-30' }],
    ['fiscalYearEnd', { fiscalYearEnd: '04-31' }],
    ['reportingCurrency', { reportingCurrency: 'usd' }],
    ['reportingCurrency', { reportingCurrency: 'XYZ' }],
  ])('names %s in a 400 for %j', async (field, change) => {
    const res = await t
      .http()
      .post('/companies')
      .send({ ...alibaba, id: 'fresh', ...change });
    expect(fieldsOf(expectProblem(res, 400, 'VALIDATION_FAILED'))).toContain(field);
  });

  it('accepts 02-29 as a fiscal year end (it exists in leap years)', async () => {
    await t
      .http()
      .post('/companies')
      .send({ ...alibaba, id: 'leap', fiscalYearEnd: '02-29' })
      .expect(201);
  });

  it('names every missing field', async () => {
    const res = await t.http().post('/companies').send({});
    expect(fieldsOf(expectProblem(res, 400))).toEqual(
      expect.arrayContaining(['id', 'name', 'fiscalYearEnd', 'reportingCurrency']),
    );
  });

  it('rejects unknown fields and creates nothing', async () => {
    const res = await t
      .http()
      .post('/companies')
      .send({ ...alibaba, id: 'extra', color: 'red' });
    expect(fieldsOf(expectProblem(res, 400))).toEqual(['color']);
    expectProblem(await t.http().get('/companies/extra'), 404, 'COMPANY_NOT_FOUND');
  });

  it('rejects a client-sent recordedAt instead of storing it', async () => {
    const res = await t
      .http()
      .post('/companies')
      .send({ ...alibaba, id: 'sneaky', metadata: { recordedAt: '2001-01-01T00:00:00Z' } });
    expect(fieldsOf(expectProblem(res, 400))).toEqual(['metadata']);
  });

  it('answers malformed JSON, a non-object body and a wrong content type with problem details', async () => {
    expectProblem(await t.http().post('/companies').set('content-type', 'application/json').send('{"id":'), 400);
    expectProblem(await t.http().post('/companies').set('content-type', 'application/json').send('[1,2]'), 400);
    expectProblem(await t.http().post('/companies').set('content-type', 'text/plain').send('hello'), 415);
  });

  it('answers an unknown company with 404 and an unknown route with a problem', async () => {
    expectProblem(await t.http().get('/companies/nobody'), 404, 'COMPANY_NOT_FOUND');
    expectProblem(await t.http().get('/no/such/route'), 404);
  });
});
