/**
 * A bounded interpreter over the formula AST of `@borgar/fx` (the library parses; nothing here tokenizes).
 *
 * It runs in two modes over the same workbook:
 * - "trace": every answer cell of the checklist is a symbol standing for its row. A result is either a concrete value
 *   or a symbol carrying the set of answer rows it depends on. Filters that do not depend on answers are evaluated
 *   concretely, so `COUNTIFS(codes,"①",answers,"○")` depends only on the rows whose code is ①, and
 *   `SUMPRODUCT((codes="①")*(answers="○"))` likewise (a concrete 0 or FALSE factor drops the row).
 * - "value": answer cells are their current values; the result is the formula's value on the current answers
 *   (used to tell a stale cached value from a different rule).
 * Formula cells are evaluated recursively (helper cells), with memoisation. Functions outside the supported set give
 * an "unsupported" error in value mode and, in trace mode, depend on everything their arguments depend on.
 *
 * Bounds (files are untrusted): formula text length, recursion depth and a total step budget; exceeding the budget
 * throws `BudgetExceeded`, which callers catch.
 */
import { parse, parseA1Ref, tokenize } from "@borgar/fx";
import type { CellRange, CellValue, SheetInput, WorkbookInput } from "../model";
import { SheetView } from "../detect";

export const MAX_FORMULA_LENGTH = 8192;
export const MAX_DEPTH = 48;
export const DEFAULT_BUDGET = 4_000_000;
const MAX_PARSE_CACHE = 20_000;

export class BudgetExceeded extends Error {
  constructor() {
    super("formula evaluation budget exceeded");
  }
}

/** An Excel error value (#DIV/0!, #N/A, …, and #UNSUPPORTED for what this interpreter does not evaluate). */
export class XlError {
  constructor(readonly code: string) {}
}
/** A value that depends on answer cells (trace mode). */
export class Sym {
  constructor(readonly rows: ReadonlySet<number>) {}
}

/**
 * The rows of one answer cell: a read-only set of one element without a hash table (a trace makes one per answer
 * cell, thousands on a large checklist).
 */
class OneRow implements ReadonlySet<number> {
  readonly size = 1;
  constructor(readonly row: number) {}
  has(r: number): boolean {
    return r === this.row;
  }
  forEach(fn: (value: number, key: number, set: ReadonlySet<number>) => void, thisArg?: unknown): void {
    fn.call(thisArg, this.row, this.row, this);
  }
  *[Symbol.iterator](): SetIterator<number> {
    yield this.row;
  }
  keys(): SetIterator<number> {
    return this[Symbol.iterator]();
  }
  values(): SetIterator<number> {
    return this[Symbol.iterator]();
  }
  *entries(): SetIterator<[number, number]> {
    yield [this.row, this.row];
  }
}
export type Scalar = number | string | boolean | null | XlError | Sym;
/** A 2-D array (row-major) or a reference to a block of cells. */
export interface Arr {
  kind: "arr";
  h: number;
  w: number;
  data: Scalar[];
}
interface Ref {
  kind: "ref";
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}
type Val = Scalar | Arr | Ref;

const UNSUPPORTED = new XlError("#UNSUPPORTED");
const DIV0 = new XlError("#DIV/0!");
const VALUE = new XlError("#VALUE!");
const NA = new XlError("#N/A");
const REF = new XlError("#REF!");
const NAME = new XlError("#NAME?");

function isRef(v: Val): v is Ref {
  return typeof v === "object" && v !== null && (v as Ref).kind === "ref";
}
function isArr(v: Val): v is Arr {
  return typeof v === "object" && v !== null && (v as Arr).kind === "arr";
}

/**
 * Unions the rows of the symbols among `vals` into a symbol, or null when none is symbolic. When the largest symbol
 * already holds every other symbol's rows (the usual case: (a+b)/(a+b+c) over COUNTIFS of the same rows) it is
 * returned as it is; symbols are never mutated, so sharing one is safe.
 */
function symOf(...vals: Scalar[]): Sym | null {
  let big: Sym | null = null;
  for (const v of vals) if (v instanceof Sym && (!big || v.rows.size > big.rows.size)) big = v;
  if (!big) return null;
  let out: Set<number> | null = null;
  for (const v of vals) {
    if (!(v instanceof Sym) || v === big || v.rows === big.rows) continue;
    for (const r of v.rows) {
      if (out ? out.has(r) : big.rows.has(r)) continue;
      out ??= new Set(big.rows);
      out.add(r);
    }
  }
  return out ? new Sym(out) : big;
}

export interface AnswerCells {
  sheet: string;
  col: number;
  rows: ReadonlySet<number>;
}

export interface SheetData {
  input: SheetInput;
  /** The sheet's cells, dense or sparse (the file gateway reads sparse rows). */
  view: SheetView;
  originRow: number;
  originCol: number;
  /** Last absolute row / column holding data (values or formulas). */
  maxRow: number;
  maxCol: number;
  formulas: Map<number, string>;
}

/** Cell key in a sheet's formula map (columns stay below 20,000; Excel has 16,384). */
const key = (row: number, col: number) => row * 20000 + col;

/** Case-insensitive sheet-name key. */
const sheetKey = (s: string) => s.toLowerCase();

