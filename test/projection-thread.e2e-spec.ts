import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, stopServer, type ServerProcess } from './support/server-process.js';

/**
 * ROLE=all projects in a worker thread of its own (PROJECTION_THREAD, on by default); a write
 * still answers only once the read models hold it. Checked on the real process, since the thread
 * runs the compiled worker.
 */
const CONCURRENT = 40;

const json = { 'content-type': 'application/json' };
const post = (server: ServerProcess, path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
const get = async (server: ServerProcess, path: string) => {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: await response.text() };
};
const projectsIn = async (server: ServerProcess) =>
  (JSON.parse((await get(server, '/health')).body) as { projector: { projectsIn: string } }).projector.projectsIn;
const figure = (year: number) => ({
  period: `FY${year}`,
  value: String(1000 + year),
  reportedAt: `${year + 1}-03-01`,
  source: { title: `Annual report ${year}` },
});
const figuresOf = async (server: ServerProcess) =>
  (JSON.parse((await get(server, '/companies/acme/metrics/revenue')).body) as { figures: { period: string }[] }).figures
    .map((f) => f.period)
    .sort();

describe('the projection thread (ROLE=all)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-ledger-thread-'));
    env = {
      EVENT_STORE_URL: `sqlite:${join(dir, 'ledger.db')}`,
      READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}`,
      ROLE: 'all',
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers every write only once its read models hold it, under concurrent writes and one by one', async () => {
    const server = await startServer(env);
    try {
      // A server that only reads never starts the thread.
      expect(await projectsIn(server)).toBe('thread not started');
      expect(
        (
          await post(server, '/companies', {
            id: 'acme',
            name: 'Acme',
            fiscalYearEnd: '12-31',
            reportingCurrency: 'EUR',
          })
        ).status,
      ).toBe(201);
      expect(
        (await post(server, '/companies/acme/metrics', { id: 'revenue', name: 'Revenue', unit: 'currency' })).status,
      ).toBe(201);
      const statuses = await Promise.all(
        Array.from({ length: CONCURRENT }, (_, i) =>
          post(server, '/companies/acme/metrics/revenue/figures', figure(1950 + i)),
        ),
      );
      expect(statuses.map((r) => r.status)).toEqual(Array(CONCURRENT).fill(201));
      expect(await figuresOf(server)).toHaveLength(CONCURRENT);
      // Read-your-writes, one write at a time: each read right after a 201 sees that write.
      for (let year = 2000; year < 2010; year++) {
        expect((await post(server, '/companies/acme/metrics/revenue/figures', figure(year))).status).toBe(201);
        expect(await figuresOf(server)).toContain(`FY${year}`);
      }
      const health = JSON.parse((await get(server, '/health')).body) as { projections: { lag: number }[] };
      expect(health.projections.every((p) => p.lag === 0)).toBe(true);
      expect(await projectsIn(server)).toBe('thread');
    } finally {
      expect(await stopServer(server)).toBe(0);
    }
  }, 60_000);

  it('answers the same with PROJECTION_THREAD=false, where the server projects in its own thread', async () => {
    const server = await startServer({ ...env, PROJECTION_THREAD: 'false' });
    try {
      const before = await get(server, '/companies/acme/scoreboard');
      expect((await post(server, '/companies/acme/metrics/revenue/figures', figure(2010))).status).toBe(201);
      expect(await figuresOf(server)).toHaveLength(CONCURRENT + 11);
      expect(before.status).toBe(200);
      expect(await projectsIn(server)).toBe('server');
    } finally {
      expect(await stopServer(server)).toBe(0);
    }
  }, 60_000);
});
