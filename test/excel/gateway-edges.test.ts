/**
 * The Excel gateway where users do unexpected things: sheets renamed, deleted or typed into, tables renamed or
 * sorted, quoted sheet names, text-formatted answer cells, rules that are not lists, actions started twice at once.
 */
import type { CheckOutcome } from "../../src/app/host";
import { PLAN_ORDER_LINE } from "../../src/core/plan";
import { PLAN_SHEET, PLAN_TABLE, RESULTS_SHEET, planModel } from "../../src/core/sheets";
import { parseAreas, splitAreas } from "../../src/excel/address";
import { createExcelHost } from "../../src/excel/host";
import { SETTINGS_KEY, parseState } from "../../src/excel/state";
import { CHART_NAME } from "../../src/excel/write";
import { FakeExcel, type FakeSheet } from "./fake-excel";
import { ANSWER_COL, SHEET, buildChecklist, changesOf, checked, setup, tick } from "./helpers";

/** Header texts of row 0 of a sheet, by column. */
/** The plan's header row: row 2, below the order line. */
const HEAD = 1;

function headers(s: FakeSheet): string[] {
  const used = s.used(true);
  const out: string[] = [];
  for (let c = 0; c <= used.right; c++) out.push(String(s.cell(HEAD, c)?.value ?? ""));
  return out;
}

describe("sheet names that need quoting", () => {
  test("areas split at commas outside quoted sheet names", () => {
    expect(splitAreas("'Q1, 2024'!$A$1:$B$2,'Q1, 2024'!D4")).toEqual(["'Q1, 2024'!$A$1:$B$2", "'Q1, 2024'!D4"]);
    expect(splitAreas("'It''s, here'!A1,B2")).toEqual(["'It''s, here'!A1", "B2"]);
    expect(parseAreas("'Q1, 2024'!A1:B2,'Q1, 2024'!D4")).toEqual([
      { top: 0, left: 0, bottom: 1, right: 1 },
      { top: 3, left: 3, bottom: 3, right: 3 },
    ]);
  });

  test("a checklist sheet whose name holds a comma and an apostrophe: merged areas and the manual range are read", async () => {
    const { excel, host, layout } = setup(8);
    const name = "点検, O'Neil 2024";
    const s = excel.sheet(SHEET);
    s.name = name;
    s.merges.push({ top: 0, left: 1, bottom: 0, right: 4 }, { top: 1, left: 2, bottom: 1, right: 3 });
    const report = await checked(host);
    expect(report.sheet).toBe(name);
    expect(host.snapshot?.wb.sheets[0].merges).toEqual(s.merges);
    const first = layout.itemRows[0];
    const last = layout.itemRows[layout.itemRows.length - 1];
    excel.selection = { sheet: name, range: { top: first, left: ANSWER_COL, bottom: last, right: ANSWER_COL } };
    const o = await host.useSelectionAsAnswerCells();
    expect(o.ok).toBe(true);
    if (o.ok) expect(o.report.summary.items).toBe(8);
    expect(parseState(excel.settings.get(SETTINGS_KEY)).manual).toEqual({ sheet: name, sheetId: s.id, answers: `D${first + 1}:D${last + 1}` });
  });
});

describe("normalise in text-formatted answer cells", () => {
  test("a 「-」 written into an @ cell is 「-」, not 「'-」; undo restores the exact look-alike", async () => {
    // Item 0 allows 「-」; its cell holds the look-alike ー and is formatted as text.
    const { excel, host, layout } = setup(6, (i) => (i === 0 ? "ー" : i === 1 ? "〇" : "○"));
    const s = excel.sheet(SHEET);
    s.ensure(layout.itemRows[0], ANSWER_COL).numberFormat = "@";
    const report = await checked(host);
    const changes = changesOf(report);
    expect(changes.map((c) => [c.cell, c.to])).toEqual([
      [layout.answerCells[0], "-"],
      [layout.answerCells[1], "○"],
    ]);
    const applied = await host.applyNormalise(changes);
    expect(applied.ok).toBe(true);
    expect(s.value(layout.answerCells[0])).toBe("-");
    expect(s.value(layout.answerCells[1])).toBe("○");
    // a fresh check sees exactly what the pane was told
    const fresh = await checked(createExcelHost("ja", { run: excel.run }));
    expect(fresh.items[0]).toMatchObject({ raw: "-", status: "ok" });
    expect((await host.undoNormalise(changes)).ok).toBe(true);
    expect(s.value(layout.answerCells[0])).toBe("ー");
    expect(s.value(layout.answerCells[1])).toBe("〇");
  });

  test.each([30, 1000])("%i items: normalise and undo take at most 2 syncs each", async (n) => {
    const { excel, host } = setup(n, (i) => (i % 2 === 0 ? "〇" : "×"));
    const report = await checked(host);
    const changes = changesOf(report);
    expect(changes).toHaveLength(n / 2);
    excel.resetCounters();
    expect((await host.applyNormalise(changes)).ok).toBe(true);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    excel.resetCounters();
    expect((await host.undoNormalise(changes)).ok).toBe(true);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
  });
});

