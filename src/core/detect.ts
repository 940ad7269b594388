/**
 * Finding the checklist table in a workbook given as value grids.
 *
 * Nothing depends on sheet names or order, row/column offsets or a fixed column order:
 * 1. Header rows: a row holding a 「内容」 header and an answer header (「チェック欄」「回答」「評価」「チェック」, matched
 *    after folding width, case, spaces and line breaks). Each (内容, answer) pair on such a row is a candidate.
 *    Only when a row has no 「内容」, a text header such as 「項目」「確認項目」 stands in (ranked below 「内容」).
 *    Two-level headers are read: a row with only one kind of header borrows the other from up to two rows above.
 * 2. Text column: among the columns of the 「内容」 header's zone (its merge, plus the empty header cells to its
 *    right up to the next header), the visible column with the most texts that have an item number beside them.
 * 3. Number column: the visible column near the text column with the most item numbers on rows that have item text
 *    (no header needed; a 「No.」「番号」「項目」 header only breaks ties). When no such column exists the number may
 *    lead the item text (「1. 方針を…」).
 * 4. Rows below the header are items (number + text), section rows (roman numeral or digit + title, no answer; the
 *    label may stand in the number/text columns or be outdented up to LABEL_OUTDENT columns to their left) or
 *    other; the table ends after more than MAX_GAP rows that are neither (blank rows inside are allowed), or where
 *    numbering starts again after a gap without a section row (another table below).
 * 5. The best candidate wins: visible sheet, then visible text/answer columns, then a 「内容」 header over a
 *    fallback one, then most item rows. A header repeated inside a table already read is not a new candidate.
 */
import type {
  CellRange,
  CellValue,
  ChecklistLocation,
  DetectionError,
  DetectionResult,
  ItemRow,
  MatrixColumn,
  Section,
  SheetInput,
  SparseRow,
  WorkbookInput,
} from "./model";
import { rangeToA1 } from "./a1";
import { canonicalAnswer } from "./answers";
import { both, t } from "./i18n";
import { labelSheets, readableSheet } from "./sheet-list";
import { cellText, fold, isBlank, nfkcSpaced } from "./text";

/** How many consecutive rows that are neither item nor section the table may contain before it is considered ended. */
const MAX_GAP = 6;
/** How far (in columns) from the text column the number column may be. */
const NUMBER_COL_REACH = 4;
/** Header cells longer than this are not headers (keeps the header scan cheap on long item texts). */
const MAX_HEADER_LEN = 16;
/** Header cells with a note in brackets (「チェック欄（○・△・×・－を選択）」) may be this long. */
const MAX_NOTED_HEADER_LEN = 40;
/** A trailing note in parentheses, after folding (NFKC turns （） into ASCII parentheses). */
const TRAILING_NOTE_RE = /\([^()]*\)$/;
/** A header cell must contain one of these characters (cheap test before folding). */
const HEADER_CHAR_RE = /[内容チﾁ回答評価分野番項質設確NnＮｎ#＃]/;
/** Text headers accepted only when a row has no 「内容」 header (a table headed 「項目 | チェック欄」). */
const FALLBACK_TEXT_HEADERS = new Set(["項目", "確認項目", "チェック項目", "質問", "設問", "質問項目", "設問内容", "項目名"]);
/** How many columns left of the table a section label may stand (outdented into a margin column). */
const LABEL_OUTDENT = 2;
/** Section titles longer than this are treated as text, not as section rows. */
const MAX_SECTION_TITLE = 60;
const MAX_CANDIDATES_PER_SHEET = 24;
const TITLE_LETTER_RE = /[^\s0-9.\-_:()]/;

const ANSWER_KEYS = ["チェック欄", "チェック", "回答欄", "回答", "評価欄", "評価"];
const NUMBER_HEADERS = new Set(["no", "no.", "番号", "項番", "項目番号", "#", "項目no", "項目no."]);
const COMPANY_LABELS = ["会社名", "企業名", "事業者名", "組織名", "貴社名"];

/**
 * First non-space character of an item number: digit, bracket, roman numeral (ASCII, full-width or Ⅰ-Ⅻ), or an
 * enclosed number (①-⑳ ⑴-⒇ ⒈-⒛ ㉑-㊿, which NFKC turns into digits).
 */
const NUMBER_START_RE = /^[\s\u3000]*[0-9０-９(（IVXＩＶＸ\u2160-\u217F\u2460-\u249B\u3251-\u325F\u32B1-\u32BFNnＮｎQqＱｑ問]/;
/** Dashes NFKC leaves alone, read as 「-」 between a prefix and a number (「1‐2」「Ⅰー3」). */
const NUMBER_DASH_RE = /[\u2010-\u2015\u2212\u30FC\uFF70]/g;
const ITEM_NUMBER_RE = /^(?:no\.?|q|問)?[(]?([0-9]{1,5})[).]?$/i;
const PREFIXED_NUMBER_RE = /^([IVX]{1,6}|[0-9]{1,2})[-.]([0-9]{1,5})$/;
const LEADING_NUMBER_RE = /^[(]?([0-9]{1,5})[).、]\s*(\S.*)$|^([0-9]{1,5})\s+(\S.*)$/;
/** 「1-2 方針を…」「Ⅰ-3. 方針を…」 (after NFKC and dash folding). */
const LEADING_PREFIXED_RE = /^([IVX]{1,6}|[0-9]{1,2})-([0-9]{1,5})(?:[.)]\s*|\s+)(\S.*)$/i;
/** 「No.4 方針を…」「Q5. 方針を…」「問6 方針を…」. */
const LEADING_LABELLED_RE = /^(?:no\.?|q|問)\s*([0-9]{1,5})(?:[.)]\s*|\s+)(\S.*)$/i;
/** Enclosed numbers ①-⑳ ⑴-⒇ ⒈-⒛ ㉑-㊿. */
const ENCLOSED_NUMBER_RE = /^[\u2460-\u249B\u3251-\u325F\u32B1-\u32BF]$/;
/**
 * Section label: optional 第, a roman numeral or 1-2 digits, a separator, the title. A roman numeral may touch a
 * Japanese title (「Ⅱ人に関する項目」); digits need a separator, so a note such as 「1日1回…」 is not a section.
 */
const SECTION_RE = /^(?:第\s*)?(?:([IVX]{1,6})(?:\s*[.、:)章]\s*|\s+|(?=[^\x00-\x7F]))|([0-9]{1,2})(?:\s*[.、:)章]\s*|\s+))(.+)$/i;

