import { type JsonStyle, writeJson } from '../shared/json-walk.js';

/**
 * JSON.stringify for read-model documents, remembering the text of frozen parts. The runner
 * folds copy-on-write and freezes what it commits, so after a write the new document shares every
 * untouched part (the same frozen objects) with the one before: their text is reused instead of
 * re-encoding them. Only the first levels are walked; below them one JSON.stringify call writes a
 * whole part natively.
 *
 * `rewritten`: the document is a new version of one encoded before (see DocumentChange). Then a
 * level more is walked and the text of each frozen part below it is remembered too: a target's
 * statements, a year's figures member by member, so that what a write adds is the only part of
 * its document encoded. Otherwise the parts below the first levels are one JSON.stringify call
 * each (when a metric held all its figures, a write re-encoded all of them): a document met
 * once (a rebuild reads most documents from the store, folds them and writes them once) gains
 * nothing from remembering, and paid for it (a rebuild of 210,000 events remembering every
 * figure: 9.2 and 10.3 s of user CPU, against 7.7 and 8.2 s without).
 *
 * The text equals JSON.stringify's (the spec compares them on random values): same key order,
 * toJSON applied, undefined/functions/symbols left out of objects and null in arrays, throws
 * where it throws (BigInt, cycles). A frozen object never changes, so its remembered text stays
 * right; unfrozen ones are encoded every time. Texts live as long as their objects (a WeakMap).
 */
export function documentJson(doc: unknown, rewritten = false): string | undefined {
  return rewritten ? writeJson(doc, REWRITTEN, 3) : writeJson(doc, DOCUMENT, 2);
}

/*
 * Levels walked: the document and its members (a ledger part's metric, target or figures record);
 * for a rewritten document also theirs (a year's figures by period, a target's statements).
 * Walking every document a level further than that (when a metric part held all its figures:
 * each figure member by member, every figure and history array in the memo) made the rebuild 1.6
 * times slower (18,000 against 28,000 events/s on 210,000 events) with 70 MB more peak RSS.
 */

const memo = new WeakMap<object, string>();

const DOCUMENT: JsonStyle = {
  leaf: (value) => JSON.stringify(value),
  memo,
};

const REWRITTEN: JsonStyle = {
  leaf: rememberedLeaf,
  memo,
};

/**
 * One JSON.stringify call for what is not walked. A frozen plain object or array (no toJSON,
 * whose answer could change) keeps its text in the same memo as the walked parts.
 */
function rememberedLeaf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  let text = memo.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    memo.set(value, text);
  }
  return text;
}
