/** setCell: writing one cell into either form of a sheet, and what a written text means for a skimmed sheet. */
import { setCell } from "../../src/core/grid";
import { labelSheets } from "../../src/core/sheet-list";
import type { SheetInput } from "../../src/core/model";

describe("setCell", () => {
  it("writes into sparse cells in order and into a dense grid at its origin", () => {
    const sparse: SheetInput = { name: "S", values: [], cells: [{ row: 2, cols: [1], vals: ["a"] }] };
    expect(setCell(sparse, 2, 0, "b")).toBe(true);
    expect(setCell(sparse, 0, 3, 5)).toBe(true);
    expect(sparse.cells).toEqual([
      { row: 0, cols: [3], vals: [5] },
      { row: 2, cols: [0, 1], vals: ["b", "a"] },
    ]);
    const dense: SheetInput = { name: "D", values: [[1]], originRow: 4, originCol: 2 };
    expect(setCell(dense, 3, 2, "x")).toBe(false);
    expect(setCell(dense, 5, 4, "y")).toBe(true);
    expect(dense.values).toEqual([[1], [null, null, "y"]]);
  });

  it("a text written into a sheet read without labels makes the label readers look at it again; a number does not", () => {
    const sheet: SheetInput = { name: "部品表", values: [], cells: [{ row: 0, cols: [0], vals: [1] }], labels: false };
    setCell(sheet, 0, 1, 42);
    expect(labelSheets({ sheets: [sheet] })).toEqual([]);
    setCell(sheet, 0, 2, "内容");
    expect(sheet.labels).toBeUndefined();
    expect(labelSheets({ sheets: [sheet] })).toEqual([sheet]);
  });
});
