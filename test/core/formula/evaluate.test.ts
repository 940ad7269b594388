import { Evaluator, FormulaWorkbook, Sym } from "../../../src/core/formula/evaluate";
import type { CellValue, WorkbookInput } from "../../../src/core/model";

/** A sheet 「表」 with one column of mixed values in A1:A8 and answers in B1:B8 (answer column 1). */
function book(values: CellValue[], answers: CellValue[] = []): WorkbookInput {
  return { sheets: [{ name: "表", values: values.map((v, i) => [v, answers[i] ?? null]) }] };
}

describe("criteria functions: plain text criteria and the cell-by-cell test give the same counts", () => {
  const values: CellValue[] = ["A", "a", "b", null, 1, "1", true, "A "];
  const ev = new Evaluator(new FormulaWorkbook(book(values)), { sheet: "表", col: 1, rows: new Set() }, "value");
  const count = (crit: string) => ev.formulaValue(`COUNTIF(表!A1:A8,"${crit}")`, "表");
  test.each([
    ["a", 2],
    ["=A", 2],
    ["A ", 1],
    ["b", 1],
    ["c", 0],
    ["<>a", 6],
    ["A*", 3],
    ["?", 4],
  ])("COUNTIF(…,%p) = %p", (crit, n) => {
    expect(count(crit)).toBe(n);
  });
  test("the same text criterion twice (memoised) gives the same count; an upper-case criterion matches lower-case text", () => {
    expect(count("B")).toBe(1);
    expect(count("B")).toBe(1);
    expect(ev.formulaValue('COUNTIFS(表!A1:A8,"A",表!A1:A8,"a")+COUNTIFS(表!A1:A8,"A",表!A1:A8,"a")', "表")).toBe(4);
  });
});

describe("trace mode: criteria over answer cells", () => {
  const codes: CellValue[] = ["①", "②", "①", "②", "①", null];
  const answers: CellValue[] = ["○", "△", "×", "○", "-", "○"];
  const fw = new FormulaWorkbook(book(codes, answers));
  const rows = new Set([0, 1, 2, 3, 4, 5]);
  test("each code depends on its own rows, whatever the answer symbol in the formula", () => {
    const tr = new Evaluator(fw, { sheet: "表", col: 1, rows }, "trace");
    const f = (code: string) =>
      `(COUNTIFS(表!A1:A6,"${code}",表!B1:B6,"○")+COUNTIFS(表!A1:A6,"${code}",表!B1:B6,"△")*0.5)/(COUNTIFS(表!A1:A6,"${code}",表!B1:B6,"○")+COUNTIFS(表!A1:A6,"${code}",表!B1:B6,"×"))`;
    const one = tr.formulaValue(f("①"), "表");
    const two = tr.formulaValue(f("②"), "表");
    expect(one).toBeInstanceOf(Sym);
    expect([...(one as Sym).rows].sort()).toEqual([0, 2, 4]);
    expect([...(two as Sym).rows].sort()).toEqual([1, 3]);
  });
  test("value mode on the same formulas gives the workbook's numbers", () => {
    const va = new Evaluator(fw, { sheet: "表", col: 1, rows }, "value");
    expect(va.formulaValue('COUNTIFS(表!A1:A6,"①",表!B1:B6,"○")', "表")).toBe(1);
    expect(va.formulaValue('COUNTIFS(表!A1:A6,"②",表!B1:B6,"○")', "表")).toBe(1);
    expect(va.formulaValue('COUNTIFS(表!B1:B6,"○")', "表")).toBe(3);
  });
});
