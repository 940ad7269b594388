import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import type { CellValue } from "../../src/core/model";
import { writeSimpleWorkbook } from "../../src/file/xlsx-write";
import { readWorkbook } from "../../src/file/xlsx-read";

describe("writeSimpleWorkbook", () => {
  it("round-trips values, merges, validations, origin and sheet order through the reader", () => {
    const bytes = writeSimpleWorkbook([
      {
        name: "チェック",
        origin: { row: 3, col: 1 },
        rows: [
          ["No.", "内容", "チェック欄"],
          [1, "=SUM(A1)", "○"],
          [2.5, "a & <b>", true],
          [null, "  spaced\nline ", false],
        ],
        merges: [{ top: 8, left: 0, bottom: 8, right: 2 }],
        validations: [{ range: { top: 4, left: 3, bottom: 6, right: 3 }, items: ["○", "△", "×", 'say "-"'] }],
        colWidths: [5, 40],
        bold: [{ top: 3, left: 1, bottom: 3, right: 3 }],
        wrap: [{ top: 4, left: 2, bottom: 6, right: 2 }],
      },
      { name: "Two's", rows: [[-1.25e-7]] },
    ]);
    const wb = readWorkbook(bytes);
    expect(wb.sheets.map((s) => s.name)).toEqual(["チェック", "Two's"]);
    const s = wb.sheets[0];
    expect(s.values[3]).toEqual([null, "No.", "内容", "チェック欄"]);
    expect(s.values[4]).toEqual([null, 1, "=SUM(A1)", "○"]);
    expect(s.values[5]).toEqual([null, 2.5, "a & <b>", true]);
    expect(s.values[6]).toEqual([null, null, "  spaced\nline ", false]);
    expect(s.merges).toEqual([{ top: 8, left: 0, bottom: 8, right: 2 }]);
    expect(s.validations).toEqual([{ range: { top: 4, left: 3, bottom: 6, right: 3 }, items: ["○", "△", "×", 'say "-"'] }]);
    expect(wb.sheets[1].values).toEqual([[-1.25e-7]]);
    // Text that looks like a formula is a string cell, never <f>.
    const sheet1 = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]);
    expect(sheet1).not.toContain("<f>");
    expect(sheet1).toMatch(/<c r="C5" s="2" t="s">/);
    expect(sheet1).toMatch(/<c r="B4" s="1" t="s">/);
  });

  it("stores control characters and literal _xHHHH_ text the way Excel does, and reads them back", () => {
    const bytes = writeSimpleWorkbook([{ name: "S", rows: [["a\u0007b", "_x0041_", "c\r\nd"]] }]);
    const sst = strFromU8(unzipSync(bytes)["xl/sharedStrings.xml"]);
    expect(sst).toContain("<t>a_x0007_b</t>");
    expect(sst).toContain("<t>_x005F_x0041_</t>");
    expect(sst).toContain("c_x000D_\nd</t>");
    expect(readWorkbook(bytes).sheets[0].values[0]).toEqual(["a\u0007b", "_x0041_", "c\r\nd"]);
  });

  it("rejects invalid and duplicate sheet names and an empty workbook", () => {
    expect(() => writeSimpleWorkbook([])).toThrow(RangeError);
    expect(() => writeSimpleWorkbook([{ name: "a/b", rows: [] }])).toThrow(/invalid sheet name/);
    expect(() => writeSimpleWorkbook([{ name: "x".repeat(32), rows: [] }])).toThrow(/invalid sheet name/);
    expect(() => writeSimpleWorkbook([{ name: "Same", rows: [] }, { name: "same", rows: [] }])).toThrow(/duplicate/);
  });

  it("round-trips any grid of strings, numbers and booleans (property)", () => {
    const cell: fc.Arbitrary<CellValue> = fc.oneof(
      fc.string({ maxLength: 12 }).filter((s) => s !== ""),
      fc.constantFrom("=1+1", "+81", "-", "@x", "○", "△", "×", "&amp;", "]]>", "<t>", "_x0041_", "a\r\nb", "bell\u0007", "_x005F_x0041_"),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 }), (rows) => {
        const back = readWorkbook(writeSimpleWorkbook([{ name: "S", rows }])).sheets[0].values;
        for (let r = 0; r < rows.length; r++) {
          for (let c = 0; c < rows[r].length; c++) {
            const want = rows[r][c];
            const got = back[r]?.[c] ?? null;
            if (want === "" || want === null) expect(got).toBeNull();
            else expect(got).toBe(want);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
