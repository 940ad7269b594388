/**
 * The add-in's record sheets in Excel: 「証跡・根拠」 (evidence, an Excel table whose user columns survive regeneration
 * by item id, with their number formats) and 「履歴」 (history: one row per changed result and a line chart of overall
 * and readiness). Both are recognised by their name and their own header, so a user's sheet of the same name that
 * is not ours is never overwritten (the evidence sheet then refuses; the history goes to 「履歴 (2)」).
 */
import { EVIDENCE_SHEET, evidenceModel, isEvidenceGrid, mergeEvidence, readEvidenceUserHeaders, readEvidenceUserValues } from "../core/evidence";
import { appendHistory, HISTORY_SHEET, historyModel, historyRowOf, isHistoryGrid, readHistory, type HistoryUpdate } from "../core/history";
import type { CellRange, CellValue, EvidenceEntry, Report } from "../core/model";
import { rangeA1 } from "./address";
import {
  CHART_PREFIX,
  PLAN_READ_COLS,
  PLAN_READ_ROWS,
  formatsFor,
  fromA1,
  loadSheetsAndTables,
  outside,
  queueOwnedTableWrite,
  readOwnedTable,
  rectangular,
  refuseIfProtected,
  refuseNewSheet,
  sheetInfos,
} from "./write";

type Lang = "ja" | "en";
type SheetInfo = ReturnType<typeof sheetInfos>[number];

export const HISTORY_CHART = "TicsCheckHistory";
const TEXT_FORMAT = "@";
const GENERAL = "General";

/** One item's evidence typed in the pane. */
export interface EvidenceChange {
  itemId: string;
  entry: Partial<EvidenceEntry>;
}

/**
 * 証跡・根拠, following the plan's rules (issue 9): sync 1 sheets/protection and the workbook's table names, sync 2
 * the existing sheet (values, number formats and R1C1 formulas of its used range without formatting-only cells,
 * within PLAN_READ_ROWS × PLAN_READ_COLS) and its tables, sync 3 all writes. Only the old table's cells are
 * replaced, new content first: the new cells are written, then what is left of the old table outside the new one is
 * cleared; notes outside the table stay, and the write is refused when the new table would cover one. The user's
 * columns are carried over by item id with their number formats and formulas. The table is added on a Range (an
 * address without a sheet name would be resolved against the active sheet). `change` (from the pane's item
 * detail) replaces those columns of one row. Returns the grid written (from A1), so the host can update its cached
 * workbook without reading it again.
 */
export async function writeEvidence(
  context: Excel.RequestContext,
  report: Report,
  lang: Lang,
  change?: EvidenceChange,
): Promise<{ sheet: string; grid: CellValue[][] }> {
  const { first, allTables, infos } = await loadSheetsAndTables(context);
  refuseIfProtected(infos, EVIDENCE_SHEET);
  const read = await readOwnedTable(context, first, infos, {
    sheetName: EVIDENCE_SHEET,
    isOurs: isEvidenceGrid,
    readUser: (grid) => ({ values: readEvidenceUserValues(grid), headers: readEvidenceUserHeaders(grid) }),
    userColumns: (headerRow, userHeaders) => {
      const header = headerRow.map((v) => (v == null ? "" : String(v).trim()));
      const local = evidenceModel(report, lang, new Map(), userHeaders).header.slice(-userHeaders.length);
      return userHeaders.map((h, i) => {
        const c = header.indexOf(h);
        return c >= 0 ? c : header.indexOf(local[i]);
      });
    },
  });
  const user = read.user;
  const headers = read.userHeaders ?? readEvidenceUserHeaders([]);
  if (change) mergeEvidence(user, headers.length, change.itemId, change.entry);
  const model = evidenceModel(report, lang, user, headers);
  const dateCols = new Set(model.dateColumns ?? []);
  // A value saved from the pane replaces a user formula (mergeEvidence changed that column of that row).
  queueOwnedTableWrite(read, allTables, model, {
    sheetName: EVIDENCE_SHEET,
    style: "TableStyleLight9",
    userFormat: (f, r, c, grid) => {
      if (f && f !== TEXT_FORMAT && f !== GENERAL) return f;
      return dateCols.has(c) && typeof grid[r][c] === "number" ? "yyyy/mm/dd" : GENERAL;
    },
    keepFormula: (id, i) => !(change && id === change.itemId && savedColumn(change, i)),
  });
  await context.sync();
  return { sheet: EVIDENCE_SHEET, grid: [model.header, ...model.rows] };
}

/** The standard user columns in EVIDENCE_USER_HEADERS order (as valuesOf writes them). */
const ENTRY_KEYS: (keyof EvidenceEntry)[] = ["evidence", "reason", "checker", "checkedOn", "memo"];

/** Whether the pane's change sets the user column `i` (so a formula there gives way to the saved value). */
function savedColumn(change: EvidenceChange, i: number): boolean {
  const k = ENTRY_KEYS[i];
  return k !== undefined && Object.prototype.hasOwnProperty.call(change.entry, k);
}

/** Sheets that may hold the history: 「履歴」 and 「履歴 (2)」… (the add-in's, or a user's sheet of that name). */
function historyCandidates(infos: SheetInfo[]): string[] {
  return infos.map((s) => s.name).filter((n) => n === HISTORY_SHEET || /^履歴 \(\d+\)$/.test(n));
}

export interface HistoryRead {
  reads: { name: string; used: Excel.Range; charts: Excel.ChartCollection }[];
}

/**
 * Queues reading the candidate history sheets (values of cells with values, within PLAN_READ_ROWS × PLAN_READ_COLS,
 * and charts); null when there is none (no sync needed).
 */
