/**
 * Writes a minimal, valid .xlsx from scratch (samples, batch summaries). Strings go to the shared-string table
 * (never formulas: text starting with = + - @ stays literal), numbers and booleans as such.
 * Browser-safe: no Node imports.
 */
import { strToU8, zipSync, type Zippable } from "fflate";
import type { CellRange, CellValue } from "../core/model";
import { a1, colLetters, quoteSheet, refOf } from "./cells";
import { Utf8Sink } from "./package";
import { escAttr, escCellText, escText } from "./xml";
import { BIG_PART, BIG_PART_LEVEL, dosDateTime, hasNativeCodec, writeZip } from "./zip";

export interface SimpleSheet {
  name: string;
  /** Values from `origin` (default A1). */
  rows: CellValue[][];
  merges?: CellRange[];
  validations?: { range: CellRange; items: string[] }[];
  /** Column widths in characters, from column A. 0 or undefined keeps the default. */
  colWidths?: number[];
  bold?: CellRange[];
  wrap?: CellRange[];
  origin?: { row: number; col: number };
}

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
export const REL_WORKSHEET = `${NS_REL}/worksheet`;
export const REL_SST = `${NS_REL}/sharedStrings`;
export const REL_STYLES = `${NS_REL}/styles`;
export const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
export const CT_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";

/** Excel's limits on sheet names: 31 chars, none of : \ / ? * [ ], not starting/ending with an apostrophe. */
export function validSheetName(name: string): boolean {
  return name.length > 0 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !name.startsWith("'") && !name.endsWith("'");
}

/** Shared-string table being built. */
export class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  /** Existing count of references (for the count= attribute). */
  refs = 0;
  constructor(existing: string[] = []) {
    for (const s of existing) this.list.push(s);
  }
  add(s: string): number {
    this.refs++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** `<si>` for a plain string (xml:space="preserve" when leading/trailing blanks or newlines). */
export function siXml(s: string): string {
  const keep = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : "";
  return `<si><t${keep}>${escCellText(s)}</t></si>`;
}

/** One cell's XML, or "" for an empty cell without a style. */
export function cellXml(ref: string, v: CellValue, style: number, sst: StringTable | null): string {
  const s = style ? ` s="${style}"` : "";
  if (v === null || v === undefined || v === "") return style ? `<c r="${ref}"${s}/>` : "";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return `<c r="${ref}"${s} t="e"><v>#NUM!</v></c>`;
    return `<c r="${ref}"${s}><v>${String(v)}</v></c>`;
  }
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  const text = String(v);
  if (sst) return `<c r="${ref}"${s} t="s"><v>${sst.add(text)}</v></c>`;
  const keep = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${s} t="inlineStr"><is><t${keep}>${escCellText(text)}</t></is></c>`;
}

/** `<cols>` element from widths (characters). */
export function colsXml(widths: number[] | undefined): string {
  if (!widths || !widths.some((w) => w > 0)) return "";
  const cols = widths
    .map((w, i) => (w > 0 ? `<col min="${i + 1}" max="${i + 1}" width="${Math.round(w * 100) / 100}" customWidth="1"/>` : ""))
    .join("");
  return `<cols>${cols}</cols>`;
}

/** The list validation element for literal items (formula1 as a quoted comma list; quotes doubled). */
export function listValidationXml(range: CellRange, items: string[]): string {
  const list = items.map((i) => i.replace(/"/g, '""')).join(",");
  return `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${refOf(range)}"><formula1>${escText(`"${list}"`)}</formula1></dataValidation>`;
}

/** Style indexes used by the simple writer's styles.xml. */
const STYLE_BOLD = 1;
const STYLE_WRAP = 2;
const STYLE_BOLD_WRAP = 3;

/** The style index for bold and wrap. */
function styleOf(bold: boolean, wrap: boolean): number {
  return bold && wrap ? STYLE_BOLD_WRAP : bold ? STYLE_BOLD : wrap ? STYLE_WRAP : 0;
}

/** The ranges of `rs` that cover sheet row `r`. */
function rangesOnRow(rs: CellRange[] | undefined, r: number): CellRange[] {
  const out: CellRange[] = [];
  if (rs) for (const x of rs) if (r >= x.top && r <= x.bottom) out.push(x);
  return out;
}

function coversCol(rs: CellRange[], c: number): boolean {
  for (const x of rs) if (c >= x.left && c <= x.right) return true;
  return false;
}

/**
 * The style of each cell of a row (index = position in the row, `width` entries), or null when no bold or wrap
 * range touches the row (every cell unstyled). Decided once per row, not per cell.
 */
