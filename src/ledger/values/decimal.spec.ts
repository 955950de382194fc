import {
  compareDecimals,
  decimalProblem,
  decimalsEqual,
  isCanonicalDecimal,
  isPositive,
  parseDecimal,
} from './decimal.js';

describe('parseDecimal', () => {
  it.each([
    ['1e3', '1000'],
    ['1.50', '1.5'],
    [1234567.25, '1234567.25'],
    ['-0', '0'],
    [-0, '0'],
    ['0.000', '0'],
    ['00012.3400', '12.34'],
    ['-12.5e-3', '-0.0125'],
    ['1E+2', '100'],
    [1e-7, '0.0000001'],
    ['1000000000000', '1000000000000'],
    ['469000000000', '469000000000'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
    ['123456789012345678901234567890', '123456789012345678901234567890'],
    ['1e100', '1' + '0'.repeat(100)],
  ])('canonicalises %p to %p', (input, expected) => {
    expect(parseDecimal(input)).toBe(expected);
  });

  it.each([
    [true],
    [null],
    [undefined],
    [{}],
    [[]],
    ['12abc'],
    [''],
    [' 12'],
    ['1 000'],
    ['0x10'],
    ['NaN'],
    ['Infinity'],
    [NaN],
    [Infinity],
    ['+5'],
    ['.5'],
    ['5.'],
    ['1e101'],
    ['1e-101'],
    ['1'.repeat(41)],
    [2 ** 53],
    [1e21],
  ])('rejects %p', (input) => {
    expect(parseDecimal(input)).toBeNull();
  });

  it('accepts 40 significant digits but not 41', () => {
    expect(parseDecimal('9'.repeat(40))).toBe('9'.repeat(40));
    expect(parseDecimal(`${'9'.repeat(40)}.1`)).toBeNull();
  });
});

describe('decimalProblem', () => {
  it('is null for acceptable input', () => {
    expect(decimalProblem('1000000')).toBeNull();
    expect(decimalProblem(12.5)).toBeNull();
  });

  it('tells the client to send big integers as strings', () => {
    expect(decimalProblem(2 ** 53 + 2)).toMatch(/beyond 2\^53 .*send it as a string/);
  });

  it('shows an example for garbage', () => {
    expect(decimalProblem('12abc')).toBe('must be a decimal number as a string, e.g. "1000000"');
    expect(decimalProblem(false)).toBe('must be a decimal number as a string, e.g. "1000000"');
  });

  it('names the limit that was broken', () => {
    expect(decimalProblem('1'.repeat(41))).toMatch(/40 significant digits/);
    expect(decimalProblem('1e200')).toMatch(/exponent/);
    expect(decimalProblem(Infinity)).toMatch(/finite/);
  });
});

describe('comparisons', () => {
  it('compares exactly, beyond binary floating point', () => {
    expect(compareDecimals('0.3', '0.1')).toBe(1);
    expect(compareDecimals('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareDecimals('-5', '3')).toBe(-1);
    expect(compareDecimals('1000', '1000')).toBe(0);
    expect(decimalsEqual('1000', '1000')).toBe(true);
  });

  it('isPositive', () => {
    expect(isPositive('0.0001')).toBe(true);
    expect(isPositive('0')).toBe(false);
    expect(isPositive('-1')).toBe(false);
  });

  it('isCanonicalDecimal', () => {
    expect(isCanonicalDecimal('1.5')).toBe(true);
    expect(isCanonicalDecimal('1.50')).toBe(false);
    expect(isCanonicalDecimal(1.5)).toBe(false);
  });
});
