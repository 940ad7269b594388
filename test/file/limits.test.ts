/** Reading limits, sparse reading and compressed copies, in-process on small crafted inputs (limits scaled down). */
import { strToU8, unzipSync } from "fflate";
import { analyse } from "../../src/core/analyse";
import { detectChecklist, SheetView } from "../../src/core/detect";
import { setCell } from "../../src/core/grid";
import type { SheetInput } from "../../src/core/model";
import { openPackage, XlsxError } from "../../src/file/package";
import { parseSheet, readPackage, readWorkbook } from "../../src/file/xlsx-read";
import { readCentralDirectory, useZipCodec, writeZip, type ZipCodec } from "../../src/file/zip";
import { nodeZipCodec } from "../../src/file/zip-node";
import { annotateWorkbook } from "../../src/file/annotate";
import { synthGrid, synthXlsx } from "../cli/synth";
import { craft, MiB, rawEntry, repeatedDeflate, rowsUnit, SHEET_HEAD, SHEET_TAIL } from "./craft";

const base = () => synthXlsx({ items: 12, company: "テスト工業" });

function thrown(fn: () => unknown): XlsxError {
  try {
    fn();
  } catch (e) {
    if (e instanceof XlsxError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

// The same limits hold with fflate (the browser) and with Node's zlib (the CLI).
describe.each([
  ["fflate", null],
  ["zlib", nodeZipCodec],
] as [string, ZipCodec | null][])("reading limits (%s)", (_name, codec) => {
  beforeAll(() => useZipCodec(codec));
  afterAll(() => useZipCodec(null));
  const deep = repeatedDeflate(SHEET_HEAD, " ".repeat(MiB), 40, SHEET_TAIL);

  it("stops a part at the ratio limit while inflating, naming the part and the limit", () => {
    const bytes = craft(base(), { sheets: [{ name: "深", raw: rawEntry("", deep.raw, deep.size) }] });
    const e = thrown(() => readWorkbook(bytes, { ratioFloorBytes: MiB }));
    expect(e.code).toBe("too_large");
    expect(e.messages.en).toMatch(/xl\/worksheets\/crafted1\.xml.*compression ratio of 200/);
    expect(e.messages.ja).toMatch(/crafted1\.xml.*圧縮率 200 倍/);
  });

  it("checks the declared size before inflating and the actual size while inflating", () => {
    const declared = craft(base(), { sheets: [{ name: "宣言", raw: rawEntry("", deep.raw, deep.size) }] });
    expect(thrown(() => readWorkbook(declared, { maxPartBytes: 4 * MiB })).messages.en).toMatch(/4 MB per part \(size declared in the zip\)/);
    const lying = craft(base(), { sheets: [{ name: "嘘", raw: rawEntry("", deep.raw, 100) }] });
    const pkg = openPackage(lying, { maxPartBytes: 4 * MiB });
    expect(thrown(() => pkg.bytes("xl/worksheets/crafted1.xml")).messages.en).toMatch(/passed the limit of 4 MB per part\. /);
  });

  it("counts every part read against the total", () => {
    const unit = repeatedDeflate(SHEET_HEAD, rowsUnit(), 3, SHEET_TAIL);
    const two = craft(base(), { sheets: [{ name: "a", raw: rawEntry("", unit.raw, unit.size) }, { name: "b", raw: rawEntry("", unit.raw, unit.size) }] });
    const e = thrown(() => readWorkbook(two, { maxTotalBytes: 5 * MiB }));
    expect(e.messages.en).toMatch(/crafted2\.xml passed the limit of 5 MB in total/);
  });

  it("never inflates parts the workbook does not reach, and copies them compressed when annotating", () => {
    const bomb = repeatedDeflate("<x>", " ".repeat(MiB), 64, "</x>");
    const bytes = craft(base(), { unreferenced: [rawEntry("xl/unused/bomb.xml", bomb.raw, 10)] });
    const pkg = openPackage(bytes);
    const wb = readPackage(pkg);
    const res = analyse(wb);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(pkg.inflatedBytes).toBeLessThan(64 * 1024); // the workbook's own parts; never the 64 MB part
    const out = annotateWorkbook(bytes, res.report, { fix: false, lang: "ja" }).bytes;
    const find = (b: Uint8Array, n: string) => {
      const e = readCentralDirectory(b, 1000).find((x) => x.name === n)!;
      return { e, data: b.subarray(e.localOffset + 30 + n.length, e.localOffset + 30 + n.length + e.compressedSize) };
    };
    const a = find(bytes, "xl/unused/bomb.xml");
    const b = find(out, "xl/unused/bomb.xml");
    expect(Buffer.from(b.data).equals(Buffer.from(a.data))).toBe(true);
    expect(b.e.size).toBe(10);
    // The rest of the copy still unzips with a standard reader (the bomb left out).
    const parts = unzipSync(out, { filter: (f) => f.name !== "xl/unused/bomb.xml" });
    expect(Object.keys(parts)).toEqual(expect.arrayContaining(["xl/workbook.xml", "[Content_Types].xml"]));
  });

  it("refuses too many zip entries", () => {
    const many = writeZip(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.xml`, content: strToU8("<a/>") })));
    expect(thrown(() => openPackage(many, { maxEntries: 10 })).code).toBe("too_large");
  });
});

describe("sparse sheets", () => {
  it("keeps cells sparse whatever their addresses, and an address beyond the grid makes the sheet unreadable", () => {
    const p = parseSheet(`${SHEET_HEAD}<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>${SHEET_TAIL}`, []);
    expect(p.error).toBeUndefined();
    expect(p.cells).toEqual([{ row: 1048575, cols: [16383], vals: [7] }]);
    for (const bad of ['<row r="1048577"><c><v>1</v></c></row>', '<row r="1"><c r="XFE1"><v>1</v></c></row>', '<row r="2"><c r="ZZZZZ99999999"><v>1</v></c></row>']) {
      const q = parseSheet(`${SHEET_HEAD}${bad}${SHEET_TAIL}`, []);
      expect(q.error?.en).toMatch(/beyond Excel's grid/);
      expect(q.cells).toEqual([]);
    }
  });

  it("stores <col> ranges as ranges and reads rows and cells written out of order", () => {
    const xml = `<worksheet><cols>${'<col min="1" max="16384" hidden="1"/>'.repeat(1000)}</cols><sheetData><row r="3"><c r="C3"><v>3</v></c><c r="A3"><v>1</v></c><c r="C3"><v>4</v></c></row><row r="1"><c r="B1"><v>2</v></c></row></sheetData></worksheet>`;
    const p = parseSheet(xml, []);
    expect(p.hiddenColumnRanges).toHaveLength(1000);
    expect(p.cells).toEqual([
      { row: 0, cols: [1], vals: [2] },
      { row: 2, cols: [0, 2], vals: [1, 4] },
    ]);
    const v = new SheetView({ name: "s", values: [], cells: p.cells, hiddenColumnRanges: p.hiddenColumnRanges });
    expect(v.hiddenCols.has(16383)).toBe(true);
    expect(v.get(2, 2)).toBe(4);
    expect(v.get(2, 1)).toBeNull();
  });

  it("reads a shared-string index only when it is a plain non-negative integer in range (else blank + warning)", () => {
    const sst = ["a", "b"];
    const cells = (v: string) => parseSheet(`${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>${v}</v></c></row>${SHEET_TAIL}`, sst);
    expect(cells("1").cells[0].vals).toEqual(["b"]);
    for (const bad of ["1e400", "1.0", "-1", "2", "0x1", " "]) {
      const p = cells(bad);
      expect(p.cells).toEqual([]);
      expect(p.badStringIndexes).toEqual(["A1"]);
    }
    const bytes = craft(base(), {
      edit: (parts) => {
        const k = "xl/worksheets/sheet1.xml";
        parts.set(k, parts.get(k)!.replace("</sheetData>", '<row r="200"><c r="A200" t="s"><v>1e400</v></c></row></sheetData>'));
      },
    });
    expect(readWorkbook(bytes).warnings?.[0].en).toMatch(/invalid shared-string index were read as blank \(A200\)/);
  });

  it("detection sees the same grid through sparse rows as through a dense one", () => {
    const grid = synthGrid({ items: 40, company: "同じ会社" });
    const cells = grid.flatMap((r, i) => {
      const cols: number[] = [];
      const vals: (typeof r)[number][] = [];
      r.forEach((v, c) => {
        if (v !== null && v !== undefined && v !== "") {
          cols.push(c);
          vals.push(v);
        }
      });
      return cols.length ? [{ row: i, cols, vals }] : [];
    });
    const dense = analyse({ sheets: [{ name: "s", values: grid }] });
    const sparse = analyse({ sheets: [{ name: "s", values: [], cells }] });
    expect(sparse).toEqual(dense);
    expect(detectChecklist({ sheets: [{ name: "s", values: [], cells }] })).toEqual(detectChecklist({ sheets: [{ name: "s", values: grid }] }));
  });

  it("setCell writes into either form", () => {
    const sparse: SheetInput = { name: "s", values: [], cells: [{ row: 2, cols: [1], vals: ["x"] }] };
    setCell(sparse, 2, 3, "y");
    setCell(sparse, 0, 0, "z");
    setCell(sparse, 2, 1, "w");
    expect(sparse.cells).toEqual([
      { row: 0, cols: [0], vals: ["z"] },
      { row: 2, cols: [1, 3], vals: ["w", "y"] },
    ]);
    const dense: SheetInput = { name: "d", values: [], originRow: 1 };
    setCell(dense, 2, 1, "q");
    expect(dense.values).toEqual([[], [null, "q"]]);
  });

  it("a checklist sheet beyond the grid gives an error naming the sheet", () => {
    const bytes = craft(base(), {
      edit: (parts) => {
        const k = "xl/worksheets/sheet1.xml";
        parts.set(k, parts.get(k)!.replace("</sheetData>", '<row r="2147483647"><c r="A2147483647"><v>1</v></c></row></sheetData>'));
      },
    });
    const res = analyse(readWorkbook(bytes));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message.en).toMatch(/^Sheet "チェックリスト": .*row 2147483647, beyond Excel's grid/);
  });
});
