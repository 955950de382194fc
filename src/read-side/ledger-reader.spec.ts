import type { StoredEvent } from '../event-store/event-store.port.js';
import { MemoryEventStore } from '../event-store/memory/memory-event-store.js';
import { foldCompanyLedger, type LedgerPart } from '../projections/ledger/index.js';
import { LedgerScript } from '../projections/ledger/test-events.js';
import { MemoryReadStore } from '../read-store/memory/memory-read-store.js';
import type { JsonText } from '../shared/json-text.js';
import { LedgerReader } from './ledger-reader.js';
import { COMPANY_LEDGER, companyLedgerProjection, FX_RATES } from './read-models.js';

describe('LedgerReader.evaluationDate', () => {
  it('is asOf when given, else the clock’s UTC date, which moves on at midnight UTC (and back, if the clock does)', () => {
    let now = new Date('2026-03-01T23:59:59.999Z');
    const reader = new LedgerReader(new MemoryEventStore(), new MemoryReadStore(), { now: () => now });
    expect(reader.evaluationDate({})).toBe('2026-03-01');
    expect(reader.evaluationDate({ asOf: '2020-01-01' })).toBe('2020-01-01');
    now = new Date('2026-03-02T00:00:00.000Z');
    expect(reader.evaluationDate({})).toBe('2026-03-02');
    now = new Date('2026-03-02T23:00:00.000Z');
    expect(reader.evaluationDate({})).toBe('2026-03-02');
    now = new Date('2026-02-28T12:00:00.000Z');
    expect(reader.evaluationDate({})).toBe('2026-02-28');
    now = new Date('1969-12-31T12:00:00.000Z');
    expect(reader.evaluationDate({})).toBe('1969-12-31');
  });
});

describe('LedgerReader.view', () => {
  let now = new Date('2026-03-01T10:00:00Z');
  const readStore = new MemoryReadStore();
  const reader = new LedgerReader(new MemoryEventStore(), readStore, { now: () => now });
  let computed = 0;
  const compute = () => Promise.resolve(++computed);
  const text = async (view: Promise<JsonText | null>) => (await view)?.text;

  beforeEach(() => {
    computed = 0;
  });

  it('computes and encodes a current view once while the read models stand still', async () => {
    const first = await reader.view('k', {}, compute);
    expect(first?.text).toBe('1');
    expect(await reader.view('k', {}, compute)).toBe(first);
    expect(await text(reader.view('other', {}, compute))).toBe('2');
  });

  it('encodes a view exactly as JSON.stringify does, and keeps "no such view" as null', async () => {
    const view = { companyId: 'acme', targets: [{ value: '1e3', note: 'Umsatz verdoppeln' }], none: null };
    expect(await text(reader.view('json', {}, () => Promise.resolve(view)))).toBe(JSON.stringify(view));
    let nulls = 0;
    const missing = () => Promise.resolve((nulls++, null));
    expect(await reader.view('missing', {}, missing)).toBeNull();
    expect(await reader.view('missing', {}, missing)).toBeNull();
    expect(nulls).toBe(1);
  });

  it('computes again once the company ledger or the FX rates move on', async () => {
    const first = await text(reader.view('moves', {}, compute));
    await readStore.commit(COMPANY_LEDGER, 1, [], 5);
    const second = await text(reader.view('moves', {}, compute));
    await readStore.commit(FX_RATES, 1, [], 7);
    const third = await text(reader.view('moves', {}, compute));
    expect(new Set([first, second, third]).size).toBe(3);
    expect(await text(reader.view('moves', {}, compute))).toBe(third);
  });

  it('computes again on another day, since statuses depend on the evaluation date', async () => {
    const today = await text(reader.view('day', {}, compute));
    now = new Date('2026-03-02T00:00:01Z');
    expect(await text(reader.view('day', {}, compute))).not.toBe(today);
  });

  it('never keeps a historical view', async () => {
    await reader.view('past', { asOf: '2020-01-01' }, compute);
    await reader.view('past', { asOf: '2020-01-01' }, compute);
    await reader.view('past', { recordedAsOf: '2020-01-01T00:00:00Z' }, compute);
    expect(computed).toBe(3);
  });
});

describe('LedgerReader.ledger', () => {
  const readStore = new MemoryReadStore();
  const reader = new LedgerReader(new MemoryEventStore(), readStore, { now: () => new Date('2026-03-01T10:00:00Z') });
  const { version } = companyLedgerProjection;

  /** Commits the events' parts as the runner would: each stream's part folded on from the stored one. */
  async function project(events: readonly StoredEvent[]): Promise<void> {
    const parts = new Map<string, LedgerPart | null>();
    for (const event of events) {
      for (const key of companyLedgerProjection.keysOf(event)) {
        const stored = parts.has(key) ? (parts.get(key) ?? null) : await readStore.get<LedgerPart>(COMPANY_LEDGER, key);
        parts.set(key, companyLedgerProjection.apply(stored, event, key));
      }
    }
    const changes = [...parts].map(([key, doc]) => ({ key, doc }));
    await readStore.commit(COMPANY_LEDGER, version, changes, events[events.length - 1].position);
  }

  it('puts the company ledger together from its parts, and only from its own', async () => {
    const acme = new LedgerScript('acme').register().define('revenue').report('revenue', 'FY2020', '10', '2021-02-01');
    acme.announce('double', 'revenue', {
      comparator: 'gte',
      value: '20',
      deadline: 'FY2022',
      announcedAt: '2021-02-01',
    });
    // Positions after acme's: one log.
    const other = new LedgerScript('acme-x').register().define('revenue');
    const otherEvents = other.events.map((e) => ({ ...e, position: e.position + 100 }));
    await project(acme.events);
    await project(otherEvents);
    expect(await reader.ledger('acme', {})).toEqual(foldCompanyLedger(acme.events));
    expect(await reader.ledger('acme-x', {})).toEqual(foldCompanyLedger(otherEvents));
    expect(await reader.ledger('acme-y', {})).toBeNull();

    // A write to one part reaches the next read.
    const more = acme.report('revenue', 'FY2021', '15', '2022-02-01').last;
    const later = { ...more, position: 200 };
    await project([later]);
    expect(await reader.ledger('acme', {})).toEqual(foldCompanyLedger([...acme.events.slice(0, -1), later]));
  });
});
