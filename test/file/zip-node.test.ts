/** Node's zlib codec gives what the JavaScript (fflate) path gives, and stops inflating at the limit. */
import { deflateSync, inflateSync } from "fflate";
import { crc32Js, inflateLimited, InflateLimitError, useZipCodec, writeZip, readCentralDirectory, entryData } from "../../src/file/zip";
import { nodeZipCodec } from "../../src/file/zip-node";
import { utf8Bytes, utf8BytesOfParts } from "../../src/file/package";
import { readWorkbook } from "../../src/file/xlsx-read";
import { writeSimpleWorkbook } from "../../src/file/xlsx-write";

const text = new TextEncoder().encode("<row>項目 ○ △ ×</row>".repeat(200000));

afterEach(() => useZipCodec(null));

describe("nodeZipCodec", () => {
  it("computes the same CRC-32 as the JavaScript table", () => {
    for (const b of [new Uint8Array(0), new Uint8Array([1, 2, 3]), text]) expect(nodeZipCodec.crc32(b)).toBe(crc32Js(b));
  });

  it("inflates what fflate deflated, and returns null the moment the output passes the limit", () => {
    const raw = deflateSync(text);
    expect(Buffer.from(nodeZipCodec.inflateRaw(raw, text.length) as Uint8Array).equals(Buffer.from(text))).toBe(true);
    expect(nodeZipCodec.inflateRaw(raw, text.length - 1)).toBeNull();
    expect(nodeZipCodec.inflateRaw(raw, 1000)).toBeNull();
    // with the declared size as a hint (true, too small, too large), the same bytes and the same limit
    for (const hint of [text.length, 10, text.length * 4]) {
      expect(Buffer.from(nodeZipCodec.inflateRaw(raw, text.length, hint) as Uint8Array).equals(Buffer.from(text))).toBe(true);
      expect(nodeZipCodec.inflateRaw(raw, text.length - 1, hint)).toBeNull();
    }
  });

  it("inflateLimited with the codec asks `check` about the size it stopped at", () => {
    useZipCodec(nodeZipCodec);
    const raw = deflateSync(text);
    const limit = 100000;
    const seen: number[] = [];
    expect(() =>
      inflateLimited(raw, 8, 0, (n) => {
        seen.push(n);
        if (n > limit) throw new InflateLimitError("part", n);
      }, limit + 1),
    ).toThrow(InflateLimitError);
    expect(seen).toEqual([limit + 1]);
    expect(inflateLimited(raw, 8, 0, () => undefined, text.length + 1).length).toBe(text.length);
  });

  it("writes archives fflate reads back (small parts at level 6, large ones at a cheap level)", () => {
    for (const c of [null, nodeZipCodec]) {
      useZipCodec(c);
      const zip = writeZip([
        { name: "small.xml", content: new TextEncoder().encode("<a/>") },
        { name: "big.xml", content: text },
      ]);
      const entries = readCentralDirectory(zip, 10);
      expect(entries.map((e) => e.name)).toEqual(["small.xml", "big.xml"]);
      const big = entries[1];
      expect(big.crc).toBe(crc32Js(text));
      expect(Buffer.from(inflateSync(entryData(zip, big))).equals(Buffer.from(text))).toBe(true);
    }
  });
});

describe("utf8Bytes", () => {
  it("gives TextEncoder's bytes for short and long texts (surrogate pairs and lone surrogates included)", () => {
    const enc = new TextEncoder();
    const samples = ["", "abc", "項目 ○", "a🙂b", "x\uD800y", "\uDC00", "z\uD83D"];
    for (const base of samples) {
      for (const s of [base, base.repeat(70000 / Math.max(1, base.length) + 1)]) {
        expect(Buffer.from(utf8Bytes(s)).equals(Buffer.from(enc.encode(s)))).toBe(true);
      }
    }
  });

  it("encodes pieces into the bytes of their join", () => {
    const parts = ["<a>", "項目", "🙂", "", "x\uD800", "</a>".repeat(50000)];
    expect(Buffer.from(utf8BytesOfParts(parts)).equals(Buffer.from(new TextEncoder().encode(parts.join(""))))).toBe(true);
    expect(utf8BytesOfParts([]).length).toBe(0);
    // three bytes a character, more than the first guess: the buffer grows mid-piece
    const cjk = ["a", "項目の内容🙂".repeat(40000), "b", "○".repeat(70000)];
    expect(Buffer.from(utf8BytesOfParts(cjk)).equals(Buffer.from(new TextEncoder().encode(cjk.join(""))))).toBe(true);
  });
});

describe("writeSimpleWorkbook with the native codec", () => {
  it("writes a workbook that reads back the same as fflate's, dated as asked", () => {
    const sheets = [{ name: "集計", rows: [["会社", "点数"], ["テスト工業", 3.5], ["A & <B>", null]] as (string | number | null)[][] }];
    const mtime = new Date(2026, 0, 2, 3, 4, 6);
    const plain = writeSimpleWorkbook(sheets, { mtime });
    useZipCodec(nodeZipCodec);
    const native = writeSimpleWorkbook(sheets, { mtime });
    expect(readWorkbook(native).sheets[0].cells).toEqual(readWorkbook(plain).sheets[0].cells);
    const e = readCentralDirectory(native, 100)[0];
    expect(e.date).toBe(((2026 - 1980) << 9) | (1 << 5) | 2);
    expect(e.time).toBe((3 << 11) | (4 << 5) | 3);
  });
});
