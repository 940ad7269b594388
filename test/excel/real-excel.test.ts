/**
 * What real Excel does that an easy fake would not (issue 9): each test here failed on the gateway before its fix.
 * The behaviours live in the fake (test/excel/fake-excel.ts), each with its source.
 */
import type { CheckOutcome } from "../../src/app/host";
import { PLAN_SHEET, RESULTS_SHEET, toStoredResult } from "../../src/core/sheets";
import { createExcelHost } from "../../src/excel/host";
import { SETTINGS_KEY, parseState } from "../../src/excel/state";
import { CHART_NAME } from "../../src/excel/write";
import { isPayloadTooLarge } from "../../src/excel/read";
import { cellA1, parseAreas } from "../../src/excel/address";
import { toHostError } from "../../src/excel/errors";
import { FakeExcel } from "./fake-excel";
import { ANSWER_COL, HEADER_ROW, SHEET, changesOf, checked, setup, tick } from "./helpers";

describe("conditional-format ids are positions (issue 9, point 1)", () => {
  test("turning the highlight off never deletes the user's format that took the top priority meanwhile", async () => {
    const { excel, host } = setup(10, (i) => (i === 1 ? "はい" : "○"));
    const report = await checked(host);
    await host.setHighlight(report, true);
    const s = excel.sheet(SHEET);
    // The user adds a format of their own afterwards (on top of the list, like add() does) on the same cells.
    s.cfs.unshift({ type: "Custom", label: "user", range: { top: 0, left: 1, bottom: 60, right: 5 }, formula: "=$E1=\"要\"", fill: "#FFFF00", font: "" });
    s.cfs.push({ type: "ColorScale", label: "user-scale", range: { top: 0, left: 7, bottom: 9, right: 7 }, formula: "", fill: "", font: "" });
    await host.setHighlight(report, false);
    expect(s.cfs.map((c) => c.label)).toEqual(["user", "user-scale"]);
  });

  test("a paste inside the highlighted area splits the format: every fragment is removed when switching off", async () => {
    const { excel, host, layout } = setup(10, (i) => (i === 1 ? "はい" : "○"));
    const report = await checked(host);
    await host.setHighlight(report, true);
    const s = excel.sheet(SHEET);
    excel.userPaste(SHEET, layout.answerCells[4], [["○"]]);
    expect(s.cfs).toHaveLength(2);
    expect(s.cfs[1].formula).toContain(`SUBSTITUTE(${layout.answerCells[5]},`);
    await host.setHighlight(report, true);
    expect(s.cfs).toHaveLength(1);
    expect(s.cfs[0].range).toMatchObject({ top: layout.itemRows[0], bottom: layout.itemRows[9] });
    excel.userPaste(SHEET, layout.answerCells[2], [["○"]]);
    await host.setHighlight(report, false);
    expect(s.cfs).toEqual([]);
  });

  test("the fake: ids shift on add and delete; items/custom/rule/formula on a mixed collection fails (office-js#2180)", async () => {
    const excel = new FakeExcel();
    excel.installOffice();
    const s = excel.addSheet("S");
    s.cfs.push({ type: "ColorScale", range: { top: 0, left: 0, bottom: 3, right: 0 }, formula: "", fill: "", font: "" });
    await excel.run(null, async (ctx) => {
      const all = ctx.workbook.worksheets.getItem("S").getRange().conditionalFormats;
      all.load("items/type,items/id");
      await ctx.sync();
      expect(all.items.map((c) => [c.id, c.type])).toEqual([["0", "ColorScale"]]);
      const cf = ctx.workbook.worksheets.getItem("S").getRange("B1").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=TRUE";
      await ctx.sync();
      all.load("items/type,items/id");
      await ctx.sync();
      expect(all.items.map((c) => [c.id, c.type])).toEqual([["0", "Custom"], ["1", "ColorScale"]]);
      const mixed = ctx.workbook.worksheets.getItem("S").getRange().conditionalFormats;
      mixed.load("items/custom/rule/formula");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
  });
});

describe("more than 512 merged areas (point 2)", () => {
  test("a sheet with 600 merged areas: the check works, other sheets' merged areas are still read", async () => {
    const { excel, host } = setup(10);
    excel.sheet(SHEET).merges.push({ top: 0, left: 1, bottom: 0, right: 4 });
    const form = excel.addSheet("様式");
    form.setGrid(0, 0, [["様式（テスト）"]]);
    for (let r = 0; r < 600; r++) form.merges.push({ top: r, left: 0, bottom: r, right: 1 });
    form.setGrid(599, 1, [["x"]]);
    const report = await checked(host);
    expect(report.summary.items).toBe(10);
    const merges = new Map(host.snapshot?.wb.sheets.map((s) => [s.name, s.merges]));
    expect(merges.get(SHEET)).toEqual([{ top: 0, left: 1, bottom: 0, right: 4 }]);
    expect(merges.get("様式")).toEqual([]);
    // later checks in the session read the merged areas apart at once: one sync more than usual, no failed sync
    excel.resetCounters();
    await checked(host);
    expect(excel.syncCount).toBe(2);
  });

  test("the fake: 513 merged areas fail the whole sync, 512 do not", async () => {
    const excel = new FakeExcel();
    excel.installOffice();
    const s = excel.addSheet("S");
    for (let r = 0; r < 512; r++) s.merges.push({ top: r, left: 0, bottom: r, right: 1 });
    await excel.run(null, async (ctx) => {
      const a = ctx.workbook.worksheets.getItem("S").getRange("A1:B600").getMergedAreasOrNullObject();
      a.load("address");
      await ctx.sync();
      expect(a.address.split(",")).toHaveLength(512);
      s.merges.push({ top: 512, left: 0, bottom: 512, right: 1 });
      const b = ctx.workbook.worksheets.getItem("S").getRange("A1:B600").getMergedAreasOrNullObject();
      b.load("address");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "GeneralException" });
    });
  });
});

