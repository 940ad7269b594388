/**
 * The workbook's own results: each formula style traced to the answer cells, the comparison with our scores, and
 * the bounds on untrusted formulas. Items and field names are made up for these tests.
 */
import { analyse } from "../../src/core/analyse";
import { Evaluator, FormulaWorkbook, Sym } from "../../src/core/formula/evaluate";
import type { CellValue, ChartInput, FormulaCell, SheetInput, WorkbookInput } from "../../src/core/model";
import { traceWorkbookResults } from "../../src/core/workbook-results";

/** Checklist from row 1 (0-based 0 = header): No. | 内容 | チェック欄 | code; items on rows 1..n. */
const ITEMS: [string, CellValue, string][] = [
  ["社内の決まりを文書にして配っている", "○", "A"],
  ["決まりを見直す担当を置いている", "△", "A"],
  ["来客の出入りを記帳してもらっている", "×", "B"],
  ["書庫に鍵をかけている", "○", "B"],
  ["貸与パソコンの更新を毎月当てている", "△", "C"],
  ["共有フォルダの権限を部署ごとに分けている", "-", "C"],
  ["アカウントの棚卸しを年に一度している", null, "C"],
];
const FIRST = 1;

function checklist(extra: (row: number) => CellValue[] = () => []): SheetInput {
  const values: CellValue[][] = [["No.", "内容", "チェック欄", "コード"]];
  ITEMS.forEach(([t, a, c], i) => values.push([i + 1, t, a, c, ...extra(i + 1)]));
  return { name: "点検表", values };
}

function withResults(results: { name: string; formula: string }[], opts: { sheet?: string; cached?: (number | null)[]; names?: WorkbookInput["names"] } = {}): WorkbookInput {
  const sheet = opts.sheet ?? "集計";
  const values: CellValue[][] = [["分野", "値"]];
  const formulas: FormulaCell[] = [];
  results.forEach((r, i) => {
    values.push([r.name, opts.cached ? opts.cached[i] : null]);
    formulas.push({ row: i + 1, col: 1, formula: r.formula });
  });
  return { sheets: [checklist(), { name: sheet, values, formulas }], names: opts.names };
}

function traced(wb: WorkbookInput) {
  const r = analyse(wb);
  if (!r.ok) throw new Error(r.error.message.en);
  return { trace: traceWorkbookResults(wb, r.location), report: r.report };
}

const rowsOf = (t: ReturnType<typeof traceWorkbookResults>) => Object.fromEntries((t?.fields ?? []).map((f) => [f.name, f.rows]));

