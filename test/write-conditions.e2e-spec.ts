import type { AuditEvent } from './support/audit-log.js';
import type request from 'supertest';
import {
  expectProblem,
  fieldsOf,
  seedCompanyAndMetric,
  source,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

const statement = (statedAt = '2016-06-14') => ({ statedAt, source: source('Investor day') });
const figure = (period: string, value: string) => ({ period, value, reportedAt: '2016-05-05', source: source() });
const announcement = (extra: object = {}) => ({
  metricId: 'gmv',
  comparator: 'gte',
  value: '1000000000000',
  deadline: 'FY2020',
  announcedAt: '2016-06-14',
  source: source('Investor day'),
  ...extra,
});

describe('conditional and idempotent writes', () => {
  let t: TestApp;
  const events = async () =>
    ((await t.http().get('/audit/events?limit=1000').expect(200)).body as { events: AuditEvent[] }).events;
  const eventCount = async () => (await events()).length;
  const bodyOf = (res: request.Response) =>
    res.body as { id?: string; stream: string; revision: number; position: number };

  beforeAll(async () => {
    t = await startTestApp();
    await seedCompanyAndMetric(t);
  });
  afterAll(() => t.close());

  describe('If-Match', () => {
    it('writes when the stream is at the given revision: 201 and the ETag is the new revision', async () => {
      const res = await t
        .http()
        .post('/companies/acme/metrics/gmv/figures')
        .set('If-Match', '"0"')
        .send(figure('FY2016', '3092000000000'))
        .expect(201);
      expect(bodyOf(res).revision).toBe(1);
      expect(res.headers.etag).toBe('"1"');
    });

    it('accepts the ETag of the last answer as the next If-Match', async () => {
      const first = await t.http().post('/companies/acme/metrics/gmv/figures').send(figure('FY2017', '1')).expect(201);
      const res = await t
        .http()
        .post('/companies/acme/metrics/gmv/figures')
        .set('If-Match', first.headers.etag)
        .send(figure('FY2018', '2'))
        .expect(201);
      expect(res.headers.etag).toBe(`"${bodyOf(first).revision + 1}"`);
    });

    it('refuses a stale revision with 412 REVISION_MISMATCH and appends nothing', async () => {
      const before = await eventCount();
      const res = await t
        .http()
        .post('/companies/acme/metrics/gmv/figures')
        .set('If-Match', '"0"')
        .send(figure('FY2019', '3'));
      expectProblem(res, 412, 'REVISION_MISMATCH');
      expect(await eventCount()).toBe(before);
      const view = await t.http().get('/companies/acme/metrics/gmv').expect(200);
      expect((view.body as { figures: Array<{ period: string }> }).figures.map((f) => f.period)).not.toContain(
        'FY2019',
      );
    });

    it('refuses a revision ahead of the stream with 412', async () => {
      const res = await t
        .http()
        .post('/companies/acme/metrics/gmv/de-emphasis')
        .set('If-Match', '"99"')
        .send(statement());
      expectProblem(res, 412, 'REVISION_MISMATCH');
    });

    it.each(['abc', '"x"', '3', '"-1"', '"01"', 'W/"3"', '"1", "2"', '*'])(
      'answers a malformed If-Match %j with 400 naming If-Match and appends nothing',
      async (ifMatch) => {
        const before = await eventCount();
        const res = await t
          .http()
          .post('/companies/acme/metrics/gmv/de-emphasis')
          .set('If-Match', ifMatch)
          .send(statement());
        expect(fieldsOf(expectProblem(res, 400))).toEqual(['If-Match']);
        expect(await eventCount()).toBe(before);
      },
    );

    it('refuses If-Match "0" on a stream that does not exist yet with 412', async () => {
      const before = await eventCount();
      const res = await t
        .http()
        .post('/companies')
        .set('If-Match', '"0"')
        .send({ id: 'newco', name: 'New Co', fiscalYearEnd: '12-31', reportingCurrency: 'USD' });
      expectProblem(res, 412, 'REVISION_MISMATCH');
      expect(await eventCount()).toBe(before);
      expectProblem(await t.http().get('/companies/newco'), 404, 'COMPANY_NOT_FOUND');
    });

    it('lets a rule violation win over a matching If-Match (409, not 201)', async () => {
      const res = await t.http().get('/audit/events?limit=1000').expect(200);
      const gmv = (res.body as { events: AuditEvent[] }).events.filter((e) => e.stream === 'metric-acme.gmv');
      const head = gmv[gmv.length - 1].revision;
      const dup = await t
        .http()
        .post('/companies/acme/metrics/gmv/figures')
        .set('If-Match', `"${head}"`)
        .send(figure('FY2016', '1'));
      expectProblem(dup, 409, 'FIGURE_ALREADY_REPORTED');
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retried POST with the same status and body and appends one event', async () => {
      const before = await eventCount();
      const send = () =>
        t
          .http()
          .post('/companies/acme/metrics')
          .set('Idempotency-Key', 'define-users-1')
          .send({ id: 'users', name: 'Annual active consumers', unit: 'count' });
      const first = await send();
      const second = await send();
      expect(first.status).toBe(201);
      expect(second.status).toBe(first.status);
      expect(second.body).toEqual(first.body);
      expect(second.headers.etag).toBe(first.headers.etag);
      expect(await eventCount()).toBe(before + 1);
      const stored = (await events()).filter((e) => e.metadata.idempotencyKey === 'define-users-1');
      expect(stored).toHaveLength(1);
    });

    it('answers a retry with the first answer even after the stream has moved on', async () => {
      const send = () =>
        t
          .http()
          .post('/companies/acme/metrics/users/figures')
          .set('Idempotency-Key', 'users-fy2016')
          .send(figure('FY2016', '400000000'));
      const first = await send().expect(201);
      await t.http().post('/companies/acme/metrics/users/figures').send(figure('FY2017', '450000000')).expect(201);
      const retry = await send();
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
    });

    it('returns the same generated id when a target announcement without id is retried', async () => {
      const before = await eventCount();
      const send = () =>
        t.http().post('/companies/acme/targets').set('Idempotency-Key', 'announce-1').send(announcement());
      const first = await send().expect(201);
      const retry = await send().expect(201);
      expect(bodyOf(first).id).toEqual(expect.any(String));
      expect(retry.body).toEqual(first.body);
      expect(await eventCount()).toBe(before + 1);
    });

    it('refuses the same key with another body with 422 IDEMPOTENCY_KEY_REUSED and appends nothing', async () => {
      const before = await eventCount();
      const res = await t
        .http()
        .post('/companies/acme/targets')
        .set('Idempotency-Key', 'announce-1')
        .send(announcement({ value: '2000000000000' }));
      expectProblem(res, 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await eventCount()).toBe(before);
    });

    it('treats a body with the same fields in another order as the same request', async () => {
      const { metricId, comparator, ...rest } = announcement();
      const res = await t
        .http()
        .post('/companies/acme/targets')
        .set('Idempotency-Key', 'announce-1')
        .send({ ...rest, comparator, metricId })
        .expect(201);
      expect(bodyOf(res).revision).toBe(0);
    });

    it('keeps the same key on a different route independent (201)', async () => {
      const res = await t
        .http()
        .post('/companies/acme/metrics')
        .set('Idempotency-Key', 'announce-1')
        .send({ id: 'orders', name: 'Orders', unit: 'count' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: 'orders', stream: 'metric-acme.orders' });
    });

    it('answers a retried conditional write with its first answer, not 412', async () => {
      const head = bodyOf(
        await t.http().post('/companies/acme/metrics/users/figures').send(figure('FY2018', '500000000')).expect(201),
      ).revision;
      const send = () =>
        t
          .http()
          .post('/companies/acme/metrics/users/figures')
          .set('If-Match', `"${head}"`)
          .set('Idempotency-Key', 'conditional-retry')
          .send(figure('FY2019', '600000000'));
      const first = await send().expect(201);
      const retry = await send();
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.etag).toBe(`"${head + 1}"`);
    });

    it('answers a replay of a failed request by re-deciding it (no answer is remembered for errors)', async () => {
      const send = () =>
        t
          .http()
          .post('/companies/acme/metrics/nope/figures')
          .set('Idempotency-Key', 'fails')
          .send(figure('FY2016', '1'));
      expectProblem(await send(), 404, 'METRIC_NOT_FOUND');
      expectProblem(await send(), 404, 'METRIC_NOT_FOUND');
    });

    it.each([
      ['empty', ''],
      ['too long', 'k'.repeat(256)],
      ['with a space', 'two words'],
    ])('answers a malformed key (%s) with 400 naming Idempotency-Key', async (_label, key) => {
      const res = await t
        .http()
        .post('/companies/acme/metrics')
        .set('Idempotency-Key', key)
        .send({ id: 'k', name: 'K', unit: 'count' });
      expect(fieldsOf(expectProblem(res, 400))).toEqual(['Idempotency-Key']);
    });

    it('answers 20 concurrent identical POSTs with one key with 201 and the same body, appending one event', async () => {
      const before = await eventCount();
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          t
            .http()
            .post('/companies/acme/targets')
            .set('Idempotency-Key', 'concurrent-announce')
            .send(announcement({ value: '7' })),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      const bodies = responses.map((r) => JSON.stringify(r.body));
      expect(new Set(bodies).size).toBe(1);
      expect(await eventCount()).toBe(before + 1);
    });

    it('answers 20 concurrent identical metric definitions with one key with 201 and one event', async () => {
      const before = await eventCount();
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          t
            .http()
            .post('/companies/acme/metrics')
            .set('Idempotency-Key', 'concurrent-define')
            .send({ id: 'sellers', name: 'Active sellers', unit: 'count' }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
      expect(await eventCount()).toBe(before + 1);
    });
  });

  describe('concurrent revisions', () => {
    it('lets exactly one of 20 revisions with the same If-Match through; the rest answer 412', async () => {
      const announced = await t
        .http()
        .post('/companies/acme/targets')
        .send(announcement({ id: 'race' }))
        .expect(201);
      const etag = announced.headers.etag;
      const before = await eventCount();
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t
            .http()
            .post('/companies/acme/targets/race/revisions')
            .set('If-Match', etag)
            .send({ value: String(2000000000000 + i), announcedAt: '2017-06-08', source: source() }),
        ),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(19);
      for (const res of responses.filter((r) => r.status === 412)) expectProblem(res, 412, 'REVISION_MISMATCH');
      const winner = responses.find((r) => r.status === 201);
      expect(winner?.headers.etag).toBe('"1"');
      expect(await eventCount()).toBe(before + 1);
    });
  });
});
