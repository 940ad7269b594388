/**
 * Reading the checklist from Excel in as few round trips as possible.
 *
 * Full check: sync 1 loads the sheet list, the stored state, every known sheet's used range (values) with its
 * merged areas, and the answer cells' validations of the last known location; detection runs in JS. Only when
 * something is new (first check of a session, a sheet added, the table moved) one more sync loads what is missing.
 * The sync count never depends on the number of items (see fullCheck for the one three-sync case). Charts
 * (ExcelApi 1.15) add one sync at most. The manual range (checkFromSelection) reads the workbook the same way
 * (readWorkbook), so both see the same sheets, names and charts.
 */
import { analyse, reevaluate } from "../core/analyse";
import { detectChecklist, locateFromAnswerCells } from "../core/detect";
import type { CellRange, CellValue, ChecklistLocation, ListValidation, Report, SheetInput, WorkbookInput } from "../core/model";
import type { Profile } from "../core/profile/types";
import { cellA1, columnLetters, intersect, parseAreas, parseRangeA1, rangeA1, rowRuns, splitAreas } from "./address";
import { supportsExcelApi } from "./api-sets";
import { fail, hostError, multiAreaSelection, GatewayError } from "./errors";
import { queueReadState, stateFrom, type StoredState } from "./state";
import { formulaCells, queueChartList, queueChartSeries, queueNames } from "./workbook-parts";

/** What a check leaves behind for live edits and normalisation. */
export interface Snapshot {
  wb: WorkbookInput;
  location: ChecklistLocation;
  report: Report;
  /** The checklist sheet's id (stays the same when the user renames the sheet). */
  sheetId?: string;
}

/** Per-session memory of the host. */
export interface Session {
  sheetNames: string[] | null;
  snapshot: Snapshot | null;
  state: StoredState | null;
  /**
   * The workbook was too big to read whole (Excel on the web refuses a response over about 5 MB): from then on
   * each sheet is read only within its first BOUNDED_ROWS rows and HIDDEN_SCAN columns.
   */
  bounded?: boolean;
  /**
   * Reading merged areas together with the values failed once (more than 512 merged areas make
   * getMergedAreasOrNullObject fail, per @types/office-js): from then on they are read in their own guarded step.
   */
  mergesApart?: boolean;
  /** Sheets whose merged areas could not be read (over 512): analysed without them for the rest of the session. */
  mergesFailed?: Set<string>;
  /**
   * Loading the charts' series lists with the chart lists (a nested load in the same sync as the values) failed
   * a read once, or might have (see FALLBACKS): from then on the chart lists come without them and each chart's
   * first series is read in the chart sync, as before ExcelApi let a check read every series.
   */
  seriesApart?: boolean;
}

export interface CheckOptions {
  profile?: Profile;
  file?: string;
}

interface SheetRead {
  name: string;
  used: Excel.Range;
  /** Merged areas after the sync (empty when the API set is missing). */
  merged: () => CellRange[];
  /** The range whose merged areas are read apart (Session.mergesApart). */
  mergeSource: Excel.Range;
  /** Hidden columns among the first HIDDEN_SCAN columns, after the sync. */
  hiddenColumns: () => number[];
  /** The sheet's charts (names and types), when chart series can be read (see workbook-parts.ts). */
  charts: Excel.ChartCollection | null;
  /** The charts' series lists were loaded with them (not when Session.seriesApart). */
  chartSeries: boolean;
}

/** Columns checked for being hidden (one small proxy each; checklists sit well inside A:AN). */
export const HIDDEN_SCAN = 40;

/** Rows read per sheet once a workbook proved too big to read whole (see Session.bounded). */
export const BOUNDED_ROWS = 2000;

/**
 * Queue one sheet's reads: used range values, merged areas (guarded) and hidden columns. Bounded: only the part of
 * the used range inside the first BOUNDED_ROWS × HIDDEN_SCAN cells (a null object when the sheet has nothing there).
 */
