/**
 * Zip container: reading the central directory (nothing inflated up front) and writing an archive whose untouched
 * entries are copied as their compressed bytes. Inflating goes through `inflateLimited`, which stops the moment a
 * limit is passed. Browser-safe: fflate's streaming Inflate and deflateSync only.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from "fflate";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  /** As declared by the central directory (may lie). */
  size: number;
  localOffset: number;
  time: number;
  date: number;
}

export class ZipFormatError extends Error {}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;

function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** Entries listed by the central directory, in its order. Throws ZipFormatError when there is none to read. */
export function readCentralDirectory(b: Uint8Array, maxEntries: number): ZipEntry[] {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("no end of central directory");
  let count = u16(b, eocd + 10);
  let offset = u32(b, eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && u32(b, loc) === 0x07064b50) {
      const z = u64(b, loc + 8);
      if (z + 56 <= b.length && u32(b, z) === 0x06064b50) {
        count = u64(b, z + 32);
        offset = u64(b, z + 48);
      }
    }
  }
  if (count > maxEntries) throw new ZipFormatError(`too many entries (${count}, limit ${maxEntries})`);
  const out: ZipEntry[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw new ZipFormatError("damaged central directory");
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const time = u16(b, p + 12);
    const date = u16(b, p + 14);
    const crc = u32(b, p + 16);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let localOffset = u32(b, p + 42);
    if (p + 46 + nameLen + extraLen > b.length) throw new ZipFormatError("damaged central directory");
    const nameBytes = b.subarray(p + 46, p + 46 + nameLen);
    const name = flags & 0x800 ? strFromU8(nameBytes) : latin1(nameBytes);
    // Zip64 extra field: the 64-bit values of the fields set to 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= e + 4 + len) {
          size = u64(b, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
          compressedSize = u64(b, q);
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) localOffset = u64(b, q);
      }
      e += 4 + len;
    }
    out.push({ name, method, flags, crc, compressedSize, size, localOffset, time, date });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The compressed bytes of an entry (a view into `b`). */
export function entryData(b: Uint8Array, e: ZipEntry): Uint8Array {
  const h = e.localOffset;
  if (h + 30 > b.length || u32(b, h) !== 0x04034b50) throw new ZipFormatError(`damaged entry ${e.name}`);
  const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw new ZipFormatError(`truncated entry ${e.name}`);
  return b.subarray(start, end);
}

/** Why inflating stopped: which limit was passed, at how many bytes. */
export class InflateLimitError extends Error {
  constructor(
    readonly limit: "part" | "total" | "ratio",
    readonly at: number,
  ) {
    super(`${limit} limit at ${at} bytes`);
  }
}

/**
 * A native codec the host may provide (the CLI uses Node's zlib: several times faster than fflate in JavaScript).
 * Without one, fflate does the work (the browser). Both give the same bytes out of the same input, within the same
 * limits.
 */
export interface ZipCodec {
  /**
   * Raw-inflates `data`; null as soon as the output would pass `maxOutput` bytes (it stops there, streaming).
   * `sizeHint` is the declared size, already clamped by the caller: an honest part comes out in one piece.
   */
  inflateRaw(data: Uint8Array, maxOutput: number, sizeHint?: number): Uint8Array | null;
  deflateRaw(data: Uint8Array, level: number): Uint8Array;
  crc32(data: Uint8Array): number;
}

let codec: ZipCodec | null = null;

/** Installs (or, with null, removes) the native codec. */
export function useZipCodec(c: ZipCodec | null): void {
  codec = c;
}

export function hasNativeCodec(): boolean {
  return codec !== null;
}

