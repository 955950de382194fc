import { deepStrictEqual, fail } from 'node:assert/strict';
import { DomainError, type ErrorCategory } from './domain-error.js';
import type { Command, Event } from './message.js';

/**
 * `given(events).when(command).then(events)` for pure deciders (Emmett's DeciderSpecification).
 * Uses node's strict assertions, so an `undefined` field where none was expected fails the spec.
 */
export type Decider<S, C extends Command, E extends Event> = Readonly<{
  decide: (command: C, state: S) => readonly E[];
  evolve: (state: S, event: E) => S;
  initialState: () => S;
}>;

export type ErrorExpectation = Readonly<{ category?: ErrorCategory; field?: string; message?: RegExp }>;

export function deciderSpec<S, C extends Command, E extends Event>(decider: Decider<S, C, E>) {
  return (given: readonly E[] = []) => ({
    when: (command: C) => {
      const run = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
      return {
        then: (expected: readonly E[]) => deepStrictEqual(run(), expected),
        thenThrows: (code: string, expectation: ErrorExpectation = {}): DomainError => {
          let events: readonly E[];
          try {
            events = run();
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            deepStrictEqual(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
            if (expectation.category !== undefined) deepStrictEqual(error.category, expectation.category);
            if (expectation.field !== undefined) deepStrictEqual(error.field, expectation.field);
            if (expectation.message !== undefined && !expectation.message.test(error.message)) {
              fail(`message "${error.message}" does not match ${String(expectation.message)}`);
            }
            return error;
          }
          return fail(`expected ${code}, but the decider decided ${JSON.stringify(events)}`);
        },
      };
    },
  });
}

/** The state after folding the events, for specs that look at evolve directly. */
export const stateAfter = <S, C extends Command, E extends Event>(decider: Decider<S, C, E>, events: readonly E[]) =>
  events.reduce(decider.evolve, decider.initialState());