function queueRead(ws: Excel.Worksheet, session: Session): Omit<SheetRead, "name"> {
  const bounded = session.bounded === true;
  let used: Excel.Range;
  let mergeSource: Excel.Range;
  if (bounded) {
    mergeSource = ws.getRangeByIndexes(0, 0, BOUNDED_ROWS, HIDDEN_SCAN);
    used = ws.getUsedRange(true).getIntersectionOrNullObject(mergeSource);
  } else {
    used = ws.getUsedRange(true);
    mergeSource = used;
  }
  const merged = session.mergesApart ? (): CellRange[] => [] : queueMergedAreas(mergeSource);
  // Formulas come with the values (same sync): the workbook's own results are traced from them.
  used.load("values,formulas,rowIndex,columnIndex");
  const cols: Excel.Range[] = [];
  for (let c = 0; c < HIDDEN_SCAN; c++) {
    const letters = columnLetters(c);
    const col = ws.getRange(`${letters}:${letters}`);
    col.load("columnHidden");
    cols.push(col);
  }
  const hiddenColumns = (): number[] => cols.map((col, c) => (col.columnHidden ? c : -1)).filter((c) => c >= 0);
  const chartSeries = session.seriesApart !== true;
  return { used, merged, mergeSource, hiddenColumns, charts: queueChartList(ws, chartSeries), chartSeries };
}

function queueSheetRead(context: Excel.RequestContext, session: Session, name: string): SheetRead {
  return { name, ...queueRead(context.workbook.worksheets.getItem(name), session) };
}

/**
 * Error codes of a read too big for Excel: more than about 5 MB in a request or response (Excel on the web), or
 * more cells than Excel reads in one range (five million on every platform: `RangeExceedsLimit`). Decided by the
 * code only, never by the message (which is in the user's display language).
 */
const TOO_BIG = new Set(["ResponsePayloadSizeLimitExceeded", "RequestPayloadSizeLimitExceeded", "RangeExceedsLimit"]);

/** A failed read that a bounded read may avoid (see TOO_BIG). */
export function isPayloadTooLarge(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && TOO_BIG.has(code);
}

/**
 * Session.mergesApart: each sheet's merged areas in one guarded sync for all sheets; when that fails, one sync per
 * sheet, and a sheet whose merged areas cannot be read (over 512) is analysed without them (as on ExcelApi < 1.13).
 */
async function readMergesApart(context: Excel.RequestContext, session: Session, reads: SheetRead[]): Promise<void> {
  const failed = (session.mergesFailed ??= new Set<string>());
  const remaining = reads.filter((r) => !failed.has(r.name));
  if (!supportsExcelApi("1.13") || remaining.length === 0) return;
  const all = remaining.map((r) => ({ r, merged: queueMergedAreas(r.mergeSource) }));
  try {
    await context.sync();
    for (const x of all) x.r.merged = x.merged;
    return;
  } catch {
    // one sheet has too many merged areas: find which
  }
  for (const r of remaining) {
    const merged = queueMergedAreas(r.mergeSource);
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only after the batched read failed: one guarded sync per sheet finds the sheet that fails (once per session)
      await context.sync();
      r.merged = merged;
    } catch {
      failed.add(r.name);
    }
  }
}

/** Even the bounded read was too big: a clear message instead of Excel's. */
function tooLarge(): GatewayError {
  return new GatewayError({
    code: "unreadable",
    message: {
      ja: `ブックが大きすぎて Excel から一度に読み込めません（Excel on the web の上限 約 5 MB）。各シートの先頭 ${BOUNDED_ROWS} 行でも収まりませんでした。不要な大きいシートを別のブックに移すか、デスクトップ版 Excel かブラウザーモード（ファイルを開く）でお試しください。`,
      en: `The workbook is too big to read from Excel in one go (Excel on the web's limit of about 5 MB), even its sheets' first ${BOUNDED_ROWS} rows. Move large sheets to another workbook, or use desktop Excel or the browser mode (open the file).`,
    },
  });
}

