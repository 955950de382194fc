import { gmvTarget, seedCompanyAndMetric, source, startTestApp, type TestApp } from './support/test-app.js';

const CONCURRENT = 100;

interface Answer {
  status: number;
  etag: string | null;
  body: Record<string, unknown>;
}

/**
 * Races over real sockets to a listening server (not inject), all requests sent before the first
 * is answered, so that they really overlap inside the server.
 */
describe(`race: ${CONCURRENT} concurrent writes over HTTP`, () => {
  let t: TestApp;
  let url: string;
  const post = async (path: string, body: unknown, headers: Record<string, string>): Promise<Answer> => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, etag: res.headers.get('etag'), body: (await res.json()) as Record<string, unknown> };
  };
  const head = async () =>
    ((await t.http().get('/health').expect(200)).body as { eventStore: { lastPosition: number } }).eventStore
      .lastPosition;

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.app.getUrl();
    await seedCompanyAndMetric(t);
    await t.http().post('/companies/acme/targets').send(gmvTarget()).expect(201);
  });
  afterAll(() => t.close());

  it('revisions of one target with the same If-Match: exactly one 201, every other 412', async () => {
    const before = await head();
    const answers = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        post(
          '/companies/acme/targets/gmv-1tn/revisions',
          { value: String(2000 + i), announcedAt: '2017-01-01', source: source() },
          { 'if-match': '"0"' },
        ),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(CONCURRENT - 1);
    const winner = answers.find((a) => a.status === 201);
    expect(winner).toMatchObject({ etag: '"1"', body: { stream: 'target-acme.gmv-1tn', revision: 1 } });
    expect(answers.filter((a) => a.status === 412).every((a) => a.body.code === 'REVISION_MISMATCH')).toBe(true);
    expect(await head()).toBe(before + 1);
    const history = await t.http().get('/companies/acme/targets/gmv-1tn/history').expect(200);
    expect((history.body as { entries: unknown[] }).entries).toHaveLength(2);
  }, 30_000);

  it('creations with one Idempotency-Key: one event, and every answer is the first one', async () => {
    const before = await head();
    // No id in the body: the server makes one, so without the key each request would be a new target.
    const announce = {
      metricId: 'gmv',
      comparator: 'lte',
      value: '5',
      deadline: 'FY2030',
      announcedAt: '2020-01-01',
      source: source(),
    };
    const answers = await Promise.all(
      Array.from({ length: CONCURRENT }, () =>
        post('/companies/acme/targets', announce, { 'idempotency-key': 'race-once' }),
      ),
    );
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
    const first = answers[0];
    expect(first.body).toMatchObject({ id: expect.any(String), revision: 0, position: before + 1 });
    for (const answer of answers) expect(answer).toEqual(first);
    expect(await head()).toBe(before + 1);
    const events = await t.http().get(`/audit/events?after=${before}`).expect(200);
    expect(
      (events.body as { events: Array<{ metadata: { idempotencyKey?: string } }> }).events.map(
        (e) => e.metadata.idempotencyKey,
      ),
    ).toEqual(['race-once']);
  }, 30_000);
});
