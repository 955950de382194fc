import Database from 'better-sqlite3';
import fc from 'fast-check';
import { gmvTarget, seedCompanyAndMetric, source, startTestApp, type TestApp } from './support/test-app.js';
import { testSeed } from './support/seeded.js';

/** Requests generated; sized so that the spec stays well under a minute on a loaded CI machine. */
const RUNS = Number(process.env.KPI_FUZZ_RUNS ?? 1000);
/** A request that takes longer than this counts as a hang. */
const REQUEST_TIMEOUT_MS = 8000;

/** A valid body per write route, which the fuzzer then breaks; the table is checked against the router. */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
  '/companies': { id: 'fz', name: 'Fuzz Ltd', fiscalYearEnd: '12-31', reportingCurrency: 'USD' },
  '/companies/{companyId}/metrics': { id: 'users', name: 'Users', unit: 'count', definition: 'd', source: source() },
  '/companies/{companyId}/metrics/{metricId}/redefinitions': {
    definition: 'wider',
    effectiveFrom: 'FY2021',
    statedAt: '2021-01-01',
    source: source(),
    reason: 'r',
  },
  '/companies/{companyId}/metrics/{metricId}/de-emphasis': { statedAt: '2021-01-01', source: source(), note: 'n' },
  '/companies/{companyId}/metrics/{metricId}/discontinuation': {
    statedAt: '2021-01-01',
    lastPeriod: 'FY2020',
    source: source(),
  },
  '/companies/{companyId}/metrics/{metricId}/reinstatement': { statedAt: '2022-01-01', source: source() },
  '/companies/{companyId}/metrics/{metricId}/figures': {
    period: 'FY2021',
    value: '10',
    currency: 'CNY',
    reportedAt: '2021-05-01',
    source: source(),
    translations: [{ currency: 'USD', value: '1.5' }],
  },
  '/companies/{companyId}/metrics/{metricId}/figures/{period}/restatements': {
    value: '11',
    reportedAt: '2021-06-01',
    source: source(),
    reason: 'r',
  },
  '/companies/{companyId}/metrics/{metricId}/figures/{period}/corrections': { value: '12', reason: 'typo' },
  '/companies/{companyId}/targets': {
    metricId: 'gmv',
    comparator: 'between',
    low: '1',
    high: '2',
    deadline: 'FY2025',
    baseline: { period: 'FY2020' },
    announcedAt: '2020-01-01',
    source: source(),
  },
  '/companies/{companyId}/targets/{targetId}/revisions': { value: '2000', announcedAt: '2021-01-01', source: source() },
  '/companies/{companyId}/targets/{targetId}/reaffirmations': { announcedAt: '2021-02-01', source: source() },
  '/companies/{companyId}/targets/{targetId}/withdrawals': { announcedAt: '2030-01-01', source: source() },
  '/companies/{companyId}/targets/{targetId}/corrections': { announcedBy: 'CFO', reason: 'r' },
  '/fx-rates': { from: 'EUR', to: 'USD', rate: '1.1', date: '2020-01-01', source: source() },
};

/** Path parameters that name what the spec seeded, so that a request can get past the 404s. */
const EXISTING: Record<string, string> = { companyId: 'acme', metricId: 'gmv', targetId: 'gmv-1tn', period: 'FY2020' };
const QUERY_PARAMS = ['asOf', 'recordedAsOf', 'minPosition', 'after', 'limit'];

interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
}

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

// Strings that have broken parsers before: lone surrogates, NUL, BOM, bidi overrides, combining
// marks, astral characters, impossible dates and periods, prototype keys, numbers in strings.
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\udc00y',
  '\ufeff',
  '\u202e',
  'e\u0301',
  '𝟘𝟙',
  '😀',
  '\u2028',
  '%00',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>',
  '2023-02-30',
  '2023-13-01',
  '0000-00-00',
  '2019-02-29',
  '+275760-09-13',
  '2024-02-29T25:00:00Z',
  '2024-01-01T00:00:00+99:99',
  'FY0',
  'FY99999',
  'FY2020-Q5',
  'FY2020-H3',
  'CY-1',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '9007199254740993',
  '1e400',
  '-0',
  'NaN',
  'Infinity',
  '0x10',
  '1_000',
  '１２３',
];

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer({ min: 200, max: 70_000 }).map((n) => 'x'.repeat(n)),
);
const nastyNumber = fc.oneof(
  fc.constantFrom(2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, Number.MAX_VALUE, Number.MIN_VALUE, -0, 0.1 + 0.2, 1e21),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const leaf = fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null));
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(nastyString, leaf, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);
/** Number literals JSON.stringify cannot write: beyond 2^53, beyond a double, negative zero. */
const RAW_NUMBERS = ['9007199254740993', '123456789012345678901234567890', '1e400', '-1e400', '-0', '1E-400', '0.1e1'];