/** ExcelApi 1.13: queue reading the merged areas of a range; the result is read after the sync ([] on older Excel). */
export function queueMergedAreas(range: Excel.Range): () => CellRange[] {
  if (!supportsExcelApi("1.13")) return () => [];
  const areas = range.getMergedAreasOrNullObject();
  areas.load("address");
  return () => (areas.isNullObject ? [] : parseAreas(areas.address));
}

function toCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v === "" ? null : v;
  if (typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

function sheetInput(read: SheetRead, hidden: boolean): SheetInput {
  // A bounded read of a sheet with nothing in its window is a null object: an empty grid.
  const empty = read.used.isNullObject;
  const values = empty ? [] : read.used.values.map((row) => row.map(toCellValue));
  const merges = read.merged();
  const formulas = empty ? [] : formulaCells(read.used.formulas, read.used.rowIndex, read.used.columnIndex);
  return {
    name: read.name,
    values,
    originRow: empty ? 0 : read.used.rowIndex,
    originCol: empty ? 0 : read.used.columnIndex,
    merges,
    hiddenColumns: read.hiddenColumns(),
    hidden,
    ...(formulas.length ? { formulas } : {}),
  };
}

/** Answer cells of a location: one per item row. */
export function answerCells(location: ChecklistLocation): { row: number; col: number }[] {
  return location.rows.map((r) => ({ row: r.row, col: location.answerCol }));
}

/** Validations queued for loading; `lists()` turns them into ListValidations after the sync. */
interface ValidationRead {
  sheet: string;
  lists: () => ListValidation[];
}

/**
 * ExcelApi 1.8: queue loading the data validation of each answer cell (one proxy per cell: a multi-cell range
 * whose cells carry different lists reports its rule as inconsistent, and TICS lists differ per item). A cell with
 * a rule that is not a list (or a list whose items are a reference) gets items null.
 * Null on older Excel (validations then stay unknown and the profile rule applies).
 */
export function queueValidations(
  context: Excel.RequestContext,
  sheet: string,
  cells: { row: number; col: number }[],
): ValidationRead | null {
  if (!supportsExcelApi("1.8")) return null;
  const proxies: { row: number; col: number; dv: Excel.DataValidation }[] = [];
  for (const c of cells) {
    const dv = context.workbook.worksheets.getItem(sheet).getRange(cellA1(c.row, c.col)).dataValidation;
    dv.load("type,rule");
    proxies.push({ row: c.row, col: c.col, dv });
  }
  const lists = (): ListValidation[] => {
    const out: ListValidation[] = [];
    for (const c of proxies) {
      if (c.dv.type === "None") continue;
      const range = { top: c.row, left: c.col, bottom: c.row, right: c.col };
      const source = c.dv.type === "List" ? c.dv.rule.list?.source : undefined;
      // Any other rule (whole number, custom, …) is the user's: kept as "validation without known items", so the
      // profile rule decides 「-」 and no dropdown is ever put over it.
      out.push({ range, items: typeof source === "string" ? listItems(source) : null });
    }
    return out;
  };
  return { sheet, lists };
}

/** List items from a validation source: "○,△,×,-" → items; a reference ("=$H$1:$H$4") → null (unresolved). */
export function listItems(source: string): string[] | null {
  const s = source.trim();
  if (s.startsWith("=")) return null;
  return s.split(/[,、]/).map((x) => x.trim()).filter((x) => x !== "");
}

function validationsFrom(read: ValidationRead): ListValidation[] {
  return read.lists();
}

function sameCells(a: { row: number; col: number }[], b: { row: number; col: number }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].row !== b[i].row || a[i].col !== b[i].col) return false;
  return true;
}

function setValidations(wb: WorkbookInput, sheet: string, validations: ListValidation[]): void {
  const s = wb.sheets.find((x) => x.name === sheet);
  if (s) s.validations = validations;
}

/**
 * The checklist: where the user chose it by hand (the sheet found by its id, so a rename keeps the choice; by the
 * stored name when the id is unknown), else detected.
 */