describe("five million cells per read on every platform (point 3)", () => {
  test("one stray value in XFD1048576 (no web payload limit): the checklist is found by the bounded read", async () => {
    const { excel, host } = setup(10);
    excel.sheet(SHEET).setGrid(1048575, 16383, [["x"]]);
    const report = await checked(host);
    expect(report.summary.items).toBe(10);
    // one refused read (the whole used range), then bounded reads only
    const cells = (a: string): number => {
      const r = parseAreas(a)[0];
      return (r.bottom - r.top + 1) * (r.right - r.left + 1);
    };
    expect(excel.loads.filter((l) => l.what === "values" && cells(l.address) > 5_000_000)).toHaveLength(1);
  });

  test("the bounded re-read starts on the error code, never on the message text", () => {
    expect(isPayloadTooLarge({ code: "RangeExceedsLimit", message: "範囲内のセルの数が上限を超えています。" })).toBe(true);
    expect(isPayloadTooLarge({ code: "ResponsePayloadSizeLimitExceeded" })).toBe(true);
    expect(isPayloadTooLarge({ code: "GeneralException", message: "The response payload size has exceeded the limit." })).toBe(false);
  });
});

describe("several selected areas (point 7)", () => {
  test.each(["1.13", "1.8"])("「範囲を指定」 with two areas selected gives a clear message (ExcelApi %s)", async (version) => {
    const { excel, host, layout } = setup(8);
    excel.apiVersion = version;
    const a = { top: layout.itemRows[0], left: ANSWER_COL, bottom: layout.itemRows[3], right: ANSWER_COL };
    const b = { top: layout.itemRows[5], left: ANSWER_COL, bottom: layout.itemRows[7], right: ANSWER_COL };
    excel.selection = { sheet: SHEET, range: a, areas: [a, b] };
    const o = await host.useSelectionAsAnswerCells();
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.error.message.ja).toContain("複数の範囲が選択されています");
    expect(o.error.message.en).toContain("Several ranges are selected");
    expect(excel.writes).toEqual([]);
  });
});

describe("the manual range is stored by sheet id (point 11)", () => {
  test("after the checklist sheet is renamed, a new session still uses the chosen answer cells", async () => {
    const { excel, host, layout } = setup(8);
    excel.sheet(SHEET).setGrid(HEADER_ROW, 1, [["", "", "", ""]]); // detection cannot find the table
    excel.addSheet("表紙");
    const first = layout.itemRows[0];
    const last = layout.itemRows[layout.itemRows.length - 1];
    excel.selection = { sheet: SHEET, range: { top: first, left: ANSWER_COL, bottom: last, right: ANSWER_COL } };
    expect((await host.useSelectionAsAnswerCells()).ok).toBe(true);
    expect(parseState(excel.settings.get(SETTINGS_KEY)).manual).toMatchObject({ sheet: SHEET, sheetId: excel.sheet(SHEET).id });
    excel.sheet(SHEET).name = "自己チェック2026";
    const fresh = createExcelHost("ja", { run: excel.run });
    const report = await checked(fresh);
    expect(report.sheet).toBe("自己チェック2026");
    expect(report.summary.items).toBe(8);
  });
});

