import { describeEventStoreContract } from '../event-store.contract.js';
import { MemoryEventStore } from './memory-event-store.js';

describeEventStoreContract('memory', () => {
  const store = new MemoryEventStore();
  return Promise.resolve({ store, cleanup: () => store.close() });
});