describe("tracing each formula style", () => {
  test("COUNTIFS over a parallel code column, sheet-qualified", () => {
    const c = (code: string, a: string) => `COUNTIFS(点検表!$D$2:$D$8,"${code}",点検表!$C$2:$C$8,"${a}")`;
    const f = (code: string) => `(${c(code, "○")}+${c(code, "△")}*0.5)/(${c(code, "○")}+${c(code, "△")}+${c(code, "×")})*100`;
    const { trace, report } = traced(withResults([
      { name: "決まり", formula: f("A") },
      { name: "場所", formula: f("B") },
      { name: "機器", formula: f("C") },
    ], { cached: [75, 50, 50] }));
    expect(rowsOf(trace)).toEqual({ 決まり: [1, 2], 場所: [3, 4], 機器: [5, 6, 7] });
    expect(trace?.fields.map((x) => trace.recompute(x))).toEqual([75, 50, 50]);
    // Every item gets the workbook's fields, in its order, and the scores equal the workbook's values.
    expect(report.items.map((i) => i.fields)).toEqual([["決まり"], ["決まり"], ["場所"], ["場所"], ["機器"], ["機器"], ["機器"]]);
    expect(report.items.every((i) => i.fieldSource === "workbook")).toBe(true);
    expect(report.fields.map((x) => [x.name, x.score])).toEqual([["決まり", 75], ["場所", 50], ["機器", 50]]);
    expect(report.workbookResults).toMatchObject({ sheet: "集計", range: "B2:B4", source: "table", why: null });
    expect(report.workbookResults?.fields.map((x) => [x.name, x.value, x.cell, x.ours, x.agrees])).toEqual([
      ["決まり", 75, "B2", 75, true],
      ["場所", 50, "B3", 50, true],
      ["機器", 50, "B4", 50, true],
    ]);
  });

  test("per-row helper cells averaged in cell lists and ranges (AVERAGE, SUM/COUNT)", () => {
    const sheet = checklist();
    sheet.formulas = ITEMS.map((_, i) => ({ row: FIRST + i, col: 5, formula: `IF(C${FIRST + i + 1}="○",1,IF(C${FIRST + i + 1}="△",0.5,IF(C${FIRST + i + 1}="×",0,"")))` }));
    const wb: WorkbookInput = {
      sheets: [sheet, {
        name: "集計",
        values: [["分野", "値"], ["決まり", null], ["場所", null], ["機器", null]],
        formulas: [
          { row: 1, col: 1, formula: "AVERAGE(点検表!F2,点検表!F3)*100" },
          { row: 2, col: 1, formula: "SUM(点検表!F4:F5)/COUNT(点検表!F4:F5)*100" },
          { row: 3, col: 1, formula: "AVERAGE(点検表!$F$6:$F$8)*100" },
        ],
      }],
    };
    const { trace, report } = traced(wb);
    expect(rowsOf(trace)).toEqual({ 決まり: [1, 2], 場所: [3, 4], 機器: [5, 6, 7] });
    expect(trace?.fields.map((x) => trace.recompute(x))).toEqual([75, 50, 50]);
    expect(report.workbookResults?.fields.every((x) => x.agrees)).toBe(true);
  });

  test("SUMPRODUCT((codes=…)*(answers=…)) through defined names; a different △ weight is shown with why", () => {
    const names = [
      { name: "回答", ref: "点検表!$C$2:$C$8" },
      { name: "区分", ref: "点検表!$D$2:$D$8" },
    ];
    const f = (code: string) => `SUMPRODUCT((区分="${code}")*((回答="○")+(回答="△")*0.2))/SUMPRODUCT((区分="${code}")*((回答="○")+(回答="△")+(回答="×")))*100`;
    const { trace, report } = traced(withResults([
      { name: "決まり", formula: f("A") },
      { name: "場所", formula: f("B") },
      { name: "機器", formula: f("C") },
    ], { names, cached: [60, 50, 20] }));
    expect(rowsOf(trace)).toEqual({ 決まり: [1, 2], 場所: [3, 4], 機器: [5, 6, 7] });
    const wr = report.workbookResults;
    expect(wr?.fields.map((x) => [x.name, x.value, x.ours, x.agrees])).toEqual([
      ["決まり", 60, 75, false],
      ["場所", 50, 50, true],
      ["機器", 20, 50, false],
    ]);
    expect(wr?.fields[0].why?.en).toMatch(/weighs the answers differently/);
    expect(wr?.why?.ja).toMatch(/3 分野中 2 分野/);
  });

  test("SUMIF / AVERAGEIF over a mark column, and COUNTIF with a wildcard over a 分野-like text column", () => {
    const sheet = checklist((r) => [r <= 2 ? "● " : "", `IF(C${r + 1}="○",1,IF(C${r + 1}="△",0.5,IF(C${r + 1}="×",0,"")))`]);
    sheet.formulas = ITEMS.map((_, i) => ({ row: FIRST + i, col: 5, formula: `IF(C${i + 2}="○",1,IF(C${i + 2}="△",0.5,IF(C${i + 2}="×",0,"")))` }));
    ITEMS.forEach((_, i) => (sheet.values[FIRST + i][4] = i < 2 ? "●" : null));
    const wb: WorkbookInput = {
      sheets: [sheet, {
        name: "集計",
        values: [["分野", "値"], ["決まり", null], ["それ以外", null], ["機器", null]],
        formulas: [
          { row: 1, col: 1, formula: 'SUMIF(点検表!E2:E8,"●",点検表!F2:F8)/COUNTIFS(点検表!E2:E8,"●",点検表!F2:F8,">=0")*100' },
          { row: 2, col: 1, formula: 'AVERAGEIF(点検表!E2:E8,"<>●",点検表!F2:F8)*100' },
          { row: 3, col: 1, formula: 'AVERAGEIFS(点検表!F2:F8,点検表!D2:D8,"c*")*100' },
        ],
      }],
    };
    const { trace } = traced(wb);
    expect(rowsOf(trace)).toEqual({ 決まり: [1, 2], それ以外: [3, 4, 5, 6, 7], 機器: [5, 6, 7] });
    expect(trace?.fields.map((x) => trace.recompute(x))).toEqual([75, 50, 50]);
  });

  test("a radar chart's series: categories from its ref, values traced; the chart wins over a table", () => {
    const wb = withResults([
      { name: "決まり", formula: 'COUNTIFS(点検表!D2:D8,"A",点検表!C2:C8,"○")/COUNTIFS(点検表!D2:D8,"A")*100' },
      { name: "場所", formula: 'COUNTIFS(点検表!D2:D8,"B",点検表!C2:C8,"○")/COUNTIFS(点検表!D2:D8,"B")*100' },
    ]);
    const chart: ChartInput = { sheet: "集計", name: "自社の点検結果", type: "radar", series: [{ name: "値", nameRef: "集計!$B$1", categoriesRef: "集計!$A$2:$A$3", valuesRef: "集計!$B$2:$B$3", categories: ["決まり", "場所"], values: [50, 50] }] };
    wb.charts = [chart];
    const { trace } = traced(wb);
    expect(trace).toMatchObject({ source: "chart", chart: "自社の点検結果", sheet: "集計", range: "B2:B3" });
    expect(rowsOf(trace)).toEqual({ 決まり: [1, 2], 場所: [3, 4] });
  });

  test("a stale cached value: the recomputed formula says so", () => {
    const c = (code: string, a: string) => `COUNTIFS(点検表!D2:D8,"${code}",点検表!C2:C8,"${a}")`;
    const f = (code: string) => `(${c(code, "○")}+${c(code, "△")}*0.5)/(${c(code, "○")}+${c(code, "△")}+${c(code, "×")})*100`;
    const { report } = traced(withResults([
      { name: "決まり", formula: f("A") },
      { name: "場所", formula: f("B") },
    ], { cached: [100, 50] }));
    const wr = report.workbookResults;
    expect(wr?.fields[0]).toMatchObject({ name: "決まり", value: 100, recomputed: 75, ours: 75, agrees: false });
    expect(wr?.fields[0].why?.ja).toMatch(/古い計算結果/);
    expect(wr?.fields[1]).toMatchObject({ agrees: true, why: null });
    expect(wr?.why?.en).toMatch(/stale/);
  });

  test("fractions (0-1) are compared on a 0-100 scale", () => {
    const { report } = traced(withResults([
      { name: "決まり", formula: 'AVERAGE(IF(点検表!C2="○",1,IF(点検表!C2="△",0.5,0)),IF(点検表!C3="○",1,IF(点検表!C3="△",0.5,0)))' },
      { name: "場所", formula: 'COUNTIFS(点検表!D2:D8,"B",点検表!C2:C8,"○")/COUNTIFS(点検表!D2:D8,"B")' },
    ], { cached: [0.75, 0.5] }));
    expect(report.workbookResults?.scale).toBe(100);
    expect(report.workbookResults?.fields.map((x) => x.agrees)).toEqual([true, true]);
  });
});

