/**
 * The add-in's record sheets in Excel: 「証跡・根拠」 (evidence, an Excel table whose user columns survive regeneration
 * by item id, with their number formats) and 「履歴」 (history: one row per changed result and a line chart of overall
 * and readiness). Both are recognised by their name and their own header, so a user's sheet of the same name that
 * is not ours is never overwritten (the evidence sheet then refuses; the history goes to 「履歴 (2)」).
 */
import { EVIDENCE_SHEET, evidenceModel, isEvidenceGrid, mergeEvidence, readEvidenceUserHeaders, readEvidenceUserValues } from "../core/evidence";
import { appendHistory, HISTORY_SHEET, historyModel, historyRowOf, isHistoryGrid, readHistory, type HistoryUpdate } from "../core/history";
import type { CellValue, EvidenceEntry, Report } from "../core/model";
import { rangeA1 } from "./address";
import { GatewayError, notOurs } from "./errors";
import {
  CHART_PREFIX,
  formatsFor,
  fromA1,
  queueSheetsAndState,
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
 * 証跡・根拠: sync 1 sheets/protection and the workbook's table names, sync 2 the existing sheet (values, number
 * formats, tables), sync 3 all writes. `change` (from the pane's item detail) replaces those columns of one row.
 * Returns the grid written (from A1), so the host can update its cached workbook without reading it again.
 */
export async function writeEvidence(
  context: Excel.RequestContext,
  report: Report,
  lang: Lang,
  change?: EvidenceChange,
): Promise<{ sheet: string; grid: CellValue[][] }> {
  const first = queueSheetsAndState(context);
  const allTables = context.workbook.tables;
  allTables.load("items/name");
  await context.sync();
  const infos = sheetInfos(first.sheets);
  refuseIfProtected(infos, EVIDENCE_SHEET);
  const exists = infos.some((s) => s.name === EVIDENCE_SHEET);
  let sheet: Excel.Worksheet;
  let user = new Map<string, CellValue[]>();
  let userHeaders: string[] | undefined;
  const userFormats = new Map<string, string[]>();
  const ownTables = new Set<string>();
  if (exists) {
    sheet = context.workbook.worksheets.getItem(EVIDENCE_SHEET);
    const used = sheet.getUsedRange(false);
    used.load("values,numberFormat,rowIndex,columnIndex,address");
    const tables = context.workbook.worksheets.getItem(EVIDENCE_SHEET).tables;
    tables.load("items/name");
    await context.sync();
    const grid = fromA1(used.values, used.rowIndex, used.columnIndex);
    const blank = grid.every((row) => row.every((v) => v === null));
    if (!blank && !isEvidenceGrid(grid)) throw new GatewayError(notOurs(EVIDENCE_SHEET));
    user = readEvidenceUserValues(grid);
    userHeaders = readEvidenceUserHeaders(grid);
    const formats = fromA1(used.numberFormat, used.rowIndex, used.columnIndex);
    const headRow = grid.findIndex((row) => row.some((v) => v === "項目ID" || v === "Item ID"));
    if (headRow >= 0) {
      const header = (grid[headRow] ?? []).map((v) => (v == null ? "" : String(v).trim()));
      const idCol = header.findIndex((h) => h === "項目ID" || h === "Item ID");
      const local = evidenceModel(report, lang, new Map(), userHeaders).header.slice(-userHeaders.length);
      const cols = userHeaders.map((h, i) => {
        const c = header.indexOf(h);
        return c >= 0 ? c : header.indexOf(local[i]);
      });
      for (let r = headRow + 1; r < grid.length; r++) {
        const id = grid[r]?.[idCol];
        if (id == null || id === "") continue;
        userFormats.set(String(id).trim(), cols.map((c) => (c < 0 ? GENERAL : String(formats[r]?.[c] ?? GENERAL))));
      }
    }
    for (const t of tables.items) {
      ownTables.add(t.name.toLowerCase());
      t.delete();
    }
    sheet.getRange(used.address.split("!").pop() as string).clear();
  } else {
    refuseNewSheet(first, EVIDENCE_SHEET);
    sheet = context.workbook.worksheets.add(EVIDENCE_SHEET);
  }
  const headers = userHeaders ?? readEvidenceUserHeaders([]);
  if (change) mergeEvidence(user, headers.length, change.itemId, change.entry);
  const model = evidenceModel(report, lang, user, headers);
  const width = model.header.length;
  const body: CellValue[][] = model.rows.length > 0 ? model.rows : [model.header.map(() => null)];
  const grid = rectangular([model.header, ...body], width);
  const ids = [null, ...body.map((r) => (r[model.idColumn] == null ? null : String(r[model.idColumn])))];
  const dateCols = new Set(model.dateColumns ?? []);
  const formats = formatsFor(grid, (r, c) => {
    if (r === 0 || c < model.userColumnStart) return GENERAL;
    const id = ids[r];
    const f = id ? userFormats.get(id)?.[c - model.userColumnStart] : undefined;
    if (f && f !== TEXT_FORMAT && f !== GENERAL) return f;
    return dateCols.has(c) && typeof grid[r][c] === "number" ? "yyyy/mm/dd" : GENERAL;
  });
  const area = rangeA1({ top: 0, left: 0, bottom: grid.length - 1, right: width - 1 });
  const target = sheet.getRange(area);
  target.numberFormat = formats;
  target.values = grid;
  const taken = new Set(allTables.items.map((t) => t.name.toLowerCase()).filter((n) => !ownTables.has(n)));
  let tableName = model.tableName;
  for (let i = 2; taken.has(tableName.toLowerCase()); i++) tableName = `${model.tableName}${i}`;
  const table = sheet.tables.add(area, true);
  table.name = tableName;
  table.style = "TableStyleLight9";
  await context.sync();
  return { sheet: EVIDENCE_SHEET, grid: [model.header, ...model.rows] };
}

/** Sheets that may hold the history: 「履歴」 and 「履歴 (2)」… (the add-in's, or a user's sheet of that name). */
function historyCandidates(infos: SheetInfo[]): string[] {
  return infos.map((s) => s.name).filter((n) => n === HISTORY_SHEET || /^履歴 \(\d+\)$/.test(n));
}

export interface HistoryRead {
  reads: { name: string; used: Excel.Range; charts: Excel.ChartCollection }[];
}

/** Queues reading the candidate history sheets (values and charts); null when there is none (no sync needed). */
export function queueHistoryRead(context: Excel.RequestContext, infos: SheetInfo[]): HistoryRead | null {
  const names = historyCandidates(infos);
  if (names.length === 0) return null;
  return {
    reads: names.map((name) => {
      const used = context.workbook.worksheets.getItem(name).getUsedRange(true);
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
}

/** After the sync: which sheet is ours, and the history with this result appended when it changed. */
export function planHistory(read: HistoryRead | null, infos: SheetInfo[], report: Report, now: Date, who: string): HistoryPlan {
  const current = historyRowOf(report, now, who);
  for (const r of read?.reads ?? []) {
    const grid = fromA1(r.used.values, r.used.rowIndex, r.used.columnIndex);
    const blank = grid.every((row) => row.every((v) => v === null));
    if (blank || isHistoryGrid(grid)) {
      const old = readHistory(grid);
      return { sheet: r.name, exists: true, old: old.length, update: appendHistory(old, current), charts: r.charts };
    }
  }
  const names = new Set(infos.map((s) => s.name.toLowerCase()));
  let name = HISTORY_SHEET;
  for (let k = 2; names.has(name.toLowerCase()); k++) name = `${HISTORY_SHEET} (${k})`;
  return { sheet: name, exists: false, old: 0, update: appendHistory([], current), charts: null };
}

/**
 * Queues writing the history sheet and its line chart (nothing when the result did not change and the sheet is
 * there). Refuses a protected sheet or a protected workbook before anything is queued by the caller's first check.
 */
export function queueHistoryWrite(
  context: Excel.RequestContext,
  plan: HistoryPlan,
  lang: Lang,
  first: { workbook: Excel.WorkbookProtection },
  infos: SheetInfo[],
): CellValue[][] | null {
  if (plan.exists && !plan.update.appended) return null;
  refuseIfProtected(infos, plan.sheet);
  let sheet: Excel.Worksheet;
  if (plan.exists) {
    sheet = context.workbook.worksheets.getItem(plan.sheet);
    for (const ch of plan.charts?.items ?? []) if (ch.name.startsWith(CHART_PREFIX)) ch.delete();
    sheet.getRange().clear();
  } else {
    refuseNewSheet(first, plan.sheet);
    sheet = context.workbook.worksheets.add(plan.sheet);
  }
  const model = historyModel(plan.update.rows, lang);
  const width = Math.max(1, ...model.rows.map((r) => r.length));
  const grid = rectangular(model.rows, width);
  const target = sheet.getRange(rangeA1({ top: 0, left: 0, bottom: grid.length - 1, right: width - 1 }));
  target.numberFormat = formatsFor(grid, () => GENERAL);
  target.values = grid;
  sheet.getRange(rangeA1({ top: 0, left: 0, bottom: 0, right: width - 1 })).format.font.bold = true;
  sheet.getRange("A:A").format.columnWidth = 110;
  const chart = sheet.charts.add("LineMarkers", sheet.getRange(rangeA1({ top: 0, left: 0, bottom: grid.length - 1, right: 2 })), "Columns");
  chart.name = HISTORY_CHART;
  chart.title.text = model.chartTitle;
  chart.axes.valueAxis.minimum = 0;
  chart.axes.valueAxis.maximum = 100;
  chart.legend.position = "Bottom";
  const a = model.chartAnchor;
  chart.setPosition(rangeA1({ top: a.top, left: a.left, bottom: a.top, right: a.left }), rangeA1({ top: a.bottom, left: a.right, bottom: a.bottom, right: a.right }));
  return model.rows;
}
