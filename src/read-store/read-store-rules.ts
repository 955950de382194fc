/** Argument checks, JSON encoding and key order shared by the adapters, so they cannot drift. */
import { documentJson } from './document-json.js';
import { InvalidDocumentError, type DocumentChange, type ListOptions } from './read-store.port.js';

/** A change with its document already encoded; `json: null` deletes. */
export interface EncodedChange {
  key: string;
  json: string | null;
}

export function checkPosition(position: number): void {
  if (!Number.isSafeInteger(position) || position < 1) {
    throw new RangeError(`position must be a positive integer, got ${position}`);
  }
}

export function checkVersion(version: number): void {
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new RangeError(`version must be a non-negative integer, got ${version}`);
  }
}

// A lone surrogate cannot be encoded as UTF-8: SQLite would store U+FFFD and hand back another key.
const LONE_SURROGATE = /\p{Cs}/u;

export function checkKey(key: string): void {
  if (typeof key !== 'string' || key === '' || LONE_SURROGATE.test(key)) {
    throw new RangeError(`key must be a non-empty, well-formed string, got ${JSON.stringify(key)}`);
  }
}

export function checkListOptions(options: ListOptions): void {
  const { limit } = options;
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) {
    throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  }
}

/**
 * Encodes every change before anything is written, so a bad document aborts the commit while
 * the store is untouched. JSON.stringify throws on BigInt and cycles and returns undefined for
 * undefined and functions: all four are refused rather than silently stored as something else.
 * documentJson is JSON.stringify that reuses the text of the parts a document shares with the
 * version before it (deeper ones for a `rewritten` document).
 */
export function encodeChanges(projection: string, changes: DocumentChange[]): EncodedChange[] {
  return changes.map(({ key, doc, rewritten }) => {
    checkKey(key);
    if (doc === null) return { key, json: null };
    let json: string | undefined;
    try {
      json = documentJson(doc, rewritten === true);
    } catch (error) {
      throw new InvalidDocumentError(projection, key, error instanceof Error ? error.message : String(error));
    }
    if (json === undefined) throw new InvalidDocumentError(projection, key, `${typeof doc} is not JSON`);
    return { key, json };
  });
}

/**
 * Compares by Unicode code point, i.e. the UTF-8 byte order of SQLite (BINARY) and PostgreSQL
 * (COLLATE "C"). Plain `<` compares UTF-16 code units, which puts astral characters (surrogate
 * pairs) before U+E000..U+FFFF; remapping the units fixes that.
 */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointOrder(x) - codePointOrder(y);
  }
  return a.length - b.length;
}

function codePointOrder(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/**
 * The smallest string above every string that starts with `prefix` (undefined: there is none), so
 * a prefix query becomes an index range `prefix <= key < bound`.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = Array.from(prefix);
  while (codePoints.length > 0) {
    const last = (codePoints.pop() as string).codePointAt(0) as number;
    if (last < 0x10ffff) {
      // Skip the surrogate block: those are not characters a key can contain.
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return codePoints.join('') + String.fromCodePoint(next);
    }
  }
  return undefined;
}

/**
 * The lower end of a list query: `after` (exclusive) when it lies at or beyond the prefix,
 * otherwise the prefix itself (inclusive).
 */
export function lowerBound(options: ListOptions): { key: string; exclusive: boolean } {
  const prefix = options.prefix ?? '';
  if (options.after !== undefined && compareKeys(options.after, prefix) >= 0) {
    return { key: options.after, exclusive: true };
  }
  return { key: prefix, exclusive: false };
}