// ---------------------------------------------------------------------------------------------------------------
// Sheet access

/** Hidden columns: single indexes plus inclusive ranges (merged, searched by bisection). */
export class HiddenColumns {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  constructor(single: readonly number[] | undefined, ranges: readonly { first: number; last: number }[] | undefined) {
    const all: [number, number][] = [];
    for (const c of Array.isArray(single) ? single : []) if (Number.isInteger(c)) all.push([c, c]);
    for (const r of Array.isArray(ranges) ? ranges : []) if (r && r.last >= r.first) all.push([r.first, r.last]);
    all.sort((a, b) => a[0] - b[0]);
    for (const [a, b] of all) {
      const n = this.ends.length;
      if (n > 0 && a <= this.ends[n - 1] + 1) this.ends[n - 1] = Math.max(this.ends[n - 1], b);
      else {
        this.starts.push(a);
        this.ends.push(b);
      }
    }
  }
  has(col: number): boolean {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (col < this.starts[mid]) hi = mid - 1;
      else if (col > this.ends[mid]) lo = mid + 1;
      else return true;
    }
    return false;
  }
}

/** Index of `col` in the ascending `cols`, or -1. */
function bisect(cols: readonly number[], col: number): number {
  let lo = 0;
  let hi = cols.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cols[mid];
    if (c === col) return mid;
    if (c < col) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Marks a SheetView whose sparse rows are in strictly ascending order (found by bisection). */
const ASCENDING = Symbol("ascending");

/**
 * A read-only view of one sheet in absolute coordinates, over either a dense grid (`values`) or sparse rows
 * (`cells`, the file gateway's form): both give the same answers.
 */
export class SheetView {
  readonly name: string;
  readonly input: SheetInput;
  readonly r0: number;
  readonly c0: number;
  /** Absolute row after the last row. */
  readonly rowEnd: number;
  /** Absolute column after the last column of the widest row. */
  readonly colEnd: number;
  readonly hiddenCols: { has(col: number): boolean };
  readonly merges: readonly CellRange[];
  /** Sparse rows by absolute row (sparse input only). */
  private readonly sparse: Map<number, SparseRow> | typeof ASCENDING | null;
  /** Index in sparseRows of the last row found (reads go mostly row after row). */
  private cursor = 0;
  private readonly sparseRows: readonly SparseRow[];

  constructor(sheet: SheetInput) {
    this.name = sheet.name;
    this.input = sheet;
    const cells = Array.isArray(sheet.cells) ? sheet.cells : null;
    if (cells) {
      this.r0 = 0;
      this.c0 = 0;
      let rowEnd = 0;
      let colEnd = 0;
      let ascending = true;
      let prev = -Infinity;
      for (const r of cells) {
        if (!r || !Array.isArray(r.cols)) {
          ascending = false;
          continue;
        }
        if (!(r.row > prev)) ascending = false;
        prev = r.row;
        if (r.cols.length === 0) continue;
        if (r.row + 1 > rowEnd) rowEnd = r.row + 1;
        const last = r.cols[r.cols.length - 1];
        if (last + 1 > colEnd) colEnd = last + 1;
      }
      // Rows in strictly ascending order (the file gateway's form) are found by bisection; anything else through a map
      // (a duplicate row: the last one with cells holds).
      let map: Map<number, SparseRow> | null = null;
      if (!ascending) {
        map = new Map<number, SparseRow>();
        for (const r of cells) if (r && Array.isArray(r.cols) && r.cols.length > 0) map.set(r.row, r);
      }
      this.sparse = map ?? ASCENDING;
      this.sparseRows = cells;
      this.rowEnd = rowEnd;
      this.colEnd = colEnd;
    } else {
      this.r0 = sheet.originRow ?? 0;
      this.c0 = sheet.originCol ?? 0;
      const values = Array.isArray(sheet.values) ? sheet.values : [];
      let width = 0;
      for (let i = 0; i < values.length; i++) {
        const row = values[i];
        if (Array.isArray(row) && row.length > width) width = row.length;
      }
      this.sparse = null;
      this.sparseRows = [];
      this.rowEnd = this.r0 + values.length;
      this.colEnd = this.c0 + width;
    }
    this.hiddenCols = new HiddenColumns(sheet.hiddenColumns, sheet.hiddenColumnRanges);
    this.merges = Array.isArray(sheet.merges) ? sheet.merges : [];
  }

  /** The sparse row at absolute `row` (sparse input only). */
  private sparseRow(row: number): SparseRow | undefined {
    const s = this.sparse;
    if (s !== ASCENDING) return s ? s.get(row) : undefined;
    const rows = this.sparseRows;
    const n = rows.length;
    let k = this.cursor;
    if (k < n && rows[k].row === row) return rows[k];
    if (k + 1 < n && rows[k + 1].row === row) {
      this.cursor = k + 1;
      return rows[k + 1];
    }
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      k = (lo + hi) >> 1;
      const r = rows[k].row;
      if (r === row) {
        this.cursor = k;
        return rows[k];
      }
      if (r < row) lo = k + 1;
      else hi = k - 1;
    }
    return undefined;
  }

  get(row: number, col: number): CellValue {
    if (this.sparse) {
      const r = this.sparseRow(row);
      if (!r) return null;
      const i = bisect(r.cols, col);
      return i < 0 ? null : (r.vals[i] ?? null);
    }
    const r = this.input.values[row - this.r0];
    if (!Array.isArray(r)) return null;
    const v = r[col - this.c0];
    return v === undefined ? null : v;
  }

  /** Calls `fn` for every row that may hold cells, in ascending order, with its absolute row number. */
  forEachRow(fn: (row: number) => void): void {
    if (this.sparse) {
      let prev = -1;
      for (const r of this.sparseRows) {
        if (!r || r.row <= prev) continue; // rows are ascending; a stray duplicate is read once
        prev = r.row;
        fn(r.row);
      }
      return;
    }
    const values = this.input.values;
    for (let i = 0; i < values.length; i++) if (Array.isArray(values[i])) fn(this.r0 + i);
  }

  /** Calls `fn` for every cell stored on `row` (absolute), left to right; blank cells may be included. */
  forEachInRow(row: number, fn: (col: number, value: CellValue) => void): void {
    if (this.sparse) {
      const r = this.sparseRow(row);
      if (!r) return;
      for (let i = 0; i < r.cols.length; i++) fn(r.cols[i], r.vals[i] ?? null);
      return;
    }
    const r = this.input.values[row - this.r0];
    if (!Array.isArray(r)) return;
    for (let j = 0; j < r.length; j++) fn(this.c0 + j, r[j] === undefined ? null : r[j]);
  }

  /** The first non-null result of `fn` over the stored cells, row by row, left to right. */
  scan<T>(fn: (row: number, col: number, value: CellValue) => T | null): T | null {
    if (this.sparse) {
      let prev = -1;
      for (const r of this.sparseRows) {
        if (!r || r.row <= prev) continue;
        prev = r.row;
        for (let i = 0; i < r.cols.length; i++) {
          const out = fn(r.row, r.cols[i], r.vals[i] ?? null);
          if (out !== null) return out;
        }
      }
      return null;
    }
    const values = this.input.values;
    for (let i = 0; i < values.length; i++) {
      const row = values[i];
      if (!Array.isArray(row)) continue;
      for (let j = 0; j < row.length; j++) {
        const out = fn(this.r0 + i, this.c0 + j, row[j] === undefined ? null : row[j]);
        if (out !== null) return out;
      }
    }
    return null;
  }

  mergeAt(row: number, col: number): CellRange | null {
    const ms = this.merges;
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i];
      if (m && row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) return m;
    }
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cell classifiers

