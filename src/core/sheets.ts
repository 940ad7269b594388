/**
 * Layout of the two sheets TICS Check writes back: 「診断結果」 (results) and 「改善計画」 (plan).
 * Pure models (cell grids + where the table and chart go). The Excel gateway and the .xlsx annotator both render
 * these, so the add-in and the file output look the same.
 */
import type { Answer, CellRange, CellValue, ItemStatus, Priority, References, Report } from "./model";
import { PLAN_ORDER_LINE, adviceOf } from "./plan";
import { REPORT_LABELS, problemCount } from "./summary";
import { COMPARE_LABELS, oursText, workbookResultsHeading, workbookSeriesValues, workbookValueText } from "./workbook-compare";
import { fieldsLabel } from "./fields";

export const RESULTS_SHEET = "診断結果";
export const PLAN_SHEET = "改善計画";
export const PLAN_TABLE = "TicsPlan";
export const PLAN_USER_HEADERS = ["担当者", "期限", "状況", "メモ"] as const;
const PLAN_USER_HEADERS_EN = ["Owner", "Due", "Status", "Memo"] as const;

type Lang = "ja" | "en";

/** The part of a result kept in the workbook so the next run can show 「前回」. */
export interface StoredResult {
  date: string;
  overall: number | null;
  fields: { name: string; score: number | null }[];
}

export interface ResultsModel {
  name: string;
  /** Whole sheet from A1. */
  rows: CellValue[][];
  /** Absolute range of the field table including its header row: 分野 | 今回 | (前回). */
  fieldTable: CellRange;
  seriesNames: string[];
  chartTitle: string;
  /** Where the chart goes: to the right of the table. */
  chartAnchor: CellRange;
  /** Row of the marker line that identifies the sheet as ours. */
  markerRow: number;
}

export interface PlanModel {
  name: string;
  tableName: string;
  /**
   * Rows written above the table, from A1 (the plan: its order rule in one line). The header row is then row
   * `intro.length` (0-based; see tableHeaderRow). Absent: the table starts at A1 (the evidence sheet).
   */
  intro?: CellValue[][];
  header: string[];
  rows: CellValue[][];
  /** Index of 項目ID in header. */
  idColumn: number;
  /** Index of 担当者 in header; every column from here on belongs to the user. */
  userColumnStart: number;
  /** Layout hints for the file gateway (the plan's own defaults apply when absent). */
  colWidths?: number[];
  wrapColumns?: number[];
  /** Columns whose numbers are dates (besides the plan's 期限). */
  dateColumns?: number[];
}

/** 0-based row of a table model's header: below its intro rows. */
export function tableHeaderRow(m: { intro?: CellValue[][] }): number {
  return m.intro?.length ?? 0;
}

/**
 * Whether a cell holds the plan's order line as some version of TICS Check wrote it above the table (either
 * language): the gateways treat it as their own text, never as a note of the user's.
 */
export function isPlanIntroText(v: CellValue | undefined): boolean {
  if (typeof v !== "string") return false;
  const t = v.trim();
  return t === PLAN_ORDER_LINE.ja || t === PLAN_ORDER_LINE.en || t.startsWith("並び順: 優先度") || t.startsWith("Order: priority");
}

/** First cell of the results sheet: lets both hosts recognise a sheet as TICS Check's own. */
export const RESULTS_MARKER = "TICS Check";

const L = {
  ja: {
    title: "TICS Check 診断結果",
    marker: "このシートは TICS Check が作成しました。再作成すると内容が置き換わります（自社の記入は「改善計画」の担当者・期限・状況・メモ欄へ）。",
    date: "診断日時",
    sheet: "対象シート",
    current: "今回",
    previous: "前回",
    previousAt: "前回の診断日時",
    ...REPORT_LABELS.ja,
    note: REPORT_LABELS.ja.scoreRule,
  },
  en: {
    title: "TICS Check results",
    marker: "This sheet was made by TICS Check and is replaced when regenerated (write your own notes in the plan's Owner/Due/Status/Memo columns).",
    date: "Checked at",
    sheet: "Checklist sheet",
    current: "This time",
    previous: "Previous",
    previousAt: "Previous check at",
    ...REPORT_LABELS.en,
    note: REPORT_LABELS.en.scoreRule,
  },
} as const;

/** Series names in the sheet's language; the previous one carries its date, e.g. 「前回（2026-10-01 10:00）」. */
function seriesFor(lang: Lang, previous: StoredResult | null): string[] {
  const l = L[lang];
  if (!previous) return [l.current];
  const when = previous.date ? (lang === "ja" ? `（${previous.date}）` : ` (${previous.date})`) : "";
  return [l.current, l.previous + when];
}
/** Series of the workbook's own values, drawn only where they differ from ours. */
const SERIES_WORKBOOK = "ブックの値";

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Local date-time as "YYYY-MM-DD HH:MM". */
export function formatDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

