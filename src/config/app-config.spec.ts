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
    });
  });

  it.each(['abc', '-1', '65536', '80.5', '1e3'])('rejects PORT=%s with a line that says what to fix', (port) => {
    expect(() => parseConfig({ PORT: port })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: port })).toThrow(/PORT=.* is not a TCP port: use a whole number/);
  });

  it.each(['postgres://x', 'sqlite:', 'file.db', 'mysql://db'])('rejects EVENT_STORE_URL=%s', (url) => {
    expect(() => parseConfig({ EVENT_STORE_URL: url })).toThrow(/EVENT_STORE_URL=/);
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
});
