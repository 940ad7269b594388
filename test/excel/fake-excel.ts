/**
 * An in-memory fake of the part of the Excel JavaScript API that src/excel uses.
 *
 * Like the real thing: reading a property that was not loaded (or before the sync) throws PropertyNotLoaded;
 * every load and write is queued and only happens at context.sync(); `*OrNullObject` results report
 * isNullObject after a sync; getItem on a missing sheet fails the sync with ItemNotFound; on a protected sheet only
 * values and formulas of unlocked cells can be written (AccessDenied otherwise); a string written through `values` becomes a formula when it starts
 * with "=", a number when it looks like one, unless the cell's number format is "@" (text) or the string starts
 * with an apostrophe. Worksheet onChanged handlers are called (asynchronously) for add-in writes and for
 * simulated user edits. The fake counts syncs and records which ranges were loaded and written.
 *
 * What real Excel does that an easy fake would not (issue 9), each modelled where it happens below with its source:
 * conditional-format ids are positions that shift on add/delete and formats split when cells are pasted inside them
 * (FakeCF, FakeSheet.splitFormats); loading items/custom/rule/formula on a mixed collection fails (office-js#2180);
 * more than 512 merged areas fail the read (FakeRangeAreas); at most five million cells per range read
 * (FakeRange.snapshot); used range with and without formatting-only cells (FakeSheet.used); per-cell locking on
 * protected sheets (FakeContext.wrote); partial batches (FakeContext.sync); getSelectedRange throws on several
 * areas (getSelectedRange); triggerSource from ExcelApi 1.14 (FakeExcel.fire); tables.add resolves an address
 * without a sheet name on the active sheet (FakeTableCollection.add); a switch to refuse radar axis limits; a chart's
 * series list exists only after its own load or the chart list's nested load (FakeSeriesCollection).
 */
import type { CellRange, CellValue } from "../../src/core/model";
import { cellA1, parseAreas, parseRangeA1, quoteSheet, rangeA1, splitSheet } from "../../src/excel/address";
import { versionAtMost } from "../../src/excel/api-sets";

export class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Op = () => void;

interface Validation {
  source: string;
  /** Excel's DataValidationType; "List" when not given. */
  type?: string;
}

export interface FakeCell {
  value: CellValue;
  /** A1 formula (what `formulas` returns); `formulasR1C1` is derived from it. */
  formula: string | null;
  numberFormat: string;
  validation: Validation | null;
  /** `format.protection.locked`; Excel's default for every cell is locked (undefined here). */
  locked?: boolean;
}

export interface FakeCFRecord {
  /**
   * Excel's ConditionalFormatType ("Custom", "CellValue", "ColorScale", …). Excel gives a format no stable id:
   * `ConditionalFormat.id` is its priority in the collection it was loaded from (see FakeCFCollection).
   */
  type: string;
  /** A label for the tests only (Excel has none). */
  label?: string;
  range: CellRange;
  formula: string;
  fill: string;
  font: string;
}

export interface FakeTableRecord {
  name: string;
  range: CellRange;
}

export interface FakeSeriesRecord {
  name: string;
  /** Source text as Excel reports it (getDimensionDataSourceString); default: the ranges' addresses on the chart's sheet. */
  categoriesSource?: string;
  valuesSource?: string;
  /** Category (axis label) cells and value cells of the series. */
  categories: CellRange;
  values: CellRange;
  /**
   * Excel cannot give this series' sources or values: getDimensionDataSourceString / getDimensionValues fail the
   * sync (GeneralException). The Office.js reference does not say which series do; the gateway's guard on the
   * chart sync covers any such failure.
   */
  unreadable?: boolean;
}

export interface FakeChartRecord {
  name: string;
  type: string;
  source: CellRange;
  seriesBy: string;
  series: FakeSeriesRecord[];
  title: string;
  min: number | null;
  max: number | null;
  position: [string, string] | null;
  /** Width and height in points, when set. */
  size?: { width: number; height: number };
  /**
   * Loading this chart's series list through the chart list (`items/series/items/name`) fails the sync
   * (GeneralException): models a chart whose series Excel cannot list, so the gateway's fallback is tested.
   */
  seriesUnlisted?: boolean;
}

type ChangedHandler = (args: { address: string; changeType: string; worksheetId: string; source: string; type: string; triggerSource?: string }) => Promise<unknown> | void;

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  merges: CellRange[] = [];
  cfs: FakeCFRecord[] = [];
  tables: FakeTableRecord[] = [];
  charts: FakeChartRecord[] = [];
  handlers = new Set<ChangedHandler>();
  protected = false;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  hiddenColumns = new Set<number>();
  /** Page setup written through worksheet.pageLayout (ExcelApi 1.9). */
  page: { orientation?: string; zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number }; titleRows?: string; centerHeader?: string } = {};
  constructor(
    public name: string,
    readonly id: string,
  ) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }

  ensure(row: number, col: number): FakeCell {
    const k = `${row},${col}`;
    let c = this.cells.get(k);
    if (!c) {
      c = { value: null, formula: null, numberFormat: "General", validation: null };
      this.cells.set(k, c);
    }
    return c;
  }

  value(a1: string): CellValue {
    const p = parseRangeA1(a1);
    return this.cell(p.top, p.left)?.value ?? null;
  }

  /** Sets values from a grid at (top, left) as a user would type them (no events). */
  setGrid(top: number, left: number, grid: CellValue[][]): void {
    grid.forEach((row, r) => row.forEach((v, c) => (this.ensure(top + r, left + c).value = v)));
  }

  /** A list validation (or, with `type`, another kind of rule such as "WholeNumber" or "Custom"). */
  setValidation(a1: string, source: string | null, type = "List"): void {
    forEach(parseRangeA1(a1), (r, c) => (this.ensure(r, c).validation = source === null ? null : { source, type }));
  }

  /**
   * Cells pasted inside a conditional format take the source's formats, so Excel splits the format: it keeps
   * applying to the rest of its range as several formats (one per remaining rectangle), each with its relative
   * references re-based to its own top-left cell (Excel's "Manage Rules" then lists fragments of one rule).
   */
  splitFormats(pasted: CellRange): void {
    const out: FakeCFRecord[] = [];
    for (const cf of this.cfs) {
      if (!overlaps(cf.range, pasted)) {
        out.push(cf);
        continue;
      }
      const r = cf.range;
      const parts: CellRange[] = [];
      if (r.top < pasted.top) parts.push({ ...r, bottom: pasted.top - 1 });
      if (r.bottom > pasted.bottom) parts.push({ ...r, top: pasted.bottom + 1 });
      const midTop = Math.max(r.top, pasted.top);
      const midBottom = Math.min(r.bottom, pasted.bottom);
      if (r.left < pasted.left) parts.push({ top: midTop, bottom: midBottom, left: r.left, right: pasted.left - 1 });
      if (r.right > pasted.right) parts.push({ top: midTop, bottom: midBottom, left: pasted.right + 1, right: r.right });
      const origin = cellA1(r.top, r.left);
      for (const part of parts) {
        const moved = cf.formula.replace(new RegExp(`(?<![$A-Z])${origin}(?![0-9])`, "g"), cellA1(part.top, part.left));
        out.push({ ...cf, range: part, formula: moved });
      }
    }
    this.cfs = out;
  }

  /** Bounding box of non-empty cells (values/formulas; with formats too when valuesOnly is false). */
  used(valuesOnly: boolean): CellRange {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [k, c] of this.cells) {
      const filled = (c.value !== null && c.value !== "") || c.formula !== null;
      if (!filled && (valuesOnly || (c.numberFormat === "General" && !c.validation))) continue;
      const [r, col] = k.split(",").map(Number);
      top = Math.min(top, r);
      left = Math.min(left, col);
      bottom = Math.max(bottom, r);
      right = Math.max(right, col);
    }
    return bottom < 0 ? { top: 0, left: 0, bottom: 0, right: 0 } : { top, left, bottom, right };
  }
}

function forEach(rect: CellRange, f: (r: number, c: number) => void): void {
  for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) f(r, c);
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

const CONTENT_WRITES = new Set(["values", "formulas", "formulasR1C1"]);

function allUnlocked(sheet: FakeSheet, rect: CellRange): boolean {
  for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) if (sheet.cell(r, c)?.locked !== false) return false;
  return true;
}

