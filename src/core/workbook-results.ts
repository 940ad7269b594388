/**
 * The workbook's own per-field results: found, traced back to the answer cells, and compared with ours.
 *
 * Where the results are (first that traces):
 * 1. a chart series (radar first, then any other type) whose categories are text and whose value cells hold formulas;
 * 2. a table of (name, formula) cells: a vertical run of formula cells with a text label to their left (the longest
 *    text within three columns, so a code column between name and formula is skipped), or a horizontal run with
 *    labels above.
 * A candidate counts when at least two of its formulas depend on answer cells of the checklist, its names are
 * distinct and are not answer symbols, the fields do not all depend on the same cells (an answer-count table), and
 * it is not a per-row helper column (each formula depending on its own row only).
 *
 * Tracing runs the formula interpreter (`formula/evaluate.ts`, over `@borgar/fx`'s AST) with the answer cells as
 * symbols: helper cells, cell lists and ranges, criteria functions over a parallel column, SUMPRODUCT, sheet-qualified
 * references and defined names. The rows a field's value depends on are its items. Everything is bounded: at most
 * MAX_CANDIDATES candidates, MAX_FORMULAS formula cells looked at, and one step budget for the whole trace; on
 * exhaustion or odd input the trace is null (never an exception).
 */
import type { Bilingual, ChecklistLocation, FieldScore, ItemResult, WorkbookInput, WorkbookResultField, WorkbookResults } from "./model";
import type { Profile } from "./profile/types";
import { toA1 } from "./a1";
import { BudgetExceeded, Evaluator, FormulaWorkbook, Sym, parseRefText, type AnswerCells } from "./formula/evaluate";
import { fold } from "./text";

export const MAX_CANDIDATES = 64;
export const MAX_FORMULAS = 50_000;
export const TRACE_BUDGET = 6_000_000;
const MAX_FIELDS = 64;

export interface TracedField {
  name: string;
  /** The value as the workbook holds it; null when none (or not a number). */
  value: number | null;
  /** A1 address without the sheet. */
  cell: string;
  row: number;
  col: number;
  /** Where the field's name was read: the label cell of a table, or the chart's category cell (null: its cache). */
  labelRow: number | null;
  labelCol: number | null;
  /** 0-based sheet rows of the checklist's answer cells this field depends on, ascending. */
  rows: number[];
  /**
   * The formula recomputed on the current answers; null when it cannot be evaluated. Computed on demand (see
   * WorkbookTrace.recompute), so a stored value that agrees with ours costs nothing more.
   */
  recomputed?: number | null;
}

export interface WorkbookTrace {
  sheet: string;
  range: string;
  source: "chart" | "table";
  chart: string | null;
  fields: TracedField[];
  /** Evaluates a field's formula on the current answers (memoised per trace; null when it cannot). */
  recompute(field: TracedField): number | null;
}

interface Entry {
  name: string;
  sheet: string;
  row: number;
  col: number;
  label: [number, number] | null;
}
interface Candidate {
  source: "chart" | "table";
  chart: string | null;
  sheet: string;
  entries: Entry[];
  priority: number;
}

const ANSWER_SYMBOLS = new Set(["○", "△", "×", "-", "〇", "◯", "ー", "－"]);

function textOf(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const t = v.trim();
  return t ? t : null;
}