describe("dropdowns never replace the user's own rules", () => {
  test("an answer cell with a rule that is not a list keeps it; only cells without any rule get the list", async () => {
    const { excel, host, layout } = setup(6);
    const s = excel.sheet(SHEET);
    s.setValidation(layout.answerCells[0], "=LEN(D6)<=1", "Custom");
    s.setValidation(layout.answerCells[1], "1", "WholeNumber");
    s.setValidation(layout.answerCells[2], null);
    const report = await checked(host);
    // with no list, the profile rule decides 「-」 for those cells
    expect(report.items.slice(0, 3).map((i) => i.naSource)).toEqual(["profile", "profile", "profile"]);
    excel.resetCounters();
    expect(await host.addDropdowns(report)).toBe(1);
    expect(s.cell(layout.itemRows[0], ANSWER_COL)?.validation).toEqual({ source: "=LEN(D6)<=1", type: "Custom" });
    expect(s.cell(layout.itemRows[1], ANSWER_COL)?.validation).toEqual({ source: "1", type: "WholeNumber" });
    expect(s.cell(layout.itemRows[2], ANSWER_COL)?.validation?.source).toMatch(/^○,△,×/);
    expect(excel.writes.map((w) => w.address)).toEqual([layout.answerCells[2]]);
  });
});

describe("actions started twice at once (double click)", () => {
  test("two highlight requests leave one conditional format, and the settings know it", async () => {
    const { excel, host } = setup(10, (i) => (i === 1 ? "はい" : "○"));
    const report = await checked(host);
    await Promise.all([host.setHighlight(report, true), host.setHighlight(report, true)]);
    const s = excel.sheet(SHEET);
    expect(s.cfs).toHaveLength(1);
    expect(parseState(excel.settings.get(SETTINGS_KEY)).created.highlight?.sheet).toBe(SHEET);
    await host.setHighlight(report, false);
    expect(s.cfs).toHaveLength(0);
  });

  test("two results / plan writes at once: both succeed, one sheet, one chart, one table", async () => {
    const { excel, host } = setup(30);
    const report = await checked(host);
    await Promise.all([host.writeResults(report), host.writeResults(report), host.writePlan(report), host.writePlan(report)]);
    // (writing the results also starts the 「履歴」 sheet: one row, the second write changed nothing)
    expect(excel.sheets.map((s) => s.name).sort()).toEqual([PLAN_SHEET, RESULTS_SHEET, SHEET, "履歴"].sort());
    expect(excel.sheet("履歴").charts).toHaveLength(1);
    expect(excel.sheet(RESULTS_SHEET).charts).toHaveLength(1);
    expect(excel.sheet(PLAN_SHEET).tables).toHaveLength(1);
  });
});

