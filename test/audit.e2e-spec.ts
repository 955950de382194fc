import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../src/shared/canonical-json.js';
import { type AuditEvent, allEvents } from './support/audit-log.js';
import {
  expectProblem,
  fieldsOf,
  seedCompanyAndMetric,
  source,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

describe('audit: the raw log, its hash chain, restarts and tampering', () => {
  let t: TestApp;
  let marked: { stream: string; revision: number };

  beforeAll(async () => {
    t = await startTestApp();
    await seedCompanyAndMetric(t);
    const figures = '/companies/acme/metrics/gmv/figures';
    await t
      .http()
      .post(figures)
      .send({ period: 'FY2019', value: '100', reportedAt: '2019-05-20', source: source() })
      .expect(201);
    const res = await t
      .http()
      .post(figures)
      .send({ period: 'FY2020', value: '7053000000000', reportedAt: '2020-05-22', source: source() })
      .expect(201);
    marked = res.body as { stream: string; revision: number };
    await t
      .http()
      .post(`${figures}/FY2019/restatements`)
      .send({ value: '101', reportedAt: '2019-08-01', source: source(), reason: 'scope change' })
      .expect(201);
  });
  afterAll(() => t.close());

  it('pages the log in commit order with an exclusive `after`', async () => {
    const events = await allEvents(t, 2);
    expect(events.map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    expect(events.map((e) => e.type)).toEqual([
      'CompanyRegistered',
      'MetricDefined',
      'FigureReported',
      'FigureReported',
      'FigureRestated',
    ]);
    const page = await t.http().get('/audit/events?after=4').expect(200);
    expect((page.body as { events: AuditEvent[] }).events.map((e) => e.position)).toEqual([5]);
  });

  it('lets an outside auditor recompute every hash from the log alone', async () => {
    const last = new Map<string, string>();
    for (const e of await allEvents(t, 100)) {
      const { hash, ...metadataWithoutHash } = e.metadata;
      expect(hash).toBe(e.hash);
      expect(e.prevHash).toBe(last.get(e.stream) ?? '0'.repeat(64));
      const body = canonicalJson({
        stream: e.stream,
        revision: e.revision,
        type: e.type,
        data: e.data,
        metadata: metadataWithoutHash,
      });
      expect(
        createHash('sha256')
          .update(e.prevHash + body)
          .digest('hex'),
      ).toBe(e.hash);
      last.set(e.stream, e.hash);
    }
  });

  it('stamps metadata from the server: recordedAt from the clock, recordedBy, correlation and schema version', async () => {
    const [first] = await allEvents(t, 1);
    expect(first.metadata).toMatchObject({
      recordedAt: '2026-01-01T00:00:00.000Z',
      recordedBy: 'anonymous',
      correlationId: expect.any(String),
      causationId: expect.any(String),
      schemaVersion: 1,
    });
  });

  it('validates paging parameters', async () => {
    expect(fieldsOf(expectProblem(await t.http().get('/audit/events?limit=1001'), 400))).toEqual(['limit']);
    expect(fieldsOf(expectProblem(await t.http().get('/audit/events?after=-1'), 400))).toEqual(['after']);
    expect(new Set(fieldsOf(expectProblem(await t.http().get('/audit/events?after=abc'), 400)))).toEqual(
      new Set(['after']),
    );
    expect(fieldsOf(expectProblem(await t.http().get('/audit/events?color=red'), 400))).toEqual(['color']);
  });

  it('verifies a clean log', async () => {
    const res = await t.http().get('/audit/verify').expect(200);
    expect(res.body).toEqual({ ok: true, streams: 2, events: 5 });
  });

  it('keeps every event and the read side across a restart on the same file', async () => {
    const before = await allEvents(t, 100);
    await t.restart();
    expect(await allEvents(t, 100)).toEqual(before);
    expect((await t.http().get('/audit/verify').expect(200)).body).toMatchObject({ ok: true, events: 5 });
    const metric = await t.http().get('/companies/acme/metrics/gmv').expect(200);
    expect((metric.body as { figures: Array<{ period: string; value: string }> }).figures).toEqual([
      expect.objectContaining({ period: 'FY2019', value: '101', restated: true }),
      expect.objectContaining({ period: 'FY2020', value: '7053000000000', restated: false }),
    ]);
    expect((await t.http().get('/health').expect(200)).body).toMatchObject({
      status: 'ok',
      eventStore: { lastPosition: 5 },
    });
  });

  it('names the stream and revision of an event whose stored bytes were changed behind its back', async () => {
    let changed = 0;
    await t.restart(() => {
      const db = new Database(t.eventStorePath);
      const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as Array<{
        name: string;
        sql: string;
      }>;
      for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
      changed = db
        .prepare(
          "UPDATE events SET data = replace(data, '7053000000000', '7053000000001') WHERE data LIKE '%7053000000000%'",
        )
        .run().changes;
      for (const trigger of triggers) db.exec(trigger.sql);
      db.close();
    });
    expect(changed).toBe(1);
    const res = await t.http().get('/audit/verify').expect(200);
    expect(res.body).toMatchObject({ ok: false, firstBroken: { stream: marked.stream, revision: marked.revision } });
    // The server still serves reads and says what is wrong.
    await t.http().get('/companies/acme').expect(200);
  });
});
