import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { READ_MODELS } from '../src/read-side/read-models.js';
import { checkRebuildEqualsLive } from '../src/read-store/rebuild-check.js';
import { SqliteReadStore } from '../src/read-store/sqlite/sqlite-read-store.js';
import { runCli, startServer, stopServer } from './support/server-process.js';

interface Health {
  status: string;
  eventStore: { lastPosition: number };
  projections: Array<{ name: string; position: number; lag: number; failed?: { position: number; error: string } }>;
}

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('projection isolation: a poison event stops one projection; the rest and the API keep serving', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-ledger-poison-'));
    env = { EVENT_STORE_URL: `sqlite:${join(dir, 'ledger.db')}`, READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}` };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports it in /health and /metrics, keeps writing and reading, and rebuild --projection restarts it', async () => {
    const server = await startServer(env);
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const health = async () => (await (await fetch(`${server.url}/health`)).json()) as Health;
    const company = (id: string) => ({ id, name: `Company ${id}`, fiscalYearEnd: '12-31', reportingCurrency: 'EUR' });
    let poison: number;
    try {
      expect((await post('/companies', company('acme'))).status).toBe(201);
      const rate = { from: 'EUR', to: 'USD', rate: '1.14', period: 'CY2020', source: { title: 'ECB' } };
      expect((await post('/fx-rates', rate)).status).toBe(201);

      // A writer that skipped the write side (an old version, a hand-made import) appended a rate
      // whose period bounds are numbers: the FX projection cannot sort them.
      const store = SqliteEventStore.open(join(dir, 'ledger.db'));
      const metadata = {
        recordedAt: '2026-11-27T00:00:00.000Z',
        recordedBy: 'legacy',
        correlationId: 'x',
        causationId: 'x',
        schemaVersion: 1,
      };
      const data = {
        from: 'EUR',
        to: 'USD',
        rate: '1.2',
        period: 'CY2021',
        periodStart: 20210101,
        periodEnd: 20211231,
      };
      poison = (await store.append('fx-EUR.USD', [{ type: 'FxRateRecorded', data, metadata }], 'any')).position;
      await store.close();

      // The next write catches the read models up: fx-rates stops at the poison, the rest go on.
      expect((await post('/companies', company('beta'))).status).toBe(201);
      const after = await health();
      expect(after.status).toBe('degraded');
      const fx = after.projections.find((p) => p.name === 'fx-rates');
      expect(fx?.failed).toEqual({
        position: poison,
        error: expect.stringMatching(/^TypeError: .*\(event FxRateRecorded of fx-EUR\.USD revision 1\)$/),
      });
      expect(fx?.position).toBe(poison - 1);
      for (const p of after.projections.filter((p) => p.name !== 'fx-rates')) {
        expect(p).toMatchObject({ position: after.eventStore.lastPosition, lag: 0 });
      }
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toContain(`kpi_ledger_projection_failed{projection="fx-rates"} ${poison}`);
      expect(metrics).toContain('kpi_ledger_projection_failed{projection="companies"} 0');
      expect(metrics).toContain(
        `kpi_ledger_projection_lag_events{projection="fx-rates"} ${after.eventStore.lastPosition - poison + 1}`,
      );

      // The API keeps serving: writes, and reads from the healthy read models and the stale one.
      expect((await post('/companies', company('gamma'))).status).toBe(201);
      expect((await fetch(`${server.url}/companies/gamma`)).status).toBe(200);
      const list = (await (await fetch(`${server.url}/companies`)).json()) as { companies: unknown[] };
      expect(list.companies).toHaveLength(3);
      expect((await fetch(`${server.url}/companies/acme/scoreboard`)).status).toBe(200);
    } finally {
      expect(await stopServer(server)).toBe(0);
    }

    // Still poisoned: a rebuild of that projection stops at the same event, and says so.
    const again = await runCli(['rebuild', '--projection', 'fx-rates'], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`fx-rates stopped at position ${poison}: TypeError`));

    // A projection stopped by a bug that has since been fixed (its failure recorded by the old
    // version): rebuild --projection clears the failure and replays it to the log head.
    const readStore = SqliteReadStore.open(join(dir, 'read.db'));
    await readStore.recordFailure('companies', { position: 2, error: 'TypeError: a bug of the previous release' });
    await readStore.close();
    const rebuilt = await runCli(['rebuild', '--projection', 'companies'], env);
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(/^rebuilt companies from \d+ events/);
    expect(rebuilt.stderr).toMatch(new RegExp(`^note: fx-rates is still stopped at position ${poison}: TypeError`));
    const store = SqliteEventStore.open(join(dir, 'ledger.db'));
    const reopened = SqliteReadStore.open(join(dir, 'read.db'));
    try {
      const status = await reopened.status('companies');
      expect(status).toMatchObject({ position: await store.lastPosition() });
      expect(status?.failedAt).toBeUndefined();
      const check = await checkRebuildEqualsLive(store, reopened, READ_MODELS, { logger: quiet });
      expect(check.projections.filter((p) => !p.ok)).toEqual([]);
    } finally {
      await reopened.close();
      await store.close();
    }
  }, 90_000);
});
