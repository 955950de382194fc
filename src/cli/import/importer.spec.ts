import 'reflect-metadata';
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

describe('runImport chunks', () => {
  /** The ledger's store, with batch() wrapped to count calls and optionally fail the commit. */
  function batching(store: EventStore, failCommit = false) {
    const calls = { batches: 0 };
    const wrapped: EventStore = Object.assign(Object.create(store) as EventStore, {
      batch: <T>(work: () => Promise<T>) =>
        store.batch(async () => {
          calls.batches++;
          const result = await work();
          if (failCommit) throw new Error('disk I/O error');
          return result;
        }),
    });
    return { wrapped, calls };
  }

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

describe('formatSummary', () => {
  it('says what happened, how long it took and how fast', () => {
    expect(formatSummary({ imported: 18, rejected: 2, skipped: 1, events: 20, elapsedMs: 500 })).toBe(
      'imported 18, rejected 2, skipped 1 (already imported) in 0.50 s, 20 events (40 events/s)',
    );
  });
});
