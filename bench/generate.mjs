#!/usr/bin/env node
// Seeded, deterministic generator of a realistic ledger as `kpi-ledger import` lines (JSONL).
//
//   node bench/generate.mjs --commands 200000 [--seed 42] [--out ledger.jsonl]
//   node bench/generate.mjs --big-company bigco --commands 10000 --out big.jsonl
//
// The same seed and size always give the same file. The ledger: FX rates (CY periods, several
// pairs to USD), then company after company, each with its own fiscal year end and reporting
// currency and 5–15 KPIs (mostly currency, some counts, percentages and ratios), quarterly and
// annual figures year by year (some with own US$ translations), restatements of earlier figures
// and analyst corrections, redefinitions and de-emphasis of KPIs, and targets that are announced,
// revised, reaffirmed and withdrawn in date order. Every line is a valid command given the lines
// before it, so an import of the whole file rejects nothing.
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** mulberry32: small, fast, good enough for test data, and identical on every platform. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const YEAR_ENDS = ['12-31', '03-31', '06-30', '09-30', '12-31', '12-31'];
const CURRENCIES = ['USD', 'EUR', 'CNY', 'JPY', 'GBP', 'CHF'];
const FX_TO_USD = { EUR: 1.12, CNY: 0.145, JPY: 0.0089, GBP: 1.31, CHF: 1.05 };
const KPI_NAMES = [
  ['revenue', 'currency'],
  ['gmv', 'currency'],
  ['ebitda', 'currency'],
  ['net-income', 'currency'],
  ['free-cash-flow', 'currency'],
  ['capex', 'currency'],
  ['opex', 'currency'],
  ['arr', 'currency'],
  ['customers', 'count'],
  ['employees', 'count'],
  ['stores', 'count'],
  ['active-users', 'count'],
  ['gross-margin', 'percent'],
  ['churn', 'percent'],
  ['net-debt-to-ebitda', 'ratio'],
  ['cost-income', 'ratio'],
  ['orders', 'count'],
  ['subscribers', 'count'],
];
const WORDS = ['acme', 'globex', 'initech', 'umbrella', 'stark', 'wayne', 'tyrell', 'cyberdyne', 'soylent', 'hooli'];

const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => d.toISOString().slice(0, 10);
const addDays = (date, days) => iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
const lastDayOf = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** End date of FY`year` (part: Y or Q1..Q4) for a company whose fiscal year ends on `yearEnd`. */
function periodEnd(yearEnd, year, part) {
  const month = Number(yearEnd.slice(0, 2));
  if (part === 'Y') return `${year}-${yearEnd}`;
  const back = 3 * (4 - Number(part.slice(1))); // Q4 ends with the year, Q1 nine months earlier
  let m = month - back;
  let y = year;
  while (m <= 0) {
    m += 12;
    y -= 1;
  }
  return `${y}-${pad(m)}-${pad(lastDayOf(y, m))}`;
}

const decimal = (x, unit) => {
  if (unit === 'percent') return x.toFixed(2);
  if (unit === 'ratio') return x.toFixed(3);
  return String(Math.max(1, Math.round(x)));
};

/** FX rates: one per pair and calendar year. */
export function* fxRates(rng, fromYear, toYear) {
  for (const [from, base] of Object.entries(FX_TO_USD)) {
    for (let year = fromYear; year <= toYear; year++) {
      const rate = (base * (0.85 + 0.3 * rng.next())).toFixed(base < 0.1 ? 6 : 4);
      yield {
        type: 'RecordFxRate',
        from,
        to: 'USD',
        rate,
        period: `CY${year}`,
        source: { title: `Central bank reference rates ${year}`, publisher: 'ECB' },
      };
    }
  }
}