export function resultsModel(report: Report, lang: Lang, previous: StoredResult | null, now: Date): ResultsModel {
  const l = L[lang];
  const rows: CellValue[][] = [
    [RESULTS_MARKER + (lang === "ja" ? " 診断結果" : " results")],
    [l.marker],
    [],
    [l.date, formatDate(now)],
    [l.sheet, report.sheet],
    [l.company, report.company ?? ""],
    [l.items, report.summary.items],
    [l.answered, report.summary.answered],
    [l.problems, problemCount(report)],
    [l.normalized, report.summary.normalized],
    [l.overall, report.overall.score],
    [l.readiness, report.overall.readiness],
    [l.profile, report.profile],
    [l.note],
    [],
  ];
  const headerRow = rows.length;
  const seriesNames = seriesFor(lang, previous);
  // The workbook's own values, as a series beside ours, when some differ (same field names: see workbookResults).
  const wr = report.workbookResults;
  const wbValue = workbookSeriesValues(wr);
  if (wbValue.size) seriesNames.push(SERIES_WORKBOOK);
  rows.push([l.field, ...seriesNames]);
  const prevByName = new Map<string, number | null>();
  if (previous) for (const f of previous.fields) prevByName.set(f.name, f.score);
  for (const f of report.fields) {
    const row: CellValue[] = [lang === "en" ? f.nameEn : f.name, f.score];
    if (previous) {
      // A previous table written in the other language carries the English name.
      const key = prevByName.has(f.name) ? f.name : f.nameEn;
      row.push(prevByName.get(key) ?? null);
    }
    if (wbValue.size) row.push(wbValue.get(f.name) ?? null);
    rows.push(row);
  }
  const lastRow = rows.length - 1;
  const width = seriesNames.length + 1;
  // The date of the 「前回」 series (from the last history row), below the table so the table stays the chart's source.
  if (previous?.date) rows.push([], [l.previousAt, previous.date]);
  if (wr) {
    // Below the field table: the comparison, one row per workbook field, with the reason where they differ.
    const c = COMPARE_LABELS[lang];
    rows.push([], [workbookResultsHeading(wr, lang)], [c.field, c.workbook, c.ours, c.match, c.why]);
    for (const f of wr.fields) rows.push([f.name, workbookValueText(f, wr, lang), oursText(f), f.agrees ? c.agree : c.differ, f.why ? f.why[lang] : ""]);
    if (wr.why) rows.push([wr.why[lang]]);
  }
  return {
    name: RESULTS_SHEET,
    rows,
    fieldTable: { top: headerRow, left: 0, bottom: lastRow, right: width - 1 },
    seriesNames,
    chartTitle: l.chart,
    chartAnchor: { top: 2, left: (wr ? Math.max(width, 5) : width) + 2, bottom: 24, right: (wr ? Math.max(width, 5) : width) + 9 },
    markerRow: 1,
  };
}

/**
 * Reads a StoredResult back from a results sheet grid (values from A1): finds the field-table header
 * (分野/Field followed by 今回) and the date line. Returns null when the grid is not one of ours.
 */
export function readStoredResult(grid: CellValue[][]): StoredResult | null {
  const first = grid[0]?.[0];
  if (typeof first !== "string" || !first.startsWith(RESULTS_MARKER)) return null;
  let date = "";
  let overall: number | null = null;
  let header = -1;
  for (let r = 0; r < grid.length; r++) {
    const a = grid[r]?.[0];
    const b = grid[r]?.[1];
    if (a === L.ja.date || a === L.en.date) date = b == null ? "" : String(b);
    if (a === L.ja.overall || a === L.en.overall) overall = typeof b === "number" ? b : null;
    // 今回 is what sheets written before the English series names carry in both languages.
    if ((a === L.ja.field || a === L.en.field) && (b === L.ja.current || b === L.en.current)) {
      header = r;
      break;
    }
  }
  if (header < 0) return null;
  const fields: { name: string; score: number | null }[] = [];
  for (let r = header + 1; r < grid.length; r++) {
    const name = grid[r]?.[0];
    if (name == null || name === "") break;
    const v = grid[r]?.[1];
    fields.push({ name: String(name), score: typeof v === "number" ? v : null });
  }
  return { date, overall, fields };
}

export function toStoredResult(report: Report, now: Date): StoredResult {
  return {
    date: formatDate(now),
    overall: report.overall.score,
    fields: report.fields.map((f) => ({ name: f.name, score: f.score })),
  };
}