function isTextHeader(folded: string): boolean {
  const f = headerCore(folded);
  return f.length <= 12 && f.includes("内容");
}

/** A folded header without a trailing note in brackets: 「チェック欄(○・△・×・-を選択)」 -> 「チェック欄」. */
function headerCore(f: string): string {
  return f.length > 2 ? f.replace(TRAILING_NOTE_RE, "") : f;
}

function isAnswerHeader(folded: string): boolean {
  const f = headerCore(folded);
  if (f.length > 16 || f.includes("内容") || f.includes("項目")) return false;
  for (const k of ANSWER_KEYS) if (f.startsWith(k) || f.endsWith(k)) return true;
  return false;
}

/** A legend of answer symbols in the answer column of a section row: 「○△×-」「○・△・×・－」「○/△/×」. */
function isAnswerLegend(s: string): boolean {
  const symbols = fold(s).replace(/[・/,、|]/g, "");
  if (symbols.length < 2) return false;
  for (const ch of symbols) if (canonicalAnswer(ch) === null) return false;
  return true;
}

function isNumberHeader(f: string): boolean {
  return NUMBER_HEADERS.has(f) || f === "項目";
}

function isFieldHeader(f: string): boolean {
  return f.length <= 10 && f.includes("分野");
}

/** The answer header text that matched, for messages. */
function answerKeyOf(folded: string): string {
  const f = headerCore(folded);
  for (const k of ANSWER_KEYS) if (f.startsWith(k) || f.endsWith(k)) return k;
  return f;
}

export interface ParsedNumber {
  /** Digits as ASCII, leading zeros removed. */
  number: string;
  /** Section prefix of "I-1" forms, else "". */
  prefix: string;
}

/** "1", 1, "1.", "(1)", "１", "I-1", "1)" -> number; anything else -> null. */
export function parseItemNumber(v: CellValue): ParsedNumber | null {
  if (typeof v === "number") {
    if (Number.isInteger(v) && v > 0 && v < 100000) return { number: String(v), prefix: "" };
    return null;
  }
  if (typeof v !== "string" || v.length === 0 || v.length > 12) return null;
  if (!NUMBER_START_RE.test(v)) return null;
  const s = v.normalize("NFKC").replace(/\s+/g, "").replace(NUMBER_DASH_RE, "-");
  let m = ITEM_NUMBER_RE.exec(s);
  if (m) {
    const n = Number(m[1]);
    return n > 0 ? { number: String(n), prefix: "" } : null;
  }
  m = PREFIXED_NUMBER_RE.exec(s);
  if (m) {
    const n = Number(m[2]);
    return n > 0 ? { number: String(n), prefix: m[1].toUpperCase() } : null;
  }
  return null;
}

/** A usable item text: a string with at least two non-space characters that is not itself a number. */
function itemText(v: CellValue): string | null {
  if (typeof v !== "string") return null;
  const s = v.trim();
  if (s.length < 2) return null;
  if (s.length <= 12 && parseItemNumber(s)) return null;
  return s;
}

/** Leading number inside an item text, for tables without a number column. */
function splitLeadingNumber(text: string): { number: string; prefix: string; text: string } | null {
  if (!NUMBER_START_RE.test(text)) return null;
  const t = text.trimStart();
  // An enclosed number (①方針を…) needs no separator.
  if (ENCLOSED_NUMBER_RE.test(t[0])) {
    const n = Number(t[0].normalize("NFKC").replace(/[^0-9]/g, ""));
    const rest = t.slice(1).trim();
    return n > 0 && rest.length >= 2 ? { number: String(n), prefix: "", text: rest } : null;
  }
  const s = t.normalize("NFKC").replace(NUMBER_DASH_RE, "-");
  const p = LEADING_PREFIXED_RE.exec(s);
  if (p) {
    const n = Number(p[2]);
    const rest = p[3].trim();
    return n > 0 && rest.length >= 2 ? { number: String(n), prefix: p[1].toUpperCase(), text: rest } : null;
  }
  let digits: string;
  let rest: string;
  const l = LEADING_LABELLED_RE.exec(s);
  if (l) {
    digits = l[1];
    rest = l[2].trim();
  } else {
    const m = LEADING_NUMBER_RE.exec(s);
    if (!m) return null;
    digits = m[1] ?? m[3];
    rest = (m[2] ?? m[4] ?? "").trim();
  }
  const n = Number(digits);
  if (!(n > 0) || rest.length < 2) return null;
  return { number: String(n), prefix: "", text: rest };
}

/** Section label "Ⅰ 共通項目" -> key "I", title 「共通項目」. */
export function parseSection(label: string): { key: string; title: string } | null {
  const s = nfkcSpaced(label);
  if (s.length < 2) return null;
  const m = SECTION_RE.exec(s);
  if (!m) return null;
  const title = m[3].trim();
  if (title.length === 0 || title.length > MAX_SECTION_TITLE) return null;
  // A title must have some letters: "1 2" or "I -" are not sections.
  if (!TITLE_LETTER_RE.test(title)) return null;
  const key = m[1] !== undefined ? m[1].toUpperCase() : String(Number(m[2]));
  return { key, title };
}

