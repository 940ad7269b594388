/**
 * Reads what the engine needs to find the workbook's own results: the formulas of each worksheet (sparse; shared
 * formulas expanded with `@borgar/fx`'s R1C1 translation), the defined names, and the charts (drawing -> chart
 * parts: type, and per series the name / category / value references with their caches).
 *
 * Kept apart from the value reader (xlsx-read.ts) so each can change on its own. Bounded: at most MAX_FORMULAS
 * formula cells per workbook, formulas longer than MAX_FORMULA_TEXT are skipped, at most MAX_CHARTS charts and
 * MAX_SERIES series per chart, MAX_POINTS cached points per series. Browser-safe: no Node imports.
 */
import { translateFormulaToA1, translateFormulaToR1C1 } from "@borgar/fx";
import type { ChartInput, ChartSeriesInput, DefinedNameInput, FormulaCell } from "../core/model";
import { colOfRef } from "./cells";
import type { Package } from "./package";
import { decodeEntities, parseAttrs, scanXml } from "./xml";

export const MAX_FORMULAS = 200_000;
export const MAX_FORMULA_TEXT = 8192;
export const MAX_CHARTS = 64;
export const MAX_SERIES = 32;
export const MAX_POINTS = 1000;

/** A1 reference "E12" -> [row, col] (0-based), or null. */
function cellRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  return [parseInt(m[2], 10) - 1, colOfRef(m[1])];
}

/**
 * The formula cells of one worksheet part. Scans only the `<f>` elements (and the `<c>` start tag each lies in), so a
 * sheet without formulas costs one `indexOf`. `budget.left` is shared by the workbook's sheets.
 */
export function readSheetFormulas(xml: string, budget: { left: number }): FormulaCell[] {
  const out: FormulaCell[] = [];
  if (xml.indexOf("<f") < 0) return out;
  const masters = new Map<string, { text: string; anchor: string }>();
  let pos = 0;
  for (;;) {
    const f = xml.indexOf("<f", pos);
    if (f < 0 || budget.left <= 0) break;
    const after = xml.charCodeAt(f + 2);
    pos = f + 2;
    // <f> or <f …> only (not <font>, <fill>, …).
    if (after !== 62 && after !== 32 && after !== 47 && after !== 9 && after !== 10 && after !== 13) continue;
    const tagEnd = xml.indexOf(">", f);
    if (tagEnd < 0) break;
    const c = xml.lastIndexOf("<c ", f);
    if (c < 0) continue;
    const cEnd = xml.indexOf(">", c);
    const ref = parseAttrs(xml.slice(c + 3, cEnd)).r;
    const at = ref ? cellRef(ref) : null;
    if (!at) continue;
    const selfClosing = xml.charCodeAt(tagEnd - 1) === 47;
    const a = parseAttrs(xml.slice(f + 2, selfClosing ? tagEnd - 1 : tagEnd));
    let text = "";
    if (!selfClosing) {
      const close = xml.indexOf("</f>", tagEnd);
      if (close < 0) break;
      if (close - tagEnd - 1 > MAX_FORMULA_TEXT * 6) {
        pos = close + 4;
        continue;
      }
      text = decodeEntities(xml.slice(tagEnd + 1, close));
      pos = close + 4;
    } else pos = tagEnd + 1;
    if (a.t === "dataTable") continue;
    if (a.t === "shared" && a.si !== undefined) {
      if (text) masters.set(a.si, { text, anchor: ref as string });
      else {
        const m = masters.get(a.si);
        if (!m) continue;
        try {
          text = translateFormulaToA1(translateFormulaToR1C1(m.text, m.anchor), ref as string);
        } catch {
          continue;
        }
      }
    }
    text = text.trim();
    if (!text || text.length > MAX_FORMULA_TEXT) continue;
    out.push({ row: at[0], col: at[1], formula: text.startsWith("=") ? text.slice(1) : text });
    budget.left--;
  }
  return out;
}

/** Defined names: the workbook's <definedName> entries with their scope's sheet name. */
export function definedNameInputs(names: { name: string; localSheetId: number | null; value: string }[], sheetNames: string[]): DefinedNameInput[] {
  return names
    .filter((n) => n.name && n.value)
    .map((n) => ({ name: n.name, ref: n.value.trim(), sheet: n.localSheetId !== null ? (sheetNames[n.localSheetId] ?? null) : null }));
}