function rowStyles(sheet: Pick<SimpleSheet, "bold" | "wrap">, r: number, oCol: number, width: number): number[] | null {
  const b = rangesOnRow(sheet.bold, r);
  const w = rangesOnRow(sheet.wrap, r);
  if (!b.length && !w.length) return null;
  const out = new Array<number>(width);
  for (let ci = 0; ci < width; ci++) out[ci] = styleOf(b.length > 0 && coversCol(b, oCol + ci), w.length > 0 && coversCol(w, oCol + ci));
  return out;
}

/** ASCII bytes of `s` (only for text known to be ASCII: tags, references, numbers). */
function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const B_ROW_OPEN = asciiBytes('<row r="');
const B_ROW_CLOSE = asciiBytes("</row>");
const B_STRING = asciiBytes('" t="s"><v>');
const B_NUMBER = asciiBytes('"><v>');
const B_NUM_ERROR = asciiBytes('" t="e"><v>#NUM!</v></c>');
const B_TRUE = asciiBytes('" t="b"><v>1</v></c>');
const B_FALSE = asciiBytes('" t="b"><v>0</v></c>');
const B_EMPTY = asciiBytes('"/>');
const B_VALUE_CLOSE = asciiBytes("</v></c>");
/** `" s="N` for the style indexes 1-3 (0 is never written). */
const B_STYLE = [0, 1, 2, 3].map((i) => asciiBytes(`" s="${i}`));
/**
 * Bytes reserved per cell before a row is written: the longest cell is `<c r="XFD1048576" s="3"><v>` + a number's
 * text (at most 25 characters) + `</v></c>` (63), and whole scratch arrays of 32 bytes are copied (see `head`).
 */
const MAX_CELL_BYTES = 96;

/**
 * Writes the rows of a worksheet part into one byte buffer. The rows of a generated sheet are pure ASCII (text goes
 * to the shared strings), so they are written as bytes: no string per cell, row or sheet, no encoding step.
 * This code runs once per process, mostly before the engine has optimised it (measured: a batch summary is written
 * about as fast with optimisation turned off), so what counts is the number of operations per cell: a text cell is
 * three `set` copies, `<c r="` + letters (made once per column), the row number + `" t="s"><v>` (once per row) and
 * the string's index + `</v></c>` (once per index). Byte loops instead of `set`, one function for the whole sheet,
 * or merging a cell's end with the next one's start were each measured slower or no faster. `row` is a small
 * function of its own, so that the engine can optimise it early on a long sheet.
 */
class RowWriter {
  buf: Uint8Array;
  n: number;
  /** The row number followed by `" t="s"><v>`; copied whole, only the first rnLen or refLen bytes count. */
  private readonly ref = new Uint8Array(32);
  private rnLen = 0;
  /** The last row number written (1-based, 0 for none) and the last position in a row written (-1 for none). */
  lastRow = 0;
  lastCol = -1;
  /** The last text and its index per column: a problem list repeats the file, sheet and status of the row above. */
  private readonly lastText: (string | undefined)[];
  private readonly lastIndex: number[];
  /** `index</v></c>` per shared-string index. */
  private readonly tails: Uint8Array[] = [];

  /**
   * @param headRoom bytes kept free before the rows for the part's start (written last: see `finish`)
   * @param capacity bytes to reserve for the rows (a low guess costs a copy, untouched capacity nothing)
   * @param sst the shared strings text cells go to
   * @param pre `<c r="` and the column letters, per position in a row
   */
  constructor(
    private readonly headRoom: number,
    capacity: number,
    private readonly sst: StringTable,
    private readonly pre: Uint8Array[],
  ) {
    this.buf = new Uint8Array(headRoom + capacity + 1024);
    this.n = headRoom;
    this.lastText = new Array<string | undefined>(pre.length);
    this.lastIndex = new Array<number>(pre.length);
  }

  reserve(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }

