import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { parseConfig } from '../src/config/app-config.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { READ_MODELS } from '../src/read-side/read-models.js';
import { checkRebuildEqualsLive } from '../src/read-store/rebuild-check.js';
import { SqliteReadStore } from '../src/read-store/sqlite/sqlite-read-store.js';
import { freePort, sleep, until } from './support/server-process.js';

interface Health {
  projector: { leader: boolean };
  projections: Array<{ name: string; position: number }>;
}

describe('projector failover: one leader, a standby takes over, nothing is lost or applied twice', () => {
  let dir: string;
  let env: Record<string, string>;
  let api: NestFastifyApplication;
  const projectors: Array<{ child: ChildProcess; port: number }> = [];

  const startProjector = async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/main.js'], {
      env: { ...process.env, ...env, ROLE: 'projector', PORT: String(port), HOST: '127.0.0.1' },
      stdio: 'ignore',
    });
    const handle = { child, port };
    projectors.push(handle);
    await until('the projector to answer /health', async () => ((await health(handle)) ? true : undefined));
    return handle;
  };
  const health = async ({ port }: { port: number }) => {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    return res.ok ? ((await res.json()) as Health) : undefined;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-ledger-failover-'));
    env = { EVENT_STORE_URL: `sqlite:${join(dir, 'ledger.db')}`, READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}` };
    // The API process writes and never projects (ROLE=api).
    api = await createApp(parseConfig({ ...env, ROLE: 'api' }), { logger: false });
    await api.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    for (const { child } of projectors) child.kill('SIGKILL');
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('survives SIGKILL of the leading projector mid-stream', async () => {
    let written = 0;
    const write = async (count: number) => {
      for (let i = 0; i < count; i++, written++) {
        await request(api.getHttpServer())
          .post('/companies')
          .send({ id: `c-${written}`, name: `Company ${written}`, fiscalYearEnd: '12-31', reportingCurrency: 'EUR' })
          .expect(201);
      }
    };

    const first = await startProjector();
    const second = await startProjector();
    const leaders = [await health(first), await health(second)].map((h) => h?.projector.leader);
    expect(leaders).toEqual([true, false]);

    await write(150);
    await until('the leader to project', async () =>
      ((await health(first))?.projections.every((p) => p.position > 0) ?? false) ? true : undefined,
    );
    const writing = write(150);
    await sleep(150);
    first.child.kill('SIGKILL');
    await writing;
    await until('the standby to take the lead', async () =>
      (await health(second))?.projector.leader ? true : undefined,
    );
    await write(50);

    const store = SqliteEventStore.open(join(dir, 'ledger.db'));
    const readStore = SqliteReadStore.open(join(dir, 'read.db'));
    try {
      const last = await store.lastPosition();
      expect(last).toBe(350);
      await until('the new leader to catch up', async () =>
        ((await health(second))?.projections.every((p) => p.position === last) ?? false) ? true : undefined,
      );
      const companies = await readStore.list('companies');
      expect(companies).toHaveLength(350);
      expect((await checkRebuildEqualsLive(store, readStore, READ_MODELS)).ok).toBe(true);
    } finally {
      await readStore.close();
      await store.close();
    }
  }, 90_000);
});
