import {
  companyOfStream,
  companyStream,
  fxStream,
  isFxStream,
  metricStream,
  parseCompanyStream,
  targetStream,
} from './streams.js';

describe('stream names', () => {
  it('name the company of every company-scoped stream', () => {
    expect(companyOfStream(companyStream('alibaba'))).toBe('alibaba');
    expect(companyOfStream(metricStream('alibaba', 'gmv'))).toBe('alibaba');
    expect(companyOfStream(targetStream('alibaba', 'gmv-1tn'))).toBe('alibaba');
  });

  it('name the entity of every company-scoped stream', () => {
    expect(parseCompanyStream(companyStream('alibaba'))).toEqual({ kind: 'company', companyId: 'alibaba' });
    expect(parseCompanyStream(metricStream('alibaba', 'gmv'))).toEqual({
      kind: 'metric',
      companyId: 'alibaba',
      id: 'gmv',
    });
    expect(parseCompanyStream(targetStream('alibaba', 'gmv-1tn'))).toEqual({
      kind: 'target',
      companyId: 'alibaba',
      id: 'gmv-1tn',
    });
    expect(parseCompanyStream('metric-alibaba')).toBeNull();
  });

  it('tell FX streams apart and give them no company', () => {
    expect(isFxStream(fxStream('CNY', 'USD'))).toBe(true);
    expect(companyOfStream(fxStream('CNY', 'USD'))).toBeNull();
    expect(parseCompanyStream(fxStream('CNY', 'USD'))).toBeNull();
    expect(isFxStream(companyStream('fx'))).toBe(false);
  });
});
