/**
 * What real Excel does that an easy fake would not (issue 9): each test here failed on the gateway before its fix.
 * The behaviours live in the fake (test/excel/fake-excel.ts), each with its source.
 */
import type { CheckOutcome } from "../../src/app/host";
import { PLAN_SHEET, RESULTS_SHEET } from "../../src/core/sheets";
import { createExcelHost } from "../../src/excel/host";
import { SETTINGS_KEY, parseState } from "../../src/excel/state";
import { CHART_NAME } from "../../src/excel/write";
import { FakeExcel } from "./fake-excel";
import { ANSWER_COL, HEADER_ROW, SHEET, buildChecklist, changesOf, checked, setup, tick } from "./helpers";

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
