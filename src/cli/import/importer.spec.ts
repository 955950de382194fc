import 'reflect-metadata';
import { parseConfig } from '../../config/app-config.js';
import { withLedger } from '../ledger-app.js';
import { textSource } from './import-source.js';
import { CLI_ACTOR, formatSummary, idempotencyKeyOf, runImport } from './importer.js';
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

describe('formatSummary', () => {
  it('says what happened, how long it took and how fast', () => {
    expect(formatSummary({ imported: 18, rejected: 2, skipped: 1, events: 20, elapsedMs: 500 })).toBe(
      'imported 18, rejected 2, skipped 1 (already imported) in 0.50 s, 20 events (40 events/s)',
    );
  });
});