function locate(wb: WorkbookInput, state: StoredState, ids: Map<string, string>): ChecklistLocation {
  let result;
  const manual = state.manual;
  const manualSheet = manual ? ((manual.sheetId !== undefined ? ids.get(manual.sheetId) : undefined) ?? manual.sheet) : null;
  if (manual && manualSheet && wb.sheets.some((s) => s.name === manualSheet)) {
    result = locateFromAnswerCells(wb, manualSheet, parseRangeA1(manual.answers));
  } else {
    result = detectChecklist(wb);
  }
  if (!result.ok) {
    const hint = hostError("no_checklist").message;
    throw new GatewayError({
      code: "no_checklist",
      message: { ja: `${result.error.message.ja}\n${hint.ja}`, en: `${result.error.message.en}\n${hint.en}` },
    });
  }
  return result.location;
}

/**
 * Full check. Sync 1: sheet list, state, the known sheets' used ranges (on the first check of a session: the
 * active, first and last sheet's) and the validations of the last location. Sync 2 (only when something is
 * missing): the other sheets and the validations of the location guessed from the sheets read in sync 1; or, when
 * every sheet was read in sync 1, the validations of the location found. A third sync happens only when the
 * checklist is found on a sheet that sync 1 could not read (first check of a session, the checklist neither the
 * active, the first nor the last sheet) or detection over all sheets picks a different table
 * than the guess: Office.js cannot read a sheet before knowing its name, so its validations come one trip later.
 * Charts (ExcelApi 1.15) add one sync at most, shared with those validations (see readCharts).
 * When Excel refuses a sync as too big (Excel on the web, about 5 MB), the check starts again bounded (see
 * Session.bounded): one failed sync more, once per session.
 */
export function fullCheck(context: Excel.RequestContext, session: Session, options: CheckOptions): Promise<Snapshot> {
  return withRestarts(() => fullCheckOnce(context, session, options));
}

async function fullCheckOnce(context: Excel.RequestContext, session: Session, options: CheckOptions): Promise<Snapshot> {
  const firstOfSession = !session.sheetNames;
  const prev = session.snapshot;
  // Validations read ahead: those of the last location (sync 1), else of the location guessed after sync 1.
  const ahead: { v: { sheet: string; cells: { row: number; col: number }[]; read: ValidationRead | null } | null } = { v: null };
  if (prev && session.sheetNames?.includes(prev.location.sheet)) {
    const cells = answerCells(prev.location);
    ahead.v = { sheet: prev.location.sheet, cells, read: queueValidations(context, prev.location.sheet, cells) };
  }
  const read = await readWorkbook(context, session, context.workbook.worksheets.getActiveWorksheet(), (partial, state, ids, missing) => {
    if (!firstOfSession || ahead.v || missing.length === 0) return false;
    // Guess from the sheets read so far, so the validations come with the other sheets in the same sync.
    const guess = locateIn(partial(), state, ids);
    if (guess) {
      const cells = answerCells(guess);
      ahead.v = { sheet: guess.sheet, cells, read: queueValidations(context, guess.sheet, cells) };
    }
    return false;
  });
  const { wb } = read;
  const location = locate(wb, read.state, read.ids);
  const cells = answerCells(location);
  let validations: ListValidation[] | null = null;
  let vread: ValidationRead | null = null;
  const spec = ahead.v;
  if (spec && spec.sheet === location.sheet && sameCells(spec.cells, cells)) {
    validations = spec.read ? validationsFrom(spec.read) : [];
  } else {
    vread = queueValidations(context, location.sheet, cells);
  }
  await readCharts(context, read, vread ? () => (vread = queueValidations(context, location.sheet, cells)) : null);
  if (vread) validations = validationsFrom(vread);
  if (validations) setValidations(wb, location.sheet, validations);
  const result = analyse(wb, { profile: options.profile, file: options.file, location });
  if (!result.ok) {
    throw new GatewayError({ code: "no_checklist", message: result.error.message });
  }
  const snapshot: Snapshot = { wb, location: result.location, report: result.report, sheetId: read.idOf(result.location.sheet) };
  session.snapshot = snapshot;
  return snapshot;
}