/** A1 references of a formula as R1C1 seen from (row, col) — enough for the formulas the tests write. */
export function toR1C1(formula: string, row: number, col: number): string {
  return formula.replace(/(?<![A-Za-z_$\d])(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![A-Za-z_(\d])/g, (_m, ca: string, letters: string, ra: string, digits: string) => {
    let c = 0;
    for (const ch of letters) c = c * 26 + (ch.charCodeAt(0) - 64);
    c -= 1;
    const r = Number(digits) - 1;
    const rp = ra ? `R${r + 1}` : r === row ? "R" : `R[${r - row}]`;
    const cp = ca ? `C${c + 1}` : c === col ? "C" : `C[${c - col}]`;
    return rp + cp;
  });
}

/** The inverse of toR1C1 at (row, col). */
export function fromR1C1(formula: string, row: number, col: number): string {
  return formula.replace(/(?<![A-Za-z_\d])R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![A-Za-z_(])/g, (_m, rs?: string, cs?: string) => {
    const part = (p: string | undefined, here: number): { n: number; abs: boolean } =>
      p === undefined ? { n: here, abs: false } : p.startsWith("[") ? { n: here + Number(p.slice(1, -1)), abs: false } : { n: Number(p) - 1, abs: true };
    const r = part(rs, row);
    const c = part(cs, col);
    return `${c.abs ? "$" : ""}${cellA1(0, c.n).replace(/\d+$/, "")}${r.abs ? "$" : ""}${r.n + 1}`;
  });
}

const WHOLE: CellRange = { top: 0, left: 0, bottom: 1048575, right: 16383 };

/** Most cells one range property read may cover (see FakeRange.snapshot). */
export const CELLS_PER_READ = 5_000_000;
const CELL_GRIDS = new Set(["values", "formulas", "formulasR1C1", "numberFormat"]);

export interface LogEntry {
  sheet: string;
  address: string;
  what: string;
}

/** The "server": workbook state plus counters. */
export class FakeExcel {
  sheets: FakeSheet[] = [];
  /** Workbook-scoped defined names (formula with its leading "="). */
  names: { name: string; formula: string; type: string }[] = [];
  settings = new Map<string, unknown>();
  /** The selection; `areas` when the user selected several areas (Ctrl+click), `range` being the first. */
  selection: { sheet: string; range: CellRange; areas?: CellRange[] } | null = null;
  /** Most value cells one sync may return (Excel on the web's response size limit); null: no limit. */
  responseCellLimit: number | null = null;
  activeSheet: string | null = null;
  cellEditMode = false;
  /** Workbook structure protection (no sheets can be added). */
  workbookProtected = false;
  apiVersion = "1.13";

  /** Fails the sync like Excel does when a member above the running ExcelApi version is used. */
  requireApi(version: string, member: string): void {
    if (!versionAtMost(version, this.apiVersion)) throw new FakeError("ApiNotFound", `${member} needs ExcelApi ${version}`);
  }
  syncCount = 0;
  loads: LogEntry[] = [];
  writes: LogEntry[] = [];
  private nextId = 1;

  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(name, `{sheet-${this.nextId++}}`);
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  newId(prefix: string): string {
    return `${prefix}-${this.nextId++}`;
  }

  /** Installs a global Office whose isSetSupported answers for ExcelApi up to `apiVersion`. */
  installOffice(): void {
    (globalThis as Record<string, unknown>).Office = {
      context: {
        requirements: {
          isSetSupported: (name: string, v?: string) => name === "ExcelApi" && versionAtMost(v ?? "1.1", this.apiVersion),
        },
      },
    };
  }

  resetCounters(): void {
    this.syncCount = 0;
    this.loads = [];
    this.writes = [];
  }

  /**
   * Excel refuses the value-axis limits of a radar chart. Nothing in the reference promises that a RadarMarkers
   * chart takes `valueAxis.minimum/maximum` on every platform (issue 9, point 6), so the fake can refuse them.
   */
  refuseRadarAxisLimits = false;

  /** A host that does not honour the delayForCellEdit run option (fails in cell-edit mode all the same). */
  ignoresDelayForCellEdit = false;

  /** Excel.run look-alike: fails in cell-edit mode unless delayForCellEdit is set (then the edit "ends"). */
  run = async <T>(options: { delayForCellEdit?: boolean } | null, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    if (this.cellEditMode) {
      if (!options?.delayForCellEdit || this.ignoresDelayForCellEdit) throw new FakeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode.");
      this.cellEditMode = false;
    }
    const ctx = new FakeContext(this);
    return batch(ctx as unknown as Excel.RequestContext);
  };

  /** Excel.run(context, batch) look-alike: continues in an existing context. */
  runIn = async <T>(context: unknown, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    if (!(context instanceof FakeContext)) throw new FakeError("InvalidArgument", "not a fake context");
    return batch(context as unknown as Excel.RequestContext);
  };

  /** A user edit: sets the cell and fires onChanged (asynchronously). */
  userEdit(sheetName: string, a1: string, value: CellValue): void {
    const s = this.sheet(sheetName);
    const p = parseRangeA1(a1);
    const c = s.ensure(p.top, p.left);
    c.value = value;
    c.formula = null;
    this.fire(s, rangeA1(p), "RangeEdited");
  }

  /** A user paste over a rectangle: values and (optionally) the pasted cells' list validation. */
  userPaste(sheetName: string, a1: string, grid: CellValue[][], validation?: string | null): void {
    const s = this.sheet(sheetName);
    const p = parseRangeA1(a1);
    forEach(p, (r, c) => {
      const cell = s.ensure(r, c);
      cell.value = grid[r - p.top][c - p.left];
      cell.formula = null;
      if (validation !== undefined) cell.validation = validation === null ? null : { source: validation };
    });
    s.splitFormats(p);
    this.fire(s, rangeA1(p), "RangeEdited");
  }

  /** A user inserts a whole row above `row` (0-based). */
  insertRow(sheetName: string, row: number): void {
    const s = this.sheet(sheetName);
    const moved = new Map<string, FakeCell>();
    for (const [k, c] of s.cells) {
      const [r, col] = k.split(",").map(Number);
      moved.set(`${r >= row ? r + 1 : r},${col}`, c);
    }
    s.cells = moved;
    // Conditional formats, tables and merged areas move (or grow) with their cells, as in Excel.
    const shift = (r: CellRange): void => {
      if (r.top >= row) r.top++;
      if (r.bottom >= row) r.bottom++;
    };
    for (const cf of s.cfs) shift(cf.range);
    for (const t of s.tables) shift(t.range);
    for (const m of s.merges) shift(m);
    this.fire(s, `${row + 1}:${row + 1}`, "RowInserted");
  }

  /**
   * Calls the sheet's onChanged handlers (asynchronously). From ExcelApi 1.14 the event carries `triggerSource`:
   * "ThisLocalAddin" when this add-in's own API call made the change, "Unknown" otherwise (@types/office-js,
   * WorksheetChangedEventArgs.triggerSource and Excel.EventTriggerSource); older Excel has no such field.
   */
  fire(s: FakeSheet, address: string, changeType: string, byThisAddin = false): void {
    const trigger = versionAtMost("1.14", this.apiVersion) ? { triggerSource: byThisAddin ? "ThisLocalAddin" : "Unknown" } : {};
    for (const h of s.handlers) {
      setTimeout(() => void h({ address, changeType, worksheetId: s.id, source: "Local", type: "WorksheetChanged", ...trigger }), 0);
    }
  }

  /** Convert a string typed/written into a cell the way Excel does. */
  static coerce(v: unknown, numberFormat: string): { value: CellValue; formula: string | null } {
    if (v === null || v === undefined || v === "") return { value: null, formula: null };
    if (typeof v === "number" || typeof v === "boolean") return { value: v, formula: null };
    const s = String(v);
    if (numberFormat === "@") return { value: s, formula: null };
    if (s.startsWith("'")) return { value: s.slice(1), formula: null };
    if (s.startsWith("=")) return { value: null, formula: s };
    if (/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s)) return { value: Number(s), formula: null };
    if (/^(true|false)$/i.test(s)) return { value: s.toLowerCase() === "true", formula: null };
    if (s.startsWith("+") || (s.startsWith("-") && s.length > 1) || s.startsWith("@")) return { value: null, formula: `=${s.slice(s.startsWith("=") ? 1 : 0)}` };
    return { value: s, formula: null };
  }
}