  /**
   * `<row r="r">` with the cells of `row` (`st`: their styles, or null for none) up to the last value or styled
   * cell, `</row>`; nothing for a row without either.
   */
  row(r: number, row: CellValue[], st: number[] | null): void {
    // The last cell to write: a value, or a style on an empty cell. None: no <row> at all.
    let end = row.length - 1;
    while (end >= 0 && (row[end] === null || row[end] === undefined || row[end] === "") && (st === null || !st[end])) end--;
    if (end < 0) return;
    this.lastRow = r;
    if (end > this.lastCol) this.lastCol = end;
    this.reserve((end + 1) * MAX_CELL_BYTES + 64);
    const rn = String(r);
    const rnLen = rn.length;
    const ref = this.ref;
    for (let k = 0; k < rnLen; k++) ref[k] = rn.charCodeAt(k);
    ref.set(B_STRING, rnLen);
    this.rnLen = rnLen;
    const refLen = rnLen + B_STRING.length;
    const buf = this.buf;
    const pre = this.pre;
    const lastText = this.lastText;
    const lastIndex = this.lastIndex;
    const tails = this.tails;
    let n = this.n;
    buf.set(B_ROW_OPEN, n);
    n += B_ROW_OPEN.length;
    buf.set(ref, n);
    n += rnLen;
    buf[n++] = 34; // "
    buf[n++] = 62; // >
    let hits = 0;
    for (let ci = 0; ci <= end; ci++) {
      const v = row[ci];
      const s = st === null ? 0 : st[ci];
      if (typeof v === "string" && v !== "" && s === 0) {
        let i: number;
        if (v === lastText[ci]) {
          i = lastIndex[ci];
          hits++;
        } else {
          i = this.sst.add(v);
          lastText[ci] = v;
          lastIndex[ci] = i;
        }
        const p = pre[ci];
        buf.set(p, n);
        n += p.length;
        buf.set(ref, n);
        n += refLen;
        let t = tails[i];
        if (t === undefined) t = tails[i] = asciiBytes(i + "</v></c>");
        buf.set(t, n);
        n += t.length;
      } else if (s !== 0 || !(v === null || v === undefined || v === "")) {
        this.n = n;
        this.cell(ci, v, s);
        n = this.n;
      }
    }
    this.sst.refs += hits;
    buf.set(B_ROW_CLOSE, n);
    this.n = n + B_ROW_CLOSE.length;
  }

  /** Any other cell (styled, number, boolean, styled empty) of the current row, at position `ci`. */
  private cell(ci: number, v: CellValue, s: number): void {
    const buf = this.buf;
    let n = this.n;
    const p = this.pre[ci];
    buf.set(p, n);
    n += p.length;
    buf.set(this.ref, n);
    n += this.rnLen;
    if (s !== 0) {
      buf.set(B_STYLE[s], n);
      n += B_STYLE[s].length;
    }
    let x: Uint8Array;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) x = B_NUM_ERROR;
      else {
        buf.set(B_NUMBER, n);
        n += B_NUMBER.length;
        const d = String(v);
        for (let k = 0; k < d.length; k++) buf[n++] = d.charCodeAt(k);
        x = B_VALUE_CLOSE;
      }
    } else if (typeof v === "boolean") x = v ? B_TRUE : B_FALSE;
    else if (v === null || v === undefined || v === "") x = B_EMPTY;
    else {
      buf.set(B_STRING, n);
      n += B_STRING.length;
      const d = String(this.sst.add(String(v)));
      for (let k = 0; k < d.length; k++) buf[n++] = d.charCodeAt(k);
      x = B_VALUE_CLOSE;
    }
    buf.set(x, n);
    this.n = n + x.length;
  }

  /** The part: `start` (at most headRoom bytes), the rows written, `end`. */
  finish(start: Uint8Array, end: Uint8Array): Uint8Array {
    if (start.length > this.headRoom) {
      // More room than was kept (a stream's columns got wider than guessed): one copy.
      const out = new Uint8Array(start.length + this.n - this.headRoom + end.length);
      out.set(start, 0);
      out.set(this.buf.subarray(this.headRoom, this.n), start.length);
      out.set(end, start.length + this.n - this.headRoom);
      return out;
    }
    this.reserve(end.length);
    this.buf.set(end, this.n);
    this.n += end.length;
    const from = this.headRoom - start.length;
    this.buf.set(start, from);
    return this.buf.subarray(from, this.n);
  }
}

/** Room for the dimension's range ("XFD1048576:XFD1048576" is 21 characters). */
const DIM_ROOM = 48;

/** The first and last sheet rows any of `ranges` touch ([Infinity, -Infinity] for none). */
function rowSpan(ranges: (CellRange[] | undefined)[]): [number, number] {
  let top = Infinity;
  let bottom = -Infinity;
  for (const rs of ranges) {
    for (const x of rs ?? []) {
      if (x.top < top) top = x.top;
      if (x.bottom > bottom) bottom = x.bottom;
    }
  }
  return [top, bottom];
}

/**
 * A worksheet part's bytes. Built for large generated sheets (a batch's problem list, 10,000s of rows), which run
 * once per process, mostly unoptimised: few JavaScript operations and allocations per cell (see RowWriter). Column
 * letters are made once per column, the row number once per row; styles are decided per row, and only for the
 * rows a bold or wrap range touches.
 */
