/**
 * Everything the add-in writes into the workbook. Each action checks sheet protection (and API support) in its
 * first sync, before anything is queued for writing, so a refusal leaves the workbook untouched.
 */
import { LOOKALIKES } from "../core/answers";
import type { Answer, CellRange, CellValue, Report } from "../core/model";
import {
  PLAN_SHEET,
  RESULTS_MARKER,
  RESULTS_SHEET,
  planModel,
  readPlanUserHeaders,
  readPlanUserValues,
  resultsModel,
  tableHeaderRow,
  toStoredResult,
  isPlanIntroText,
  type PlanModel,
} from "../core/sheets";
import type { NormaliseChange } from "../app/host";
import { cellA1, parseRangeA1, rangeA1, rowRuns } from "./address";
import { supportsExcelApi } from "./api-sets";
import { PLAN_PRINT, RESULTS_CHART_SIZE, RESULTS_PRINT, withTitleRow, type PrintSetup } from "../core/print";
import { PLAN_ORDER_LINE } from "../core/plan";
import { GatewayError, fail, notOurs, workbookProtected } from "./errors";
import { answerArea, listItems, queueValidations, type Snapshot } from "./read";
import { queueReadState, queueWriteState, recordResult, sameScores, stateFrom, type StoredState } from "./state";
import { planHistory, queueHistoryRead, queueHistoryWrite } from "./records";

type Lang = "ja" | "en";

export const CHART_NAME = "TicsCheckRadar";
export const CHART_PREFIX = "TicsCheck";
const TEXT_FORMAT = "@";
const GENERAL = "General";

interface SheetInfo {
  name: string;
  protected: boolean;
}

/** Sync-1 helper: every sheet's name and protection, the workbook's structure protection, the stored state. */
export function queueSheetsAndState(context: Excel.RequestContext): {
  sheets: Excel.WorksheetCollection;
  state: Excel.Setting;
  workbook: Excel.WorkbookProtection;
} {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/protection/protected");
  const workbook = context.workbook.protection;
  workbook.load("protected");
  return { sheets, state: queueReadState(context), workbook };
}

/** A new sheet cannot be added to a structure-protected workbook: refuse before writing anything. */
export function refuseNewSheet(first: { workbook: Excel.WorkbookProtection }, name: string): void {
  if (first.workbook.protected) throw new GatewayError(workbookProtected(name));
}

export function sheetInfos(sheets: Excel.WorksheetCollection): SheetInfo[] {
  return sheets.items.map((s) => ({ name: s.name, protected: s.protection.protected }));
}

export function refuseIfProtected(infos: SheetInfo[], name: string): void {
  const info = infos.find((s) => s.name === name);
  if (info?.protected) fail("protected", { sheet: name });
}

/**
 * A string that Excel would turn into something else when written through `values` (a formula, a number, a
 * boolean, an error) gets the apostrophe prefix, which Excel stores as "this is text" and does not show.
 */