describe("results sheet after the user touched it", () => {
  test("renamed: a new 診断結果 is made, the renamed copy is left as it is", async () => {
    const { excel, host } = setup(30, () => "×");
    const report = await checked(host);
    await host.writeResults(report);
    const old = excel.sheet(RESULTS_SHEET);
    old.name = "診断結果_4月";
    const before = JSON.stringify([...old.cells]);
    await host.writeResults(report);
    expect(excel.sheet(RESULTS_SHEET).charts).toHaveLength(1);
    expect(excel.sheet(RESULTS_SHEET).charts[0].name).toBe(CHART_NAME);
    expect(old.charts).toHaveLength(1);
    expect(JSON.stringify([...old.cells])).toBe(before);
  });

  test("deleted: it is made again, with 「前回」 from the stored result", async () => {
    const { excel, host, layout } = setup(30, () => "×");
    await host.writeResults(await checked(host));
    excel.sheets = excel.sheets.filter((s) => s.name !== RESULTS_SHEET);
    excel.sheet(SHEET).setGrid(layout.itemRows[0], ANSWER_COL, [["○"]]);
    await host.writeResults(await checked(host));
    const s = excel.sheet(RESULTS_SHEET);
    expect(s.charts).toHaveLength(1);
    expect(s.charts[0].series.map((x) => x.name)).toEqual(["今回", expect.stringMatching(/^前回（\d{4}-\d\d-\d\d \d\d:\d\d）$/)]);
  });

  test("typed into below the summary: regenerated with one chart; typed over the marker in A1: refused, nothing written", async () => {
    const { excel, host } = setup(10, () => "×");
    const report = await checked(host);
    await host.writeResults(report);
    const s = excel.sheet(RESULTS_SHEET);
    s.setGrid(40, 0, [["自分のメモ"]]);
    await host.writeResults(report);
    expect(s.charts).toHaveLength(1);
    expect(String(s.value("A1"))).toMatch(/^TICS Check/);
    s.setGrid(0, 0, [["自社の集計"]]);
    excel.resetCounters();
    await expect(host.writeResults(report)).rejects.toMatchObject({ code: "unknown", message: { ja: expect.stringContaining("上書きしませんでした") } });
    expect(excel.writes).toEqual([]);
    expect(s.charts).toHaveLength(1);
  });

  test("protected results sheet: refused in the first sync, nothing written", async () => {
    const { excel, host } = setup(10, () => "×");
    const report = await checked(host);
    await host.writeResults(report);
    excel.sheet(RESULTS_SHEET).protected = true;
    excel.resetCounters();
    await expect(host.writeResults(report)).rejects.toMatchObject({ code: "protected", message: { ja: expect.stringContaining(RESULTS_SHEET) } });
    expect(excel.writes).toEqual([]);
    expect(excel.syncCount).toBe(1);
  });

  test("structure-protected workbook: existing sheets are still regenerated (no sheet is added)", async () => {
    const { excel, host } = setup(10, () => "×");
    const report = await checked(host);
    await host.writeResults(report);
    await host.writePlan(report);
    excel.workbookProtected = true;
    await host.writeResults(report);
    await host.writePlan(report);
    expect(excel.sheets).toHaveLength(4); // checklist, results, plan and 「履歴」 (made before the protection)
    expect(excel.sheet(RESULTS_SHEET).charts).toHaveLength(1);
    expect(excel.sheet(PLAN_SHEET).tables).toHaveLength(1);
  });
});

