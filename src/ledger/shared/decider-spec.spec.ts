import { deciderSpec } from './decider-spec.js';
import { conflict } from './domain-error.js';
import type { Command, Event } from './message.js';

type Counted = Event<'Counted', { n: number; note?: string }>;
type Count = Command<'Count', { limit: number }>;

const counter = {
  initialState: () => 0,
  evolve: (state: number, _event: Counted) => state + 1,
  decide: (command: Count, state: number): Counted[] => {
    if (state >= command.data.limit) throw conflict('LIMIT_REACHED', `at most ${command.data.limit}`, 'limit');
    return [{ type: 'Counted', data: { n: state + 1 } }];
  },
};
const given = deciderSpec(counter);
const count = (limit: number): Count => ({
  type: 'Count',
  data: { limit },
  metadata: { now: '2024-01-01T00:00:00Z', actor: 'a' },
});
const counted = (n: number): Counted => ({ type: 'Counted', data: { n } });

describe('deciderSpec', () => {
  it('folds the given events before deciding', () => {
    given([counted(1), counted(2)])
      .when(count(5))
      .then([counted(3)]);
  });

  it('fails when the events differ, including an undefined field where none was expected', () => {
    expect(() =>
      given([])
        .when(count(5))
        .then([counted(2)]),
    ).toThrow();
    expect(() =>
      given([])
        .when(count(5))
        .then([{ type: 'Counted', data: { n: 1, note: undefined } }]),
    ).toThrow();
  });

  it('returns the expected error', () => {
    const error = given([counted(1)])
      .when(count(1))
      .thenThrows('LIMIT_REACHED', { category: 'conflict', field: 'limit' });
    expect(error.message).toBe('at most 1');
  });

  it('fails when nothing, or something else, is thrown', () => {
    expect(() => given([]).when(count(1)).thenThrows('LIMIT_REACHED')).toThrow(/expected LIMIT_REACHED/);
    expect(() =>
      given([counted(1)])
        .when(count(1))
        .thenThrows('OTHER'),
    ).toThrow(/expected OTHER, got LIMIT_REACHED/);
    expect(() =>
      given([counted(1)])
        .when(count(1))
        .thenThrows('LIMIT_REACHED', { category: 'validation' }),
    ).toThrow();
    expect(() =>
      given([counted(1)])
        .when(count(1))
        .thenThrows('LIMIT_REACHED', { field: 'other' }),
    ).toThrow();
    expect(() =>
      given([counted(1)])
        .when(count(1))
        .thenThrows('LIMIT_REACHED', { message: /nope/ }),
    ).toThrow();
  });
});