/** What readWorkbook leaves: the workbook as the engine sees it, and what the checks need besides. */
interface WorkbookRead {
  wb: WorkbookInput;
  state: StoredState;
  /** Sheet id → name. */
  ids: Map<string, string>;
  idOf: (sheet: string) => string | undefined;
  sheetNames: string[];
  reads: Map<string, SheetRead>;
}

/**
 * The reads both checks share (the full check and the manual range), so both see the same workbook: every
 * sheet's values and formulas, the defined names and the chart lists. Sync 1: the sheet list, the stored state,
 * the defined names, every known sheet (first check of a session, where Office.js knows no names yet: `primary`,
 * the first and the last sheet; bounded: `primary` only) and whatever the caller queued before. Sync 2, only when
 * sheets are still missing or `second` asks for it: those sheets and whatever `second` queues from the sheets
 * read so far (`partial`, built only when asked for; `only`: one sheet). A failed sync restarts the check (restartAfter).
 */
async function readWorkbook(
  context: Excel.RequestContext,
  session: Session,
  primary: Excel.Worksheet,
  second: (partial: (only?: string) => WorkbookInput, state: StoredState, ids: Map<string, string>, missing: string[]) => boolean,
  firstFailed?: (e: unknown) => Promise<void>,
): Promise<WorkbookRead> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility,items/id");
  const stateItem = queueReadState(context);
  const names = queueNames(context);
  const knownNames = session.sheetNames !== null;
  const reads = new Map<string, SheetRead>();
  for (const name of session.sheetNames ?? []) reads.set(name, queueSheetRead(context, session, name));
  let starters: { ws: Excel.Worksheet; read: Omit<SheetRead, "name"> }[] = [];
  if (!session.sheetNames) {
    const reachable = session.bounded ? [primary] : [primary, sheets.getFirst(), sheets.getLast()];
    starters = reachable.map((ws) => {
      ws.load("name");
      return { ws, read: queueRead(ws, session) };
    });
  }
  try {
    await context.sync();
  } catch (e) {
    if (firstFailed) await firstFailed(e);
    restartAfter(e, session, knownNames);
  }
  const state = stateFrom(stateItem);
  session.state = state;
  const sheetNames = sheets.items.map((s) => s.name);
  const ids = new Map(sheets.items.map((s) => [s.id, s.name]));
  const hidden = new Map(sheets.items.map((s) => [s.name, s.visibility !== "Visible"]));
  for (const st of starters) if (!reads.has(st.ws.name)) reads.set(st.ws.name, { name: st.ws.name, ...st.read });
  const missing = sheetNames.filter((n) => !reads.has(n));
  for (const n of [...reads.keys()]) if (!sheetNames.includes(n)) reads.delete(n);
  const sheetsRead = (only?: string): SheetInput[] => sheetNames.filter((n) => reads.has(n) && (only === undefined || n === only)).map((n) => sheetInput(reads.get(n) as SheetRead, hidden.get(n) ?? false));
  const asks = second((only) => ({ sheets: sheetsRead(only) }), state, ids, missing);
  for (const n of missing) reads.set(n, queueSheetRead(context, session, n));
  if (missing.length > 0 || asks) {
    try {
      await context.sync();
    } catch (e) {
      restartAfter(e, session, false);
    }
  }
  if (session.mergesApart) await readMergesApart(context, session, sheetNames.map((n) => reads.get(n) as SheetRead));
  session.sheetNames = sheetNames;
  const wb: WorkbookInput = { sheets: sheetsRead() };
  if (wb.sheets.length === 0) fail("no_checklist");
  const definedNames = names();
  if (definedNames.length) wb.names = definedNames;
  const idOf = (sheet: string): string | undefined => sheets.items.find((s) => s.name === sheet)?.id;
  return { wb, state, ids, idOf, sheetNames, reads };
}

