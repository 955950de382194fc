import { companyStream, fxStream, metricStream, targetStream } from '../ledger/shared/streams.js';
import { LedgerScript } from '../projections/ledger/test-events.js';
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

  it('send a figure event to its metric and to the figures of the year its period ends in', () => {
    const script = new LedgerScript('acme')
      .register('03-31')
      .define('revenue')
      .report('revenue', 'FY2020', '10', '2020-05-01')
      .report('revenue', 'FY2021-Q1', '3', '2020-08-01');
    expect(script.events.map((event) => companyLedgerProjection.keysOf(event))).toEqual([
      ['acme/company'],
      ['acme/metric/revenue'],
      ['acme/metric/revenue', 'acme/metric/revenue/figures/2020'],
      ['acme/metric/revenue', 'acme/metric/revenue/figures/2020'],
    ]);
    const [key] = companyLedgerProjection.keysOf(script.events[3]);
    const figures = companyLedgerProjection.keysOf(script.events[3])[1];
    expect(companyLedgerProjection.apply(null, script.events[2], figures)).toMatchObject({ kind: 'figures' });
    expect(companyLedgerProjection.apply(null, script.events[2], key)).toBeNull();
  });
});
