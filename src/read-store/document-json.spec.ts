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
    const before = deepFreeze({ company: { id: 'acme' }, metrics: { gmv: metric, revenue: { metricId: 'revenue' } } });
    expect(documentJson(before)).toBe(JSON.stringify(before));
    // A copy-on-write fold: the revenue metric changed, gmv is the same frozen object.
    const after = { ...before, metrics: { ...before.metrics, revenue: { metricId: 'revenue', name: 'Revenue' } } };
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      expect(documentJson(after)).toBe(
        '{"company":{"id":"acme"},"metrics":{"gmv":{"metricId":"gmv","figures":{"FY2020":{"value":"1"}}},"revenue":{"metricId":"revenue","name":"Revenue"}}}',
      );
      // Nothing of gmv was encoded again: its figures object never reached JSON.stringify.
      expect(stringify.mock.calls.some(([value]) => value === metric.figures)).toBe(false);
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
