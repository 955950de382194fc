import { ConfigError, parseConfig } from './app-config.js';
import { isLoopbackHost, parseApiKeys, parseCorsOrigins, parseRateLimit } from './security-config.js';

const SECRET_A = 'kpil_' + 'a'.repeat(43);
const SECRET_B = 'kpil_' + 'b'.repeat(43);

describe('API_KEYS', () => {
  it('reads name:role:secret entries', () => {
    expect(parseApiKeys(` alice:analyst:${SECRET_A} ,bob:reader:${SECRET_B}`)).toEqual([
      { name: 'alice', role: 'analyst', secret: SECRET_A },
      { name: 'bob', role: 'reader', secret: SECRET_B },
    ]);
    expect(parseApiKeys(undefined)).toEqual([]);
    expect(parseApiKeys(' ')).toEqual([]);
  });

  it.each([
    [`alice:analyst`, /^API_KEYS entry 1 is not name:role:secret/],
    [
      `alice:admin:${SECRET_A}`,
      /^API_KEYS entry 1 \(alice\): "admin" is not a role: use one of analyst, reader, auditor$/,
    ],
    [`Alice:reader:${SECRET_A}`, /^API_KEYS entry 1: "Alice" is not a key name/],
    [`alice:reader:short`, /^API_KEYS entry 1 \(alice\): the secret must be at least 32 characters/],
    [`alice:reader:${SECRET_A},alice:auditor:${SECRET_B}`, /^API_KEYS entry 2: the name alice is given twice$/],
    [`alice:reader:${SECRET_A},bob:auditor:${SECRET_A}`, /^API_KEYS entry 2 \(bob\): the same secret/],
  ])('refuses %s in one line that never shows the secret', (raw, message) => {
    expect(() => parseConfig({ API_KEYS: raw })).toThrow(ConfigError);
    expect(() => parseConfig({ API_KEYS: raw })).toThrow(message);
    try {
      parseConfig({ API_KEYS: raw });
    } catch (error) {
      const text = (error as Error).message;
      expect(text).not.toContain(SECRET_A);
      expect(text).not.toContain('\n');
    }
  });
});

describe('CORS_ORIGINS', () => {
  it('is off unless origins are given', () => {
    expect(parseCorsOrigins(undefined)).toEqual([]);
    expect(parseCorsOrigins('https://a.example, http://localhost:5173')).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
  });

  it.each(['*', 'https://a.example/', 'a.example', 'ftp://a.example', 'https://a.example/app'])('refuses %s', (raw) => {
    expect(() => parseConfig({ CORS_ORIGINS: raw })).toThrow(/^CORS_ORIGINS: ".*" is not an origin/);
  });
});

describe('RATE_LIMIT', () => {
  it('defaults to 600 a minute, reads requests per s, min or h, and can be off', () => {
    expect(parseRateLimit(undefined)).toEqual({ limit: 600, windowMs: 60_000, explicit: false });
    expect(parseRateLimit('5/s')).toEqual({ limit: 5, windowMs: 1000, explicit: true });
    expect(parseRateLimit('100 / min')).toEqual({ limit: 100, windowMs: 60_000, explicit: true });
    expect(parseRateLimit('10000/h')).toEqual({ limit: 10_000, windowMs: 3_600_000, explicit: true });
    expect(parseRateLimit('off')).toBeNull();
  });

  it.each(['600', '0/min', '600/day', 'lots'])('refuses %s', (raw) => {
    expect(() => parseConfig({ RATE_LIMIT: raw })).toThrow(
      /^RATE_LIMIT=.* is not a rate: use requests per s, min or h/,
    );
  });
});

describe('loopback hosts', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '192.168.1.10', 'example.com', '10.0.0.1'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