describe("plan sheet after the user touched it", () => {
  test("renamed to keep it: a new plan sheet gets a table under a free name, in at most 3 syncs, nothing half-written", async () => {
    const { excel, host } = setup(30, (i) => (i % 3 === 0 ? "×" : "○"));
    const report = await checked(host);
    await host.writePlan(report);
    excel.sheet(PLAN_SHEET).name = "改善計画_4月";
    excel.resetCounters();
    await host.writePlan(report);
    expect(excel.syncCount).toBeLessThanOrEqual(3);
    const plan = excel.sheet(PLAN_SHEET);
    expect(plan.tables.map((t) => t.name)).toEqual([`${PLAN_TABLE}2`]);
    expect(excel.sheet("改善計画_4月").tables.map((t) => t.name)).toEqual([PLAN_TABLE]);
    expect(parseState(excel.settings.get(SETTINGS_KEY)).created.planTable).toBe(`${PLAN_TABLE}2`);
    // regenerating again reuses the sheet's own table name
    await host.writePlan(report);
    expect(plan.tables.map((t) => t.name)).toEqual([`${PLAN_TABLE}2`]);
  });

  test("a plan table the user renamed is replaced, not left to block the new one", async () => {
    const { excel, host } = setup(30, (i) => (i % 3 === 0 ? "×" : "○"));
    const report = await checked(host);
    await host.writePlan(report);
    const plan = excel.sheet(PLAN_SHEET);
    plan.tables[0].name = "私の計画";
    await host.writePlan(report);
    expect(plan.tables.map((t) => t.name)).toEqual([PLAN_TABLE]);
  });

  test("a plan sheet of an earlier version (table at A1): regenerated with the order line above, the user's entries kept, same syncs", async () => {
    const { excel, host } = setup(30, (i) => (i % 3 === 0 ? "×" : "○"));
    const report = await checked(host);
    // What earlier versions wrote: the table from A1, print titles on row 1.
    const old = planModel(report, "ja", new Map());
    const plan = excel.addSheet(PLAN_SHEET);
    plan.setGrid(0, 0, [old.header, ...old.rows]);
    plan.tables.push({ name: PLAN_TABLE, range: { top: 0, left: 0, bottom: old.rows.length, right: old.header.length - 1 } });
    plan.page = { titleRows: "$1:$1" };
    const owner = old.header.indexOf("担当者");
    const id = String(old.rows[2][1]);
    plan.ensure(3, owner).value = "佐藤";
    plan.ensure(3, owner + 3).value = "=見積もり待ち";
    excel.resetCounters();
    await host.writePlan(report);
    expect(excel.syncCount).toBeLessThanOrEqual(3);
    expect(plan.value("A1")).toBe(PLAN_ORDER_LINE.ja);
    // nothing of the old header row is left beside the order line
    for (let c = 1; c < old.header.length; c++) expect(plan.cell(0, c)?.value ?? null).toBeNull();
    expect(headers(plan).slice(0, old.header.length)).toEqual(old.header);
    expect(plan.tables).toEqual([{ name: PLAN_TABLE, range: { top: 1, left: 0, bottom: old.rows.length + 1, right: old.header.length - 1 } }]);
    expect(plan.page.titleRows).toBe("$2:$2");
    let row = -1;
    for (let r = 2; r <= old.rows.length + 1; r++) if (plan.cell(r, 1)?.value === id) row = r;
    expect(row).toBeGreaterThan(1);
    expect(plan.cell(row, owner)?.value).toBe("佐藤");
    expect(plan.cell(row, owner + 3)).toMatchObject({ value: "=見積もり待ち", formula: null });
    // the last row of the old table is not left behind below the new one
    expect(plan.used(true).bottom).toBe(old.rows.length + 1);
  });

  test("the order line is the add-in's own text: regenerating in the other language replaces it; a note beside it is refused, not overwritten", async () => {
    const { excel, host } = setup(30, (i) => (i % 3 === 0 ? "×" : "○"));
    const report = await checked(host);
    await host.writePlan(report);
    const plan = excel.sheet(PLAN_SHEET);
    expect(plan.value("A1")).toBe(PLAN_ORDER_LINE.ja);
    expect(plan.value("B2")).toBe("項目ID");
    const en = createExcelHost("en", { run: excel.run, debounceMs: 0 });
    await en.writePlan(await checked(en));
    expect(plan.value("A1")).toBe(PLAN_ORDER_LINE.en);
    expect(plan.value("B2")).toBe("Item ID");
    expect(plan.tables).toHaveLength(1);
    expect(plan.tables[0].range.top).toBe(1);
    // the user writes a note in the order line's row, inside the table's width: regenerating would overwrite it
    plan.ensure(0, 3).value = "4月の会議で確認";
    excel.resetCounters();
    await expect(host.writePlan(report)).rejects.toMatchObject({ message: { ja: expect.stringContaining("D1") } });
    expect(excel.writes).toEqual([]);
    expect(plan.value("D1")).toBe("4月の会議で確認");
  });

  test("sorted by the user: 担当者/メモ and an extra column stay with their item id", async () => {
    const { excel, host } = setup(30, (i) => (i % 3 === 0 ? "×" : "○"));
    const report = await checked(host);
    await host.writePlan(report);
    const plan = excel.sheet(PLAN_SHEET);
    const h = headers(plan);
    const idCol = h.indexOf("項目ID");
    const ownerCol = h.indexOf("担当者");
    const memoCol = h.indexOf("メモ");
    // the user adds a column 「費用」 right of the table and fills some rows
    const costCol = h.length;
    plan.setGrid(HEAD, costCol, [["費用"]]);
    const bottom = plan.used(true).bottom;
    const mine = new Map<string, [string, string, number]>();
    for (let r = HEAD + 1; r <= bottom; r += 2) {
      const id = String(plan.cell(r, idCol)?.value);
      const entry: [string, string, number] = [`担当${r}`, `@メモ${r}`, r * 1000];
      plan.setGrid(r, ownerCol, [[entry[0]]]);
      plan.setGrid(r, memoCol, [[entry[1]]]);
      plan.setGrid(r, costCol, [[entry[2]]]);
      mine.set(id, entry);
    }
    // sort: the body rows in reverse order
    const rows: Map<number, FakeSheet["cells"] extends Map<string, infer C> ? C : never>[] = [];
    for (let r = HEAD + 1; r <= bottom; r++) {
      const line = new Map();
      for (let c = 0; c <= costCol; c++) line.set(c, plan.cell(r, c));
      rows.push(line);
    }
    rows.reverse().forEach((line, i) => {
      for (const [c, cell] of line) {
        if (cell) plan.cells.set(`${HEAD + 1 + i},${c}`, cell);
        else plan.cells.delete(`${HEAD + 1 + i},${c}`);
      }
    });
    await host.writePlan(await checked(host));
    const h2 = headers(plan);
    expect(h2.slice(-5)).toEqual(["担当者", "期限", "状況", "メモ", "費用"]);
    const found = new Map<string, [unknown, unknown, unknown]>();
    for (let r = HEAD + 1; r <= plan.used(true).bottom; r++) {
      const id = String(plan.cell(r, h2.indexOf("項目ID"))?.value);
      if (mine.has(id)) found.set(id, [plan.cell(r, h2.indexOf("担当者"))?.value, plan.cell(r, h2.indexOf("メモ"))?.value, plan.cell(r, h2.indexOf("費用"))?.value]);
    }
    expect(found).toEqual(mine);
    for (const c of plan.cells.values()) expect(c.formula).toBeNull();
    expect(plan.tables).toHaveLength(1);
    expect(plan.tables[0].range.right).toBe(h2.length - 1);
  });
});

