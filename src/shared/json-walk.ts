/**
 * How a JSON encoder built on `writeJson` differs from another: read-model documents walk the
 * first levels only and remember the text of frozen parts; a rewritten one remembers one level
 * more. (Canonical JSON for the event hashes has a walk of its own: canonical-json.ts.)
 */
export interface JsonStyle {
  /**
   * The text of what the walk does not enter: a primitive, an object with `toJSON`, or any value
   * below the depth walked. undefined for what JSON leaves out (undefined, functions, symbols).
   */
  leaf(value: unknown): string | undefined;
  /** Texts of frozen arrays and objects already written: a frozen value never changes. */
  readonly memo?: WeakMap<object, string>;
}

/**
 * Walks arrays and plain objects the way JSON.stringify does: a member whose text is undefined is
 * left out of an object and written as null in an array. `depth` is how many levels to walk
 * before handing the rest to `style.leaf`; a negative depth walks everything.
 *
 * It runs on a hot path (every projection commit encodes its changed documents), so it is written
 * with plain loops and string appends, and the memo costs one `undefined` check when there is
 * none.
 */
export function writeJson(value: unknown, style: JsonStyle, depth: number): string | undefined {
  if (depth === 0 || typeof value !== 'object' || value === null) return style.leaf(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return style.leaf(value);
  const memo = style.memo;
  const remember = memo !== undefined && Object.isFrozen(value);
  if (remember) {
    const known = memo.get(value);
    if (known !== undefined) return known;
  }
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      text += writeJson(value[i], style, depth - 1) ?? 'null';
    }
    text += ']';
  } else {
    const record = value as Record<string, unknown>;
    text = '{';
    for (const key of Object.keys(record)) {
      const member = writeJson(record[key], style, depth - 1);
      if (member === undefined) continue;
      if (text.length > 1) text += ',';
      text += `${JSON.stringify(key)}:${member}`;
    }
    text += '}';
  }
  if (remember) memo.set(value, text);
  return text;
}