function numberOf(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** Chart series → candidates: categories are names, value cells must be formulas (checked when tracing). */
function chartCandidates(wb: WorkbookInput, fw: FormulaWorkbook): Candidate[] {
  const out: Candidate[] = [];
  for (const ch of wb.charts ?? []) {
    if (!ch || !Array.isArray(ch.series)) continue;
    for (const s of ch.series.slice(0, 16)) {
      if (!s || typeof s.valuesRef !== "string") continue;
      const vals = refCells(s.valuesRef, ch.sheet, fw);
      if (!vals || vals.cells.length < 2 || vals.cells.length > MAX_FIELDS) continue;
      let names: (string | null)[] = [];
      let labels: ([number, number] | null)[] = [];
      const cats = typeof s.categoriesRef === "string" ? refCells(s.categoriesRef, ch.sheet, fw) : null;
      if (cats && cats.cells.length === vals.cells.length) {
        names = cats.cells.map(([r, c]) => textOf(fw.value(cats.sheet, r, c)));
        labels = cats.sheet === vals.sheet ? cats.cells : [];
      }
      if (!names.some((n) => n) && Array.isArray(s.categories)) {
        names = s.categories.map((x) => textOf(x));
        labels = [];
      }
      if (names.length !== vals.cells.length) continue;
      const entries: Entry[] = [];
      vals.cells.forEach(([r, c], i) => {
        const name = names[i];
        if (name) entries.push({ name, sheet: vals.sheet, row: r, col: c, label: labels[i] ?? null });
      });
      const type = typeof ch.type === "string" ? ch.type.toLowerCase() : "";
      out.push({ source: "chart", chart: ch.name ?? null, sheet: vals.sheet, entries, priority: type.includes("radar") ? 3 : 2 });
    }
  }
  return out;
}

/** The cells of a reference (or a defined name standing for one), row-major; null when not a bounded block. */
function refCells(text: string, defaultSheet: string, fw: FormulaWorkbook, depth = 0): { sheet: string; cells: [number, number][] } | null {
  const p = parseRefText(text, defaultSheet);
  if (!p) return null;
  if ("name" in p) {
    if (depth > 4) return null;
    const ref = fw.name(p.name, p.sheet ?? defaultSheet);
    return ref === null ? null : refCells(ref, p.sheet ?? defaultSheet, fw, depth + 1);
  }
  const sheet = fw.canonicalSheet(p.sheet);
  if (!sheet || p.open.rows || p.open.cols) return null;
  const { top, left, bottom, right } = p.range;
  if ((bottom - top + 1) * (right - left + 1) > MAX_FIELDS) return null;
  const cells: [number, number][] = [];
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) cells.push([r, c]);
  return { sheet, cells };
}

