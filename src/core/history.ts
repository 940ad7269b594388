/**
 * The 「履歴」 (history) sheet: one row per written result (date and time, who, overall, readiness, evidence
 * coverage, items by status, the profile/field source and each field's score), a line chart of overall and
 * readiness over time, and the 「前回」 series of the results sheet taken from it. Nothing is appended when the
 * result did not change. Pure: both gateways render `historyModel`.
 */
import type { CellRange, CellValue, HistoryRow, Report, WorkbookInput } from "./model";
import { gridFromA1 } from "./evidence";
import { formatDate, type StoredResult } from "./sheets";
import { labelSheets } from "./sheet-list";

type Lang = "ja" | "en";

export const HISTORY_SHEET = "履歴";

const FIXED: Record<Lang, string[]> = {
  ja: ["日時", "総合スコア", "準備度", "記録者", "証跡カバー率", "○", "△", "×", "-", "未回答", "無効", "「-」不可", "分野の出典"],
  en: ["Date", "Overall", "Readiness", "By", "Evidence coverage", "○", "△", "×", "-", "Blank", "Invalid", "「-」 not allowed", "Field source"],
};
const FIXED_COUNT = FIXED.ja.length;

/** Most rows kept on the sheet (the oldest go first); keeps the sheet and the chart bounded. */
export const HISTORY_MAX_ROWS = 1000;

function num(v: CellValue | undefined): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function str(v: CellValue | undefined): string {
  return v == null ? "" : String(v).trim();
}

/** Could this text be the first header of a history sheet (「日時」 / "Date")? */
export function mayBeHistoryHeader(cell: string): boolean {
  const t = cell.trim();
  return t === FIXED.ja[0] || t === FIXED.en[0];
}

/** Is the grid's first row a history header (in either language)? */
export function isHistoryGrid(grid: CellValue[][]): boolean {
  const h = (grid[0] ?? []).map(str);
  return (h[0] === FIXED.ja[0] && h[1] === FIXED.ja[1]) || (h[0] === FIXED.en[0] && h[1] === FIXED.en[1]);
}

/** The rows of a history sheet grid (values from A1), oldest first; [] when it is not one. */
export function readHistory(grid: CellValue[][]): HistoryRow[] {
  if (!isHistoryGrid(grid)) return [];
  const header = (grid[0] ?? []).map(str);
  const out: HistoryRow[] = [];
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const date = str(row[0]);
    if (!date) continue;
    const fields: { name: string; score: number | null }[] = [];
    for (let c = FIXED_COUNT; c < header.length; c++) {
      if (!header[c]) continue;
      const v = row[c];
      if (v == null || v === "") continue;
      fields.push({ name: header[c], score: num(v) });
    }
    out.push({
      date,
      who: str(row[3]),
      overall: num(row[1]),
      readiness: num(row[2]),
      coverage: num(row[4]),
      counts: {
        "○": num(row[5]) ?? 0,
        "△": num(row[6]) ?? 0,
        "×": num(row[7]) ?? 0,
        "-": num(row[8]) ?? 0,
        blank: num(row[9]) ?? 0,
        invalid: num(row[10]) ?? 0,
        naNotAllowed: num(row[11]) ?? 0,
      },
      source: str(row[12]),
      fields,
    });
  }
  return out;
}

/** The workbook's history: the sheet named 「履歴」 when it is one, else the first sheet that looks like one. */
export function historyFromWorkbook(wb: WorkbookInput): HistoryRow[] {
  const sheets = labelSheets(wb);
  const ordered = [...sheets.filter((s) => s.name === HISTORY_SHEET), ...sheets.filter((s) => s.name !== HISTORY_SHEET)];
  for (const s of ordered) {
    if (isHistoryGrid(gridFromA1(s, 1))) return readHistory(gridFromA1(s));
  }
  return [];
}

/** The history row of a result. */
export function historyRowOf(report: Report, now: Date, who = ""): HistoryRow {
  const s = report.summary;
  const sources = [...new Set(report.items.map((i) => i.fieldSource))].sort();
  return {
    date: formatDate(now),
    who,
    overall: report.overall.score,
    readiness: report.overall.readiness,
    coverage: report.evidence?.overall.coverage ?? null,
    counts: { ...s.counts, blank: s.blank, invalid: s.invalid, naNotAllowed: s.naNotAllowed },
    source: sources.length ? `${report.profile} / ${sources.join("+")}` : report.profile,
    fields: report.fields.map((f) => ({ name: f.name, score: f.score })),
  };
}

/**
 * Same result (date and who aside)? Fields compare by name, so a column order change is no change. A field without
 * a score (nothing scored in it) counts as absent: the sheet writes both as an empty cell, and readHistory cannot
 * tell them apart, so a re-read row of an unchanged result must still compare equal.
 */
