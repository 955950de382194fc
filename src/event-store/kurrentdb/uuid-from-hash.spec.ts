import { uuidFromHash } from './uuid-from-hash.js';

describe('uuidFromHash', () => {
  const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

  it('computes RFC 9562 version 5 UUIDs', () => {
    // The same as Python's uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com').
    expect(uuidFromHash(DNS, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is deterministic and tells names apart', () => {
    expect(uuidFromHash(DNS, 'a')).toBe(uuidFromHash(DNS, 'a'));
    expect(uuidFromHash(DNS, 'a')).not.toBe(uuidFromHash(DNS, 'b'));
    expect(uuidFromHash(DNS, 'a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('rejects a namespace that is not a UUID', () => {
    expect(() => uuidFromHash('nope', 'a')).toThrow(TypeError);
  });
});
