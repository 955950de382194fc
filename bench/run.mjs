#!/usr/bin/env node
// The benchmark suite (issue 5), first slice. `npm run bench` (full) or `npm run bench -- --quick`
// (scaled down for CI, under a minute on 2 cores). Prints a table and writes
// bench/results/latest.json. Every figure has a baseline measured in the same run on the same
// machine; see BENCHMARKS.md for what the goals are and where we stand.
//
// Options: --quick, --import-commands N (size of the generated ledger), --duration S (seconds per
// HTTP benchmark), --warmup S (unmeasured seconds before each, 0 for none), --cpu-prof (profile
// the app server; .cpuprofile files in bench/results/), --only writes|reads|import (one group:
// import = bulk_import + rebuild; reads imports first).
//
// Scale: the full run generates the issue's 1,000,000 commands (plus a 10,000-event company for
// the as-of read); the quick run 1,000 (+1,000). The importer writes a few thousand commands/s
// here, so a full run takes about a quarter of an hour; --import-commands N scales it down, and
// the output says which size was measured.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { bigCompany, ledger, writeJsonl } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const quick = flag('quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
if (only !== null && !['writes', 'reads', 'import'].includes(only)) {
  process.stderr.write(`bench: --only takes writes, reads or import, not ${only}\n`);
  process.exit(2);
}
const cpuProf = flag('cpu-prof');
const DURATION = option('duration', quick ? 2 : 10);
const WARMUP = option('warmup', quick ? 1 : 3);
const IMPORT_COMMANDS = option('import-commands', quick ? 1_000 : 1_000_000);
const BIG_COMPANY_EVENTS = option('big-company-events', quick ? 1_000 : 10_000);
const CONNECTIONS = 32;
const ERROR_RATE_LIMIT = 0.01;

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'kpi-bench-'));
const resultsDir = join(root, 'bench', 'results');
const children = new Set();
const results = [];
const failures = [];

// ---------------------------------------------------------------------------------------------
// processes: every child is killed on exit, whatever the way out

function cleanup() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
  rmSync(work, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`interrupted (${signal}); stopping the servers`);
    process.exit(130);
  });
}

