import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/free-port.js';

/** The server as `npm start` runs it, deciding at start whether it may run without keys. */
const KEYS = { analyst: `kpil_${'a'.repeat(43)}` };

describe('open mode', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-ledger-open-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = (extra: Record<string, string>) => ({
    ...process.env,
    EVENT_STORE_URL: `sqlite:${join(dir, 'ledger.db')}`,
    READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}`,
    ...extra,
  });

  it('refuses to start on a non-loopback HOST without keys, in one line', () => {
    const run = spawnSync(process.execPath, ['dist/main.js'], {
      env: env({ HOST: '0.0.0.0', PORT: '0' }),
      encoding: 'utf8',
      timeout: 40_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^kpi-ledger: could not start: HOST=0\.0\.0\.0 is reachable from other machines but no API key exists/,
    );
  }, 60_000);

  it('starts on loopback without keys and says so loudly on stderr', async () => {
    const server = await serve(env({ HOST: '127.0.0.1' }));
    try {
      expect((await fetch(`${server.url}/companies`)).status).toBe(200);
      expect(server.stderr()).toMatch(/^kpi-ledger: WARNING: OPEN MODE: no API key exists/m);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('starts on a non-loopback HOST with a key, and asks every caller for one', async () => {
    const server = await serve(env({ HOST: '0.0.0.0', API_KEYS: `alice:analyst:${KEYS.analyst}` }));
    try {
      expect((await fetch(`${server.url}/companies`)).status).toBe(401);
      const ok = await fetch(`${server.url}/companies`, { headers: { authorization: `Bearer ${KEYS.analyst}` } });
      expect(ok.status).toBe(200);
      expect(server.stderr()).not.toMatch(/OPEN MODE/);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('refuses to start when API_KEYS gives a granted name another secret, in one line', () => {
    const run = spawnSync(process.execPath, ['dist/main.js'], {
      env: env({ HOST: '127.0.0.1', PORT: '0', API_KEYS: `alice:analyst:kpil_${'b'.repeat(43)}` }),
      encoding: 'utf8',
      timeout: 40_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^kpi-ledger: could not start: API_KEYS: alice is already granted with another secret; revoke it \(kpi-ledger keys revoke alice\)/,
    );
    expect(run.stderr).not.toContain('b'.repeat(43));
  }, 60_000);
});

/** `node dist/main.js` as `npm start` runs it, once GET /health answers. */
async function serve(env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  let health: Response | undefined;
  for (let i = 0; i < 300 && health === undefined; i++) {
    health = await fetch(`${url}/health`).catch(() => undefined);
    if (health === undefined) await new Promise((r) => setTimeout(r, 100));
  }
  if (health === undefined) child.kill('SIGKILL');
  expect(health?.status).toBe(200);
  return {
    url,
    stderr: () => stderr,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