describe("checklist sheet renamed between checks", () => {
  test("the next check and the next live edit find it under its new name", async () => {
    const { excel, host, layout } = setup(12);
    await checked(host);
    const seen: CheckOutcome[] = [];
    host.onLiveChange((o) => seen.push(o));
    await tick();
    excel.sheet(SHEET).name = "回答 2024";
    excel.userEdit("回答 2024", layout.answerCells[0], "×");
    await tick(60);
    expect(seen.length).toBe(1);
    const o = seen[0];
    expect(o.ok && o.report.sheet).toBe("回答 2024");
    expect(o.ok && o.report.items[0].raw).toBe("×");
    excel.resetCounters();
    const again = await checked(host);
    expect(again.sheet).toBe("回答 2024");
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    // the live handler followed the sheet: one handler, and an edit is still seen
    await tick();
    expect(excel.sheet("回答 2024").handlers.size).toBe(1);
    excel.userEdit("回答 2024", layout.answerCells[1], "×");
    await tick(60);
    expect(seen.length).toBe(2);
  });
});

describe("highlight follows the checklist", () => {
  test("the add-in's format is found by its formula anywhere on the sheet (it no longer overlaps the answer cells)", async () => {
    const { excel, host } = setup(10, (i) => (i === 1 ? "はい" : "○"));
    const report = await checked(host);
    await host.setHighlight(report, true);
    const s = excel.sheet(SHEET);
    // a user's own format stays whatever happens
    s.cfs.push({ type: "Custom", label: "user-cf", range: { top: 0, left: 0, bottom: 40, right: 10 }, formula: "=TRUE", fill: "#FFFF00", font: "" });
    s.cfs[0].range = { ...s.cfs[0].range, left: 7, right: 7 };
    await host.setHighlight(report, false);
    expect(s.cfs.map((c) => c.label)).toEqual(["user-cf"]);
  });

  test("after rows are inserted, a highlight that is on is written again for the new rows (one format)", async () => {
    const { excel, host, layout } = setup(10, (i) => (i === 5 ? "-" : i === 1 ? "はい" : "○"));
    const report = await checked(host);
    await host.setHighlight(report, true);
    const s = excel.sheet(SHEET);
    const before = s.cfs[0].formula;
    expect(before).toContain(`SUBSTITUTE(${layout.answerCells[0]},`);
    const seen: CheckOutcome[] = [];
    host.onLiveChange((o) => seen.push(o));
    await tick();
    excel.insertRow(SHEET, layout.itemRows[0]);
    await tick(80);
    expect(seen.length).toBe(1);
    expect(s.cfs).toHaveLength(1);
    const top = layout.itemRows[0] + 1;
    expect(s.cfs[0].range).toMatchObject({ top, bottom: layout.itemRows[9] + 1 });
    expect(s.cfs[0].formula).toContain(`SUBSTITUTE(D${top + 1},`);
    // the rows that allow 「-」 (items 0 and 5) moved down by one
    expect(s.cfs[0].formula).toContain(`{${top + 1},${layout.itemRows[5] + 2}}`);
    expect(parseState(excel.settings.get(SETTINGS_KEY)).created.highlight?.range).toBe(`D${top + 1}:D${layout.itemRows[9] + 2}`);
  });

  test("after rows are inserted with highlighting off, nothing is written", async () => {
    const { excel, host, layout } = setup(10);
    await checked(host);
    host.onLiveChange(() => undefined);
    await tick();
    excel.resetCounters();
    excel.insertRow(SHEET, layout.itemRows[0]);
    await tick(80);
    expect(excel.writes).toEqual([]);
    expect(excel.sheet(SHEET).cfs).toEqual([]);
  });
});

