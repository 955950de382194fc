import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { WRITE_COMMANDS } from '../../api/write-commands.js';
import { BODY_LIMIT_BYTES } from '../../app.js';
import { ALIBABA_STORY } from '../demo/alibaba-story.js';
import {
  describeRejection,
  LINE_LIMIT_BYTES,
  type LineVerdict,
  parseImportLine,
  validateImportRecord,
} from './import-line.js';

const source = { title: 'Annual report', url: 'https://example.com/ar' };
const figure = {
  type: 'ReportFigure',
  companyId: 'acme',
  metricId: 'gmv',
  period: 'FY2020',
  value: '100',
  reportedAt: '2021-02-01',
  source,
};

function rejected(verdict: LineVerdict) {
  if (verdict.ok) throw new Error(`expected a rejection, got ${JSON.stringify(verdict.line)}`);
  return verdict.rejection;
}

function accepted(verdict: LineVerdict) {
  if (!verdict.ok) throw new Error(`expected a good line, got ${describeRejection(verdict.rejection)}`);
  return verdict.line;
}

describe('parseImportLine', () => {
  it('accepts a good line: entry, path parameters, validated DTO, concrete route', async () => {
    const line = accepted(await parseImportLine(JSON.stringify(figure)));
    expect(line.type).toBe('ReportFigure');
    expect(line.entry).toBe(WRITE_COMMANDS.ReportFigure);
    expect(line.params).toEqual({ companyId: 'acme', metricId: 'gmv' });
    expect(line.dto).toBeInstanceOf(WRITE_COMMANDS.ReportFigure.dto);
    expect(line.dto).toMatchObject({ period: 'FY2020', value: '100', source });
    expect(line.route).toBe('POST /companies/acme/metrics/gmv/figures');
    expect(line.requestHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the body canonically: key order does not matter, a changed value does', async () => {
    const { type, companyId, metricId, ...body } = figure;
    const reordered = { ...Object.fromEntries(Object.entries(body).reverse()), metricId, companyId, type };
    const a = accepted(await parseImportLine(JSON.stringify(figure)));
    const b = accepted(await parseImportLine(JSON.stringify(reordered)));
    const c = accepted(await parseImportLine(JSON.stringify({ ...figure, value: '101' })));
    expect(b.requestHash).toBe(a.requestHash);
    expect(c.requestHash).not.toBe(a.requestHash);
  });

  it('rejects text that is not JSON', async () => {
    expect(rejected(await parseImportLine('{not json'))).toMatchObject({ code: 'MALFORMED_JSON' });
    const deep = `{"type":"RegisterCompany","id":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(rejected(await parseImportLine(deep))).toMatchObject({ code: 'BODY_TOO_DEEP' });
  });

  it.each([['[1,2]'], ['"ReportFigure"'], ['null'], ['42']])('rejects %s: a line must be an object', async (text) => {
    expect(rejected(await parseImportLine(text))).toMatchObject({ code: 'MALFORMED_LINE' });
  });

  it('rejects a missing or unknown type, suggesting the likely one', async () => {
    expect(rejected(await validateImportRecord({ companyId: 'acme' })).detail).toMatch(
      /has no "type".*RegisterCompany/,
    );
    expect(rejected(await validateImportRecord({ type: 'ReportFigures' }))).toEqual({
      code: 'UNKNOWN_TYPE',
      detail: '"ReportFigures" is not a command type: did you mean ReportFigure?',
    });
    expect(rejected(await validateImportRecord({ type: 'Launch' })).detail).toMatch(/use one of RegisterCompany, /);
    expect(rejected(await validateImportRecord({ type: 42 })).code).toBe('UNKNOWN_TYPE');
    expect(rejected(await validateImportRecord({ type: 'constructor' })).code).toBe('UNKNOWN_TYPE');
  });

  it('requires the path parameters of the route, as strings', async () => {
    const { companyId: _, ...noCompany } = figure;
    const missing = rejected(await validateImportRecord({ ...noCompany, metricId: 7 }));
    expect(missing.code).toBe('VALIDATION_FAILED');
    expect(missing.errors).toEqual([
      { field: 'companyId', message: expect.stringMatching(/^is required \(path parameter of POST \/companies/) },
      { field: 'metricId', message: 'must be a string' },
    ]);
  });

  it('answers a malformed id as the route would (404) and a bad period as 400 INVALID_PERIOD', async () => {
    expect(rejected(await validateImportRecord({ ...figure, companyId: 'Acme!' }))).toMatchObject({
      code: 'COMPANY_NOT_FOUND',
    });
    const period = rejected(
      await validateImportRecord({ ...figure, type: 'RestateFigure', period: '2020', reason: 'x' }),
    );
    expect(period).toMatchObject({ code: 'INVALID_PERIOD', errors: [{ field: 'period' }] });
  });

  it('names every bad body field by its JSON path, as the API does', async () => {
    const bad = rejected(
      await validateImportRecord({
        ...figure,
        value: 'abc',
        source: { url: 'not a url' },
        translations: [{ currency: 'usd', value: '1' }],
        extra: true,
      }),
    );
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.errors?.map((e) => e.field).sort()).toEqual(
      ['extra', 'source.url', 'translations[0].currency', 'value'].sort(),
    );
    expect(describeRejection(bad)).toMatch(/^VALIDATION_FAILED: .*extra: is not a known field/);
  });

  it('refuses a path parameter of another route as an unknown body field', async () => {
    const bad = rejected(
      await validateImportRecord({
        type: 'RegisterCompany',
        companyId: 'acme',
        id: 'acme',
        name: 'Acme',
        fiscalYearEnd: '12-31',
        reportingCurrency: 'USD',
      }),
    );
    expect(bad.errors).toEqual([{ field: 'companyId', message: 'is not a known field' }]);
  });

  it('refuses lines longer than an HTTP body may be', async () => {
    expect(LINE_LIMIT_BYTES).toBe(BODY_LIMIT_BYTES);
    const long = JSON.stringify({ ...figure, source: { ...source, quote: 'x'.repeat(70_000) } });
    expect(rejected(await parseImportLine(long)).code).toBe('BODY_TOO_LARGE');
  });

  it('accepts every example line of the README', async () => {
    const block = /```jsonl\n([\s\S]*?)```/.exec(readFileSync('README.md', 'utf8'));
    const examples = (block?.[1] ?? '').trim().split('\n');
    expect(new Set(examples.map((line) => (JSON.parse(line) as { type: string }).type)).size).toBe(15);
    for (const text of examples) {
      const verdict = await parseImportLine(text);
      expect(verdict.ok ? 'ok' : describeRejection(verdict.rejection)).toBe('ok');
    }
  });

  it('accepts every line of the demo story', async () => {
    for (const record of ALIBABA_STORY) {
      const verdict = await validateImportRecord(record);
      expect(verdict.ok ? 'ok' : describeRejection(verdict.rejection)).toBe('ok');
    }
  });
});

describe('describeRejection', () => {
  it('lists the fields when there are some, else says the detail', () => {
    expect(
      describeRejection({
        code: 'VALIDATION_FAILED',
        detail: '2 fields are invalid: a, b',
        errors: [
          { field: 'a', message: 'is bad' },
          { field: 'b.c', message: 'is worse' },
        ],
      }),
    ).toBe('VALIDATION_FAILED: a: is bad; b.c: is worse');
    expect(describeRejection({ code: 'FIGURE_ALREADY_REPORTED', detail: 'already there' })).toBe(
      'FIGURE_ALREADY_REPORTED: already there',
    );
  });
});