function log(message) {
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[bench ${t}s] ${message}\n`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to completion; resolves with { code, stdout, stderr, seconds }. */
function run(command, argv, env = {}, onSpawn = undefined) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(command, argv, {
      cwd: work,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      children.delete(child);
      resolve({ code, stdout, stderr, seconds: Number(process.hrtime.bigint() - t0) / 1e9 });
    });
  });
}

/** Starts a server process and waits until GET /health answers. */
async function startServer(label, argv, env) {
  const port = await freePort();
  const child = spawn(process.execPath, argv, {
    cwd: work,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let exited = null;
  child.on('exit', (code) => (exited = code));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) throw new Error(`${label} exited with ${exited} on start: ${stderr.trim()}`);
    try {
      const response = await fetch(`${url}/health`);
      await response.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${label} did not answer within 30 s: ${stderr.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  log(`${label} up on ${url} (pid ${child.pid})`);
  return {
    url,
    pid: child.pid,
    stop: async () => {
      if (exited !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
      children.delete(child);
    },
  };
}

/**
 * The app server checks the whole hash chain in the background after start (about 70 s of CPU
 * over 1M events); a load measured during it would measure the check. Waits until /health says
 * it finished.
 */
async function chainChecked(label, server) {
  const started = Date.now();
  for (;;) {
    const health = await (await fetch(`${server.url}/health`)).json();
    if (health.hashChain?.ok !== null && health.hashChain?.ok !== undefined) {
      if (health.hashChain.ok !== true)
        throw new Error(`${label}: hash chain check failed: ${JSON.stringify(health.hashChain)}`);
      log(`${label}: hash chain checked after start (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return;
    }
    if (Date.now() - started > 600_000) throw new Error(`${label}: the hash chain check did not finish in 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** VmRSS / VmHWM of a process, in MB. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss_mb: round(kb('VmRSS') / 1024, 1), hwm_mb: round(kb('VmHWM') / 1024, 1) };
}

const round = (x, places = 0) => (Number.isFinite(x) ? Number(x.toFixed(places)) : null);

/** User + system CPU seconds a process (and its main thread) has used (Linux /proc; null elsewhere). */
function cpuSeconds(pid) {
  const of = (path) => {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  };
  try {
    return { process: of(`/proc/${pid}/stat`), main: of(`/proc/${pid}/task/${pid}/stat`) };
  } catch {
    return null;
  }
}

/**
 * Load from a separate process (bench/load.mjs, autocannon). With `server` (a startServer()
 * result), also the server's CPU time per answered request: steadier than req/s on a shared
 * machine, since it does not count the time the server waited for a CPU or the disk.
 */
async function load(label, spec, server) {
  const generate = async (settings) => {
    const out = await run(process.execPath, [
      join(root, 'bench', 'load.mjs'),
      JSON.stringify({ connections: CONNECTIONS, ...spec, ...settings }),
    ]);
    if (out.code !== 0) throw new Error(`${label}: load generator failed: ${out.stderr.trim()}`);
    return JSON.parse(out.stdout.trim().split('\n').pop());
  };
  // The same load first, unmeasured: both servers are measured warm (JIT-compiled, caches and
  // connection pools filled), not on their first seconds. The measured run goes on with new requests.
  const warmup = spec.warmup ?? WARMUP;
  let first = 0;
  if (warmup > 0) {
    log(`${label}: warm-up, ${spec.connections ?? CONNECTIONS} connection(s) for ${warmup} s …`);
    first = (await generate({ duration: warmup })).next;
  }
  log(`${label}: ${spec.connections ?? CONNECTIONS} connection(s) for ${DURATION} s …`);
  const cpuBefore = server ? cpuSeconds(server.pid) : null;
  const result = await generate({ duration: DURATION, first });
  const bad = result.non2xx + result.errors + result.timeouts;
  result.bad = bad;
  if (result.requests > 0 && bad / result.requests > ERROR_RATE_LIMIT) {
    const message =
      `${label}: ${bad} of ${result.requests} requests FAILED (${((100 * bad) / result.requests).toFixed(1)} %, ` +
      `limit ${ERROR_RATE_LIMIT * 100} %): statuses ${JSON.stringify(result.statuses)}, errors ${result.errors}, timeouts ${result.timeouts}`;
    failures.push(message);
    log(`!!! ${message}`);
  }
  const cpuAfter = server ? cpuSeconds(server.pid) : null;
  if (cpuBefore !== null && cpuAfter !== null && result.requests > 0) {
    result.server_cpu_ms_per_request = round(((cpuAfter.process - cpuBefore.process) * 1000) / result.requests, 3);
    // The thread that serves requests (JavaScript's one thread, but for worker threads).
    result.server_main_thread_cpu_ms_per_request = round(
      ((cpuAfter.main - cpuBefore.main) * 1000) / result.requests,
      3,
    );
  }
  log(
    `${label}: ${round(result.rps)} req/s, p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms, ` +
      `${result.ok} ok of ${result.requests}` +
      (result.server_cpu_ms_per_request === undefined
        ? ''
        : `, server CPU ${result.server_cpu_ms_per_request} ms/request (main thread ${result.server_main_thread_cpu_ms_per_request})`),
  );
  return result;
}

// ---------------------------------------------------------------------------------------------
// results and goals

function record(name, value, unit, baseline, extra = {}) {
  const entry = {
    name,
    value: round(value, value < 100 ? 2 : 0),
    unit,
    baseline: baseline ? { name: baseline.name, value: round(baseline.value, baseline.value < 100 ? 2 : 0) } : null,
    ratio: baseline && baseline.value > 0 ? round(value / baseline.value, 3) : null,
    ...extra,
  };
  results.push(entry);
  return entry;
}

function httpResult(name, ours, baselineName, base) {
  const extra = { p50_ms: ours.p50_ms, p99_ms: ours.p99_ms };
  if (ours.server_cpu_ms_per_request !== undefined) {
    extra.server_cpu_ms_per_request = ours.server_cpu_ms_per_request;
    extra.server_main_thread_cpu_ms_per_request = ours.server_main_thread_cpu_ms_per_request;
  }
  if (ours.bad > 0) extra.errors = ours.bad;
  record(name, ours.rps, 'req/s', { name: baselineName, value: base.rps }, extra);
  const baseExtra = { p50_ms: base.p50_ms, p99_ms: base.p99_ms };
  if (base.server_cpu_ms_per_request !== undefined)
    baseExtra.server_cpu_ms_per_request = base.server_cpu_ms_per_request;
  if (base.bad > 0) baseExtra.errors = base.bad;
  // The baseline also as its own row, so that its latencies are in the file.
  results.push({
    name: baselineName,
    value: round(base.rps),
    unit: 'req/s',
    baseline: null,
    ratio: null,
    ...baseExtra,
  });
}

/** The issue's goals: [description, check(resultsByName)]. */
const GOALS = {
  http_report_figure: ['ratio ≥ 0.6, p99 ≤ 2× baseline p99', (r, b) => r.ratio >= 0.6 && r.p99_ms <= 2 * b.p99_ms],
  http_mixed_commands: ['ratio ≥ 0.5', (r) => r.ratio >= 0.5],
  bulk_import: ['≥ 50,000 events/s, ratio ≥ 0.5', (r) => r.value >= 50_000 && r.ratio >= 0.5],
  rebuild: [
    '≥ 100,000 events/s, ratio ≥ 0.3, peak RSS ≤ 300 MB',
    (r) => r.value >= 100_000 && r.ratio >= 0.3 && r.rss_mb <= 300,
  ],
  scoreboard_query: ['ratio ≥ 0.5, p99 ≤ 2× baseline p99', (r, b) => r.ratio >= 0.5 && r.p99_ms <= 2 * b.p99_ms],
  recorded_as_of: ['p50 ≤ 50 ms', (r) => r.p50_ms <= 50],
  rss_server: ['≤ 300 MB', (r) => r.value <= 300],
};

function judge() {
  const byName = Object.fromEntries(results.map((r) => [r.name, r]));
  for (const r of results) {
    const goal = GOALS[r.name];
    if (!goal) continue;
    r.goal = goal[0];
    r.goal_met = Boolean(goal[1](r, r.baseline ? (byName[r.baseline.name] ?? {}) : {}));
  }
}

function table() {
  const rows = [['benchmark', 'value', 'p50 ms', 'p99 ms', 'baseline', 'ratio', 'goal', 'met']];
  for (const r of results) {
    rows.push(
      [
        r.name + (r.errors ? ` (${r.errors} errors)` : ''),
        `${r.value} ${r.unit}`,
        r.p50_ms ?? '',
        r.p99_ms ?? '',
        r.baseline ? `${r.baseline.name} ${r.baseline.value}` : '',
        r.ratio ?? '',
        r.goal ?? '',
        r.goal === undefined ? '' : r.goal_met ? 'yes' : 'NO',
      ].map(String),
    );
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join(' | ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.slice(1).map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// the benchmarks

const ledgerEnv = (dir) => ({
  EVENT_STORE_URL: `sqlite:${join(dir, 'ledger.db')}`,
  READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}`,
  ROLE: 'all',
});
const cli = (argv, dir) => runWithPeakRss([join(root, 'bin', 'kpi-ledger.mjs'), ...argv], ledgerEnv(dir));