/**
 * Charts with their series (ExcelApi 1.15) in one sync, shared with what the caller queued before (the
 * validations) when `requeue` is given. A series Excel cannot describe fails that sync: the check goes on without
 * charts, and what the caller queued is queued again (`requeue`) and read in one more sync.
 */
async function readCharts(context: Excel.RequestContext, read: WorkbookRead, requeue: (() => void) | null): Promise<void> {
  const lists: { sheet: string; charts: Excel.ChartCollection; withSeries: boolean }[] = [];
  for (const n of read.sheetNames) {
    const r = read.reads.get(n);
    if (r?.charts) lists.push({ sheet: n, charts: r.charts, withSeries: r.chartSeries });
  }
  const chartRead = queueChartSeries(lists);
  if (!requeue && !chartRead) return;
  try {
    await context.sync();
    if (chartRead) read.wb.charts = chartRead();
  } catch (e) {
    if (!chartRead) throw e;
    if (requeue) {
      requeue();
      await context.sync();
    }
  }
}

/** Thrown inside a check that must start again (the session already says how); caught by withRestarts. */
class Restart extends Error {}

async function withRestarts<T>(run: () => Promise<T>): Promise<T> {
  // Ends: every restart sets a flag for good (bounded, a later step of FALLBACKS) or forgets stale sheet names,
  // which only a successful read remembers again.
  for (;;) {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof Restart)) throw e;
    }
  }
}

/**
 * What to read apart after a whole-workbook sync failed for no known reason, tried in this order: merged areas
 * (more than 512 fail the read, see Session.mergesApart), then the charts' series lists (see Session.seriesApart),
 * then both. A step needing an API set the host lacks is skipped.
 */
const FALLBACKS: readonly { merges: boolean; series: boolean }[] = [
  { merges: true, series: false },
  { merges: false, series: true },
  { merges: true, series: true },
];

function nextFallback(session: Session): boolean {
  const now = FALLBACKS.findIndex((f) => f.merges === (session.mergesApart === true) && f.series === (session.seriesApart === true));
  for (const f of FALLBACKS.slice(now + 1)) {
    if ((f.merges && !supportsExcelApi("1.13")) || (f.series && !supportsExcelApi("1.15"))) continue;
    session.mergesApart = f.merges;
    session.seriesApart = f.series;
    return true;
  }
  return false;
}

/**
 * A whole-workbook sync failed: start again (throws Restart) or give up (throws the error). Too big (Excel on the
 * web, about 5 MB): read bounded (once; bounded and still too big: a message). A remembered sheet renamed or
 * deleted (sync 1 with known names): forget the names. Otherwise: the next step of FALLBACKS.
 */
function restartAfter(e: unknown, session: Session, knownNames: boolean): never {
  if (isPayloadTooLarge(e)) {
    if (session.bounded) throw tooLarge();
    session.bounded = true;
  } else if (!knownNames && !nextFallback(session)) {
    throw e;
  }
  session.sheetNames = null;
  session.snapshot = null;
  throw new Restart();
}

/** Like locate, but null instead of an error. */
function locateIn(wb: WorkbookInput, state: StoredState, ids: Map<string, string>): ChecklistLocation | null {
  try {
    return locate(wb, state, ids);
  } catch {
    return null;
  }
}

/**
 * Manual location: the current selection is the answer cells. The workbook is read as the full check reads it
 * (readWorkbook: other sheets, defined names, charts), so the workbook's own results are seen on this first check
 * too. Sync 1 reads the selection with the known sheets (first check of a session: the selection's sheet, the
 * first and the last); sync 2 the other sheets, the validations and stores the choice (with the state read in
 * sync 1); charts (ExcelApi 1.15) one sync more. Only when the selection's sheet was not among those read in
 * sync 1 (a sheet added since the last check) do its validations and the stored choice take one sync more.
 */
export function checkFromSelection(
  context: Excel.RequestContext,
  session: Session,
  options: CheckOptions,
  saveState: (state: StoredState) => void,
): Promise<Snapshot> {
  return withRestarts(() => checkFromSelectionOnce(context, session, options, saveState));
}

