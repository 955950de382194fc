import { describe, expect, it } from '@jest/globals';
import { buildBody } from './form-body.js';

describe('form bodies', () => {
  it('puts each field at the JSON path the API names in its errors, and leaves empty ones out', () => {
    const values = {
      period: ' FY2023 ',
      value: '1400000000',
      currency: '',
      'translations[0].currency': 'USD',
      'translations[0].value': '200000000',
      'source.title': 'FY2023 results',
      'source.url': '',
    };
    expect(buildBody(values, Object.keys(values))).toEqual({
      period: 'FY2023',
      value: '1400000000',
      translations: [{ currency: 'USD', value: '200000000' }],
      source: { title: 'FY2023 results' },
    });
  });

  it('sends only the body fields, not the path parameters', () => {
    expect(buildBody({ metricId: 'gmv', period: 'FY2020' }, ['period'])).toEqual({ period: 'FY2020' });
  });
});