/** A sheet as the evaluator first records it: its formulas by cell and their extent; the values come on first use. */
interface SheetEntry {
  input: SheetInput;
  formulas: Map<number, string>;
  maxRow: number;
  maxCol: number;
  data: SheetData | null;
}

/**
 * The workbook as the evaluator sees it: values, formulas and defined names, looked up by sheet.
 * Built once per workbook input; cheap lookups afterwards. A sheet's values are looked at when a formula first
 * reads it (so a sheet the reader left unparsed, `labels: false`, is parsed only then).
 */
export class FormulaWorkbook {
  private readonly sheets = new Map<string, SheetEntry>();
  private readonly names = new Map<string, { ref: string; sheet: string | null }[]>();
  readonly formulaCount: number;

  constructor(wb: WorkbookInput) {
    let count = 0;
    for (const s of wb.sheets ?? []) {
      if (!s || typeof s.name !== "string" || (s.labels !== false && !Array.isArray(s.cells) && !Array.isArray(s.values))) continue;
      let maxCol = -1;
      let maxRow = -1;
      const formulas = new Map<number, string>();
      for (const f of s.formulas ?? []) {
        if (!f || typeof f.formula !== "string" || !Number.isInteger(f.row) || !Number.isInteger(f.col)) continue;
        if (f.row < 0 || f.col < 0 || f.col >= 20000) continue;
        formulas.set(key(f.row, f.col), f.formula);
        if (f.row > maxRow) maxRow = f.row;
        if (f.col > maxCol) maxCol = f.col;
        count++;
      }
      this.sheets.set(sheetKey(s.name), { input: s, formulas, maxRow, maxCol, data: null });
    }
    for (const n of wb.names ?? []) {
      if (!n || typeof n.name !== "string" || typeof n.ref !== "string") continue;
      const k = n.name.toLowerCase();
      const list = this.names.get(k) ?? [];
      list.push({ ref: n.ref, sheet: n.sheet ?? null });
      this.names.set(k, list);
    }
    this.formulaCount = count;
  }

  sheetNames(): string[] {
    return Array.from(this.sheets.values(), (s) => s.input.name);
  }

  private readonly exact = new Map<string, SheetData>();

  /** The sheet's data (exact name first, then case-insensitively). */
  data(sheet: string): SheetData | undefined {
    const hit = this.exact.get(sheet);
    if (hit) return hit;
    const e = this.sheets.get(sheetKey(sheet));
    if (!e) return undefined;
    if (!e.data) {
      const view = new SheetView(e.input);
      e.data = {
        input: e.input,
        view,
        originRow: view.r0,
        originCol: view.c0,
        maxRow: Math.max(view.rowEnd - 1, e.maxRow),
        maxCol: Math.max(view.colEnd - 1, e.maxCol),
        formulas: e.formulas,
      };
    }
    this.exact.set(sheet, e.data);
    return e.data;
  }

  /** The sheet's own spelling of a name, or null when the workbook has no such sheet. */
  canonicalSheet(sheet: string): string | null {
    return this.sheets.get(sheetKey(sheet))?.input.name ?? null;
  }

  value(sheet: string, row: number, col: number): CellValue {
    const d = this.data(sheet);
    return d ? d.view.get(row, col) : null;
  }

  formula(sheet: string, row: number, col: number): string | undefined {
    return this.sheets.get(sheetKey(sheet))?.formulas.get(key(row, col));
  }

  /** Every formula cell of a sheet: [row, col, text]. Its values are not looked at (nor parsed when left unparsed). */
  *formulaCells(sheet: string): Generator<[number, number, string]> {
    const e = this.sheets.get(sheetKey(sheet));
    if (!e) return;
    for (const [k, f] of e.formulas) yield [Math.floor(k / 20000), k % 20000, f];
  }

  extent(sheet: string): { maxRow: number; maxCol: number } | null {
    const d = this.data(sheet);
    return d ? { maxRow: d.maxRow, maxCol: d.maxCol } : null;
  }

  /** A defined name's reference text: the sheet-scoped one for `sheet` first, then the global one. */
  name(name: string, sheet: string): string | null {
    const list = this.names.get(name.toLowerCase());
    if (!list) return null;
    const local = list.find((n) => n.sheet !== null && sheetKey(n.sheet) === sheetKey(sheet));
    if (local) return local.ref;
    const global = list.find((n) => n.sheet === null);
    return global ? global.ref : null;
  }
}

type Node = ReturnType<typeof parse>;

const parseCache = new Map<string, Node | null>();

/** Parses formula text (without "="); null when it is too long or not a formula the library can parse. */
export function parseFormula(text: string): Node | null {
  const hit = parseCache.get(text);
  if (hit !== undefined) return hit;
  let node: Node | null = null;
  if (text.length <= MAX_FORMULA_LENGTH) {
    try {
      node = parse(tokenize(text, { mergeRefs: true, allowTernary: true }), { permitArrayRanges: true, permitArrayCalls: true });
    } catch {
      node = null;
    }
  }
  if (parseCache.size >= MAX_PARSE_CACHE) parseCache.clear();
  parseCache.set(text, node);
  return node;
}

export type ParsedRef = { sheet: string; range: CellRange; open: { rows: boolean; cols: boolean } } | { name: string; sheet: string | null } | null;
const refCache = new Map<string, ParsedRef>();