describe("sync counts after writing sheets", () => {
  test("a check after writing results and plan stays within 2 syncs (the session keeps the sheet list)", async () => {
    const excel = new FakeExcel();
    excel.installOffice();
    excel.addSheet("表紙").setGrid(0, 0, [["表紙（テスト）"]]);
    buildChecklist(excel, 12);
    excel.addSheet("別表").setGrid(0, 0, [["メモ"]]);
    excel.activeSheet = "表紙";
    const host = createExcelHost("ja", { run: excel.run, debounceMs: 0 });
    const report = await checked(host); // the documented 3-sync first check
    excel.resetCounters();
    await checked(host);
    expect(excel.syncCount).toBe(1);
    await host.writeResults(report);
    await host.writePlan(report);
    excel.resetCounters();
    const again = await checked(host);
    expect(again.sheet).toBe(SHEET);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
  });
});

describe("the checklist sheet renamed after the preview", () => {
  test("normalise says to check again, in both languages, and writes nothing", async () => {
    const { excel, host } = setup(6, (i) => (i === 0 ? "〇" : "○"));
    const report = await checked(host);
    excel.sheet(SHEET).name = "回答";
    excel.resetCounters();
    const o = await host.applyNormalise(changesOf(report));
    expect(o.ok).toBe(false);
    if (!o.ok) {
      expect(o.error.message.ja).toContain("もう一度チェック");
      expect(o.error.message.en).toContain("check again");
    }
    expect(excel.writes).toEqual([]);
  });
});

describe("undo of an original that Excel would read as a formula", () => {
  test("「- 」 (dash and a space) comes back as the same text, not as a formula", async () => {
    const { excel, host, layout } = setup(6, (i) => (i === 0 ? "- " : i === 5 ? "-\u3000" : "○"));
    const report = await checked(host);
    const changes = changesOf(report);
    expect(changes.map((c) => [c.cell, c.from, c.to])).toEqual([
      [layout.answerCells[0], "- ", "-"],
      [layout.answerCells[5], "-\u3000", "-"],
    ]);
    expect((await host.applyNormalise(changes)).ok).toBe(true);
    expect((await host.undoNormalise(changes)).ok).toBe(true);
    const s = excel.sheet(SHEET);
    expect(s.cell(layout.itemRows[0], ANSWER_COL)).toMatchObject({ value: "- ", formula: null });
    expect(s.cell(layout.itemRows[5], ANSWER_COL)).toMatchObject({ value: "-\u3000", formula: null });
  });
});

describe("dropdowns read the rules afresh", () => {
  test("a rule the user added after the check (no change event) is not overwritten", async () => {
    const { excel, host, layout } = setup(6);
    const s = excel.sheet(SHEET);
    s.setValidation(layout.answerCells[0], null);
    s.setValidation(layout.answerCells[1], null);
    const report = await checked(host);
    s.setValidation(layout.answerCells[0], "○,△,×,-,未確認");
    excel.resetCounters();
    expect(await host.addDropdowns(report)).toBe(1);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    expect(s.cell(layout.itemRows[0], ANSWER_COL)?.validation?.source).toBe("○,△,×,-,未確認");
    expect(excel.writes.map((w) => w.address)).toEqual([layout.answerCells[1]]);
    // a second press adds nothing
    expect(await host.addDropdowns(report)).toBe(0);
  });
});

