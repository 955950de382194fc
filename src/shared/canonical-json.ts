import { type JsonStyle, writeJson } from './json-walk.js';

/**
 * RFC 8785 (JCS) canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers
 * and strings as ECMAScript's JSON.stringify writes them (which is what JCS specifies). Every
 * event hash depends on this text, so it must equal the reference implementation (the
 * `canonicalize` package, which the spec compares it with on random values) byte for byte.
 * Written here because it runs several times per write: the reference builds each level with
 * `reduce` and template strings, about three times slower.
 */
export function canonicalJson(value: unknown): string {
  const json = writeJson(value, CANONICAL, ALL_LEVELS);
  if (json === undefined) throw new TypeError('value has no JSON representation');
  return json;
}

const ALL_LEVELS = -1;

const CANONICAL: JsonStyle = { sortKeys: true, leaf };

/** Unlike JSON.stringify, refuses NaN and the infinities (JCS), and walks what toJSON returns. */
function leaf(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (Number.isNaN(value)) throw new Error('NaN is not allowed');
      if (!Number.isFinite(value)) throw new Error('Infinity is not allowed');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('a BigInt has no JSON representation');
    case 'object':
      // null, or an object with toJSON: the walk enters every other object.
      if (value === null) return 'null';
      return writeJson((value as { toJSON: () => unknown }).toJSON(), CANONICAL, ALL_LEVELS);
    default:
      return undefined;
  }
}