/** A reference's text resolved against a default sheet: {sheet, range} or a name, or null. Memoised. */
export function parseRefText(text: string, defaultSheet: string): ParsedRef {
  const k = defaultSheet + "\u0000" + text;
  const hit = refCache.get(k);
  if (hit !== undefined) return hit;
  const out = parseRefUncached(text, defaultSheet);
  if (refCache.size >= MAX_PARSE_CACHE) refCache.clear();
  refCache.set(k, out);
  return out;
}

function parseRefUncached(text: string, defaultSheet: string): ParsedRef {
  let ref: ReturnType<typeof parseA1Ref>;
  try {
    ref = parseA1Ref(text.replace(/^=/, "").trim(), { allowNamed: true, allowTernary: true });
  } catch {
    return null;
  }
  if (!ref) return null;
  const ctx = (ref as { context?: string[] }).context ?? [];
  if (ctx.length > 1) return null; // another workbook
  const sheet = ctx.length ? ctx[0] : null;
  if ("name" in ref && typeof ref.name === "string") return { name: ref.name, sheet };
  if (!("range" in ref) || !ref.range) return null;
  const r = ref.range;
  return {
    sheet: sheet ?? defaultSheet,
    range: { top: r.top ?? 0, left: r.left ?? 0, bottom: r.bottom ?? Number.MAX_SAFE_INTEGER, right: r.right ?? Number.MAX_SAFE_INTEGER },
    open: { rows: r.top === null || r.bottom === null, cols: r.left === null || r.right === null },
  };
}

export type Mode = "trace" | "value";

/**
 * Folds for case-insensitive text comparison (Excel compares text case-insensitively). Text made only of characters
 * known to have no case (ASCII other than A-Z, ×, symbols such as ① ○ △ ✓, CJK punctuation, kana and kanji,
 * full-width forms other than Ａ-Ｚ) is
 * returned as it is, without a new string; anything else goes through toLowerCase.
 */
function lc(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const caseless =
      c < 0x41 ||
      (c > 0x5a && c < 0xc0) ||
      c === 0xd7 || // ×
      (c >= 0x2010 && c <= 0x206f) || // punctuation
      (c >= 0x2190 && c <= 0x24b5) || // arrows, math, ① …
      (c >= 0x2500 && c <= 0x2bff) || // box drawing, shapes (○ △), dingbats (✓)
      (c >= 0x3000 && c <= 0x9fff) || // CJK punctuation, kana, kanji
      (c >= 0xff01 && c <= 0xffef && !(c >= 0xff21 && c <= 0xff3a));
    if (!caseless) return s.toLowerCase();
  }
  return s;
}

function toNumber(v: Scalar): number | XlError | Sym {
  if (v instanceof XlError || v instanceof Sym) return v;
  if (v === null) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const t = v.trim();
  if (t === "") return VALUE;
  const n = Number(t);
  return Number.isFinite(n) ? n : VALUE;
}

function toBool(v: Scalar): boolean | XlError | Sym {
  if (v instanceof XlError || v instanceof Sym) return v;
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  const t = lc(v);
  if (t === "true") return true;
  if (t === "false") return false;
  return VALUE;
}

function compare(a: Scalar, b: Scalar, op: string): Scalar {
  const s = symOf(a, b);
  if (s) return s;
  if (a instanceof XlError) return a;
  if (b instanceof XlError) return b;
  // Blank compares as "" to text, 0 to numbers, FALSE to booleans.
  if (a === null) a = typeof b === "string" ? "" : typeof b === "boolean" ? false : typeof b === "number" ? 0 : "";
  if (b === null) b = typeof a === "string" ? "" : typeof a === "boolean" ? false : typeof a === "number" ? 0 : "";
  const rank = (x: Scalar) => (typeof x === "number" ? 0 : typeof x === "string" ? 1 : 2);
  let c: number;
  if (rank(a) !== rank(b)) c = rank(a) - rank(b);
  else if (typeof a === "string" && typeof b === "string") c = lc(a) < lc(b) ? -1 : lc(a) > lc(b) ? 1 : 0;
  else c = Number(a) - Number(b);
  switch (op) {
    case "=":
      return c === 0;
    case "<>":
      return c !== 0;
    case "<":
      return c < 0;
    case ">":
      return c > 0;
    case "<=":
      return c <= 0;
    case ">=":
      return c >= 0;
  }
  return VALUE;
}