function sheetBytes(sheet: SimpleSheet, sst: StringTable): Uint8Array {
  let width = 0;
  let cells = 0;
  for (const row of sheet.rows) {
    if (row.length > width) width = row.length;
    cells += row.length;
  }
  // About 36 bytes a cell in a problem list.
  const stream = new SheetStream(sheet, width, sst, cells * 40 + sheet.rows.length * 24, colsXml(sheet.colWidths).length);
  for (const row of sheet.rows) stream.add(row);
  return stream.bytes();
}

/**
 * A worksheet written row by row as its rows come (see sheetBytes for how), to go into `writeSimpleWorkbook` as
 * `{ name, stream }` with the same StringTable: a batch's problem list is written while the files are still being
 * checked. Rows go one after another from the sheet's origin; `colWidths` may be set until `bytes()`.
 */
export class SheetStream {
  private readonly w: RowWriter;
  private readonly pre: Uint8Array[] = [];
  private readonly oRow: number;
  private readonly oCol: number;
  private readonly styleTop: number;
  private readonly styleBottom: number;
  private next = 0;
  colWidths: number[] | undefined;

  /**
   * @param width columns expected per row (wider rows still work)
   * @param capacity bytes to reserve for the rows
   * @param colsRoom bytes to keep for the `<cols>` element (by default enough for 64 columns)
   */
  constructor(
    private readonly sheet: Omit<SimpleSheet, "rows">,
    width: number,
    readonly sst: StringTable,
    capacity = 1 << 16,
    colsRoom = 64 * 80,
  ) {
    this.oRow = sheet.origin?.row ?? 0;
    this.oCol = sheet.origin?.col ?? 0;
    this.colWidths = sheet.colWidths;
    [this.styleTop, this.styleBottom] = rowSpan([sheet.bold, sheet.wrap]);
    this.widen(width);
    // The part's start holds the dimension, which the rows decide: the rows are written first, after room enough
    // for the start, and the start goes in front of them at the end.
    this.w = new RowWriter(this.start("", "").length + DIM_ROOM + colsRoom, capacity, sst, this.pre);
  }

  private widen(width: number): void {
    for (let ci = this.pre.length; ci < width; ci++) this.pre.push(asciiBytes('<c r="' + colLetters(this.oCol + ci)));
  }

