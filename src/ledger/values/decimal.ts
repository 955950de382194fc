import { Decimal } from 'decimal.js';

/**
 * Decimals travel as canonical strings in base units: no exponent, no leading zeros, no trailing
 * fractional zeros, no "-0". Canonical strings compare equal exactly when the values are equal,
 * and nothing here ever goes through binary floating point except the client's own JSON number.
 */
const MAX_SIGNIFICANT_DIGITS = 40;
const MAX_EXPONENT = 100;
const GRAMMAR = /^(-)?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

const EXAMPLE = 'must be a decimal number as a string, e.g. "1000000"';

type Parsed = { ok: true; value: string } | { ok: false; problem: string };

function parseText(text: string): Parsed {
  const match = GRAMMAR.exec(text);
  if (match === null) return { ok: false, problem: EXAMPLE };
  const [, sign, whole, fraction = '', exponentText = '0'] = match;
  const writtenExponent = Number(exponentText);
  if (Math.abs(writtenExponent) > MAX_EXPONENT) {
    return { ok: false, problem: `exponents beyond ±${MAX_EXPONENT} are not supported` };
  }
  // value = digits × 10^exponent, digits without leading or trailing zeros
  let digits = (whole + fraction).replace(/^0+/, '');
  let exponent = writtenExponent - fraction.length;
  if (digits === '') return { ok: true, value: '0' };
  const trailing = /0+$/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - trailing);
  exponent += trailing;
  if (digits.length > MAX_SIGNIFICANT_DIGITS) {
    return { ok: false, problem: `must have at most ${MAX_SIGNIFICANT_DIGITS} significant digits` };
  }
  const magnitude = digits.length - 1 + exponent;
  if (Math.abs(magnitude) > MAX_EXPONENT) {
    return { ok: false, problem: `must lie between 1e-${MAX_EXPONENT} and 1e${MAX_EXPONENT} in magnitude` };
  }
  return { ok: true, value: (sign ?? '') + plain(digits, exponent) };
}

/** Writes digits × 10^exponent without an exponent. */
function plain(digits: string, exponent: number): string {
  if (exponent >= 0) return digits + '0'.repeat(exponent);
  const point = digits.length + exponent;
  if (point > 0) return `${digits.slice(0, point)}.${digits.slice(point)}`;
  return `0.${'0'.repeat(-point)}${digits}`;
}

function parse(input: unknown): Parsed {
  if (typeof input === 'string') return parseText(input);
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, problem: `must be a finite number; ${EXAMPLE}` };
    if (Number.isInteger(input) && !Number.isSafeInteger(input)) {
      return {
        ok: false,
        problem: 'numbers beyond 2^53 lose precision: send it as a string, e.g. "1000000000000000000"',
      };
    }
    // String() gives the shortest text that reads back as the same double: what the client wrote.
    return parseText(String(input));
  }
  return { ok: false, problem: EXAMPLE };
}

/** Canonical decimal string, or null when the input is not an acceptable decimal. */
export function parseDecimal(input: unknown): string | null {
  const parsed = parse(input);
  return parsed.ok ? parsed.value : null;
}

/** Why the input is not an acceptable decimal (a message for API clients), or null when it is. */
export function decimalProblem(input: unknown): string | null {
  const parsed = parse(input);
  return parsed.ok ? null : parsed.problem;
}

/** True for a string that is already in canonical form. */
export const isCanonicalDecimal = (value: unknown): boolean =>
  typeof value === 'string' && parseDecimal(value) === value;

export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const order = new Decimal(a).comparedTo(new Decimal(b));
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

export const decimalsEqual = (a: string, b: string) => compareDecimals(a, b) === 0;

export const isPositive = (value: string) => new Decimal(value).greaterThan(0);