/** The charts drawn on one worksheet part (sheet -> drawing -> chart relationships). Never throws. */
export function readSheetCharts(pkg: Package, sheetPart: string, sheetName: string, budget: { left: number }): ChartInput[] {
  const out: ChartInput[] = [];
  try {
    for (const d of pkg.rels(sheetPart)) {
      if (d.external || !d.type.endsWith("/drawing")) continue;
      for (const c of pkg.rels(d.target)) {
        if (c.external || !c.type.endsWith("/chart") || budget.left <= 0) continue;
        const xml = pkg.text(c.target);
        if (!xml) continue;
        budget.left--;
        const chart = parseChartXml(xml, sheetName);
        if (chart) out.push(chart);
      }
    }
  } catch {
    // A damaged drawing or chart part only loses the chart.
  }
  return out;
}

const PLOT_TYPES = /^(radar|bar|bar3D|line|line3D|area|area3D|pie|pie3D|doughnut|scatter|bubble|stock|surface|surface3D|ofPie)Chart$/;

/** One chart part: its first plot's type and every series' references and caches. */
export function parseChartXml(xml: string, sheet: string): ChartInput | null {
  let type = "";
  let title = "";
  let inTitle = 0;
  let inPlotArea = false;
  const series: ChartSeriesInput[] = [];
  let ser: ChartSeriesInput | null = null;
  let part: "" | "tx" | "cat" | "val" = "";
  let target: "" | "f" | "v" | "t" = "";
  let buf = "";
  let ptIdx = -1;
  let ptCount = 0;
  let cache: { idx: number; v: string }[] = [];
  try {
    scanXml(xml, {
      open(name, raw, selfClosing) {
        if (name === "plotArea") inPlotArea = true;
        if (name === "title" && !selfClosing && !ser) inTitle++;
        if (inPlotArea && !type && PLOT_TYPES.test(name)) type = name.replace(/Chart$/, "");
        if (name === "ser" && !selfClosing && inPlotArea) {
          ser = { name: null, nameRef: null, categoriesRef: null, valuesRef: null, categories: null, values: null };
          return;
        }
        if (!ser) {
          if (inTitle && name === "t" && !selfClosing) {
            target = "t";
            buf = "";
          }
          return;
        }
        if ((name === "tx" || name === "cat" || name === "val" || name === "xVal" || name === "yVal") && !part && !selfClosing) {
          part = name === "xVal" ? "cat" : name === "yVal" ? "val" : (name as "tx" | "cat" | "val");
          cache = [];
          ptCount = 0;
        } else if (part && name === "f" && !selfClosing) {
          target = "f";
          buf = "";
        } else if (part && name === "ptCount") {
          ptCount = Math.min(parseInt(parseAttrs(raw).val ?? "0", 10) || 0, MAX_POINTS);
        } else if (part && name === "pt") {
          ptIdx = parseInt(parseAttrs(raw).idx ?? "-1", 10);
        } else if (part && name === "v" && !selfClosing) {
          target = "v";
          buf = "";
        }
      },
      text(t) {
        if (target) buf += t;
      },
      close(name) {
        if (target === "t" && name === "t") {
          title += buf;
          target = "";
          return;
        }
        if (name === "title" && inTitle) inTitle--;
        if (name === "plotArea") inPlotArea = false;
        const s = ser as ChartSeriesInput | null;
        if (!s) return;
        if (name === "f" && target === "f") {
          const f = buf.trim();
          if (part === "tx") s.nameRef = f;
          else if (part === "cat") s.categoriesRef = f;
          else if (part === "val") s.valuesRef = f;
          target = "";
        } else if (name === "v" && target === "v") {
          if (part === "tx" && ptIdx < 0) s.name = buf;
          else if (ptIdx >= 0 && ptIdx < MAX_POINTS && cache.length < MAX_POINTS) cache.push({ idx: ptIdx, v: buf });
          target = "";
        } else if (name === "pt") {
          ptIdx = -1;
        } else if (part && (name === "tx" || name === "cat" || name === "val" || name === "xVal" || name === "yVal")) {
          const n = Math.max(ptCount, ...cache.map((p) => p.idx + 1), 0);
          if (part === "tx") {
            if (s.name === null && cache.length) s.name = cache[0].v;
          } else if (part === "cat") {
            const arr: (string | null)[] = new Array(n).fill(null);
            for (const p of cache) arr[p.idx] = p.v;
            s.categories = n ? arr : null;
          } else {
            const arr: (number | null)[] = new Array(n).fill(null);
            for (const p of cache) {
              const x = Number(p.v);
              arr[p.idx] = p.v.trim() !== "" && Number.isFinite(x) ? x : null;
            }
            s.values = n ? arr : null;
          }
          part = "";
        } else if (name === "ser") {
          if (series.length < MAX_SERIES) series.push(s);
          ser = null;
        }
      },
    });
  } catch {
    return null;
  }
  if (!type && !series.length) return null;
  return { sheet, ...(title ? { name: title } : {}), type: type || "unknown", series };
}