/** Column index of a header in row 0 of the plan sheet. */
function planCol(excel: FakeExcel, header: string): number {
  const s = excel.sheet(PLAN_SHEET);
  // the header row is row 2, below the plan's order line
  for (let c = 0; c < 40; c++) if (s.cell(1, c)?.value === header) return c;
  throw new Error(`no column ${header}`);
}

describe("plan regeneration (points 4 and 11)", () => {
  test("whole-column formats on the plan sheet: the read stays on cells with values (getUsedRange(true)) and bounded", async () => {
    const { excel, host } = setup(30, (i) => (i % 3 === 0 ? "×" : "○"));
    const report = await checked(host);
    await host.writePlan(report);
    const plan = excel.sheet(PLAN_SHEET);
    // the user formats the whole 期限 column as dates: formatting-only cells down to the last row
    const due = planCol(excel, "期限");
    plan.ensure(1048575, due).numberFormat = "yyyy/mm/dd";
    plan.ensure(1048575, 16383).numberFormat = "0.0";
    excel.resetCounters();
    await host.writePlan(report);
    const cells = (a: string): number => {
      const r = parseAreas(a)[0];
      return (r.bottom - r.top + 1) * (r.right - r.left + 1);
    };
    const planLoads = excel.loads.filter((l) => l.sheet === PLAN_SHEET);
    expect(planLoads.length).toBeGreaterThan(0);
    expect(planLoads.every((l) => cells(l.address) <= 10_000 * 200)).toBe(true);
    expect(plan.tables).toHaveLength(1);
    // the formatting-only cells were not cleared
    expect(plan.cell(1048575, due)?.numberFormat).toBe("yyyy/mm/dd");
  });

  test("notes the user wrote outside the plan table stay; user formulas in user columns stay formulas", async () => {
    const { excel, host } = setup(30, (i) => (i % 3 === 0 ? "×" : "○"));
    const report = await checked(host);
    await host.writePlan(report);
    const plan = excel.sheet(PLAN_SHEET);
    const last = plan.tables[0].range.bottom;
    const right = plan.tables[0].range.right;
    plan.ensure(last + 3, 0).value = "メモ：来月の会議で確認（表の外）";
    plan.ensure(0, right + 2).value = "別表";
    const memo = planCol(excel, "メモ");
    const due = planCol(excel, "期限");
    const idCol = planCol(excel, "項目ID");
    const id = plan.cell(2, idCol)?.value;
    const cell = plan.ensure(2, memo);
    // a formula relative to its own row (R1C1: RC[-k]) and an absolute one
    cell.formula = `=${cellA1(2, due)}+30`;
    cell.value = 46130;
    plan.ensure(2, due).value = 46100;
    // the order of the plan changes
    const edited = report.plan[0];
    excel.sheet(SHEET).setGrid(report.items.find((i) => i.id === edited.itemId)?.row ?? 0, ANSWER_COL, [["○"]]);
    await host.writePlan(await checked(host));
    expect(plan.value(cellA1(last + 3, 0))).toBe("メモ：来月の会議で確認（表の外）");
    expect(plan.value(cellA1(0, right + 2))).toBe("別表");
    let row = -1;
    for (let r = 1; r < 60; r++) if (plan.cell(r, idCol)?.value === id) row = r;
    expect(row).toBeGreaterThan(0);
    expect(row).not.toBe(2);
    expect(plan.cell(row, memo)?.formula).toBe(`=${cellA1(row, due)}+30`);
    expect(plan.cell(row, memo)?.numberFormat).not.toBe("@");
    expect(plan.cell(row, due)?.value).toBe(46100);
  });

  test("a note right below the table that a longer plan would cover: refused, nothing written", async () => {
    const { excel, host } = setup(30, (i) => (i % 3 === 0 ? "×" : "○"));
    const report = await checked(host);
    await host.writePlan(report);
    const plan = excel.sheet(PLAN_SHEET);
    const last = plan.tables[0].range.bottom;
    plan.ensure(last + 1, 2).value = "表のすぐ下のメモ";
    excel.sheet(SHEET).setGrid(report.items[1].row, ANSWER_COL, [["×"]]);
    const longer = await checked(host);
    expect(longer.plan.length).toBe(report.plan.length + 1);
    excel.resetCounters();
    await expect(host.writePlan(longer)).rejects.toMatchObject({ message: { ja: expect.stringContaining(cellA1(last + 1, 2)) } });
    expect(excel.writes).toEqual([]);
    expect(plan.value(cellA1(last + 1, 2))).toBe("表のすぐ下のメモ");
  });
});

