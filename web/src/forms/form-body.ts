/**
 * Builds a request body from form fields named by the JSON path the API uses in its errors
 * (`source.url`, `translations[0].currency`), so that an error's `field` names its input.
 */
export type FormValues = Record<string, string>;

function segments(path: string): Array<string | number> {
  return path.split('.').flatMap((part) => {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (match === null) return [part];
    const indexes = [...match[2].matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    return [match[1], ...indexes];
  });
}

/** Sets `value` at `path` in `target`, making the objects and arrays on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = segments(path);
  let node: Record<string | number, unknown> = target;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      node[key] = value;
      return;
    }
    const next = keys[i + 1];
    if (node[key] === undefined) node[key] = typeof next === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
}

/** The body: every non-empty field at its path, trimmed; empty fields are left out (optional). */
export function buildBody(values: FormValues, bodyFields: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of bodyFields) {
    const value = (values[name] ?? '').trim();
    if (value !== '') setPath(body, name, value);
  }
  return body;
}
