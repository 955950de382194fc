import { WrongExpectedRevisionError, type ExpectedRevision, type NewEventMetadata } from './event-store.port.js';

/** Throws unless a stream whose last revision is `actual` (undefined: no stream) is at `expected`. */
export function checkExpectedRevision(stream: string, expected: ExpectedRevision, actual: number | undefined): void {
  if (expected === 'any') return;
  if (expected === 'no_stream' ? actual === undefined : actual === expected) return;
  throw new WrongExpectedRevisionError(stream, expected, actual ?? 'no_stream');
}

/**
 * The key a batch is registered under: caller, route and Idempotency-Key, so two clients (or two
 * routes) never collide on a key they chose independently. Newlines cannot occur in a route or an
 * HTTP header value, so the join is unambiguous.
 */
export function idempotencyScope(
  metadata: Pick<NewEventMetadata, 'recordedBy' | 'route' | 'idempotencyKey'>,
): string | undefined {
  if (metadata.idempotencyKey === undefined) return undefined;
  return `${metadata.recordedBy}\n${metadata.route ?? ''}\n${metadata.idempotencyKey}`;
}

export const DEFAULT_READ_LIMIT = 100;

export function readLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_READ_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  return limit;
}

/**
 * Runs synchronous store work as a promise: a throw becomes a rejection, and the work itself
 * completes within the caller's turn of the event loop (which is what keeps appends atomic
 * with respect to each other in one process).
 */
export function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}
