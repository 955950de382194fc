import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'react';
import { shortNumber } from '../format.js';
import type { ChartData, FigureKind } from './chart-data.js';

const KINDS: FigureKind[] = ['reported', 'restated', 'first reported'];
/** Kept in step with the legend's swatches in styles.css. */
const KIND_COLOURS = ['#1f5fa8', '#b3470f', '#6b6b6b'];
const KIND_SYMBOLS = ['circle', 'diamond', 'circle'];
const TARGET_COLOUR = '#0a7a3b';
const PATH_COLOUR = '#0a7a3b';
const MARKER_COLOUR = '#8a5a00';
const AS_OF_COLOUR = '#6a1b9a';

const day = (date: string) => new Date(`${date}T00:00:00Z`);

/** The chart's width follows its container, so it works from phone to desktop. */
function useWidth(element: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const node = element.current;
    if (node === null) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(node);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

function build(data: ChartData, width: number, label: string, asOf?: string): SVGSVGElement | HTMLElement {
  const points = data.points.map((p) => ({ ...p, at: day(p.date) }));
  const restatedValue = (period: string) => points.find((p) => p.period === period && p.kind === 'restated')?.value;
  const originals = points.filter((p) => p.kind === 'first reported');
  const current = points.filter((p) => p.kind !== 'first reported');
  const restatements = originals.map((o) => ({ at: o.at, from: o.value, to: restatedValue(o.period) ?? o.value }));
  const target = { ...data.target, at: day(data.target.date) };
  const markers = data.markers.map((m) => ({ ...m, at: day(m.date) }));
  const path = data.requiredPath.map((p) => ({ ...p, at: day(p.date) }));
  const title = (p: (typeof points)[number]) =>
    `${p.period} ${p.kind}: ${data.currency ?? ''} ${shortNumber(p.value)}`.replace(/ {2}/g, ' ');
  const targetText =
    target.value !== undefined
      ? `target ${shortNumber(target.value)} (${target.period})`
      : `target ${shortNumber(target.low ?? 0)}–${shortNumber(target.high ?? 0)} (${target.period})`;
  const narrow = width < 560;
  return Plot.plot({
    width,
    height: narrow ? 300 : 380,
    marginLeft: 56,
    marginTop: 36,
    marginRight: narrow ? 16 : 40,
    ariaLabel: label,
    ariaDescription: `${points.length} figures, the target at its deadline, the required path and ${markers.length} statements`,
    x: { type: 'utc', label: null, nice: true },
    y: { grid: true, zero: true, nice: true, label: data.currency ?? null, tickFormat: (v: number) => shortNumber(v) },
    color: { domain: KINDS, range: KIND_COLOURS },
    symbol: { domain: KINDS, range: KIND_SYMBOLS },
    marks: [
      Plot.ruleX(markers, {
        x: 'at',
        stroke: MARKER_COLOUR,
        strokeDasharray: '2 3',
        ariaDescription: 'statements',
        title: (m: (typeof markers)[number]) => `${m.kind} ${m.date}`,
      }),
      Plot.text(markers, {
        x: 'at',
        text: 'kind',
        frameAnchor: 'top',
        dy: -8,
        fill: MARKER_COLOUR,
        fontSize: 11,
        rotate: narrow ? -30 : 0,
        ariaDescription: 'statement labels',
      }),
      Plot.line(path, {
        x: 'at',
        y: 'value',
        stroke: PATH_COLOUR,
        strokeDasharray: '6 4',
        strokeWidth: 1.5,
        ariaDescription: 'required path',
        // Drawn for the eye; the caption's legend says it in words (a labelled <g> has no role).
        ariaHidden: 'true',
      }),
      Plot.ruleX(restatements, {
        x: 'at',
        y1: 'from',
        y2: 'to',
        stroke: '#b3470f',
        strokeWidth: 1,
        ariaDescription: 'restatements',
      }),
      target.value !== undefined
        ? Plot.dot([target], {
            x: 'at',
            y: 'value',
            symbol: 'star',
            r: 11,
            fill: 'none',
            stroke: TARGET_COLOUR,
            strokeWidth: 2.5,
            title: () => targetText,
            ariaDescription: 'target',
          })
        : Plot.ruleX([target], {
            x: 'at',
            y1: 'low',
            y2: 'high',
            stroke: TARGET_COLOUR,
            strokeWidth: 6,
            title: () => targetText,
            ariaDescription: 'target',
          }),
      Plot.text([target], {
        x: 'at',
        y: target.value ?? target.high ?? 0,
        text: () => targetText,
        dy: -16,
        textAnchor: 'end',
        fill: TARGET_COLOUR,
        fontWeight: 600,
        ariaDescription: 'target label',
      }),
      Plot.dot(originals, {
        x: 'at',
        y: 'value',
        stroke: 'kind',
        fill: 'white',
        r: 5,
        strokeWidth: 2,
        title,
        ariaLabel: title,
        ariaDescription: 'first reported figures',
      }),
      Plot.dot(current, {
        x: 'at',
        y: 'value',
        fill: 'kind',
        symbol: 'kind',
        r: 5,
        title,
        ariaLabel: title,
        ariaDescription: 'figures',
      }),
      Plot.ruleY([0], { ariaHidden: 'true' }),
      // The business date the page shows the ledger at, when it is not today.
      ...(asOf === undefined
        ? []
        : [
            Plot.ruleX([day(asOf)], { stroke: AS_OF_COLOUR, strokeWidth: 2, ariaHidden: 'true' }),
            Plot.text([day(asOf)], {
              x: (d: Date) => d,
              text: () => `as of ${asOf}`,
              frameAnchor: 'bottom',
              dy: -6,
              dx: 4,
              textAnchor: 'start',
              fill: AS_OF_COLOUR,
              fontWeight: 600,
              ariaDescription: 'as of',
            }),
          ]),
    ],
  });
}

/**
 * The metric's figures against the target: filled circles as first reported, diamonds where a
 * restatement changed the value (with the superseded first report as a hollow circle), the target
 * at its deadline (a star), the required constant-growth path from the baseline (dashed), and a
 * dotted rule for each announcement, revision, reaffirmation and withdrawal; with an "as of"
 * date, a solid rule there.
 */
export function TargetChart({ data, label, asOf }: { data: ChartData; label: string; asOf?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container);
  useEffect(() => {
    const node = container.current;
    if (node === null || width === 0) return;
    const chart = build(data, width, label, asOf);
    node.replaceChildren(chart);
    return () => chart.remove();
  }, [data, width, label, asOf]);
  return <div ref={container} className="chart" data-testid="target-chart" />;
}
