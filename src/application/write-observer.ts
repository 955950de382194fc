/**
 * What the write path tells an observer (the Prometheus metrics) about each command. The
 * application knows nothing of metrics libraries: it reports through this port, when one is bound.
 */
export type WriteOutcome = 'ok' | 'refused' | 'conflict' | 'error';

export interface WriteObserver {
  /** A command ran to its end: answered, refused by a rule, lost a race, or failed. */
  commandDone(command: string, seconds: number, outcome: WriteOutcome, code?: string): void;
  /** One append to the event store (the durable part of a write). */
  appendDone(seconds: number): void;
}

export const WRITE_OBSERVER = Symbol('WRITE_OBSERVER');
