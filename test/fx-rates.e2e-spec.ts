import type { AuditEvent } from './support/audit-log.js';
import { expectProblem, fieldsOf, source, startTestApp, type TestApp } from './support/test-app.js';

const rate = (extra: object = {}) => ({
  from: 'CNY',
  to: 'USD',
  rate: '0.1413',
  period: 'CY2020',
  source: source('Central bank yearly average'),
  ...extra,
});

describe('POST /fx-rates', () => {
  let t: TestApp;
  const record = (body: object) => t.http().post('/fx-rates').send(body);
  const eventCount = async () =>
    ((await t.http().get('/audit/events?limit=1000').expect(200)).body as { events: AuditEvent[] }).events.length;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('records a rate for a calendar period: 201 on the pair stream, no id, ETag', async () => {
    const res = await record(rate()).expect(201);
    expect(res.body).toEqual({ stream: 'fx-CNY.USD', revision: 0, position: 1 });
    expect(res.headers.etag).toBe('"0"');
  });

  it('records a rate for a date on the same stream, with the rate as a canonical decimal', async () => {
    const res = await record(rate({ period: undefined, date: '2020-03-31', rate: 0.14 })).expect(201);
    expect(res.body).toEqual({ stream: 'fx-CNY.USD', revision: 1, position: 2 });
    const events = ((await t.http().get('/audit/events').expect(200)).body as { events: AuditEvent[] }).events;
    expect(events[1]).toMatchObject({
      stream: 'fx-CNY.USD',
      type: 'FxRateRecorded',
      data: { from: 'CNY', to: 'USD', rate: '0.14', date: '2020-03-31' },
    });
    expect(events[0].data).toMatchObject({ period: 'CY2020', periodStart: '2020-01-01', periodEnd: '2020-12-31' });
  });

  it('accepts a calendar quarter', async () => {
    await record(rate({ period: 'CY2020-Q1' })).expect(201);
  });

  it('keeps the reverse pair on its own stream', async () => {
    const res = await record(rate({ from: 'USD', to: 'CNY', rate: '7.07' })).expect(201);
    expect(res.body).toMatchObject({ stream: 'fx-USD.CNY', revision: 0 });
  });

  it('refuses a second rate for the same pair and period with 409 FX_RATE_ALREADY_RECORDED', async () => {
    const before = await eventCount();
    expectProblem(await record(rate({ rate: '0.15' })), 409, 'FX_RATE_ALREADY_RECORDED');
    expectProblem(await record(rate({ period: undefined, date: '2020-03-31' })), 409, 'FX_RATE_ALREADY_RECORDED');
    expect(await eventCount()).toBe(before);
  });

  it('refuses both a period and a date with 400', async () => {
    const res = await record(rate({ period: 'CY2021', date: '2021-06-30' }));
    expect(fieldsOf(expectProblem(res, 400, 'FX_PERIOD_OR_DATE')).length).toBeGreaterThan(0);
  });

  it('refuses neither a period nor a date with 400', async () => {
    const res = await record(rate({ period: undefined }));
    expect(fieldsOf(expectProblem(res, 400, 'FX_PERIOD_OR_DATE')).length).toBeGreaterThan(0);
  });

  it.each(['FY2021', 'FY2021-Q1'])('refuses a fiscal period %s with 400 naming period', async (period) => {
    const res = await record(rate({ period }));
    expect(fieldsOf(expectProblem(res, 400, 'FX_PERIOD_NOT_CALENDAR'))).toEqual(['period']);
  });

  it('refuses from == to with 400', async () => {
    const res = await record(rate({ from: 'USD', to: 'USD', rate: '1' }));
    expect(fieldsOf(expectProblem(res, 400, 'FX_SAME_CURRENCY')).length).toBeGreaterThan(0);
  });

  it.each([
    ['0', '0'],
    ['0 as a number', 0],
    ['negative', '-0.14'],
    ['negative number', -1],
  ])('refuses a rate that is %s with 400 naming rate', async (_label, value) => {
    const res = await record(rate({ period: 'CY2022', rate: value }));
    expect(fieldsOf(expectProblem(res, 400))).toEqual(['rate']);
  });

  it.each([
    ['rate', '"abc"', { rate: 'abc' }],
    ['rate', 'missing', { rate: undefined }],
    ['from', '"usd"', { from: 'usd' }],
    ['from', '"XYZ"', { from: 'XYZ' }],
    ['from', 'missing', { from: undefined }],
    ['to', '"US"', { to: 'US' }],
    ['to', '"XXY"', { to: 'XXY' }],
    ['period', '"2022"', { period: '2022' }],
    ['date', '"2022-02-30"', { period: undefined, date: '2022-02-30' }],
    ['source', 'missing', { source: undefined }],
    ['source.url', '{ url: "ftp://x" }', { source: { url: 'ftp://x' } }],
    ['company', 'an unknown field', { company: 'acme' }],
  ])('names %s in a 400 when it is %s', async (field, _label, change) => {
    const res = await record({ ...rate({ period: 'CY2023' }), ...change });
    expect(fieldsOf(expectProblem(res, 400))).toContain(field);
  });

  it('recorded nothing for any refused request', async () => {
    expect(await eventCount()).toBe(4);
  });
});
