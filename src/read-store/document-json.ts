/**
 * JSON.stringify for read-model documents, remembering the text of frozen parts. The runner
 * folds copy-on-write and freezes what it commits, so after a write the new document shares every
 * untouched metric and target (the same frozen objects) with the one before: their text is reused
 * instead of re-encoding the whole company ledger, which grows with every figure. The first
 * levels below the document are where that sharing is; deeper parts are left to JSON.stringify.
 *
 * The text equals JSON.stringify's (the spec compares them on random values): same key order,
 * toJSON applied, undefined/functions/symbols left out of objects and null in arrays, throws
 * where it throws (BigInt, cycles). A frozen object never changes, so its remembered text stays
 * right; unfrozen ones are encoded every time. Texts live as long as their objects (a WeakMap).
 */
const remembered = new WeakMap<object, string>();

/**
 * How many levels keep their text: a company's ledger was one document (document → metrics → one
 * metric); a part of it is now (part → its metric → the metric's figures). A fourth level (each
 * figure) saved little: the text then has to be flattened before SQLite takes it.
 */
const REMEMBERED_DEPTH = 3;

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
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      text += encode(value[i], depth - 1) ?? 'null';
    }
    text += ']';
  } else {
    text = '{';
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const member = encode(record[key], depth - 1);
      if (member === undefined) continue;
      if (text.length > 1) text += ',';
      text += `${JSON.stringify(key)}:${member}`;
    }
    text += '}';
  }
  if (frozen) remembered.set(value, text);
  return text;
}
