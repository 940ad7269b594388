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
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import type { Bilingual } from "../core/model";
import { findTags } from "./xml";

export type XlsxErrorCode = "not_zip" | "not_xlsx" | "encrypted" | "corrupt" | "strict";

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

const MSG: Record<XlsxErrorCode | "xls", Bilingual> = {
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

export function xlsxError(code: XlsxErrorCode | "xls", detail?: string): XlsxError {
  return new XlsxError(code === "xls" ? "not_xlsx" : code, MSG[code], detail);
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

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** An opened package: part name (no leading slash) -> bytes, in the zip's original order. */
export class Package {
  readonly parts: Map<string, Uint8Array>;
  constructor(parts: Map<string, Uint8Array>) {
    this.parts = parts;
  }

  has(name: string): boolean {
    return this.parts.has(name);
  }
  bytes(name: string): Uint8Array | undefined {
    return this.parts.get(name);
  }
  text(name: string): string | undefined {
    const b = this.parts.get(name);
    if (!b) return undefined;
    // Strip a UTF-8 BOM.
    const s = strFromU8(b);
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }
  setText(name: string, xml: string): void {
    this.parts.set(name, strToU8(xml));
  }
  setBytes(name: string, bytes: Uint8Array): void {
    this.parts.set(name, bytes);
  }
  remove(name: string): void {
    this.parts.delete(name);
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

  /** Serialises the package; parts keep their order, new parts come last. Compressed media are stored as is. */
  toBytes(): Uint8Array {
    const z: Zippable = {};
    for (const [name, b] of this.parts) z[name] = STORED.test(name) ? [b, { level: 0 }] : b;
    return zipSync(z, { level: 6 });
  }
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
 * Opens .xlsx bytes, or throws XlsxError (not a zip / .xls / encrypted / no workbook / damaged).
 * `xmlOnly` skips inflating non-XML parts (images, binaries) when only reading values.
 */
export function openPackage(bytes: Uint8Array, xmlOnly = false): Package {
  if (isCfb(bytes)) {
    if (hasUtf16(bytes, "EncryptedPackage") || hasUtf16(bytes, "EncryptionInfo")) throw xlsxError("encrypted");
    throw xlsxError("xls");
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw xlsxError("not_zip");
  let files: Record<string, Uint8Array>;
  try {
    files = xmlOnly ? unzipSync(bytes, { filter: (f) => /\.(xml|rels)$/i.test(f.name) }) : unzipSync(bytes);
  } catch (e) {
    throw xlsxError("corrupt", e instanceof Error ? e.message : String(e));
  }
  const parts = new Map<string, Uint8Array>();
  for (const name of Object.keys(files)) {
    if (name.endsWith("/")) continue; // folder entries
    parts.set(name.replace(/^\//, ""), files[name]);
  }
  const pkg = new Package(parts);
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
