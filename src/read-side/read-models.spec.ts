import { companyStream, fxStream, metricStream, targetStream } from '../ledger/shared/streams.js';
import { companyLedgerProjection, ledgerPartKey, ledgerPartsPrefix } from './read-models.js';

describe('company ledger keys', () => {
  it('give the company, each metric and each target a key of its own, under the company prefix', () => {
    const keys = [
      ledgerPartKey(companyStream('acme')),
      ledgerPartKey(metricStream('acme', 'revenue')),
      ledgerPartKey(targetStream('acme', 'revenue')),
    ];
    expect(keys).toEqual(['acme/company', 'acme/metric/revenue', 'acme/target/revenue']);
    for (const key of keys) expect(key?.startsWith(ledgerPartsPrefix('acme'))).toBe(true);
  });

  it('keep a company whose id starts with another company id out of that company prefix', () => {
    const others = [companyStream('acme-x'), metricStream('acme-x', 'a'), targetStream('acme2', 't')];
    for (const stream of others) expect(ledgerPartKey(stream)?.startsWith(ledgerPartsPrefix('acme'))).toBe(false);
  });

  it('route FX and unknown streams nowhere', () => {
    expect(ledgerPartKey(fxStream('CNY', 'USD'))).toBeNull();
    expect(ledgerPartKey('access-keys')).toBeNull();
    expect(companyLedgerProjection.keysOf({ stream: fxStream('CNY', 'USD') } as never)).toEqual([]);
  });
});