class PropertyNotLoaded extends FakeError {
  constructor(name: string) {
    super("PropertyNotLoaded", `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
  }
}

export class FakeContext {
  queue: Op[] = [];
  nullables: Proxy[] = [];
  private touched = new Set<FakeSheet>();
  private changed: { sheet: FakeSheet; address: string }[] = [];
  readonly workbook: FakeWorkbookProxy;
  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  wrote(sheet: FakeSheet, rect: CellRange, what: string, fireEvent: boolean): void {
    // Sheet protection works per cell: on a protected sheet, cells whose format.protection.locked is false take new
    // values and formulas; locked cells (the default) and anything else (formats, rules, tables, charts) are
    // refused ("Protect a worksheet" in Excel's help; FormatProtection.locked in @types/office-js). The options
    // that allow formatting on a protected sheet are not modelled: the add-in never relies on them.
    if (sheet.protected && !(CONTENT_WRITES.has(what) && allUnlocked(sheet, rect))) {
      throw new FakeError("AccessDenied", `The sheet ${sheet.name} is protected.`);
    }
    this.excel.writes.push({ sheet: sheet.name, address: rangeA1(rect), what });
    this.touched.add(sheet);
    if (fireEvent) this.changed.push({ sheet, address: rangeA1(rect) });
  }

  /** Cells of `values` loaded in the sync running now (for the response size limit). */
  valueCells = 0;

  async sync(): Promise<void> {
    this.excel.syncCount++;
    const ops = this.queue;
    this.queue = [];
    this.valueCells = 0;
    try {
      // Batches are not all-or-nothing: the queued steps run in order and those before a failing one stay applied
      // (OfficeExtension.Error reference, traceMessages: its example's batch has inserted the paragraphs queued
      // before the failing command). A failing step stops the rest of the batch.
      for (const op of ops) op();
      // Excel on the web refuses a response over about 5 MB: modelled as a number of value cells per sync.
      const limit = this.excel.responseCellLimit;
      if (limit !== null && this.valueCells > limit) {
        throw new FakeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
      }
    } finally {
      // Like Excel, a failed sync leaves the context usable: an object that could not be resolved stays unresolved.
      const nullables = this.nullables;
      this.nullables = [];
      for (const p of nullables) {
        try {
          p.resolveNull();
        } catch {
          /* its sheet is gone: reading isNullObject keeps throwing PropertyNotLoaded */
        }
      }
      for (const c of this.changed) this.excel.fire(c.sheet, c.address, "RangeEdited", true);
      this.changed = [];
    }
  }
}

function props(spec: string | string[] | { select?: string }): string[] {
  const s = typeof spec === "string" ? spec : Array.isArray(spec) ? spec.join(",") : (spec.select ?? "");
  return s
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

abstract class Proxy {
  protected loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;
  constructor(protected readonly ctx: FakeContext) {}

  protected get<T>(name: string): T {
    if (!this.loaded.has(name)) throw new PropertyNotLoaded(name);
    return this.loaded.get(name) as T;
  }

  /** Computes the named properties (called inside sync, in queue order). */
  protected abstract snapshot(name: string): unknown;

  load(spec: string | string[] | { select?: string }): this {
    const names = props(spec);
    this.ctx.queue.push(() => {
      for (const n of names) this.loaded.set(n, this.snapshot(n));
    });
    return this;
  }

  trackNull(test: () => boolean): void {
    this.nullTest = test;
    this.ctx.nullables.push(this);
  }

  private nullTest: (() => boolean) | null = null;

  resolveNull(): void {
    if (this.nullTest) this.nullState = this.nullTest();
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) {
      if (!this.nullTest) return false;
      throw new PropertyNotLoaded("isNullObject");
    }
    return this.nullState;
  }

  /** Marks a property as loaded with a value (collections fill their items this way). */
  setLoaded(name: string, v: unknown): void {
    this.loaded.set(name, v);
  }

  toJSON(): unknown {
    return Object.fromEntries(this.loaded);
  }
}

/** A collection whose `load("items/…")` makes, at sync time, one item proxy per record with those properties. */
abstract class FakeItemCollection<P extends Proxy, R> extends Proxy {
  private itemProxies: P[] = [];
  protected snapshot(name: string): unknown {
    return name;
  }
  /** The records at sync time and how to make a proxy for one. */
  protected abstract records(): { list: R[]; make: (r: R) => P };
  /** The value of a loaded item property (only names are loaded through collections here). */
  protected abstract value(r: R, name: string): unknown;
  /** Marks the loaded properties on one item proxy. */
  protected fill(p: P, r: R, names: string[]): void {
    for (const n of names) p.setLoaded(n, this.value(r, n));
  }
  override load(spec: string | string[] | { select?: string }): this {
    const names = props(spec).map((n) => n.replace(/^items\//, ""));
    this.ctx.queue.push(() => this.fillItems(names));
    return this;
  }
  /** Makes the item proxies now (inside a sync): from this collection's own load, or a parent's nested load. */
  fillItems(names: string[]): void {
    const { list, make } = this.records();
    this.itemProxies = list.map((r) => {
      const p = make(r);
      this.fill(p, r, names);
      return p;
    });
    this.loaded.set("items", true);
  }
  get items(): P[] {
    this.get("items");
    return this.itemProxies;
  }
}

class FakeWorkbookProtection extends Proxy {
  protected snapshot(name: string): unknown {
    if (name === "protected") return this.ctx.excel.workbookProtected;
    throw new Error(`fake: workbook.protection.${name}`);
  }
  get protected(): boolean {
    return this.get("protected");
  }
}

/** A value returned by a method; readable only after the sync that computes it (like OfficeExtension.ClientResult). */
class FakeClientResult<T> {
  private done = false;
  private v: T | undefined;
  constructor(ctx: FakeContext, compute: () => T) {
    ctx.queue.push(() => {
      this.v = compute();
      this.done = true;
    });
  }
  get value(): T {
    if (!this.done) throw new PropertyNotLoaded("value");
    return this.v as T;
  }
}

class FakeNamedItem extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly key?: string,
  ) {
    super(ctx);
  }
  protected snapshot(name: string): unknown {
    throw new Error(`fake: namedItem.${name} (load through the collection)`);
  }
  /** Removes the name (items made by names.add only). */
  delete(): void {
    const key = this.key;
    if (key === undefined) throw new Error("fake: namedItem.delete on a loaded item");
    this.ctx.queue.push(() => {
      const list = this.ctx.excel.names;
      const i = list.findIndex((n) => n.name.toLowerCase() === key.toLowerCase());
      if (i < 0) throw new FakeError("ItemNotFound", "The requested resource doesn't exist.");
      list.splice(i, 1);
    });
  }
  get name(): string {
    return this.get("name");
  }
  get formula(): string {
    return this.get("formula");
  }
  get type(): string {
    return this.get("type");
  }
}

class FakeNamedItems extends FakeItemCollection<FakeNamedItem, { name: string; formula: string; type: string }> {
  protected records(): { list: { name: string; formula: string; type: string }[]; make: (r: { name: string; formula: string; type: string }) => FakeNamedItem } {
    return { list: this.ctx.excel.names, make: () => new FakeNamedItem(this.ctx) };
  }
  protected value(r: { name: string; formula: string; type: string }, name: string): unknown {
    if (name === "name" || name === "formula" || name === "type") return r[name];
    throw new Error(`fake: namedItem.${name}`);
  }
  /** A workbook-scoped name for a reference given as text ("=Sheet!$A$1"); a taken name is refused, as in Excel. */
  add(name: string, reference: string): FakeNamedItem {
    this.ctx.queue.push(() => {
      const list = this.ctx.excel.names;
      if (list.some((n) => n.name.toLowerCase() === name.toLowerCase())) throw new FakeError("ItemAlreadyExists", "The resource already exists.");
      list.push({ name, formula: reference.startsWith("=") ? reference : `=${reference}`, type: "Range" });
    });
    return new FakeNamedItem(this.ctx, name);
  }
}

class FakeWorkbookProxy {
  readonly names: FakeNamedItems;
  readonly worksheets: FakeWorksheetCollection;
  readonly settings: FakeSettingCollection;
  readonly protection: FakeWorkbookProtection;
  /** Every table of the workbook (names are unique across sheets, as in Excel). */
  readonly tables: FakeWorkbookTables;
  constructor(private readonly ctx: FakeContext) {
    this.names = new FakeNamedItems(ctx);
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.settings = new FakeSettingCollection(ctx);
    this.protection = new FakeWorkbookProtection(ctx);
    this.tables = new FakeWorkbookTables(ctx);
  }

  getSelectedRange(): FakeRange {
    const excel = this.ctx.excel;
    const sel = (): { sheet: FakeSheet; rect: CellRange } => {
      // Excel always has a selection: A1 of the active sheet until one is set.
      if (!excel.selection) return { sheet: activeOf(excel), rect: { top: 0, left: 0, bottom: 0, right: 0 } };
      // "If there are multiple ranges selected, this method will throw an error." (@types/office-js,
      // Workbook.getSelectedRange). The code is not documented; InvalidSelection is Excel.ErrorCodes' closest.
      if ((excel.selection.areas?.length ?? 1) > 1) throw new FakeError("InvalidSelection", "The current selection is invalid for this operation.");
      return { sheet: excel.sheet(excel.selection.sheet), rect: excel.selection.range };
    };
    return new FakeRange(this.ctx, sel);
  }

  /** ExcelApi 1.9: every selected area (only `areaCount` and `address` are modelled). */
  getSelectedRanges(): FakeSelectedAreas {
    return new FakeSelectedAreas(this.ctx);
  }
}

class FakeWorksheetCollection extends FakeItemCollection<FakeWorksheet, FakeSheet> {
  protected records(): { list: FakeSheet[]; make: (s: FakeSheet) => FakeWorksheet } {
    return { list: this.ctx.excel.sheets, make: (s) => new FakeWorksheet(this.ctx, () => s) };
  }
  protected value(): unknown {
    return undefined;
  }
  /** Worksheet items load their own properties (name, id, visibility, protection/protected). */
  protected override fill(ws: FakeWorksheet, _s: FakeSheet, names: string[]): void {
    ws.fill(names);
  }

  /** By name or, as in Excel, by id. */
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.excel.sheets.find((x) => x.name === name) ?? this.ctx.excel.sheets.find((x) => x.id === name);
      if (!s) throw new FakeError("ItemNotFound", `The requested resource doesn't exist: ${name}`);
      return s;
    });
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const excel = this.ctx.excel;
      const s = excel.sheets.find((x) => x.name === excel.activeSheet) ?? excel.sheets.find((x) => x.visibility === "Visible");
      if (!s) throw new FakeError("ItemNotFound", "No active worksheet");
      return s;
    });
  }

  /** ExcelApi 1.5; like Excel, hidden sheets count unless visibleOnly. */
  getFirst(visibleOnly?: boolean): FakeWorksheet {
    return this.atEnd("first", visibleOnly);
  }

  getLast(visibleOnly?: boolean): FakeWorksheet {
    return this.atEnd("last", visibleOnly);
  }

  private atEnd(end: "first" | "last", visibleOnly?: boolean): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const list = this.ctx.excel.sheets.filter((x) => !visibleOnly || x.visibility === "Visible");
      const s = end === "first" ? list[0] : list[list.length - 1];
      if (!s) throw new FakeError("ItemNotFound", `No ${end} worksheet`);
      return s;
    });
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.excel.sheets.find((x) => x.name === name);
      if (!s) throw new FakeError("ItemNotFound", `null object ${name}`);
      return s;
    });
    ws.trackNull(() => !this.ctx.excel.sheets.some((x) => x.name === name));
    return ws;
  }

  add(name: string): FakeWorksheet {
    this.ctx.queue.push(() => {
      if (this.ctx.excel.sheets.some((s) => s.name === name)) throw new FakeError("ItemAlreadyExists", name);
      if (this.ctx.excel.workbookProtected) throw new FakeError("AccessDenied", "The workbook structure is protected.");
      this.ctx.excel.addSheet(name);
    });
    return this.getItem(name);
  }
}

