import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import type { StoredEvent } from '../src/event-store/event-store.port.js';
import { READ_MODELS } from '../src/read-side/read-models.js';
import { checkRebuildEqualsLive } from '../src/read-store/rebuild-check.js';
import { SqliteReadStore } from '../src/read-store/sqlite/sqlite-read-store.js';
import { seededRandom, testSeed } from './support/seeded.js';
import { runCli, type ServerProcess, startServer, stopServer, until } from './support/server-process.js';

const ROUNDS = 5;
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const CLIENTS = 16;

interface Acknowledged {
  stream: string;
  position: number;
}

async function allEvents(store: SqliteEventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: events.at(-1)?.position ?? 0, limit: 1000 });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

describe('crash: SIGKILL at a random moment under 16 concurrent writers loses no acknowledged write', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-ledger-crash-'));
    env = { EVENT_STORE_URL: `sqlite:${join(dir, 'ledger.db')}`, READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}` };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`survives ${ROUNDS} rounds: every 201 is on disk exactly once, the chain verifies, projections equal a rebuild`, async () => {
    const random = seededRandom(testSeed('crash', 20261127));
    const acknowledged: Acknowledged[] = [];
    let server: ServerProcess = await startServer(env);
    let sequence = 0;
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        const running = server;
        let dead = false;
        // Each write a new company, or (one client in four) an FX rate for a new day: both
        // projections that are fed per company and the shared FX read model get writes.
        const write = async (client: number) => {
          while (!dead) {
            const n = sequence++;
            const fx = client % 4 === 0;
            const body = fx
              ? {
                  from: 'EUR',
                  to: 'USD',
                  rate: `1.${n}`,
                  date: new Date(Date.UTC(2000, 0, 1 + n)).toISOString().slice(0, 10),
                  source: { title: 'ECB' },
                }
              : {
                  id: `r${round}-c${client}-${n}`,
                  name: `Company ${n}`,
                  fiscalYearEnd: '12-31',
                  reportingCurrency: 'EUR',
                };
            try {
              const res = await fetch(`${running.url}/${fx ? 'fx-rates' : 'companies'}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(body),
              });
              const answer = (await res.json()) as Acknowledged;
              if (res.status !== 201) throw new Error(`write answered ${res.status}: ${JSON.stringify(answer)}`);
              acknowledged.push({ stream: answer.stream, position: answer.position });
            } catch (error) {
              // The process is gone: this write's fate is unknown, which is allowed; an answer that was not 201 is not.
              if (!dead) throw error;
            }
          }
        };
        const before = acknowledged.length;
        const writers = Array.from({ length: CLIENTS }, (_, client) => write(client));
        // A random moment once writes flow (the first 201 of the round), whatever the machine's speed.
        const killAfterMs = Math.floor(random() * 1000);
        await until('the first write of the round', () =>
          Promise.resolve(acknowledged.length > before ? true : undefined),
        );
        await new Promise((r) => setTimeout(r, killAfterMs));
        dead = true;
        running.child.kill('SIGKILL');
        expect(await running.exited).toBe('SIGKILL');
        await Promise.all(writers);

        // Straight from the file, before anything starts again.
        const store = SqliteEventStore.open(join(dir, 'ledger.db'));
        try {
          const events = await allEvents(store);
          const byPosition = new Map(events.map((e) => [e.position, e]));
          const lost = acknowledged.filter((a) => byPosition.get(a.position)?.stream !== a.stream);
          expect(lost).toEqual([]);
          const perStream = new Map<string, number>();
          for (const e of events) perStream.set(e.stream, (perStream.get(e.stream) ?? 0) + 1);
          // A company is written once: two events in its stream would be a write applied twice.
          expect([...perStream].filter(([stream, n]) => stream.startsWith('company-') && n !== 1)).toEqual([]);
          const fxDates = events.filter((e) => e.stream.startsWith('fx-')).map((e) => String(e.data.date));
          expect(new Set(fxDates).size).toBe(fxDates.length);
          expect(await store.verify()).toMatchObject({ ok: true, events: events.length });
          console.log(
            `round ${round}: killed ${killAfterMs} ms after the first 201; ${acknowledged.length - before} writes ` +
              `acknowledged in the round, ${acknowledged.length} in all, ` +
              `${events.length} events on disk, events lost: ${lost.length}`,
          );
        } finally {
          await store.close();
        }

        // Restart: the projections resume from their checkpoints and must equal a fresh rebuild.
        server = await startServer(env);
        await until('projections to resume', async () => {
          const health = (await (await fetch(`${server.url}/health`)).json()) as {
            projections: Array<{ lag: number }>;
          };
          return health.projections.every((p) => p.lag === 0) ? true : undefined;
        });
        const reopened = SqliteEventStore.open(join(dir, 'ledger.db'));
        const readStore = SqliteReadStore.open(join(dir, 'read.db'));
        try {
          const check = await checkRebuildEqualsLive(reopened, readStore, READ_MODELS, { logger: quiet });
          expect(check.projections.filter((p) => !p.ok)).toEqual([]);
        } finally {
          await readStore.close();
          await reopened.close();
        }
      }
      expect(await stopServer(server)).toBe(0);
      const verify = await runCli(['verify'], env);
      // Nothing but the rebuild's progress line: no warning, no error.
      expect(verify.stderr).toMatch(/^rebuilding read models [^\n]*\n$/);
      expect(verify.status).toBe(0);
      expect(verify.stdout).toMatch(/^ok: \d+ events in \d+ streams$/m);
      expect(verify.stdout).toMatch(/^ok: read models equal a rebuild/m);
      console.log(`crash: ${ROUNDS} rounds survived, ${acknowledged.length} acknowledged writes, events lost: 0`);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 120_000);
});
