import type { MetricSummary, ScoreboardRow } from '../api/types.js';
import { BASIS_LABELS, formatValue, groupDigits } from '../format.js';

/** The figure a status rests on: `FY2020: CNY 7.053 tn`, exact value on hover. */
export function FigureText({ figure, unit }: { figure: ScoreboardRow['figure']; unit?: MetricSummary['unit'] }) {
  if (figure === null) return <span className="muted">none yet</span>;
  return (
    <span
      title={`${groupDigits(figure.value)}${figure.currency ? ` ${figure.currency}` : ''}, reported ${figure.reportedAt}`}
    >
      <strong>{figure.period}</strong>: {formatValue(figure.value, unit, figure.currency)}
    </span>
  );
}

/** How the figure was put into the target's currency. */
export function ConversionText({
  row,
  unit,
}: {
  row: Pick<ScoreboardRow, 'conversion' | 'missing'>;
  unit?: MetricSummary['unit'];
}) {
  if (row.missing) {
    return (
      <span className="warning">
        no {row.missing.from}→{row.missing.to} rate for {row.missing.period}
      </span>
    );
  }
  if (row.conversion === null) return <span className="muted">—</span>;
  const { basis, rate, to, value } = row.conversion;
  return (
    <span>
      {BASIS_LABELS[basis] ?? basis}
      {basis !== 'same_currency' && (
        <>
          {' '}
          → {formatValue(value, unit, to)}
          {rate ? ` (rate ${rate})` : ''}
        </>
      )}
    </span>
  );
}
