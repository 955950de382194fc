/**
 * The shared contract against a real KurrentDB in a container (testcontainers). Without a Docker
 * engine the suite is skipped with one warning line: there is no fake server to fall back on, on
 * purpose. Set KURRENTDB_IMAGE to test another server version (e.g. an EventStoreDB image).
 */
import { randomUUID } from 'node:crypto';
import { GenericContainer, Wait, getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { createEventStore } from '../create-event-store.js';
import { describeEventStoreContract } from '../event-store.contract.js';
import { KurrentDbEventStore, isKurrentDbUrl } from './kurrentdb-event-store.js';

const IMAGE = process.env.KURRENTDB_IMAGE ?? 'kurrentplatform/kurrentdb:latest';
const PROBE_TIMEOUT_MS = 5_000;

async function dockerUnavailableReason(): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([getContainerRuntimeClient(), timeout]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  } finally {
    clearTimeout(timer);
  }
}

const unavailable = await dockerUnavailableReason();
if (unavailable !== undefined) {
  console.warn(`kurrentdb event store: skipped — no Docker engine reachable (${unavailable})`);
}
const describeIfDocker = unavailable === undefined ? describe : describe.skip;

describeIfDocker(`KurrentDbEventStore on ${IMAGE}`, () => {
  let container: StartedTestContainer | undefined;
  let connectionString = '';

  beforeAll(async () => {
    container = await new GenericContainer(IMAGE)
      .withEnvironment({
        KURRENTDB_CLUSTER_SIZE: '1',
        KURRENTDB_RUN_PROJECTIONS: 'All',
        KURRENTDB_START_STANDARD_PROJECTIONS: 'true',
        KURRENTDB_INSECURE: 'true',
        // The same settings for EventStoreDB images.
        EVENTSTORE_CLUSTER_SIZE: '1',
        EVENTSTORE_RUN_PROJECTIONS: 'All',
        EVENTSTORE_START_STANDARD_PROJECTIONS: 'true',
        EVENTSTORE_INSECURE: 'true',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((status) => status < 300))
      .withStartupTimeout(120_000)
      .start();
    connectionString = `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
    await untilLeaderAnswers(connectionString);
  }, 180_000);

  afterAll(async () => {
    await container?.stop();
  });

  // Every case gets a namespace of its own on the one server: a fresh, empty ledger.
  describeEventStoreContract('kurrentdb', () => {
    const namespace = `contract-${randomUUID()}-`;
    const open = () => new KurrentDbEventStore(connectionString, { namespace, streamPrefixes: [''] });
    let current = open();
    return Promise.resolve({
      store: current,
      reopen: async () => {
        await current.close();
        current = open();
        return current;
      },
      cleanup: () => current.close(),
    });
  });

  it('is what createEventStore makes of kurrentdb:// and esdb:// URLs', async () => {
    for (const url of [connectionString, connectionString.replace('kurrentdb://', 'esdb://')]) {
      const store = await createEventStore(url);
      expect(store).toBeInstanceOf(KurrentDbEventStore);
      await store.close();
    }
  });

  it('keeps the ledger apart from other streams, and rejects streams outside its prefixes', async () => {
    const store = new KurrentDbEventStore(connectionString, { namespace: `ledger-${randomUUID()}-` });
    try {
      const { events } = await store.append('company-acme', [newCompanyEvent()], 'no_stream');
      expect(await store.readAll()).toEqual(events);
      await expect(store.append('scratch', [newCompanyEvent()], 'any')).rejects.toThrow(/outside this ledger/);
      expect(await store.verify()).toEqual({ ok: true, streams: 1, events: 1 });
    } finally {
      await store.close();
    }
  });
});

describe('isKurrentDbUrl', () => {
  it('accepts the KurrentDB and EventStoreDB schemes only', () => {
    for (const url of ['kurrentdb://h:2113', 'kurrentdb+discover://h:2113', 'esdb://h:2113', 'esdb+discover://h']) {
      expect(isKurrentDbUrl(url)).toBe(true);
    }
    for (const url of ['sqlite:x.db', 'memory:', 'postgres://h/db', 'http://h:2113']) {
      expect(isKurrentDbUrl(url)).toBe(false);
    }
  });
});

/** Polls until the node has elected itself leader and serves reads. */
async function untilLeaderAnswers(url: string): Promise<void> {
  const store = new KurrentDbEventStore(url);
  try {
    for (let waited = 0; ; waited += 500) {
      try {
        await store.lastPosition();
        return;
      } catch (error) {
        if (waited > 60_000) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  } finally {
    await store.close();
  }
}

function newCompanyEvent() {
  return {
    type: 'CompanyRegistered',
    data: { name: 'Acme' },
    metadata: {
      recordedAt: '2025-01-02T03:04:05.000Z',
      recordedBy: 'alice',
      correlationId: 'c',
      causationId: 'c',
      schemaVersion: 1,
    },
  };
}
