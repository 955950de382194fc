import type { LedgerFigure } from './company-ledger.projection.js';
import { fxPairKey, type FxPair, type FxRate, type FxRates } from './fx-rates.projection.js';
import { dec, rounded, significant } from './ledger-math.js';

export type ConversionBasis = 'same_currency' | 'own_translation' | 'fx_period' | 'fx_nearest';

/** How a figure's value was brought into the target's currency. */
export type Conversion = {
  basis: ConversionBasis;
  from?: string;
  to?: string;
  rate?: string;
  value: string;
};

export type MissingRate = { from: string; to: string; period: string };

export type Converted =
  { ok: true; value: string; conversion: Conversion | null } | { ok: false; missing: MissingRate };

/**
 * Converted values keep 4 decimal places: far below the smallest currency unit, and a fixed
 * rule for the inverse rates whose products never end.
 */
const VALUE_PLACES = 4;
/** An inverse rate 1/r is rarely finite: shown with 12 significant digits, for the reader. */
const INVERSE_RATE_DIGITS = 12;

type Candidate = { rate: FxRate; direct: boolean; effective: string };

/**
 * The figure's value in `to` (null: no conversion, the metric is not a currency metric), by in
 * order: the figure's own translation, a rate recorded for a period with exactly the figure's
 * start and end dates (CY2022 serves FY2022 of a 12-31 company), the rate nearest at or before
 * the figure's period end (a period rate counts at its end date).
 *
 * Each rate lookup also accepts the inverse pair (TO→FROM, used as 1/r) when the direct pair has
 * no suitable rate: analysts record a pair in whichever direction the source quotes it, and a rate
 * holds both ways. Rates not yet public at `asOf` (date, or period start) are ignored, so a model
 * folded from more events than the caller filtered cannot leak a later rate.
 */
export function convertFigure(figure: LedgerFigure, to: string | null, fx: FxRates, asOf: string): Converted {
  const from = figure.currency;
  if (to === null || from === null) return { ok: true, value: figure.value, conversion: null };
  if (from === to) {
    return { ok: true, value: figure.value, conversion: { basis: 'same_currency', value: figure.value } };
  }
  const translation = figure.translations.find((t) => t.currency === to);
  if (translation !== undefined) {
    const conversion: Conversion = { basis: 'own_translation', from, to, value: translation.value };
    return { ok: true, value: translation.value, conversion };
  }
  const period = periodRate(fx, from, to, figure, asOf);
  if (period !== null) return applyRate(figure.value, 'fx_period', from, to, period);
  const nearest = nearestRate(fx, from, to, figure.periodEnd, asOf);
  if (nearest !== null) return applyRate(figure.value, 'fx_nearest', from, to, nearest);
  return { ok: false, missing: { from, to, period: figure.period } };
}

/** Through an inverse rate the value is divided by r (exact up to rounding); the row shows 1/r. */
function applyRate(value: string, basis: ConversionBasis, from: string, to: string, found: Candidate): Converted {
  const recorded = dec(found.rate.rate);
  const exact = found.direct ? dec(value).times(recorded) : dec(value).div(recorded);
  const rate = found.direct ? found.rate.rate : significant(dec(1).div(recorded), INVERSE_RATE_DIGITS);
  const converted = rounded(exact, VALUE_PLACES);
  return { ok: true, value: converted, conversion: { basis, from, to, rate, value: converted } };
}

const publicBy = (rate: FxRate, asOf: string) => (rate.date ?? rate.periodStart ?? '') <= asOf;

function pairsOf(fx: FxRates, from: string, to: string): { pair: FxPair; direct: boolean }[] {
  const direct = fx.pairs[fxPairKey(from, to)];
  const inverse = fx.pairs[fxPairKey(to, from)];
  return [
    ...(direct === undefined ? [] : [{ pair: direct, direct: true }]),
    ...(inverse === undefined ? [] : [{ pair: inverse, direct: false }]),
  ];
}

function periodRate(fx: FxRates, from: string, to: string, figure: LedgerFigure, asOf: string): Candidate | null {
  for (const { pair, direct } of pairsOf(fx, from, to)) {
    const rate = pair.periodRates.find(
      (r) => r.periodStart === figure.periodStart && r.periodEnd === figure.periodEnd && publicBy(r, asOf),
    );
    if (rate !== undefined) return { rate, direct, effective: figure.periodEnd };
  }
  return null;
}

/** Nearest date wins; on the same date a direct rate beats an inverse one, a spot rate an average. */
function nearestRate(fx: FxRates, from: string, to: string, onOrBefore: string, asOf: string): Candidate | null {
  let best: (Candidate & { spot: boolean }) | null = null;
  for (const { pair, direct } of pairsOf(fx, from, to)) {
    for (const rate of [...pair.periodRates, ...pair.dateRates]) {
      const spot = rate.date !== null;
      const effective = rate.date ?? rate.periodEnd;
      if (effective === null || effective > onOrBefore || !publicBy(rate, asOf)) continue;
      const better =
        best === null ||
        effective > best.effective ||
        (effective === best.effective && direct && !best.direct) ||
        (effective === best.effective && direct === best.direct && spot && !best.spot);
      if (better) best = { rate, direct, effective, spot };
    }
  }
  return best === null ? null : { rate: best.rate, direct: best.direct, effective: best.effective };
}