/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read --
   reads unloaded properties on purpose, to show the fake refuses like Excel does */
describe("the fake refuses unloaded reads of write-only-looking properties too", () => {
  test("format and table properties that were only set throw PropertyNotLoaded when read", async () => {
    const excel = new FakeExcel();
    excel.addSheet("S").setGrid(0, 0, [["a"], ["b"]]);
    await excel.run(null, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      const r = ws.getRange("A1:A2");
      r.format.font.bold = true;
      r.format.wrapText = true;
      const t = ws.tables.add("A1:A2", true);
      t.style = "TableStyleMedium2";
      await ctx.sync();
      expect(() => r.format.font.bold).toThrow(/not available/);
      expect(() => r.format.wrapText).toThrow(/not available/);
      expect(() => r.format.columnWidth).toThrow(/not available/);
      expect(() => t.style).toThrow(/not available/);
      expect(() => t.name).toThrow(/not available/);
    });
  });
});
/* eslint-enable office-addins/load-object-before-read, office-addins/call-sync-before-read */

describe("a workbook too big for one response (Excel on the web, about 5 MB)", () => {
  // Tens of thousands of fake cells (values and formulas) per sync: slow on a busy 2-core machine; not a speed test.
  jest.setTimeout(30_000);
  /** A data sheet of `rows` × 10 numbers, first in the workbook and active. */
  function bigWorkbook(rows: number, limit: number): { excel: FakeExcel; host: ReturnType<typeof createExcelHost>; cell: string } {
    const excel = new FakeExcel();
    excel.installOffice();
    const data = excel.addSheet("明細");
    data.setGrid(0, 0, Array.from({ length: rows }, (_, r) => Array.from({ length: 10 }, (_, c) => r * 10 + c)));
    const layout = buildChecklist(excel, 30);
    excel.addSheet("メモ").setGrid(0, 0, [["メモ"]]);
    excel.activeSheet = "明細";
    excel.responseCellLimit = limit;
    const host = createExcelHost("ja", { run: excel.run, debounceMs: 0 });
    return { excel, host, cell: layout.answerCells[1] };
  }

  test("is read again bounded (first 2,000 rows of each sheet): the checklist is found, later checks stay within 2 syncs", async () => {
    const { excel, host, cell } = bigWorkbook(6000, 40_000);
    const report = await checked(host);
    expect(report.sheet).toBe(SHEET);
    expect(report.summary.items).toBe(30);
    expect(report.items.every((i) => i.naSource === "validation")).toBe(true);
    // every value read after the refusal stays inside the window
    const big = excel.loads.filter((l) => l.sheet === "明細" && l.what === "values").map((l) => parseAreas(l.address)[0]);
    expect(big[big.length - 1].bottom).toBeLessThan(2000);
    excel.resetCounters();
    await checked(host);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    // live edits still work on the bounded snapshot
    const seen: CheckOutcome[] = [];
    host.onLiveChange((o) => seen.push(o));
    await tick();
    excel.userEdit(SHEET, cell, "×");
    await tick(50);
    expect(seen.length).toBe(1);
    expect(seen[0].ok && seen[0].report.items[1].answer).toBe("×");
  }, 30_000); // 6,000 rows through the fake: seconds on a loaded machine

  test("still too big when bounded: a clear message in both languages, nothing written", async () => {
    const { excel, host } = bigWorkbook(6000, 100);
    const o = await host.check();
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.error.code).toBe("unreadable");
    expect(o.error.message.ja).toContain("5 MB");
    expect(o.error.message.en).toContain("5 MB");
    expect(excel.writes).toEqual([]);
  });

  test("without the limit nothing is bounded (the whole used range is read)", async () => {
    const { excel, host } = bigWorkbook(6000, Number.MAX_SAFE_INTEGER);
    await checked(host);
    const big = excel.loads.filter((l) => l.sheet === "明細" && l.what === "values").map((l) => parseAreas(l.address)[0]);
    expect(big[0].bottom).toBe(5999);
  });
});
