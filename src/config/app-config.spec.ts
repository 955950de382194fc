import { ConfigError, parseConfig } from './app-config.js';

describe('parseConfig', () => {
  it('has working defaults', () => {
    expect(parseConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      eventStoreUrl: 'sqlite:./data/ledger.db',
      readModelUrl: 'sqlite:./data/read.db',
      role: 'all',
      verifyOnStart: false,
      heapGrowthPercent: 50,
      security: { apiKeys: [], corsOrigins: [], rateLimit: { limit: 600, windowMs: 60_000, explicit: false } },
    });
  });

  it.each(['abc', '-1', '65536', '80.5', '1e3'])('rejects PORT=%s with a line that says what to fix', (port) => {
    expect(() => parseConfig({ PORT: port })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: port })).toThrow(/PORT=.* is not a TCP port: use a whole number/);
  });

  it.each(['postgres://x', 'sqlite:', 'file.db', 'mysql://db'])('rejects EVENT_STORE_URL=%s', (url) => {
    expect(() => parseConfig({ EVENT_STORE_URL: url })).toThrow(/EVENT_STORE_URL=/);
  });

  it.each(['kurrentdb://', 'kurrentdb://host:port', 'esdb://a b:2113', 'kurrentdb://h:2113#x', 'esdb+discover:h'])(
    'rejects the malformed KurrentDB connection string %s in one line',
    (url) => {
      expect(() => parseConfig({ EVENT_STORE_URL: url })).toThrow(ConfigError);
      expect(() => parseConfig({ EVENT_STORE_URL: url })).toThrow(
        /^EVENT_STORE_URL=.* is not a KurrentDB connection string: use e\.g\. kurrentdb:\/\/host:2113\?tls=false/,
      );
    },
  );

  it.each([
    'kurrentdb://localhost:2113?tls=false',
    'kurrentdb+discover://admin:changeit@cluster.example.com:2113',
    'kurrentdb://node1:2113,node2:2113,node3:2113/?tls=true&nodePreference=leader',
    'esdb://localhost:2113?tls=false',
    'esdb+discover://cluster.example.com',
  ])('accepts the KurrentDB connection string %s', (url) => {
    expect(parseConfig({ EVENT_STORE_URL: url }).eventStoreUrl).toBe(url);
  });

  it('accepts sqlite and memory stores', () => {
    expect(parseConfig({ EVENT_STORE_URL: 'sqlite:/tmp/x.db' }).eventStoreUrl).toBe('sqlite:/tmp/x.db');
    expect(parseConfig({ EVENT_STORE_URL: 'memory:' }).eventStoreUrl).toBe('memory:');
  });

  it('rejects an unknown ROLE and a non-boolean VERIFY_ON_START', () => {
    expect(() => parseConfig({ ROLE: 'boss' })).toThrow(/ROLE=boss is not a role/);
    expect(() => parseConfig({ VERIFY_ON_START: 'maybe' })).toThrow(/VERIFY_ON_START=maybe/);
    expect(parseConfig({ VERIFY_ON_START: 'true' }).verifyOnStart).toBe(true);
  });

  it.each(['-1', '12.5', 'lots', '301'])('rejects HEAP_GROWTH_PERCENT=%s with the range it takes', (raw) => {
    expect(() => parseConfig({ HEAP_GROWTH_PERCENT: raw })).toThrow(
      /^HEAP_GROWTH_PERCENT=.* is not a growth: use a whole number from 0 \(V8's own choice\) to 300 \(default 50\)$/,
    );
  });

  it('takes HEAP_GROWTH_PERCENT from 0 (V8 decides) to 300', () => {
    expect(parseConfig({ HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(parseConfig({ HEAP_GROWTH_PERCENT: ' 300 ' }).heapGrowthPercent).toBe(300);
  });
});
