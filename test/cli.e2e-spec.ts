import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson } from '../src/shared/canonical-json.js';

/** The CLI as a user runs it: the launcher, a real process, configuration from the environment. */
const LAUNCHER = 'bin/kpi-ledger.mjs';
const STORY_LINES = 25;
/** Each CLI run boots the Nest modules in a new process (about 2 s); a test makes several runs. */
const SLOW = 120_000;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface AuditLine {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

const source = { title: 'Acme annual report 2020', url: 'https://example.com/ar-2020' };
const good = {
  company: { type: 'RegisterCompany', id: 'acme', name: 'Acme', fiscalYearEnd: '12-31', reportingCurrency: 'USD' },
  metric: { type: 'DefineMetric', companyId: 'acme', id: 'revenue', name: 'Revenue', unit: 'currency' },
  figure: {
    type: 'ReportFigure',
    companyId: 'acme',
    metricId: 'revenue',
    period: 'FY2020',
    value: '100',
    reportedAt: '2021-02-01',
    source,
  },
};
const jsonl = (...lines: unknown[]) =>
  lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

describe('the kpi-ledger command line', () => {
  let dir: string;
  let n = 0;
  /** A fresh ledger (event store and read models) per test. */
  let env: Record<string, string>;

  const cli = (args: string[], extraEnv: Record<string, string> = {}): Run => {
    const run = spawnSync(process.execPath, [LAUNCHER, ...args], {
      env: { ...process.env, ...env, ...extraEnv },
      encoding: 'utf8',
      timeout: 60_000,
    });
    // globalSetup built dist/; should src/ change while the specs run, the launcher rebuilds and
    // says so, which is not what these specs are about.
    const stderr = run.stderr.replace(/^kpi-ledger: building \(dist\/ is missing or older than src\/\)…\n/m, '');
    return { status: run.status, stdout: run.stdout, stderr };
  };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const exported = (): AuditLine[] => {
    const run = cli(['export']);
    expect(run.status).toBe(0);
    return run.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as AuditLine);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-ledger-cli-'));
  });
  beforeEach(() => {
    n++;
    env = {
      EVENT_STORE_URL: `sqlite:${join(dir, `ledger-${n}.db`)}`,
      READ_MODEL_URL: `sqlite:${join(dir, `read-${n}.db`)}`,
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'explains itself: --help lists the commands, each command has its own help',
    () => {
      const help = cli(['--help']);
      expect(help.status).toBe(0);
      for (const command of ['import', 'demo', 'export', 'rebuild', 'verify']) expect(help.stdout).toContain(command);
      const importHelp = cli(['import', '--help']);
      expect(importHelp.status).toBe(0);
      expect(importHelp.stdout).toMatch(/--dry-run/);
      const unknown = cli(['frobnicate']);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    },
    SLOW,
  );

  it(
    'stops on bad configuration with one line on stderr and exit code 1',
    () => {
      const run = cli(['verify'], { EVENT_STORE_URL: 'mysql://db' });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^kpi-ledger: EVENT_STORE_URL=mysql:\/\/db is not supported/);
    },
    SLOW,
  );

  it(
    'demo loads the Alibaba story; running it again adds no events',
    () => {
      const first = cli(['demo']);
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(
        new RegExp(`^imported ${STORY_LINES}, rejected 0, skipped 0 \\(already imported\\)`),
      );
      expect(first.stdout).toMatch(/The Alibaba story/);
      expect(first.stdout).toMatch(/npm start\n\s+curl -s http:\/\/127\.0\.0\.1:3000\/companies\/alibaba\/scoreboard/);
      const events = exported();
      expect(events).toHaveLength(STORY_LINES);
      expect(events[0]).toMatchObject({ type: 'CompanyRegistered', data: { companyId: 'alibaba' } });
      expect(events.every((e) => e.metadata.recordedBy === 'cli')).toBe(true);

      const second = cli(['demo']);
      expect(second.status).toBe(0);
      expect(second.stdout).toMatch(
        new RegExp(`^imported 0, rejected 0, skipped ${STORY_LINES} \\(already imported\\)`),
      );
      expect(exported()).toHaveLength(STORY_LINES);
    },
    SLOW,
  );

  it(
    'imports the good lines, reports each bad one by its line number, and exits 2',
    () => {
      const path = file(
        'mixed.jsonl',
        jsonl(
          good.company,
          good.metric,
          '{"type":"ReportFigure", oops',
          { type: 'ReportFigures', companyId: 'acme' },
          { ...good.figure, value: 'one hundred' },
          '',
          good.figure,
          { ...good.figure, value: '101' },
        ),
      );
      const run = cli(['import', path]);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^line 3: MALFORMED_JSON: not valid JSON/),
        'line 4: UNKNOWN_TYPE: "ReportFigures" is not a command type: did you mean ReportFigure?',
        expect.stringMatching(/^line 5: VALIDATION_FAILED: value: must be a decimal/),
        expect.stringMatching(/^line 8: FIGURE_ALREADY_REPORTED: /),
      ]);
      expect(run.stdout).toMatch(/^imported 3, rejected 4, skipped 0 \(already imported\) in [\d.]+ s, 3 events/);
      expect(exported().map((e) => e.type)).toEqual(['CompanyRegistered', 'MetricDefined', 'FigureReported']);

      // The same file again: the good lines are recognised, the bad ones are still bad.
      const again = cli(['import', path]);
      expect(again.status).toBe(2);
      expect(again.stdout).toMatch(/^imported 0, rejected 4, skipped 3 \(already imported\)/);
      expect(exported()).toHaveLength(3);
    },
    SLOW,
  );

  it(
    'skips everything when a good file is imported again',
    () => {
      const path = file('good.jsonl', jsonl(good.company, good.metric, good.figure));
      expect(cli(['import', path])).toMatchObject({ status: 0, stderr: '' });
      const again = cli(['import', path]);
      expect(again).toMatchObject({ status: 0, stderr: '' });
      expect(again.stdout).toMatch(/^imported 0, rejected 0, skipped 3 \(already imported\)/);
      expect(exported()).toHaveLength(3);
    },
    SLOW,
  );

  it(
    '--dry-run reports what a real run would and changes nothing',
    () => {
      const missing = join(dir, `never-created-${n}.db`);
      const onNothing = cli(['import', '--dry-run', file('first.jsonl', jsonl(good.company))], {
        EVENT_STORE_URL: `sqlite:${missing}`,
      });
      expect(onNothing.stdout).toMatch(/^dry run, nothing written: imported 1, rejected 0/);
      expect(existsSync(missing)).toBe(false);

      expect(cli(['import', file('base.jsonl', jsonl(good.company))]).status).toBe(0);
      // Later lines depend on earlier ones (the figure needs the metric of line 1).
      const path = file('more.jsonl', jsonl(good.metric, good.figure, { ...good.figure, value: '7' }, good.company));
      const dry = cli(['import', '--dry-run', path]);
      expect(dry.status).toBe(2);
      expect(dry.stdout).toMatch(/^dry run, nothing written: imported 2, rejected 2, skipped 0/);
      expect(exported()).toHaveLength(1);

      const real = cli(['import', path]);
      expect(real.status).toBe(2);
      expect(real.stderr).toBe(dry.stderr);
      expect(real.stdout).toMatch(/^imported 2, rejected 2, skipped 0/);
      expect(exported()).toHaveLength(3);
    },
    SLOW,
  );

  it(
    'fails with exit code 1 on a file it cannot read',
    () => {
      const run = cli(['import', join(dir, 'no-such-file.jsonl')]);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(`kpi-ledger: cannot read ${join(dir, 'no-such-file.jsonl')}: no such file\n`);
    },
    SLOW,
  );

  it(
    'export writes JSONL in commit order whose hashes an outsider can recompute',
    () => {
      expect(cli(['demo']).status).toBe(0);
      const out = join(dir, 'log.jsonl');
      const run = cli(['export', '--out', out]);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(new RegExp(`exported ${STORY_LINES} events \\(positions 1\\.\\.${STORY_LINES}\\)`));
      const events = readFileSync(out, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as AuditLine);
      expect(events.map((e) => e.position)).toEqual(Array.from({ length: STORY_LINES }, (_, i) => i + 1));
      const heads = new Map<string, string>();
      for (const event of events) {
        expect(Object.keys(event).sort()).toEqual(
          ['data', 'hash', 'metadata', 'position', 'prevHash', 'revision', 'stream', 'type'].sort(),
        );
        expect(event.prevHash).toBe(heads.get(event.stream) ?? '0'.repeat(64));
        const { hash: _hash, ...metadata } = event.metadata;
        const { stream, revision, type, data } = event;
        const recomputed = createHash('sha256')
          .update(event.prevHash + canonicalJson({ stream, revision, type, data, metadata }))
          .digest('hex');
        expect(recomputed).toBe(event.hash);
        heads.set(event.stream, event.hash);
      }

      const tail = cli(['export', '--after', String(STORY_LINES - 2)]);
      expect(
        tail.stdout
          .trimEnd()
          .split('\n')
          .map((line) => (JSON.parse(line) as AuditLine).position),
      ).toEqual([STORY_LINES - 1, STORY_LINES]);
      expect(cli(['export', '--after', 'soon']).status).toBe(1);
    },
    SLOW,
  );

  it(
    'verify exits 0 on an intact log and 1, naming the event, after one was tampered with',
    () => {
      expect(cli(['demo']).status).toBe(0);
      // The rebuild goes to a scratch SQLite file under TMPDIR, removed afterwards.
      const scratchParent = join(dir, 'scratch');
      mkdirSync(scratchParent);
      const intact = cli(['verify'], { TMPDIR: scratchParent });
      expect(intact.status).toBe(0);
      expect(readdirSync(scratchParent)).toEqual([]);
      // Only the results on stdout, for scripts; the rebuild's progress on stderr.
      expect(intact.stdout).toMatch(
        new RegExp(
          `^ok: ${STORY_LINES} events in \\d+ streams\\nok: read models equal a rebuild \\(3 read models, \\d+ documents\\)\\n$`,
        ),
      );
      expect(intact.stderr).toBe('rebuilding read models companies, company-ledger, fx-rates from position 0\n');
      const noRoom = cli(['verify'], { TMPDIR: join(dir, 'missing') });
      expect(noRoom.status).toBe(1);
      expect(noRoom.stderr).toMatch(/cannot make the scratch directory for the rebuild under .*missing \(set TMPDIR/);

      // An attacker with write access to the file: remove the guard, then rewrite history.
      const db = new Database(env.EVENT_STORE_URL.slice('sqlite:'.length));
      db.exec('DROP TRIGGER events_no_update');
      db.prepare("UPDATE events SET data = json_set(data, '$.name', 'Someone else') WHERE position = 1").run();
      db.close();

      const broken = cli(['verify']);
      expect(broken.status).toBe(1);
      expect(broken.stdout).toBe('');
      expect(broken.stderr).toMatch(
        /^kpi-ledger: broken: stream company-alibaba, revision 0, position 1: hash mismatch/,
      );
      expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    },
    SLOW,
  );

  it(
    'rebuild replays the log into the read models, and verify catches a read model changed behind its back',
    () => {
      expect(cli(['demo']).status).toBe(0);
      const readModels = env.READ_MODEL_URL.slice('sqlite:'.length);
      const db = new Database(readModels);
      db.prepare(
        "UPDATE documents SET doc = replace(doc, 'Alibaba Group Holding Limited', 'Somebody else') WHERE projection = 'companies'",
      ).run();
      db.close();

      const verify = cli(['verify']);
      expect(verify.status).toBe(1);
      expect(verify.stdout).toMatch(/^ok: \d+ events in \d+ streams\n$/);
      // After the rebuild's progress line.
      expect(verify.stderr).toMatch(
        /^kpi-ledger: read models differ from a rebuild: companies: document "alibaba" differs/m,
      );

      const rebuild = cli(['rebuild']);
      expect(rebuild.status).toBe(0);
      expect(rebuild.stdout).toMatch(new RegExp(`^rebuilt 3 read models from ${STORY_LINES} events in `));
      expect(cli(['verify']).status).toBe(0);
      expect(cli(['rebuild', '--projection', 'nonsense'])).toMatchObject({ status: 1 });
    },
    SLOW,
  );
});
