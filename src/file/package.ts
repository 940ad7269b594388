/**
 * OOXML package (zip) access for the file gateway.
 *
 * Library choice: the zip layer is `fflate` — small, maintained, synchronous, and the same code runs in the
 * browser and in Node. On top of it we handle the OOXML package ourselves instead of using a workbook object
 * model (ExcelJS, SheetJS CE): those load the whole workbook and serialise it again, which drops what they do
 * not model (charts, drawings, images, VBA, custom XML, pivot caches, extLst…). Here every part we do not edit is
 * kept as the exact bytes we read, so everything we do not understand survives a write. Only a handful of parts
 * are parsed, with the scanner in ./xml.ts (no DOM tree).
 *
 * Browser-safe: no Node imports.
 */
import { strFromU8, strToU8 } from "fflate";
import type { Bilingual } from "../core/model";
import { limitsWith, sizeText, type ReadLimits } from "./limits";
import { findTags } from "./xml";
import { entryData, inflateLimited, InflateLimitError, readCentralDirectory, writeZip, ZipFormatError, type ZipEntry, type ZipOut } from "./zip";

export type XlsxErrorCode = "not_zip" | "not_xlsx" | "encrypted" | "corrupt" | "strict" | "too_large";

/** A file the gateway cannot read. `message` is Japanese first, then English. */
export class XlsxError extends Error {
  readonly code: XlsxErrorCode;
  readonly messages: Bilingual;
  constructor(code: XlsxErrorCode, messages: Bilingual, detail?: string) {
    super(`${messages.ja} / ${messages.en}${detail ? ` (${detail})` : ""}`);
    this.name = "XlsxError";
    this.code = code;
    this.messages = messages;
  }
}

const MSG: Record<Exclude<XlsxErrorCode, "too_large"> | "xls", Bilingual> = {
  not_zip: {
    ja: "このファイルは Excel ブック（.xlsx）ではありません。Excel で開き、「Excel ブック (*.xlsx)」形式で保存してから読み込んでください。",
    en: "This file is not an Excel workbook (.xlsx). Open it in Excel, save it as \"Excel Workbook (*.xlsx)\" and load it again.",
  },
  xls: {
    ja: "古い形式の Excel ファイル（.xls）は読み込めません。Excel で開き、「Excel ブック (*.xlsx)」形式で保存し直してください。",
    en: "Old-format Excel files (.xls) cannot be read. Open the file in Excel and save it as \"Excel Workbook (*.xlsx)\".",
  },
  encrypted: {
    ja: "このブックはパスワードで保護（暗号化）されているため読み込めません。Excel でパスワードを解除して保存し直してから読み込んでください。",
    en: "This workbook is password-protected (encrypted) and cannot be read. Remove the password in Excel, save, and load it again.",
  },
  not_xlsx: {
    ja: "この zip ファイルには Excel ブックが含まれていません（xl/workbook.xml がありません）。.xlsx ファイルを選んでください。",
    en: "This zip file does not contain an Excel workbook (no xl/workbook.xml). Please choose an .xlsx file.",
  },
  strict: {
    ja: "このブックは「Strict Open XML スプレッドシート」形式のため、注釈付きのコピーを作れません（チェックはできます）。Excel で開き、「Excel ブック (*.xlsx)」形式で保存し直してください。",
    en: "This workbook is in the \"Strict Open XML Spreadsheet\" format, so no annotated copy can be made (checking works). Open it in Excel and save it as \"Excel Workbook (*.xlsx)\".",
  },
  corrupt: {
    ja: "ブックが壊れているか、途中までしか保存されていません。Excel で開けるか確認し、保存し直してから読み込んでください。",
    en: "The workbook is damaged or incomplete. Check that Excel can open it, save it again and reload it.",
  },
};

export function xlsxError(code: Exclude<XlsxErrorCode, "too_large"> | "xls", detail?: string): XlsxError {
  return new XlsxError(code === "xls" ? "not_xlsx" : code, MSG[code], detail);
}

