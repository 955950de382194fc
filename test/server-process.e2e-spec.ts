import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/server-process.js';

/** The server as `npm start` runs it: a real process with its configuration from the environment. */
const MAIN = 'dist/main.js';

function runBriefly(env: Record<string, string>) {
  return spawnSync(process.execPath, [MAIN], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 20_000 });
}

describe('the server process', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-ledger-process-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['PORT', { PORT: 'eighty' }, /^kpi-ledger: PORT=eighty is not a TCP port: use a whole number from 0 to 65535/],
    [
      'EVENT_STORE_URL',
      { EVENT_STORE_URL: 'mysql://db' },
      /^kpi-ledger: EVENT_STORE_URL=mysql:\/\/db is not supported: use one of/,
    ],
  ])(
    'stops on a bad %s with one line that says what to fix',
    (_, env, message) => {
      const run = runBriefly(env);
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    },
    30_000,
  );

  it('starts on a fresh directory, creates the SQLite file and answers GET /health', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        EVENT_STORE_URL: `sqlite:${join(dir, 'new', 'ledger.db')}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let health: Response | undefined;
      for (let i = 0; i < 100 && health === undefined; i++) {
        health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
        if (health === undefined) await new Promise((r) => setTimeout(r, 100));
      }
      expect(health?.status).toBe(200);
      const docs = await fetch(`http://127.0.0.1:${port}/docs-json`);
      expect(docs.status).toBe(200);
      expect(((await docs.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty(
        '/companies/{companyId}/targets',
      );
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }, 30_000);
});
