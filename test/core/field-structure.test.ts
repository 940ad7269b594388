/**
 * The workbook's own field structure (issue 7, item 1): a 分野 column with names as written, a field matrix (one
 * mark column per field), a results block beside the checklist that is NOT a 分野 column, and the "workbook" source
 * from a traced row map. In-memory grids; item texts made up for the tests.
 */
import type { CellValue, SheetInput } from "../../src/core/model";
import { analyse } from "../../src/core/analyse";
import { detectChecklist, isMatrixMark } from "../../src/core/detect";
import { fieldUnion } from "../../src/core/summary";
import { TICS_2024 } from "../../src/core/profile/tics-2024";

function sheet(rows: CellValue[][], name = "チェックリスト"): SheetInput {
  return { name, values: rows };
}

const TEXTS = [
  "情報セキュリティの方針を定め、周知している。",
  "守るべき情報を洗い出し、一覧にしている。",
  "従業員に年一回の教育を行っている。",
  "重要なデータのバックアップを取っている。",
  "パソコンにウイルス対策ソフトを入れている。",
  "事故が起きたときの連絡手順を決めている。",
];

describe("field matrix", () => {
  const header: CellValue[] = ["No.", "内容", "チェック欄", "ルール作り", "ルールの実践", "サイバー対策", "備考"];
  const marks: CellValue[][] = [
    ["●", null, null],
    ["●", "●", null],
    [null, "✓", null],
    [null, null, 1],
    [null, null, "○"],
    [null, "レ", "◎"],
  ];
  const answers: CellValue[] = ["○", "×", "△", "○", "○", "×"];
  const rows: CellValue[][] = [["自己チェックリスト"], header];
  TEXTS.forEach((t, i) => rows.push([i + 1, t, answers[i], ...marks[i], i === 0 ? "メモ" : null]));

  test("marks ● ○ ◯ ◎ ■ ✓ ✔ 〇 レ 1 are marks; other text is not", () => {
    for (const m of ["●", "○", "◯", "◎", "■", "✓", "✔", "〇", "レ", "1", 1, true]) expect(isMatrixMark(m as CellValue)).toBe(true);
    for (const m of ["△", "×済", "ルール", 2, null, ""]) expect(isMatrixMark(m as CellValue)).toBe(false);
  });

  test("detected in column order; the answer column stays the answer column; 備考 is no field", () => {
    const res = detectChecklist({ sheets: [sheet(rows)] });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.location.answerCol).toBe(2);
    expect(res.location.fieldCol).toBeNull();
    expect(res.location.fieldMatrix).toEqual([
      { col: 3, name: "ルール作り" },
      { col: 4, name: "ルールの実践" },
      { col: 5, name: "サイバー対策" },
    ]);
  });

  test("every item gets the workbook's fields, names as written, distinct names not merged, workbook order", () => {
    const res = analyse({ sheets: [sheet(rows)] });
    if (!res.ok) throw new Error("not detected");
    const r = res.report;
    expect(r.items.map((i) => [i.fields, i.fieldSource])).toEqual([
      [["ルール作り"], "matrix"],
      [["ルール作り", "ルールの実践"], "matrix"],
      [["ルールの実践"], "matrix"],
      [["サイバー対策"], "matrix"],
      [["サイバー対策"], "matrix"],
      [["ルールの実践", "サイバー対策"], "matrix"],
    ]);
    expect(r.fields.map((f) => [f.name, f.score])).toEqual([
      ["ルール作り", 50],
      ["ルールの実践", 16.7],
      ["サイバー対策", 66.7],
    ]);
    expect(r.fieldOrigin).toBe("workbook");
  });

  test("an item without a mark is unassigned, never given one of our fields", () => {
    const copy = rows.map((r) => r.slice());
    copy[2 + 3] = [4, TEXTS[3], "○", null, null, null, null];
    const res = analyse({ sheets: [sheet(copy)] });
    if (!res.ok) throw new Error("not detected");
    expect(res.report.items[3]).toMatchObject({ fields: [], fieldSource: "none", topic: "backup" });
    expect(res.report.unassigned).toBe(1);
    expect(res.report.fields.map((f) => f.name)).toEqual(["ルール作り", "ルールの実践", "サイバー対策"]);
  });

  test("one mark column alone is not a matrix", () => {
    const one: CellValue[][] = [["No.", "内容", "チェック欄", "重要"]];
    TEXTS.forEach((t, i) => one.push([i + 1, t, "○", i % 2 ? "●" : null]));
    const res = detectChecklist({ sheets: [sheet(one)] });
    expect(res.ok && res.location.fieldMatrix).toBeFalsy();
  });
});