async function checkFromSelectionOnce(
  context: Excel.RequestContext,
  session: Session,
  options: CheckOptions,
  saveState: (state: StoredState) => void,
): Promise<Snapshot> {
  const sel = context.workbook.getSelectedRange();
  sel.load("address");
  const ws = context.workbook.getSelectedRange().worksheet;
  ws.load("name,id");
  const manual: { v: { location: ChecklistLocation; read: ValidationRead | null } | null } = { v: null };
  /** Locates the items from the selection and queues their validations and the stored choice. */
  const queueManual = (wb: WorkbookInput, state: StoredState): void => {
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- called only after readWorkbook's first sync, which loaded the address
    const range = parseRangeA1(splitAreas(sel.address)[0]);
    const found = locateFromAnswerCells(wb, ws.name, range);
    if (!found.ok) throw new GatewayError({ code: "no_checklist", message: found.error.message });
    manual.v = { location: found.location, read: queueValidations(context, ws.name, answerCells(found.location)) };
    state.manual = { sheet: ws.name, sheetId: ws.id, answers: rangeA1(range) };
    saveState(state);
  };
  const read = await readWorkbook(
    context,
    session,
    ws,
    (partial, state) => {
      const wb = partial(ws.name);
      if (!wb.sheets.some((s) => s.name === ws.name)) return false;
      queueManual(wb, state);
      return true;
    },
    async (e) => {
      // Several areas selected (Ctrl+click): getSelectedRange "will throw an error" (@types/office-js).
      if ((await selectionAreaCount(context, e)) > 1) throw new GatewayError(multiAreaSelection());
    },
  );
  const { wb } = read;
  if (!manual.v) {
    queueManual(wb, read.state);
    await context.sync();
  }
  const picked = manual.v as { location: ChecklistLocation; read: ValidationRead | null };
  const { location, read: vread } = picked;
  await readCharts(context, read, null);
  if (vread) setValidations(wb, ws.name, validationsFrom(vread));
  const result = analyse(wb, { profile: options.profile, file: options.file, location });
  if (!result.ok) throw new GatewayError({ code: "no_checklist", message: result.error.message });
  const snapshot: Snapshot = { wb, location: result.location, report: result.report, sheetId: ws.id };
  session.snapshot = snapshot;
  return snapshot;
}

/**
 * After a failed selection read: how many areas are selected. ExcelApi 1.9 asks Excel (getSelectedRanges, one
 * guarded sync); older Excel only has the error code. 1 when unknown.
 */
export async function selectionAreaCount(context: Excel.RequestContext, failure: unknown): Promise<number> {
  if (!supportsExcelApi("1.9")) return (failure as { code?: unknown })?.code === "InvalidSelection" ? 2 : 1;
  const areas = context.workbook.getSelectedRanges();
  areas.load("areaCount");
  try {
    await context.sync();
    return areas.areaCount;
  } catch {
    return 1;
  }
}

/** Writes one cell into a cached sheet grid (growing it when needed). */
export function patchCell(sheet: SheetInput, row: number, col: number, value: CellValue): void {
  const r0 = sheet.originRow ?? 0;
  const c0 = sheet.originCol ?? 0;
  const r = row - r0;
  const c = col - c0;
  if (r < 0 || c < 0) return;
  while (sheet.values.length <= r) sheet.values.push([]);
  const line = sheet.values[r];
  while (line.length <= c) line.push(null);
  line[c] = value;
}

/** The part of the answer column that holds items. */
export function answerArea(location: ChecklistLocation): CellRange | null {
  if (location.rows.length === 0) return null;
  const rows = location.rows.map((r) => r.row);
  return { top: Math.min(...rows), left: location.answerCol, bottom: Math.max(...rows), right: location.answerCol };
}

export interface LiveRead {
  /** The cells actually read (A1, no sheet). */
  cells: string[];
  report: Report | null;
}

/**
 * Live edit: read only the changed cells that fall on answer cells (one sync), patch the cached grid and
 * re-judge. `isOwnWrite` drops cells whose value is what the add-in itself just wrote there.
 */
