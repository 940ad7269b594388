/**
 * A large generated sheet (a batch's problem list is 10,000s of rows) written by the byte writer: the same cells,
 * styles, widths and shared strings as the one-cell writer gives, read back the same by our reader.
 */
import { strFromU8, unzipSync } from "fflate";
import type { CellValue } from "../../src/core/model";
import { a1 } from "../../src/file/cells";
import { readWorkbook } from "../../src/file/xlsx-read";
import { cellXml, SheetStream, sstXml, StringTable, writeSimpleWorkbook } from "../../src/file/xlsx-write";
import { useZipCodec } from "../../src/file/zip";
import { useNodeZlib } from "../../src/file/zip-node";

describe("writeSimpleWorkbook on a large generated sheet", () => {
  // 20,000 rows of every kind of value, a bold header, wrap ranges (one overlapping the header: bold + wrap),
  // styled blanks, a second sheet placed at an origin. The reference for every cell is `cellXml`, the one-cell
  // writer the other generated sheets use.
  const ROWS = 20_000;
  const texts = ["a & b", "<tag>", 'say "hi"', "it's", "○", "情報資産の管理台帳", "  spaced ", "two\nlines", "=SUM(A1)", "-", "emoji 😀", "bell\u0007", "_x0041_"];
  function value(r: number, c: number): CellValue {
    switch ((r * 7 + c * 3) % 11) {
      case 0:
        return null;
      case 1:
        return "";
      case 2:
        return r * 10 + c;
      case 3:
        return -(r + c) / 8;
      case 4:
        return (r % 3 === 0) === (c % 2 === 0);
      case 5:
        return 1.5e-9 * (r + 1);
      case 6:
        return `file-${Math.floor(r / 55)}.xlsx`;
      default:
        return texts[(r + c) % texts.length] + (c === 4 ? ` ${r % 150}` : "");
    }
  }
  const header: CellValue[] = ["ファイル", "シート", "セル", "項目ID", "項目", "入力値", "状態", "入力すべき値"];
  const rows: CellValue[][] = [header];
  for (let r = 1; r <= ROWS; r++) rows.push(Array.from({ length: 8 }, (_, c) => value(r, c)));
  // A short row and an empty row in between (no <row> for the empty one).
  rows[5000] = [1, "x"];
  rows[5001] = [];
  const bold = [{ top: 0, left: 0, bottom: 0, right: 7 }];
  const wrap = [
    { top: 0, left: 4, bottom: ROWS, right: 4 },
    { top: 100, left: 6, bottom: 120, right: 7 },
  ];
  const second = { name: "Two", origin: { row: 2, col: 3 }, rows: [["x", 1], [], [true, null, "y"]], bold: [{ top: 2, left: 3, bottom: 2, right: 5 }] };
  const sheets = [{ name: "問題一覧", rows, bold, wrap, colWidths: [32, 14, 8, 10, 60, 10, 12, 20] }, second];

  function expectSameValues(got: CellValue[][], want: CellValue[][], origin = { row: 0, col: 0 }) {
    for (let r = 0; r < want.length; r++) {
      for (let c = 0; c < want[r].length; c++) {
        const w = want[r][c];
        const g = got[origin.row + r]?.[origin.col + c] ?? null;
        if (w === "" || w === null) {
          if (g !== null) throw new Error(`R${r}C${c}: want blank, got ${String(g)}`);
        } else if (g !== w) throw new Error(`R${r}C${c}: want ${JSON.stringify(w)}, got ${JSON.stringify(g)}`);
      }
    }
    // Nothing beyond the written rows.
    expect(got.length).toBeLessThanOrEqual(origin.row + want.length);
  }

  /** `<sheetData>` as `cellXml` writes it, cell by cell, with the same shared-string table order. */
  function referenceSheetData(sheet: { rows: CellValue[][]; origin?: { row: number; col: number } }, sst: StringTable, styleOf: (r: number, c: number) => number) {
    const o = sheet.origin ?? { row: 0, col: 0 };
    let out = "";
    sheet.rows.forEach((row, ri) => {
      const r = o.row + ri;
      const cells = row.map((v, ci) => cellXml(a1(r, o.col + ci), v, styleOf(r, o.col + ci), sst)).join("");
      if (cells) out += `<row r="${r + 1}">${cells}</row>`;
    });
    return out;
  }
  const inside = (rs: { top: number; left: number; bottom: number; right: number }[], r: number, c: number) =>
    rs.some((x) => r >= x.top && r <= x.bottom && c >= x.left && c <= x.right);

  for (const native of [false, true]) {
    it(`reads back the same cells, styles, widths and shared strings (${native ? "Node's zlib" : "fflate"})`, () => {
      if (native) useNodeZlib();
      let bytes: Uint8Array;
      try {
        bytes = writeSimpleWorkbook(sheets);
      } finally {
        useZipCodec(null);
      }
      const wb = readWorkbook(bytes);
      expect(wb.sheets.map((s) => s.name)).toEqual(["問題一覧", "Two"]);
      expectSameValues(wb.sheets[0].values, rows);
      expectSameValues(wb.sheets[1].values, second.rows, second.origin);

      const parts = unzipSync(bytes);
      const sheet1 = strFromU8(parts["xl/worksheets/sheet1.xml"]);
      const sheet2 = strFromU8(parts["xl/worksheets/sheet2.xml"]);
      // Every cell as the one-cell writer writes it (references, styles, types, shared-string indexes), in order.
      const sst = new StringTable();
      const want1 = referenceSheetData(sheets[0], sst, (r, c) => (inside(bold, r, c) ? 1 : 0) + (inside(wrap, r, c) ? 2 : 0));
      const want2 = referenceSheetData(second, sst, (r, c) => (inside(second.bold, r, c) ? 1 : 0));
      expect(sheet1.slice(sheet1.indexOf("<sheetData>") + 11, sheet1.indexOf("</sheetData>"))).toBe(want1);
      expect(sheet2.slice(sheet2.indexOf("<sheetData>") + 11, sheet2.indexOf("</sheetData>"))).toBe(want2);
      expect(sheet1).toContain('<c r="A1" s="1" t="s">');
      expect(sheet1).toContain('<c r="E1" s="3" t="s">');
      expect(sheet1).toMatch(/<c r="E\d+" s="2"\/>/); // a styled blank
      expect(sheet1).toContain(`<dimension ref="A1:H${ROWS + 1}"/>`);
      expect(sheet2).toContain(`<dimension ref="D3:F5"/>`);
      expect(sheet1).toContain('<cols><col min="1" max="1" width="32" customWidth="1"/>');
      expect(sheet1).toContain('<col min="5" max="5" width="60" customWidth="1"/>');
      // The shared-string table: the same strings in the same order, every reference counted.
      const sstXmlText = strFromU8(parts["xl/sharedStrings.xml"]);
      expect(sstXmlText).toBe(sstXml(sst));
      expect(sst.refs).toBeGreaterThan(ROWS * 3);
    });
  }
});

describe("SheetStream", () => {
  it("writes a sheet whose column widths outgrow the room kept for them (the start is copied in front once)", () => {
    const stream = new SheetStream({ name: "広い" }, 2, new StringTable(), 16, 0);
    const rows: CellValue[][] = [["見出し", 1], Array.from({ length: 300 }, (_, i) => (i % 2 ? i : `列${i}`))];
    for (const r of rows) stream.add(r);
    stream.colWidths = Array.from({ length: 300 }, (_, i) => 8 + (i % 5));
    const bytes = writeSimpleWorkbook([{ name: "広い", stream }]);
    expect(readWorkbook(bytes).sheets[0].values).toEqual(rows);
    const xml = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]);
    // The same part as the one-shot writer gives for these rows and widths.
    expect(xml).toBe(strFromU8(unzipSync(writeSimpleWorkbook([{ name: "広い", rows, colWidths: stream.colWidths }]))["xl/worksheets/sheet1.xml"]));
    expect(xml).toContain('<col min="300" max="300" width="12" customWidth="1"/>');
  });
});
