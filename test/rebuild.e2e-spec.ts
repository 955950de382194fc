import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port.js';
import { READ_MODELS } from '../src/read-side/read-models.js';
import { ProjectionRunner } from '../src/read-store/projection-runner.js';
import { checkRebuildEqualsLive } from '../src/read-store/rebuild-check.js';
import { READ_STORE, type ReadStore } from '../src/read-store/read-store.port.js';
import { SqliteReadStore } from '../src/read-store/sqlite/sqlite-read-store.js';
import { source, startTestApp, type TestApp } from './support/test-app.js';

/** A small deterministic PRNG (mulberry32): the same seed gives the same ledger on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
  };
}

/** Hundreds of commands of every kind, many of them refused by the rules, as a busy analyst team would send. */
async function randomLedger(t: TestApp, seed: number, commands: number): Promise<number> {
  const r = random(seed);
  const companies = ['acme', 'globex', 'initech'];
  const metrics = ['revenue', 'users', 'margin'];
  const periods = ['FY2018', 'FY2019', 'FY2020', 'FY2021', 'FY2022', 'FY2021-Q1', 'FY2021-Q2', 'CY2020'];
  const targets = ['t1', 't2', 't3', 't4'];
  const date = () => `20${r.int(10) + 16}-0${r.int(9) + 1}-1${r.int(9)}`;
  const value = () => String(r.int(1_000_000) + 1);
  let accepted = 0;
  for (const c of companies) {
    await t
      .http()
      .post('/companies')
      .send({
        id: c,
        name: c.toUpperCase(),
        fiscalYearEnd: r.pick(['03-31', '12-31', '06-30']),
        reportingCurrency: r.pick(['CNY', 'USD', 'EUR']),
      });
  }
  for (let i = 0; i < commands; i++) {
    const c = r.pick(companies);
    const m = r.pick(metrics);
    const tId = r.pick(targets);
    const p = r.pick(periods);
    const base = `/companies/${c}`;
    const calls: Array<[string, object]> = [
      [`${base}/metrics`, { id: m, name: m, unit: r.pick(['currency', 'count']), source: source() }],
      [
        `${base}/metrics/${m}/figures`,
        {
          period: p,
          value: value(),
          reportedAt: date(),
          source: source(),
          ...(r.int(3) === 0 ? { translations: [{ currency: 'JPY', value: value() }] } : {}),
        },
      ],
      [
        `${base}/metrics/${m}/figures/${p}/restatements`,
        { value: value(), reportedAt: date(), source: source(), reason: 'restated' },
      ],
      [`${base}/metrics/${m}/figures/${p}/corrections`, { value: value(), reason: 'typo' }],
      [
        `${base}/metrics/${m}/${r.pick(['de-emphasis', 'discontinuation', 'reinstatement'])}`,
        { statedAt: date(), source: source() },
      ],
      [
        `${base}/metrics/${m}/redefinitions`,
        { definition: `scope ${r.int(5)}`, effectiveFrom: p, statedAt: date(), source: source() },
      ],
      [
        `${base}/targets`,
        {
          id: tId,
          metricId: m,
          comparator: r.pick(['gte', 'lte']),
          value: value(),
          deadline: r.pick(['FY2022', 'FY2025']),
          baseline: { period: 'FY2018' },
          announcedAt: date(),
          source: source(),
        },
      ],
      [`${base}/targets/${tId}/revisions`, { value: value(), announcedAt: date(), source: source() }],
      [
        `${base}/targets/${tId}/${r.pick(['reaffirmations', 'withdrawals'])}`,
        { announcedAt: date(), source: source() },
      ],
      [`${base}/targets/${tId}/corrections`, { deadline: r.pick(['FY2023', 'FY2024']), reason: 'typo' }],
      [
        '/fx-rates',
        {
          from: r.pick(['CNY', 'EUR', 'JPY']),
          to: 'USD',
          rate: `0.${r.int(9000) + 100}`,
          date: date(),
          source: source(),
        },
      ],
    ];
    const [path, body] = r.pick(calls);
    const res = await t.http().post(path).send(body);
    if (res.status >= 500) throw new Error(`${path} → ${res.status} ${JSON.stringify(res.body)}`);
    if (res.status === 201) accepted++;
  }
  return accepted;
}

describe('rebuild: replaying the whole log gives the live read models, byte for byte', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('after a long random sequence of commands', async () => {
    const accepted = await randomLedger(t, 20261127, 700);
    expect(accepted).toBeGreaterThan(150);

    const eventStore = t.app.get<EventStore>(EVENT_STORE);
    const live = t.app.get<ReadStore>(READ_STORE);
    const rebuilt = SqliteReadStore.open(join(t.dir, 'rebuilt.db'));
    try {
      await new ProjectionRunner(eventStore, rebuilt, READ_MODELS).rebuild();
      for (const projection of READ_MODELS) {
        const [a, b] = await Promise.all([live.dump(projection.name), rebuilt.dump(projection.name)]);
        expect(a.length).toBeGreaterThan(0);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        expect(await rebuilt.checkpoint(projection.name)).toEqual(await live.checkpoint(projection.name));
      }
      expect((await checkRebuildEqualsLive(eventStore, live, READ_MODELS)).ok).toBe(true);
    } finally {
      await rebuilt.close();
    }
  }, 60_000);
});
