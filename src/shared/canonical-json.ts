/**
 * RFC 8785 (JCS) canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers
 * and strings as ECMAScript's JSON.stringify writes them (which is what JCS specifies). Every
 * event hash depends on this text, so it must equal the reference implementation (the
 * `canonicalize` package, which the spec compares it with on random values) byte for byte.
 * Written here because it runs several times per write: the reference builds each level with
 * `reduce` and template strings, about three times slower.
 */
export function canonicalJson(value: unknown): string {
  const json = serialize(value);
  if (json === undefined) throw new TypeError('value has no JSON representation');
  return json;
}

/** undefined for what JSON leaves out (undefined, functions, symbols). */
function serialize(value: unknown): string | undefined {
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
      if (value === null) return 'null';
      break;
    default:
      return undefined;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return serialize((toJSON as () => unknown).call(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += serialize(value[i]) ?? 'null';
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const member = serialize(record[key]);
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${member}`;
  }
  return `${out}}`;
}