describe("分野 column and a results block beside the checklist", () => {
  test("a 分野 column using ルール作り and ルールの実践 keeps both, first-appearance order", () => {
    const rows: CellValue[][] = [["No.", "内容", "チェック欄", "分野"]];
    const f = ["ルールの実践", "ルール作り", "ルール作り", "サイバー対策", "ルールの実践、サイバー対策", "ﾙｰﾙ作り"];
    TEXTS.forEach((t, i) => rows.push([i + 1, t, "○", f[i]]));
    const res = analyse({ sheets: [sheet(rows)] });
    if (!res.ok) throw new Error("not detected");
    expect(res.report.location.fieldCol).toBe(3);
    expect(res.report.items.map((i) => i.fieldSource)).toEqual(Array(6).fill("column"));
    expect(res.report.items[5].fields).toEqual(["ルール作り"]);
    expect(res.report.fields.map((x) => [x.name, x.items])).toEqual([
      ["ルールの実践", 2],
      ["ルール作り", 3],
      ["サイバー対策", 2],
    ]);
  });

  test("a results block (field name | score) to the right, headed 分野, is not a 分野 column", () => {
    const rows: CellValue[][] = [["No.", "内容", "チェック欄", null, "分野", "得点"]];
    const names = ["方針", "人", "技術", "事故"];
    TEXTS.forEach((t, i) => rows.push([i + 1, t, "○", null, names[i] ?? null, i < 4 ? 75 + i : null]));
    const res = analyse({ sheets: [sheet(rows)] });
    if (!res.ok) throw new Error("not detected");
    expect(res.report.location.fieldCol).toBeNull();
    expect(res.report.items.every((i) => i.fieldSource === "rule")).toBe(true);
    expect(res.report.fields.map((x) => x.name)).not.toContain("方針");
    expect(res.report.fields.map((x) => x.name)).not.toContain("人");
  });
});

describe("fields traced from the workbook's results (source workbook)", () => {
  test("a row map and order from the tracer give every item the workbook's fields in its order", () => {
    const rows: CellValue[][] = [["No.", "内容", "チェック欄"]];
    TEXTS.forEach((t, i) => rows.push([i + 1, t, i % 2 ? "×" : "○"]));
    const byRow = new Map<number, string[]>([
      [1, ["② ルールの実践"]],
      [2, ["① ルール作り"]],
      [3, ["② ルールの実践"]],
      [4, ["③ サイバー対策"]],
      [5, ["③ サイバー対策"]],
      [6, ["① ルール作り", "③ サイバー対策"]],
    ]);
    const res = analyse({ sheets: [sheet(rows)] }, { workbookFields: { byRow, order: ["① ルール作り", "② ルールの実践", "③ サイバー対策"] } });
    if (!res.ok) throw new Error("not detected");
    expect(res.report.items.map((i) => i.fieldSource)).toEqual(Array(6).fill("workbook"));
    expect(res.report.fields.map((f) => [f.name, f.score])).toEqual([
      ["① ルール作り", 0],
      ["② ルールの実践", 100],
      ["③ サイバー対策", 33.3],
    ]);
  });

  test("the user's mapping wins over every workbook source", () => {
    const rows: CellValue[][] = [["No.", "内容", "チェック欄", "分野"]];
    TEXTS.forEach((t, i) => rows.push([i + 1, t, "○", "ルール作り"]));
    const res = analyse({ sheets: [sheet(rows)] }, { userMapping: { entries: [{ id: "S-2", text: TEXTS[1], fields: ["情報の特定"] }] } });
    if (!res.ok) throw new Error("not detected");
    expect(res.report.items[1]).toMatchObject({ fields: ["情報の特定"], fieldSource: "user" });
    expect(res.report.items[0]).toMatchObject({ fields: ["ルール作り"], fieldSource: "column" });
  });
});

describe("batch summary with the workbook's own fields", () => {
  test("keeps the workbook's names and order (no profile reordering)", () => {
    const rows: CellValue[][] = [["No.", "内容", "チェック欄", "分野"]];
    const f = ["事業継続", "方針・体制", "ルール作り", "事業継続", "方針・体制", "ルール作り"];
    TEXTS.forEach((t, i) => rows.push([i + 1, t, "○", f[i]]));
    const res = analyse({ sheets: [sheet(rows)] });
    if (!res.ok) throw new Error("not detected");
    expect(fieldUnion([{ ok: true, report: res.report }], TICS_2024).map((x) => x.name)).toEqual(["事業継続", "方針・体制", "ルール作り"]);
  });
});

describe("field matrix under a two-level header", () => {
  test("「分野」 over the mark columns, names in the header row: a matrix, not a 分野 column of marks", () => {
    const rows: CellValue[][] = [
      [null, null, null, "分野", null, null],
      ["No.", "内容", "チェック欄", "ルール作り", "ルールの実践", "サイバー対策"],
    ];
    TEXTS.forEach((t, i) => rows.push([i + 1, t, "○", i % 3 === 0 ? "●" : null, i % 3 === 1 ? "●" : null, i % 3 === 2 ? "●" : null]));
    const res = analyse({ sheets: [{ name: "表", values: rows, merges: [{ top: 0, left: 3, bottom: 0, right: 5 }] }] });
    if (!res.ok) throw new Error("not detected");
    expect(res.report.location.fieldCol).toBeNull();
    expect(res.report.items.map((i) => i.fields[0])).toEqual(["ルール作り", "ルールの実践", "サイバー対策", "ルール作り", "ルールの実践", "サイバー対策"]);
  });

  test("「分野」 in the header row itself over a first mark column is not taken as a column of names", () => {
    const rows: CellValue[][] = [["No.", "内容", "チェック欄", "分野", "人的対策", "サイバー対策"]];
    TEXTS.forEach((t, i) => rows.push([i + 1, t, "○", "●", i % 2 ? "●" : null, null]));
    const res = analyse({ sheets: [{ name: "表", values: rows }] });
    if (!res.ok) throw new Error("not detected");
    expect(res.report.location.fieldCol).toBeNull();
    expect(res.report.items.flatMap((i) => i.fields)).not.toContain("●");
  });
});
