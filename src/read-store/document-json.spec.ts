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
        fc.boolean(),
        (value, freeze, rewritten) => {
          const subject = freeze ? deepFreeze(structuredClone(value)) : value;
          expect(documentJson(subject, rewritten)).toBe(JSON.stringify(subject));
          // And again, now from what it remembered, in both modes.
          expect(documentJson(subject, rewritten)).toBe(JSON.stringify(subject));
          expect(documentJson(subject, !rewritten)).toBe(JSON.stringify(subject));
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

  it('encodes only the new figure of a rewritten metric whose other figures it has written before', () => {
    const old = deepFreeze({ period: 'FY2020', value: '1', history: [{ kind: 'reported' }] });
    const before = deepFreeze({ kind: 'metric', metric: { metricId: 'gmv', figures: { FY2020: old } }, position: 1 });
    expect(documentJson(before, true)).toBe(JSON.stringify(before));
    // The fold copies the metric and its figures on write, and shares the untouched figure.
    const added = deepFreeze({ period: 'FY2021', value: '2', history: [] });
    const after = deepFreeze({
      ...before,
      metric: { ...before.metric, figures: { ...before.metric.figures, FY2021: added } },
      position: 2,
    });
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      expect(documentJson(after, true)).toBe(JSON.stringify(after));
      const encoded: unknown[] = stringify.mock.calls.map(([value]): unknown => value);
      expect(encoded).toContain(added);
      expect(encoded.filter((value) => value === old)).toHaveLength(0);
    } finally {
      stringify.mockRestore();
    }
  });

  it('encodes the figures of a document that is not a rewrite in one call, remembering none of them', () => {
    const figure = deepFreeze({ period: 'FY2020', value: '1' });
    const doc = deepFreeze({ kind: 'metric', metric: { metricId: 'gmv', figures: { FY2020: figure } }, position: 1 });
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      expect(documentJson(doc)).toBe(JSON.stringify(doc));
      const encoded: unknown[] = stringify.mock.calls.map(([value]): unknown => value);
      expect(encoded).toContain(doc.metric.figures);
      expect(encoded).not.toContain(figure);
    } finally {
      stringify.mockRestore();
    }
  });

  it('does not remember the text of a frozen value with toJSON, whose answer may change', () => {
    let answer = 'first';
    const dated = Object.freeze({ toJSON: () => answer });
    const doc = { a: { b: { c: dated } } };
    expect(documentJson(doc, true)).toBe('{"a":{"b":{"c":"first"}}}');
    answer = 'second';
    expect(documentJson(doc, true)).toBe('{"a":{"b":{"c":"second"}}}');
  });

  it('throws where JSON.stringify throws', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = { again: cycle };
    expect(() => documentJson(cycle)).toThrow(TypeError);
    expect(() => documentJson({ n: 1n })).toThrow(TypeError);
  });
});