/** One company's history, in date order; `opts.kpis` and `opts.fromYear` shape its size. */
export function* company(rng, id, opts = {}) {
  const yearEnd = opts.yearEnd ?? rng.pick(YEAR_ENDS);
  const currency = opts.currency ?? rng.pick(CURRENCIES);
  const kpiCount = opts.kpis ?? rng.int(5, 15);
  const fromYear = opts.fromYear ?? rng.int(2004, 2012);
  const toYear = opts.toYear ?? 2024;
  yield {
    type: 'RegisterCompany',
    id,
    name: `${id.replace(/-/g, ' ')} holdings`,
    fiscalYearEnd: yearEnd,
    reportingCurrency: currency,
  };
  const kpis = [];
  for (let k = 0; k < kpiCount; k++) {
    const [name, unit] = KPI_NAMES[k % KPI_NAMES.length];
    const metricId = k < KPI_NAMES.length ? name : `${name}-${Math.floor(k / KPI_NAMES.length)}`;
    const level =
      unit === 'percent' ? 5 + rng.next() * 40 : unit === 'ratio' ? 0.5 + rng.next() * 3 : 10 ** rng.int(4, 11);
    kpis.push({ metricId, unit, level, growth: 1 + (rng.next() * 0.25 - 0.05), figures: [], redefined: false });
    yield {
      type: 'DefineMetric',
      companyId: id,
      id: metricId,
      name: metricId.replace(/-/g, ' '),
      unit,
      definition: `${name} as reported in the annual report`,
    };
  }
  const targets = [];
  let targetSeq = 0;
  for (let year = fromYear; year <= toYear; year++) {
    const yearEndDate = periodEnd(yearEnd, year, 'Y');
    for (const kpi of kpis) {
      kpi.level *= kpi.growth + (rng.next() * 0.06 - 0.03);
      if (kpi.unit === 'percent') kpi.level = Math.min(kpi.level, 95);
      for (const part of ['Q1', 'Q2', 'Q3', 'Q4', 'Y']) {
        const period = part === 'Y' ? `FY${year}` : `FY${year}-${part}`;
        const end = periodEnd(yearEnd, year, part);
        const reportedAt = addDays(end, rng.int(25, part === 'Y' ? 80 : 50));
        const value = decimal(part === 'Y' || kpi.unit !== 'currency' ? kpi.level : kpi.level / 4, kpi.unit);
        const line = {
          type: 'ReportFigure',
          companyId: id,
          metricId: kpi.metricId,
          period,
          value,
          reportedAt,
          source: { title: `${id} ${period} results`, publishedAt: reportedAt },
        };
        if (kpi.unit === 'currency' && currency !== 'USD' && part === 'Y' && rng.chance(0.3)) {
          line.translations = [{ currency: 'USD', value: String(Math.round(Number(value) * FX_TO_USD[currency])) }];
        }
        yield line;
        kpi.figures.push({ period, value, reportedAt });
        if (rng.chance(0.01)) {
          // The analyst typed it wrong and fixes the entry (not a change by the company).
          yield {
            type: 'CorrectFigure',
            companyId: id,
            metricId: kpi.metricId,
            period,
            value: decimal(Number(value) * 1.001 + 1, kpi.unit),
            reason: 'Transposed digits in the entry',
          };
        }
      }
      // Restatements of last year's annual figure, dated with this year's results.
      const last = kpi.figures.length > 5 ? kpi.figures[kpi.figures.length - 6] : null;
      if (last !== null && rng.chance(0.05)) {
        yield {
          type: 'RestateFigure',
          companyId: id,
          metricId: kpi.metricId,
          period: last.period,
          value: decimal(Number(last.value) * (0.95 + rng.next() * 0.04), kpi.unit),
          reportedAt: addDays(yearEndDate, 60),
          reason: rng.pick(['IFRS 16 adoption', 'Discontinued operation', 'Change in segment reporting']),
          source: { title: `${id} FY${year} annual report` },
        };
      }
      if (!kpi.redefined && rng.chance(0.01)) {
        kpi.redefined = true;
        yield {
          type: 'RedefineMetric',
          companyId: id,
          metricId: kpi.metricId,
          definition: `${kpi.metricId} including acquisitions`,
          effectiveFrom: `FY${year + 1}`,
          statedAt: addDays(yearEndDate, 61),
          source: { title: `${id} FY${year} annual report` },
        };
      }
    }
    // New promises, then the lifecycle of the open ones, all dated after the annual results.
    let day = 90;
    const nextDate = () => addDays(yearEndDate, (day += rng.int(1, 20)));
    const announcements = rng.int(0, 2);
    for (let a = 0; a < announcements; a++) {
      const kpi = rng.pick(kpis);
      const targetId = `${kpi.metricId}-fy${year + 3}-${++targetSeq}`;
      const between = kpi.unit !== 'currency' && rng.chance(0.3);
      const goal = kpi.level * (1.2 + rng.next());
      const terms = between
        ? { comparator: 'between', low: decimal(goal * 0.9, kpi.unit), high: decimal(goal * 1.1, kpi.unit) }
        : { comparator: rng.chance(0.85) ? 'gte' : 'lte', value: decimal(goal, kpi.unit) };
      const target = { targetId, kpi, between, goal, open: true };
      targets.push(target);
      yield {
        type: 'AnnounceTarget',
        companyId: id,
        id: targetId,
        metricId: kpi.metricId,
        ...terms,
        deadline: `FY${year + 3}`,
        baseline: { period: `FY${year}` },
        announcedAt: nextDate(),
        announcedBy: rng.pick(['CEO', 'CFO', 'Investor relations']),
        source: { title: `${id} capital markets day ${year + 1}` },
      };
    }
    for (const target of targets) {
      if (!target.open) continue;
      const roll = rng.next();
      const source = { title: `${id} investor update ${year + 1}` };
      const ref = { companyId: id, targetId: target.targetId };
      if (roll < 0.15) {
        target.goal *= 0.85 + rng.next() * 0.1;
        const terms = target.between
          ? { low: decimal(target.goal * 0.9, target.kpi.unit), high: decimal(target.goal * 1.1, target.kpi.unit) }
          : { value: decimal(target.goal, target.kpi.unit) };
        yield { type: 'ReviseTarget', ...ref, ...terms, announcedAt: nextDate(), reason: 'Market conditions', source };
      } else if (roll < 0.35) {
        yield { type: 'ReaffirmTarget', ...ref, announcedAt: nextDate(), source };
      } else if (roll < 0.4) {
        target.open = false;
        yield { type: 'WithdrawTarget', ...ref, announcedAt: nextDate(), reason: 'Strategy changed', source };
      }
    }
    const emphasized = kpis.filter((kpi) => !kpi.deEmphasized);
    if (emphasized.length > 0 && rng.chance(0.03)) {
      // A metric is de-emphasized once: the ledger refuses a second de-emphasis.
      const kpi = rng.pick(emphasized);
      kpi.deEmphasized = true;
      yield {
        type: 'DeEmphasizeMetric',
        companyId: id,
        metricId: kpi.metricId,
        statedAt: nextDate(),
        note: 'No longer a headline measure',
        source: { title: `${id} investor day ${year + 1}` },
      };
    }
  }
}