export function sameHistory(a: HistoryRow, b: HistoryRow): boolean {
  if (a.overall !== b.overall || a.readiness !== b.readiness || a.coverage !== b.coverage || a.source !== b.source) return false;
  if (JSON.stringify(a.counts) !== JSON.stringify(b.counts)) return false;
  const scored = (r: HistoryRow) => new Map(r.fields.filter((f) => f.score !== null).map((f) => [f.name, f.score] as const));
  const fa = scored(a);
  const fb = scored(b);
  if (fa.size !== fb.size) return false;
  return [...fb].every(([name, score]) => fa.has(name) && fa.get(name) === score);
}

export interface HistoryUpdate {
  rows: HistoryRow[];
  /** A row was appended (the result changed). */
  appended: boolean;
  /** What the results sheet shows as 「前回」: the last row before this result, or null. */
  previous: StoredResult | null;
}

function stored(row: HistoryRow): StoredResult {
  return { date: row.date, overall: row.overall, fields: row.fields };
}

/**
 * Appends `current` unless it equals the last row. 「前回」 is the last row before the current result: the old
 * last row when one was appended, else the row before the last (the last one is the current result already).
 */
export function appendHistory(old: HistoryRow[], current: HistoryRow): HistoryUpdate {
  const last = old[old.length - 1];
  if (last && sameHistory(last, current)) {
    const before = old[old.length - 2];
    return { rows: old, appended: false, previous: before ? stored(before) : null };
  }
  const rows = [...old, current].slice(-HISTORY_MAX_ROWS);
  return { rows, appended: true, previous: last ? stored(last) : null };
}

export interface HistoryModel {
  name: string;
  /** The whole sheet from A1: header, then one row per result. */
  rows: CellValue[][];
  /** Categories of the line chart (the date column, without header). */
  categories: CellRange;
  /** Series of the line chart: overall and readiness (header cell + values). */
  series: { name: string; range: CellRange }[];
  chartTitle: string;
  chartAnchor: CellRange;
}

/**
 * Renders the history rows. Date, overall and readiness are the first three columns, so the line chart's source is
 * one block (A:C) whose text column Excel takes as the categories. Field columns are the union of every row's
 * fields in order of appearance.
 */
export function historyModel(rows: HistoryRow[], lang: Lang): HistoryModel {
  const fieldNames: string[] = [];
  for (const r of rows) for (const f of r.fields) if (!fieldNames.includes(f.name)) fieldNames.push(f.name);
  const header: CellValue[] = [...FIXED[lang], ...fieldNames];
  const grid: CellValue[][] = [header];
  for (const r of rows) {
    const byName = new Map(r.fields.map((f) => [f.name, f.score] as const));
    grid.push([
      r.date,
      r.overall,
      r.readiness,
      r.who,
      r.coverage,
      r.counts["○"],
      r.counts["△"],
      r.counts["×"],
      r.counts["-"],
      r.counts.blank,
      r.counts.invalid,
      r.counts.naNotAllowed,
      r.source,
      ...fieldNames.map((n) => (byName.has(n) ? (byName.get(n) ?? null) : null)),
    ]);
  }
  const bottom = Math.max(1, grid.length - 1);
  const width = header.length;
  return {
    name: HISTORY_SHEET,
    rows: grid,
    categories: { top: 1, left: 0, bottom, right: 0 },
    series: [
      { name: String(header[1]), range: { top: 0, left: 1, bottom, right: 1 } },
      { name: String(header[2]), range: { top: 0, left: 2, bottom, right: 2 } },
    ],
    chartTitle: lang === "ja" ? "総合スコアと準備度の推移" : "Overall score and readiness over time",
    chartAnchor: { top: Math.max(2, grid.length + 1), left: 0, bottom: Math.max(2, grid.length + 1) + 16, right: Math.min(width, 8) },
  };
}

/** Change of each field since the previous row (current minus previous), for the pane's trend. */
export function fieldChanges(
  report: Report,
  previous: StoredResult | null,
): { name: string; nameEn: string; score: number | null; previous: number | null; change: number | null }[] {
  const prev = new Map((previous?.fields ?? []).map((f) => [f.name, f.score] as const));
  return report.fields.map((f) => {
    const p = prev.has(f.name) ? (prev.get(f.name) ?? null) : null;
    const change = f.score !== null && p !== null ? Math.round((f.score - p) * 10) / 10 : null;
    return { name: f.name, nameEn: f.nameEn, score: f.score, previous: p, change };
  });
}

/**
 * The row the current result compares with: the last history row, or the one before it when the last row is the
 * current result already (it was appended when the results were written).
 */
export function previousOf(rows: readonly HistoryRow[], report: Report): HistoryRow | null {
  const last = rows[rows.length - 1];
  if (!last) return null;
  if (sameHistory(last, historyRowOf(report, new Date(0)))) return rows[rows.length - 2] ?? null;
  return last;
}

/** A history row as the results sheet's 「前回」 (date, overall, fields). */
export function storedOf(row: HistoryRow | null): StoredResult | null {
  return row ? stored(row) : null;
}
