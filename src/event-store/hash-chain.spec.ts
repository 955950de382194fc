import { createHash } from 'node:crypto';
import type { StoredEvent } from './event-store.port.js';
import { GENESIS_HASH, computeHash, normaliseEvent, sealEvent, verifyEvents } from './hash-chain.js';
import { newEvent } from './event-store.contract.js';

const metadata = {
  recordedAt: '2025-01-02T03:04:05.000Z',
  recordedBy: 'alice',
  correlationId: 'req-1',
  causationId: 'cmd-1',
  schemaVersion: 1,
};

function chain(...specs: [stream: string, type: string][]): StoredEvent[] {
  const heads = new Map<string, StoredEvent>();
  return specs.map(([stream, type], i) => {
    const head = heads.get(stream);
    const event = sealEvent(
      stream,
      head ? head.revision + 1 : 0,
      head?.hash ?? GENESIS_HASH,
      i + 1,
      normaliseEvent(newEvent(type, { i })),
    );
    heads.set(stream, event);
    return event;
  });
}

describe('computeHash', () => {
  it('is sha256(prevHash + JCS of stream, revision, type, data and metadata with prevHash) — a published formula', () => {
    const event = {
      stream: 'metric-acme.revenue',
      revision: 0,
      type: 'MetricReported',
      data: { unit: 'EUR', amount: 12.5 },
      metadata: { ...metadata, prevHash: GENESIS_HASH },
    };
    // Spelled out by hand, so that any change to the formula fails here.
    const canonical =
      '{"data":{"amount":12.5,"unit":"EUR"},"metadata":{"causationId":"cmd-1","correlationId":"req-1",' +
      `"prevHash":"${GENESIS_HASH}","recordedAt":"2025-01-02T03:04:05.000Z","recordedBy":"alice","schemaVersion":1},` +
      '"revision":0,"stream":"metric-acme.revenue","type":"MetricReported"}';
    const expected = createHash('sha256')
      .update(GENESIS_HASH + canonical)
      .digest('hex');
    expect(expected).toBe('0e9d0bf20853ff57eb5e380900b5690b20e20b7b9f20d4ba366bf5418eea4514');
    expect(computeHash(GENESIS_HASH, event)).toBe(expected);
    // A stored event carries its own hash in metadata; it is left out.
    expect(computeHash(GENESIS_HASH, { ...event, metadata: { ...event.metadata, hash: 'x' } })).toBe(expected);
  });
});

describe('normaliseEvent', () => {
  it('drops the chain fields a caller might pass in metadata', () => {
    const normalised = normaliseEvent({
      type: 'E',
      data: {},
      metadata: { ...metadata, hash: 'h', prevHash: 'p' } as never,
    });
    expect(normalised.metadata).toEqual(metadata);
    expect(JSON.parse(normalised.metadataJson)).toEqual(metadata);
  });

  it('rejects data that is not a JSON object', () => {
    expect(() => normaliseEvent({ type: 'E', data: [] as never, metadata })).toThrow(TypeError);
    expect(() => normaliseEvent({ type: '', data: {}, metadata })).toThrow(TypeError);
  });
});

describe('verifyEvents', () => {
  it('accepts an intact log and counts streams and events', () => {
    expect(verifyEvents(chain(['a', 'E'], ['b', 'E'], ['a', 'E']))).toEqual({ ok: true, streams: 2, events: 3 });
    expect(verifyEvents([])).toEqual({ ok: true, streams: 0, events: 0 });
  });

  it('reports a changed payload as a hash mismatch', () => {
    const events = chain(['a', 'E'], ['b', 'E'], ['a', 'E']);
    events[2].data = { i: 99 };
    expect(verifyEvents(events)).toEqual({
      ok: false,
      streams: 2,
      events: 3,
      firstBroken: { stream: 'a', revision: 1, position: 3, reason: 'hash mismatch' },
    });
  });

  it('reports a prevHash that does not link to the previous event of the stream', () => {
    const events = chain(['a', 'E'], ['a', 'E'], ['a', 'E'], ['a', 'E']);
    const [, , , fourth] = events;
    fourth.prevHash = fourth.metadata.prevHash = events[1].hash;
    fourth.hash = fourth.metadata.hash = computeHash(fourth.prevHash, fourth);
    expect(verifyEvents(events).firstBroken).toEqual({
      stream: 'a',
      revision: 3,
      position: 4,
      reason: 'prevHash does not link to revision 2',
    });
    events[0].prevHash = events[0].metadata.prevHash = 'f'.repeat(64);
    expect(verifyEvents(events).firstBroken?.reason).toBe('prevHash does not link to genesis');
  });

  it('reports a missing event as a revision gap', () => {
    const events = chain(['a', 'E'], ['a', 'E'], ['a', 'E']);
    expect(verifyEvents([events[0], events[2]])).toMatchObject({
      ok: false,
      events: 2,
      firstBroken: { stream: 'a', revision: 2, position: 3, reason: 'revision gap: expected 1, found 2' },
    });
  });

  it('reports top-level and metadata chain fields that disagree', () => {
    const events = chain(['a', 'E']);
    events[0].metadata.prevHash = 'f'.repeat(64);
    expect(verifyEvents(events).firstBroken?.reason).toBe('metadata.prevHash/hash differ from prevHash/hash');
  });
});
