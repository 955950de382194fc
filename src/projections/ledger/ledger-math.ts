import { Decimal } from 'decimal.js';
import { LruMap } from '../../shared/lru-map.js';

/**
 * Decimal arithmetic for the read side. A private clone, so that the precision needed for
 * powers and quotients never leaks into (or depends on) the global decimal.js configuration.
 * 80 significant digits hold the exact product of two 40-digit ledger values.
 */
const ReadDecimal = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -200, toExpPos: 200 });

export type Dec = Decimal;

/**
 * Fractional powers (growth paths and rates) go through exp/ln, whose cost grows fast with the
 * precision: at 80 digits one power took about 1 ms, a third of a scoreboard row. Their results
 * are compared with figures or rounded to 4 places, for which 34 significant digits (decimal128)
 * are ample; the exact arithmetic of ledger values keeps its 80.
 */
const PowerDecimal = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -200, toExpPos: 200 });

/**
 * Recent powers: a scoreboard asks for the same growth rates (same baseline, target and span)
 * on every request, and each costs a quarter of a millisecond. Decimals are immutable, so a
 * result can be shared.
 */
const powers = new LruMap<string, Dec>(10_000);

/** base^exponent for a positive base, at the precision that powers need (see PowerDecimal). */
export function power(base: Dec, exponent: Dec): Dec {
  const key = `${base.toString()}^${exponent.toString()}`;
  const known = powers.get(key);
  if (known !== undefined) return known;
  const result = new ReadDecimal(
    new PowerDecimal(base.toString()).pow(new PowerDecimal(exponent.toString())).toString(),
  );
  powers.set(key, result);
  return result;
}

export const dec = (value: string | number): Dec => new ReadDecimal(value);

/** Canonical ledger form: plain notation, no trailing fractional zeros, never "-0". */
export function canonical(value: Dec): string {
  return value.isZero() ? '0' : value.toFixed();
}

/** Rounded half-up to `places` decimal places, in canonical form ("0.1892", "1.5", "0"). */
export const rounded = (value: Dec, places = 4): string => canonical(value.toDecimalPlaces(places));

/** `significant` significant digits, for derived rates such as an inverse FX rate. */
export const significant = (value: Dec, digits: number): string => canonical(value.toSignificantDigits(digits));
