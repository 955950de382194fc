import { createReadStore } from '../create-read-store.js';
import { describeReadStoreContract } from '../read-store.contract.js';
import { MemoryReadStore } from './memory-read-store.js';

describeReadStoreContract('memory', () => {
  const store = new MemoryReadStore();
  return Promise.resolve({ store, cleanup: () => store.close() });
});

describe('createReadStore', () => {
  it('makes a memory store for memory:', async () => {
    expect(await createReadStore('memory:')).toBeInstanceOf(MemoryReadStore);
  });
});
