/**
 * Field scores as an SVG radar chart (React elements, Fluent tokens for every colour) plus a bar list.
 * `radarGeometry` is the pure part (tested on its own); the components only draw it.
 */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { valueRuns, wrapLabel } from "../core/radar-svg";

export interface RadarPoint {
  x: number;
  y: number;
}

export interface RadarAxis {
  label: string;
  /** Where the axis ends (score 100). */
  end: RadarPoint;
  /** Where the label goes and how it is anchored. */
  labelAt: RadarPoint;
  anchor: "start" | "middle" | "end";
  /** Where the value sits; the centre for a missing value. */
  value: RadarPoint;
  missing: boolean;
}

export interface RadarGeometry {
  size: number;
  centre: RadarPoint;
  radius: number;
  /** Polygons of the rings at 20, 40, 60, 80, 100, as SVG points strings. */
  rings: { level: number; points: string }[];
  axes: RadarAxis[];
  /** The score polygon as an SVG points string (every axis, a missing value at the centre). */
  shape: string;
  /** What is drawn: one closed polygon when every axis has a score, else open lines with gaps at the missing ones. */
  lines: { closed: boolean; points: string[] };
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** Geometry of a radar chart: axes clockwise from the top; scores clamped to 0-100; null drawn at the centre. */
export function radarGeometry(fields: { label: string; score: number | null }[], size = 300): RadarGeometry {
  const c = size / 2;
  const radius = size / 2 - 58;
  const n = Math.max(fields.length, 1);
  const angle = (i: number): number => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const at = (i: number, v: number): RadarPoint => {
    const r = (radius * Math.max(0, Math.min(100, Number.isFinite(v) ? v : 0))) / 100;
    return { x: round(c + r * Math.cos(angle(i))), y: round(c + r * Math.sin(angle(i))) };
  };
  const pts = (list: RadarPoint[]): string => list.map((p) => `${p.x},${p.y}`).join(" ");
  const rings = [20, 40, 60, 80, 100].map((level) => ({ level, points: pts(fields.map((_, i) => at(i, level))) }));
  const axes: RadarAxis[] = fields.map((f, i) => {
    const cos = Math.cos(angle(i));
    const r = radius + 10;
    return {
      label: f.label,
      end: at(i, 100),
      labelAt: { x: round(c + r * cos), y: round(c + r * Math.sin(angle(i)) + 4) },
      anchor: Math.abs(cos) < 0.2 ? "middle" : cos > 0 ? "start" : "end",
      value: at(i, f.score ?? 0),
      missing: f.score == null,
    };
  });
  const { closed, runs } = valueRuns(fields.map((f) => f.score));
  const lines = { closed, points: runs.map((run) => pts(run.map((i) => axes[i].value))) };
  return { size, centre: { x: c, y: c }, radius, rings, axes, shape: pts(axes.map((a) => a.value)), lines };
}

/** Room on each side for axis labels (px). */
const LABEL_ROOM = 84;
/** Label line length in units (a CJK character counts 2) beside the chart, and above/below it. */
const SIDE_UNITS = 14;
const TOP_UNITS = 26;

/** Axis labels are cut to fit beside the chart; the full names are in the bars and the table. */
export function shortLabel(label: string): string {
  // Wide (CJK) characters count double.
  let width = 0;
  let out = "";
  for (const ch of label) {
    width += (ch.codePointAt(0) ?? 0) < 0x100 ? 1 : 2;
    if (width > 20) return out + "…";
    out += ch;
  }
  return out;
}

const useStyles = makeStyles({
  svg: { display: "block", maxWidth: "100%", height: "auto", margin: "0 auto" },
  bars: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  bar: { display: "grid", gridTemplateColumns: "minmax(6em, 40%) 1fr 3em", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  track: { height: "8px", backgroundColor: tokens.colorNeutralBackground5, borderRadius: tokens.borderRadiusSmall, overflow: "hidden" },
  fill: { height: "100%", backgroundColor: tokens.colorBrandBackground, borderRadius: tokens.borderRadiusSmall },
  name: { fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere", minWidth: 0 },
  num: { fontSize: tokens.fontSizeBase200, textAlign: "end", fontVariantNumeric: "tabular-nums" },
});

export interface RadarProps {
  fields: { label: string; score: number | null }[];
  title: string;
  description: string;
  size?: number;
}

/** The chart; labelled by <title>/<desc> for screen readers (the pane also gives a table alternative). */
export function RadarChart({ fields, title, description, size = 300 }: RadarProps): React.ReactElement {
  const styles = useStyles();
  const g = radarGeometry(fields, size);
  const id = React.useId();
  return (
    <svg
      className={styles.svg}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      width={g.size + 2 * LABEL_ROOM}
      height={g.size}
      viewBox={`${-LABEL_ROOM} 0 ${g.size + 2 * LABEL_ROOM} ${g.size}`}
      data-testid="radar"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {g.rings.map((r) => (
        <polygon key={r.level} points={r.points} fill="none" stroke={tokens.colorNeutralStroke2} strokeWidth={1} />
      ))}
      {g.axes.map((a, i) => {
        const lines = wrapLabel(a.label, a.anchor === "middle" ? TOP_UNITS : SIDE_UNITS, 3);
        const up = a.labelAt.y < g.centre.y - g.radius / 2;
        const y0 = up ? a.labelAt.y - 12 * (lines.length - 1) : a.labelAt.y;
        return (
          <g key={i}>
            <line x1={g.centre.x} y1={g.centre.y} x2={a.end.x} y2={a.end.y} stroke={tokens.colorNeutralStroke2} strokeWidth={1} />
            <text textAnchor={a.anchor} fontSize={11} fill={tokens.colorNeutralForeground2}>
              <title>{a.label}</title>
              {lines.map((l, k) => (
                <tspan key={k} x={a.labelAt.x} y={y0 + 12 * k}>
                  {l}
                </tspan>
              ))}
            </text>
          </g>
        );
      })}
      {g.lines.points.map((pts, k) =>
        g.lines.closed ? (
          <polygon key={k} points={pts} fill={tokens.colorBrandBackground} fillOpacity={0.2} stroke={tokens.colorBrandStroke1} strokeWidth={2} />
        ) : (
          <polyline key={k} points={pts} fill="none" stroke={tokens.colorBrandStroke1} strokeWidth={2} data-testid="radar-run" />
        ),
      )}
      {g.axes.map((a, i) =>
        a.missing ? (
          // No score: a gap in the line, marked 「-」 near the centre on its axis (never drawn as 0).
          <text
            key={i}
            x={g.centre.x + (a.end.x - g.centre.x) * 0.15}
            y={g.centre.y + (a.end.y - g.centre.y) * 0.15 + 4}
            textAnchor="middle"
            fontSize={12}
            fill={tokens.colorNeutralForeground1}
            data-testid="radar-gap"
          >
            -
          </text>
        ) : (
          <circle key={i} cx={a.value.x} cy={a.value.y} r={3} fill={tokens.colorBrandForeground1} stroke={tokens.colorBrandStroke1} />
        ),
      )}
    </svg>
  );
}

/**
 * Horizontal bars, one per field (aria-hidden: the table alternative carries the same numbers, rounded the same
 * way: one decimal). A field without a score has an empty track and 「-」.
 */
export function ScoreBars({ fields, missing }: { fields: { label: string; score: number | null }[]; missing: string }): React.ReactElement {
  const styles = useStyles();
  return (
    <ul className={styles.bars} aria-hidden="true">
      {fields.map((f, i) => (
        <li key={i} className={styles.bar}>
          <span className={styles.name} title={f.label}>
            {f.label}
          </span>
          <span className={styles.track}>
            <span className={styles.fill} style={{ display: "block", width: `${Math.max(0, Math.min(100, f.score ?? 0))}%` }} />
          </span>
          <span className={styles.num}>{f.score == null ? missing : (Math.round(f.score * 10) / 10).toString()}</span>
        </li>
      ))}
    </ul>
  );
}
