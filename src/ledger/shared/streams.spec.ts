import { companyOfStream, companyStream, fxStream, isFxStream, metricStream, targetStream } from './streams.js';

describe('stream names', () => {
  it('name the company of every company-scoped stream', () => {
    expect(companyOfStream(companyStream('alibaba'))).toBe('alibaba');
    expect(companyOfStream(metricStream('alibaba', 'gmv'))).toBe('alibaba');
    expect(companyOfStream(targetStream('alibaba', 'gmv-1tn'))).toBe('alibaba');
  });

  it('tell FX streams apart and give them no company', () => {
    expect(isFxStream(fxStream('CNY', 'USD'))).toBe(true);
    expect(companyOfStream(fxStream('CNY', 'USD'))).toBeNull();
    expect(isFxStream(companyStream('fx'))).toBe(false);
  });
});