export async function readChanged(
  context: Excel.RequestContext,
  snapshot: Snapshot,
  changed: CellRange[],
  isOwnWrite: (row: number, col: number, value: CellValue) => boolean,
  options: CheckOptions,
): Promise<LiveRead> {
  const area = answerArea(snapshot.location);
  if (!area) return { cells: [], report: null };
  const itemRows = new Set(snapshot.location.rows.map((r) => r.row));
  const ws = context.workbook.worksheets.getItem(snapshot.location.sheet);
  // Union of the changed areas on the answer cells: each item row once, contiguous rows read as one range.
  const rows = new Set<number>();
  for (const c of changed) {
    const hit = intersect(c, area);
    if (!hit) continue;
    for (let r = hit.top; r <= hit.bottom; r++) if (itemRows.has(r)) rows.add(r);
  }
  const parts: { rect: CellRange; range: Excel.Range }[] = [];
  for (const [top, bottom] of rowRuns([...rows])) {
    const rect = { top, bottom, left: area.left, right: area.right };
    const r = ws.getRange(rangeA1(rect));
    r.load("values");
    parts.push({ rect, range: r });
  }
  if (parts.length === 0) return { cells: [], report: null };
  const cellList: { row: number; col: number }[] = [];
  for (const p of parts) for (let r = p.rect.top; r <= p.rect.bottom; r++) cellList.push({ row: r, col: p.rect.left });
  const vread = queueValidations(context, snapshot.location.sheet, cellList);
  // The workbook's own results recalculate with the edit: read their live values in the same sync.
  const wr = snapshot.report.workbookResults;
  const wrSheet = wr ? snapshot.wb.sheets.find((s) => s.name === wr.sheet) : undefined;
  let wrRange: { rect: CellRange; range: Excel.Range } | null = null;
  if (wr && wrSheet) {
    const rect = parseRangeA1(wr.range);
    const range = context.workbook.worksheets.getItem(wr.sheet).getRange(rangeA1(rect));
    range.load("values");
    wrRange = { rect, range };
  }
  await context.sync();
  if (wrRange && wrSheet) {
    const { rect, range } = wrRange;
    for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) patchCell(wrSheet, r, c, toCellValue(range.values[r - rect.top]?.[c - rect.left]));
  }
  const sheet = snapshot.wb.sheets.find((s) => s.name === snapshot.location.sheet);
  if (!sheet) return { cells: [], report: null };
  let changedAny = false;
  for (const p of parts) {
    for (let r = p.rect.top; r <= p.rect.bottom; r++) {
      const v = toCellValue(p.range.values[r - p.rect.top]?.[0]);
      if (isOwnWrite(r, p.rect.left, v)) continue;
      patchCell(sheet, r, p.rect.left, v);
      changedAny = true;
    }
  }
  if (vread) {
    const fresh = new Map(validationsFrom(vread).map((v) => [`${v.range.top},${v.range.left}`, v]));
    const touched = new Set(cellList.map((c) => `${c.row},${c.col}`));
    const isSingle = (v: ListValidation): boolean => v.range.top === v.range.bottom && v.range.left === v.range.right;
    const old = new Map<string, ListValidation>();
    const kept: ListValidation[] = [];
    for (const v of sheet.validations ?? []) {
      const k = `${v.range.top},${v.range.left}`;
      if (isSingle(v) && touched.has(k)) old.set(k, v);
      else kept.push(v);
    }
    for (const k of touched) {
      if (JSON.stringify(old.get(k)?.items) !== JSON.stringify(fresh.get(k)?.items) || old.has(k) !== fresh.has(k)) changedAny = true;
    }
    sheet.validations = [...kept, ...fresh.values()];
  }
  const cells = parts.map((p) => rangeA1(p.rect));
  if (!changedAny) return { cells, report: null };
  const report = reevaluate(snapshot.wb, snapshot.location, { profile: options.profile, file: options.file });
  snapshot.report = report;
  return { cells, report };
}