const PLAN_HEADERS: Record<Lang, string[]> = {
  ja: ["No.", "項目ID", "項目", "回答", "分野", "優先度", "改善のヒント", "今週できる第一歩", "審査で求められる証跡", "参照"],
  en: ["No.", "Item ID", "Item", "Answer", "Fields", "Priority", "Hint", "First step this week", "Evidence an auditor asks for", "References"],
};

const PRIORITY_LABEL: Record<Lang, Record<Priority | "resolved", string>> = {
  ja: { high: "高", medium: "中", low: "低", resolved: "対応済み" },
  en: { high: "High", medium: "Medium", low: "Low", resolved: "Resolved" },
};

const STATUS_LABEL: Record<Lang, Record<ItemStatus, string>> = {
  ja: { ok: "", normalized: "", blank: "未回答", invalid: "無効", na_not_allowed: "「-」不可" },
  en: { ok: "", normalized: "", blank: "blank", invalid: "invalid", na_not_allowed: "「-」 not allowed" },
};

export function answerLabel(lang: Lang, answer: Answer | null, status: ItemStatus, raw: CellValue): string {
  if (status === "ok" || status === "normalized") return answer ?? "";
  const label = STATUS_LABEL[lang][status];
  if (status === "invalid" || status === "na_not_allowed") return `${label}: ${raw == null ? "" : String(raw)}`;
  return label;
}

function referencesText(lang: Lang, r: References): string {
  const parts: string[] = [];
  if (r.tics[lang]) parts.push(`TICS: ${r.tics[lang]}`);
  if (r.iso27001.length) parts.push(`ISO/IEC 27001:2022 ${r.iso27001.join(", ")}`);
  if (r.jama[lang]) parts.push(`${lang === "ja" ? "自工会/部工会ガイドライン" : "JAMA/JAPIA guideline"}: ${r.jama[lang]}`);
  return parts.join(" / ");
}

/**
 * A sheet the add-in owns whose rows are keyed by item id and whose trailing columns belong to the user (the plan,
 * the evidence sheet). Everything in such a sheet that is not one of `own` is the user's: the standard user columns
 * (matched in either language) and any column the user added.
 */
export interface UserColumnsSpec {
  /** Headers that belong to the add-in, in either language. */
  own: ReadonlySet<string>;
  /** The standard user columns: for each, its names in every language (first = canonical). */
  standard: readonly (readonly string[])[];
  /** Headers of the item-id column (the first one found marks the header row). */
  idHeaders: readonly string[];
}

const PLAN_SPEC: UserColumnsSpec = {
  own: new Set<string>([...PLAN_HEADERS.ja, ...PLAN_HEADERS.en]),
  standard: PLAN_USER_HEADERS.map((h, i) => [h, PLAN_USER_HEADERS_EN[i]]),
  idHeaders: ["項目ID", "Item ID"],
};

function headerText(v: CellValue): string {
  return v == null ? "" : String(v).trim();
}

/** Where a user-columns sheet's header row is: the first row holding an id header. */
function findIdHeader(grid: CellValue[][], spec: UserColumnsSpec): { row: number; idCol: number } | null {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      if (spec.idHeaders.includes(headerText(row[c]))) return { row: r, idCol: c };
    }
  }
  return null;
}

/**
 * The user's own columns of an existing sheet: the standard ones (in their standard order, whichever language the
 * header is in) followed by any column the user added whose header is not one of ours.
 */
export function readUserHeaders(grid: CellValue[][], spec: UserColumnsSpec): string[] {
  const found = findIdHeader(grid, spec);
  const headers: string[] = spec.standard.map((names) => names[0]);
  if (!found) return headers;
  const row = grid[found.row] ?? [];
  for (let c = 0; c < row.length; c++) {
    const h = headerText(row[c]);
    if (!h || spec.own.has(h)) continue;
    if (spec.standard.some((a) => a.includes(h))) continue;
    if (!headers.includes(h)) headers.push(h);
  }
  return headers;
}

/**
 * Reads the user columns back from an existing sheet grid (values from A1), keyed by item id. The arrays follow
 * `readUserHeaders(grid, spec)`. Rows whose user cells are all empty are left out.
 */
export function readUserValues(grid: CellValue[][], spec: UserColumnsSpec): Map<string, CellValue[]> {
  const out = new Map<string, CellValue[]>();
  const found = findIdHeader(grid, spec);
  if (!found) return out;
  const headerRow = grid[found.row] ?? [];
  const headers = readUserHeaders(grid, spec);
  const cols = headers.map((h, i) => {
    const names = i < spec.standard.length ? spec.standard[i] : [h];
    for (let c = 0; c < headerRow.length; c++) if (names.includes(headerText(headerRow[c]))) return c;
    return -1;
  });
  for (let r = found.row + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const id = headerText(row[found.idCol]);
    if (!id) continue;
    const values = cols.map((c) => (c < 0 ? null : (row[c] ?? null)));
    if (values.some((v) => v !== null && v !== "")) out.set(id, values);
  }
  return out;
}