describe("what is not a per-field results block", () => {
  test("answer counts (○ △ × -) depending on every item, and per-row helper columns", () => {
    const sheet = checklist();
    sheet.formulas = ITEMS.map((_, i) => ({ row: FIRST + i, col: 5, formula: `IF(C${i + 2}="○",1,0)` }));
    const counts: SheetInput = {
      name: "件数",
      values: [["○", null], ["△", null], ["×", null]],
      formulas: ["○", "△", "×"].map((a, i) => ({ row: i, col: 1, formula: `COUNTIF(点検表!C2:C8,"${a}")` })),
    };
    const wb: WorkbookInput = { sheets: [sheet, counts] };
    const r = analyse(wb);
    expect(r.ok && r.report.workbookResults).toBe(null);
    expect(r.ok && r.report.items.every((i) => i.fieldSource !== "workbook")).toBe(true);
  });

  test("a workbook without formulas has none, and its report says null", () => {
    const r = analyse({ sheets: [checklist()] });
    expect(r.ok && r.report.workbookResults).toBe(null);
  });
});

describe("bounds and odd input (files are untrusted)", () => {
  const location = () => {
    const r = analyse({ sheets: [checklist()] });
    if (!r.ok) throw new Error("no checklist");
    return r.location;
  };

  test("circular references, unknown functions, unparsable and huge formulas never throw", () => {
    const wb = withResults([
      { name: "自己参照", formula: "B2+1" },
      { name: "未知", formula: 'FOOBAR(点検表!C2:C3,"x")' },
      { name: "壊れた", formula: "SUM(A1,,(" },
      { name: "長い", formula: "1+".repeat(6000) + "1" },
      { name: "外部", formula: "[1]Sheet1!A1+点検表!C9" },
    ]);
    expect(() => traceWorkbookResults(wb, location())).not.toThrow();
    const t = traceWorkbookResults(wb, location());
    // Only the unknown function depends on answers; one field is not a results block.
    expect(t).toBe(null);
  });

  test("the work is capped: a budget too small gives null, not an exception", () => {
    const c = (code: string) => `COUNTIFS(点検表!D:D,"${code}",点検表!C:C,"○")`;
    const wb = withResults([
      { name: "決まり", formula: c("A") },
      { name: "場所", formula: c("B") },
    ]);
    expect(traceWorkbookResults(wb, location(), 10)).toBe(null);
    // Whole-column references are clamped to the data, so the normal budget is enough.
    expect(rowsOf(traceWorkbookResults(wb, location()))).toEqual({ 決まり: [1, 2], 場所: [3, 4] });
  });

  test("deep chains of helper cells stop at the depth cap", () => {
    const n = 500;
    const values: CellValue[][] = [];
    const formulas: FormulaCell[] = [];
    for (let i = 0; i < n; i++) {
      values.push([i === 0 ? null : "x", null]);
      formulas.push({ row: i, col: 1, formula: i === n - 1 ? "点検表!C2" : `B${i + 2}` });
    }
    const wb: WorkbookInput = { sheets: [checklist(), { name: "鎖", values, formulas }] };
    const fw = new FormulaWorkbook(wb);
    const ev = new Evaluator(fw, { sheet: "点検表", col: 2, rows: new Set([1]) }, "trace");
    expect(() => ev.cell("鎖", 0, 1)).not.toThrow();
    expect(ev.cell("鎖", 0, 1)).not.toBeInstanceOf(Sym);
    expect(ev.cell("鎖", n - 2, 1)).toBeInstanceOf(Sym);
  });

  test("garbage in WorkbookInput (missing fields, wrong types) gives null", () => {
    const loc = location();
    const bad = { sheets: [null, { name: 3 }, { name: "x", values: [[1]], formulas: [null, { row: -1, col: 0, formula: "A1" }, { row: 0, col: 0, formula: 5 }] }], charts: [null, { sheet: "x", type: "radar", series: [null, { valuesRef: 7 }] }], names: [null, { name: 1 }] } as unknown as WorkbookInput;
    expect(traceWorkbookResults(bad, loc)).toBe(null);
  });
});