/** The whole ledger: FX rates first, then companies until `commands` lines. */
export function* ledger({ commands, seed = 42 }) {
  const rng = prng(seed);
  let count = 0;
  for (const line of fxRates(rng, 2000, 2025)) {
    if (count++ >= commands) return;
    yield line;
  }
  for (let c = 1; ; c++) {
    for (const line of company(rng, `${rng.pick(WORDS)}-${c}`)) {
      if (count++ >= commands) return;
      yield line;
    }
  }
}

/** One company with `commands` lines (for as-of reads over a long history). */
export function* bigCompany({ id, commands, seed = 7 }) {
  const rng = prng(seed);
  let count = 0;
  // 40 KPIs from FY1901: about 200 figures a year plus targets.
  for (const line of company(rng, id, { kpis: 40, fromYear: 1901, toYear: 2199, yearEnd: '12-31', currency: 'EUR' })) {
    if (count++ >= commands) return;
    yield line;
  }
}

/** Writes the lines to `out`; resolves with the number of lines. */
export async function writeJsonl(lines, out) {
  const stream = createWriteStream(out);
  let n = 0;
  let chunk = '';
  for (const line of lines) {
    chunk += `${JSON.stringify(line)}\n`;
    n++;
    if (chunk.length > 1 << 20) {
      if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
      chunk = '';
    }
  }
  stream.end(chunk);
  await new Promise((resolve, reject) => stream.on('finish', resolve).on('error', reject));
  return n;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? fallback : args[i + 1];
  };
  const commands = Number(opt('commands', '1000'));
  const seed = Number(opt('seed', '42'));
  const big = opt('big-company', undefined);
  const lines = big ? bigCompany({ id: big, commands, seed }) : ledger({ commands, seed });
  const out = opt('out', undefined);
  if (out) {
    const n = await writeJsonl(lines, out);
    process.stderr.write(`generate: ${n} commands (seed ${seed}) → ${out}\n`);
  } else {
    for (const line of lines) process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
