import { type JsonStyle, writeJson } from '../shared/json-walk.js';

/**
 * JSON.stringify for read-model documents, remembering the text of frozen parts. The runner
 * folds copy-on-write and freezes what it commits, so after a write the new document shares every
 * untouched part (the same frozen objects) with the one before: their text is reused instead of
 * re-encoding them. A company ledger part holding a metric grows with every figure; with the text
 * of each figure remembered, a new figure is the only one encoded, and the others are reused.
 * The first levels below the document are where that sharing is; deeper parts are left to
 * JSON.stringify.
 *
 * The text equals JSON.stringify's (the spec compares them on random values): same key order,
 * toJSON applied, undefined/functions/symbols left out of objects and null in arrays, throws
 * where it throws (BigInt, cycles). A frozen object never changes, so its remembered text stays
 * right; unfrozen ones are encoded every time. Texts live as long as their objects (a WeakMap).
 */
export function documentJson(doc: unknown): string | undefined {
  return writeJson(doc, DOCUMENT, REMEMBERED_DEPTH);
}

/** How many levels keep their text: ledger part → its metric → the metric's figures → one figure. */
const REMEMBERED_DEPTH = 4;

const DOCUMENT: JsonStyle = {
  sortKeys: false,
  leaf: (value) => JSON.stringify(value),
  memo: new WeakMap<object, string>(),
};
