import { MemoryEventStore } from '../event-store/memory/memory-event-store.js';
import { MemoryReadStore } from '../read-store/memory/memory-read-store.js';
import { LedgerReader } from './ledger-reader.js';
import { COMPANY_LEDGER, FX_RATES } from './read-models.js';

describe('LedgerReader.view', () => {
  let now = new Date('2026-03-01T10:00:00Z');
  const readStore = new MemoryReadStore();
  const reader = new LedgerReader(new MemoryEventStore(), readStore, { now: () => now });
  let computed = 0;
  const compute = () => Promise.resolve(++computed);

  beforeEach(() => {
    computed = 0;
  });

  it('computes a current view once while the read models stand still', async () => {
    expect(await reader.view('k', {}, compute)).toBe(1);
    expect(await reader.view('k', {}, compute)).toBe(1);
    expect(await reader.view('other', {}, compute)).toBe(2);
  });

  it('computes again once the company ledger or the FX rates move on', async () => {
    const first = await reader.view('moves', {}, compute);
    await readStore.commit(COMPANY_LEDGER, 1, [], 5);
    const second = await reader.view('moves', {}, compute);
    await readStore.commit(FX_RATES, 1, [], 7);
    const third = await reader.view('moves', {}, compute);
    expect(new Set([first, second, third]).size).toBe(3);
    expect(await reader.view('moves', {}, compute)).toBe(third);
  });

  it('computes again on another day, since statuses depend on the evaluation date', async () => {
    const today = await reader.view('day', {}, compute);
    now = new Date('2026-03-02T00:00:01Z');
    expect(await reader.view('day', {}, compute)).not.toBe(today);
  });

  it('never keeps a historical view', async () => {
    await reader.view('past', { asOf: '2020-01-01' }, compute);
    await reader.view('past', { asOf: '2020-01-01' }, compute);
    await reader.view('past', { recordedAsOf: '2020-01-01T00:00:00Z' }, compute);
    expect(computed).toBe(3);
  });
});
