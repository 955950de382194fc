import { isCurrencyCode } from './currency.js';

describe('isCurrencyCode', () => {
  it.each(['USD', 'CNY', 'EUR', 'JPY', 'CHF', 'GBP', 'HKD', 'XAU', 'SLE', 'VES'])('accepts %s', (code) => {
    expect(isCurrencyCode(code)).toBe(true);
  });

  it.each(['usd', 'Usd', 'US', 'USDD', 'ABC', 'DEM', 'FRF', 'HRK', 'XXX', 'XTS', '', 840, null])(
    'rejects %p',
    (code) => {
      expect(isCurrencyCode(code)).toBe(false);
    },
  );
});
