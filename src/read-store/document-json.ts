/**
 * JSON.stringify for read-model documents, remembering the text of frozen parts. The runner
 * folds copy-on-write and freezes what it commits, so after a write the new document shares every
 * untouched part (the same frozen objects) with the one before: their text is reused instead of
 * re-encoding them. A company ledger part holding a metric grows with every figure; with the text
 * of each figure remembered, a new figure is the only one encoded, and the others are joined.
 * The first levels below the document are where that sharing is; deeper parts are left to
 * JSON.stringify.
 *
 * The text equals JSON.stringify's (the spec compares them on random values): same key order,
 * toJSON applied, undefined/functions/symbols left out of objects and null in arrays, throws
 * where it throws (BigInt, cycles). A frozen object never changes, so its remembered text stays
 * right; unfrozen ones are encoded every time. Texts live as long as their objects (a WeakMap).
 */
const remembered = new WeakMap<object, string>();

/** How many levels keep their text: ledger part → its metric → the metric's figures → one figure. */
const REMEMBERED_DEPTH = 4;

export function documentJson(doc: unknown): string | undefined {
  return encode(doc, REMEMBERED_DEPTH);
}

function encode(value: unknown, depth: number): string | undefined {
  if (depth === 0 || typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  const frozen = Object.isFrozen(value);
  if (frozen) {
    const text = remembered.get(value);
    if (text !== undefined) return text;
  }
  // Joined, not appended with +=: that builds a rope of thousands of pieces, which V8 must then
  // flatten before SQLite can take the text; that cost about what remembering the pieces saved.
  const members: string[] = [];
  let text: string;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) members.push(encode(value[i], depth - 1) ?? 'null');
    text = `[${members.join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const member = encode(record[key], depth - 1);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    text = `{${members.join(',')}}`;
  }
  if (frozen) remembered.set(value, text);
  return text;
}