  private start(dim: string, cols: string): Uint8Array {
    return strToU8(
      XML_HEAD +
        `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><dimension ref="${dim}"/>` +
        `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
        cols +
        "<sheetData>",
    );
  }

  /** Writes the next row. */
  add(row: CellValue[]): void {
    if (row.length > this.pre.length) this.widen(row.length);
    const r = this.oRow + this.next++;
    const width = this.pre.length;
    this.w.row(r + 1, row, r >= this.styleTop && r <= this.styleBottom ? rowStyles(this.sheet, r, this.oCol, width) : null);
  }

  /** The part's bytes (call once, after the last row). */
  bytes(): Uint8Array {
    const { sheet, w, oRow, oCol } = this;
    const dim = w.lastRow > 0 ? refOf({ top: oRow, left: oCol, bottom: w.lastRow - 1, right: oCol + Math.max(w.lastCol, 0) }) : "A1";
    const merges = sheet.merges?.length
      ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${refOf(m)}"/>`).join("")}</mergeCells>`
      : "";
    const dvs = sheet.validations?.length
      ? `<dataValidations count="${sheet.validations.length}">${sheet.validations.map((v) => listValidationXml(v.range, v.items)).join("")}</dataValidations>`
      : "";
    return w.finish(
      this.start(dim, colsXml(this.colWidths)),
      strToU8(`</sheetData>${merges}${dvs}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`),
    );
  }
}

const STYLES_XML =
  XML_HEAD +
  `<styleSheet xmlns="${NS_MAIN}">` +
  `<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
  `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>` +
  `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `</styleSheet>`;

export function sstXml(sst: StringTable): string {
  return XML_HEAD + `<sst xmlns="${NS_MAIN}" count="${Math.max(sst.refs, sst.list.length)}" uniqueCount="${sst.list.length}">${sst.list.map(siXml).join("")}</sst>`;
}

/** `sstXml` written into a sink, the strings in pieces of about 64K characters. */
function writeSstXml(sst: StringTable, sink: Utf8Sink): void {
  let out = XML_HEAD + `<sst xmlns="${NS_MAIN}" count="${Math.max(sst.refs, sst.list.length)}" uniqueCount="${sst.list.length}">`;
  for (const s of sst.list) {
    out += siXml(s);
    if (out.length >= 1 << 16) {
      sink.write(out);
      out = "";
    }
  }
  sink.write(out + "</sst>");
}

/** Builds a new .xlsx. Throws RangeError on an invalid or duplicate sheet name, or when there is no sheet. */
/**
 * Writes a new workbook. `opts.mtime` sets the zip entries' modification time (default: now); a fixed date makes
 * the bytes reproducible (the checked-in samples use it).
 */
/** A sheet already written row by row (see SheetStream). */
export interface StreamedSheet {
  name: string;
  stream: SheetStream;
}

export function writeSimpleWorkbook(sheets: (SimpleSheet | StreamedSheet)[], opts: { mtime?: Date } = {}): Uint8Array {
  if (!sheets.length) throw new RangeError("a workbook needs at least one sheet");
  const seen = new Set<string>();
  for (const s of sheets) {
    if (!validSheetName(s.name)) throw new RangeError(`invalid sheet name: ${s.name}`);
    const k = s.name.toLowerCase();
    if (seen.has(k)) throw new RangeError(`duplicate sheet name: ${s.name}`);
    seen.add(k);
  }
  // Streamed sheets wrote their text into their StringTable already: the workbook's shared strings are that table.
  const streams = sheets.filter((s): s is StreamedSheet => "stream" in s);
  const sst = streams.length ? streams[0].stream.sst : new StringTable();
  if (streams.some((s) => s.stream.sst !== sst)) throw new RangeError("streamed sheets of one workbook share one StringTable");
  const files: Record<string, Uint8Array> = {};
  const sheetParts = sheets.map((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = "stream" in s ? s.stream.bytes() : sheetBytes(s, sst);
    return `xl/worksheets/sheet${i + 1}.xml`;
  });
  const sstSink = new Utf8Sink();
  writeSstXml(sst, sstSink);
  const n = sheets.length;
  const ct =
    XML_HEAD +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    sheetParts.map((p) => `<Override PartName="/${p}" ContentType="${CT_WORKSHEET}"/>`).join("") +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT_SST}"/>` +
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
    `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
    `</Types>`;
  const rootRels =
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
    `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
    `</Relationships>`;
  const wb =
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView/></bookViews><sheets>` +
    sheets.map((s, i) => `<sheet name="${escAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
    `</sheets><calcPr calcId="191029"/></workbook>`;
  const wbRels =
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    sheetParts.map((p, i) => `<Relationship Id="rId${i + 1}" Type="${REL_WORKSHEET}" Target="${p.slice(3)}"/>`).join("") +
    `<Relationship Id="rId${n + 1}" Type="${REL_STYLES}" Target="styles.xml"/>` +
    `<Relationship Id="rId${n + 2}" Type="${REL_SST}" Target="sharedStrings.xml"/>` +
    `</Relationships>`;
  const app =
    XML_HEAD +
    `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>TICS Check</Application></Properties>`;
  const core =
    XML_HEAD +
    `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>TICS Check</dc:creator></cp:coreProperties>`;
  const out: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(ct),
    "_rels/.rels": strToU8(rootRels),
    "docProps/app.xml": strToU8(app),
    "docProps/core.xml": strToU8(core),
    "xl/workbook.xml": strToU8(wb),
    "xl/_rels/workbook.xml.rels": strToU8(wbRels),
    "xl/styles.xml": strToU8(STYLES_XML),
    ...files,
    "xl/sharedStrings.xml": sstSink.bytes(),
  };
  // With a native codec (the CLI), the same parts are deflated by it: a batch summary of 30,000 rows is written
  // in a fraction of the time. Without one, fflate's zipSync (the pane, and the reproducible samples).
  if (hasNativeCodec()) {
    const { time, date } = dosDateTime(opts.mtime ?? new Date());
    return writeZip(Object.entries(out).map(([name, content]) => ({ name, content, time, date })));
  }
  // Big generated parts at the cheap level writeZip uses too (speed first); the small ones (and so the samples) as before.
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(out)) zippable[name] = content.length >= BIG_PART ? [content, { level: BIG_PART_LEVEL }] : content;
  return zipSync(zippable, { level: 6, ...(opts.mtime ? { mtime: opts.mtime } : {}) });
}

/** A formula reference to a range on a sheet: 'Name'!$A$1:$B$2. */
export function absRef(sheet: string, r: CellRange): string {
  const abs = (row: number, col: number) => a1(row, col).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  const a = abs(r.top, r.left);
  const ref = r.top === r.bottom && r.left === r.right ? a : `${a}:${abs(r.bottom, r.right)}`;
  return `${quoteSheet(sheet)}!${ref}`;
}
