import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../config/app-config.js';
import { withLedger } from '../ledger-app.js';
import { textSource } from './import-source.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { CHUNK_MS, CLI_ACTOR, formatSummary, idempotencyKeyOf, runImport } from './importer.js';
import { Progress } from './progress.js';

const config = parseConfig({ EVENT_STORE_URL: 'memory:', READ_MODEL_URL: 'memory:' });
const source = { title: 'Annual report' };
const lines = [
  { type: 'RegisterCompany', id: 'acme', name: 'Acme', fiscalYearEnd: '12-31', reportingCurrency: 'USD' },
  { type: 'DefineMetric', companyId: 'acme', id: 'revenue', name: 'Revenue', unit: 'currency' },
  {
    type: 'ReportFigure',
    companyId: 'acme',
    metricId: 'revenue',
    period: 'FY2020',
    value: '100',
    reportedAt: '2021-02-01',
    source,
  },
  {
    type: 'ReportFigure',
    companyId: 'acme',
    metricId: 'revenue',
    period: 'FY2020',
    value: '101',
    reportedAt: '2021-02-01',
    source,
  },
].map((line) => JSON.stringify(line));
const text = [lines[0], lines[1], '', '{oops', lines[2], lines[3]].join('\n');

function quietProgress(messages: string[] = []) {
  return new Progress({ isTTY: false, write: (t: string) => messages.push(t) }, 0, 'lines', () => 0);
}

describe('runImport', () => {
  it('imports good lines in order, reports bad ones by line number, and skips them all on a re-run', async () => {
    await withLedger(config, async (ledger) => {
      const messages: string[] = [];
      const first = await runImport(ledger, textSource('test', text), quietProgress(messages));
      expect(first).toMatchObject({ imported: 3, rejected: 2, skipped: 0, events: 3 });
      expect(messages).toEqual([
        expect.stringMatching(/^line 4: MALFORMED_JSON: /),
        expect.stringMatching(/^line 6: FIGURE_ALREADY_REPORTED: /),
      ]);

      const again = await runImport(ledger, textSource('test', text), quietProgress());
      expect(again).toMatchObject({ imported: 0, rejected: 2, skipped: 3, events: 0 });

      const events = await ledger.store.readAll({ limit: 10 });
      expect(events.map((e) => e.type)).toEqual(['CompanyRegistered', 'MetricDefined', 'FigureReported']);
      expect(events[2].metadata).toMatchObject({
        recordedBy: CLI_ACTOR,
        route: 'POST /companies/acme/metrics/revenue/figures',
        idempotencyKey: idempotencyKeyOf(textSource('test', text).contentHash, 5),
      });
      // One run, one correlation id.
      expect(new Set(events.map((e) => e.metadata.correlationId)).size).toBe(1);
    });
  });

  it('treats the same content under another name as the same file', async () => {
    await withLedger(config, async (ledger) => {
      await runImport(ledger, textSource('a.jsonl', `${lines[0]}\n`), quietProgress());
      const renamed = await runImport(ledger, textSource('b.jsonl', `${lines[0]}\n`), quietProgress());
      expect(renamed).toMatchObject({ imported: 0, skipped: 1 });
    });
  });
});

/** The ledger's store, with batch() wrapped to count calls and optionally fail the commit of some. */
function batching(store: EventStore, failCommit: boolean | ((batch: number) => boolean) = false) {
  const calls = { batches: 0 };
  const fails = typeof failCommit === 'boolean' ? () => failCommit : failCommit;
  const wrapped: EventStore = Object.assign(Object.create(store) as EventStore, {
    batch: <T>(work: () => Promise<T>) =>
      store.batch(async () => {
        const batch = ++calls.batches;
        const result = await work();
        if (fails(batch)) throw new Error('disk I/O error');
        return result;
      }),
  });
  return { wrapped, calls };
}