/** Bodies that are not what a route expects, built from its valid body. */
function bodyArbitrary(valid: Record<string, unknown> | undefined): fc.Arbitrary<string | undefined> {
  const base = valid ?? { anything: 'x' };
  const keys = Object.keys(base);
  const json = (value: unknown) => JSON.stringify(value);
  return fc.oneof(
    fc.constant(json(base)),
    // One field replaced by something hostile, or removed.
    fc.tuple(fc.constantFrom(...keys), nastyValue).map(([key, value]) => json({ ...base, [key]: value })),
    fc.constantFrom(...keys).map((key) => json(Object.fromEntries(Object.entries(base).filter(([k]) => k !== key)))),
    // A nested field replaced (source.title, translations[0].value, baseline.period…).
    fc
      .tuple(
        fc.constantFrom('source', 'translations', 'baseline'),
        fc.constantFrom('title', 'url', 'value', 'currency', 'period'),
        nastyValue,
      )
      .map(([outer, inner, value]) =>
        json({
          ...base,
          [outer]: outer === 'translations' ? [{ currency: 'USD', [inner]: value }] : { ...source(), [inner]: value },
        }),
      ),
    // Unknown and prototype-polluting keys, written into the JSON text itself.
    fc
      .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', '\u0000', ''), nastyValue)
      .map(([key, value]) => `{${json(key)}:${json(value) ?? 'null'},${json(base).slice(1)}`),
    fc.constant(`{"constructor":{"prototype":{"polluted":true}},${json(base).slice(1)}`),
    // Numbers JSON.stringify would never write.
    fc
      .tuple(fc.constantFrom(...keys), fc.constantFrom(...RAW_NUMBERS))
      .map(([key, literal]) =>
        `{${json(key)}:${literal},${json(Object.fromEntries(Object.entries(base).filter(([k]) => k !== key))).slice(1)}`.replace(
          ',}',
          '}',
        ),
      ),
    // Deep nesting, in arrays and objects, as a field and as the whole body.
    fc.integer({ min: 100, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc.integer({ min: 100, max: 5_000 }).map((depth) => `{"source":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`),
    fc.integer({ min: 10, max: 3_000 }).map((depth) => json({ ...base, source: nest(depth) })),
    // Not an object at all, or not JSON.
    fc.jsonValue({ maxDepth: 3 }).map(json),
    fc.constantFrom(
      '',
      'null',
      '[]',
      '"a"',
      '{',
      '{"a":}',
      '{"a":1,}',
      "{'a':1}",
      '\u0000',
      '{"a":"\\ud800"}',
      '\ufeff{}',
    ),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constant(undefined),
  );
}

function nest(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = { title: value };
  return value;
}

/** Header values a client can send (visible ASCII and Latin-1; CR, LF and NUL never leave fetch). */
const headerValue = fc.oneof(
  fc.constantFrom('"0"', '"1"', '"-1"', '"99999999999999999999"', '*', 'W/"0"', '"0", "1"', '0', '', '""', '"\u00ff"'),
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength: 300,
  }),
);
const contentType = fc.constantFrom(
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/problem+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/json\u00ff',
);

/** A path parameter: the seeded one, or hostile bytes (percent-encoded by code unit, lone surrogates as invalid UTF-8). */
const pathParam = (name: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(encodeURIComponent(EXISTING[name] ?? 'x')) },
    { weight: 2, arbitrary: nastyString.map(encodeLoosely) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%', '%zz', '%C0%80', '%ED%A0%80', '%FF', '..', '.', '%2F', 'FY2020%00', 'a%2Fb'),
    },
  );

function encodeLoosely(text: string): string {
  let out = '';
  for (const ch of text.slice(0, 3000)) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      // A lone surrogate: its CESU-8 bytes, which no UTF-8 decoder accepts.
      const code = ch.charCodeAt(0);
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    }
  }
  return out;
}