describe("per-cell locking on protected sheets (point 5)", () => {
  test("a checklist shipped protected with unlocked answer cells can be normalised and undone", async () => {
    const { excel, host, layout } = setup(10, (i) => (i === 1 ? "〇" : "○"));
    const s = excel.sheet(SHEET);
    for (const a1 of layout.answerCells) {
      const p = parseAreas(a1)[0];
      s.ensure(p.top, p.left).locked = false;
    }
    s.protected = true;
    const report = await checked(host);
    const changes = changesOf(report);
    expect(changes).toHaveLength(1);
    const o = await host.applyNormalise(changes);
    expect(o.ok).toBe(true);
    expect(s.value(layout.answerCells[1])).toBe("○");
    expect((await host.undoNormalise(changes)).ok).toBe(true);
    expect(s.value(layout.answerCells[1])).toBe("〇");
  });

  test("a locked answer cell on a protected sheet: refused before writing; the fake refuses locked cells too", async () => {
    const { excel, host, layout } = setup(10, (i) => (i === 1 ? "〇" : "○"));
    const s = excel.sheet(SHEET);
    s.protected = true;
    const report = await checked(host);
    excel.resetCounters();
    const o = await host.applyNormalise(changesOf(report));
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.error.code).toBe("protected");
    expect(excel.writes).toEqual([]);
    await expect(
      excel.run(null, async (ctx) => {
        ctx.workbook.worksheets.getItem(SHEET).getRange(layout.answerCells[1]).values = [["○"]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
  });

  test("Excel's protection message in Japanese is recognised too", () => {
    const e = Object.assign(new Error("変更しようとしているセルやグラフは保護されているシート上にあります。"), { code: "InvalidOperation" });
    expect(toHostError(e).code).toBe("protected");
  });
});

describe("radar axis limits refused (point 6)", () => {
  test("the results sheet is fully written and the state saved; the chart keeps Excel's default axis", async () => {
    const { excel, host } = setup(30, (i) => (i % 3 === 0 ? "×" : "○"));
    const report = await checked(host);
    await host.writeResults(report);
    excel.refuseRadarAxisLimits = true;
    excel.sheet(SHEET).setGrid(report.items[1].row, ANSWER_COL, [["×"]]);
    const again = await checked(host);
    await expect(host.writeResults(again)).resolves.toBeUndefined();
    const results = excel.sheet(RESULTS_SHEET);
    expect(String(results.value("A1"))).toContain("TICS");
    expect(results.charts).toHaveLength(1);
    expect(results.charts[0]).toMatchObject({ name: CHART_NAME, min: null, max: null });
    expect(parseState(excel.settings.get(SETTINGS_KEY)).last?.overall).toBe(toStoredResult(again, new Date()).overall);
  });

  test("the fake applies the steps of a batch before the failing one (batches are not all-or-nothing)", async () => {
    const excel = new FakeExcel();
    excel.addSheet("S");
    await expect(
      excel.run(null, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("S");
        ws.getRange("A1").values = [["first"]];
        ws.getRange("A2:A3").values = [["wrong shape"]];
        ws.getRange("A4").values = [["never"]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(excel.sheet("S").value("A1")).toBe("first");
    expect(excel.sheet("S").value("A4")).toBeNull();
  });
});

describe("tables.add gets a Range (point 8)", () => {
  test("with the checklist active, the plan table is made on the plan sheet", async () => {
    const { excel, host } = setup(10, (i) => (i % 3 === 0 ? "×" : "○"));
    excel.activeSheet = SHEET;
    const report = await checked(host);
    await host.writePlan(report);
    expect(excel.sheet(SHEET).tables).toEqual([]);
    expect(excel.sheet(PLAN_SHEET).tables).toHaveLength(1);
  });
});

describe("triggerSource (point 9)", () => {
  test("ExcelApi 1.14: the add-in's own writes are dropped from the event alone (no read); a user edit of the same value is seen", async () => {
    const { excel, host, layout } = setup(10, (i) => (i === 1 ? "〇" : "○"));
    excel.apiVersion = "1.14";
    const report = await checked(host);
    const seen: CheckOutcome[] = [];
    host.onLiveChange((o) => seen.push(o));
    await tick();
    await host.applyNormalise(changesOf(report));
    excel.resetCounters();
    await tick(50);
    await host.flush();
    expect(excel.syncCount).toBe(0);
    expect(seen).toEqual([]);
    // the user types into the cell the add-in wrote: with values compared this could pass as the add-in's own write
    excel.sheet(SHEET).ensure(layout.itemRows[1], ANSWER_COL).value = "〇";
    excel.userEdit(SHEET, layout.answerCells[1], "○");
    excel.userEdit(SHEET, layout.answerCells[1], "×");
    await tick(50);
    expect(seen.length).toBe(1);
    if (seen[0].ok) expect(seen[0].report.items[1].answer).toBe("×");
  });
});
