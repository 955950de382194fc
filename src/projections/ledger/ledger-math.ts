import { Decimal } from 'decimal.js';

/**
 * Decimal arithmetic for the read side. A private clone, so that the precision needed for
 * powers and quotients never leaks into (or depends on) the global decimal.js configuration.
 * 80 significant digits hold the exact product of two 40-digit ledger values.
 */
const ReadDecimal = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -200, toExpPos: 200 });

export type Dec = Decimal;

export const dec = (value: string | number): Dec => new ReadDecimal(value);

/** Canonical ledger form: plain notation, no trailing fractional zeros, never "-0". */
export function canonical(value: Dec): string {
  return value.isZero() ? '0' : value.toFixed();
}

/** Rounded half-up to `places` decimal places, in canonical form ("0.1892", "1.5", "0"). */
export const rounded = (value: Dec, places = 4): string => canonical(value.toDecimalPlaces(places));

/** `significant` significant digits, for derived rates such as an inverse FX rate. */
export const significant = (value: Dec, digits: number): string => canonical(value.toSignificantDigits(digits));
