/**
 * Reads an .xlsx into the engine's WorkbookInput: every worksheet in workbook order as a value grid (absolute
 * 0-based coordinates, origin A1), merged areas, list validations (literal lists, same- or other-sheet ranges and
 * simple defined names resolved; x14 validations in extLst included), hidden rows/columns and sheet state.
 * Scans the XML (no DOM), so large sheets stay fast; a large sheet without any text that may be a label is skimmed and
 * parsed only when something asks for its cells (SKIM_BYTES). Browser-safe: no Node imports.
 */
import { strFromU8 } from "fflate";
import { mayBeLabel } from "../core/labels";
import type { Bilingual, CellRange, CellValue, ChartInput, FormulaCell, ListValidation, SheetInput, SparseRow, WorkbookInput } from "../core/model";
import { colOfRef, parseRef } from "./cells";
import type { ReadLimits } from "./limits";
import { openPackage, Package, workbookPartName, XlsxError, xlsxError } from "./package";
import { attr, decodeEntities, parseAttrs, quickAttr, scanXml, unescCellText } from "./xml";
import { MAX_CHARTS, MAX_FORMULAS, definedNameInputs, readSheetCharts, readSheetFormulas } from "./xlsx-formulas";

export { XlsxError };
export type { XlsxErrorCode } from "./package";

export interface SheetEntry {
  name: string;
  sheetId: string;
  rid: string;
  /** "visible" | "hidden" | "veryHidden". */
  state: string;
  /** Part name, e.g. "xl/worksheets/sheet1.xml"; "" when the relationship is missing. */
  part: string;
  /** False for chart sheets / dialog sheets. */
  isWorksheet: boolean;
}

export interface DefinedName {
  name: string;
  /** Index into the workbook's sheet list when the name is local to a sheet. */
  localSheetId: number | null;
  value: string;
}

export interface WorkbookInfo {
  part: string;
  sheets: SheetEntry[];
  definedNames: DefinedName[];
  sharedStringsPart: string | null;
  stylesPart: string | null;
}

