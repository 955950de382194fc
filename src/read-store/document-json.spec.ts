import { jest } from '@jest/globals';
import fc from 'fast-check';
import { deepFreeze } from '../shared/deep-freeze.js';
import { documentJson } from './document-json.js';

describe('documentJson', () => {
  it('writes what JSON.stringify writes, frozen or not (seeded random values)', () => {
    fc.assert(
      fc.property(
        fc.anything({ withDate: true, withNullPrototype: true, withSparseArray: true }),
        fc.boolean(),
        (value, freeze) => {
          const subject = freeze ? deepFreeze(structuredClone(value)) : value;
          expect(documentJson(subject)).toBe(JSON.stringify(subject));
          // And again, now from what it remembered.
          expect(documentJson(subject)).toBe(JSON.stringify(subject));
        },
      ),
      { seed: 4259, numRuns: 2000 },
    );
  });

  it('reuses the text of the frozen parts a new document shares with the last one', () => {
    const metric = deepFreeze({ metricId: 'gmv', figures: { FY2020: { value: '1' } } });
    const before = deepFreeze({ kind: 'metric', metric, position: 1 });
    expect(documentJson(before)).toBe(JSON.stringify(before));
    // A copy-on-write fold that moved the position only: the metric is the same frozen object.
    const after = { ...before, position: 2 };
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      expect(documentJson(after)).toBe(
        '{"kind":"metric","metric":{"metricId":"gmv","figures":{"FY2020":{"value":"1"}}},"position":2}',
      );
      // Nothing of the metric was encoded again: its figures object never reached JSON.stringify.
      expect(stringify.mock.calls.some(([value]) => value === metric.figures)).toBe(false);
    } finally {
      stringify.mockRestore();
    }
  });

  it('encodes a frozen part it has not met, and one that changed, afresh', () => {
    const metric = deepFreeze({ metricId: 'gmv', figures: { FY2020: { value: '1' } } });
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      expect(documentJson({ kind: 'metric', metric, position: 1 })).toBe(
        '{"kind":"metric","metric":{"metricId":"gmv","figures":{"FY2020":{"value":"1"}}},"position":1}',
      );
      expect(stringify.mock.calls.some(([value]) => value === metric.figures)).toBe(true);
    } finally {
      stringify.mockRestore();
    }
  });

  it('throws where JSON.stringify throws', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = { again: cycle };
    expect(() => documentJson(cycle)).toThrow(TypeError);
    expect(() => documentJson({ n: 1n })).toThrow(TypeError);
  });
});
