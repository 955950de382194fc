import { describeEventStoreContract, newEvent } from '../event-store.contract.js';
import { MemoryEventStore } from './memory-event-store.js';

describeEventStoreContract('memory', () => {
  const store = new MemoryEventStore();
  return Promise.resolve({ store, cleanup: () => store.close() });
});

describe('MemoryEventStore batch', () => {
  it('leaves nothing of a batch whose work rejects, as the SQLite store does', async () => {
    const store = new MemoryEventStore();
    await store.append('s', [newEvent('Before')], 'no_stream');
    await expect(
      store.batch(async () => {
        await store.append('s', [newEvent('Inside', {}, { idempotencyKey: 'k', route: 'r' })], 0);
        await store.append('t', [newEvent('New stream')], 'no_stream');
        throw new Error('stopped');
      }),
    ).rejects.toThrow('stopped');
    expect((await store.readAll()).map((e) => e.type)).toEqual(['Before']);
    expect(await store.readStream('t')).toEqual([]);
    expect(await store.findByIdempotencyKey('alice', 'r', 'k')).toEqual([]);
    expect((await store.append('s', [newEvent('After')], 0)).position).toBe(2);
  });
});