/** Runs of formula cells with labels to the left (vertical) or above (horizontal), per sheet. */
function tableCandidates(fw: FormulaWorkbook, location: ChecklistLocation): Candidate[] {
  const out: Candidate[] = [];
  let looked = 0;
  for (const sheet of fw.sheetNames()) {
    const cells: [number, number][] = [];
    for (const [r, c] of fw.formulaCells(sheet)) {
      if (++looked > MAX_FORMULAS) break;
      // The answer column itself and the item text column never hold results.
      if (sheet === location.sheet && (c === location.answerCol || c === location.textCol)) continue;
      cells.push([r, c]);
    }
    const set = new Set(cells.map(([r, c]) => r * 20000 + c));
    const label = (r: number, c: number, dr: number, dc: number): { text: string; at: [number, number] } | null => {
      let best: { text: string; at: [number, number] } | null = null;
      for (let k = 1; k <= 3; k++) {
        const rr = r - dr * k;
        const cc = c - dc * k;
        if (rr < 0 || cc < 0 || set.has(rr * 20000 + cc)) break;
        const t = textOf(fw.value(sheet, rr, cc));
        if (t && (!best || t.length > best.text.length)) best = { text: t, at: [rr, cc] };
      }
      return best;
    };
    for (const [dr, dc] of [
      [0, 1],
      [1, 0],
    ] as const) {
      // Vertical runs (label to the left: dc=1) are keyed by column; horizontal runs (label above: dr=1) by row.
      const lines = new Map<number, number[]>();
      for (const [r, c] of cells) {
        const k = dc ? c : r;
        const list = lines.get(k) ?? [];
        list.push(dc ? r : c);
        lines.set(k, list);
      }
      for (const [k, list] of lines) {
        list.sort((a, b) => a - b);
        let run: Entry[] = [];
        let prev = -2;
        const flush = () => {
          if (run.length >= 2) out.push({ source: "table", chart: null, sheet, entries: run, priority: 1 });
          run = [];
        };
        for (const pos of list) {
          const r = dc ? pos : k;
          const c = dc ? k : pos;
          if (pos !== prev + 1) flush();
          prev = pos;
          const name = label(r, c, dr, dc);
          if (!name) {
            flush();
            prev = -2;
            continue;
          }
          run.push({ name: name.text, sheet, row: r, col: c, label: name.at });
          if (run.length > MAX_FIELDS) run = [];
        }
        flush();
        if (out.length > MAX_CANDIDATES * 4) return out;
      }
    }
  }
  return out;
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Traces one candidate; null when it is not a per-field results block. */
function traceCandidate(c: Candidate, fw: FormulaWorkbook, tracer: Evaluator, valuer: Evaluator, location: ChecklistLocation): WorkbookTrace | null {
  const recompute = (f: TracedField): number | null => {
    if (f.recomputed !== undefined) return f.recomputed;
    let v: number | null = null;
    try {
      v = numberOf(valuer.cell(c.sheet, f.row, f.col));
    } catch (err) {
      if (!(err instanceof BudgetExceeded) && !(err instanceof RangeError) && !(err instanceof TypeError)) throw err;
    }
    f.recomputed = v;
    return v;
  };
  const fields: TracedField[] = [];
  const seen = new Set<string>();
  for (const e of c.entries) {
    if (fw.formula(e.sheet, e.row, e.col) === undefined) continue;
    const key = fold(e.name);
    if (ANSWER_SYMBOLS.has(e.name) || seen.has(key)) return null;
    seen.add(key);
    const t = tracer.cell(e.sheet, e.row, e.col);
    const rows = t instanceof Sym ? Array.from(t.rows).sort((a, b) => a - b) : [];
    if (!rows.length) continue;
    fields.push({
      name: e.name,
      value: numberOf(fw.value(e.sheet, e.row, e.col)),
      cell: toA1(e.row, e.col),
      row: e.row,
      col: e.col,
      labelRow: e.label ? e.label[0] : null,
      labelCol: e.label ? e.label[1] : null,
      rows,
    });
  }
  if (fields.length < 2) return null;
  if (fields.every((f) => sameSet(f.rows, fields[0].rows))) return null;
  const ownRowOnly = fields.filter((f) => f.rows.length === 1 && f.rows[0] === f.row && f.col !== location.answerCol && c.sheet === location.sheet).length;
  if (ownRowOnly * 2 >= fields.length) return null;
  const rs = fields.map((f) => f.row);
  const cs = fields.map((f) => f.col);
  const range = toA1(Math.min(...rs), Math.min(...cs)) + ":" + toA1(Math.max(...rs), Math.max(...cs));
  return { sheet: c.sheet, range, source: c.source, chart: c.chart, fields, recompute };
}

/**
 * Finds and traces the workbook's own per-field results for the checklist at `location`. Never throws; null when the
 * workbook computes none (or the work would exceed its bounds).
 */
export function traceWorkbookResults(wb: WorkbookInput, location: ChecklistLocation, budget = TRACE_BUDGET): WorkbookTrace | null {
  try {
    if (!wb || !Array.isArray(wb.sheets) || !location || !Array.isArray(location.rows)) return null;
    const hasFormulas = wb.sheets.some((s) => s && Array.isArray(s.formulas) && s.formulas.length > 0);
    if (!hasFormulas) return null;
    const fw = new FormulaWorkbook(wb);
    const answers: AnswerCells = { sheet: location.sheet, col: location.answerCol, rows: new Set(location.rows.map((r) => r.row)) };
    const tracer = new Evaluator(fw, answers, "trace", budget);
    const valuer = new Evaluator(fw, answers, "value", budget);
    const candidates = [...chartCandidates(wb, fw), ...tableCandidates(fw, location)]
      .sort((a, b) => b.priority - a.priority || b.entries.length - a.entries.length)
      .slice(0, MAX_CANDIDATES);
    let best: WorkbookTrace | null = null;
    let bestPriority = -1;
    for (const c of candidates) {
      if (best && c.priority < bestPriority) break;
      const t = traceCandidate(c, fw, tracer, valuer, location);
      if (t && (!best || t.fields.length > best.fields.length)) {
        best = t;
        bestPriority = c.priority;
      }
    }
    return best;
  } catch (err) {
    if (err instanceof BudgetExceeded || err instanceof RangeError || err instanceof TypeError) return null;
    throw err;
  }
}

/**
 * True when the column detection took for a 分野 column holds the labels of the workbook's results block on the
 * checklist sheet (names beside their formulas): those are results, not the items' fields.
 */
export function isResultsLabelColumn(trace: WorkbookTrace | null, location: ChecklistLocation): boolean {
  if (!trace || location.fieldCol === null || trace.sheet !== location.sheet) return false;
  return trace.fields.some((f) => f.labelCol === location.fieldCol);
}

/** The row -> workbook field names map and the workbook's field order, for the field assignment. */
export function workbookFieldMap(trace: WorkbookTrace | null): { byRow: Map<number, string[]>; order: string[] } | null {
  if (!trace) return null;
  const byRow = new Map<number, string[]>();
  for (const f of trace.fields) {
    for (const r of f.rows) {
      const list = byRow.get(r) ?? [];
      if (!list.includes(f.name)) list.push(f.name);
      byRow.set(r, list);
    }
  }
  return { byRow, order: trace.fields.map((f) => f.name) };
}

const fmt = (x: number | null) => (x === null ? "-" : String(Math.round(x * 10) / 10));

/** Our score over a set of rows with the profile's weights (same rule as score.ts). */
function scoreRows(items: readonly ItemResult[], rows: ReadonlySet<number>, profile: Profile): number | null {
  let earned = 0;
  let counted = 0;
  for (const it of items) {
    if (!rows.has(it.row) || (it.status !== "ok" && it.status !== "normalized") || !it.answer || it.answer === "-") continue;
    counted++;
    earned += profile.weights[it.answer];
  }
  return counted ? Math.round((1000 * earned) / counted) / 10 : null;
}

/**
 * Compares the traced workbook results with our scores. Ours is our field of the same name (folded), or, when we
 * have none, our rule over the same items. They agree when they differ by at most 0.1 (on a 0-100 scale; a workbook
 * computing fractions is compared ×100; a workbook holding no calculated value is compared through its formula
 * recomputed on the current answers). Otherwise one line says why: a stale stored value (recomputing the formula
 * on the current answers gives another number), other items, or other weights / another rule on the same items.
 */
export function compareWorkbookResults(trace: WorkbookTrace | null, items: readonly ItemResult[], fields: readonly FieldScore[], profile: Profile): WorkbookResults | null {
  if (!trace) return null;
  const byName = new Map(fields.map((f) => [fold(f.name), f]));
  const shown = trace.fields.map((f) => f.value ?? trace.recompute(f)).filter((x): x is number => x !== null);
  const scale = shown.length && shown.every((x) => x >= 0 && x <= 1) && fields.some((f) => f.score !== null && f.score > 1) ? 100 : 1;
  const reasons = { stale: 0, items: 0, lookalikes: 0, weights: 0, missing: 0 };
  const out: WorkbookResultField[] = trace.fields.map((f) => {
    const traceRows = new Set(f.rows);
    const same = byName.get(fold(f.name));
    const ours = same ? same.score : scoreRows(items, traceRows, profile);
    const wbv = f.value !== null ? f.value * scale : null;
    const near = (a: number | null, b: number | null) => a !== null && b !== null && Math.abs(a - b) <= 0.1 + 1e-9;
    // The formula is recomputed on the current answers only when needed: no stored value (e.g. saved by openpyxl),
    // or a stored value that differs from ours (stale, or another rule).
    const r0 = wbv === null || !near(wbv, ours) ? trace.recompute(f) : null;
    const rec = r0 !== null ? r0 * scale : null;
    const effective = wbv ?? rec;
    const agrees = near(effective, ours) || (effective === null && ours === null);
    let why: Bilingual | null = null;
    if (!agrees) {
      // Our items of the field are looked at only when the numbers differ.
      const ourRows = same ? new Set(items.filter((it) => it.fields.includes(same.name)).map((it) => it.row)) : traceRows;
      const sameItems = ourRows.size === traceRows.size && [...ourRows].every((r) => traceRows.has(r));
      if (effective === null) {
        reasons.missing++;
        why = { ja: "ブックにこの値が保存されていません（再計算されていないか、数値以外）。", en: "The workbook holds no value for this field (not calculated, or not a number)." };
      } else if (wbv !== null && rec !== null && !near(wbv, rec)) {
        reasons.stale++;
        why = {
          ja: `ブックの値は古い計算結果です（回答の変更後に再計算されていません）。現在の回答でブックの数式を計算すると ${fmt(rec)}。`,
          en: `The workbook's value is stale (not recalculated since the answers changed); its formula on the current answers gives ${fmt(rec)}.`,
        };
      } else if (!sameItems) {
        reasons.items++;
        const common = [...traceRows].filter((r) => ourRows.has(r)).length;
        why = {
          ja: `対象の項目が違います：ブックは ${traceRows.size} 項目、TICS Check は ${ourRows.size} 項目（共通 ${common}）。`,
          en: `Other items: the workbook counts ${traceRows.size} items, TICS Check ${ourRows.size} (${common} in common).`,
        };
      } else if (items.some((it) => traceRows.has(it.row) && it.status === "normalized")) {
        reasons.lookalikes++;
        why = {
          ja: "同じ項目ですが、表記ゆれ（〇 や x など）の回答を TICS Check は正しい記号として数え、ブックの数式は数えていません。",
          en: "Same items, but TICS Check counts look-alike answers (〇, x, …) as their symbol and the workbook's formula does not.",
        };
      } else {
        reasons.weights++;
        why = {
          ja: "同じ項目ですが、ブックの数式は回答の重み付け（△ の点数など）や計算方法が TICS Check（○1・△0.5・×0、「-」は除外）と違います。",
          en: "Same items, but the workbook's formula weighs the answers differently (e.g. △) or uses another rule than TICS Check (○ 1, △ 0.5, × 0, 「-」 left out).",
        };
      }
    }
    return { name: f.name, value: f.value, cell: f.cell, recomputed: f.recomputed ?? null, ours, items: f.rows.length, agrees, why };
  });
  const differing = out.filter((f) => !f.agrees).length;
  let why: Bilingual | null = null;
  if (differing) {
    const top = (Object.entries(reasons) as [keyof typeof reasons, number][]).sort((a, b) => b[1] - a[1])[0][0];
    const lead = { ja: `${out.length} 分野中 ${differing} 分野でブック自身の値と TICS Check の値が違います：`, en: `${differing} of ${out.length} fields differ from the workbook's own values: ` };
    const tail: Record<typeof top, Bilingual> = {
      stale: { ja: "ブックの保存値が古い（再計算されていない）ためです。", en: "the workbook's stored values are stale (not recalculated)." },
      items: { ja: "分野に数える項目が違うためです。", en: "the fields count other items." },
      weights: { ja: "ブックの数式の重み付け・計算方法が違うためです。", en: "the workbook's formulas weigh the answers differently." },
      lookalikes: { ja: "表記ゆれの回答をブックの数式が数えていないためです。", en: "the workbook's formulas do not count look-alike answers." },
      missing: { ja: "ブックに計算済みの値がないためです。", en: "the workbook holds no calculated values." },
    };
    why = { ja: lead.ja + tail[top].ja, en: lead.en + tail[top].en };
  }
  return { sheet: trace.sheet, range: trace.range, source: trace.source, chart: trace.chart, scale, fields: out, why };
}