export function literalText(s: string): string {
  if (s === "") return s;
  if (/^[=+\-@']/.test(s)) return `'${s}`;
  if (/^\s*[-+]?(\d+[.,]?\d*|\.\d+)([eE][-+]?\d+)?%?\s*$/.test(s)) return `'${s}`;
  if (/^(true|false)$/i.test(s.trim())) return `'${s}`;
  if (/^#/.test(s)) return `'${s}`;
  return s;
}

/** Rectangular grid from ragged rows. */
export function rectangular(rows: CellValue[][], width: number): (string | number | boolean)[][] {
  return rows.map((r) => {
    const out: (string | number | boolean)[] = [];
    for (let c = 0; c < width; c++) {
      const v = r[c];
      out.push(v === null || v === undefined ? "" : v);
    }
    return out;
  });
}

/**
 * Text cells get the text number format (set before the values, so text starting with = + - @ stays text);
 * empty and other cells get `fallback` (an empty 期限 cell must still take a typed date as a date).
 */
export function formatsFor(grid: (string | number | boolean)[][], fallback: (r: number, c: number) => string): string[][] {
  return grid.map((row, r) => row.map((v, c) => (typeof v === "string" && v !== "" ? TEXT_FORMAT : fallback(r, c))));
}

/** The cells of `old` outside `keep`, as at most two rectangles (below and to the right of `keep`, which starts at A1). */
export function outside(old: CellRange | null, keep: CellRange): CellRange[] {
  if (!old) return [];
  const out: CellRange[] = [];
  if (old.bottom > keep.bottom) out.push({ ...old, top: Math.max(old.top, keep.bottom + 1) });
  const bottom = Math.min(old.bottom, keep.bottom);
  if (old.right > keep.right && old.top <= bottom) out.push({ top: old.top, bottom, left: Math.max(old.left, keep.right + 1), right: old.right });
  return out;
}

/** What writeResults wrote besides the results sheet (for the host's cached workbook). */
export interface ResultsWritten {
  /** The 「履歴」 sheet and its grid from A1, when a row was appended. */
  history?: { sheet: string; grid: CellValue[][] };
}

/**
 * 診断結果: sync 1 sheets/protection/state, sync 2 the existing sheet's charts and used range (and the 「履歴」
 * sheet), sync 3 all content (the new cells written before the old ones are cleared and the old chart replaced, so a
 * refusal part-way through a batch — Excel applies the steps before a failing one — leaves the previous content or
 * the new one, never a cleared sheet), sync 4 the chart's details (title, axis limits, legend, position) in their own
 * guarded step: if Excel refuses one, the chart keeps Excel's defaults and everything else stays written.
 * One row is appended to 「履歴」 when the result changed; 「前回」 comes from its last row before this result.
 */
export async function writeResults(
  context: Excel.RequestContext,
  report: Report,
  lang: Lang,
  now: Date,
  who = "",
  written: ResultsWritten = {},
): Promise<StoredState> {
  const first = queueSheetsAndState(context);
  await context.sync();
  const infos = sheetInfos(first.sheets);
  refuseIfProtected(infos, RESULTS_SHEET);
  const state = stateFrom(first.state);
  const exists = infos.some((s) => s.name === RESULTS_SHEET);
  const historyRead = queueHistoryRead(context, infos);
  if (historyRead && !exists) await context.sync();
  let sheet: Excel.Worksheet;
  let oldArea: CellRange | null = null;
  let oldCharts: Excel.Chart[] = [];
  if (exists) {
    sheet = context.workbook.worksheets.getItem(RESULTS_SHEET);
    const charts = context.workbook.worksheets.getItem(RESULTS_SHEET).charts;
    charts.load("items/name");
    const head = sheet.getUsedRange(true);
    head.load("values,rowIndex,columnIndex");
    await context.sync();
    const headValues: unknown[][] = head.values;
    const firstCell = head.rowIndex === 0 && head.columnIndex === 0 ? headValues[0]?.[0] : "";
    const empty = headValues.length === 1 && headValues[0].length === 1 && headValues[0][0] === "";
    if (!empty && !(typeof firstCell === "string" && firstCell.startsWith(RESULTS_MARKER))) {
      throw new GatewayError(notOurs(RESULTS_SHEET));
    }
    oldArea = empty
      ? null
      : { top: head.rowIndex, left: head.columnIndex, bottom: head.rowIndex + headValues.length - 1, right: head.columnIndex + (headValues[0]?.length ?? 1) - 1 };
    oldCharts = charts.items.filter((ch) => ch.name.startsWith(CHART_PREFIX));
  } else {
    refuseNewSheet(first, RESULTS_SHEET);
    sheet = context.workbook.worksheets.add(RESULTS_SHEET);
  }
  // A history that cannot be written (its sheet protected, or no sheet can be added to a structure-protected
  // workbook) is skipped: the results sheet is what the user asked for.
  const history = planHistory(historyRead, infos, report, now, who);
  const historyBlocked =
    infos.some((s) => s.name === history.sheet && s.protected) || (!history.exists && first.workbook.protected);
  const current = toStoredResult(report, now);
  // 「前回」: the last history row before this result; the stored state only for workbooks without a history yet.
  const shown = history.old > 0 ? history.update.previous : state.last && !sameScores(state.last, current) ? state.last : state.previous;
  const model = resultsModel(report, lang, shown, now);
  const width = Math.max(1, ...model.rows.map((r) => r.length));
  const grid = rectangular(model.rows, width);
  const area = { top: 0, left: 0, bottom: grid.length - 1, right: width - 1 };
  const target = sheet.getRange(rangeA1(area));
  target.numberFormat = formatsFor(grid, () => GENERAL);
  target.values = grid;
  target.format.font.bold = false;
  sheet.getRange("A:A").format.columnWidth = 220;
  sheet.getRange(rangeA1({ ...model.fieldTable, bottom: model.fieldTable.top })).format.font.bold = true;
  sheet.getRange("A1").format.font.bold = true;
  // Long notes wrap inside column A (clear of the chart beside them); rows grow to fit.
  sheet.getRange(rangeA1({ top: 1, left: 0, bottom: grid.length - 1, right: 0 })).format.wrapText = true;
  target.format.autofitRows();
  queuePrintLayout(sheet, RESULTS_PRINT);
  // Only now the old content that the new one does not cover, and the old chart.
  for (const rest of outside(oldArea, area)) sheet.getRange(rangeA1(rest)).clear();
  for (const ch of oldCharts) ch.delete();
  let chart: Excel.Chart | null = null;
  if (report.fields.length > 0) {
    chart = sheet.charts.add("RadarMarkers", sheet.getRange(rangeA1(model.fieldTable)), "Columns");
    chart.name = CHART_NAME;
    state.created.chartName = CHART_NAME;
  }
  const historyWritten = historyBlocked ? null : queueHistoryWrite(context, history, lang, first, infos);
  if (historyWritten) written.history = { sheet: history.sheet, grid: historyWritten.rows };
  recordResult(state, current);
  state.created.resultsSheet = RESULTS_SHEET;
  queueWriteState(context, state);
  await context.sync();
  // Sync 4: the charts' details. Excel applies the steps before a refused one, so the radar's axis limits (the step
  // most likely to be refused) come last; the 「履歴」 chart's details come in the same step, not one more sync.
  if (chart || historyWritten) {
    if (chart) {
      chart.title.text = model.chartTitle;
      chart.legend.position = "Bottom";
      chart.setPosition(
        cellA1(model.chartAnchor.top, model.chartAnchor.left),
        cellA1(model.chartAnchor.bottom, model.chartAnchor.right),
      );
      // A fixed size (points): taller note rows never stretch it, and it stays within the one printed page.
      chart.width = RESULTS_CHART_SIZE.width;
      chart.height = RESULTS_CHART_SIZE.height;
    }
    historyWritten?.details();
    if (chart) {
      chart.axes.valueAxis.minimum = 0;
      chart.axes.valueAxis.maximum = 100;
    }
    try {
      await context.sync();
    } catch {
      // Excel refused a chart detail (e.g. the radar's axis limits): the charts and the sheets stay as written.
    }
  }
  return state;
}

/** Header row and id column of an existing plan grid (same rule as the core reader). */
export function planHeader(grid: CellValue[][]): { row: number; idCol: number } | null {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const h = row[c] == null ? "" : String(row[c]).trim();
      if (h === "項目ID" || h === "Item ID") return { row: r, idCol: c };
    }
  }
  return null;
}

/** Place a used-range grid at its absolute position so grid[r][c] is the cell (r, c) from A1. */
export function fromA1(values: unknown[][], rowIndex: number, columnIndex: number): CellValue[][] {
  const out: CellValue[][] = [];
  for (let r = 0; r < rowIndex; r++) out.push([]);
  for (const row of values) {
    const line: CellValue[] = [];
    for (let c = 0; c < columnIndex; c++) line.push(null);
    for (const v of row) line.push(v === "" || v === undefined ? null : (v as CellValue));
    out.push(line);
  }
  return out;
}

/** Plan sheet cells read back when regenerating (bounded whatever the sheet holds: formats in whole columns, …). */
export const PLAN_READ_ROWS = 10000;
export const PLAN_READ_COLS = 200;

/** The existing plan table's extent in a grid from A1: header row to the last row with an item id, header columns. */
export function planArea(grid: CellValue[][], head: { row: number; idCol: number }): CellRange {
  const headerRow = grid[head.row] ?? [];
  let right = 0;
  while (right + 1 < headerRow.length && headerRow[right + 1] != null && String(headerRow[right + 1]).trim() !== "") right++;
  let bottom = head.row;
  while (bottom + 1 < grid.length && grid[bottom + 1]?.[head.idCol] != null && String(grid[bottom + 1][head.idCol]).trim() !== "") bottom++;
  return { top: head.row, left: 0, bottom, right: Math.max(right, head.idCol) };
}

/** A formula (not text that merely starts with "="): Excel gives text cells' values as their formulas. */
export function isFormulaCell(formula: unknown, value: unknown): formula is string {
  return typeof formula === "string" && formula.startsWith("=") && formula !== value;
}

/** Regenerating would overwrite notes the user put next to the table of an add-in sheet (the plan's by default). */
export function notesInTheWay(cells: string, sheetName: string = PLAN_SHEET): GatewayError {
  return new GatewayError({
    code: "unknown",
    message: {
      ja: `「${sheetName}」の表のすぐ下または右のセル（${cells}）に入力があり、新しい表で上書きされてしまうため、作成を中止しました。それらのセルを離れた場所に移してから、もう一度お試しください。何も変更していません。`,
      en: `Cells next to the “${sheetName}” table (${cells}) hold entries that the new table would overwrite, so nothing was written. Move them further away and try again. Nothing was changed.`,
    },
  });
}

/**
 * Refuses (before anything is written) when the new table `area` would cover cells outside the old table. A cell
 * holding the add-in's own text (`ownText`: the plan's order line above the table) is not a note.
 */
export function refuseNotesInTheWay(
  oldGrid: CellValue[][],
  oldArea: CellRange | null,
  area: CellRange,
  sheetName: string,
  ownText: (v: CellValue) => boolean = () => false,
): void {
  const clash: string[] = [];
  for (let r = 0; r <= area.bottom && r < oldGrid.length; r++) {
    for (let c = 0; c <= area.right; c++) {
      const inOld = oldArea !== null && r >= oldArea.top && r <= oldArea.bottom && c >= oldArea.left && c <= oldArea.right;
      const v = oldGrid[r]?.[c];
      if (!inOld && v !== null && v !== undefined && v !== "" && !ownText(v)) clash.push(cellA1(r, c));
    }
  }
  if (clash.length > 0) throw notesInTheWay(clash.slice(0, 5).join(", ") + (clash.length > 5 ? " …" : ""), sheetName);
}

/** Sync-1 helper of the table sheets: sheets, protection, state and the workbook's table names (one sync). */
export async function loadSheetsAndTables(context: Excel.RequestContext): Promise<{
  first: ReturnType<typeof queueSheetsAndState>;
  allTables: Excel.TableCollection;
  infos: SheetInfo[];
}> {
  const first = queueSheetsAndState(context);
  // Table names are unique in the workbook: a plan sheet the user renamed to keep it still holds 「TicsPlan」.
  const allTables = context.workbook.tables;
  allTables.load("items/name");
  await context.sync();
  return { first, allTables, infos: sheetInfos(first.sheets) };
}

/** How one of the add-in's table sheets (改善計画, 証跡・根拠) is recognised and its user columns read back. */
export interface OwnedTableSpec {
  sheetName: string;
  /** Whether a non-blank grid (from A1) is the add-in's sheet. */
  isOurs: (grid: CellValue[][]) => boolean;
  /** The user's values by item id, and the user column headers. */
  readUser: (grid: CellValue[][]) => { values: Map<string, CellValue[]>; headers: string[] };
  /** Column index in the header row of each user header (-1 when absent). */
  userColumns: (headerRow: CellValue[], userHeaders: string[]) => number[];
}

/** What an existing table sheet held (empty for a new sheet). */
export interface OwnedTableRead {
  sheet: Excel.Worksheet;
  user: Map<string, CellValue[]>;
  userHeaders: string[] | undefined;
  userFormats: Map<string, string[]>;
  userFormulas: Map<string, (string | null)[]>;
  ownTables: Set<string>;
  oldGrid: CellValue[][];
  oldArea: CellRange | null;
  oldTables: Excel.Table[];
}

/**
 * Sync 2 of a table sheet (only when it exists): values, number formats and R1C1 formulas of its used range without
 * formatting-only cells, within PLAN_READ_ROWS × PLAN_READ_COLS, and its tables. Refuses a sheet that is not ours;
 * a missing sheet is added (refused in a structure-protected workbook) without a sync.
 */
export async function readOwnedTable(
  context: Excel.RequestContext,
  first: { workbook: Excel.WorkbookProtection },
  infos: SheetInfo[],
  spec: OwnedTableSpec,
): Promise<OwnedTableRead> {
  const name = spec.sheetName;
  const exists = infos.some((s) => s.name === name);
  if (!exists) refuseNewSheet(first, name);
  const sheet = exists ? context.workbook.worksheets.getItem(name) : context.workbook.worksheets.add(name);
  const read: OwnedTableRead = {
    sheet,
    user: new Map(),
    userHeaders: undefined,
    userFormats: new Map(),
    userFormulas: new Map(),
    ownTables: new Set(),
    oldGrid: [],
    oldArea: null,
    oldTables: [],
  };
  if (!exists) return read;
  const window = sheet.getRangeByIndexes(0, 0, PLAN_READ_ROWS, PLAN_READ_COLS);
  const used = sheet.getUsedRange(true).getIntersectionOrNullObject(window);
  used.load("values,numberFormat,formulasR1C1,rowIndex,columnIndex");
  const tables = context.workbook.worksheets.getItem(name).tables;
  tables.load("items/name");
  await context.sync();
  const none = used.isNullObject;
  const grid = none ? [] : fromA1(used.values, used.rowIndex, used.columnIndex);
  read.oldGrid = grid;
  const blank = grid.every((row) => row.every((v) => v === null));
  if (!blank && !spec.isOurs(grid)) throw new GatewayError(notOurs(name));
  const formats = none ? [] : fromA1(used.numberFormat, used.rowIndex, used.columnIndex);
  const formulas = none ? [] : fromA1(used.formulasR1C1, used.rowIndex, used.columnIndex);
  const userRead = spec.readUser(grid);
  read.user = userRead.values;
  read.userHeaders = userRead.headers;
  const head = planHeader(grid);
  if (head) {
    read.oldArea = planArea(grid, head);
    const cols = spec.userColumns(grid[head.row] ?? [], userRead.headers);
    for (let r = head.row + 1; r < grid.length; r++) {
      const id = grid[r]?.[head.idCol];
      if (id == null || id === "") continue;
      const key = String(id).trim();
      read.userFormats.set(key, cols.map((c) => (c < 0 ? GENERAL : String(formats[r]?.[c] ?? GENERAL))));
      const f = cols.map((c) => (c >= 0 && isFormulaCell(formulas[r]?.[c], grid[r]?.[c] ?? "") ? (formulas[r][c] as string) : null));
      if (f.some((x) => x !== null)) read.userFormulas.set(key, f);
    }
  }
  // The sheet is ours: every table on it goes (also one the user renamed, which would otherwise block the new one).
  for (const t of tables.items) read.ownTables.add(t.name.toLowerCase());
  read.oldTables = tables.items;
  return read;
}

/** The parts of a table model that queueOwnedTableWrite needs (PlanModel and the evidence model). */
export type OwnedTableModel = Pick<PlanModel, "tableName" | "intro" | "header" | "rows" | "idColumn" | "userColumnStart">;

/**
 * Queues the table sheet's writes (no sync): refuses first when the new table would cover notes outside the old one,
 * then writes the new cells (the user's formulas back as formulas, in their formats), clears only what is left of the
 * old table outside the new one, and adds the table on a Range (an address without a sheet name would be resolved
 * against the active sheet), named after the model's, numbered when another sheet's table holds that name.
 * `userFormat` gives a user cell's number format from the one read back (`f`, undefined when none);
 * `keepFormula(id, i)` false lets a value replace the formula of user column `i`.
 */
export function queueOwnedTableWrite(
  read: OwnedTableRead,
  allTables: Excel.TableCollection,
  model: OwnedTableModel,
  opts: {
    sheetName: string;
    style: string;
    userFormat: (f: string | undefined, r: number, c: number, grid: (string | number | boolean)[][]) => string;
    keepFormula?: (id: string, i: number) => boolean;
  },
): { grid: (string | number | boolean)[][]; area: CellRange; target: Excel.Range; tableName: string; headerRow: number } {
  const { sheet, userFormats, userFormulas } = read;
  const width = model.header.length;
  const body: CellValue[][] = model.rows.length > 0 ? model.rows : [model.header.map(() => null)];
  const intro = model.intro ?? [];
  const head = tableHeaderRow(model);
  // The intro rows span the table's width (their empty cells are written empty), so the written area starts at A1.
  const grid = rectangular([...intro, model.header, ...body], width);
  const area: CellRange = { top: 0, left: 0, bottom: grid.length - 1, right: width - 1 };
  // Notes outside the old table that the new one would cover: refuse before writing anything. The order line an
  // earlier run wrote above the table is ours, not a note.
  refuseNotesInTheWay(read.oldGrid, read.oldArea, area, opts.sheetName, isPlanIntroText);
  const start = model.userColumnStart;
  const ids = [...intro.map(() => null), null, ...body.map((r) => (r[model.idColumn] == null ? null : String(r[model.idColumn])))];
  const formats = formatsFor(grid, (r, c) => {
    if (r <= head || c < start) return GENERAL;
    const id = ids[r];
    return opts.userFormat(id ? userFormats.get(id)?.[c - start] : undefined, r, c, grid);
  });
  // A user formula is written back as a formula (its cell keeps the user's format, never text).
  const formulaCells: { r: number; c: number; f: string }[] = [];
  for (let r = head + 1; r < grid.length; r++) {
    const id = ids[r];
    const own = id ? userFormulas.get(id) : undefined;
    if (!id || !own) continue;
    for (let c = start; c < width; c++) {
      const f = own[c - start];
      if (!f) continue;
      if (opts.keepFormula && !opts.keepFormula(id, c - start)) continue;
      formulaCells.push({ r, c, f });
      grid[r][c] = "";
      const fmt = userFormats.get(id)?.[c - start];
      formats[r][c] = fmt && fmt !== TEXT_FORMAT ? fmt : GENERAL;
    }
  }
  for (const t of read.oldTables) t.delete();
  const target = sheet.getRange(rangeA1(area));
  target.numberFormat = formats;
  target.values = grid;
  for (const x of formulaCells) sheet.getRange(cellA1(x.r, x.c)).formulasR1C1 = [[x.f]];
  // Only now what is left of the old table outside the new one (fewer rows or columns than before).
  for (const rest of outside(read.oldArea, area)) sheet.getRange(rangeA1(rest)).clear();
  const taken = new Set(allTables.items.map((t) => t.name.toLowerCase()).filter((n) => !read.ownTables.has(n)));
  let tableName = model.tableName;
  for (let i = 2; taken.has(tableName.toLowerCase()); i++) tableName = `${model.tableName}${i}`;
  // A Range, not an address: an address without a sheet name is resolved against the active sheet (typings).
  const table = sheet.tables.add(sheet.getRange(rangeA1({ ...area, top: head })), true);
  table.name = tableName;
  table.style = opts.style;
  return { grid, area, target, tableName, headerRow: head };
}

/**
 * 改善計画: sync 1 sheets/protection/state and the workbook's table names, sync 2 the existing sheet (values, number
 * formats and R1C1 formulas of its used range without formatting-only cells, within PLAN_READ_ROWS ×
 * PLAN_READ_COLS) and its tables, sync 3 all writes. The user's columns are carried over by item id with their
 * number formats (dates stay dates) and formulas (relative references kept through R1C1). Only the old table's
 * cells are replaced: notes outside the table stay, and the new table is refused when it would cover one.
 */
export async function writePlan(context: Excel.RequestContext, report: Report, lang: Lang): Promise<StoredState> {
  const { first, allTables, infos } = await loadSheetsAndTables(context);
  refuseIfProtected(infos, PLAN_SHEET);
  const state = stateFrom(first.state);
  const read = await readOwnedTable(context, first, infos, {
    sheetName: PLAN_SHEET,
    isOurs: (grid) => planHeader(grid) !== null,
    readUser: (grid) => ({ values: readPlanUserValues(grid), headers: readPlanUserHeaders(grid) }),
    userColumns: (headerRow, userHeaders) => {
      const cols = userHeaders.map((h) => headerRow.findIndex((x) => x != null && String(x).trim() === h));
      // English headers of the four standard columns.
      const en = ["Owner", "Due", "Status", "Memo"];
      for (let i = 0; i < cols.length; i++) {
        if (cols[i] < 0 && i < en.length) cols[i] = headerRow.findIndex((x) => x != null && String(x).trim() === en[i]);
      }
      return cols;
    },
  });
  const model = planModel(report, lang, read.user, read.userHeaders);
  const { grid, target, tableName, headerRow } = queueOwnedTableWrite(read, allTables, model, {
    sheetName: PLAN_SHEET,
    style: "TableStyleMedium2",
    userFormat: (f) => (f && f !== TEXT_FORMAT ? f : GENERAL),
  });
  const sheet = read.sheet;
  // The order line in A1 stays one unwrapped line (it runs over the empty cells beside it).
  const text = sheet.getRange(rangeA1({ top: headerRow + 1, left: 2, bottom: grid.length - 1, right: model.userColumnStart - 1 }));
  text.format.wrapText = true;
  if (headerRow > 0) sheet.getRange(rangeA1({ top: 0, left: 0, bottom: headerRow - 1, right: model.header.length - 1 })).format.wrapText = false;
  target.format.autofitRows();
  queuePrintLayout(sheet, withTitleRow(PLAN_PRINT, headerRow), PLAN_ORDER_LINE[lang]);
  state.created.planTable = tableName;
  state.created.planSheet = PLAN_SHEET;
  queueWriteState(context, state);
  await context.sync();
  return state;
}

/**
 * Page setup of one of our sheets (ExcelApi 1.9; older hosts print with their defaults): orientation, fit to pages,
 * the repeated title rows and a centred page header.
 */
function queuePrintLayout(sheet: Excel.Worksheet, setup: PrintSetup, header?: string): void {
  if (!supportsExcelApi("1.9")) return;
  const layout = sheet.pageLayout;
  layout.orientation = setup.orientation === "landscape" ? "Landscape" : "Portrait";
  layout.zoom = { horizontalFitToPages: setup.fitToWidth, verticalFitToPages: setup.fitToHeight };
  if (setup.titleRows) layout.setPrintTitleRows(`$${setup.titleRows.first}:$${setup.titleRows.last}`);
  if (header) layout.headersFooters.defaultForAllPages.centerHeader = header.replace(/&/g, "&&");
}

/** Longest conditional-format formula written (the classic Excel limit, kept for every Excel version). */
export const MAX_CF_FORMULA = 255;

/**
 * The custom conditional-format formula for the answer area whose top-left cell is `topCell`. It flags a cell
 * whose first non-space character is not an answer symbol or a look-alike (blank cells pass), and a 「-」 on a row
 * where it is not allowed. `naRows` / `otherRows` are the rows (0-based) whose items allow / do not allow 「-」;
 * the shorter list is written into the formula. When that would make the formula longer than MAX_CF_FORMULA,
 * only the first test is kept (the pane still lists every 「-」 problem).
 */
export function highlightFormula(topCell: string, naRows: number[], otherRows: number[]): string {
  // TRIM removes ASCII spaces only: full-width spaces (U+3000) are turned into ASCII ones first.
  const first = `LEFT(TRIM(SUBSTITUTE(${topCell},"\u3000"," ")),1)`;
  const dashes = ["-", ...Object.keys(LOOKALIKES).filter((k) => LOOKALIKES[k] === ("-" as Answer))].join("");
  const symbols = ["○", "△", "×", ...Object.keys(LOOKALIKES).filter((k) => LOOKALIKES[k] !== ("-" as Answer))].join("") + dashes;
  const invalid = `ISERROR(FIND(${first},"${symbols.replace(/"/g, '""')}"))`;
  const dash = `ISNUMBER(FIND(${first},"${dashes}"))`;
  const list = (rows: number[]): string => `{${rows.map((r) => r + 1).join(",")}}`;
  const row = `ROW(${topCell})`;
  let na: string | null;
  if (otherRows.length === 0) na = null;
  else if (naRows.length === 0) na = dash;
  else if (naRows.length <= otherRows.length) na = `AND(${dash},ISNA(MATCH(${row},${list(naRows)},0)))`;
  else na = `AND(${dash},ISNUMBER(MATCH(${row},${list(otherRows)},0)))`;
  const full = na ? `=OR(${invalid},${na})` : `=${invalid}`;
  return full.length <= MAX_CF_FORMULA ? full : `=${invalid}`;
}

/**
 * Whether a custom conditional-format formula is the add-in's highlight (any version of it, on any fragment):
 * its first test `LEFT(TRIM(SUBSTITUTE(<cell>,"　"," ")),1)` looked up in the answer symbols. The cell reference is
 * not part of the signature: Excel re-bases it when a format is split by a paste, and it moves with inserted rows.
 */
export function isOwnHighlight(formula: string): boolean {
  return /LEFT\(TRIM\(SUBSTITUTE\(\$?[A-Za-z]{1,3}\$?\d+,"\u3000"," "\)\),1\),"○△×/.test(formula);
}

/**
 * Highlight on/off. The add-in's conditional formats are found by their content, never by `ConditionalFormat.id`
 * (that is the format's priority in the collection it was loaded from: it shifts whenever a format is added or
 * deleted, so a stored id may name one of the user's formats). Sync 1: protection, state and the type of every
 * format on the checklist sheet; sync 2 (only when the sheet has custom formats): each custom format's formula,
 * loaded per item (loading `items/custom/rule/formula` fails on a collection that holds other types,
 * office-js#2180); sync 3: every format carrying the add-in's formula is deleted (also fragments left by pasting
 * into the area), the new one added when on, and the state saved. 2–3 syncs.
 */
export async function setHighlight(context: Excel.RequestContext, snapshot: Snapshot, on: boolean): Promise<StoredState> {
  const sheetName = snapshot.location.sheet;
  const area = answerArea(snapshot.location);
  const first = queueSheetsAndState(context);
  const ws = context.workbook.worksheets.getItem(sheetName);
  const answerRange = area ? ws.getRange(rangeA1(area)) : null;
  // The whole sheet's formats: the add-in's own may no longer overlap the answer cells (range chosen again by hand,
  // cells moved, fragments after a paste).
  const existing = context.workbook.worksheets.getItem(sheetName).getRange().conditionalFormats;
  existing.load("items/type");
  await context.sync();
  refuseIfProtected(sheetInfos(first.sheets), sheetName);
  const state = stateFrom(first.state);
  const custom = existing.items.filter((cf) => cf.type === "Custom");
  const rules = custom.map((cf) => {
    const rule = cf.custom.rule;
    rule.load("formula");
    return { cf, rule };
  });
  if (rules.length > 0) await context.sync();
  for (const { cf, rule } of rules) if (isOwnHighlight(rule.formula)) cf.delete();
  delete state.created.highlight;
  if (on && answerRange && area) {
    const added = answerRange.conditionalFormats.add("Custom");
    const naRows = snapshot.report.items.filter((i) => i.naAllowed).map((i) => i.row);
    const otherRows = snapshot.report.items.filter((i) => !i.naAllowed).map((i) => i.row);
    added.custom.rule.formula = highlightFormula(cellA1(area.top, area.left), naRows, otherRows);
    added.custom.format.fill.color = "#FFC7CE";
    added.custom.format.font.color = "#9C0006";
    state.created.highlight = { sheet: sheetName, range: rangeA1(area) };
  }
  queueWriteState(context, state);
  await context.sync();
  return state;
}

/** What one addDropdowns wrote: the ranges (A1, no sheet) and the list each got, for undo. */
export interface AddedDropdowns {
  sheet: string;
  count: number;
  ranges: { range: string; source: string }[];
}

/**
 * ExcelApi 1.8: adds the ○/△/×(/-) list to answer cells that have no rule of any kind. Sync 1 checks protection
 * and reads the answer cells' rules afresh, sync 2 writes. Returns what it wrote (count: cells that got a list).
 */
export async function queueDropdowns(context: Excel.RequestContext, snapshot: Snapshot): Promise<AddedDropdowns> {
  if (!supportsExcelApi("1.8")) fail("api_unsupported", { version: "1.8" });
  const sheetName = snapshot.location.sheet;
  const col = snapshot.location.answerCol;
  const first = queueSheetsAndState(context);
  // The rules as they are now (adding a rule fires no change event, so the cached read may be stale).
  const fresh = queueValidations(context, sheetName, snapshot.report.items.map((i) => ({ row: i.row, col })));
  await context.sync();
  refuseIfProtected(sheetInfos(first.sheets), sheetName);
  const sheet = snapshot.wb.sheets.find((s) => s.name === sheetName);
  const current = fresh ? fresh.lists() : (sheet?.validations ?? []);
  const has = (row: number, col: number): boolean =>
    current.some((v) => v.range.top <= row && row <= v.range.bottom && v.range.left <= col && col <= v.range.right);
  const byList = new Map<string, number[]>();
  for (const item of snapshot.report.items) {
    if (has(item.row, col)) continue;
    const source = item.naAllowed ? "○,△,×,-" : "○,△,×";
    const rows = byList.get(source) ?? [];
    rows.push(item.row);
    byList.set(source, rows);
  }
  let count = 0;
  const added: { row: number; items: string[] }[] = [];
  const ranges: AddedDropdowns["ranges"] = [];
  for (const [source, rows] of byList) {
    for (const [top, bottom] of rowRuns(rows)) {
      const range = rangeA1({ top, left: col, bottom, right: col });
      const dv = context.workbook.worksheets.getItem(sheetName).getRange(range).dataValidation;
      dv.rule = { list: { inCellDropDown: true, source } };
      ranges.push({ range, source });
      count += bottom - top + 1;
      for (let r = top; r <= bottom; r++) added.push({ row: r, items: source.split(",") });
    }
  }
  if (count > 0) await context.sync();
  if (sheet) {
    const answerCells = new Set(snapshot.report.items.map((i) => i.row));
    const elsewhere = (sheet.validations ?? []).filter(
      (v) => !(v.range.top === v.range.bottom && v.range.left === col && v.range.right === col && answerCells.has(v.range.top)),
    );
    sheet.validations = [
      ...(fresh ? [...elsewhere, ...current] : (sheet.validations ?? [])),
      ...added.map((a) => ({ range: { top: a.row, left: col, bottom: a.row, right: col }, items: a.items })),
    ];
  }
  return { sheet: sheetName, count, ranges };
}

/**
 * ExcelApi 1.8: undoes queueDropdowns. Sync 1 checks protection and reads the rule of every range it added; a range
 * whose rule is no longer that same list (the user changed it, or one of its cells) is left alone. Sync 2 clears
 * the others, and the snapshot's grid forgets those lists (the profile rule decides 「-」 there again). Returns the
 * number of cells cleared.
 */
export async function removeDropdowns(context: Excel.RequestContext, added: AddedDropdowns, snapshot: Snapshot | null): Promise<number> {
  if (!supportsExcelApi("1.8")) fail("api_unsupported", { version: "1.8" });
  const first = queueSheetsAndState(context);
  const reads = added.ranges.map((r) => {
    const dv = context.workbook.worksheets.getItem(added.sheet).getRange(r.range).dataValidation;
    dv.load("type,rule");
    return { ...r, dv };
  });
  await context.sync();
  refuseIfProtected(sheetInfos(first.sheets), added.sheet);
  const same = (a: string[] | null, b: string[] | null): boolean => JSON.stringify(a) === JSON.stringify(b);
  const ours = reads.filter((x) => {
    const source = x.dv.type === "List" ? x.dv.rule.list?.source : undefined;
    return typeof source === "string" && same(listItems(source), listItems(x.source));
  });
  for (const x of ours) x.dv.clear();
  if (ours.length > 0) await context.sync();
  const gone = new Set<string>();
  for (const x of ours) {
    const r = parseRangeA1(x.range);
    for (let row = r.top; row <= r.bottom; row++) gone.add(`${row},${r.left}`);
  }
  const sheet = snapshot?.wb.sheets.find((s) => s.name === added.sheet);
  if (sheet?.validations) {
    sheet.validations = sheet.validations.filter((v) => !(v.range.top === v.range.bottom && gone.has(`${v.range.top},${v.range.left}`)));
  }
  return gone.size;
}

/** What a cell held before normalisation: its value and, for a formula cell, the formula. */
export interface Original {
  value: CellValue;
  formula: string | null;
}

function same(a: unknown, b: CellValue): boolean {
  const x = a === "" || a === undefined ? null : a;
  return x === b;
}

/**
 * Writes `to` (apply) or restores the original (undo) in exactly these cells. Sync 1 reads protection and the
 * cells (with their `format.protection.locked`: on a protected sheet Excel still takes new values in unlocked
 * cells, so a checklist shipped protected with unlocked answer cells can be normalised); if any cell no longer
 * holds what it should, or is locked on a protected sheet, nothing is written. Sync 2 writes.
 * Returns the originals read in sync 1 (for a later undo).
 */
export async function rewriteCells(
  context: Excel.RequestContext,
  changes: NormaliseChange[],
  mode: "apply" | "undo",
  originals: Map<string, Original>,
): Promise<Map<string, Original>> {
  const first = queueSheetsAndState(context);
  const cells = changes.map((c) => {
    const r = context.workbook.worksheets.getItem(c.sheet).getRange(c.cell);
    r.load("values,formulas,numberFormat,format/protection/locked");
    return { change: c, range: r };
  });
  await context.sync();
  const infos = sheetInfos(first.sheets);
  for (const { change, range } of cells) {
    if (range.format.protection.locked !== false) refuseIfProtected(infos, change.sheet);
  }
  const stale: string[] = [];
  const read = new Map<string, Original>();
  for (const { change, range } of cells) {
    const value = range.values[0][0];
    const formula = range.formulas[0][0];
    const expected: CellValue = mode === "apply" ? change.from : change.to;
    const isFormula = typeof formula === "string" && formula.startsWith("=");
    if (!same(value, expected)) stale.push(change.cell);
    else if (mode === "undo" && isFormula) stale.push(change.cell);
    read.set(key(change), { value: value === "" ? null : (value as CellValue), formula: isFormula ? (formula as string) : null });
  }
  if (stale.length > 0) fail("changed_meanwhile", { cells: stale.join(", ") });
  for (const { change, range } of cells) {
    // A text-formatted cell ("@") takes any string as it is; there an apostrophe would stay in the value.
    const asText = (v: string): string => (range.numberFormat[0][0] === TEXT_FORMAT ? v : literalText(v));
    if (mode === "apply") {
      range.values = [[asText(change.to)]];
      continue;
    }
    const orig = originals.get(key(change));
    if (orig?.formula) {
      range.formulas = [[orig.formula]];
    } else {
      const v = orig ? orig.value : change.from;
      range.values = [[v === null ? "" : typeof v === "string" ? asText(v) : v]];
    }
  }
  await context.sync();
  return read;
}

export function key(c: { sheet: string; cell: string }): string {
  const p = parseRangeA1(c.cell);
  return `${c.sheet}!${p.top},${p.left}`;
}

/** Select a cell (activating its sheet). One sync. */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cell).select();
  await context.sync();
}

export { RESULTS_SHEET, PLAN_SHEET };