/** A part (or the parts together) passed a reading limit: the message names the part and the limit. */
export function tooLargeError(part: string, what: "part" | "declared" | "total" | "ratio" | "string" | "entries", limits: ReadLimits, detail = ""): XlsxError {
  const lim =
    what === "total"
      ? { ja: `読み込む部分の合計 ${sizeText(limits.maxTotalBytes)}`, en: `${sizeText(limits.maxTotalBytes)} in total` }
      : what === "ratio"
        ? { ja: `圧縮率 ${limits.maxRatio} 倍`, en: `a compression ratio of ${limits.maxRatio}` }
        : what === "entries"
          ? { ja: `zip の項目数 ${limits.maxEntries}`, en: `${limits.maxEntries} zip entries` }
          : what === "string"
            ? { ja: "扱える文字列の大きさ", en: "the largest text this program can hold" }
            : { ja: `1 部品 ${sizeText(limits.maxPartBytes)}`, en: `${sizeText(limits.maxPartBytes)} per part` };
  const declared = what === "declared" ? { ja: "（zip に記録された展開後サイズ）", en: " (size declared in the zip)" } : { ja: "", en: "" };
  return new XlsxError(
    "too_large",
    {
      ja: `ブックの部品 ${part} が読み込みの上限（${lim.ja}${declared.ja}）を超えたため、読み込みを中止しました。信頼できないファイルから身を守るための上限です。`,
      en: `Reading stopped: the workbook part ${part} passed the limit of ${lim.en}${declared.en}. The limit protects against untrusted files.`,
    },
    detail,
  );
}

/** Compound File Binary (OLE2) magic: .xls files and encrypted OOXML packages both use it. */
function isCfb(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1;
}

/** Looks for a UTF-16LE stream name in the CFB bytes (directory entries store names that way). */
function hasUtf16(b: Uint8Array, name: string): boolean {
  const pat: number[] = [];
  for (let i = 0; i < name.length; i++) pat.push(name.charCodeAt(i), 0);
  const first = pat[0];
  outer: for (let i = 0; i + pat.length <= b.length; i++) {
    if (b[i] !== first) continue;
    for (let k = 1; k < pat.length; k++) if (b[i + k] !== pat[k]) continue outer;
    return true;
  }
  return false;
}

/** Already-compressed formats: deflating them again costs time and gains nothing. */
const STORED = /\.(png|jpe?g|gif|wdp|mp3|mp4|zip)$/i;
/** Parts up to this size stay cached once inflated (rels, workbook, styles…); larger ones are inflated per read. */
const CACHE_BYTES = 4 * 1024 * 1024;

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/**
 * An opened package. Nothing is inflated up front: the central directory is read, and a part is inflated when it is
 * asked for, within the reading limits (per part, in total, ratio). Parts never asked for are never inflated; on
 * writing, every part not edited is copied as its compressed bytes.
 */
export class Package {
  private readonly src: Uint8Array;
  private readonly entries = new Map<string, ZipEntry>();
  /** Original order of the parts, then new parts. */
  private order: string[] = [];
  private readonly edits = new Map<string, Uint8Array>();
  private readonly removed = new Set<string>();
  private readonly cache = new Map<string, Uint8Array>();
  /** Inflated bytes counted per part (counted once, however often a part is read). */
  private readonly counted = new Map<string, number>();
  private total = 0;
  readonly limits: ReadLimits;

