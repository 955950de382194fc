import { createHash } from 'node:crypto';
import { bearerSecret, hashSecret, newSecret, sameHash, SECRET_CHARS } from './api-key-secret.js';

describe('API key secrets', () => {
  it('are prefixed, 32 random bytes in base64url, and never repeat', () => {
    const secrets = new Set(Array.from({ length: 200 }, newSecret));
    expect(secrets.size).toBe(200);
    for (const secret of secrets) {
      expect(secret).toMatch(/^kpil_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(secret.slice(5), 'base64url')).toHaveLength(32);
      expect(SECRET_CHARS.test(secret)).toBe(true);
    }
  });

  it('are stored as their hex SHA-256', () => {
    expect(hashSecret('kpil_abc')).toBe(createHash('sha256').update('kpil_abc').digest('hex'));
    expect(hashSecret('kpil_abc')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('compare by hash: equal only when the digests are', () => {
    const a = hashSecret(newSecret());
    expect(sameHash(a, a)).toBe(true);
    expect(sameHash(a, hashSecret(newSecret()))).toBe(false);
    expect(sameHash(a, a.slice(0, 62))).toBe(false);
    expect(sameHash(a, 'not hex')).toBe(false);
  });
});

describe('the Authorization header', () => {
  it.each([
    [undefined, { kind: 'missing' }],
    ['', { kind: 'missing' }],
    ['Bearer kpil_x1', { kind: 'secret', secret: 'kpil_x1' }],
    ['bearer  kpil_x1 ', { kind: 'secret', secret: 'kpil_x1' }],
    ['Basic YWxpY2U6c2VjcmV0', { kind: 'malformed' }],
    ['Bearer', { kind: 'malformed' }],
    ['Bearer two words', { kind: 'malformed' }],
    [['Bearer a', 'Bearer b'], { kind: 'malformed' }],
  ])('%p reads as %p', (header, expected) => {
    expect(bearerSecret(header)).toEqual(expected);
  });
});
