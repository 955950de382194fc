import { describe, expect, it } from '@jest/globals';
import { hrefOf, parseLocation, readQuery } from './routing.js';

describe('dashboard routes', () => {
  it('reads the page and the view from the URL fragment', () => {
    expect(parseLocation('#/companies/alibaba/targets/gmv-1tn-usd-fy2020?asOf=2017-01-01')).toEqual({
      route: { page: 'target', companyId: 'alibaba', targetId: 'gmv-1tn-usd-fy2020' },
      view: { asOf: '2017-01-01' },
    });
    expect(parseLocation('#/companies/alibaba/metrics/gmv?recordedAsOf=2026-01-01T00:00:09Z').view).toEqual({
      recordedAsOf: '2026-01-01T00:00:09Z',
    });
    expect(parseLocation('').route).toEqual({ page: 'companies' });
    expect(parseLocation('#/audit?after=20&limit=10').route).toEqual({ page: 'audit', after: 20, limit: 10 });
  });

  it('ignores what is not a date, an instant or a page', () => {
    expect(parseLocation('#/companies/alibaba?asOf=yesterday&recordedAsOf=now').view).toEqual({});
    expect(parseLocation('#/audit?after=-3&limit=5000').route).toEqual({ page: 'audit', after: 0 });
    expect(parseLocation('#/companies/alibaba/figures/x').route).toEqual({
      page: 'not-found',
      path: '/companies/alibaba/figures/x',
    });
  });

  it('keeps the view in every link, and round-trips', () => {
    const view = { asOf: '2017-01-01', recordedAsOf: '2026-01-01T00:00:09Z' };
    const href = hrefOf({ page: 'company', companyId: 'alibaba' }, view);
    expect(href).toBe('#/companies/alibaba?asOf=2017-01-01&recordedAsOf=2026-01-01T00%3A00%3A09Z');
    expect(parseLocation(href)).toEqual({ route: { page: 'company', companyId: 'alibaba' }, view });
    expect(readQuery(view)).toBe('?asOf=2017-01-01&recordedAsOf=2026-01-01T00%3A00%3A09Z');
    expect(readQuery({})).toBe('');
  });
});