/**
 * Runs node with `argv` and adds `peakMb`, its peak RSS: GNU time's when /usr/bin/time is
 * installed (exact), else the process's VmHWM read every 50 ms until it exits (Linux; NaN elsewhere).
 */
async function runWithPeakRss(argv, env) {
  if (existsSync('/usr/bin/time')) {
    const out = await run('/usr/bin/time', ['-v', process.execPath, ...argv], env);
    const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(out.stderr)?.[1]);
    // GNU time's report is not the command's: keep stderr as the command wrote it.
    return {
      ...out,
      stderr: out.stderr.replace(/(Command exited with non-zero status \d+\n)?\tCommand being timed:[\s\S]*$/, ''),
      peakMb: peakKb / 1024,
    };
  }
  let peakMb = NaN;
  let timer;
  const out = await run(process.execPath, argv, env, (child) => {
    timer = setInterval(() => {
      try {
        peakMb = Math.max(Number.isNaN(peakMb) ? 0 : peakMb, memory(child.pid).hwm_mb);
      } catch {
        // exited between two reads, or no /proc: keep what was read
      }
    }, 50);
  });
  clearInterval(timer);
  return { ...out, peakMb };
}
const serverArgv = (tag) =>
  cpuProf
    ? ['--cpu-prof', '--cpu-prof-dir', resultsDir, `--cpu-prof-name=${tag}.cpuprofile`, join(root, 'dist', 'main.js')]
    : [join(root, 'dist', 'main.js')];