class FakeProtection extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected snapshot(name: string): unknown {
    if (name === "protected") return this.sheet().protected;
    throw new Error(`fake: protection.${name}`);
  }
  fillProtected(): void {
    this.loaded.set("protected", this.sheet().protected);
  }
  protect(): void {
    this.ctx.queue.push(() => (this.sheet().protected = true));
  }
  unprotect(): void {
    this.ctx.queue.push(() => (this.sheet().protected = false));
  }
  get protected(): boolean {
    return this.get("protected");
  }
}

export class FakeWorksheet extends Proxy {
  readonly protection: FakeProtection;
  readonly charts: FakeChartCollection;
  readonly tables: FakeTableCollection;
  readonly onChanged: { add: (h: ChangedHandler) => { remove: () => void; context: FakeContext } };
  /** ExcelApi 1.9 page layout (writes and loads fail at sync below 1.9, like Excel). */
  readonly pageLayout: FakePageLayout;
  constructor(
    ctx: FakeContext,
    readonly resolve: () => FakeSheet,
  ) {
    super(ctx);
    this.pageLayout = new FakePageLayout(ctx, resolve);
    this.protection = new FakeProtection(ctx, resolve);
    this.charts = new FakeChartCollection(ctx, resolve);
    this.tables = new FakeTableCollection(ctx, resolve);
    this.onChanged = {
      add: (h) => {
        ctx.queue.push(() => resolve().handlers.add(h));
        return {
          context: ctx,
          remove: () => {
            ctx.queue.push(() => resolve().handlers.delete(h));
          },
        };
      },
    };
  }

  protected snapshot(name: string): unknown {
    const s = this.resolve();
    if (name === "name") return s.name;
    if (name === "id") return s.id;
    if (name === "visibility") return s.visibility;
    throw new Error(`fake: worksheet.${name}`);
  }

  fill(names: string[]): void {
    for (const n of names) {
      if (n === "protection/protected") this.protection.fillProtected();
      else this.loaded.set(n, this.snapshot(n));
    }
  }

  get name(): string {
    return this.get("name");
  }
  get id(): string {
    return this.get("id");
  }
  get visibility(): string {
    return this.get("visibility");
  }
  set visibility(v: string) {
    this.ctx.queue.push(() => {
      if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden") throw new FakeError("InvalidArgument", `visibility ${v}`);
      this.resolve().visibility = v;
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, () => ({ sheet: this.resolve(), rect: address ? parseRangeA1(address) : WHOLE }));
  }

  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.resolve();
      return { sheet: s, rect: s.used(valuesOnly) };
    });
  }

  /** ExcelApi 1.7. */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.ctx, () => ({
      sheet: this.resolve(),
      rect: { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 },
    }));
  }

  activate(): void {
    this.ctx.queue.push(() => (this.ctx.excel.activeSheet = this.resolve().name));
  }

  delete(): void {
    this.ctx.queue.push(() => {
      const excel = this.ctx.excel;
      const s = this.resolve();
      if (excel.workbookProtected) throw new FakeError("AccessDenied", "The workbook structure is protected.");
      excel.sheets = excel.sheets.filter((x) => x !== s);
      if (excel.activeSheet === s.name) excel.activeSheet = null;
    });
  }
}

/** The zoom options as Excel reports them: `scale` (percent) when no fit-to-pages is set. */
type PageZoom = { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };

/**
 * ExcelApi 1.9 worksheet.pageLayout: the properties the add-in writes (recorded on FakeSheet.page at sync) and
 * their read-back through load. Excel's defaults where nothing was set: portrait, 100 %, an empty header.
 */
class FakePageLayout extends Proxy {
  readonly headersFooters: { defaultForAllPages: FakeHeaderFooter };
  constructor(
    ctx: FakeContext,
    private readonly resolve: () => FakeSheet,
  ) {
    super(ctx);
    this.headersFooters = { defaultForAllPages: new FakeHeaderFooter(ctx, () => this.page()) };
  }
  private page(): FakeSheet["page"] {
    this.ctx.excel.requireApi("1.9", "pageLayout");
    return this.resolve().page;
  }
  private put(f: (p: FakeSheet["page"]) => void): void {
    this.ctx.queue.push(() => f(this.page()));
  }
  protected snapshot(name: string): unknown {
    const p = this.page();
    if (name === "orientation") return p.orientation ?? "Portrait";
    if (name === "zoom") return p.zoom ? { ...p.zoom } : { scale: 100 };
    throw new Error(`fake: pageLayout.${name}`);
  }
  set orientation(v: string) {
    this.put((p) => (p.orientation = v));
  }
  get orientation(): string {
    return this.get("orientation");
  }
  set zoom(v: PageZoom) {
    this.put((p) => (p.zoom = { ...v }));
  }
  get zoom(): PageZoom {
    return this.get("zoom");
  }
  setPrintTitleRows(rows: string): void {
    this.put((p) => (p.titleRows = rows));
  }
}