function requestArbitrary(endpoints: Endpoint[]): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...endpoints).chain((endpoint) => {
    const names = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const query = fc.array(
      fc.tuple(
        fc.constantFrom(...QUERY_PARAMS, 'unknown', '__proto__'),
        fc.oneof(nastyString, nastyNumber.map(String)),
      ),
      { maxLength: 3 },
    );
    const headers = fc.record(
      {
        'if-match': headerValue,
        'idempotency-key': headerValue,
        'x-correlation-id': headerValue,
        'content-type': fc.oneof({ weight: 3, arbitrary: fc.constant('application/json') }, contentType),
        accept: fc.constantFrom('*/*', 'text/html', 'application/xml'),
      },
      { requiredKeys: [] },
    );
    const body = endpoint.method === 'POST' ? bodyArbitrary(VALID_BODIES[endpoint.path]) : fc.constant(undefined);
    return fc.tuple(fc.tuple(...names.map(pathParam)), query, headers, body).map(([params, pairs, hdrs, text]) => {
      let i = 0;
      const path = endpoint.path.replace(/\{\w+\}/g, () => params[i++]);
      const search = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeLoosely(v)}`).join('&');
      const headers: Record<string, string> =
        endpoint.method === 'POST' ? { 'content-type': 'application/json', ...hdrs } : { ...hdrs };
      return { method: endpoint.method, url: search === '' ? path : `${path}?${search}`, headers, body: text };
    });
  });
}

describe('fuzz: hostile bodies, headers and path parameters on every endpoint', () => {
  let t: TestApp;
  let base: string;
  let log: Database.Database;
  let endpoints: Endpoint[];
  const head = () =>
    log.prepare('SELECT position, global_hash AS hash FROM events ORDER BY position DESC LIMIT 1').get() as {
      position: number;
      hash: string;
    };

  beforeAll(async () => {
    t = await startTestApp();
    base = await t.app.getUrl();
    await seedCompanyAndMetric(t);
    await t.http().post('/companies/acme/targets').send(gmvTarget()).expect(201);
    await t
      .http()
      .post('/companies/acme/metrics/gmv/figures')
      .send({ period: 'FY2020', value: '100', reportedAt: '2020-05-01', source: source() })
      .expect(201);
    log = new Database(t.eventStorePath, { readonly: true });
    // Every route the app serves, from the router's OpenAPI document (Swagger UI itself aside).
    const doc = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    endpoints = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase() as 'GET' | 'POST', path })),
    );
  });
  afterAll(async () => {
    log.close();
    await t.close();
  });

  it('has a valid body for every write route the router serves (the table is complete)', () => {
    expect(
      endpoints
        .filter((e) => e.method === 'POST')
        .map((e) => e.path)
        .sort(),
    ).toEqual(Object.keys(VALID_BODIES).sort());
    expect(endpoints.length).toBeGreaterThan(25);
  });

  it('never answers 5xx, never hangs, and a rejected request leaves the event log as it was', async () => {
    const seed = testSeed('fuzz', 6062026);
    let requests = 0;
    const statuses = new Map<number, number>();
    const started = Date.now();
    const outcome = await fc.check(
      fc.asyncProperty(requestArbitrary(endpoints), async (req) => {
        const before = head();
        const res = await fetch(`${base}${req.url}`, {
          method: req.method,
          headers: req.headers,
          body: req.body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await res.text();
        requests++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) throw new Error(`${res.status} for ${req.method} ${req.url}: ${text.slice(0, 300)}`);
        const accepted = req.method === 'POST' && res.status === 201;
        if (!accepted) expect(head()).toEqual(before);
      }),
      { seed, numRuns: RUNS, endOnFailure: true },
    );
    // The counterexample, cut short: a 60 KiB body in full would bury the reason.
    if (outcome.failed) {
      const example = JSON.stringify(outcome.counterexample).slice(0, 2000);
      throw new Error(
        `fuzz failed at run ${outcome.numRuns} (seed ${seed}): ${String(outcome.errorInstance).slice(0, 1000)}\n${example}`,
      );
    }
    const seconds = (Date.now() - started) / 1000;
    const summary = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    console.log(
      `fuzz: ${requests} requests on ${endpoints.length} endpoints in ${seconds.toFixed(1)} s, none 5xx: ${summary}`,
    );
    expect((await t.http().get('/audit/verify').expect(200)).body).toMatchObject({ ok: true });
  }, 120_000);
});
