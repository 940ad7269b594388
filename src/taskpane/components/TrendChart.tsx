/**
 * A small SVG line chart of overall score and readiness over the recorded results (the 「履歴」 sheet's rows, or
 * the checks remembered in browser mode). `trendGeometry` is the pure part, tested on its own.
 */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { HistoryRow } from "../../core/model";

export interface TrendGeometry {
  width: number;
  height: number;
  /** SVG points strings; a missing value breaks nothing, it is left out. */
  overall: string;
  readiness: string;
  /** y of the 0, 50 and 100 grid lines. */
  grid: { level: number; y: number }[];
  first: string;
  last: string;
}

const PAD = { left: 26, right: 8, top: 8, bottom: 18 };

export function trendGeometry(rows: readonly HistoryRow[], width = 280, height = 120): TrendGeometry {
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const n = rows.length;
  const x = (i: number): number => Math.round((PAD.left + (n <= 1 ? w / 2 : (w * i) / (n - 1))) * 10) / 10;
  const y = (v: number): number => Math.round((PAD.top + h - (h * Math.max(0, Math.min(100, v))) / 100) * 10) / 10;
  const line = (pick: (r: HistoryRow) => number | null): string =>
    rows
      .map((r, i) => {
        const v = pick(r);
        return v === null ? null : `${x(i)},${y(v)}`;
      })
      .filter((p): p is string => p !== null)
      .join(" ");
  return {
    width,
    height,
    overall: line((r) => r.overall),
    readiness: line((r) => r.readiness),
    grid: [0, 50, 100].map((level) => ({ level, y: y(level) })),
    first: rows[0]?.date.slice(0, 10) ?? "",
    last: rows[n - 1]?.date.slice(0, 10) ?? "",
  };
}

const useStyles = makeStyles({
  svg: { maxWidth: "100%", height: "auto" },
  legend: { display: "flex", columnGap: tokens.spacingHorizontalM, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  swatch: { display: "inline-block", width: "12px", height: "3px", marginRight: "4px", verticalAlign: "middle" },
});

export function TrendChart(props: {
  rows: readonly HistoryRow[];
  title: string;
  description: string;
  labels: { overall: string; readiness: string };
}): React.ReactElement {
  const styles = useStyles();
  const g = trendGeometry(props.rows);
  const overallColour = tokens.colorBrandForeground1;
  const readinessColour = tokens.colorPaletteDarkOrangeForeground1;
  return (
    <figure style={{ margin: 0 }} data-testid="trend-chart">
      <svg className={styles.svg} width={g.width} height={g.height} viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-label={`${props.title}. ${props.description}`}>
        <title>{props.title}</title>
        {g.grid.map((l) => (
          <g key={l.level}>
            <line x1={PAD.left} x2={g.width - PAD.right} y1={l.y} y2={l.y} stroke={tokens.colorNeutralStroke2} strokeWidth={1} />
            <text x={PAD.left - 4} y={l.y + 4} textAnchor="end" fontSize="10" fill={tokens.colorNeutralForeground3}>
              {l.level}
            </text>
          </g>
        ))}
        <polyline points={g.overall} fill="none" stroke={overallColour} strokeWidth={2} data-series="overall" />
        <polyline points={g.readiness} fill="none" stroke={readinessColour} strokeWidth={2} strokeDasharray="4 3" data-series="readiness" />
        <text x={PAD.left} y={g.height - 4} fontSize="10" fill={tokens.colorNeutralForeground3}>
          {g.first}
        </text>
        <text x={g.width - PAD.right} y={g.height - 4} fontSize="10" textAnchor="end" fill={tokens.colorNeutralForeground3}>
          {g.last}
        </text>
      </svg>
      <figcaption className={styles.legend}>
        <span>
          <span className={styles.swatch} style={{ backgroundColor: overallColour }} />
          {props.labels.overall}
        </span>
        <span>
          <span className={styles.swatch} style={{ backgroundColor: readinessColour }} />
          {props.labels.readiness}
        </span>
      </figcaption>
    </figure>
  );
}