  constructor(src: Uint8Array, entries: ZipEntry[], limits: ReadLimits) {
    this.src = src;
    this.limits = limits;
    for (const e of entries) {
      if (e.name.endsWith("/")) continue; // folder entries
      const name = e.name.replace(/^\//, "");
      if (!this.entries.has(name)) this.order.push(name);
      this.entries.set(name, e);
    }
  }

  /** Part names in order (original parts first, then added ones). */
  names(): string[] {
    return this.order.filter((n) => this.has(n));
  }
  has(name: string): boolean {
    return this.edits.has(name) || (this.entries.has(name) && !this.removed.has(name));
  }
  /** Total inflated bytes read so far (for tests and the bench). */
  get inflatedBytes(): number {
    return this.total;
  }

  bytes(name: string): Uint8Array | undefined {
    const edited = this.edits.get(name);
    if (edited) return edited;
    if (this.removed.has(name)) return undefined;
    const hit = this.cache.get(name);
    if (hit) return hit;
    const e = this.entries.get(name);
    if (!e) return undefined;
    if (e.flags & 1) throw xlsxError("encrypted", name);
    const l = this.limits;
    if (e.size > l.maxPartBytes) throw tooLargeError(name, "declared", l, `${e.size} bytes declared`);
    const before = this.counted.get(name);
    const base = before === undefined ? this.total : this.total - before;
    let data: Uint8Array;
    try {
      const raw = entryData(this.src, e);
      data = inflateLimited(raw, e.method, e.size, (n) => {
        if (n > l.maxPartBytes) throw new InflateLimitError("part", n);
        if (base + n > l.maxTotalBytes) throw new InflateLimitError("total", base + n);
        if (n > l.ratioFloorBytes && n > raw.length * l.maxRatio) throw new InflateLimitError("ratio", n);
      }, Math.min(l.maxPartBytes, l.maxTotalBytes - base, Math.max(l.ratioFloorBytes, raw.length * l.maxRatio)) + 1);
    } catch (err) {
      if (err instanceof InflateLimitError) throw tooLargeError(name, err.limit, l, `${err.at} bytes`);
      if (err instanceof RangeError) throw tooLargeError(name, "string", l, err.message);
      if (err instanceof XlsxError) throw err;
      throw xlsxError("corrupt", `${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.total = base + data.length;
    this.counted.set(name, data.length);
    if (data.length <= CACHE_BYTES) this.cache.set(name, data);
    return data;
  }
  text(name: string): string | undefined {
    const b = this.bytes(name);
    if (!b) return undefined;
    return this.textOf(name, b);
  }
  /** `bytes` (already read from part `name`) as text: UTF-8, BOM dropped, a size error for text beyond V8's cap. */
  textOf(name: string, b: Uint8Array): string {
    let s: string;
    try {
      s = strFromU8(b);
    } catch (err) {
      // V8 caps strings (about 512 M characters): say so instead of an encoding error.
      if (err instanceof RangeError || (err instanceof Error && /string|length|memory/i.test(err.message))) {
        throw tooLargeError(name, "string", this.limits, err.message);
      }
      throw xlsxError("corrupt", `${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    // Strip a UTF-8 BOM.
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }
  setText(name: string, xml: string): void {
    this.setBytes(name, utf8Bytes(xml));
  }
  setBytes(name: string, bytes: Uint8Array): void {
    if (!this.entries.has(name) && !this.edits.has(name)) this.order.push(name);
    this.removed.delete(name);
    this.edits.set(name, bytes);
    this.cache.delete(name);
  }
  remove(name: string): void {
    this.edits.delete(name);
    this.cache.delete(name);
    if (this.entries.has(name)) this.removed.add(name);
    else this.order = this.order.filter((n) => n !== name);
  }

  /** Relationships of `part` (e.g. "xl/workbook.xml"), targets resolved to part names. */
  rels(part: string): Rel[] {
    const xml = this.text(relsPathOf(part));
    if (!xml) return [];
    const base = part.includes("/") ? part.slice(0, part.lastIndexOf("/")) : "";
    let tags: ReturnType<typeof findTags>;
    try {
      tags = findTags(xml, "Relationship");
    } catch (e) {
      throw xlsxError("corrupt", `${relsPathOf(part)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return tags.map((a) => {
      const external = a.TargetMode === "External";
      const target = a.Target ?? "";
      return { id: a.Id ?? "", type: a.Type ?? "", target: external ? target : resolvePart(base, target), external };
    });
  }

  /**
   * Serialises the package; parts keep their order, new parts come last. Parts not edited are copied as their
   * compressed bytes (no inflate, no re-compress); compressed media among the new ones are stored as is.
   */
  toBytes(): Uint8Array {
    const out: ZipOut[] = [];
    for (const name of this.order) {
      const edited = this.edits.get(name);
      if (edited) {
        out.push({ name, content: edited, store: STORED.test(name) });
        continue;
      }
      if (this.removed.has(name)) continue;
      const e = this.entries.get(name);
      if (!e) continue;
      let raw: Uint8Array;
      try {
        raw = entryData(this.src, e);
      } catch (err) {
        throw xlsxError("corrupt", err instanceof Error ? err.message : String(err));
      }
      out.push({ name, raw, method: e.method, crc: e.crc, size: e.size, time: e.time, date: e.date });
    }
    try {
      return writeZip(out);
    } catch (err) {
      throw tooLargeError("(zip)", "part", this.limits, err instanceof Error ? err.message : String(err));
    }
  }
}

/** TextEncoder when the host has one (every browser and Node; not some test environments). */
const encoder: { encodeInto(s: string, into: Uint8Array): { read: number; written: number } } | null = typeof TextEncoder === "function" ? new TextEncoder() : null;

/**
 * UTF-8 bytes of `s`. Large texts (generated sheets of tens of MB) are measured first and encoded into a buffer of
 * exactly that size with encodeInto, several times faster than TextEncoder.encode and with no spare copy.
 */
export function utf8Bytes(s: string): Uint8Array {
  if (s.length < 65536 || !encoder) return strToU8(s);
  const n = utf8Length(s);
  const out = new Uint8Array(n);
  const { written } = encoder.encodeInto(s, out);
  return written === n ? out : out.subarray(0, written);
}

/** UTF-8 byte count of `s` (a lone surrogate counts as U+FFFD, as TextEncoder writes it). */
function utf8Length(s: string): number {
  let n = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < len && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Collects text as UTF-8 bytes as it is written: each piece is encoded at once (encodeInto, 1 MB chunks; encodeInto
 * into one very large buffer is many times slower in Node) and can be dropped, so a generated sheet of 100,000 rows
 * never exists as strings all at once. A surrogate pair is never split between two pieces.
 */
export class Utf8Sink {
  private static readonly CHUNK = 1 << 20;
  private chunks: Uint8Array[] = [];
  private cur = new Uint8Array(Utf8Sink.CHUNK);
  private used = 0;
  private total = 0;
  private parts: string[] | null = encoder ? null : [];

  write(s: string): void {
    if (!encoder || this.parts) {
      (this.parts ??= []).push(s);
      return;
    }
    let rest = s;
    for (;;) {
      const { read, written } = encoder.encodeInto(rest, this.cur.subarray(this.used));
      this.used += written;
      if (read === rest.length) return;
      rest = rest.slice(read);
      this.chunks.push(this.cur.subarray(0, this.used));
      this.total += this.used;
      this.cur = new Uint8Array(Math.max(Utf8Sink.CHUNK, rest.length * 3));
      this.used = 0;
    }
  }

  /** The bytes written so far, as one array. */
  bytes(): Uint8Array {
    if (this.parts) return strToU8(this.parts.join(""));
    const all = [...this.chunks, this.cur.subarray(0, this.used)];
    if (all.length === 1) return all[0];
    const out = new Uint8Array(this.total + this.used);
    let o = 0;
    for (const c of all) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

/** UTF-8 bytes of the pieces joined, without joining them (see Utf8Sink). */
export function utf8BytesOfParts(parts: string[]): Uint8Array {
  const sink = new Utf8Sink();
  for (const p of parts) sink.write(p);
  return sink.bytes();
}

/** "xl/worksheets/sheet1.xml" -> "xl/worksheets/_rels/sheet1.xml.rels". */
export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return i < 0 ? `_rels/${part}.rels` : `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

/** Resolves a relationship target against the source part's folder ("../drawings/d1.xml", "/xl/x.xml"). */
export function resolvePart(baseDir: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // a stray "%" is taken literally
  }
  const segs = t.startsWith("/") ? [] : baseDir.split("/").filter(Boolean);
  for (const s of t.split("/")) {
    if (!s || s === ".") continue;
    if (s === "..") segs.pop();
    else segs.push(s);
  }
  return segs.join("/");
}

/** Relative target from the folder of `fromPart` to `toPart` (both part names). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let k = 0;
  while (k < from.length && k < to.length - 1 && from[k] === to[k]) k++;
  return [...from.slice(k).map(() => ".."), ...to.slice(k)].join("/");
}

/**
 * Opens .xlsx bytes, or throws XlsxError (not a zip / .xls / encrypted / no workbook / damaged / too large). Only
 * the central directory is read here; parts are inflated when asked for, within `limits` (DEFAULT_LIMITS).
 */
export function openPackage(bytes: Uint8Array, limits?: Partial<ReadLimits>): Package {
  if (isCfb(bytes)) {
    if (hasUtf16(bytes, "EncryptedPackage") || hasUtf16(bytes, "EncryptionInfo")) throw xlsxError("encrypted");
    throw xlsxError("xls");
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw xlsxError("not_zip");
  const l = limitsWith(limits);
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes, l.maxEntries);
  } catch (e) {
    if (e instanceof ZipFormatError && /too many entries/.test(e.message)) throw tooLargeError("(zip)", "entries", l, e.message);
    throw xlsxError("corrupt", e instanceof Error ? e.message : String(e));
  }
  const pkg = new Package(bytes, entries, l);
  if (!pkg.has("[Content_Types].xml") || !workbookPartName(pkg)) throw xlsxError("not_xlsx");
  return pkg;
}

/** The main workbook part (from _rels/.rels, falling back to xl/workbook.xml). */
export function workbookPartName(pkg: Package): string | null {
  try {
    for (const r of pkg.rels("")) {
      if (r.type.endsWith("/officeDocument") && pkg.has(r.target)) return r.target;
    }
  } catch {
    // fall through to the conventional name
  }
  return pkg.has("xl/workbook.xml") ? "xl/workbook.xml" : null;
}
