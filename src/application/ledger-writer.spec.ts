import { MemoryEventStore } from '../event-store/memory/memory-event-store.js';
import { newEvent } from '../event-store/event-store.contract.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { companyDecider } from '../ledger/company/company.decider.js';
import type { RegisterCompany } from '../ledger/company/company.commands.js';
import type { Command, CommandMetadata, Event } from '../ledger/shared/message.js';
import { type Decider, LedgerWriter, SCHEMA_VERSION } from './ledger-writer.js';
import type { WriteOptions } from './write-options.js';

const clock = { now: () => new Date('2026-01-01T00:00:00.000Z') };
const data = { companyId: 'acme', name: 'Acme', fiscalYearEnd: '12-31', reportingCurrency: 'EUR' };
const spec = {
  stream: 'company-acme',
  decider: companyDecider,
  command: (metadata: RegisterCompany['metadata']): RegisterCompany => ({ type: 'RegisterCompany', data, metadata }),
  idField: 'companyId',
};
const options: WriteOptions = {
  actor: 'alice',
  route: 'POST /companies',
  correlationId: 'c-1',
  idempotencyKey: 'k-1',
  requestHash: 'h-1',
};

type Added = Event<'Added', { n: number }>;
type Add = Command<'Add', { n: number }>;
/** Every Add is accepted: only the stream's revision can refuse it. */
const counter: Decider<number, Add, Added> = {
  decide: (command) => [{ type: 'Added', data: { n: command.data.n } }],
  evolve: (count) => count + 1,
  initialState: () => 0,
};
const add = (n: number) => ({
  stream: 'counter-1',
  decider: counter,
  command: (metadata: CommandMetadata): Add => ({ type: 'Add', data: { n }, metadata }),
});

describe('LedgerWriter', () => {
  it('appends what the decider decides, with server metadata, and answers stream, revision, position and id', async () => {
    const store = new MemoryEventStore();
    const result = await new LedgerWriter(store, clock).write(spec, { ...options, idempotencyKey: undefined });
    expect(result).toEqual({ id: 'acme', stream: 'company-acme', revision: 0, position: 1 });
    const [event] = await store.readStream('company-acme');
    expect(event.metadata).toMatchObject({
      recordedAt: '2026-01-01T00:00:00.000Z',
      recordedBy: 'alice',
      correlationId: 'c-1',
      schemaVersion: SCHEMA_VERSION,
    });
  });

  it('answers a retry that lost the race with its own first attempt with the first answer', async () => {
    const real = new MemoryEventStore();
    const first = await new LedgerWriter(real, clock).write(spec, options);
    // The retry's key lookup ran before the first attempt committed; its stream read ran after.
    let lookups = 0;
    const stale: EventStore = Object.assign(Object.create(real) as EventStore, {
      findByIdempotencyKey: (...args: Parameters<EventStore['findByIdempotencyKey']>) =>
        lookups++ === 0 ? Promise.resolve([]) : real.findByIdempotencyKey(...args),
    });
    await expect(new LedgerWriter(stale, clock).write(spec, options)).resolves.toEqual(first);
    expect(await real.readStream('company-acme')).toHaveLength(1);
  });

  it('still refuses a different request that breaks a rule', async () => {
    const store = new MemoryEventStore();
    const writer = new LedgerWriter(store, clock);
    await writer.write(spec, options);
    await expect(writer.write(spec, { ...options, idempotencyKey: 'k-2', requestHash: 'h-2' })).rejects.toMatchObject({
      code: 'COMPANY_ALREADY_EXISTS',
    });
  });

  describe('folded stream cache', () => {
    /** Records the revision each stream read starts from. */
    function spied(store: EventStore) {
      const reads: [string, number][] = [];
      const spy: EventStore = Object.assign(Object.create(store) as EventStore, {
        readStream: (stream: string, fromRevision = 0) => {
          reads.push([stream, fromRevision]);
          return store.readStream(stream, fromRevision);
        },
      });
      return { spy, reads };
    }

    it('reads no event while the head is the one it folded, and only the new ones when it moved', async () => {
      const store = new MemoryEventStore();
      const { spy, reads } = spied(store);
      const writer = new LedgerWriter(spy, clock);
      await writer.write(add(0), { ...options, idempotencyKey: undefined });
      expect(await writer.load('counter-1', counter)).toMatchObject({ state: 1, revision: 0 });
      // The write read the (empty) stream; the load after it only compared the head.
      expect(reads).toEqual([['counter-1', 0]]);
      // Another process appends two events: the next load folds just those.
      await store.append('counter-1', [newEvent('Added', { n: 1 }), newEvent('Added', { n: 2 })], 0);
      expect(await writer.load('counter-1', counter)).toMatchObject({ state: 3, revision: 2 });
      expect(reads).toEqual([
        ['counter-1', 0],
        ['counter-1', 1],
      ]);
    });

    it('recovers when its fold is ahead of the stream, as after an import chunk that was rolled back', async () => {
      const store = new MemoryEventStore();
      const writer = new LedgerWriter(store, clock);
      await expect(
        store.batch(async () => {
          await writer.write(spec, { ...options, idempotencyKey: undefined });
          throw new Error('commit failed');
        }),
      ).rejects.toThrow('commit failed');
      expect(await store.readStream('company-acme')).toEqual([]);
      // The fold of the undone write no longer matches the store: the next write starts afresh.
      await expect(writer.write(spec, { ...options, idempotencyKey: undefined })).resolves.toMatchObject({
        revision: 0,
      });
    });

    it('catches up with appends made by another writer (another process) before deciding', async () => {
      const store = new MemoryEventStore();
      const mine = new LedgerWriter(store, clock);
      expect((await mine.load('company-acme', companyDecider)).state).toEqual(companyDecider.initialState());
      await new LedgerWriter(store, clock).write(spec, { ...options, idempotencyKey: undefined });
      await expect(mine.write(spec, { ...options, idempotencyKey: undefined })).rejects.toMatchObject({
        code: 'COMPANY_ALREADY_EXISTS',
      });
      expect(await store.readStream('company-acme')).toHaveLength(1);
    });
  });

  describe('concurrent writes to one stream', () => {
    it('take turns in one process instead of failing each other with 409', async () => {
      const store = new MemoryEventStore();
      const writer = new LedgerWriter(store, clock);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, n) => writer.write(add(n), { ...options, idempotencyKey: undefined })),
      );
      expect(results.map((r) => r.revision)).toEqual(Array.from({ length: 20 }, (_, n) => n));
      expect((await store.readStream('counter-1')).map((e) => e.data.n)).toEqual(results.map((_, n) => n));
    });

    it('still let If-Match refuse the writes decided on a revision that has moved on', async () => {
      const writer = new LedgerWriter(new MemoryEventStore(), clock);
      await writer.write(add(0), { ...options, idempotencyKey: undefined });
      const settled = await Promise.allSettled(
        Array.from({ length: 10 }, (_, n) =>
          writer.write(add(n), { ...options, idempotencyKey: undefined, ifMatch: 0 }),
        ),
      );
      expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of settled)
        if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'REVISION_MISMATCH' });
    });
  });
});
