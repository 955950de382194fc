/**
 * Freezes plain data in place, stopping at what is already frozen; returns it. Every event the
 * projections see goes through here, so it walks with plain loops (Object.values would allocate
 * an array per object) and calls itself only for objects.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) {
      for (const child of value as unknown[]) if (typeof child === 'object' && child !== null) deepFreeze(child);
    } else {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const child = record[key];
        if (typeof child === 'object' && child !== null) deepFreeze(child);
      }
    }
  }
  return value;
}
