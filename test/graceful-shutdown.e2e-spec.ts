import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { READ_MODELS } from '../src/read-side/read-models.js';
import { SqliteReadStore } from '../src/read-store/sqlite/sqlite-read-store.js';
import { startServer, stopServer } from './support/server-process.js';

const IN_FLIGHT = 48;

interface Answer {
  status: number;
  body: string;
}

/** One request on `agent`'s kept-alive connections; a connection error is status 0. */
function send(agent: Agent, url: string, method: string, path: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(`${url}${path}`, { method, agent, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', (error) => resolve({ status: 0, body: String(error) }));
    });
    req.on('error', (error) => resolve({ status: 0, body: String(error) }));
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** POST /companies with a fresh id: a write that always succeeds on its own stream. */
const register = (agent: Agent, url: string, id: string) =>
  send(agent, url, 'POST', '/companies', {
    id,
    name: `Company ${id}`,
    fiscalYearEnd: '12-31',
    reportingCurrency: 'EUR',
  });

describe('graceful shutdown: a signal lets the requests in flight finish, checkpoints and exits 0', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-ledger-shutdown-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['SIGTERM', 'SIGINT'] as const)(
    `%s with ${IN_FLIGHT} writes in flight`,
    async (signal) => {
      const env = {
        EVENT_STORE_URL: `sqlite:${join(dir, `${signal}.db`)}`,
        READ_MODEL_URL: `sqlite:${join(dir, `${signal}-read.db`)}`,
      };
      const server = await startServer(env);
      // In flight = on a connection the server has accepted: open them all first (a connection
      // still in the listen backlog when the server stops listening is refused, by any server).
      const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
      const warm = await Promise.all(
        Array.from({ length: IN_FLIGHT }, () => send(agent, server.url, 'GET', '/health')),
      );
      expect(warm.every((a) => a.status === 200)).toBe(true);
      // All writes leave at once; the signal goes as soon as the first is answered, when the
      // server has read them all and is busy appending the rest (each append is an fsync).
      const answers = Array.from({ length: IN_FLIGHT }, (_, i) =>
        register(agent, server.url, `${signal.toLowerCase()}-${i}`),
      );
      let answered = 0;
      for (const answer of answers) void answer.then(() => answered++);
      await Promise.race(answers);
      const pendingAtSignal = IN_FLIGHT - answered;
      const exit = stopServer(server, signal);
      const settled = await Promise.all(answers);
      const code = await exit;
      // On failure, the server's own account of its shutdown.
      expect({ code, output: code === 0 ? '' : server.output() }).toEqual({ code: 0, output: '' });
      console.log(`${signal}: ${pendingAtSignal} of ${IN_FLIGHT} writes unanswered when the signal was sent`);
      expect(pendingAtSignal).toBeGreaterThan(1);
      expect(settled.filter((a) => a.status !== 201)).toEqual([]);
      expect(server.output()).toMatch(/stopped cleanly/);
      agent.destroy();

      // What is on disk after the exit: every answered write, and read models at the log head.
      const store = SqliteEventStore.open(join(dir, `${signal}.db`));
      const readStore = SqliteReadStore.open(join(dir, `${signal}-read.db`));
      try {
        const head = await store.lastPosition();
        expect(head).toBe(IN_FLIGHT);
        for (const { name } of READ_MODELS) expect((await readStore.checkpoint(name))?.position).toBe(head);
      } finally {
        await readStore.close();
        await store.close();
      }

      // And it starts again on the same files (the leader lock was released): once is enough.
      if (signal === 'SIGINT') return;
      const again = await startServer(env);
      const health = (await (await fetch(`${again.url}/health`)).json()) as {
        status: string;
        projections: Array<{ position: number; lag: number }>;
      };
      expect(health.status).toBe('ok');
      expect(health.projections.every((p) => p.position === IN_FLIGHT && p.lag === 0)).toBe(true);
      expect(await stopServer(again)).toBe(0);
    },
    40_000,
  );
});
