/**
 * Radar chart of field scores as a self-contained inline SVG string (no fonts, scripts or links).
 * Used by the HTML report; pure string building so it runs in the browser, the CLI and tests alike.
 */

export interface RadarField {
  label: string;
  /** One value per series, 0-100, or null when the field has no score in that series. */
  values: (number | null)[];
}

export interface RadarOptions {
  /** Accessible title (the <title> element) and visible heading inside the chart. */
  title: string;
  /** Longer text description for screen readers; defaults to a list of the values. */
  description?: string;
  /** Diameter of the chart area in px (labels and legend add to it); default 360. */
  size?: number;
  /** Text shown for a missing value in the description; default "-". */
  missing?: string;
  /** Series colours, in order; defaults to a blue and a grey. */
  colors?: string[];
}

const DEFAULT_COLORS = ["#1f6fb2", "#8a8a8a", "#c2571a", "#2e8b57"];

/** Escapes text for use in XML/HTML element content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => {
    switch (ch) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      default:
        return "&#39;";
    }
  });
}

/**
 * Runs of consecutive axes that have a value, going round the chart. A chart where every axis has a value is one
 * closed run (`closed`); otherwise each run is an open line and the axes without a value stay a gap (never 0).
 */
export function valueRuns(values: readonly (number | null)[]): { closed: boolean; runs: number[][] } {
  const n = values.length;
  const has = (i: number): boolean => values[i] != null && Number.isFinite(values[i] as number);
  if (n > 0 && values.every((_, i) => has(i))) return { closed: true, runs: [values.map((_, i) => i)] };
  const start = values.findIndex((_, i) => !has(i));
  const runs: number[][] = [];
  let run: number[] = [];
  for (let k = 1; k <= n; k++) {
    const i = (start + k) % n;
    if (has(i)) run.push(i);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return { closed: false, runs };
}

/** Width of a character in label units: wide (CJK) characters count double. */
function unitWidth(ch: string): number {
  return (ch.codePointAt(0) ?? 0) < 0x1100 ? 1 : 2;
}

/**
 * A label broken into at most `maxLines` lines of at most `maxUnits` units (CJK counts double), breaking after
 * 「・」「、」 spaces or before 「（」 where possible; a label that still does not fit ends with 「…」 (the full name
 * is in the table and the tooltip).
 */
export function wrapLabel(label: string, maxUnits: number, maxLines = 2): string[] {
  const chars = [...label.trim()];
  const lines: string[] = [];
  let i = 0;
  while (i < chars.length && lines.length < maxLines) {
    let w = 0;
    let j = i;
    let lastBreak = -1;
    while (j < chars.length && w + unitWidth(chars[j]) <= maxUnits) {
      w += unitWidth(chars[j]);
      const ch = chars[j];
      if (ch === "・" || ch === "、" || ch === " " || ch === "," || ch === "/") lastBreak = j + 1;
      if ((chars[j + 1] === "（" || chars[j + 1] === "(") && j + 1 > i) lastBreak = j + 1;
      j++;
    }
    const end = j >= chars.length ? j : lastBreak > i ? lastBreak : j;
    lines.push(chars.slice(i, end).join("").trim());
    i = end;
    while (chars[i] === " ") i++;
  }
  if (i < chars.length) {
    const last = [...lines[lines.length - 1]];
    let w = last.reduce((s, ch) => s + unitWidth(ch), 0);
    while (last.length && w + 1 > maxUnits) w -= unitWidth(last.pop() as string);
    lines[lines.length - 1] = last.join("") + "…";
  }
  return lines;
}

function fmt(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

function clamp(v: number): number {
  if (!Number.isFinite(v)) return 0;
  return Math.max(0, Math.min(100, v));
}

function describe(fields: RadarField[], series: string[], missing: string): string {
  return fields
    .map((f) => {
      const vals = series.map((s, i) => {
        const v = f.values[i];
        return `${s} ${v == null ? missing : fmt(v)}`;
      });
      return `${f.label}: ${vals.join(", ")}`;
    })
    .join("; ");
}

/**
 * Builds the chart. Axes start at the top and go clockwise in field order; rings at 20, 40, 60, 80, 100.
 * A null value is a gap in the series' line (not drawn as 0), marked 「-」 on its axis.
 */
export function radarSvg(fields: RadarField[], series: string[], opts: RadarOptions): string {
  const size = opts.size ?? 360;
  const colors = opts.colors ?? DEFAULT_COLORS;
  const missing = opts.missing ?? "-";
  // Room around the chart for field labels (long Japanese names sit left and right of the axes).
  const padX = 130;
  const padTop = 28;
  const width = size + 2 * padX;
  const legendTop = padTop + size + 24;
  const height = legendTop + 22 * Math.max(1, series.length);
  const cx = padX + size / 2;
  const cy = padTop + size / 2;
  const radius = size / 2 - 20;
  const n = fields.length;
  const desc = opts.description ?? describe(fields, series, missing);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="radar-title radar-desc" ` +
      `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" class="radar">`,
  );
  parts.push(`<title id="radar-title">${escapeXml(opts.title)}</title>`);
  parts.push(`<desc id="radar-desc">${escapeXml(desc)}</desc>`);
  if (n === 0) {
    parts.push(`<text x="${fmt(cx)}" y="${fmt(cy)}" text-anchor="middle" font-size="14">${escapeXml(missing)}</text>`);
    parts.push("</svg>");
    return parts.join("");
  }
  const angle = (i: number): number => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const point = (i: number, value: number): [number, number] => {
    const r = (radius * clamp(value)) / 100;
    return [cx + r * Math.cos(angle(i)), cy + r * Math.sin(angle(i))];
  };
  // Rings.
  for (const level of [20, 40, 60, 80, 100]) {
    const pts = fields.map((_, i) => point(i, level).map(fmt).join(",")).join(" ");
    parts.push(`<polygon points="${pts}" fill="none" stroke="#d0d0d0" stroke-width="1"/>`);
    // Ring values just right of the first axis, below the ring line (clear of the first field's label).
    const [lx, ly] = point(0, level);
    parts.push(`<text x="${fmt(lx + 3)}" y="${fmt(ly + 10)}" font-size="9" fill="#777">${level}</text>`);
  }
  // Axes and labels.
  fields.forEach((f, i) => {
    const [x, y] = point(i, 100);
    parts.push(`<line x1="${fmt(cx)}" y1="${fmt(cy)}" x2="${fmt(x)}" y2="${fmt(y)}" stroke="#c0c0c0" stroke-width="1"/>`);
    const cos = Math.cos(angle(i));
    const sin = Math.sin(angle(i));
    const tx = cx + (radius + 10) * cos;
    const ty = cy + (radius + 10) * sin + (sin < -0.5 ? -2 : sin > 0.5 ? 12 : 4);
    const anchor = Math.abs(cos) < 0.2 ? "middle" : cos > 0 ? "start" : "end";
    // Two lines at most, each within the room beside the chart (padX); the full name is in the table.
    const lines = wrapLabel(f.label, anchor === "middle" ? 40 : 20);
    const y0 = sin < -0.5 ? ty - 14 * (lines.length - 1) : ty;
    const spans = lines.map((l, k) => `<tspan x="${fmt(tx)}" y="${fmt(y0 + 14 * k)}">${escapeXml(l)}</tspan>`).join("");
    parts.push(`<text text-anchor="${anchor}" font-size="12"><title>${escapeXml(f.label)}</title>${spans}</text>`);
  });
  // Series.
  series.forEach((s, si) => {
    const color = colors[si % colors.length];
    const dash = si === 0 ? "" : ` stroke-dasharray="5,3"`;
    const fill = si === 0 ? color : "none";
    // A field without a value is a gap in the line (never drawn as 0) and marked 「-」 on its axis.
    const { closed, runs } = valueRuns(fields.map((f) => f.values[si] ?? null));
    for (const run of runs) {
      const pts = run.map((i) => point(i, fields[i].values[si] as number).map(fmt).join(",")).join(" ");
      if (closed) {
        parts.push(`<polygon class="series" data-series="${escapeXml(s)}" points="${pts}" fill="${fill}" fill-opacity="0.18" stroke="${color}" stroke-width="2"${dash}/>`);
      } else {
        parts.push(`<polyline class="series" data-series="${escapeXml(s)}" points="${pts}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
      }
    }
    fields.forEach((f, i) => {
      const v = f.values[si];
      if (v == null) {
        if (si === 0) {
          const [x, y] = point(i, 12);
          parts.push(`<text class="gap" x="${fmt(x)}" y="${fmt(y + 4)}" text-anchor="middle" font-size="12" fill="${color}">${escapeXml(missing)}</text>`);
        }
        return;
      }
      const [x, y] = point(i, v);
      parts.push(`<circle cx="${fmt(x)}" cy="${fmt(y)}" r="3" fill="${color}"/>`);
    });
    // Legend.
    const ly = legendTop + 22 * si;
    parts.push(`<rect x="16" y="${ly}" width="14" height="14" fill="${color}" fill-opacity="0.5" stroke="${color}"/>`);
    parts.push(`<text x="36" y="${ly + 12}" font-size="12">${escapeXml(s)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}