export function queueHistoryRead(context: Excel.RequestContext, infos: SheetInfo[]): HistoryRead | null {
  const names = historyCandidates(infos);
  if (names.length === 0) return null;
  return {
    reads: names.map((name) => {
      const ws = context.workbook.worksheets.getItem(name);
      const used = ws.getUsedRange(true).getIntersectionOrNullObject(ws.getRangeByIndexes(0, 0, PLAN_READ_ROWS, PLAN_READ_COLS));
      used.load("values,rowIndex,columnIndex");
      const charts = context.workbook.worksheets.getItem(name).charts;
      charts.load("items/name");
      return { name, used, charts };
    }),
  };
}

export interface HistoryPlan {
  /** The sheet to write (ours, or a free name when a user's sheet holds 「履歴」). */
  sheet: string;
  exists: boolean;
  /** The history held before this result (empty for a new sheet). */
  old: number;
  update: HistoryUpdate;
  charts: Excel.ChartCollection | null;
  /** The cells the sheet held (null for a new or blank sheet): what the new grid does not cover is cleared after it is written. */
  oldArea: CellRange | null;
}

/** After the sync: which sheet is ours, and the history with this result appended when it changed. */
export function planHistory(read: HistoryRead | null, infos: SheetInfo[], report: Report, now: Date, who: string): HistoryPlan {
  const current = historyRowOf(report, now, who);
  for (const r of read?.reads ?? []) {
    const none = r.used.isNullObject;
    const grid = none ? [] : fromA1(r.used.values, r.used.rowIndex, r.used.columnIndex);
    const blank = grid.every((row) => row.every((v) => v === null));
    if (blank || isHistoryGrid(grid)) {
      const old = readHistory(grid);
      const values: unknown[][] = none ? [] : r.used.values;
      const oldArea: CellRange | null = blank
        ? null
        : {
            top: r.used.rowIndex,
            left: r.used.columnIndex,
            bottom: r.used.rowIndex + values.length - 1,
            right: r.used.columnIndex + (values[0]?.length ?? 1) - 1,
          };
      return { sheet: r.name, exists: true, old: old.length, update: appendHistory(old, current), charts: r.charts, oldArea };
    }
  }
  const names = new Set(infos.map((s) => s.name.toLowerCase()));
  let name = HISTORY_SHEET;
  for (let k = 2; names.has(name.toLowerCase()); k++) name = `${HISTORY_SHEET} (${k})`;
  return { sheet: name, exists: false, old: 0, update: appendHistory([], current), charts: null, oldArea: null };
}

/** What queueHistoryWrite queued: the rows written (from A1), and the chart's details to queue in a later step. */
export interface HistoryWritten {
  rows: CellValue[][];
  /** Queues the line chart's title, axis limits, legend and position (for the caller's separate, guarded sync). */
  details: () => void;
}

/**
 * Queues writing the history sheet and its line chart (nothing when the result did not change and the sheet is
 * there). Refuses a protected sheet or a protected workbook before anything is queued by the caller's first check.
 * As for the results sheet (issue 9): the new cells are written before what the old ones do not cover is cleared and
 * before the old chart is replaced, and the chart's details are left to the caller's later, guarded step, so a
 * refusal part-way leaves the previous history or the new one, never a cleared sheet.
 */
export function queueHistoryWrite(
  context: Excel.RequestContext,
  plan: HistoryPlan,
  lang: Lang,
  first: { workbook: Excel.WorkbookProtection },
  infos: SheetInfo[],
): HistoryWritten | null {
  if (plan.exists && !plan.update.appended) return null;
  refuseIfProtected(infos, plan.sheet);
  let sheet: Excel.Worksheet;
  if (plan.exists) {
    sheet = context.workbook.worksheets.getItem(plan.sheet);
  } else {
    refuseNewSheet(first, plan.sheet);
    sheet = context.workbook.worksheets.add(plan.sheet);
  }
  const model = historyModel(plan.update.rows, lang);
  const width = Math.max(1, ...model.rows.map((r) => r.length));
  const grid = rectangular(model.rows, width);
  const area: CellRange = { top: 0, left: 0, bottom: grid.length - 1, right: width - 1 };
  const target = sheet.getRange(rangeA1(area));
  target.numberFormat = formatsFor(grid, () => GENERAL);
  target.values = grid;
  sheet.getRange(rangeA1({ top: 0, left: 0, bottom: 0, right: width - 1 })).format.font.bold = true;
  sheet.getRange("A:A").format.columnWidth = 110;
  // Only now the old cells the new grid does not cover, and the old chart.
  for (const rest of outside(plan.oldArea, area)) sheet.getRange(rangeA1(rest)).clear();
  for (const ch of plan.charts?.items ?? []) if (ch.name.startsWith(CHART_PREFIX)) ch.delete();
  const chart = sheet.charts.add("LineMarkers", sheet.getRange(rangeA1({ top: 0, left: 0, bottom: grid.length - 1, right: 2 })), "Columns");
  chart.name = HISTORY_CHART;
  const details = (): void => {
    chart.title.text = model.chartTitle;
    chart.axes.valueAxis.minimum = 0;
    chart.axes.valueAxis.maximum = 100;
    chart.legend.position = "Bottom";
    const a = model.chartAnchor;
    chart.setPosition(rangeA1({ top: a.top, left: a.left, bottom: a.top, right: a.left }), rangeA1({ top: a.bottom, left: a.right, bottom: a.bottom, right: a.right }));
  };
  return { rows: model.rows, details };
}