/** Sheets, defined names and related parts of the workbook. */
export function workbookInfo(pkg: Package): WorkbookInfo {
  const part = workbookPartName(pkg);
  if (!part) throw xlsxError("not_xlsx");
  const xml = pkg.text(part) ?? "";
  const rels = pkg.rels(part);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  const definedNames: DefinedName[] = [];
  let dn: { name: string; localSheetId: number | null } | null = null;
  let dnText = "";
  try {
    scanXml(xml, {
      open(name, raw, selfClosing) {
        if (name === "sheet") {
          const a = parseAttrs(raw);
          const rid = attr(a, "id") ?? "";
          const rel = byId.get(rid);
          sheets.push({
            name: a.name ?? "",
            sheetId: a.sheetId ?? "",
            rid,
            state: a.state ?? "visible",
            part: rel && !rel.external ? rel.target : "",
            isWorksheet: !!rel && rel.type.endsWith("/worksheet"),
          });
        } else if (name === "definedName" && !selfClosing) {
          const a = parseAttrs(raw);
          dn = { name: a.name ?? "", localSheetId: a.localSheetId != null ? Number(a.localSheetId) : null };
          dnText = "";
        }
      },
      text(t) {
        if (dn) dnText += t;
      },
      close(name) {
        if (name === "definedName" && dn) {
          definedNames.push({ ...dn, value: dnText });
          dn = null;
        }
      },
    });
  } catch (e) {
    throw xlsxError("corrupt", `${part}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const sst = rels.find((r) => r.type.endsWith("/sharedStrings") && !r.external);
  const styles = rels.find((r) => r.type.endsWith("/styles") && !r.external);
  return {
    part,
    sheets,
    definedNames,
    sharedStringsPart: sst && pkg.has(sst.target) ? sst.target : null,
    stylesPart: styles && pkg.has(styles.target) ? styles.target : null,
  };
}

/** Shared strings: rich-text runs concatenated, phonetic runs (rPh, furigana) left out. */
export function readSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inT = false;
  let phon = 0;
  const gate = { on: false };
  scanXml(xml, {
    gate,
    // scanXml closes an empty-element tag right after opening it: `<si/>` is "", `<rPh/>` leaves no phonetic run open.
    open(name) {
      if (name === "si") cur = "";
      else if (name === "t") inT = gate.on = true;
      else if (name === "rPh") phon++;
    },
    text(t) {
      if (inT && phon === 0) cur += t;
    },
    close(name) {
      if (name === "t") inT = gate.on = false;
      else if (name === "rPh") phon--;
      else if (name === "si") out.push(unescCellText(cur));
    },
  });
  return out;
}

/** TextDecoder when the host has one; fflate's decoder otherwise (some test environments). */
const utf8Decoder: { decode(b: Uint8Array): string } = typeof TextDecoder === "function" ? new TextDecoder() : { decode: (b) => strFromU8(b) };

/**
 * `b` as a plain Uint8Array (a view, no copy): Node's Buffer, which the CLI's zlib returns, has its own indexOf,
 * lastIndexOf and subarray written in JS; the typed array's builtins are faster, above all before V8 optimises.
 */
function plainBytes(b: Uint8Array): Uint8Array {
  return b.constructor === Uint8Array ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** True when `b` at `i` holds the ASCII text `s`. */
function bytesAt(b: Uint8Array, i: number, s: string): boolean {
  if (i + s.length > b.length) return false;
  for (let k = 0; k < s.length; k++) if (b[i + k] !== s.charCodeAt(k)) return false;
  return true;
}

/** Index of the ASCII text `s` (starting with "<") in `b` from `from`, or -1 (for the few tags before a sheet's cells). */
function indexOfBytes(b: Uint8Array, s: string, from: number): number {
  const first = s.charCodeAt(0);
  for (let i = b.indexOf(first, from); i >= 0; i = b.indexOf(first, i + 1)) if (bytesAt(b, i, s)) return i;
  return -1;
}

/** Last index of the ASCII text `s` (starting with "<") in `b` at or after `from`, or -1 (searched from the end). */
function lastIndexOfBytes(b: Uint8Array, s: string, from: number): number {
  const first = s.charCodeAt(0);
  for (let i = b.lastIndexOf(first); i >= from; i = i > 0 ? b.lastIndexOf(first, i - 1) : -1) if (bytesAt(b, i, s)) return i;
  return -1;
}

/** What scanXmlBytes reports: text runs and tags, as byte positions in the part. */
interface ByteXmlHandler {
  /** Text between tags, [from, to), possibly empty; `raw` for CDATA (no entities to decode). */
  text(from: number, to: number, raw: boolean): void;
  /**
   * A start or end tag: its local name (prefix dropped) at [nameStart, nameEnd); its attributes run from nameEnd to
   * attrEnd (before "/>" or ">"); `end` is the position of its ">".
   */
  tag(nameStart: number, nameEnd: number, closing: boolean, selfClosing: boolean, attrEnd: number, end: number): void;
}

/**
 * One pass over the XML bytes of [from, to): comments, processing instructions and declarations skipped, CDATA as
 * raw text, a ">" inside a quoted attribute value not taken for the end of a tag. Throws on an unterminated construct.
 * Used where a part is read without decoding it whole (shared strings, sheets without formulas).
 */
function scanXmlBytes(b: Uint8Array, from: number, to: number, h: ByteXmlHandler): void {
  let i = from;
  while (i < to) {
    const lt = b.indexOf(60 /* < */, i);
    if (lt < 0 || lt >= to) break;
    h.text(i, lt, false);
    const c = b[lt + 1];
    if (c === 33 /* ! */) {
      if (bytesAt(b, lt, "<!--")) {
        const e = indexOfBytes(b, "-->", lt + 4);
        if (e < 0) throw new Error("unterminated comment");
        i = e + 3;
      } else if (bytesAt(b, lt, "<![CDATA[")) {
        const e = indexOfBytes(b, "]]>", lt + 9);
        if (e < 0) throw new Error("unterminated CDATA");
        h.text(lt + 9, e, true);
        i = e + 3;
      } else {
        const e = b.indexOf(62, lt);
        if (e < 0) throw new Error("unterminated declaration");
        i = e + 1;
      }
      continue;
    }
    if (c === 63 /* ? */) {
      const e = indexOfBytes(b, "?>", lt);
      if (e < 0) throw new Error("unterminated processing instruction");
      i = e + 2;
      continue;
    }
    // End of the tag; a ">" inside a quoted attribute value does not end it.
    let j = lt + 1;
    let quote = 0;
    for (; j < to; j++) {
      const ch = b[j];
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 34 || ch === 39) quote = ch;
      else if (ch === 62) break;
    }
    if (j >= to) throw new Error("unterminated tag");
    const closing = c === 47; /* / */
    let k = closing ? lt + 2 : lt + 1;
    let nameStart = k;
    for (; k < j; k++) {
      const ch = b[k];
      if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47) break;
      if (ch === 58 /* : */) nameStart = k + 1;
    }
    const selfClosing = !closing && b[j - 1] === 47;
    i = j + 1;
    h.tag(nameStart, k, closing, selfClosing, selfClosing ? j - 1 : j, j);
  }
}

/** The shared string being read (both shared-string readers): the text of its `<t>` runs outside phonetic `<rPh>` runs. */
class OpenString {
  cur = "";
  inT = false;
  phon = 0;
  constructor(private readonly out: string[]) {}

  /** True while text belongs to the string (inside `<t>`, outside `<rPh>`). */
  reading(): boolean {
    return this.inT && this.phon === 0;
  }

  /** An `<si>`, `<t>` or `<rPh>` tag ("" for any other); a string is added to the table at its `</si>` or `<si/>`. */
  tag(name: string, closing: boolean, selfClosing: boolean): void {
    if (!closing) {
      if (name === "si") {
        this.cur = "";
        if (selfClosing) this.out.push("");
      } else if (name === "t" && !selfClosing) this.inT = true;
      else if (name === "rPh" && !selfClosing) this.phon++;
    } else if (name === "t") this.inT = false;
    else if (name === "rPh") this.phon--;
    else if (name === "si") this.out.push(unescCellText(this.cur));
  }
}

/**
 * readSharedStrings on the part's bytes, scanned byte by byte in JS and only the text of the `<t>` runs decoded: the
 * reader for large tables (LARGE_SST_BYTES and up), where the loop is soon optimised and decoding the markup too
 * (a LibreOffice table of 100,000 rich-text items is 44 MB of XML, two thirds of it tags) would cost more than
 * scanning it; readSharedStringsBytes is faster on the small tables of a checklist, read before anything is optimised.
 */
export function readSharedStringsScan(b: Uint8Array): string[] {
  b = plainBytes(b);
  const out: string[] = [];
  const st = new OpenString(out);
  scanXmlBytes(b, 0, b.length, {
    text(from, to, raw) {
      if (to <= from || !st.reading()) return;
      const t = utf8Decoder.decode(b.subarray(from, to));
      st.cur += raw ? t : decodeEntities(t);
    },
    tag(nameStart, nameEnd, closing, selfClosing) {
      const len = nameEnd - nameStart;
      const name = len === 1 && b[nameStart] === 116 ? "t" : len === 2 && b[nameStart] === 115 && b[nameStart + 1] === 105 ? "si" : len === 3 && bytesAt(b, nameStart, "rPh") ? "rPh" : "";
      st.tag(name, closing, selfClosing);
    },
  });
  return out;
}

/*
 * The two hot readers (shared strings, and the cells of sheets without formulas) do their per-character work in the
 * engine's native builtins, not in JS loops: a part is decoded with TextDecoder in bounded chunks, and each chunk is
 * walked with one sticky RegExp whose first alternatives match a whole common construct at once (a `<si>` of plain
 * text, a `<c>` with a plain `<v>`, a `<row>` tag) and whose last alternatives are a complete XML tokenizer (text,
 * CDATA, comments, declarations, processing instructions, any tag, a ">" inside a quoted attribute value allowed).
 * The JS loop then runs once per cell or string instead of once per byte, which is what matters for the many small
 * files a batch reads before V8 has optimised anything.
 */

/** Bytes decoded and scanned at a time: a part is never held as one string (a large part is read in such chunks). */
export const CHUNK_BYTES = 1 << 20;

/** An optional namespace prefix (`x:`) in the fast patterns; anything else goes through the tokenizer. */
const PFX = String.raw`(?:[A-Za-z_][\w.-]*:)?`;
/** A well-formed attribute list without entities (the fast patterns); anything else goes through the tokenizer. */
const ATTRS = String.raw`(?:\s+[^\s=/>"'<&]+\s*=\s*(?:"[^"&]*"|'[^'&]*'))*\s*`;
/**
 * A lookahead capturing attribute `key` of a tag's attribute list (first occurrence, any order): `dq` is the group
 * for a double-quoted value, one more group follows for a single-quoted one. Matches empty when there is none.
 */
const attrLook = (key: string, dq: string) =>
  String.raw`(?=(?:\s+(?!${key}\s*=)[^\s=/>"'<&]+\s*=\s*(?:"[^"&]*"|'[^'&]*'))*\s+${key}\s*=\s*(?:"${dq}"|'([^'&]*)')|)`;
/**
 * The tokenizer's alternatives (5 groups): text; CDATA (its text); a comment, declaration or processing instruction;
 * a tag: "/" of an end tag, local name (prefix dropped), the rest up to ">" (attributes, and "/" when self-closing).
 */
const TOKEN =
  String.raw`([^<]+)|<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<!(?!--|\[CDATA\[)[^>]*>|<\?(?:>|[\s\S]*?\?>)` +
  String.raw`|<(?![!?])(\/?)(?:[^\s\/>"':]*:)*([^\s\/>"':]*)((?:[^>"']|"[^"]*"|'[^']*')*)>`;
/** The tokenizer alone (5 groups), for the parts of a chunk that no fast alternative covers. */
const TOKEN_RE = new RegExp(TOKEN, "y");

/**
 * The layout most writers use (Excel, LibreOffice, openpyxl, ours): no prefix, no whitespace between tags,
 * attributes as ` name="value"` without entities. The canonical patterns below match only that, with few groups, and
 * are tried first; whatever they do not match goes through the general patterns (same result, a little slower).
 */
const CANON_ATTRS = String.raw`(?: [\w:.-]+="[^"&<>]*")*`;
/** A lookahead capturing canonical attribute `key` (one group; matches empty when there is none). */
const canonLook = (key: string) => String.raw`(?=(?: [\w:.-]+="[^"&<>]*")*? ${key}="([^"&<>]*)"|)`;

/** The error for a construct that the part never closes (the messages of the text scanner). */
function unterminated(s: string, p: number): Error {
  if (s.startsWith("<!--", p)) return new Error("unterminated comment");
  if (s.startsWith("<![CDATA[", p)) return new Error("unterminated CDATA");
  if (s.startsWith("<!", p)) return new Error("unterminated declaration");
  if (s.startsWith("<?", p)) return new Error("unterminated processing instruction");
  return new Error("unterminated tag");
}

/**
 * Where to end a chunk that should stop near `limit`: before the last "<" in (from, limit], preferably one that
 * starts or ends tag `name` (a `<row`/`</row>`, `<si`/`</si>`) among the last few; -1 when (from, limit] holds no "<".
 */
function cutBefore(b: Uint8Array, from: number, limit: number, name: string): number {
  const first = b.lastIndexOf(60, limit);
  if (first <= from) return -1;
  const n0 = name.charCodeAt(0);
  let i = first;
  for (let tries = 0; tries < 64 && i > from; tries++) {
    const k = b[i + 1] === 47 ? i + 2 : i + 1;
    if (b[k] === n0 && bytesAt(b, k, name)) return i;
    i = b.lastIndexOf(60, i - 1);
  }
  return first;
}

/**
 * Decodes b[from, to) chunk by chunk (about `size` bytes each, cut before a "<", so never inside a character) and
 * hands each to `scan(text, last)`, which returns how many characters it consumed: an unfinished construct at the end
 * of a chunk (a comment, CDATA or quoted value holding a "<") is carried into the next one, and the chunks grow while
 * one construct is bigger than a chunk. `scan` returns -1 to stop early (this returns false then).
 */
function scanChunks(b: Uint8Array, from: number, to: number, size: number, name: string, scan: (s: string, last: boolean) => number): boolean {
  let pos = from;
  let carry = "";
  let want = size;
  while (pos < to) {
    const end = to - pos <= want ? to : cutBefore(b, pos, pos + want, name);
    if (end < 0) {
      want *= 2;
      continue;
    }
    const s = carry + utf8Decoder.decode(b.subarray(pos, end));
    const last = end === to;
    const used = scan(s, last);
    if (used < 0) return false;
    carry = used < s.length ? s.slice(used) : "";
    pos = end;
    want = carry.length > want >> 2 ? want * 2 : size;
  }
  return true;
}

/** Value of attribute `key` in a start tag's attribute text (entities decoded), or undefined; for tags read slowly. */
function attrIn(s: string, key: string): string | undefined {
  const to = s.length;
  let i = 0;
  const space = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
  while (i < to) {
    // skip spaces, read a name up to "=" or a space
    while (i < to && space(s.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < to && s.charCodeAt(i) !== 61 && !space(s.charCodeAt(i))) i++;
    const nameEnd = i;
    while (i < to && s.charCodeAt(i) !== 61) i++;
    i++;
    while (i < to && space(s.charCodeAt(i))) i++;
    const q = s.charCodeAt(i);
    if (i >= to || (q !== 34 && q !== 39)) return undefined;
    const vEnd = s.indexOf(s[i], i + 1);
    if (vEnd < 0) return undefined;
    if (nameEnd - nameStart === key.length && s.startsWith(key, nameStart)) return decodeEntities(s.slice(i + 1, vEnd));
    i = vEnd + 1;
  }
  return undefined;
}

/**
 * A canonical `<si>`: one `<t>` (plain text 1, or text with "_" 2), or rich-text runs (3: `<r>`s whose `<rPr>` holds
 * only empty elements, so their text is what is left once the tags are taken out); phonetic runs and `<phoneticPr/>`
 * skipped.
 */
const SI_CANON_RE = new RegExp(
  String.raw`<si>(?:<t(?: xml:space="preserve")?>(?:([^<&_]*)|([^<&]*))<\/t>` +
    String.raw`|((?:<r>(?:<rPr>(?:<[\w:]+${CANON_ATTRS}\/>)*<\/rPr>)?<t(?: xml:space="preserve")?>[^<&]*<\/t><\/r>)+))` +
    String.raw`(?:<rPh${CANON_ATTRS}><t>[^<]*<\/t><\/rPh>)*(?:<phoneticPr${CANON_ATTRS}\/>)?<\/si>`,
  "y",
);
/** Any tag (in a canonical run list: no ">" inside attribute values). */
const ANY_TAG_RE = /<[^>]*>/g;

/**
 * Shared strings where SI_CANON_RE does not apply, fast alternatives first (4 groups before the tokenizer's): a `<si>` holding one `<t>` (plain text,
 * or text with "&" or "_"), optionally followed by phonetic runs (`<rPh>`, skipped) and `<phoneticPr/>`; then
 * whitespace. Rich text and anything unusual goes token by token.
 */
const SI_RE = new RegExp(
  String.raw`<${PFX}(si)(?=[\s>])${ATTRS}>\s*<${PFX}t(?=[\s>])${ATTRS}>(?:([^<&_]*)|([^<]*))<\/${PFX}t\s*>` +
    String.raw`(?:\s*(?:<${PFX}rPh(?=[\s>])${ATTRS}>\s*<${PFX}t(?=[\s>])${ATTRS}>[^<]*<\/${PFX}t\s*>\s*<\/${PFX}rPh\s*>|<${PFX}phoneticPr(?=[\s/>])${ATTRS}\/>))*` +
    String.raw`\s*<\/${PFX}si\s*>|(\s+)|` +
    TOKEN,
  "y",
);

/** Shared-string tables of this size and more are read by readSharedStringsScan. */
export const LARGE_SST_BYTES = 2 << 20;

/**
 * readSharedStrings on the part's bytes: the same strings, without decoding the whole part into one string (it is
 * decoded and read a chunk at a time). Tables of LARGE_SST_BYTES and more go to readSharedStringsScan (see there).
 * `chunkBytes` is for tests.
 */
export function readSharedStringsBytes(b: Uint8Array, chunkBytes = CHUNK_BYTES): string[] {
  b = plainBytes(b);
  if (b.length >= LARGE_SST_BYTES) return readSharedStringsScan(b);
  const out: string[] = [];
  const st = new OpenString(out);
  scanChunks(b, 0, b.length, chunkBytes, "si", (s, last) => {
    const n = s.length;
    let p = 0;
    while (p < n) {
      // The fast alternatives only where they mean the same as the tokens they stand for: outside <t> and <rPh>.
      const fast = !st.inT && st.phon === 0;
      if (fast) {
        SI_CANON_RE.lastIndex = p;
        const c = SI_CANON_RE.exec(s);
        if (c !== null) {
          p = SI_CANON_RE.lastIndex;
          st.cur = c[1] ?? c[2] ?? c[3].replace(ANY_TAG_RE, "");
          out.push(c[1] ?? unescCellText(st.cur));
          continue;
        }
      }
      const re = fast ? SI_RE : TOKEN_RE;
      re.lastIndex = p;
      const m = re.exec(s);
      if (m === null) {
        if (last) throw unterminated(s, p);
        return p;
      }
      p = re.lastIndex;
      const o = fast ? 4 : 0;
      if (fast) {
        if (m[1] !== undefined) {
          const plain = m[2];
          st.cur = plain !== undefined ? plain : decodeEntities(m[3]);
          out.push(plain !== undefined ? plain : unescCellText(st.cur));
          continue;
        }
        if (m[4] !== undefined) continue;
      }
      if (m[o + 1] !== undefined) {
        // Text (the text after the last tag of the part is not read, as before).
        if (st.reading() && !(last && p === n)) st.cur += decodeEntities(m[o + 1]);
      } else if (m[o + 2] !== undefined) {
        if (st.reading()) st.cur += m[o + 2];
      } else if (m[o + 4] !== undefined) {
        const rest = m[o + 5];
        const closing = m[o + 3] === "/";
        st.tag(m[o + 4], closing, !closing && rest.charCodeAt(rest.length - 1) === 47);
      }
    }
    return n;
  });
  return out;
}

interface RawValidation {
  sqref: string;
  formula: string;
}

/** Excel's grid: 1,048,576 rows × 16,384 columns (XFD). An address beyond it is an error for its sheet. */
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export interface ParsedSheet {
  /** Sparse rows, ascending; columns ascending within a row. */
  cells: SparseRow[];
  hiddenRows: number[];
  /** Hidden `<col>` ranges as read (never expanded). */
  hiddenColumnRanges: { first: number; last: number }[];
  merges: CellRange[];
  validations: RawValidation[];
  /** Set when the sheet holds an address beyond Excel's grid: its cells are then left out. */
  error?: Bilingual;
  /** Shared-string indexes that were not plain non-negative integers in range (their cells read as blank). */
  badStringIndexes: string[];
  /** Skimmed (parseSheetBytes with `skim`): the sheet holds `values` values, none of them a label; `cells` is empty. */
  labels?: false;
  values?: number;
}

/** Thrown inside the scan to stop at the first address beyond the grid. */
class OutOfGrid extends Error {
  constructor(readonly where: string) {
    super(where);
  }
}

const PLAIN_INDEX_RE = /^\s*(\d{1,9})\s*$/;

function outOfGridMessage(where: string): Bilingual {
  return {
    ja: `Excel のシートの範囲（1,048,576 行 × 16,384 列、XFD 列まで）を超える番地 ${where} があるため、このシートは読み込みませんでした。`,
    en: `This sheet was not read: it holds the address ${where}, beyond Excel's grid (1,048,576 rows × 16,384 columns, up to XFD).`,
  };
}

/** Row number (0-based) of an A1 reference's digits, or NaN. */
function rowOfRef(ref: string): number {
  let i = ref.length;
  while (i > 0) {
    const c = ref.charCodeAt(i - 1);
    if (c < 48 || c > 57) break;
    i--;
  }
  if (i === ref.length) return NaN;
  return Number(ref.slice(i)) - 1;
}

/**
 * Scans one worksheet part into sparse rows. Fast path: only `r`, `t` and `s` are read from a cell's tag, and only
 * the text of `<v>`, `<t>` and validation formulas is decoded. Memory grows with the cells held, never with their
 * addresses; an address beyond Excel's grid stops the scan and marks the sheet unreadable.
 */
export function parseSheet(xml: string, sst: string[]): ParsedSheet {
  const rows = new RowCollector();
  const hiddenRows: number[] = [];
  const hiddenColumnRanges: { first: number; last: number }[] = [];
  const merges: CellRange[] = [];
  const validations: RawValidation[] = [];
  const badStringIndexes: string[] = [];
  let row = -1;
  let col = -1;
  const cell = new OpenCell();
  let textTarget: "" | "v" | "t" | "f" | "sqref" | "formula1" = "";
  const gate = { on: false };
  let phon = 0;
  // Validation being read: classic <dataValidation> or x14 one in extLst.
  let dv: { type: string; sqref: string; formula: string } | null = null;
  let inFormula1 = false;

  const put = (val: CellValue): void => rows.put(row, col, val);
  const setTarget = (t: typeof textTarget) => {
    textTarget = t;
    gate.on = t !== "";
  };

  let error: Bilingual | undefined;
  try {
    scanXml(xml, {
      gate,
      open(name, raw, selfClosing) {
        switch (name) {
          case "row": {
            row = rowNumber(quickAttr(raw, "r"), row);
            col = -1;
            const h = raw.indexOf("hidden") >= 0 ? quickAttr(raw, "hidden") : undefined;
            if (h === "1" || h === "true") hiddenRows.push(row);
            return;
          }
          case "c": {
            const r = quickAttr(raw, "r");
            [row, col] = cellAt(r, row, col);
            cell.start(r, quickAttr(raw, "t"), selfClosing);
            return;
          }
          case "v":
            if (cell.startV(selfClosing)) setTarget("v");
            return;
          case "t":
            if (cell.startT(selfClosing, phon)) setTarget("t");
            return;
          case "rPh":
            // also for `<rPh/>`: scanXml closes it right away
            phon++;
            return;
          case "col": {
            const a = parseAttrs(raw);
            if (a.hidden === "1" || a.hidden === "true") {
              const min = Math.max(parseInt(a.min ?? "0", 10), 1);
              const max = Math.min(parseInt(a.max ?? "0", 10), MAX_COLS);
              if (Number.isFinite(min) && Number.isFinite(max) && max >= min) hiddenColumnRanges.push({ first: min - 1, last: max - 1 });
            }
            return;
          }
          case "mergeCell": {
            const ref = parseAttrs(raw).ref;
            const r = ref ? parseRef(ref) : null;
            if (r) merges.push(r);
            return;
          }
          case "dataValidation": {
            const a = parseAttrs(raw);
            dv = { type: a.type ?? "", sqref: a.sqref ?? "", formula: "" };
            if (selfClosing) dv = null;
            return;
          }
          case "formula1":
            if (dv) inFormula1 = true;
            if (dv && !selfClosing) setTarget("formula1");
            return;
          case "f":
            // Inside x14:formula1 the formula is in <xm:f>.
            if (dv && inFormula1 && !selfClosing) setTarget("formula1");
            return;
          case "sqref":
            if (dv && !selfClosing) setTarget("sqref");
            return;
        }
      },
      text(t) {
        switch (textTarget) {
          case "v":
            cell.v += t;
            return;
          case "t":
            if (phon === 0) cell.inline += t;
            return;
          case "formula1":
            if (dv) dv.formula += t;
            return;
          case "sqref":
            if (dv) dv.sqref += t;
            return;
        }
      },
      close(name) {
        switch (name) {
          case "v":
          case "t":
          case "sqref":
            setTarget("");
            return;
          case "f":
            if (textTarget === "formula1") setTarget("");
            return;
          case "formula1":
            inFormula1 = false;
            setTarget("");
            return;
          case "rPh":
            phon--;
            return;
          case "dataValidation":
            if (dv && dv.type === "list") validations.push({ sqref: dv.sqref.trim(), formula: dv.formula.trim() });
            dv = null;
            return;
          case "c":
            put(cell.end(sst, badStringIndexes));
            return;
        }
      },
    });
  } catch (e) {
    if (!(e instanceof OutOfGrid)) throw e;
    error = outOfGridMessage(e.where);
  }
  if (error) return { cells: [], hiddenRows: [], hiddenColumnRanges: [], merges: [], validations: [], error, badStringIndexes };
  return { cells: rows.done(), hiddenRows, hiddenColumnRanges, merges, validations, badStringIndexes };
}

/** A `<row>` start tag: `r` (digits, else the value in double or single quotes) and `hidden` (two groups). */
const ROW_TAG = String.raw`<${PFX}(row)(?=[\s/>])${attrLook("r", String.raw`(?:(\d{1,7})|([^"&]*))`)}${attrLook("hidden", `([^"&]*)`)}${ATTRS}\/?>`;
/**
 * A sheet's cells, fast alternatives first (22 groups before the tokenizer's), after any whitespace:
 *  - a `<c>` (7) with its `r` (letters 8 and digits 9 when plain, else 10 or 11) and `t` (12, 13), self-closing,
 *    empty or holding one plain `<v>` (digits 14, else 15); preceded by the end of the previous row and the start of
 *    its own (1-6: see ROW_TAG) when they are there;
 *  - a `<row>` (16-21) alone, possibly after the end of the previous row; the end of a row (22).
 * So a row of plain cells costs one match per cell. Anything else (inline strings, CDATA, comments, entities in
 * attributes…) goes token by token.
 */
const SHEET_GROUPS = 22;
const SHEET_RE = new RegExp(
  String.raw`\s*(?:(?:<\/${PFX}row\s*>\s*)?(?:${ROW_TAG}\s*)?` +
    String.raw`<${PFX}(c)(?=[\s/>])${attrLook("r", String.raw`(?:([A-Z]{1,3})(\d{1,7})|([^"&]*))`)}${attrLook("t", `([^"&]*)`)}${ATTRS}` +
    String.raw`(?:\/>|>\s*(?:<${PFX}v>(?:(\d{1,9})|([^<]*))<\/${PFX}v\s*>\s*)?<\/${PFX}c\s*>)` +
    String.raw`|(?:<\/${PFX}row\s*>\s*)?${ROW_TAG}|(<\/${PFX}row\s*>))|` +
    TOKEN,
  "y",
);

/** Cells per match of CELLS_CANON_RE (a whole row of a checklist, usually). */
const CANON_CELLS = 4;
/** Groups per canonical cell: `r` letters and digits, `t`, `<v>` digits, else `<v>` text. */
const CELL_GROUPS = 5;
/**
 * Canonical cells: the end of the previous row (ignored), the start of a row (its `r` 1 and `hidden` 2), up to
 * CANON_CELLS cells (from group 3, CELL_GROUPS each; self-closing or holding one `<v>`), the end of the row; each
 * part optional, so this matches empty where none applies.
 */
const CELLS_CANON_RE = new RegExp(
  String.raw`(?:<\/row>)?(?:<row r="(\d{1,7})"${canonLook("hidden")}${CANON_ATTRS}>)?` +
    `(?:${String.raw`<c r="([A-Z]{1,3})(\d{1,7})"${canonLook("t")}${CANON_ATTRS}(?:\/>|>(?:<v>(?:(\d{1,9})|([^<&]*))<\/v>)?<\/c>)`}`.repeat(CANON_CELLS) +
    ")?".repeat(CANON_CELLS) +
    String.raw`(?:<\/row>)?`,
  "y",
);

/** What makes a sheet part unfit for parseSheetBytes: a formula tag (`<f>`, `<f …>`, `<f/>`), or a second `</sheetData>`. */
const NOT_FAST_RE = /<f[> \/\t\n\r]|<\/sheetData>/;

/**
 * parseSheet on the part's bytes, for sheets without formulas (their text is needed for readSheetFormulas): the
 * cells of `<sheetData>` are decoded and read in chunks of `chunkBytes` (see scanChunks; the argument is for tests),
 * the small rest of the part (columns, merged cells, validations) through parseSheet. The same result as parseSheet
 * on the decoded text (tested side by side); null when this path does not apply (formulas, a prefixed or second
 * `<sheetData>`), and the caller decodes the part and uses parseSheet. With `skim`, the cells are first only looked
 * at (see parseCells): a sheet without any text `skim` accepts comes back without cells, `labels: false`.
 */
export function parseSheetBytes(b: Uint8Array, sst: string[], chunkBytes = CHUNK_BYTES, skim?: (text: string) => boolean): ParsedSheet | null {
  if (skim) {
    try {
      return parseCells(b, sst, chunkBytes, skim);
    } catch (e) {
      if (e !== LABEL_FOUND) throw e;
    }
  }
  return parseCells(b, sst, chunkBytes, undefined);
}

/** Thrown by a skimming parseCells at the first text that may be a label: the sheet is then parsed in full. */
const LABEL_FOUND = new Error("label found");

/**
 * parseSheetBytes. With `skim`, cells are only looked at, not kept: each text value is given to `skim`, and the first
 * one it accepts stops the scan (LABEL_FOUND); a sheet that ends without one comes back with no cells, `labels` false
 * and the number of values it holds.
 */
function parseCells(b: Uint8Array, sst: string[], chunkBytes: number, skim: ((text: string) => boolean) | undefined): ParsedSheet | null {
  b = plainBytes(b);
  const sdStart = indexOfBytes(b, "<sheetData", 0);
  if (sdStart < 0) return null;
  const sdOpenEnd = b.indexOf(62, sdStart);
  if (sdOpenEnd < 0 || b[sdOpenEnd - 1] === 47) return null;
  // The cells end at the last </sheetData>; one more before it (a damaged or crafted part) is left to parseSheet.
  const sdEnd = lastIndexOfBytes(b, "</sheetData>", sdOpenEnd);
  if (sdEnd < 0) return null;
  const head = utf8Decoder.decode(b.subarray(0, sdOpenEnd + 1));
  const tail = utf8Decoder.decode(b.subarray(sdEnd));
  if (NOT_FAST_RE.test(head) || NOT_FAST_RE.test(tail.slice(12))) return null;
  const outer = parseSheet(head + tail, sst);
  // Cells outside <sheetData> (in a damaged or crafted part): the text parser reads them all.
  if (outer.cells.length || outer.error || outer.hiddenRows.length) return null;

  const rows = skim ? new SkimCollector(skim) : new RowCollector();
  const hiddenRows: number[] = [];
  const bad: string[] = [];
  let row = -1;
  let col = -1;
  const cell = new OpenCell();
  let target = 0; // 0 none, 1 <v>, 2 <t>
  let phon = 0;
  const nsst = sst.length;
  /** The row the canonical path last added to. */
  let cur: SparseRow | null = null;

  /** A `<row>`: its number from `r` (`digits` when plain) or the one after the previous row; hidden or not. */
  const startRow = (digits: string | undefined, r: string | undefined, hidden: string | undefined): void => {
    row = digits !== undefined ? +digits - 1 : rowNumber(r, row);
    if (row >= MAX_ROWS) throw new OutOfGrid(`row ${digits}`);
    col = -1;
    if (hidden === "1" || hidden === "true") hiddenRows.push(row);
  };
  const scan = (s: string, last: boolean): number => {
    if (NOT_FAST_RE.test(s)) return -1;
    const n = s.length;
    let p = 0;
    while (p < n) {
      // The fast alternatives only where they mean the same as the tokens they stand for: between cells.
      const fast = target === 0 && !cell.open;
      if (fast) {
        CELLS_CANON_RE.lastIndex = p;
        const c = CELLS_CANON_RE.exec(s)!;
        if (CELLS_CANON_RE.lastIndex > p) {
          p = CELLS_CANON_RE.lastIndex;
          if (c[1] !== undefined) startRow(c[1], c[1], c[2]);
          for (let g = 3; g < 3 + CANON_CELLS * CELL_GROUPS; g += CELL_GROUPS) {
            const letters = c[g];
            if (letters === undefined) break;
            let k = letters.charCodeAt(0) - 64;
            if (letters.length > 1) k = k * 26 + letters.charCodeAt(1) - 64;
            if (letters.length > 2) k = k * 26 + letters.charCodeAt(2) - 64;
            col = k - 1;
            row = +c[g + 1] - 1;
            if (col >= MAX_COLS || row >= MAX_ROWS) throw new OutOfGrid(letters + c[g + 1]);
            cell.open = false;
            const digits = c[g + 3];
            if (digits === undefined && c[g + 4] === undefined) continue;
            const type = c[g + 2];
            const val =
              digits !== undefined && type === undefined
                ? +digits
                : digits !== undefined && type === "s" && +digits < nsst
                  ? sst[+digits]
                  : cellValue(type ?? "n", digits ?? c[g + 4], true, "", false, sst, letters + c[g + 1], bad);
            if (val === null || row < 0) continue;
            if (skim !== undefined) {
              rows.put(row, col, val);
              continue;
            }
            if (cur === null || cur.row !== row) cur = rows.rowAt(row);
            const cols = cur.cols;
            const n = cols.length;
            if (n !== 0 && cols[n - 1] >= col) rows.outOfOrder(cur);
            cols.push(col);
            cur.vals.push(val);
          }
          continue;
        }
      }
      const re = fast ? SHEET_RE : TOKEN_RE;
      re.lastIndex = p;
      const m = re.exec(s);
      if (m === null) {
        if (last) throw unterminated(s, p);
        return p;
      }
      p = re.lastIndex;
      let o = 0;
      if (fast) {
        if (m[1] !== undefined) startRow(m[2], m[3] ?? m[4], m[5] ?? m[6]);
        if (m[7] !== undefined) {
          // <c …/>, <c …></c> or <c …><v>…</v></c>
          const letters = m[8];
          if (letters !== undefined) {
            let c = letters.charCodeAt(0) - 64;
            if (letters.length > 1) c = c * 26 + letters.charCodeAt(1) - 64;
            if (letters.length > 2) c = c * 26 + letters.charCodeAt(2) - 64;
            col = c - 1;
            row = +m[9] - 1;
            if (col >= MAX_COLS || row >= MAX_ROWS) throw new OutOfGrid(letters + m[9]);
          } else [row, col] = cellAt(m[10] ?? m[11], row, col);
          cell.open = false;
          const digits = m[14];
          if (digits === undefined && m[15] === undefined) continue;
          const type = m[12] ?? m[13];
          if (digits !== undefined && type === undefined) rows.put(row, col, +digits);
          else if (digits !== undefined && type === "s" && +digits < nsst) rows.put(row, col, sst[+digits]);
          else {
            const ref = letters !== undefined ? letters + m[9] : (m[10] ?? m[11] ?? "");
            rows.put(row, col, cellValue(type ?? "n", digits ?? decodeEntities(m[15]), true, "", false, sst, ref, bad));
          }
          continue;
        }
        if (m[16] !== undefined) {
          startRow(m[17], m[18] ?? m[19], m[20] ?? m[21]);
          continue;
        }
        if (m[22] !== undefined) continue;
        o = SHEET_GROUPS;
      }
      if (m[o + 1] !== undefined || m[o + 2] !== undefined) {
        // Text or CDATA (the text after the last tag of the cells is not read, as before).
        const raw = m[o + 1] === undefined;
        if (!target || (!raw && last && p === n)) continue;
        const t = raw ? m[o + 2] : decodeEntities(m[o + 1]);
        if (target === 1) cell.v += t;
        else if (phon === 0) cell.inline += t;
        continue;
      }
      const tag = m[o + 4];
      if (tag === undefined) continue; // comment, declaration, processing instruction
      if (tag !== "c" && tag !== "v" && tag !== "t" && tag !== "row" && tag !== "rPh") continue;
      const rest = m[o + 5];
      if (m[o + 3] === "/") {
        if (tag === "v" || tag === "t") target = 0;
        else if (tag === "rPh") phon--;
        else if (tag === "c") rows.put(row, col, cell.end(sst, bad));
        continue;
      }
      const selfClosing = rest.charCodeAt(rest.length - 1) === 47;
      const attrs = selfClosing ? rest.slice(0, -1) : rest;
      switch (tag) {
        case "row":
          startRow(undefined, attrIn(attrs, "r"), attrIn(attrs, "hidden"));
          break;
        case "c": {
          const r = attrIn(attrs, "r");
          [row, col] = cellAt(r, row, col);
          cell.start(r, attrIn(attrs, "t"), selfClosing);
          break;
        }
        case "v":
          if (cell.startV(selfClosing)) target = 1;
          break;
        case "t":
          if (cell.startT(selfClosing, phon)) target = 2;
          break;
        case "rPh":
          if (!selfClosing) phon++;
          break;
      }
    }
    return n;
  };

  try {
    if (!scanChunks(b, sdOpenEnd + 1, sdEnd, chunkBytes, "row", scan)) return null;
  } catch (e) {
    if (!(e instanceof OutOfGrid)) throw e;
    return { cells: [], hiddenRows: [], hiddenColumnRanges: [], merges: [], validations: [], error: outOfGridMessage(e.where), badStringIndexes: bad };
  }
  const parsed: ParsedSheet = { cells: rows.done(), hiddenRows, hiddenColumnRanges: outer.hiddenColumnRanges, merges: outer.merges, validations: outer.validations, badStringIndexes: bad };
  if (rows instanceof SkimCollector && rows.values > 0) {
    parsed.labels = false;
    parsed.values = rows.values;
  }
  return parsed;
}

/** A `<row>`'s 0-based number (both sheet parsers): from `r` when it is plain digits, else the one after `prev`. */
function rowNumber(r: string | undefined, prev: number): number {
  const row = r && /^\s*\d+\s*$/.test(r) ? Number(r) - 1 : prev + 1;
  if (row >= MAX_ROWS) throw new OutOfGrid(`row ${r ?? row + 1}`);
  return row;
}

/** The `<c>` being read (both sheet parsers): its reference and type, and the text of its `<v>` and inline `<t>`. */
class OpenCell {
  open = false;
  ref = "";
  type = "n";
  v = "";
  inline = "";
  hasV = false;
  hasInline = false;

  /** A `<c>` start tag (its position comes from cellAt); what an earlier cell held is dropped. */
  start(ref: string | undefined, type: string | undefined, selfClosing: boolean): void {
    this.open = !selfClosing;
    this.ref = ref ?? "";
    this.type = type ?? "n";
    this.v = "";
    this.inline = "";
    this.hasV = false;
    this.hasInline = false;
  }

  /** A `<v>` start tag: true when the text that follows is this cell's value. */
  startV(selfClosing: boolean): boolean {
    if (!this.open || selfClosing) return false;
    this.hasV = true;
    return true;
  }

  /** A `<t>` start tag outside phonetic runs (`phon` deep): true when the text that follows is inline text. */
  startT(selfClosing: boolean, phon: number): boolean {
    if (!this.open || selfClosing || phon !== 0) return false;
    this.hasInline = true;
    return true;
  }

  /** The `</c>` tag: the cell's value, or null when no cell is open. */
  end(sst: string[], bad: string[]): CellValue {
    if (!this.open) return null;
    this.open = false;
    return cellValue(this.type, this.v, this.hasV, this.inline, this.hasInline, sst, this.ref, bad);
  }
}

/**
 * The position of a `<c>` tag (shared by both sheet parsers): from its `r` attribute, else the column after the
 * previous cell on the current row. Beyond Excel's grid: OutOfGrid.
 */
function cellAt(r: string | undefined | null, row: number, col: number): [number, number] {
  if (r) {
    const c = colOfRef(r);
    const rr = rowOfRef(r);
    const at = Number.isFinite(rr) ? rr : row;
    if (c >= MAX_COLS || at >= MAX_ROWS) throw new OutOfGrid(r);
    return [at, c];
  }
  if (col + 1 >= MAX_COLS) throw new OutOfGrid(`column ${col + 2}`);
  return [row, col + 1];
}

/** A cell's value from what its tag held (shared by both sheet parsers). */
function cellValue(cellType: string, v: string, hasV: boolean, inlineText: string, hasInline: boolean, sst: string[], cellRef: string, bad: string[]): CellValue {
  switch (cellType) {
    case "s": {
      if (!hasV) return null;
      const m = PLAIN_INDEX_RE.exec(v);
      const idx = m ? Number(m[1]) : -1;
      if (idx >= 0 && idx < sst.length) return sst[idx];
      if (bad.length < 1000) bad.push(cellRef || `${v}`);
      return null;
    }
    case "inlineStr":
      return hasInline ? unescCellText(inlineText) : hasV ? v : null;
    case "str":
    case "e":
    case "d":
      return hasV ? v : null;
    case "b":
      return hasV ? v.trim() === "1" || v.trim() === "true" : null;
    default: {
      if (hasV && v.trim() !== "") {
        const n = Number(v);
        return Number.isFinite(n) ? n : v;
      }
      return null;
    }
  }
}

/** Cells collected into sparse rows as a sheet part lists them (shared by both sheet parsers). */
class RowCollector {
  /** Rows by number, made once a row comes out of order (until then a cell can only join the last row). */
  private byRow: Map<number, SparseRow> | null = null;
  private readonly order: SparseRow[] = [];
  private readonly unsorted = new Set<SparseRow>();
  private ascending = true;

  /** Adds a cell; blank values and cells without a position are left out. */
  put(row: number, col: number, val: CellValue): void {
    if (val === null || row < 0 || col < 0) return;
    const r = this.rowAt(row);
    const n = r.cols.length;
    if (n && r.cols[n - 1] >= col) this.unsorted.add(r);
    r.cols.push(col);
    r.vals.push(val);
  }

  /** The row numbered `row` (>= 0), made when new (for callers adding cells to it themselves, see `outOfOrder`). */
  rowAt(row: number): SparseRow {
    const order = this.order;
    const n = order.length;
    const last = n !== 0 ? order[n - 1] : null;
    if (last !== null && last.row === row) return last;
    if (last !== null && (last.row > row || this.byRow !== null)) {
      let map = this.byRow;
      if (map === null) {
        map = this.byRow = new Map();
        for (const r of order) map.set(r.row, r);
      }
      const found = map.get(row);
      if (found) return found;
      const r: SparseRow = { row, cols: [], vals: [] };
      map.set(row, r);
      if (last.row > row) this.ascending = false;
      order.push(r);
      return r;
    }
    // Ascending so far and past the last row: a new row.
    const r: SparseRow = { row, cols: [], vals: [] };
    order.push(r);
    return r;
  }

  /** Marks a row whose columns were added out of order (sorted in `done`). */
  outOfOrder(r: SparseRow): void {
    this.unsorted.add(r);
  }

  /** The rows, ascending, columns ascending within each (rows written out of order are sorted once, here). */
  done(): SparseRow[] {
    for (const r of this.unsorted) sortRow(r);
    if (!this.ascending) this.order.sort((x, y) => x.row - y.row);
    return this.order;
  }
}

/** A RowCollector that keeps nothing: it counts the values and stops the scan at the first text `skim` accepts. */
class SkimCollector extends RowCollector {
  values = 0;
  constructor(private readonly skim: (text: string) => boolean) {
    super();
  }

  override put(row: number, col: number, val: CellValue): void {
    if (val === null || row < 0 || col < 0) return;
    this.values++;
    if (typeof val === "string" && this.skim(val)) throw LABEL_FOUND;
  }
}

/** Puts a row written out of order into column order; a column written twice keeps its last value. */
function sortRow(r: SparseRow): void {
  const idx = r.cols.map((_, i) => i);
  idx.sort((a, b) => r.cols[a] - r.cols[b] || a - b);
  const cols: number[] = [];
  const vals: CellValue[] = [];
  for (const i of idx) {
    if (cols.length && cols[cols.length - 1] === r.cols[i]) vals[vals.length - 1] = r.vals[i];
    else {
      cols.push(r.cols[i]);
      vals.push(r.vals[i]);
    }
  }
  r.cols = cols;
  r.vals = vals;
}

/** Splits a sqref ("E5:E20 G5") into ranges. */
export function sqrefRanges(sqref: string): CellRange[] {
  const out: CellRange[] = [];
  for (const p of sqref.split(/\s+/)) {
    if (!p) continue;
    const r = parseRef(p);
    if (r) out.push(r);
  }
  return out;
}

/** `"a,b,c"` -> items (quotes un-doubled, blanks trimmed); null when not a literal list. */
export function literalList(formula: string): string[] | null {
  const f = formula.trim();
  if (f.length < 2 || f[0] !== '"' || f[f.length - 1] !== '"') return null;
  const body = f.slice(1, -1).replace(/""/g, '"');
  return body.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** "Sheet2!$A$1:$A$4", "'My sheet'!A1:A3", "$H$1:$H$4" -> sheet (or null for same sheet) + range. */
export function splitRef(ref: string): { sheet: string | null; range: CellRange } | null {
  let f = ref.trim();
  if (f.startsWith("=")) f = f.slice(1);
  let sheet: string | null = null;
  const bang = f.lastIndexOf("!");
  if (bang >= 0) {
    let s = f.slice(0, bang);
    if (s.startsWith("'") && s.endsWith("'")) s = s.slice(1, -1).replace(/''/g, "'");
    sheet = s;
    f = f.slice(bang + 1);
  }
  const range = parseRef(f);
  return range ? { sheet, range } : null;
}

function cellText(v: CellValue): string {
  return v == null ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
}

/** Cell lookup over one parsed sheet (absolute, 0-based). */
export type CellGetter = (row: number, col: number) => CellValue;

/** A getter over sparse rows (rows by number, columns by bisection). */
export function cellGetter(cells: SparseRow[]): CellGetter {
  // Built on the first lookup: most sheets are never looked up this way (only validation lists are).
  let byRow: Map<number, SparseRow> | null = null;
  return (row, col) => {
    if (byRow === null) {
      byRow = new Map();
      for (const x of cells) byRow.set(x.row, x);
    }
    const r = byRow.get(row);
    if (!r) return null;
    let lo = 0;
    let hi = r.cols.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = r.cols[mid];
      if (c === col) return r.vals[mid] ?? null;
      if (c < col) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  };
}

/**
 * A dense grid of sparse rows, for the few small sheets read whole (the add-in's own results and plan sheets).
 * Null when it would hold more than `maxCells` slots (a crafted sheet): the caller then treats it as empty.
 */
export function denseOf(cells: SparseRow[], maxCells = 2_000_000): CellValue[][] | null {
  let slots = 0;
  let rows = 0;
  for (const r of cells) {
    slots += r.cols.length ? r.cols[r.cols.length - 1] + 1 : 0;
    rows = Math.max(rows, r.row + 1);
  }
  if (slots + rows > maxCells) return null;
  const out: CellValue[][] = [];
  for (let i = 0; i < rows; i++) out.push([]);
  for (const r of cells) {
    const line = out[r.row];
    for (let i = 0; i < r.cols.length; i++) {
      while (line.length < r.cols[i]) line.push(null);
      line[r.cols[i]] = r.vals[i];
    }
  }
  return out;
}

/** Resolves a validation formula to its items, or null. */
function resolveList(
  formula: string,
  sheetIndex: number,
  sheets: { name: string; get: CellGetter }[],
  names: DefinedName[],
  depth = 0,
): string[] | null {
  const lit = literalList(formula);
  if (lit) return lit;
  const ref = splitRef(formula);
  if (ref) {
    const target = ref.sheet === null ? sheets[sheetIndex] : sheets.find((s) => s.name.toLowerCase() === ref.sheet!.toLowerCase());
    if (!target) return null;
    const { top, left, bottom, right } = ref.range;
    if ((bottom - top + 1) * (right - left + 1) > 10000) return null;
    const items: string[] = [];
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        const t = cellText(target.get(r, c)).trim();
        if (t) items.push(t);
      }
    }
    return items;
  }
  const name = formula.trim().replace(/^=/, "");
  if (depth < 3 && /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) {
    const lower = name.toLowerCase();
    const hit =
      names.find((n) => n.name.toLowerCase() === lower && n.localSheetId === sheetIndex) ??
      names.find((n) => n.name.toLowerCase() === lower && n.localSheetId === null);
    if (hit) return resolveList(hit.value, hit.localSheetId ?? sheetIndex, sheets, names, depth + 1);
  }
  return null;
}

/**
 * Worksheet parts from this size on are skimmed before they are parsed (parseSheetBytes with `mayBeLabel`): one
 * without any text that may be a label keeps no cells until asked for. Smaller ones are parsed at once (a skim
 * would cost more than it saves).
 */
export const SKIM_BYTES = 1 << 20;

/** Cells parsed on first use (once), and their getter. */
function lazyCells(parse: () => SparseRow[]): { cells: () => SparseRow[]; get: () => CellGetter } {
  let cells: SparseRow[] | null = null;
  let get: CellGetter | null = null;
  return {
    cells: () => (cells ??= parse()),
    get: () => (get ??= cellGetter((cells ??= parse()))),
  };
}

/** A sheet's lazily built properties: how to parse its cells (a skimmed sheet), and what was built or set. */
interface LazySheet {
  parse?: () => SparseRow[];
  cells?: SparseRow[];
  dense?: CellValue[][];
}
const lazySheets = new WeakMap<SheetInput, LazySheet>();

function lazyOf(sheet: SheetInput): LazySheet {
  let l = lazySheets.get(sheet);
  if (!l) lazySheets.set(sheet, (l = {}));
  return l;
}

// The same getter and setter for every sheet read. Accessors made afresh for each sheet (closures over the workbook
// being read) kept every workbook read alive through V8's minor collections until the next full one (measured in a
// 200-file batch worker: ~11 MB held after 100 files and copied by each minor collection, ~8 % of the batch's time).
const DENSE_VALUES: PropertyDescriptor = {
  enumerable: false,
  configurable: true,
  get(this: SheetInput): CellValue[][] {
    const l = lazyOf(this);
    return (l.dense ??= denseOf(this.cells ?? []) ?? []);
  },
  set(this: SheetInput, v: CellValue[][]): void {
    lazyOf(this).dense = v;
  },
};
const LAZY_CELLS: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: SheetInput): SparseRow[] {
    const l = lazyOf(this);
    return (l.cells ??= l.parse ? l.parse() : []);
  },
  set(this: SheetInput, v: SparseRow[]): void {
    lazyOf(this).cells = v;
  },
};

/** Reads every worksheet of an .xlsx within `limits`. Throws XlsxError on anything that is not a readable workbook. */
export function readWorkbook(bytes: Uint8Array, limits?: Partial<ReadLimits>, onProgress?: (sheet: number, sheets: number) => void): WorkbookInput {
  const pkg = openPackage(bytes, limits);
  return readPackage(pkg, onProgress);
}

/**
 * Cell getters of only the named worksheets (for callers that need a few sheets, e.g. the annotator).
 * Missing names are left out of the map; a sheet beyond Excel's grid reads as empty.
 */
export interface SheetGrid {
  get: CellGetter;
  cells: SparseRow[];
}

export function readSheetGrids(pkg: Package, info: WorkbookInfo, names: Set<string>): Map<string, SheetGrid> {
  const out = new Map<string, SheetGrid>();
  const wanted = info.sheets.filter((e) => e.isWorksheet && names.has(e.name));
  if (!wanted.length) return out;
  let sst: string[] = [];
  try {
    if (info.sharedStringsPart) sst = readSharedStringsBytes(pkg.bytes(info.sharedStringsPart) ?? new Uint8Array(0));
    for (const e of wanted) {
      const bytes = pkg.bytes(e.part);
      if (bytes === undefined) throw new Error(`missing ${e.part || e.name}`);
      const cells = (parseSheetBytes(bytes, sst) ?? parseSheet(pkg.textOf(e.part, bytes), sst)).cells;
      out.set(e.name, { get: cellGetter(cells), cells });
    }
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw xlsxError("corrupt", e instanceof Error ? e.message : String(e));
  }
  return out;
}

/** Same as readWorkbook on an opened package. `skimBytes`: the size from which a sheet is skimmed (tests lower it). */
export function readPackage(pkg: Package, onProgress?: (sheet: number, sheets: number) => void, skimBytes = SKIM_BYTES): WorkbookInput {
  const info = workbookInfo(pkg);
  let sst: string[] = [];
  try {
    if (info.sharedStringsPart) sst = readSharedStringsBytes(pkg.bytes(info.sharedStringsPart) ?? new Uint8Array(0));
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw xlsxError("corrupt", `${info.sharedStringsPart}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed: { name: string; get: CellGetter; p: ParsedSheet | null; entry: SheetEntry; cells?: () => SparseRow[] }[] = [];
  const none: CellGetter = () => null;
  const warnings: Bilingual[] = [];
  // Formulas and charts (for the workbook's own results): read beside the values, bounded per workbook.
  const formulaBudget = { left: MAX_FORMULAS };
  const chartBudget = { left: MAX_CHARTS };
  const formulas = new Map<string, FormulaCell[]>();
  const charts: ChartInput[] = [];
  for (const entry of info.sheets) {
    let p: ParsedSheet | null = null;
    onProgress?.(parsed.length + 1, info.sheets.length);
    if (entry.isWorksheet) {
      const bytes = pkg.bytes(entry.part);
      if (bytes === undefined) throw xlsxError("corrupt", `missing ${entry.part || entry.name}`);
      // Sheets without formulas are read from their bytes; the others are decoded (their formulas are read too).
      let xml: string | null = null;
      try {
        // A large sheet is skimmed first: without a text that may be a label, its cells are parsed only when asked for.
        p = parseSheetBytes(bytes, sst, CHUNK_BYTES, bytes.length >= skimBytes ? mayBeLabel : undefined);
        if (!p) {
          xml = pkg.textOf(entry.part, bytes);
          p = parseSheet(xml, sst);
        }
      } catch (e) {
        if (e instanceof XlsxError) throw e;
        throw xlsxError("corrupt", `${entry.part}: ${e instanceof Error ? e.message : String(e)}`);
      }
      formulas.set(entry.name, xml === null ? [] : readSheetFormulas(xml, formulaBudget));
      charts.push(...readSheetCharts(pkg, entry.part, entry.name, chartBudget));
      if (p.badStringIndexes.length) {
        const list = p.badStringIndexes.slice(0, 5).join(", ") + (p.badStringIndexes.length > 5 ? ", …" : "");
        warnings.push({
          ja: `シート「${entry.name}」: 共有文字列の番号が正しくないセルを空欄として読みました（${list}）。`,
          en: `Sheet "${entry.name}": cells with an invalid shared-string index were read as blank (${list}).`,
        });
      }
    }
    if (p?.labels === false) {
      const part = entry.part;
      const lazy = lazyCells(() => {
        const again = parseSheetBytes(pkg.bytes(part) ?? new Uint8Array(0), sst);
        if (!again) throw xlsxError("corrupt", `${part}: changed while read`);
        return again.cells;
      });
      parsed.push({ name: entry.name, get: (r, c) => lazy.get()(r, c), p, entry, cells: () => lazy.cells() });
    } else parsed.push({ name: entry.name, get: p ? cellGetter(p.cells) : none, p, entry });
  }
  // Sheet indexes for localSheetId count every <sheet> entry (chart sheets included).
  const sheets: SheetInput[] = [];
  parsed.forEach((s, i) => {
    if (!s.p) return;
    const validations: ListValidation[] = [];
    for (const v of s.p.validations) {
      const items = resolveList(v.formula, i, parsed, info.definedNames);
      for (const range of sqrefRanges(v.sqref)) validations.push({ range, items: items ? [...items] : null });
    }
    const lazy = s.cells;
    const out: SheetInput = {
      name: s.name,
      values: [],
      cells: s.p.cells,
      originRow: 0,
      originCol: 0,
      hiddenColumns: [],
      hiddenColumnRanges: s.p.hiddenColumnRanges,
      hiddenRows: s.p.hiddenRows,
      merges: s.p.merges,
      validations,
    };
    if (lazy) {
      // Skimmed without a label: parsed when something asks for its cells (a formula, a list, the user's own range).
      out.labels = false;
      lazySheets.set(out, { parse: lazy });
      Object.defineProperty(out, "cells", LAZY_CELLS);
    }
    // `values` stays for callers that want a dense grid (tests, scripts): built on first access, bounded by
    // denseOf; the engine itself reads `cells`.
    Object.defineProperty(out, "values", DENSE_VALUES);
    if (s.p.error) out.error = s.p.error;
    if (s.entry.state === "hidden" || s.entry.state === "veryHidden") out.hidden = true;
    const f = formulas.get(s.name);
    if (f && f.length) out.formulas = f;
    sheets.push(out);
  });
  const names = definedNameInputs(info.definedNames, info.sheets.map((e) => e.name));
  const wb: WorkbookInput = { sheets, ...(charts.length ? { charts } : {}), ...(names.length ? { names } : {}) };
  if (warnings.length) wb.warnings = warnings;
  return wb;
}