// ---------------------------------------------------------------------------------------------------------------
// Header scan

interface HeaderRow {
  row: number;
  /** False when the text header is a fallback such as 「項目」 (no 「内容」 on the row). */
  primary: boolean;
  textCols: number[];
  answerCols: { col: number; key: string }[];
  numberCols: number[];
  fieldCols: number[];
  /** Every non-empty header cell column (for zones). */
  filled: number[];
}

interface RowHeaders {
  text: number[];
  fallback: number[];
  answer: { col: number; key: string }[];
}

/**
 * What kind of header a cell could be, from its text alone: 「内容」 (text), an answer header, a fallback text header,
 * or none. The one test of a header cell (rowHeaders; `mayBeLabel` asks it too, to tell which sheets need reading).
 */
function headerKind(cell: string): { kind: "text" | "answer" | "fallback"; folded: string } | null {
  if (cell.length < 2 || cell.length > MAX_NOTED_HEADER_LEN || !HEADER_CHAR_RE.test(cell)) return null;
  if (cell.length > MAX_HEADER_LEN) {
    // Only a short header followed by a note in brackets (checked cheaply: item texts are long before any bracket).
    let end = cell.charCodeAt(cell.length - 1);
    if (end <= 0x20 || end === 0x3000) end = cell.trimEnd().charCodeAt(cell.trimEnd().length - 1);
    if (end !== 0x29 && end !== 0xff09) return null; // ) or ）
    const open = Math.max(cell.lastIndexOf("(", MAX_HEADER_LEN), cell.lastIndexOf("（", MAX_HEADER_LEN));
    if (open < 0) return null;
  }
  const f = fold(cell);
  if (isTextHeader(f)) return { kind: "text", folded: f };
  if (isAnswerHeader(f)) return { kind: "answer", folded: f };
  if (FALLBACK_TEXT_HEADERS.has(f)) return { kind: "fallback", folded: f };
  return null;
}

/** Could this text be a header detection looks for (「内容」, an answer header, a fallback text header)? */
export function mayBeHeader(cell: string): boolean {
  return headerKind(cell) !== null;
}

/** Header cells of one row (null when it holds none). */
function rowHeaders(v: SheetView, row: number): RowHeaders | null {
  let h: RowHeaders | null = null;
  v.forEachInRow(row, (col, cell) => {
    if (typeof cell !== "string") return;
    const k = headerKind(cell);
    if (!k) return;
    h ??= { text: [], fallback: [], answer: [] };
    if (k.kind === "text") h.text.push(col);
    else if (k.kind === "answer") h.answer.push({ col, key: answerKeyOf(k.folded) });
    else h.fallback.push(col);
  });
  return h;
}

/**
 * Header rows. A two-level header may put 「チェック欄」 (merged down) one or two rows above 「内容」, or the other way
 * round: a row holding only one kind of header borrows the other kind from up to two rows above, and the lowest
 * row becomes the header row (items start below it).
 */
