import canonicalizeModule from 'canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON via the `canonicalize` package. Its typings declare an ES default
 * export while the package is CommonJS, so the import is typed here once for the whole project.
 */
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new TypeError('value has no JSON representation');
  return json;
}
