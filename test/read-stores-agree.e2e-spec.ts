import { recordAlibabaStory } from './support/alibaba.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const postgres = process.env.TEST_POSTGRES_URL;
if (postgres === undefined)
  console.warn('read stores agree: skipped — set TEST_POSTGRES_URL to compare with PostgreSQL');

const READS = [
  '/companies',
  '/companies/alibaba',
  '/companies/alibaba/scoreboard',
  '/companies/alibaba/scoreboard?asOf=2017-01-01',
  '/companies/alibaba/scoreboard?asOf=2021-01-01&recordedAsOf=2026-01-01T00:00:10Z',
  '/companies/alibaba/timeline',
  '/companies/alibaba/metrics/gmv',
  '/companies/alibaba/metrics/gmv/history',
  '/companies/alibaba/targets/gmv-1tn-usd-fy2020',
  '/companies/alibaba/targets/consumers-2bn/history',
];

(postgres === undefined ? describe.skip : describe)('SQLite and PostgreSQL read models give identical answers', () => {
  let sqlite: TestApp;
  let pgApp: TestApp;
  beforeAll(async () => {
    // Same story, same stepping clock: every recordedAt is the same in both ledgers.
    sqlite = await startTestApp({}, 'sqlite');
    pgApp = await startTestApp({}, 'postgres');
    await recordAlibabaStory(sqlite);
    await recordAlibabaStory(pgApp);
  }, 60_000);
  afterAll(async () => {
    await sqlite?.close();
    await pgApp?.close();
  });

  it.each(READS)('GET %s', async (path) => {
    const [a, b] = await Promise.all([sqlite.http().get(path), pgApp.http().get(path)]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(a.status);
    expect(b.text).toBe(a.text);
  });
});