function scanHeaders(v: SheetView): HeaderRow[] {
  const out: HeaderRow[] = [];
  const found = new Map<number, RowHeaders>();
  v.forEachRow((i) => {
    const own = rowHeaders(v, i);
    if (!own) return;
    found.set(i, own);
    let text = own.text;
    let fallback = own.fallback;
    let answer = own.answer;
    const used = [i];
    for (let k = i - 1; k >= Math.max(v.r0, i - 2) && (text.length + fallback.length === 0 || answer.length === 0); k--) {
      const above = found.get(k);
      if (!above) continue;
      if (text.length + fallback.length === 0 && above.text.length + above.fallback.length > 0) {
        text = above.text;
        fallback = above.fallback;
        used.push(k);
      } else if (answer.length === 0 && above.answer.length > 0) {
        answer = above.answer;
        used.push(k);
      }
    }
    const primary = text.length > 0;
    const textCols = primary ? text : fallback;
    if (textCols.length === 0 || answer.length === 0) return;
    const numberCols: number[] = [];
    const fieldCols: number[] = [];
    const filled = new Set<number>();
    for (const k of used) {
      v.forEachInRow(k, (col, cell) => {
        if (isBlank(cell)) return;
        filled.add(col);
        if (typeof cell !== "string" || cell.length > MAX_HEADER_LEN) return;
        const f = fold(cell);
        if (isNumberHeader(f) && !textCols.includes(col)) numberCols.push(col);
        else if (isFieldHeader(f)) fieldCols.push(col);
      });
    }
    out.push({ row: i, primary, textCols, answerCols: answer, numberCols, fieldCols, filled: [...filled] });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Table reading (shared by detection and the manual override)

interface TableSpec {
  headerRow: number;
  /** First and last row to read (inclusive). */
  firstRow: number;
  lastRow: number;
  numberCol: number;
  textCol: number;
  answerCol: number;
  fieldCol: number | null;
  /** Leftmost column where a section label may start (merged labels start left of the number column). */
  labelLeft: number;
  /** Stop at the first gap longer than MAX_GAP (detection) or read every row (manual). */
  stopAtGap: boolean;
}

interface TableRead {
  sections: Section[];
  rows: ItemRow[];
}

function readTable(v: SheetView, spec: TableSpec): TableRead {
  const sections: Section[] = [];
  const rows: ItemRow[] = [];
  const seen = new Map<string, number>();
  const embedded = spec.numberCol === spec.textCol;
  const labelLeft = Math.min(spec.labelLeft, spec.numberCol, spec.textCol);
  const labelRight = Math.max(spec.numberCol, spec.textCol);
  let sectionKey = "";
  let gap = 0;
  /** Number of the previous item, and whether a section row came since (numbering may restart only there). */
  let prevNumber = 0;
  let prevPrefix = "";
  let sectionSince = false;
  const last = Math.min(spec.lastRow, v.rowEnd - 1);
  for (let r = spec.firstRow; r <= last; r++) {
    // Item?
    let num: ParsedNumber | null = null;
    let text: string | null = null;
    if (embedded) {
      const t0 = itemText(v.get(r, spec.textCol));
      const split = t0 ? splitLeadingNumber(t0) : null;
      if (split) {
        num = { number: split.number, prefix: split.prefix };
        text = t0;
      }
    } else {
      num = parseItemNumber(v.get(r, spec.numberCol));
      if (num) text = itemText(v.get(r, spec.textCol));
    }
    if (num && text !== null) {
      // After a gap, numbering that starts again without a section row is another table (e.g. a score table
      // 「1 | 分野名 | 80%」 under the checklist): the checklist ended before it.
      const value = Number(num.number);
      if (spec.stopAtGap && rows.length > 0 && gap > 0 && !sectionSince && num.prefix === prevPrefix && value <= prevNumber) break;
      prevNumber = value;
      prevPrefix = num.prefix;
      sectionSince = false;
      gap = 0;
      const key = num.prefix || sectionKey;
      const base = `${key || "S"}-${num.number}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const fieldRaw = spec.fieldCol === null ? null : v.get(r, spec.fieldCol);
      rows.push({
        id: n === 1 ? base : `${base}#${n}`,
        sectionKey: key,
        number: num.prefix ? `${num.prefix}-${num.number}` : num.number,
        text,
        row: r,
        raw: v.get(r, spec.answerCol),
        fieldText: spec.fieldCol === null || isBlank(fieldRaw) ? null : cellText(fieldRaw).trim(),
      });
      continue;
    }
    // Section? (no answer in the answer cell; a repeated answer header such as 「チェック欄」 or a legend such as
    // 「○△×-」 is not an answer)
    const answerCell = v.get(r, spec.answerCol);
    if (
      isBlank(answerCell) ||
      (typeof answerCell === "string" && answerCell.length <= MAX_HEADER_LEN && (isAnswerHeader(fold(answerCell)) || isAnswerLegend(answerCell)))
    ) {
      let label = "";
      for (let c = labelLeft; c <= labelRight; c++) {
        const cell = v.get(r, c);
        if (isBlank(cell) || typeof cell === "boolean") continue;
        const s = cellText(cell).trim();
        label = label ? `${label} ${s}` : s;
      }
      let sec = label && label.length <= MAX_SECTION_TITLE + 8 ? parseSection(label) : null;
      if (!sec) {
        // A section label outdented left of the table (a margin column): the nearest filled cell to the left.
        for (let c = labelLeft - 1; c >= Math.max(v.c0, labelLeft - LABEL_OUTDENT); c--) {
          const cell = v.get(r, c);
          if (isBlank(cell)) continue;
          if (typeof cell === "string") {
            const joined = label ? `${cell.trim()} ${label}` : cell.trim();
            sec = joined.length <= MAX_SECTION_TITLE + 8 ? parseSection(joined) : null;
            if (sec) label = joined;
          }
          break;
        }
      }
      if (sec) {
        gap = 0;
        sectionSince = true;
        sectionKey = sec.key;
        sections.push({ key: sec.key, title: sec.title, label, row: r });
        continue;
      }
    }
    gap++;
    if (spec.stopAtGap && gap > MAX_GAP && (rows.length > 0 || r - spec.firstRow > MAX_GAP * 2)) break;
  }
  // Sections after the last item belong to something else.
  const lastItemRow = rows.length ? rows[rows.length - 1].row : -1;
  return { sections: sections.filter((s) => s.row < lastItemRow), rows };
}

/**
 * Text column among `cols`: most rows whose text has an item number beside it (within reach, or leading the text);
 * then most text cells; ties -> earliest in `cols`. Counting numbered rows keeps a column of section labels
 * (「Ⅰ 共通項目」 in the number column) from winning over the item texts.
 */
function pickTextCol(
  v: SheetView,
  cols: number[],
  first: number,
  last: number,
  exclude: number[],
): { col: number; count: number } | null {
  let best: { col: number; count: number; texts: number } | null = null;
  for (const c of cols) {
    let count = 0;
    let texts = 0;
    const lo = Math.max(v.c0, c - NUMBER_COL_REACH);
    const hi = Math.min(v.colEnd - 1, c + NUMBER_COL_REACH);
    for (let r = first; r <= last; r++) {
      const cell = v.get(r, c);
      if (typeof cell !== "string" || cell.length < 4) continue;
      const tx = itemText(cell);
      if (tx === null) continue;
      texts++;
      let numbered = false;
      for (let k = lo; k <= hi && !numbered; k++) {
        if (k !== c && !exclude.includes(k) && parseItemNumber(v.get(r, k))) numbered = true;
      }
      if (!numbered) numbered = splitLeadingNumber(tx) !== null;
      if (numbered) count++;
    }
    if (texts > 0 && (!best || count > best.count || (count === best.count && texts > best.texts))) best = { col: c, count, texts };
  }
  return best;
}

/** Number column near the text column: most item numbers on rows with item text. */
function pickNumberCol(
  v: SheetView,
  textCol: number,
  exclude: number[],
  named: number[],
  first: number,
  last: number,
): number {
  let best = -1;
  let bestScore = 0;
  const lo = Math.max(v.c0, textCol - NUMBER_COL_REACH);
  const hi = Math.min(v.colEnd - 1, textCol + NUMBER_COL_REACH);
  const textRows: number[] = [];
  for (let r = first; r <= last; r++) if (itemText(v.get(r, textCol)) !== null) textRows.push(r);
  for (let c = lo; c <= hi; c++) {
    if (c === textCol || exclude.includes(c)) continue;
    let count = 0;
    for (let i = 0; i < textRows.length; i++) if (parseItemNumber(v.get(textRows[i], c))) count++;
    if (count === 0) continue;
    // Score: count first; then visible, a number header, left of the text, nearness.
    const score =
      count * 64 +
      (v.hiddenCols.has(c) ? 0 : 32) +
      (named.includes(c) ? 16 : 0) +
      (c < textCol ? 8 : 0) +
      (NUMBER_COL_REACH + 1 - Math.abs(c - textCol));
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  if (best >= 0) return best;
  // Numbers leading the item text.
  let leading = 0;
  for (let i = 0; i < textRows.length; i++) {
    const tx = itemText(v.get(textRows[i], textCol));
    if (tx && splitLeadingNumber(tx)) leading++;
  }
  return leading > 0 ? textCol : -1;
}

// ---------------------------------------------------------------------------------------------------------------
// Detection

interface Candidate {
  location: ChecklistLocation;
  visibleSheet: boolean;
  visibleCols: boolean;
  primary: boolean;
  items: number;
  /** Item rows whose answer cell is blank or holds an answer (tie-break between answer columns). */
  answerLike: number;
}

/** Visible sheet first, then visible text/answer columns, then a 「内容」 header over a fallback one, then items. */
function better(a: Candidate, b: Candidate | null): boolean {
  if (!b) return true;
  if (a.visibleSheet !== b.visibleSheet) return a.visibleSheet;
  if (a.visibleCols !== b.visibleCols) return a.visibleCols;
  if (a.primary !== b.primary) return a.primary;
  if (a.items !== b.items) return a.items > b.items;
  return a.answerLike > b.answerLike;
}

function countAnswerLike(rows: readonly ItemRow[]): number {
  let n = 0;
  for (const r of rows) if (isBlank(r.raw) || (typeof r.raw === "string" && canonicalAnswer(r.raw.trim()) !== null)) n++;
  return n;
}

function zoneOf(v: SheetView, h: HeaderRow, tc: number, ac: number): number[] {
  const m = v.mergeAt(h.row, tc);
  const left = m ? Math.max(m.left, v.c0) : tc;
  let right = m ? m.right : tc;
  // Extend over empty header cells to the right, up to the next filled header cell.
  let next = v.colEnd;
  for (const c of h.filled) if (c > right && c < next) next = c;
  right = Math.max(right, Math.min(next - 1, right + 4));
  const cols: number[] = [];
  for (let c = left; c <= right && c < v.colEnd; c++) if (c !== ac) cols.push(c);
  return cols;
}

function answerColOf(v: SheetView, h: HeaderRow, ac: number): number {
  const m = v.mergeAt(h.row, ac);
  if (!m || m.left === m.right) return ac;
  // A merged answer header: the visible column with the most values below.
  let best = ac;
  let bestCount = -1;
  const last = Math.min(v.rowEnd - 1, h.row + 2000);
  for (let c = Math.max(m.left, v.c0); c <= m.right; c++) {
    if (v.hiddenCols.has(c)) continue;
    let count = 0;
    for (let r = h.row + 1; r <= last; r++) if (!isBlank(v.get(r, c))) count++;
    if (count > bestCount) {
      bestCount = count;
      best = c;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Field structure: a 分野 column, or a field matrix (one mark column per field)

/** Marks that put an item in a matrix column's field. 「○」 counts too: the answer column is never a matrix column. */
const MATRIX_MARKS = new Set(["●", "○", "◯", "◎", "■", "✓", "✔", "〇", "レ", "1", "☑", "✅", "◆", "★", "*", "v", "x"]);

/** Is a cell a field mark (● ○ ◯ ◎ ■ ✓ ✔ 〇 レ 1 TRUE …)? */
export function isMatrixMark(v: CellValue): boolean {
  if (v === true || v === 1) return true;
  if (typeof v !== "string" || v.length > 3) return false;
  const s = v.trim();
  return s.length > 0 && MATRIX_MARKS.has(s.normalize("NFKC").toLowerCase());
}

/** Header cells that are never a field name. */
const NOT_FIELD_HEADER_RE = /^(備考|メモ|コメント|補足|説明|根拠|証跡|証拠|担当|担当者|期限|状況|参考|注|no\.?|番号|点数|得点|配点|スコア|重み|小計|合計)$/;

/**
 * A 分野 column must hold names on most item rows; a results block beside the checklist (a field name on a few
 * rows, each name once, its score or formula in the next column) is not a 分野 column.
 */
function fieldColumnHolds(v: SheetView, col: number, rows: readonly ItemRow[]): boolean {
  if (rows.length === 0) return false;
  let filled = 0;
  let numericBeside = 0;
  let marks = 0;
  const names = new Set<string>();
  for (const r of rows) {
    const cell = v.get(r.row, col);
    if (isBlank(cell)) continue;
    filled++;
    if (isMatrixMark(cell)) marks++;
    names.add(fold(cellText(cell)));
    const beside = v.get(r.row, col + 1);
    if (typeof beside === "number" || (typeof beside === "string" && /^\s*-?\d+(\.\d+)?\s*%?\s*$/.test(beside))) numericBeside++;
  }
  if (filled === 0 || filled * 2 < rows.length) return false;
  // Only marks (● ✓ 1): the first column of a field matrix under a 「分野」 header, not names.
  if (marks === filled) return false;
  // Each name once with a number beside it: a table of results, not item marks.
  if (filled >= 3 && names.size === filled && numericBeside * 5 >= filled * 4) return false;
  return true;
}

/**
 * Field matrix: at least two columns outside the number, text, answer and 分野 columns whose header (the header
 * row, or up to two rows above it for a two-level header) is a short name and whose cells on the item rows are
 * only blanks and marks, at least one mark each. Columns in sheet order (the workbook's field order).
 */
function detectFieldMatrix(v: SheetView, headerRow: number, rows: readonly ItemRow[], exclude: readonly number[]): MatrixColumn[] {
  if (rows.length === 0) return [];
  const out: MatrixColumn[] = [];
  const from = v.c0;
  const to = Math.min(v.colEnd, v.c0 + 200);
  for (let c = from; c < to; c++) {
    if (exclude.includes(c)) continue;
    let name = "";
    for (let r = headerRow; r >= Math.max(v.r0, headerRow - 2) && !name; r--) {
      const cell = v.get(r, c);
      if (typeof cell !== "string") continue;
      const t0 = cell.trim();
      if (t0.length < 1 || t0.length > 30) continue;
      const f = fold(t0);
      if (isAnswerHeader(f) || isTextHeader(f) || isNumberHeader(f) || isFieldHeader(f) || NOT_FIELD_HEADER_RE.test(f)) break;
      if (/^[\d.\s%]+$/.test(t0)) break;
      name = t0.replace(/\s+/g, " ");
    }
    if (!name) continue;
    let marks = 0;
    let other = 0;
    for (const r of rows) {
      const cell = v.get(r.row, c);
      if (isBlank(cell) || cell === false || cell === 0) continue;
      if (isMatrixMark(cell)) marks++;
      else if (++other > 0) break;
    }
    if (marks > 0 && other === 0) out.push({ col: c, name });
  }
  return out.length >= 2 ? out : [];
}

function evaluateCandidate(v: SheetView, h: HeaderRow, tc: number, acHeader: number): Candidate | null {
  const ac = answerColOf(v, h, acHeader);
  const first = h.row + 1;
  const last = v.rowEnd - 1;
  if (first > last) return null;
  const zone = zoneOf(v, h, tc, ac);
  const visibleZone = zone.filter((c) => !v.hiddenCols.has(c));
  const text = pickTextCol(v, visibleZone.length ? visibleZone : zone, first, last, [ac]) ?? pickTextCol(v, zone, first, last, [ac]);
  if (!text) return null;
  let fieldCol = h.fieldCols.find((c) => c !== text.col && c !== ac) ?? null;
  const exclude = [ac];
  if (fieldCol !== null) exclude.push(fieldCol);
  const numberCol = pickNumberCol(v, text.col, exclude, h.numberCols, first, last);
  if (numberCol < 0) return null;
  const mergeLeft = v.mergeAt(h.row, tc)?.left ?? tc;
  const read = readTable(v, {
    headerRow: h.row,
    firstRow: first,
    lastRow: last,
    numberCol,
    textCol: text.col,
    answerCol: ac,
    fieldCol,
    labelLeft: Math.max(v.c0, Math.min(mergeLeft, numberCol, text.col)),
    stopAtGap: true,
  });
  if (fieldCol !== null && !fieldColumnHolds(v, fieldCol, read.rows)) {
    fieldCol = null;
    for (const r of read.rows) r.fieldText = null;
  }
  const fieldMatrix = fieldCol === null ? detectFieldMatrix(v, h.row, read.rows, [numberCol, text.col, ac, tc]) : [];
  return {
    location: {
      sheet: v.name,
      headerRow: h.row,
      numberCol,
      textCol: text.col,
      answerCol: ac,
      fieldCol,
      ...(fieldMatrix.length ? { fieldMatrix } : {}),
      sections: read.sections,
      rows: read.rows,
      source: "detected",
    },
    visibleSheet: !v.input.hidden,
    visibleCols: !v.hiddenCols.has(text.col) && !v.hiddenCols.has(ac) && !v.hiddenCols.has(tc),
    primary: h.primary,
    items: read.rows.length,
    answerLike: countAnswerLike(read.rows),
  };
}

function errorOf(code: DetectionError["code"], message: { ja: string; en: string }, looked: DetectionError["looked"]): DetectionResult {
  return { ok: false, error: { code, message, looked } };
}

export function detectChecklist(wb: WorkbookInput): DetectionResult {
  // Every sheet is listed in `looked`; one the reader found without labels (never parsed here) holds no header.
  const sheets = wb && Array.isArray(wb.sheets) ? wb.sheets.filter((s) => s && (s.labels === false || Array.isArray(s.cells) || Array.isArray(s.values))) : [];
  const looked: DetectionError["looked"] = [];
  let best: Candidate | null = null;
  let headerOnly: { sheet: string; row: number; key: string } | null = null;
  let anyData = false;
  let unreadable: { sheet: string; error: { ja: string; en: string } } | null = null;
  for (const sheet of sheets) {
    if (sheet.labels === false) {
      anyData = true;
      looked.push({ sheet: sheet.name, note: `${t("ja", "note.no_header")} / ${t("en", "note.no_header")}` });
      continue;
    }
    const v = new SheetView(sheet);
    if (sheet.error) {
      looked.push({ sheet: v.name, note: `${sheet.error.ja} / ${sheet.error.en}` });
      unreadable ??= { sheet: v.name, error: sheet.error };
      continue;
    }
    if (v.rowEnd === v.r0 || v.colEnd === v.c0) {
      looked.push({ sheet: v.name, note: `${t("ja", "note.empty")} / ${t("en", "note.empty")}` });
      continue;
    }
    anyData = true;
    const headers = scanHeaders(v);
    if (headers.length === 0) {
      looked.push({ sheet: v.name, note: `${t("ja", "note.no_header")} / ${t("en", "note.no_header")}` });
      continue;
    }
    let sheetBest: Candidate | null = null;
    let tried = 0;
    /** Rows covered by tables already read: a header repeated inside a table (e.g. per printed page) is skipped. */
    const covered: { top: number; bottom: number; cols: number[]; primary: boolean }[] = [];
    for (const h of headers) {
      for (const tc of h.textCols) {
        for (const a of h.answerCols) {
          if (a.col === tc || tried >= MAX_CANDIDATES_PER_SHEET) continue;
          if (covered.some((c) => h.row > c.top && h.row <= c.bottom && c.cols.includes(a.col) && (c.primary || !h.primary))) continue;
          tried++;
          const cand = evaluateCandidate(v, h, tc, a.col);
          if (!headerOnly) headerOnly = { sheet: v.name, row: h.row + 1, key: a.key };
          if (cand && cand.items > 0) {
            const rows = cand.location.rows;
            covered.push({ top: h.row, bottom: rows[rows.length - 1].row, cols: [a.col, cand.location.answerCol], primary: h.primary });
            if (better(cand, sheetBest)) sheetBest = cand;
          }
        }
      }
    }
    if (sheetBest) {
      const row = sheetBest.location.headerRow + 1;
      looked.push({ sheet: v.name, note: `${t("ja", "note.items", { row, count: sheetBest.items })} / ${t("en", "note.items", { row, count: sheetBest.items })}` });
      if (better(sheetBest, best)) best = sheetBest;
    } else {
      const row = headers[0].row + 1;
      looked.push({ sheet: v.name, note: `${t("ja", "note.no_items", { row })} / ${t("en", "note.no_items", { row })}` });
    }
  }
  if (best) return { ok: true, location: best.location };
  if (unreadable && !headerOnly) {
    // A sheet that could not be read may have held the checklist: say why rather than "not found".
    const e = unreadable.error;
    return errorOf("no_checklist", { ja: `シート「${unreadable.sheet}」: ${e.ja}`, en: `Sheet "${unreadable.sheet}": ${e.en}` }, looked);
  }
  if (!anyData) return errorOf("empty_workbook", both("error.empty_workbook"), looked);
  if (headerOnly) {
    return errorOf("no_items", both("error.no_items", { sheet: headerOnly.sheet, row: headerOnly.row, answerHeader: headerOnly.key }), looked);
  }
  const names = sheets.map((s) => `「${s.name}」`).join("、") || "-";
  return errorOf("no_checklist", both("error.no_checklist", { sheets: names }), looked);
}

/**
 * Manual override: the user selected the answer cells (absolute range) on `sheet`. The answer column is the
 * selection's left column; the text and number columns are found from the data on the selected rows.
 */
export function locateFromAnswerCells(wb: WorkbookInput, sheet: string, answers: CellRange): DetectionResult {
  const input = readableSheet(wb, sheet);
  const range = rangeToA1Safe(answers);
  if (!input) {
    return errorOf("no_checklist", both("error.no_sheet", { sheet }), [{ sheet, note: "missing" }]);
  }
  const coords = [answers.top, answers.left, answers.bottom, answers.right];
  if (!coords.every((n) => Number.isInteger(n) && n >= 0)) {
    return errorOf("no_items", both("error.manual_no_items", { range }), [{ sheet, note: range }]);
  }
  const v = new SheetView(input);
  const ac = answers.left;
  const first = Math.max(answers.top, v.r0);
  const last = Math.min(answers.bottom, v.rowEnd - 1);
  const noItems = errorOf("no_items", both("error.manual_no_items", { range }), [{ sheet, note: range }]);
  if (first > last) return noItems;
  const cols: number[] = [];
  for (let c = v.c0; c < v.colEnd; c++) if (c !== ac && !v.hiddenCols.has(c)) cols.push(c);
  // Prefer columns left of the answers (nearest first), then the ones to the right.
  cols.sort((a, b) => (a < ac ? ac - a : 1000 + a - ac) - (b < ac ? ac - b : 1000 + b - ac));
  const text = pickTextCol(v, cols, first, last, [ac]);
  if (!text) return noItems;
  const numberCol = pickNumberCol(v, text.col, [ac], [], first, last);
  if (numberCol < 0) return noItems;
  // Header row: the nearest row (the selection's first row included) with a header-like text in the text or
  // answer column, else the row above the selection.
  let headerRow = Math.max(first - 1, 0);
  for (let r = first; r >= Math.max(v.r0, first - 10); r--) {
    const f = fold(cellText(v.get(r, ac)));
    if (isAnswerHeader(f) || isTextHeader(fold(cellText(v.get(r, text.col))))) {
      headerRow = r;
      break;
    }
  }
  const read = readTable(v, {
    headerRow,
    firstRow: first,
    lastRow: last,
    numberCol,
    textCol: text.col,
    answerCol: ac,
    fieldCol: null,
    labelLeft: Math.min(numberCol, text.col),
    stopAtGap: false,
  });
  if (read.rows.length === 0) return noItems;
  return {
    ok: true,
    location: {
      sheet,
      headerRow,
      numberCol,
      textCol: text.col,
      answerCol: ac,
      fieldCol: null,
      sections: read.sections,
      rows: read.rows,
      source: "manual",
    },
  };
}

function rangeToA1Safe(r: CellRange): string {
  try {
    return rangeToA1(r);
  } catch {
    return "?";
  }
}

/** The company label a cell starts with (「会社名」「企業名」…), and the folded text after it; null when it is none. */
function companyLabel(cell: string): { rest: string } | null {
  if (cell.length < 3 || cell.length > 60 || !cell.includes("名")) return null;
  const f = fold(cell);
  const label = COMPANY_LABELS.find((l) => f.startsWith(l));
  return label ? { rest: f.slice(label.length) } : null;
}

/** Could this text be the label findCompanyName looks for? */
export function mayBeCompanyLabel(cell: string): boolean {
  return companyLabel(cell) !== null;
}

/**
 * Company name stated in the workbook: a cell 「会社名」「企業名」「事業者名」「組織名」「貴社名」 (with or without ：/:)
 * whose value is in the next filled cell to the right (within 4 columns) or the cell below, or after the colon.
 */
export function findCompanyName(wb: WorkbookInput): string | null {
  for (const sheet of labelSheets(wb)) {
    const v = new SheetView(sheet);
    // Sheets written by TICS Check itself (their A1 starts with "TICS Check") only repeat what was found elsewhere.
    const a1 = v.get(0, 0);
    if (typeof a1 === "string" && a1.startsWith("TICS Check")) continue;
    const found = v.scan((r, c, cell): string | null => {
      if (typeof cell !== "string") return null;
      const label = companyLabel(cell);
      if (!label) return null;
      const rest = label.rest;
      if (rest.startsWith(":")) {
        const idx = Math.max(cell.indexOf(":"), cell.indexOf("："));
        const after = cell.slice(idx + 1).trim();
        if (after) return after;
      } else if (rest !== "") {
        return null;
      }
      const m = v.mergeAt(r, c);
      const from = m ? m.right + 1 : c + 1;
      for (let k = from; k <= from + 3; k++) {
        const val = valueText(v.get(r, k));
        if (val) return val;
      }
      // Below only in a vertical form: the cell below is a value, not the label of a label/value row (a filled
      // cell to its right, as in 「項目数 | 28」 under an empty 「会社名 | 」).
      const belowRow = m ? m.bottom + 1 : r + 1;
      const below = valueText(v.get(belowRow, c));
      return below && !hasValueRight(v, belowRow, c) ? below : null;
    });
    if (found) return found;
  }
  return null;
}

/** Whether any of the 4 cells right of (r, c) holds a value. */
function hasValueRight(v: SheetView, r: number, c: number): boolean {
  for (let k = c + 1; k <= c + 4; k++) if (!isBlank(v.get(r, k))) return true;
  return false;
}

/** Other form labels that may sit next to or below 「会社名」 on a cover sheet: never a company name. */
const OTHER_LABEL_RE =
  /^(?:担当者|担当者名|記入者|回答者|氏名|部署|部署名|所属|役職|住所|所在地|電話|電話番号|連絡先|記入日|作成日|回答日|実施日|日付|メール|メールアドレス|e-?mail|tel|fax|代表者|代表者名)?:?$|:$/;

function valueText(cell: CellValue): string | null {
  if (typeof cell === "boolean" || typeof cell === "number" || isBlank(cell)) return null;
  const s = cellText(cell).trim();
  const f = fold(s);
  if (COMPANY_LABELS.some((l) => f.startsWith(l))) return null;
  if (OTHER_LABEL_RE.test(f)) return null;
  return s;
}

/** The A1 range of a located table (header row to last item row, over its columns). */
export function locationRange(loc: ChecklistLocation): string {
  const cols = [loc.numberCol, loc.textCol, loc.answerCol];
  if (loc.fieldCol !== null) cols.push(loc.fieldCol);
  const lastRow = loc.rows.length ? loc.rows[loc.rows.length - 1].row : loc.headerRow;
  return rangeToA1({
    top: Math.min(loc.headerRow, lastRow),
    left: Math.min(...cols),
    bottom: Math.max(loc.headerRow, lastRow),
    right: Math.max(...cols),
  });
}