/** A local date and time as the zip's DOS fields (two-second steps, 1980 at the earliest). */
export function dosDateTime(d: Date): { time: number; date: number } {
  const y = d.getFullYear();
  if (y < 1980) return { time: 0, date: DOS_DATE };
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((Math.min(y, 2107) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/**
 * Inflates `data` (method 0 or 8) in small chunks, calling `check(bytesSoFar)` after each one; `check` throws to
 * stop. Output grows from `hint` (the declared size, clamped by the caller) and never beyond what `check` allows.
 * With a native codec, `maxBytes` (the first size `check` refuses) bounds the output instead, and `check` judges
 * the result, or the size at which the codec stopped.
 */
export function inflateLimited(data: Uint8Array, method: number, hint: number, check: (n: number) => void, maxBytes = Infinity): Uint8Array {
  // (maxBytes bounds the first reservation only; `check` enforces the limits.)
  if (method === 0) {
    check(data.length);
    return data.slice();
  }
  if (method !== 8) throw new ZipFormatError(`unsupported compression method ${method}`);
  if (codec && Number.isFinite(maxBytes)) {
    const out = codec.inflateRaw(data, maxBytes - 1, Math.min(hint, maxBytes - 1));
    if (out === null) {
      check(maxBytes);
      throw new InflateLimitError("part", maxBytes);
    }
    check(out.length);
    return out;
  }
  // The declared size (when believable) is reserved at once: an honest part is inflated without a copy. Beyond it,
  // chunks are kept as a list and joined at the end, so a part stopped by a limit never held more than it read.
  const first = new Uint8Array(Math.max(1024, Math.min(hint, 64 * 1024 * 1024, maxBytes)));
  let used = 0;
  const more: Uint8Array[] = [];
  let n = 0;
  let ended = false;
  const inf = new Inflate((chunk, final) => {
    if (n + chunk.length > first.length) check(n + chunk.length);
    n += chunk.length;
    const room = first.length - used;
    if (more.length === 0 && chunk.length <= room) {
      first.set(chunk, used);
      used += chunk.length;
    } else {
      if (more.length === 0 && room > 0) {
        first.set(chunk.subarray(0, room), used);
        used += room;
        chunk = chunk.subarray(room);
      }
      more.push(chunk.slice());
    }
    if (final) ended = true;
  });
  const STEP = 16 * 1024;
  for (let off = 0; off < data.length && !ended; off += STEP) {
    const end = Math.min(off + STEP, data.length);
    inf.push(data.subarray(off, end), end === data.length);
    check(n);
  }
  if (!ended) inf.push(new Uint8Array(0), true);
  if (more.length === 0) return used === first.length ? first : first.slice(0, used);
  const out = new Uint8Array(n);
  out.set(first.subarray(0, used), 0);
  let o = used;
  for (const c of more) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

let CRC_TABLE: Int32Array | null = null;
export function crc32(data: Uint8Array): number {
  return codec ? codec.crc32(data) : crc32Js(data);
}

/** CRC-32 in JavaScript (table-driven). */
export function crc32Js(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Int32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[i] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** An entry to write: either raw compressed bytes copied as they are, or new content to compress. */
export type ZipOut =
  | { name: string; raw: Uint8Array; method: number; crc: number; size: number; time: number; date: number }
  | { name: string; content: Uint8Array; store?: boolean; time?: number; date?: number };

/** DOS date 1980-01-01 00:00 for new entries: the same input gives the same bytes. */
const DOS_DATE = 0x21;

/**
 * New parts from this size on are compressed at level 1 (they are large generated sheets: speed first). Measured on
 * a batch summary's 3 MB problem list with Node's zlib: level 1 takes about half the time of level 3 and makes the
 * part about 6 % larger (398 KB instead of 376 KB; level 6: 327 KB in three times the time).
 */
export const BIG_PART = 1024 * 1024;
export const BIG_PART_LEVEL = 1;

function deflatePart(content: Uint8Array): Uint8Array {
  const level = content.length >= BIG_PART ? BIG_PART_LEVEL : 6;
  if (codec) return codec.deflateRaw(content, level);
  return deflateSync(content, { level });
}

/** Writes a zip (no zip64: entries and archive below 4 GB, at most 65,535 entries). */
export function writeZip(entries: ZipOut[]): Uint8Array {
  const prepared = entries.map((e) => {
    const name = strToU8(e.name);
    if ("raw" in e) return { name, data: e.raw, method: e.method, crc: e.crc, size: e.size, time: e.time, date: e.date };
    const data = e.store ? e.content : deflatePart(e.content);
    return { name, data, method: e.store ? 0 : 8, crc: crc32(e.content), size: e.content.length, time: e.time ?? 0, date: e.date ?? DOS_DATE };
  });
  let total = 22;
  for (const p of prepared) total += 30 + 46 + 2 * p.name.length + p.data.length;
  if (total > 0xfffffffe || prepared.length > 0xffff || prepared.some((p) => p.size > 0xfffffffe)) {
    throw new ZipFormatError("archive too large to write (over 4 GB or 65,535 entries)");
  }
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  let o = 0;
  const offsets: number[] = [];
  for (const p of prepared) {
    offsets.push(o);
    dv.setUint32(o, 0x04034b50, true);
    dv.setUint16(o + 4, 20, true);
    dv.setUint16(o + 6, 0x800, true);
    dv.setUint16(o + 8, p.method, true);
    dv.setUint16(o + 10, p.time, true);
    dv.setUint16(o + 12, p.date, true);
    dv.setUint32(o + 14, p.crc, true);
    dv.setUint32(o + 18, p.data.length, true);
    dv.setUint32(o + 22, p.size, true);
    dv.setUint16(o + 26, p.name.length, true);
    dv.setUint16(o + 28, 0, true);
    out.set(p.name, o + 30);
    out.set(p.data, o + 30 + p.name.length);
    o += 30 + p.name.length + p.data.length;
  }
  const cd = o;
  prepared.forEach((p, i) => {
    dv.setUint32(o, 0x02014b50, true);
    dv.setUint16(o + 4, 20, true);
    dv.setUint16(o + 6, 20, true);
    dv.setUint16(o + 8, 0x800, true);
    dv.setUint16(o + 10, p.method, true);
    dv.setUint16(o + 12, p.time, true);
    dv.setUint16(o + 14, p.date, true);
    dv.setUint32(o + 16, p.crc, true);
    dv.setUint32(o + 20, p.data.length, true);
    dv.setUint32(o + 24, p.size, true);
    dv.setUint16(o + 28, p.name.length, true);
    dv.setUint32(o + 42, offsets[i], true);
    out.set(p.name, o + 46);
    o += 46 + p.name.length;
  });
  dv.setUint32(o, 0x06054b50, true);
  dv.setUint16(o + 8, prepared.length, true);
  dv.setUint16(o + 10, prepared.length, true);
  dv.setUint32(o + 12, o - cd, true);
  dv.setUint32(o + 16, cd, true);
  o += 22;
  return o === total ? out : out.slice(0, o);
}