/** pageLayout.headersFooters.defaultForAllPages (only the centre header is modelled). */
class FakeHeaderFooter extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly page: () => FakeSheet["page"],
  ) {
    super(ctx);
  }
  protected snapshot(name: string): unknown {
    if (name === "centerHeader") return this.page().centerHeader ?? "";
    throw new Error(`fake: headerFooter.${name}`);
  }
  set centerHeader(v: string) {
    this.ctx.queue.push(() => (this.page().centerHeader = v));
  }
  get centerHeader(): string {
    return this.get("centerHeader");
  }
}

class Sub {
  constructor(private readonly set: (prop: string, v: unknown) => void) {}
  protected put(prop: string, v: unknown): void {
    this.set(prop, v);
  }
}

class FakeRangeFont extends Sub {
  set bold(v: boolean) {
    this.put("font.bold", v);
  }
  get bold(): boolean {
    throw new PropertyNotLoaded("bold");
  }
}

class FakeRangeFormat extends Sub {
  readonly font = new FakeRangeFont((p, v) => this.put(p, v));
  /** Read through `range.load("format/protection/locked")`. */
  readonly protection: { locked: boolean | null };
  constructor(set: (prop: string, v: unknown) => void, loaded: () => unknown, lock: (v: boolean) => void) {
    super(set);
    this.protection = {
      get locked(): boolean | null {
        return loaded() as boolean | null;
      },
      set locked(v: boolean | null) {
        lock(v !== false);
      },
    };
  }
  set columnWidth(v: number) {
    this.put("columnWidth", v);
  }
  get columnWidth(): number {
    throw new PropertyNotLoaded("columnWidth");
  }
  set wrapText(v: boolean) {
    this.put("wrapText", v);
  }
  get wrapText(): boolean {
    throw new PropertyNotLoaded("wrapText");
  }
  /** ExcelApi 1.2: row heights fitted to the wrapped text (recorded as a format write). */
  autofitRows(): void {
    this.put("autofitRows", true);
  }
}

export class FakeRange extends Proxy {
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeCFCollection;
  readonly dataValidation: FakeDataValidation;
  constructor(
    ctx: FakeContext,
    readonly resolve: () => { sheet: FakeSheet; rect: CellRange },
  ) {
    super(ctx);
    this.format = new FakeRangeFormat(
      (prop) =>
        ctx.queue.push(() => {
          const { sheet, rect } = resolve();
          ctx.wrote(sheet, rect, `format.${prop}`, false);
        }),
      () => this.get("format/protection/locked"),
      (v) =>
        ctx.queue.push(() => {
          const { sheet, rect } = resolve();
          ctx.wrote(sheet, rect, "format.protection", false);
          forEach(rect, (r, c) => (sheet.ensure(r, c).locked = v));
        }),
    );
    this.conditionalFormats = new FakeCFCollection(ctx, resolve);
    this.dataValidation = new FakeDataValidation(ctx, resolve);
  }

  /** ExcelApi 1.4: the overlap with another range, or a null object when they do not overlap. */
  getIntersectionOrNullObject(other: FakeRange): FakeRange {
    const overlap = (): { sheet: FakeSheet; rect: CellRange } | null => {
      const a = this.resolve();
      const b = other.resolve();
      const top = Math.max(a.rect.top, b.rect.top);
      const left = Math.max(a.rect.left, b.rect.left);
      const bottom = Math.min(a.rect.bottom, b.rect.bottom);
      const right = Math.min(a.rect.right, b.rect.right);
      return top <= bottom && left <= right ? { sheet: a.sheet, rect: { top, left, bottom, right } } : null;
    };
    const r = new FakeRange(this.ctx, () => {
      const o = overlap();
      if (!o) throw new FakeError("ItemNotFound", "null object: the ranges do not overlap");
      return o;
    });
    r.nullable = true;
    r.trackNull(() => overlap() === null);
    return r;
  }

  /** A null object's properties load as null (reading them is the caller's mistake, as in Excel). */
  private nullable = false;