describe('runImport chunks', () => {
  it('commits a chunk per CHUNK_MS of work, so a long import is durable as it goes', async () => {
    await withLedger(config, async (ledger) => {
      const { wrapped, calls } = batching(ledger.store);
      let t = 0;
      // Every clock read advances half a chunk: a chunk holds one or two lines.
      const summary = await runImport(
        { ...ledger, store: wrapped },
        textSource('t', lines.slice(0, 3).join('\n')),
        quietProgress(),
        () => (t += CHUNK_MS / 2),
      );
      expect(summary).toMatchObject({ imported: 3, rejected: 0, events: 3 });
      expect(calls.batches).toBeGreaterThan(1);
    });
  });

  it('reports a failed commit as fatal and counts none of the chunk as imported', async () => {
    await withLedger(config, async (ledger) => {
      const { wrapped } = batching(ledger.store, true);
      const messages: string[] = [];
      const summary = await runImport(
        { ...ledger, store: wrapped },
        textSource('t', lines.slice(0, 2).join('\n')),
        quietProgress(messages),
      );
      expect(summary).toMatchObject({ imported: 0, events: 0, fatal: { line: 1 } });
      expect(summary.fatal?.message).toMatch(/lines 1-2 were not written: disk I\/O error/);
      expect(await ledger.store.lastPosition()).toBe(0);
    });
  });
});

describe('runImport on SQLite', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('tells new lines from replays by position, chunk by chunk, even when another process imports meanwhile', async () => {
    const sqlite = parseConfig({
      EVENT_STORE_URL: `sqlite:${join(dir, 'ledger.db')}`,
      READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}`,
    });
    const figure = (period: string) =>
      JSON.stringify({ ...(JSON.parse(lines[2]) as object), period, reportedAt: '2021-02-01' });
    // Two lines a chunk; the third line is refused, so a chunk can end on a line that appends nothing.
    const file = [lines[0], lines[1], lines[0], figure('FY2019'), figure('FY2020'), figure('FY2021')].join('\n');
    await withLedger(sqlite, async (ledger) => {
      let t = 0;
      // A chunk reads the clock once at its start and once before each line.
      const twoLinesAChunk = () => (t += Math.ceil(CHUNK_MS / 3));
      // The first run commits its first chunk, then its second commit fails: lines 3-4 are lost.
      const lost = batching(ledger.store, (batch) => batch === 2);
      const first = await runImport(
        { ...ledger, store: lost.wrapped },
        textSource('f', file),
        quietProgress(),
        twoLinesAChunk,
      );
      expect(first).toMatchObject({ imported: 2, rejected: 0, skipped: 0, events: 2, fatal: { line: 3 } });

      // The re-run replays lines 1-2, is refused line 3 and writes line 4. Before its third chunk
      // another process imports the same file: lines 5-6 are then replays too, though they come
      // after the position the run started at.
      const counted = batching(ledger.store);
      const store = Object.assign(Object.create(counted.wrapped) as EventStore, {
        batch: async <T>(work: () => Promise<T>) => {
          if (counted.calls.batches === 2) {
            await withLedger(sqlite, (other) => runImport(other, textSource('f', file), quietProgress()));
          }
          return counted.wrapped.batch(work);
        },
      });
      const messages: string[] = [];
      const again = await runImport(
        { ...ledger, store },
        textSource('f', file),
        quietProgress(messages),
        twoLinesAChunk,
      );
      expect(again).toMatchObject({ imported: 1, rejected: 1, skipped: 4 });
      expect(again.fatal).toBeUndefined();
      expect(messages).toEqual([expect.stringMatching(/^line 3: COMPANY_ALREADY_EXISTS: /)]);
      const events = await ledger.store.readAll({ limit: 10 });
      expect(events.map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
      // The first run, the re-run (line 4), the other process (lines 5-6).
      const runs = events.map((e) => e.metadata.correlationId);
      expect(new Set(runs).size).toBe(3);
      expect(runs[3]).toBe(runs[4]);
    });
  });
});

describe('formatSummary', () => {
  it('says what happened, how long it took and how fast', () => {
    expect(formatSummary({ imported: 18, rejected: 2, skipped: 1, events: 20, elapsedMs: 500 })).toBe(
      'imported 18, rejected 2, skipped 1 (already imported) in 0.50 s, 20 events (40 events/s)',
    );
  });
});
