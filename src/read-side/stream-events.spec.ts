import { newEvent } from '../event-store/event-store.contract.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { MemoryEventStore } from '../event-store/memory/memory-event-store.js';
import { StreamEvents } from './stream-events.js';

/** A store that records where each stream read starts. */
function spied() {
  const store = new MemoryEventStore();
  const reads: [string, number][] = [];
  const spy: EventStore = Object.assign(Object.create(store) as EventStore, {
    readStream: (stream: string, fromRevision = 0) => {
      reads.push([stream, fromRevision]);
      return store.readStream(stream, fromRevision);
    },
  });
  return { store, spy, reads };
}

describe('StreamEvents', () => {
  it('reads a stream once, then only what was appended since, and hands out frozen events', async () => {
    const { store, spy, reads } = spied();
    const events = new StreamEvents(spy);
    await store.append('s', [newEvent('A'), newEvent('B')], 'no_stream');
    expect((await events.read('s')).map((e) => e.type)).toEqual(['A', 'B']);
    await store.append('s', [newEvent('C')], 1);
    const after = await events.read('s');
    expect(after.map((e) => e.type)).toEqual(['A', 'B', 'C']);
    expect(reads).toEqual([
      ['s', 0],
      ['s', 2],
    ]);
    expect(Object.isFrozen(after[2].data)).toBe(true);
    expect(Object.isFrozen(after)).toBe(true);
  });

  it('drops the least recently read streams beyond its size, and never holds a stream larger than it', async () => {
    const { store, spy, reads } = spied();
    const events = new StreamEvents(spy, 3);
    await store.append('a', [newEvent('A1'), newEvent('A2')], 'no_stream');
    await store.append('b', [newEvent('B1')], 'no_stream');
    await store.append('huge', [newEvent('H'), newEvent('H'), newEvent('H'), newEvent('H')], 'no_stream');
    await events.read('a');
    await events.read('b');
    expect(events.size).toBe(3);
    await events.read('huge');
    expect(events.size).toBe(3);
    await store.append('c', [newEvent('C1')], 'no_stream');
    await events.read('c');
    expect(events.size).toBe(2);
    reads.length = 0;
    await events.read('a');
    await events.read('c');
    expect(reads).toEqual([
      ['a', 0],
      ['c', 1],
    ]);
  });
});
