import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import type { Clock } from '../../src/application/clock.js';
import { parseConfig } from '../../src/config/app-config.js';

/** A clock that starts at a fixed instant and moves one second per reading: deterministic recordedAt. */
export class SteppingClock implements Clock {
  private current: number;

  constructor(start = '2026-01-01T00:00:00.000Z') {
    this.current = Date.parse(start);
  }

  now(): Date {
    const now = new Date(this.current);
    this.current += 1000;
    return now;
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  dir: string;
  eventStorePath: string;
  clock: SteppingClock;
  http(): ReturnType<typeof request>;
  /** Closes the app, runs `meanwhile` (e.g. to tamper with the file), starts a new one on the same file. */
  restart(meanwhile?: () => void): Promise<void>;
  close(): Promise<void>;
}

let schemas = 0;

/**
 * Where the read models of a test app live: SQLite by default; PostgreSQL (a schema of its own)
 * when the e2e-postgres jest project runs the suite again with KPI_E2E_READ_STORE=postgres.
 */
export function testReadModelUrl(dir: string, store = process.env.KPI_E2E_READ_STORE): string {
  if (store !== 'postgres') return `sqlite:${join(dir, 'read.db')}`;
  const url = new URL(process.env.TEST_POSTGRES_URL ?? '');
  url.searchParams.set('schema', `e2e_${process.pid}_${++schemas}_${Date.now() % 100000}`);
  return url.toString();
}

async function dropSchema(readModelUrl: string): Promise<void> {
  if (!readModelUrl.startsWith('postgres')) return;
  const url = new URL(readModelUrl);
  const schema = url.searchParams.get('schema');
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

/** The real HTTP app on a temporary SQLite event store. */
export async function startTestApp(
  env: Record<string, string> = {},
  readStore?: 'sqlite' | 'postgres',
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-ledger-e2e-'));
  const eventStorePath = join(dir, 'ledger.db');
  const readModelUrl = testReadModelUrl(dir, readStore);
  const clock = new SteppingClock();
  const boot = async () => {
    const config = parseConfig({
      EVENT_STORE_URL: `sqlite:${eventStorePath}`,
      READ_MODEL_URL: readModelUrl,
      ...env,
    });
    const app = await createApp(config, { clock, logger: false });
    await app.listen(0, '127.0.0.1');
    return app;
  };
  const handle: TestApp = {
    app: await boot(),
    dir,
    eventStorePath,
    clock,
    http: () => request(handle.app.getHttpServer()),
    restart: async (meanwhile) => {
      await handle.app.close();
      meanwhile?.();
      handle.app = await boot();
    },
    close: async () => {
      await handle.app.close();
      await dropSchema(readModelUrl);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

export const source = (title = 'Annual report') => ({ title, url: 'https://example.com/report' });

/** Registers a company (03-31 year end, CNY) and a currency metric `gmv`. */
export async function seedCompanyAndMetric(t: TestApp, companyId = 'acme', unit = 'currency') {
  await t
    .http()
    .post('/companies')
    .send({ id: companyId, name: 'Acme Holdings', fiscalYearEnd: '03-31', reportingCurrency: 'CNY' })
    .expect(201);
  await t
    .http()
    .post(`/companies/${companyId}/metrics`)
    .send({ id: 'gmv', name: 'Gross merchandise volume', unit, definition: 'Value of goods ordered', source: source() })
    .expect(201);
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: Array<{ field: string; message: string }>;
}

/** Asserts a problem-details answer and returns its body. */
export function expectProblem(res: request.Response, status: number, code?: string): ProblemBody {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.body as ProblemBody;
  expect(body).toMatchObject({
    status,
    title: expect.any(String),
    type: expect.any(String),
    detail: expect.any(String),
  });
  if (code !== undefined) expect(body.code).toBe(code);
  return body;
}

/** The fields named in a validation problem. */
export const fieldsOf = (body: ProblemBody) => (body.errors ?? []).map((e) => e.field);

/** A target on the `gmv` metric of seedCompanyAndMetric: at least 1000 by FY2020. */
export const gmvTarget = (id = 'gmv-1tn') => ({
  id,
  metricId: 'gmv',
  comparator: 'gte',
  value: '1000',
  deadline: 'FY2020',
  announcedAt: '2016-06-14',
  source: source(),
});