const eventCount = (dir) => {
  const db = new Database(join(dir, 'ledger.db'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) AS n FROM events').get().n;
  } finally {
    db.close();
  }
};

async function importFile(label, file, dir) {
  const out = await cli(['import', file], dir);
  if (out.code !== 0) {
    throw new Error(
      `${label}: kpi-ledger import exited ${out.code}: ${
        out.stderr
          .split('\n')
          .filter((l) => l.startsWith('line'))
          .slice(0, 5)
          .join('; ') || out.stderr.trim().slice(-500)
      }`,
    );
  }
  return out;
}

/** bulk_import vs raw_batched_insert, rebuild vs raw_scan; leaves the imported ledger in `dir`. */
async function bulkAndRebuild(dir) {
  const file = join(work, 'ledger.jsonl');
  const lines = (function* () {
    yield* ledger({ commands: IMPORT_COMMANDS, seed: 42 });
    yield* bigCompany({ id: 'bigco', commands: BIG_COMPANY_EVENTS, seed: 7 });
  })();
  const n = await writeJsonl(lines, file);
  log(
    `generated ${n} commands (seeded: ${IMPORT_COMMANDS} of a ${IMPORT_COMMANDS >= 1_000_000 ? 'full' : 'scaled-down'} ledger + ${BIG_COMPANY_EVENTS} of company "bigco")`,
  );

  log(`bulk_import: kpi-ledger import of ${n} commands …`);
  const imported = await importFile('bulk_import', file, dir);
  const events = eventCount(dir);
  const importRate = events / imported.seconds;
  log(
    `bulk_import: ${events} events in ${imported.seconds.toFixed(1)} s (${round(importRate)} events/s, wall clock incl. start-up and projection), peak RSS ${round(imported.peakMb, 1)} MB — ${imported.stdout.trim()}`,
  );

  // Baseline: the same events (rows read back from the ledger) in batched transactions of 1,000.
  const source = new Database(join(dir, 'ledger.db'), { readonly: true });
  const rows = source
    .prepare('SELECT stream, revision, type, data, metadata FROM events ORDER BY position')
    .raw()
    .all();
  source.close();
  const rawDb = new Database(join(work, 'raw-insert.db'));
  rawDb.pragma('journal_mode = WAL');
  rawDb.pragma('synchronous = FULL');
  rawDb.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL,
    type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream, revision)) STRICT`);
  const insert = rawDb.prepare('INSERT INTO events (stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?)');
  const batch = rawDb.transaction((slice) => {
    for (const row of slice) insert.run(row);
  });
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < rows.length; i += 1000) batch(rows.slice(i, i + 1000));
  const rawInsertRate = rows.length / (Number(process.hrtime.bigint() - t0) / 1e9);
  rawDb.close();
  log(`raw_batched_insert: ${round(rawInsertRate)} events/s`);
  record(
    'bulk_import',
    importRate,
    'events/s',
    { name: 'raw_batched_insert', value: rawInsertRate },
    {
      events,
      commands: n,
      seconds: round(imported.seconds, 1),
      rss_mb: round(imported.peakMb, 1),
      cli_reported: /\(([\d.]+) events\/s\)/.exec(imported.stdout)?.[1] ?? null,
      ...(IMPORT_COMMANDS < 1_000_000 ? { scaled_from: 1_000_000 } : {}),
    },
  );

  log(`rebuild: kpi-ledger rebuild over ${events} events …`);
  const rebuilt = await cli(['rebuild'], dir);
  const peakMb = rebuilt.peakMb;
  if (rebuilt.code !== 0) throw new Error(`rebuild exited ${rebuilt.code}: ${rebuilt.stderr.trim().slice(-500)}`);
  const rebuildRate = events / rebuilt.seconds;
  log(
    `rebuild: ${round(rebuildRate)} events/s (wall clock), peak RSS ${round(peakMb, 1)} MB — ${rebuilt.stdout.trim()}`,
  );

  const scanDb = new Database(join(dir, 'ledger.db'), { readonly: true });
  t0 = process.hrtime.bigint();
  let scanned = 0;
  for (const row of scanDb
    .prepare('SELECT position, stream, revision, type, data, metadata FROM events ORDER BY position')
    .iterate()) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    scanned++;
  }
  const scanRate = scanned / (Number(process.hrtime.bigint() - t0) / 1e9);
  scanDb.close();
  log(`raw_scan: ${round(scanRate)} events/s`);
  record(
    'rebuild',
    rebuildRate,
    'events/s',
    { name: 'raw_scan', value: scanRate },
    {
      rss_mb: round(peakMb, 1),
      events,
      seconds: round(rebuilt.seconds, 1),
      cli_reported: /\(([\d.]+) events\/s\)/.exec(rebuilt.stdout)?.[1] ?? null,
    },
  );
  return events;
}

/** scoreboard_query vs bare_http_read, and recorded_as_of, on the imported ledger. */
async function reads(dir, eventsLoaded) {
  const db = new Database(join(dir, 'ledger.db'), { readonly: true });
  const companies = db
    .prepare("SELECT json_extract(data, '$.companyId') AS id FROM events WHERE type = 'CompanyRegistered'")
    .all()
    .map((r) => r.id)
    .filter((id) => id !== 'bigco');
  db.close();
  const server = await startServer('app server (reads)', serverArgv('reads'), ledgerEnv(dir));
  await chainChecked('app server (reads)', server);
  let ours;
  let asOf;
  const docs = [];
  try {
    for (const id of companies) {
      const response = await fetch(`${server.url}/companies/${id}/scoreboard`);
      if (response.status !== 200) throw new Error(`scoreboard of ${id}: HTTP ${response.status}`);
      docs.push([id, await response.text()]);
    }
    ours = await load('scoreboard_query', { url: server.url, mode: 'scoreboard', companies }, server);
    // Just before bigco's last event was recorded: the read folds 9,999 of its 10,000 events on
    // demand (as of "now" it would equal the current read model, which proves nothing).
    const ledgerDb = new Database(join(dir, 'ledger.db'), { readonly: true });
    const last = ledgerDb
      .prepare(
        `SELECT json_extract(metadata, '$.recordedAt') AS at FROM events
         WHERE stream = 'company-bigco' OR stream LIKE 'metric-bigco.%' OR stream LIKE 'target-bigco.%'
         ORDER BY position DESC LIMIT 1`,
      )
      .get().at;
    ledgerDb.close();
    const recordedAsOf = new Date(Date.parse(last) - 1).toISOString();
    asOf = await load('recorded_as_of', {
      url: server.url,
      mode: 'scoreboard',
      companies: ['bigco'],
      query: `?recordedAsOf=${encodeURIComponent(recordedAsOf)}`,
      connections: 1,
      // Measured from its first read: a warm-up would have filled the fold caches it is judged on.
      warmup: 0,
    });
    record('recorded_as_of', asOf.p50_ms, 'ms (p50)', null, {
      p50_ms: asOf.p50_ms,
      p99_ms: asOf.p99_ms,
      events: BIG_COMPANY_EVENTS,
      ...(asOf.bad > 0 ? { errors: asOf.bad } : {}),
    });
    // rss_server: the server over the imported ledger (the issue's "after the 1M-event load"),
    // after it has served both read loads.
    const rss = memory(server.pid);
    ours.rss_mb = rss.rss_mb;
    record('rss_server', rss.rss_mb, 'MB', null, { rss_mb: rss.rss_mb, peak_rss_mb: rss.hwm_mb, events: eventsLoaded });
    log(`rss_server: ${rss.rss_mb} MB after the read loads over ${eventsLoaded} events (peak ${rss.hwm_mb} MB)`);
  } finally {
    await server.stop();
  }

  // Baseline: the very same scoreboard documents, stored as rows and served by bare Fastify.
  const bareDir = join(work, 'bare-read');
  mkdirSync(bareDir);
  const bareFile = join(bareDir, 'bare.db');
  const bareServer = await startServer('bare server (reads)', [join(root, 'bench', 'bare-server.mjs'), bareFile], {});
  try {
    const seed = new Database(bareFile);
    const put = seed.prepare('INSERT INTO docs (key, doc) VALUES (?, ?)');
    seed.transaction(() => docs.forEach(([id, doc]) => put.run(id, doc)))();
    seed.close();
    const base = await load('bare_http_read', { url: bareServer.url, mode: 'scoreboard', companies }, bareServer);
    httpResult('scoreboard_query', ours, 'bare_http_read', base);
    results.find((r) => r.name === 'scoreboard_query').rss_mb = ours.rss_mb;
  } finally {
    await bareServer.stop();
  }
}

/** http_report_figure and http_mixed_commands vs the bare append. */
async function writes() {
  // Fixtures: companies, metrics, targets and figures to restate, imported before the server starts.
  const companies = Array.from({ length: 8 }, (_, i) => `bench-co-${i}`);
  const lines = [];
  const metrics = [];
  const reportMetrics = [];
  const targets = [];
  const figures = [];
  const source = { title: 'Benchmark fixtures' };
  for (const c of companies) {
    lines.push({
      type: 'RegisterCompany',
      id: c,
      name: `Company ${c}`,
      fiscalYearEnd: '12-31',
      reportingCurrency: 'USD',
    });
    for (const m of ['kpi-0', 'kpi-1', 'kpi-2', 'kpi-3', 'kpi-4', 'mx-0', 'mx-1', 'rst-0', 'rst-1']) {
      lines.push({ type: 'DefineMetric', companyId: c, id: m, name: m, unit: 'currency' });
      if (m.startsWith('kpi')) metrics.push([c, m]);
      if (m.startsWith('mx')) reportMetrics.push([c, m]);
    }
  }
  for (let p = 0; p < 4; p++) {
    for (const c of companies) {
      for (const m of ['rst-0', 'rst-1']) {
        const period = `FY${2000 + p}`;
        lines.push({
          type: 'ReportFigure',
          companyId: c,
          metricId: m,
          period,
          value: '1000',
          reportedAt: '2020-06-01',
          source,
        });
        figures.push([c, m, period]);
      }
    }
  }
  for (let t = 0; t < 8; t++) {
    for (const c of companies) {
      const id = `fixture-${t}`;
      lines.push({
        type: 'AnnounceTarget',
        companyId: c,
        id,
        metricId: 'kpi-0',
        comparator: 'gte',
        value: '1000000',
        deadline: 'FY2030',
        announcedAt: '2020-01-01',
        source,
      });
      targets.push([c, id]);
    }
  }
  const dir = join(work, 'writes');
  mkdirSync(dir);
  const file = join(work, 'fixtures.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  await importFile('fixtures', file, dir);
  log(
    `fixtures: ${lines.length} commands imported (${companies.length} companies, ${metrics.length + reportMetrics.length + 16} metrics, ${targets.length} targets, ${figures.length} figures)`,
  );

  const figureSpec = { mode: 'figures', metrics };
  const mixedSpec = {
    mode: 'mixed',
    companies,
    targets,
    figures,
    reportMetrics,
    announceMetric: 'kpi-0',
    tag: String(process.pid),
  };
  const server = await startServer('app server (writes)', serverArgv('writes'), ledgerEnv(dir));
  await chainChecked('app server (writes)', server);
  let figuresOurs;
  let mixedOurs;
  let rss;
  try {
    figuresOurs = await load('http_report_figure', { url: server.url, ...figureSpec }, server);
    mixedOurs = await load('http_mixed_commands', { url: server.url, ...mixedSpec }, server);
    rss = memory(server.pid);
  } finally {
    await server.stop();
  }

  const bareFile = join(work, 'bare-append.db');
  const bare = await startServer('bare server (appends)', [join(root, 'bench', 'bare-server.mjs'), bareFile], {});
  try {
    const figuresBase = await load('bare_http_append (figures)', { url: bare.url, ...figureSpec }, bare);
    const mixedBase = await load('bare_http_append (mixed)', { url: bare.url, ...mixedSpec }, bare);
    httpResult('http_report_figure', figuresOurs, 'bare_http_append', figuresBase);
    httpResult('http_mixed_commands', mixedOurs, 'bare_http_append_mixed', mixedBase);
  } finally {
    await bare.stop();
  }
  results.find((r) => r.name === 'http_mixed_commands').rss_mb = rss.rss_mb;
  log(`write server: ${rss.rss_mb} MB after the write loads (peak ${rss.hwm_mb} MB)`);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  log(
    `${quick ? 'QUICK' : 'FULL'} run: ${DURATION} s per HTTP benchmark, ${CONNECTIONS} connections, import of ${IMPORT_COMMANDS} + ${BIG_COMPANY_EVENTS} commands; work dir ${work}`,
  );
  execFileSync(process.execPath, [join(root, 'scripts', 'ensure-build.mjs')], { cwd: root, stdio: 'inherit' });
  const builtAt = statSync(join(root, 'dist', 'main.js')).mtimeMs;
  // `kpi-ledger` rebuilds a dist/ older than src/ before it runs: a source file edited during the
  // run would have the rebuild measure the compiler and the later benchmarks another build.
  const sameBuild = () => {
    if (statSync(join(root, 'dist', 'main.js')).mtimeMs !== builtAt) {
      throw new Error(
        'dist/ was rebuilt during the run (a file under src/ changed): its figures mix two builds; rerun',
      );
    }
  };
  mkdirSync(resultsDir, { recursive: true });
  const ledgerDir = join(work, 'ledger');
  mkdirSync(ledgerDir);
  const events = only === 'writes' ? 0 : await bulkAndRebuild(ledgerDir);
  sameBuild();
  if (only === null || only === 'reads') await reads(ledgerDir, events);
  if (only === null || only === 'writes') await writes();
  sameBuild();
  judge();
  const order = [
    'http_report_figure',
    'bare_http_append',
    'http_mixed_commands',
    'bare_http_append_mixed',
    'bulk_import',
    'rebuild',
    'scoreboard_query',
    'bare_http_read',
    'recorded_as_of',
    'rss_server',
  ];
  results.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const report = {
    machine: {
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model,
      node: process.version,
      date: new Date().toISOString(),
    },
    mode: quick ? 'quick' : 'full',
    ...(only === null ? {} : { only }),
    settings: {
      duration_s: DURATION,
      connections: CONNECTIONS,
      import_commands: IMPORT_COMMANDS,
      big_company_events: BIG_COMPANY_EVENTS,
    },
    results,
    failures,
  };
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\n${table()}\n\n`);
  const missed = results.filter((r) => r.goal_met === false).map((r) => r.name);
  process.stdout.write(`goals not met yet: ${missed.length ? missed.join(', ') : 'none'}\n`);
  process.stdout.write(`written bench/results/latest.json (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  if (failures.length > 0) {
    process.stdout.write(
      `\n!!! ${failures.length} benchmark(s) had more than ${ERROR_RATE_LIMIT * 100} % failed requests:\n${failures.map((f) => `!!! ${f}`).join('\n')}\n`,
    );
    process.exitCode = 1;
  }
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
