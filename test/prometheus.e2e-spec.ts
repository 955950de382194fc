import { gmvTarget, seedCompanyAndMetric, source, startTestApp, type TestApp } from './support/test-app.js';

/** The value of one sample line of the exposition, e.g. `name{a="b"} 3`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter((l) => l !== '');
    if (wanted.every((l) => have.includes(l)) && have.length === wanted.length) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics: Prometheus text exposition of requests, commands, appends, projections', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('counts by route pattern and status, times commands and appends, and reports lag and conflicts', async () => {
    await seedCompanyAndMetric(t);
    await t.http().get('/companies/acme').expect(200);
    await t.http().get('/companies/nobody').expect(404);
    await t.http().get('/no/such/route').expect(404);
    await t.http().post('/companies/acme/targets').send(gmvTarget()).expect(201);
    const reaffirm = { announcedAt: '2017-06-08', source: source() };
    await t
      .http()
      .post('/companies/acme/targets/gmv-1tn/reaffirmations')
      .set('If-Match', '"0"')
      .send(reaffirm)
      .expect(201);
    await t
      .http()
      .post('/companies/acme/targets/gmv-1tn/reaffirmations')
      .set('If-Match', '"0"')
      .send(reaffirm)
      .expect(412);

    const res = await t.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    const requests = (route: string, status: string, method = 'GET') =>
      sample(text, 'kpi_ledger_http_requests_total', { method, route, status });
    expect(requests('/companies/:companyId', '200')).toBe(1);
    expect(requests('/companies/:companyId', '404')).toBe(1);
    expect(requests('unmatched', '404')).toBe(1);
    expect(requests('/companies', '201', 'POST')).toBe(1);
    expect(requests('/companies/:companyId/targets/:targetId/reaffirmations', '412', 'POST')).toBe(1);
    // The raw URL never becomes a label (unbounded cardinality).
    expect(text).not.toContain('/companies/acme');

    const commandCount = (command: string, outcome: string) =>
      sample(text, 'kpi_ledger_command_duration_seconds_count', { command, outcome });
    expect(commandCount('RegisterCompany', 'ok')).toBe(1);
    expect(commandCount('ReaffirmTarget', 'ok')).toBe(1);
    expect(commandCount('ReaffirmTarget', 'conflict')).toBe(1);
    expect(
      sample(text, 'kpi_ledger_write_conflicts_total', { command: 'ReaffirmTarget', code: 'REVISION_MISMATCH' }),
    ).toBe(1);
    expect(sample(text, 'kpi_ledger_event_store_append_duration_seconds_count')).toBe(4);
    expect(sample(text, 'kpi_ledger_event_store_append_duration_seconds_bucket', { le: '+Inf' })).toBe(4);

    expect(sample(text, 'kpi_ledger_event_log_head')).toBe(4);
    for (const projection of ['company-ledger', 'companies', 'fx-rates']) {
      expect(sample(text, 'kpi_ledger_projection_checkpoint', { projection })).toBe(4);
      expect(sample(text, 'kpi_ledger_projection_lag_events', { projection })).toBe(0);
      expect(sample(text, 'kpi_ledger_projection_failed', { projection })).toBe(0);
    }
    // prom-client's default process metrics. CPU time counts from the registry's creation, in
    // the kernel's ticks: on a busy machine this process may not have been given a whole one yet.
    expect(sample(text, 'kpi_ledger_process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'kpi_ledger_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/^kpi_ledger_nodejs_eventloop_lag_seconds /m);
  });
});
