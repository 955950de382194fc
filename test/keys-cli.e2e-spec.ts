import { spawnSync } from 'node:child_process';
import { expectProblem, startTestApp, type TestApp } from './support/test-app.js';

/** `kpi-ledger keys …` as a user runs it, against the SQLite file of a server that keeps running. */
const LAUNCHER = 'bin/kpi-ledger.mjs';
/** A CLI run boots the Nest modules in a new process (about 2 s). */
const SLOW = 180_000;

describe('kpi-ledger keys, while the server runs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const cli = (...args: string[]) => {
    const run = spawnSync(process.execPath, [LAUNCHER, 'keys', ...args], {
      env: { ...process.env, EVENT_STORE_URL: `sqlite:${t.eventStorePath}`, READ_MODEL_URL: 'memory:' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const companies = (secret?: string) => {
    const req = t.http().get('/companies');
    return secret === undefined ? req : req.set('authorization', `Bearer ${secret}`);
  };
  /** The server re-reads the access stream at most once a second: wait (bounded) for the change. */
  const eventually = async (check: () => Promise<number>, status: number) => {
    let last = 0;
    for (let i = 0; i < 100 && last !== status; i++) {
      last = await check();
      if (last !== status) await new Promise((r) => setTimeout(r, 100));
    }
    expect(last).toBe(status);
  };

  it(
    'add prints the secret once; the server asks for keys from then on, without a restart',
    async () => {
      await companies().expect(200);
      const add = cli('add', '--name', 'alice', '--role', 'analyst');
      expect(add.status).toBe(0);
      const secret = add.stdout.trim();
      expect(secret).toMatch(/^kpil_[A-Za-z0-9_-]{43}$/);
      expect(add.stderr).toMatch(/granted alice \(analyst\) at position \d+; the secret above is shown once/);

      await eventually(async () => (await companies()).status, 401);
      expectProblem(await companies(), 401, 'API_KEY_MISSING');
      await companies(secret).expect(200);
      await t
        .http()
        .post('/companies')
        .set('authorization', `Bearer ${secret}`)
        .send({ id: 'acme', name: 'Acme', fiscalYearEnd: '12-31', reportingCurrency: 'USD' })
        .expect(201);

      const list = cli('list');
      expect(list.status).toBe(0);
      expect(list.stdout).toMatch(
        /^name\s+role\s+status\s+granted\s+revoked\nalice\s+analyst\s+active\s+\S+ by cli\n$/,
      );
      expect(list.stdout).not.toContain(secret);

      const taken = cli('add', '--name', 'alice', '--role', 'reader');
      expect(taken.status).toBe(1);
      expect(taken.stderr).toMatch(/^kpi-ledger: KEY_NAME_TAKEN: A key named "alice" already exists/);
      const badRole = cli('add', '--name', 'bob', '--role', 'admin');
      expect(badRole.status).toBe(1);
      expect(badRole.stderr).toMatch(
        /option '--role <role>' argument 'admin' is invalid\. use one of analyst, reader, auditor/,
      );

      const revoke = cli('revoke', 'alice', '--reason', 'left the team');
      expect(revoke.status).toBe(0);
      expect(revoke.stdout).toMatch(/^revoked alice at position \d+\n$/);
      await eventually(async () => (await companies(secret)).status, 401);
      expectProblem(await companies(secret), 401, 'API_KEY_REVOKED');
      // The last key revoked does not open the server again.
      expectProblem(await companies(), 401, 'API_KEY_MISSING');

      const again = cli('revoke', 'alice');
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/^kpi-ledger: KEY_ALREADY_REVOKED: /);
    },
    SLOW,
  );
});