function arith(a: Scalar, b: Scalar, op: string): Scalar {
  if (op === "&") {
    const s = symOf(a, b);
    if (s) return s;
    if (a instanceof XlError) return a;
    if (b instanceof XlError) return b;
    const str = (x: Scalar) => (x === null ? "" : typeof x === "boolean" ? (x ? "TRUE" : "FALSE") : String(x));
    return str(a) + str(b);
  }
  if (op === "*") {
    // A concrete zero factor decides the product whatever the other side holds (filters in SUMPRODUCT).
    const za = !(a instanceof Sym) && toNumber(a) === 0;
    const zb = !(b instanceof Sym) && toNumber(b) === 0;
    if ((za && b instanceof Sym) || (zb && a instanceof Sym)) return 0;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  const s = symOf(x, y);
  if (s) return s;
  if (x instanceof XlError) return x;
  if (y instanceof XlError) return y;
  const p = x as number;
  const q = y as number;
  switch (op) {
    case "+":
      return p + q;
    case "-":
      return p - q;
    case "*":
      return p * q;
    case "/":
      return q === 0 ? DIV0 : p / q;
    case "^": {
      const r = Math.pow(p, q);
      return Number.isFinite(r) ? r : new XlError("#NUM!");
    }
  }
  return VALUE;
}

/** A COUNTIF-style criterion: operator and operand, matched case-insensitively with * ? ~ wildcards. */
interface Criterion {
  test(v: Scalar): boolean | Sym;
}

function makeCriterion(c: Scalar): Criterion | Sym | XlError {
  if (c instanceof Sym || c instanceof XlError) return c;
  if (typeof c === "number" || typeof c === "boolean") {
    return { test: (v) => (v instanceof Sym ? v : v === c || (typeof v === "string" && typeof c === "number" && v.trim() !== "" && Number(v) === c)) };
  }
  const text = c === null ? "" : c;
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(text) as RegExpExecArray;
  const op = m[1] ?? "=";
  const operand = m[2];
  const num = operand.trim() !== "" && Number.isFinite(Number(operand)) ? Number(operand) : null;
  if (num !== null) {
    return {
      test: (v) => {
        if (v instanceof Sym) return v;
        const n = typeof v === "number" ? v : null;
        if (n === null) return op === "<>";
        const r = compare(n, num, op);
        return r === true;
      },
    };
  }
  if (operand === "") {
    if (op === "=") return { test: (v) => (v instanceof Sym ? v : v === null || v === "") };
    if (op === "<>") return { test: (v) => (v instanceof Sym ? v : !(v === null || v === "")) };
  }
  const wild = /[*?]/.test(operand);
  let re: RegExp | null = null;
  if (wild && (op === "=" || op === "<>")) {
    let src = "";
    for (let i = 0; i < operand.length; i++) {
      const ch = operand[i];
      if (ch === "~" && i + 1 < operand.length) src += escapeRe(operand[++i]);
      else if (ch === "*") src += "[\\s\\S]*";
      else if (ch === "?") src += "[\\s\\S]";
      else src += escapeRe(ch);
    }
    re = new RegExp("^" + src + "$", "i");
  }
  const target = lc(operand.replace(/~([*?~])/g, "$1"));
  return {
    test: (v) => {
      if (v instanceof Sym) return v;
      if (v instanceof XlError) return false;
      if (op === "=" || op === "<>") {
        const s = v === null ? "" : typeof v === "string" ? v : null;
        const eq = s !== null && (re ? re.test(s) : lc(s) === target);
        return op === "=" ? eq : !eq;
      }
      if (typeof v !== "string") return false;
      return compare(v, operand, op) === true;
    },
  };
}

/** Key of the answer symbols' positions in a range's text index. */
const SYM_KEY = Symbol("answers");

/**
 * The lower-cased text of a criterion that means 「equal to this text」 (optional leading "=", no wildcard or tilde,
 * not blank, not a number); null for any other criterion (tested cell by cell by makeCriterion's test).
 */
function plainTextCriterion(c: Scalar): string | null {
  if (typeof c !== "string") return null;
  if (/^(<=|>=|<>|<|>)/.test(c)) return null;
  const operand = c.startsWith("=") ? c.slice(1) : c;
  if (operand === "" || /[*?~]/.test(operand)) return null;
  if (operand.trim() !== "" && Number.isFinite(Number(operand))) return null;
  return lc(operand);
}

function escapeRe(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function round(x: number, digits: number, mode: "round" | "up" | "down"): number {
  const f = Math.pow(10, digits);
  const y = Math.abs(x) * f;
  const r = mode === "round" ? Math.round(y + 1e-9) : mode === "up" ? Math.ceil(y - 1e-9) : Math.floor(y + 1e-9);
  return (Math.sign(x) * r) / f;
}

/**
 * Evaluates formulas of one workbook in one mode. Create one per (workbook, answers, mode); it memoises cells.
 */
export class Evaluator {
  private readonly memo = new Map<string, Scalar>();
  private readonly inProgress = new Set<string>();
  private readonly ranges = new Map<string, Arr>();
  private readonly syms = new Map<number, Sym>();
  private readonly masks = new WeakMap<Arr, Map<string, Int8Array>>();
  /** Per range: its all-symbolic mask (every cell an answer), shared by every criterion. */
  private readonly symMasks = new WeakMap<Arr, Int8Array>();
  private readonly criteriaMemo = new Map<string, Scalar>();
  private readonly textIndexes = new WeakMap<Arr, Map<string | symbol, number[]>>();
  private readonly ids = new WeakMap<object, number>();
  private lastId = 0;
  private readonly answerSheet: string;
  private steps = 0;
  private depth = 0;

  constructor(
    private readonly wb: FormulaWorkbook,
    private readonly answers: AnswerCells,
    private readonly mode: Mode,
    private readonly budget: number = DEFAULT_BUDGET,
  ) {
    this.answerSheet = wb.canonicalSheet(answers.sheet) ?? answers.sheet;
  }

  private symFor(row: number): Sym {
    let s = this.syms.get(row);
    if (!s) {
      s = new Sym(new OneRow(row));
      this.syms.set(row, s);
    }
    return s;
  }

  private tick(n = 1): void {
    this.steps += n;
    if (this.steps > this.budget) throw new BudgetExceeded();
  }

  get used(): number {
    return this.steps;
  }

  private isAnswer(sheet: string, row: number, col: number): boolean {
    return col === this.answers.col && this.answers.rows.has(row) && (sheet === this.answerSheet || sheetKey(sheet) === sheetKey(this.answerSheet));
  }

  /** The value of one cell in this mode: an answer symbol, a formula's result, or the stored value. */
  cell(sheet: string, row: number, col: number): Scalar {
    this.tick();
    if (this.isAnswer(sheet, row, col)) {
      if (this.mode === "trace") return this.symFor(row);
      return this.wb.value(sheet, row, col);
    }
    const f = this.wb.formula(sheet, row, col);
    const stored = this.wb.value(sheet, row, col);
    if (f === undefined) return stored;
    const k = sheetKey(sheet) + "!" + row + "," + col;
    const hit = this.memo.get(k);
    if (hit !== undefined) return hit;
    if (this.inProgress.has(k) || this.depth >= MAX_DEPTH) return this.mode === "value" ? stored : new XlError("#CIRC");
    this.inProgress.add(k);
    this.depth++;
    let out: Scalar;
    try {
      out = this.formulaValue(f, sheet, row, col);
    } finally {
      this.depth--;
      this.inProgress.delete(k);
    }
    // In value mode a formula we cannot evaluate keeps the workbook's stored value.
    if (this.mode === "value" && out instanceof XlError && out.code === UNSUPPORTED.code) out = stored;
    this.memo.set(k, out);
    return out;
  }

  /** Evaluates a formula text as if in cell (row, col) of `sheet`; arrays collapse to their first element. */
  formulaValue(text: string, sheet: string, _row = 0, _col = 0): Scalar {
    const node = parseFormula(text);
    if (!node) return UNSUPPORTED;
    return this.scalar(this.eval(node, sheet));
  }

  /** Evaluates a formula to a value that may be a reference (for chart series and defined names). */
  evalText(text: string, sheet: string): Val {
    const node = parseFormula(text);
    if (!node) return UNSUPPORTED;
    return this.eval(node, sheet);
  }

  private scalar(v: Val): Scalar {
    if (isRef(v)) {
      if (v.top === v.bottom && v.left === v.right) return this.cell(v.sheet, v.top, v.left);
      return this.cell(v.sheet, v.top, v.left);
    }
    if (isArr(v)) return v.data.length ? v.data[0] : VALUE;
    return v;
  }

  /** A reference clamped to the sheet's data (whole columns and rows stay bounded). */
  private clampRef(sheet: string, r: CellRange): Ref | XlError {
    const canonical = this.wb.canonicalSheet(sheet);
    if (!canonical) return REF;
    const ext = this.wb.extent(canonical) as { maxRow: number; maxCol: number };
    const bottom = Math.min(r.bottom, Math.max(ext.maxRow, r.top));
    const right = Math.min(r.right, Math.max(ext.maxCol, r.left));
    return { kind: "ref", sheet: canonical, top: r.top, left: r.left, bottom, right };
  }

  /** The cells of a reference as an array; memoised per evaluator (criteria ranges are read once per field). */
  private refCells(v: Ref): Arr {
    const k = v.sheet + "!" + v.top + "," + v.left + ":" + v.bottom + "," + v.right;
    const hit = this.ranges.get(k);
    if (hit) return hit;
    const h = v.bottom - v.top + 1;
    const w = v.right - v.left + 1;
    this.tick(h * w);
    const data: Scalar[] = new Array(h * w);
    const d = this.wb.data(v.sheet);
    const answerSheet = v.sheet === this.answerSheet;
    for (let i = 0; i < h; i++) {
      const row = v.top + i;
      for (let j = 0; j < w; j++) {
        const col = v.left + j;
        // Fast path: a plain value cell (no formula, not an answer cell) is read straight from the grid.
        if (d && !(answerSheet && col === this.answers.col) && !d.formulas.has(row * 20000 + col)) {
          data[i * w + j] = d.view.get(row, col);
        } else data[i * w + j] = this.cell(v.sheet, row, col);
      }
    }
    const out: Arr = { kind: "arr", h, w, data };
    if (this.ranges.size < 4096) this.ranges.set(k, out);
    return out;
  }

  private toArr(v: Val): Arr {
    if (isRef(v)) return this.refCells(v);
    if (isArr(v)) return v;
    return { kind: "arr", h: 1, w: 1, data: [v] };
  }

  private resolveName(name: string, sheet: string): Val {
    const ref = this.wb.name(name, sheet);
    if (ref === null) return NAME;
    if (this.depth >= MAX_DEPTH) return REF;
    this.depth++;
    try {
      return this.evalText(ref, sheet);
    } finally {
      this.depth--;
    }
  }

  private eval(node: Node, sheet: string): Val {
    this.tick();
    switch (node.type) {
      case "Literal":
        return node.value as Scalar;
      case "ErrorLiteral":
        return new XlError(String(node.value));
      case "ReferenceIdentifier": {
        const p = parseRefText(node.value, sheet);
        if (!p) return REF;
        if ("name" in p) return this.resolveName(p.name, p.sheet ?? sheet);
        return this.clampRef(p.sheet, p.range);
      }
      case "ArrayExpression": {
        const rows = node.elements;
        const h = rows.length;
        const w = h ? rows[0].length : 0;
        const data: Scalar[] = [];
        for (const r of rows) for (let j = 0; j < w; j++) data.push(r[j] ? this.scalar(this.eval(r[j] as Node, sheet)) : null);
        return { kind: "arr", h, w, data };
      }
      case "UnaryExpression": {
        const v = this.eval(node.arguments[0] as Node, sheet);
        const op = node.operator;
        return this.map1(v, (x) => (op === "-" ? arith(0, x, "-") : op === "%" ? arith(x, 100, "/") : op === "+" ? x : UNSUPPORTED));
      }
      case "BinaryExpression": {
        const op = node.operator;
        if (op === ":" || op === "," || op === " ") return UNSUPPORTED;
        const a = this.eval(node.arguments[0] as Node, sheet);
        const b = this.eval(node.arguments[1] as Node, sheet);
        const cmp = op === "=" || op === "<>" || op === "<" || op === ">" || op === "<=" || op === ">=";
        return this.map2(a, b, (x, y) => (cmp ? compare(x, y, op) : arith(x, y, op)));
      }
      case "CallExpression":
        return this.call(node.callee.name.toUpperCase().replace(/^_XLFN\.|^_XLWS\./, ""), node.arguments as Node[], sheet);
      default:
        return UNSUPPORTED;
    }
  }

  private map1(v: Val, f: (x: Scalar) => Scalar): Val {
    if (isRef(v) && (v.top !== v.bottom || v.left !== v.right)) v = this.refCells(v);
    if (isArr(v)) return { kind: "arr", h: v.h, w: v.w, data: v.data.map(f) };
    return f(this.scalar(v));
  }

  private map2(a: Val, b: Val, f: (x: Scalar, y: Scalar) => Scalar): Val {
    const multi = (v: Val) => isArr(v) || (isRef(v) && (v.top !== v.bottom || v.left !== v.right));
    if (!multi(a) && !multi(b)) return f(this.scalar(a), this.scalar(b));
    const A = this.toArr(a);
    const B = this.toArr(b);
    const h = Math.max(A.h, B.h);
    const w = Math.max(A.w, B.w);
    this.tick(h * w);
    const at = (X: Arr, i: number, j: number): Scalar => {
      const ii = X.h === 1 ? 0 : i;
      const jj = X.w === 1 ? 0 : j;
      return ii < X.h && jj < X.w ? X.data[ii * X.w + jj] : NA;
    };
    const data: Scalar[] = new Array(h * w);
    for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) data[i * w + j] = f(at(A, i, j), at(B, i, j));
    return { kind: "arr", h, w, data };
  }

  /** All scalars of the arguments, ranges and arrays flattened; `fromRef` tells whether a value came from a range. */
  private flat(args: Node[], sheet: string): { v: Scalar; fromRef: boolean }[] {
    const out: { v: Scalar; fromRef: boolean }[] = [];
    for (const a of args) {
      const v = this.eval(a, sheet);
      if (isRef(v)) for (const x of this.refCells(v).data) out.push({ v: x, fromRef: true });
      else if (isArr(v)) for (const x of v.data) out.push({ v: x, fromRef: false });
      else out.push({ v, fromRef: false });
    }
    return out;
  }

  /** Everything the arguments depend on, as one symbol (trace mode, unknown functions). */
  private depsOfArgs(args: Node[], sheet: string): Scalar {
    const all = this.flat(args, sheet).map((x) => x.v);
    return symOf(...all) ?? UNSUPPORTED;
  }

  private call(name: string, args: Node[], sheet: string): Val {
    switch (name) {
      case "IF": {
        const c = toBool(this.scalar(this.eval(args[0], sheet)));
        if (c instanceof Sym) {
          const a = args[1] ? this.scalar(this.eval(args[1], sheet)) : true;
          const b = args[2] ? this.scalar(this.eval(args[2], sheet)) : false;
          return symOf(c, a, b) ?? c;
        }
        if (c instanceof XlError) return c;
        if (c) return args[1] ? this.eval(args[1], sheet) : true;
        return args[2] ? this.eval(args[2], sheet) : false;
      }
      case "IFERROR":
      case "IFNA": {
        const a = this.scalar(this.eval(args[0], sheet));
        if (a instanceof Sym) {
          const b = args[1] ? this.scalar(this.eval(args[1], sheet)) : null;
          return symOf(a, b) ?? a;
        }
        if (a instanceof XlError && a !== UNSUPPORTED && (name === "IFERROR" || a.code === NA.code)) return args[1] ? this.eval(args[1], sheet) : null;
        return a;
      }
      case "AND":
      case "OR": {
        const vals = this.flat(args, sheet).map((x) => toBool(x.v));
        const decisive = name === "AND" ? false : true;
        if (vals.some((v) => v === decisive)) return decisive;
        const s = symOf(...vals);
        if (s) return s;
        const err = vals.find((v) => v instanceof XlError);
        return err ?? !decisive;
      }
      case "NOT": {
        const v = toBool(this.scalar(this.eval(args[0], sheet)));
        return typeof v === "boolean" ? !v : v;
      }
      case "SUM":
      case "AVERAGE":
      case "COUNT":
      case "COUNTA":
      case "COUNTBLANK":
      case "MIN":
      case "MAX":
        return this.aggregate(name, this.flat(args, sheet));
      case "ROUND":
      case "ROUNDUP":
      case "ROUNDDOWN": {
        const x = toNumber(this.scalar(this.eval(args[0], sheet)));
        const d = args[1] ? toNumber(this.scalar(this.eval(args[1], sheet))) : 0;
        const s = symOf(x, d);
        if (s) return s;
        if (x instanceof XlError) return x;
        if (d instanceof XlError) return d;
        return round(x as number, Math.trunc(d as number), name === "ROUND" ? "round" : name === "ROUNDUP" ? "up" : "down");
      }
      case "ABS":
      case "INT":
      case "N": {
        const v = this.scalar(this.eval(args[0], sheet));
        if (name === "N" && typeof v === "string") return 0;
        const x = toNumber(v);
        if (typeof x !== "number") return x;
        return name === "ABS" ? Math.abs(x) : name === "INT" ? Math.floor(x) : x;
      }
      case "ISBLANK":
      case "ISNUMBER":
      case "ISTEXT":
      case "ISERROR": {
        const v = this.scalar(this.eval(args[0], sheet));
        if (v instanceof Sym) return v;
        if (name === "ISBLANK") return v === null;
        if (name === "ISNUMBER") return typeof v === "number";
        if (name === "ISTEXT") return typeof v === "string";
        return v instanceof XlError;
      }
      case "COUNTIF":
      case "COUNTIFS":
      case "SUMIF":
      case "SUMIFS":
      case "AVERAGEIF":
      case "AVERAGEIFS":
        return this.criteria(name, args, sheet);
      case "SUMPRODUCT":
        return this.sumproduct(args, sheet);
      default: {
        if (this.mode === "trace") return this.depsOfArgs(args, sheet);
        return UNSUPPORTED;
      }
    }
  }

  private aggregate(name: string, vals: { v: Scalar; fromRef: boolean }[]): Scalar {
    const s = symOf(...vals.map((x) => x.v));
    if (s) return s;
    let sum = 0;
    let n = 0;
    let a = 0;
    let blank = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const { v, fromRef } of vals) {
      if (v === null || v === "") blank++;
      if (v !== null) a++;
      if (v instanceof XlError) {
        if (name === "COUNT" || name === "COUNTA" || name === "COUNTBLANK") continue;
        return v;
      }
      let x: number | null = null;
      if (typeof v === "number") x = v;
      else if (!fromRef && (typeof v === "boolean" || typeof v === "string")) {
        const t = toNumber(v);
        if (typeof t === "number") x = t;
        else if (name !== "COUNT" && name !== "COUNTA") return t as XlError;
      }
      if (x === null) continue;
      sum += x;
      n++;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    switch (name) {
      case "SUM":
        return sum;
      case "AVERAGE":
        return n ? sum / n : DIV0;
      case "COUNT":
        return n;
      case "COUNTA":
        return a;
      case "COUNTBLANK":
        return blank;
      case "MIN":
        return n ? min : 0;
      default:
        return n ? max : 0;
    }
  }

  /** COUNTIF(S) / SUMIF(S) / AVERAGEIF(S): rows that a concrete criterion rejects drop out, whatever else they hold. */
  private criteria(name: string, args: Node[], sheet: string): Scalar {
    let valueArg: Node | null = null;
    const pairs: [Node, Node][] = [];
    if (name === "COUNTIF" || name === "SUMIF" || name === "AVERAGEIF") {
      if (args.length < 2) return VALUE;
      pairs.push([args[0], args[1]]);
      if (name !== "COUNTIF") valueArg = args[2] ?? args[0];
    } else if (name === "COUNTIFS") {
      for (let i = 0; i + 1 < args.length; i += 2) pairs.push([args[i], args[i + 1]]);
    } else {
      valueArg = args[0];
      for (let i = 1; i + 1 < args.length; i += 2) pairs.push([args[i], args[i + 1]]);
    }
    if (!pairs.length) return VALUE;
    const ranges: Arr[] = [];
    const masks: Int8Array[] = [];
    for (const [r, c] of pairs) {
      const range = this.toArr(this.eval(r, sheet));
      ranges.push(range);
      const cv = this.scalar(this.eval(c, sheet));
      if (cv instanceof Sym) {
        // The criterion itself depends on answers: everything in the ranges may count.
        return symOf(cv, ...ranges.flatMap((a) => a.data), ...(valueArg ? this.toArr(this.eval(valueArg, sheet)).data : [])) ?? cv;
      }
      const mask = this.mask(range, cv);
      if (mask instanceof XlError) return mask;
      masks.push(mask);
    }
    const first = ranges[0];
    let values: Arr | null = null;
    if (valueArg) {
      const v = this.eval(valueArg, sheet);
      // Excel sizes the value range like the first criteria range, from its top-left cell.
      if (isRef(v)) values = this.refCells({ ...v, bottom: v.top + first.h - 1, right: v.left + first.w - 1 });
      else values = this.toArr(v);
    }
    // The same function over the same masks and values gives the same result: a results sheet repeats each
    // COUNTIFS in numerator and denominator, and in trace mode the masks of "○", "△" and "×" over the answer cells
    // are one shared all-symbolic mask, so a field's counts are computed once.
    let memoKey = name;
    for (const m of masks) memoKey += "," + this.idOf(m);
    memoKey += "|" + (values ? this.idOf(values) : "-");
    const memo = this.criteriaMemo.get(memoKey);
    if (memo !== undefined) return memo;
    const out = this.criteriaOver(name, ranges, masks, values);
    if (this.criteriaMemo.size < 4096) this.criteriaMemo.set(memoKey, out);
    return out;
  }

  /** A small number naming an array or mask within this evaluator (for memo keys). */
  private idOf(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) {
      id = ++this.lastId;
      this.ids.set(o, id);
    }
    return id;
  }

  private criteriaOver(name: string, ranges: Arr[], masks: Int8Array[], values: Arr | null): Scalar {
    const first = ranges[0];
    const n = first.data.length;
    this.tick(n * masks.length);
    let count = 0;
    let sum = 0;
    let dep: Set<number> | null = null;
    const addDep = (x: Scalar) => {
      if (!(x instanceof Sym)) return;
      dep = dep ?? new Set();
      if (x.rows instanceof OneRow) dep.add(x.rows.row);
      else for (const r of x.rows) dep.add(r);
    };
    for (let i = 0; i < n; i++) {
      let rejected = false;
      let symbolic = false;
      for (let k = 0; k < masks.length; k++) {
        const m = i < masks[k].length ? masks[k][i] : 0;
        if (m === 0) {
          rejected = true;
          break;
        }
        if (m === 2) symbolic = true;
      }
      if (rejected) continue;
      const v = values ? (values.data[i] ?? null) : null;
      if (symbolic || v instanceof Sym) {
        for (let k = 0; k < masks.length; k++) if (masks[k][i] === 2) addDep(ranges[k].data[i]);
        addDep(v);
        continue;
      }
      if (values) {
        if (typeof v === "number") {
          sum += v;
          count++;
        }
      } else count++;
    }
    if (dep) return new Sym(dep);
    if (name.startsWith("COUNT")) return count;
    if (name.startsWith("SUM")) return sum;
    return count ? sum / count : DIV0;
  }

  /** Per cell of `range`: 0 rejected by the criterion, 1 matched, 2 depends on answers. Memoised per (range, criterion). */
  private mask(range: Arr, criterion: Scalar): Int8Array | XlError {
    const ck = typeof criterion + ":" + String(criterion);
    let perRange = this.masks.get(range);
    const hit = perRange?.get(ck);
    if (hit) return hit;
    const crit = makeCriterion(criterion);
    if (crit instanceof XlError) return crit;
    if (crit instanceof Sym) return VALUE;
    const n = range.data.length;
    this.tick(n);
    let m: Int8Array = new Int8Array(n);
    let allSym = n > 0;
    const plain = plainTextCriterion(criterion);
    if (plain !== null) {
      // 「= text」 without wildcards (the usual field code or answer symbol): the range's positions by text, found once
      // per range, give the mask without testing every cell again for every code.
      const ix = this.textIndex(range);
      for (const i of ix.get(plain) ?? []) m[i] = 1;
      const syms = ix.get(SYM_KEY) ?? [];
      for (const i of syms) m[i] = 2;
      allSym = n > 0 && syms.length === n;
    } else {
      for (let i = 0; i < n; i++) {
        const t = crit.test(range.data[i]);
        m[i] = t instanceof Sym ? 2 : t ? 1 : 0;
        if (m[i] !== 2) allSym = false;
      }
    }
    if (allSym) {
      const shared = this.symMasks.get(range);
      if (shared) m = shared;
      else this.symMasks.set(range, m);
    }
    if (!perRange) {
      perRange = new Map();
      this.masks.set(range, perRange);
    }
    perRange.set(ck, m);
    return m;
  }

  /**
   * Per range: the positions of each text (lower-cased; a blank cell as "") and, under SYM_KEY, of the answer
   * symbols. Numbers, booleans and errors are left out (an 「= text」 criterion never matches them).
   */
  private textIndex(range: Arr): Map<string | symbol, number[]> {
    let ix = this.textIndexes.get(range);
    if (ix) return ix;
    ix = new Map();
    const data = range.data;
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      const k = v === null ? "" : typeof v === "string" ? lc(v) : v instanceof Sym ? SYM_KEY : null;
      if (k === null) continue;
      const list = ix.get(k);
      if (list) list.push(i);
      else ix.set(k, [i]);
    }
    this.textIndexes.set(range, ix);
    return ix;
  }

  private sumproduct(args: Node[], sheet: string): Scalar {
    if (!args.length) return VALUE;
    const arrs = args.map((a) => this.toArr(this.eval(a, sheet)));
    const n = arrs[0].data.length;
    if (arrs.some((a) => a.data.length !== n)) return VALUE;
    this.tick(n * arrs.length);
    let total = 0;
    let dep: Set<number> | null = null;
    for (let i = 0; i < n; i++) {
      let prod: Scalar = 1;
      for (const a of arrs) {
        const x = a.data[i];
        // SUMPRODUCT counts text, booleans and blanks in its arrays as 0 (hence the usual (cond)*(cond) inside it).
        prod = arith(prod, typeof x === "number" || x instanceof Sym || x instanceof XlError ? x : 0, "*");
      }
      if (prod instanceof Sym) {
        dep = dep ?? new Set();
        for (const r of prod.rows) dep.add(r);
      } else if (prod instanceof XlError) return prod;
      else total += prod as number;
    }
    return dep ? new Sym(dep) : total;
  }
}
