/**
 * Crafted (hostile) workbooks for the untrusted-input tests, generated in memory: nothing large is stored in the
 * repository. Deflate streams of any length are built from one compressed 1 MB unit repeated: raw deflate with a
 * preset dictionary (the unit's own last 32 KB) continues any stream whose last 32 KB are that unit.
 */
import { deflateRawSync, constants } from "node:zlib";
import { strFromU8, strToU8, unzipSync } from "fflate";
import { writeZip, type ZipOut } from "../../src/file/zip";

const MiB = 1024 * 1024;

/** A raw deflate stream of prefix + unit × count + suffix (unit ≥ 32 KB), built without ever holding the output. */
export function repeatedDeflate(prefix: string, unit: string, count: number, suffix: string): { raw: Uint8Array; size: number } {
  const u = Buffer.from(unit, "utf8");
  if (u.length < 32 * 1024) throw new Error("unit must be at least 32 KB");
  const window = u.subarray(u.length - 32 * 1024);
  const head = deflateRawSync(Buffer.concat([Buffer.from(prefix, "utf8"), u]), { finishFlush: constants.Z_SYNC_FLUSH });
  const body = deflateRawSync(u, { dictionary: window, finishFlush: constants.Z_SYNC_FLUSH });
  const tail = deflateRawSync(Buffer.from(suffix, "utf8"), { dictionary: window });
  const out = new Uint8Array(head.length + body.length * (count - 1) + tail.length);
  out.set(head, 0);
  let o = head.length;
  for (let i = 1; i < count; i++) {
    out.set(body, o);
    o += body.length;
  }
  out.set(tail, o);
  return { raw: out, size: Buffer.byteLength(prefix) + u.length * count + Buffer.byteLength(suffix) };
}

/** A raw entry (compressed bytes as given) with a declared inflated size that may lie. */
export function rawEntry(name: string, raw: Uint8Array, declared: number): ZipOut {
  return { name, raw, method: 8, crc: 0, size: declared, time: 0, date: 0x21 };
}

export const SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${SHEET_NS}><sheetData>`;
export const SHEET_TAIL = "</sheetData></worksheet>";

/** Adds a worksheet part (its XML or a raw entry) to the text parts of a package, as the workbook's last sheet. */
let added = 100;
function addSheet(parts: Map<string, string>, name: string, part: string): void {
  const n = ++added;
  const rid = `rIdCraft${n}`;
  parts.set("xl/workbook.xml", parts.get("xl/workbook.xml")!.replace(/<\/sheets>/, `<sheet name="${name}" sheetId="${n}" r:id="${rid}"/></sheets>`));
  parts.set(
    "xl/_rels/workbook.xml.rels",
    parts
      .get("xl/_rels/workbook.xml.rels")!
      .replace(/<\/Relationships>/, `<Relationship Id="${rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${part.replace(/^xl\//, "")}"/></Relationships>`),
  );
  parts.set(
    "[Content_Types].xml",
    parts
      .get("[Content_Types].xml")!
      .replace(/<\/Types>/, `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
  );
}

export interface CraftOptions {
  /** Extra worksheets: XML text, or a raw entry for the part. */
  sheets?: { name: string; xml?: string; raw?: ZipOut }[];
  /** Entries no relationship reaches. */
  unreferenced?: ZipOut[];
  /** Edits of the base's text parts before writing. */
  edit?: (parts: Map<string, string>) => void;
}

/** A copy of `base` (a small valid .xlsx) with crafted additions. */
export function craft(base: Uint8Array, o: CraftOptions): Uint8Array {
  const files = unzipSync(base);
  const text = new Map<string, string>();
  for (const [k, v] of Object.entries(files)) text.set(k, strFromU8(v));
  const extra: ZipOut[] = [];
  (o.sheets ?? []).forEach((s, i) => {
    const part = `xl/worksheets/crafted${i + 1}.xml`;
    addSheet(text, s.name, part);
    if (s.raw) extra.push({ ...s.raw, name: part } as ZipOut);
    else text.set(part, s.xml ?? `${SHEET_HEAD}${SHEET_TAIL}`);
  });
  o.edit?.(text);
  const out: ZipOut[] = [...text].map(([name, t]) => ({ name, content: strToU8(t) }));
  return writeZip([...out, ...extra, ...(o.unreferenced ?? [])]);
}

/** 1 MB of rows that compress like real sheet XML would (numbers vary). */
export function rowsUnit(): string {
  let s = "";
  let i = 0;
  while (s.length < MiB) {
    s += `<row r="${i + 5}"><c r="A${i + 5}"><v>${(i * 7919) % 100003}</v></c><c r="B${i + 5}" t="inlineStr"><is><t>x${i % 977}</t></is></c></row>`;
    i++;
  }
  return s.slice(0, s.lastIndexOf("</row>") + 6);
}

export { MiB };