  protected snapshot(name: string): unknown {
    if (this.nullable) {
      try {
        this.resolve();
      } catch {
        return null;
      }
    }
    const { sheet, rect } = this.resolve();
    this.ctx.excel.loads.push({ sheet: sheet.name, address: rangeA1(rect), what: name });
    const cells = (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
    // Excel reads at most five million cells of a range's values, formulas or formats in one request, on every
    // platform ("Resource limits and performance optimization for Office Add-ins", Excel add-ins section; the error
    // code is Excel.ErrorCodes.rangeExceedsLimit). One value in XFD1048576 makes the used range 17 billion cells.
    if (cells > CELLS_PER_READ && CELL_GRIDS.has(name)) {
      throw new FakeError("RangeExceedsLimit", "The number of cells in the range has exceeded the maximum supported count.");
    }
    if (name === "values") this.ctx.valueCells += cells;
    const grid = <T>(f: (c: FakeCell | undefined) => T): T[][] => {
      const out: T[][] = [];
      for (let r = rect.top; r <= rect.bottom; r++) {
        const line: T[] = [];
        for (let c = rect.left; c <= rect.right; c++) line.push(f(sheet.cell(r, c)));
        out.push(line);
      }
      return out;
    };
    switch (name) {
      case "values":
        return grid((c) => (c?.formula ? (c.value ?? 0) : (c?.value ?? "")));
      case "formulas":
        return grid((c) => c?.formula ?? c?.value ?? "");
      case "formulasR1C1": {
        const out = grid((c) => c?.formula ?? c?.value ?? "");
        return out.map((line, r) => line.map((f, c) => (typeof f === "string" && sheet.cell(rect.top + r, rect.left + c)?.formula ? toR1C1(f, rect.top + r, rect.left + c) : f)));
      }
      case "format/protection/locked": {
        // FormatProtection.locked: null when the range's cells differ.
        const all = new Set(grid((c) => c?.locked !== false).flat());
        return all.size === 1 ? [...all][0] : null;
      }
      case "numberFormat":
        return grid((c) => c?.numberFormat ?? "General");
      case "address":
        return `${quoteSheet(sheet.name)}!${rangeA1(rect)}`;
      case "rowIndex":
        return rect.top;
      case "columnIndex":
        return rect.left;
      case "columnHidden": {
        let all = true;
        for (let c = rect.left; c <= rect.right; c++) if (!sheet.hiddenColumns.has(c)) all = false;
        return all;
      }
      case "rowCount":
        return rect.bottom - rect.top + 1;
      case "columnCount":
        return rect.right - rect.left + 1;
      default:
        throw new Error(`fake: range.${name}`);
    }
  }

  get values(): unknown[][] {
    return this.get("values");
  }
  set values(grid: unknown[][]) {
    this.queueWrite("values", grid);
  }
  get formulas(): unknown[][] {
    return this.get("formulas");
  }
  set formulas(grid: unknown[][]) {
    this.queueWrite("formulas", grid);
  }
  get formulasR1C1(): unknown[][] {
    return this.get("formulasR1C1");
  }
  set formulasR1C1(grid: unknown[][]) {
    this.queueWrite("formulasR1C1", grid);
  }
  get numberFormat(): unknown[][] {
    return this.get("numberFormat");
  }
  set numberFormat(grid: unknown[][]) {
    this.ctx.queue.push(() => {
      const { sheet, rect } = this.resolve();
      this.check(grid, rect);
      this.ctx.wrote(sheet, rect, "numberFormat", false);
      forEach(rect, (r, c) => (sheet.ensure(r, c).numberFormat = String(grid[r - rect.top][c - rect.left])));
    });
  }
  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnHidden(): boolean {
    return this.get("columnHidden");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }

  private check(grid: unknown[][], rect: CellRange): void {
    const rows = rect.bottom - rect.top + 1;
    const cols = rect.right - rect.left + 1;
    if (grid.length !== rows || grid.some((r) => r.length !== cols)) {
      throw new FakeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`);
    }
  }

  private queueWrite(kind: "values" | "formulas" | "formulasR1C1", grid: unknown[][]): void {
    this.ctx.queue.push(() => {
      const { sheet, rect } = this.resolve();
      this.check(grid, rect);
      this.ctx.wrote(sheet, rect, kind, true);
      forEach(rect, (r, c) => {
        const cell = sheet.ensure(r, c);
        const given = grid[r - rect.top][c - rect.left];
        const v = kind === "formulasR1C1" && typeof given === "string" && given.startsWith("=") && cell.numberFormat !== "@" ? fromR1C1(given, r, c) : given;
        const next = FakeExcel.coerce(v, cell.numberFormat);
        cell.value = next.value;
        cell.formula = next.formula;
      });
    });
  }

  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.resolve().sheet);
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    const areas = new FakeRangeAreas(this.ctx, this.resolve);
    areas.trackNull(() => {
      const { sheet, rect } = this.resolve();
      return !sheet.merges.some((m) => overlaps(m, rect));
    });
    return areas;
  }

  clear(): void {
    this.ctx.queue.push(() => {
      const { sheet, rect } = this.resolve();
      this.ctx.wrote(sheet, rect, "clear", true);
      for (const k of [...sheet.cells.keys()]) {
        const [r, c] = k.split(",").map(Number);
        if (r >= rect.top && r <= rect.bottom && c >= rect.left && c <= rect.right) sheet.cells.delete(k);
      }
    });
  }

  select(): void {
    this.ctx.queue.push(() => {
      const { sheet, rect } = this.resolve();
      this.ctx.excel.selection = { sheet: sheet.name, range: rect };
    });
  }
}

class FakeSelectedAreas extends Proxy {
  protected snapshot(name: string): unknown {
    this.ctx.excel.requireApi("1.9", "getSelectedRanges");
    const sel = this.ctx.excel.selection ?? { sheet: activeOf(this.ctx.excel).name, range: { top: 0, left: 0, bottom: 0, right: 0 }, areas: undefined };
    const areas = sel.areas ?? [sel.range];
    if (name === "areaCount") return areas.length;
    if (name === "address") return areas.map((a) => `${quoteSheet(sel.sheet)}!${rangeA1(a)}`).join(",");
    throw new Error(`fake: selectedRanges.${name}`);
  }
  get areaCount(): number {
    return this.get("areaCount");
  }
  get address(): string {
    return this.get("address");
  }
}

function activeOf(excel: FakeExcel): FakeSheet {
  const s = excel.sheets.find((x) => x.name === excel.activeSheet) ?? excel.sheets.find((x) => x.visibility === "Visible");
  if (!s) throw new FakeError("ItemNotFound", "No active worksheet");
  return s;
}

/** Most merged areas getMergedAreasOrNullObject returns (@types/office-js: "more than 512 … will fail"). */
export const MERGED_AREAS_LIMIT = 512;

class FakeRangeAreas extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly resolve: () => { sheet: FakeSheet; rect: CellRange },
  ) {
    super(ctx);
  }
  protected snapshot(name: string): unknown {
    if (name !== "address") throw new Error(`fake: rangeAreas.${name}`);
    const { sheet, rect } = this.resolve();
    const hits = sheet.merges.filter((m) => overlaps(m, rect));
    // Range.getMergedAreasOrNullObject: "if the merged areas count in this range is more than 512, then this method
    // will fail to return the result" (@types/office-js). The failure takes the whole sync with it.
    if (hits.length > MERGED_AREAS_LIMIT) throw new FakeError("GeneralException", "There was an internal error while processing the request.");
    return hits.map((m) => `${quoteSheet(sheet.name)}!${rangeA1(m)}`).join(",");
  }
  get address(): string {
    return this.get("address");
  }
}

class FakeDataValidation extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly resolve: () => { sheet: FakeSheet; rect: CellRange },
  ) {
    super(ctx);
  }
  protected snapshot(name: string): unknown {
    const { sheet, rect } = this.resolve();
    this.ctx.excel.loads.push({ sheet: sheet.name, address: rangeA1(rect), what: `dataValidation.${name}` });
    const rules = new Map<string, Validation | null>();
    forEach(rect, (r, c) => {
      const v = sheet.cell(r, c)?.validation ?? null;
      rules.set(v ? `${v.type ?? "List"}|${v.source}` : "", v);
    });
    const only = rules.size === 1 ? [...rules.values()][0] : undefined;
    const type = only === undefined ? "Inconsistent" : only === null ? "None" : (only.type ?? "List");
    if (name === "type") return type;
    if (name === "rule") {
      if (!only) return {};
      return type === "List" ? { list: { inCellDropDown: true, source: only.source } } : { custom: { formula: only.source } };
    }
    throw new Error(`fake: dataValidation.${name}`);
  }
  get type(): string {
    return this.get("type");
  }
  get rule(): { list?: { inCellDropDown: boolean; source: string } } {
    return this.get("rule");
  }
  set rule(rule: { list?: { inCellDropDown: boolean; source: string } }) {
    this.ctx.queue.push(() => {
      const { sheet, rect } = this.resolve();
      this.ctx.wrote(sheet, rect, "dataValidation", false);
      const source = rule.list?.source ?? null;
      forEach(rect, (r, c) => (sheet.ensure(r, c).validation = source === null ? null : { source }));
    });
  }
  /** ExcelApi 1.8: removes the rule from every cell of the range. */
  clear(): void {
    this.ctx.queue.push(() => {
      const { sheet, rect } = this.resolve();
      this.ctx.wrote(sheet, rect, "dataValidation.clear", false);
      forEach(rect, (r, c) => {
        const cell = sheet.cell(r, c);
        if (cell) cell.validation = null;
      });
    });
  }
}

/** `custom.rule` of a conditional format: `formula` loads per item (see FakeCFCollection.load for office-js#2180). */
class FakeCFRule extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly find: () => { sheet: FakeSheet; cf: FakeCFRecord },
  ) {
    super(ctx);
  }
  protected snapshot(name: string): unknown {
    const { cf } = this.find();
    // The reference: `custom` is "null if the conditional format is not of type custom"; loading through it fails.
    if (cf.type !== "Custom") throw new FakeError("InvalidOperation", "This operation is not permitted for the current object.");
    if (name === "formula") return cf.formula;
    throw new Error(`fake: conditionalFormat.custom.rule.${name}`);
  }
  get formula(): string {
    return this.get("formula");
  }
  set formula(v: string) {
    this.ctx.queue.push(() => (this.find().cf.formula = v));
  }
}

class FakeCF extends Proxy {
  readonly custom: {
    rule: FakeCFRule;
    format: { fill: { color: string }; font: { color: string } };
  };
  constructor(
    ctx: FakeContext,
    private readonly find: () => { sheet: FakeSheet; cf: FakeCFRecord },
    /** The records of the collection this format was reached through, in priority order (for `id`). */
    private readonly siblings: () => FakeCFRecord[],
  ) {
    super(ctx);
    const set = (f: (cf: FakeCFRecord) => void): void => {
      ctx.queue.push(() => f(find().cf));
    };
    this.custom = {
      rule: new FakeCFRule(ctx, find),
      format: {
        fill: {
          set color(v: string) {
            set((cf) => (cf.fill = v));
          },
          get color(): string {
            throw new PropertyNotLoaded("color");
          },
        },
        font: {
          set color(v: string) {
            set((cf) => (cf.font = v));
          },
          get color(): string {
            throw new PropertyNotLoaded("color");
          },
        },
      },
    };
  }
  protected snapshot(name: string): unknown {
    const { cf } = this.find();
    // ConditionalFormat.id: "The priority of the conditional format in the current ConditionalFormatCollection"
    // (@types/office-js, Excel.ConditionalFormat.id): a position, not a stable id. It shifts when a format is added
    // (add() inserts at the top) or deleted, and differs between a range's and the whole sheet's collection.
    if (name === "id") return String(this.siblings().indexOf(cf));
    if (name === "type") return cf.type;
    throw new Error(`fake: conditionalFormat.${name}`);
  }
  get id(): string {
    return this.get("id");
  }
  get type(): string {
    return this.get("type");
  }
  delete(): void {
    this.ctx.queue.push(() => {
      const { sheet, cf } = this.find();
      this.ctx.wrote(sheet, cf.range, "conditionalFormat.delete", false);
      sheet.cfs = sheet.cfs.filter((x) => x !== cf);
    });
  }
}

class FakeCFCollection extends FakeItemCollection<FakeCF, FakeCFRecord> {
  constructor(
    ctx: FakeContext,
    private readonly resolve: () => { sheet: FakeSheet; rect: CellRange },
  ) {
    super(ctx);
  }
  /** The formats overlapping the range, highest priority first (sheet.cfs is kept in priority order). */
  private list(): { sheet: FakeSheet; list: FakeCFRecord[] } {
    const { sheet, rect } = this.resolve();
    return { sheet, list: sheet.cfs.filter((cf) => overlaps(cf.range, rect)) };
  }
  protected records(): { list: FakeCFRecord[]; make: (r: FakeCFRecord) => FakeCF } {
    const { sheet, list } = this.list();
    return { list, make: (cf) => new FakeCF(this.ctx, () => ({ sheet, cf }), () => this.list().list) };
  }
  protected value(r: FakeCFRecord, name: string): unknown {
    if (name === "id") return String(this.list().list.indexOf(r));
    if (name === "type") return r.type;
    // office-js#2180: loading `items/custom/rule/formula` fails the whole sync ("This operation is not permitted for
    // the current object") as soon as one format in the collection is not a custom one.
    if (name === "custom/rule/formula") {
      if (this.list().list.some((x) => x.type !== "Custom")) throw new FakeError("InvalidOperation", "This operation is not permitted for the current object.");
      return r.formula;
    }
    return undefined;
  }
  add(type: string): FakeCF {
    if (type !== "Custom") throw new Error(`fake: conditional format type ${type}`);
    let made: { sheet: FakeSheet; cf: FakeCFRecord } | null = null;
    this.ctx.queue.push(() => {
      const { sheet, rect } = this.resolve();
      this.ctx.wrote(sheet, rect, "conditionalFormat.add", false);
      const cf: FakeCFRecord = { type: "Custom", range: rect, formula: "", fill: "", font: "" };
      // A new format goes on top of the priority list (Excel's UI and Office.js alike): every other id shifts by one.
      sheet.cfs.unshift(cf);
      made = { sheet, cf };
    });
    const find = (): { sheet: FakeSheet; cf: FakeCFRecord } => {
      if (!made) throw new Error("fake: conditional format not created yet");
      return made;
    };
    return new FakeCF(this.ctx, find, () => this.list().list);
  }
}

class FakeChart extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly find: () => { sheet: FakeSheet; chart: FakeChartRecord },
  ) {
    super(ctx);
  }
  private edit(f: (c: FakeChartRecord) => void): void {
    this.ctx.queue.push(() => f(this.find().chart));
  }
  protected snapshot(name: string): unknown {
    if (name === "name") return this.find().chart.name;
    if (name === "chartType") return this.find().chart.type;
    // Excel's default size of a new chart (points) until one is set.
    if (name === "width") return this.find().chart.size?.width ?? 360;
    if (name === "height") return this.find().chart.size?.height ?? 216;
    throw new Error(`fake: chart.${name}`);
  }
  get name(): string {
    return this.get("name");
  }
  get chartType(): string {
    return this.get("chartType");
  }
  private seriesList: FakeSeriesCollection | null = null;
  /** One series collection per chart proxy (its `items` are those of the last load). */
  get series(): FakeSeriesCollection {
    return (this.seriesList ??= new FakeSeriesCollection(this.ctx, this.find));
  }
  set name(v: string) {
    this.edit((c) => (c.name = v));
  }
  get title(): { text: string } {
    const edit = (f: (c: FakeChartRecord) => void): void => this.edit(f);
    return {
      set text(v: string) {
        edit((c) => (c.title = v));
      },
      get text(): string {
        throw new PropertyNotLoaded("text");
      },
    };
  }
  get axes(): { valueAxis: { minimum: number; maximum: number } } {
    const excel = this.ctx.excel;
    const edit = (f: (c: FakeChartRecord) => void): void =>
      this.edit((c) => {
        if (excel.refuseRadarAxisLimits && c.type.startsWith("Radar")) throw new FakeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
        f(c);
      });
    return {
      valueAxis: {
        set minimum(v: number) {
          edit((c) => (c.min = v));
        },
        get minimum(): number {
          throw new PropertyNotLoaded("minimum");
        },
        set maximum(v: number) {
          edit((c) => (c.max = v));
        },
        get maximum(): number {
          throw new PropertyNotLoaded("maximum");
        },
      },
    };
  }
  get legend(): { position: string } {
    return {
      set position(_v: string) {
        /* layout only */
      },
      get position(): string {
        throw new PropertyNotLoaded("position");
      },
    };
  }
  setPosition(a: string, b: string): void {
    this.edit((c) => (c.position = [a, b]));
  }
  /** Size in points (ExcelApi 1.1); recorded on the chart. */
  set width(v: number) {
    this.edit((c) => (c.size = { ...(c.size ?? { width: 0, height: 0 }), width: v }));
  }
  get width(): number {
    return this.get("width");
  }
  set height(v: number) {
    this.edit((c) => (c.size = { ...(c.size ?? { width: 0, height: 0 }), height: v }));
  }
  get height(): number {
    return this.get("height");
  }
  delete(): void {
    this.ctx.queue.push(() => {
      const { sheet, chart } = this.find();
      this.ctx.wrote(sheet, chart.source, "chart.delete", false);
      sheet.charts = sheet.charts.filter((x) => x !== chart);
    });
  }
}

class FakeSeries extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly find: () => { sheet: FakeSheet; series: FakeSeriesRecord },
  ) {
    super(ctx);
  }
  protected snapshot(name: string): unknown {
    if (name === "name") return this.find().series.name;
    throw new Error(`fake: series.${name}`);
  }
  get name(): string {
    return this.get("name");
  }
  getDimensionDataSourceString(dim: string): FakeClientResult<string> {
    this.ctx.excel.requireApi("1.15", "getDimensionDataSourceString");
    this.ctx.excel.loads.push({ sheet: "", address: "", what: `series.source.${dim}` });
    return new FakeClientResult(this.ctx, () => {
      const { sheet, series } = this.find();
      if (series.unreadable) throw new FakeError("GeneralException", "There was an internal error while processing the request.");
      if (dim === "Categories") return series.categoriesSource ?? `${quoteSheet(sheet.name)}!${absA1(series.categories)}`;
      if (dim === "Values") return series.valuesSource ?? `${quoteSheet(sheet.name)}!${absA1(series.values)}`;
      throw new Error(`fake: dimension ${dim}`);
    });
  }
  getDimensionValues(dim: string): FakeClientResult<string[]> {
    this.ctx.excel.requireApi("1.12", "getDimensionValues");
    return new FakeClientResult(this.ctx, () => {
      const { sheet, series } = this.find();
      if (series.unreadable) throw new FakeError("GeneralException", "There was an internal error while processing the request.");
      const r = dim === "Categories" ? series.categories : series.values;
      const out: string[] = [];
      forEach(r, (row, col) => out.push(String(sheet.cell(row, col)?.value ?? "")));
      return out;
    });
  }
}

/**
 * A chart's series. `items` exists only after a load of the collection (`series.load("items/name")`) or a nested
 * load through the chart list (`charts.load("items/series/items/name")`): @types/office-js types the chart list's
 * load options with `series?: ChartSeriesCollectionLoadOptions` ("For EACH ITEM in the collection: Represents
 * either a single series or collection of series in the chart"), and ChartSeriesCollection.items "Gets the loaded
 * child items in this collection" (Office.js reference, ExcelApi 1.1); before that, reading it throws
 * PropertyNotLoaded like any other unloaded property. getItemAt on a missing index fails the sync (ItemNotFound).
 */
class FakeSeriesCollection extends FakeItemCollection<FakeSeries, FakeSeriesRecord> {
  constructor(
    ctx: FakeContext,
    private readonly chart: () => { sheet: FakeSheet; chart: FakeChartRecord },
  ) {
    super(ctx);
  }
  protected records(): { list: FakeSeriesRecord[]; make: (r: FakeSeriesRecord) => FakeSeries } {
    const { sheet, chart } = this.chart();
    if (chart.seriesUnlisted) throw new FakeError("GeneralException", "There was an internal error while processing the request.");
    return { list: chart.series, make: (series) => new FakeSeries(this.ctx, () => ({ sheet, series })) };
  }
  protected value(r: FakeSeriesRecord, name: string): unknown {
    if (name === "name") return r.name;
    throw new Error(`fake: series.${name} through the collection`);
  }
  getItemAt(i: number): FakeSeries {
    return new FakeSeries(this.ctx, () => {
      const { sheet, chart } = this.chart();
      const s = chart.series[i];
      if (!s) throw new FakeError("ItemNotFound", "The requested resource doesn't exist.");
      return { sheet, series: s };
    });
  }
}

/** "$A$1:$B$2" for a range. */
function absA1(r: CellRange): string {
  return rangeA1(r).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

/** Series Excel derives from a source range with a header row and a label column (seriesBy Columns or Rows). */
function seriesOf(sheet: FakeSheet, r: CellRange, seriesBy: string): FakeSeriesRecord[] {
  const out: FakeSeriesRecord[] = [];
  if (seriesBy === "Columns") {
    for (let c = r.left + 1; c <= r.right; c++) {
      out.push({
        name: String(sheet.cell(r.top, c)?.value ?? ""),
        categories: { top: r.top + 1, left: r.left, bottom: r.bottom, right: r.left },
        values: { top: r.top + 1, left: c, bottom: r.bottom, right: c },
      });
    }
  } else {
    for (let row = r.top + 1; row <= r.bottom; row++) {
      out.push({
        name: String(sheet.cell(row, r.left)?.value ?? ""),
        categories: { top: r.top, left: r.left + 1, bottom: r.top, right: r.right },
        values: { top: row, left: r.left + 1, bottom: row, right: r.right },
      });
    }
  }
  return out;
}

class FakeChartCollection extends FakeItemCollection<FakeChart, FakeChartRecord> {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected records(): { list: FakeChartRecord[]; make: (r: FakeChartRecord) => FakeChart } {
    const sheet = this.sheet();
    return { list: sheet.charts, make: (chart) => new FakeChart(this.ctx, () => ({ sheet, chart })) };
  }
  protected value(r: FakeChartRecord, name: string): unknown {
    if (name === "name") return r.name;
    if (name === "chartType") return r.type;
    throw new Error(`fake: chart.${name} through the collection`);
  }
  /** Chart properties, and the nested `series/items/…` load that fills each chart's series list (FakeSeriesCollection). */
  protected override fill(p: FakeChart, r: FakeChartRecord, names: string[]): void {
    const nested = "series/items/";
    super.fill(p, r, names.filter((n) => !n.startsWith("series")));
    const sub = names.filter((n) => n.startsWith("series")).map((n) => {
      if (!n.startsWith(nested)) throw new Error(`fake: chart list load of ${n}`);
      return n.slice(nested.length);
    });
    if (sub.length) p.series.fillItems(sub);
  }
  add(type: string, source: FakeRange, seriesBy: string): FakeChart {
    let made: { sheet: FakeSheet; chart: FakeChartRecord } | null = null;
    this.ctx.queue.push(() => {
      const sheet = this.sheet();
      const src = source.resolve();
      const chart: FakeChartRecord = {
        name: this.ctx.excel.newId("Chart"),
        type,
        source: src.rect,
        seriesBy,
        series: seriesOf(src.sheet, src.rect, seriesBy),
        title: "",
        min: null,
        max: null,
        position: null,
      };
      this.ctx.wrote(sheet, src.rect, "chart.add", false);
      sheet.charts.push(chart);
      made = { sheet, chart };
    });
    return new FakeChart(this.ctx, () => {
      if (!made) throw new Error("fake: chart not created yet");
      return made;
    });
  }
}

class FakeTable extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly find: () => { sheet: FakeSheet; table: FakeTableRecord },
  ) {
    super(ctx);
  }
  protected snapshot(name: string): unknown {
    if (name === "name") return this.find().table.name;
    throw new Error(`fake: table.${name}`);
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.ctx.queue.push(() => {
      const all = this.ctx.excel.sheets.flatMap((s) => s.tables);
      const t = this.find().table;
      if (all.some((x) => x !== t && x.name.toLowerCase() === v.toLowerCase())) throw new FakeError("InvalidArgument", `A table named ${v} already exists.`);
      t.name = v;
    });
  }
  set style(_v: string) {
    /* layout only */
  }
  get style(): string {
    throw new PropertyNotLoaded("style");
  }
  delete(): void {
    this.ctx.queue.push(() => {
      const { sheet, table } = this.find();
      this.ctx.wrote(sheet, table.range, "table.delete", false);
      sheet.tables = sheet.tables.filter((x) => x !== table);
    });
  }
}

class FakeTableCollection extends FakeItemCollection<FakeTable, FakeTableRecord> {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected records(): { list: FakeTableRecord[]; make: (r: FakeTableRecord) => FakeTable } {
    const sheet = this.sheet();
    return { list: sheet.tables, make: (table) => new FakeTable(this.ctx, () => ({ sheet, table })) };
  }
  protected value(r: FakeTableRecord, name: string): unknown {
    return name === "name" ? r.name : undefined;
  }
  add(address: string | FakeRange, _hasHeaders: boolean): FakeTable {
    let made: { sheet: FakeSheet; table: FakeTableRecord } | null = null;
    this.ctx.queue.push(() => {
      // TableCollection.add: "A Range object, or a string address … If the address does not contain a sheet name,
      // the currently-active sheet is used." (@types/office-js) — not the sheet whose collection add() was called on.
      let sheet: FakeSheet;
      let range: CellRange;
      if (typeof address === "string") {
        const { sheet: named } = splitSheet(address);
        const excel = this.ctx.excel;
        const target = named ?? excel.activeSheet ?? excel.sheets.find((x) => x.visibility === "Visible")?.name;
        sheet = excel.sheets.find((x) => x.name === target) as FakeSheet;
        if (!sheet) throw new FakeError("ItemNotFound", `no sheet for ${address}`);
        range = parseRangeA1(address);
      } else {
        ({ sheet, rect: range } = address.resolve());
      }
      for (const s of this.ctx.excel.sheets) {
        for (const t of s.tables) {
          if (s === sheet && overlaps(t.range, range)) throw new FakeError("InvalidOperation", "A table can't overlap another table.");
        }
      }
      const table = { name: this.ctx.excel.newId("Table"), range };
      this.ctx.wrote(sheet, range, "table.add", false);
      sheet.tables.push(table);
      made = { sheet, table };
    });
    return new FakeTable(this.ctx, () => {
      if (!made) throw new Error("fake: table not created yet");
      return made;
    });
  }
}

class FakeWorkbookTables extends FakeItemCollection<FakeTable, { sheet: FakeSheet; table: FakeTableRecord }> {
  protected records(): { list: { sheet: FakeSheet; table: FakeTableRecord }[]; make: (r: { sheet: FakeSheet; table: FakeTableRecord }) => FakeTable } {
    const list = this.ctx.excel.sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })));
    return { list, make: (r) => new FakeTable(this.ctx, () => r) };
  }
  protected value(r: { sheet: FakeSheet; table: FakeTableRecord }, name: string): unknown {
    return name === "name" ? r.table.name : undefined;
  }
}

class FakeSetting extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly key: string,
  ) {
    super(ctx);
  }
  protected snapshot(name: string): unknown {
    if (name !== "value") throw new Error(`fake: setting.${name}`);
    return this.ctx.excel.settings.get(this.key) ?? null;
  }
  get value(): unknown {
    return this.get("value");
  }
  delete(): void {
    this.ctx.queue.push(() => this.ctx.excel.settings.delete(this.key));
  }
}

class FakeSettingCollection {
  constructor(private readonly ctx: FakeContext) {}
  getItemOrNullObject(key: string): FakeSetting {
    const s = new FakeSetting(this.ctx, key);
    s.trackNull(() => !this.ctx.excel.settings.has(key));
    return s;
  }
  add(key: string, value: unknown): void {
    this.ctx.queue.push(() => {
      this.ctx.excel.settings.set(key, JSON.parse(JSON.stringify(value)));
    });
  }
}

/** Helper: A1 of a (row, col). */
export const a1 = cellA1;
export { parseAreas };