/** The plan's user columns (see readUserHeaders). */
export function readPlanUserHeaders(grid: CellValue[][]): string[] {
  return readUserHeaders(grid, PLAN_SPEC);
}

/** The plan's user values by item id (see readUserValues). */
export function readPlanUserValues(grid: CellValue[][]): Map<string, CellValue[]> {
  return readUserValues(grid, PLAN_SPEC);
}

/** The user columns' header texts in the sheet's language (standard ones translated, the user's own as typed). */
export function localUserHeaders(userHeaders: readonly string[], spec: UserColumnsSpec, lang: Lang): string[] {
  return userHeaders.map((h, i) => (lang === "en" && i < spec.standard.length ? (spec.standard[i][1] ?? h) : h));
}

/** `width` user values of an item (missing ones null). */
export function userValuesOf(user: Map<string, CellValue[]>, id: string, width: number): CellValue[] {
  const v = user.get(id) ?? [];
  const out: CellValue[] = [];
  for (let i = 0; i < width; i++) out.push(v[i] ?? null);
  return out;
}

/**
 * The plan's evidence column: what an auditor asks for, then what the 「証跡・根拠」 sheet already records for the
 * item (only when the workbook was read with its evidence sheet in mind, i.e. `report.evidence` is set).
 */
function evidenceText(report: Report, itemId: string, asked: string, lang: Lang): string {
  const ev = report.evidence;
  if (!ev) return asked;
  const recorded = ev.entries[itemId]?.evidence ?? "";
  const line =
    lang === "ja"
      ? `記録済み: ${recorded || "なし（「証跡・根拠」シートに記入できます）"}`
      : `Recorded: ${recorded || "none (fill in the evidence sheet)"}`;
  return asked ? `${asked}\n${line}` : line;
}

/**
 * The plan sheet: its order rule in one line (A1), then the table from row 2: one row per plan row, then rows for items that left the plan but still carry the user's
 * entries (marked 対応済み), so regeneration never drops what the user wrote.
 * `userHeaders` defaults to the four standard columns; pass `readPlanUserHeaders(oldGrid)` to keep extra ones.
 */
export function planModel(
  report: Report,
  lang: Lang,
  user: Map<string, CellValue[]>,
  userHeaders: readonly string[] = PLAN_USER_HEADERS,
): PlanModel {
  const own = PLAN_HEADERS[lang];
  const header = [...own, ...localUserHeaders(userHeaders, PLAN_SPEC, lang)];
  const width = userHeaders.length;
  const userValues = (id: string): CellValue[] => userValuesOf(user, id, width);
  const rows: CellValue[][] = [];
  const inPlan = new Set<string>();
  const itemById = new Map<string, Report["items"][number]>();
  for (const it of report.items) itemById.set(it.id, it);
  for (const p of report.plan) {
    inPlan.add(p.itemId);
    const raw = itemById.get(p.itemId)?.raw ?? null;
    const advice = adviceOf(report, p);
    rows.push([
      p.rank,
      p.itemId,
      `${p.number} ${p.text}`.trim(),
      answerLabel(lang, p.answer, p.status, raw),
      fieldsLabel(p.fields, lang),
      PRIORITY_LABEL[lang][p.priority],
      advice.hint[lang],
      advice.firstStep[lang],
      evidenceText(report, p.itemId, advice.evidence[lang], lang),
      referencesText(lang, advice.references),
      ...userValues(p.itemId),
    ]);
  }
  for (const [id] of user) {
    if (inPlan.has(id)) continue;
    const item = itemById.get(id);
    const gone = lang === "ja" ? "（チェックリストに見当たりません）" : "(no longer in the checklist)";
    rows.push([
      null,
      id,
      item ? `${item.number} ${item.text}`.trim() : gone,
      item ? answerLabel(lang, item.answer, item.status, item.raw) : "",
      item ? fieldsLabel(item.fields, lang) : "",
      PRIORITY_LABEL[lang].resolved,
      "",
      "",
      "",
      "",
      ...userValues(id),
    ]);
  }
  return {
    name: PLAN_SHEET,
    tableName: PLAN_TABLE,
    // The order rule in one line above the table (as above every plan list: pane, CLI, report).
    intro: [[PLAN_ORDER_LINE[lang]]],
    header,
    rows,
    idColumn: 1,
    userColumnStart: own.length,
  };
}
