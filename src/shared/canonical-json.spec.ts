import canonicalizeModule from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

/** The reference implementation of RFC 8785 that every stored hash was computed with. */
const reference = canonicalizeModule as unknown as (input: unknown) => string | undefined;

describe('canonicalJson', () => {
  it('equals the reference implementation on random JSON values (seeded)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { seed: 8785, numRuns: 2000 },
    );
  });

  it('equals it on values with toJSON, undefined members and holes, as event data can carry before storage', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.constant(undefined), fc.date({ noInvalidDate: true }), fc.jsonValue())),
        (value) => {
          expect(canonicalJson(value)).toBe(reference(value));
        },
      ),
      { seed: 8786, numRuns: 1000 },
    );
    expect(canonicalJson([1, undefined, 'x'])).toBe(reference([1, undefined, 'x']));
  });

  it('equals it on strings and keys mixing plain text with what JSON escapes or leaves as it is', () => {
    // Each string is built from units a writer could get wrong one at a time: quote, backslash,
    // control characters, DEL, line separators, lone and paired surrogates, other non-ASCII.
    const unit = fc.constantFrom(
      'a',
      'Z',
      ' ',
      '"',
      '\\',
      '/',
      '\n',
      '\u0000',
      '\u001f',
      '\u007f',
      '\u2028',
      '\ud800',
      '\udc00',
      '€',
      '😀',
    );
    const text = fc.oneof(fc.string({ unit }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(fc.dictionary(text, fc.oneof(text, fc.array(text))), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { seed: 8787, numRuns: 2000 },
    );
  });

  it('sorts keys by UTF-16 code units and writes numbers the ECMAScript way (RFC 8785 examples)', () => {
    expect(canonicalJson({ b: 1, a: [1e21, 1e-7, -0, 0.1 + 0.2], '\u20ac': 1, '\ud83d\ude00': 2, '\r': 3 })).toBe(
      '{"\\r":3,"a":[1e+21,1e-7,0,0.30000000000000004],"b":1,"€":1,"😀":2}',
    );
  });

  it('refuses what JSON cannot represent', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow('NaN');
    expect(() => canonicalJson({ x: Infinity })).toThrow('Infinity');
    expect(() => canonicalJson(10n)).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
