import type { CheckOutcome, NormaliseChange } from "../../src/app/host";
import { PLAN_SHEET, PLAN_TABLE, RESULTS_SHEET } from "../../src/core/sheets";
import { PLAN_ORDER_LINE } from "../../src/core/plan";
import { createExcelHost } from "../../src/excel/host";
import { SETTINGS_KEY, parseState } from "../../src/excel/state";
import { CHART_NAME, MAX_CF_FORMULA, highlightFormula, literalText } from "../../src/excel/write";
import { FakeExcel } from "./fake-excel";
import { ANSWER_COL, HEADER_ROW, SHEET, buildChecklist, changesOf, checked, setup, tick } from "./helpers";

/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load --
   this block reads unloaded properties on purpose, to show the fake refuses like Excel does */
describe("the fake behaves like Excel where it matters", () => {
  test("reading an unloaded property throws PropertyNotLoaded; writes wait for sync", async () => {
    const excel = new FakeExcel();
    excel.installOffice();
    excel.addSheet("S").setGrid(0, 0, [["a"]]);
    await excel.run(null, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1");
      expect(() => r.values).toThrow(/not available/);
      r.load("address");
      await ctx.sync();
      expect(() => r.values).toThrow(/not available/);
      expect(r.address).toBe("S!A1");
      r.values = [["b"]];
      expect(excel.sheet("S").value("A1")).toBe("a");
      await ctx.sync();
      expect(excel.sheet("S").value("A1")).toBe("b");
    });
    expect(excel.syncCount).toBe(2);
  });
  /* eslint-enable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load */

  test("a string starting with = becomes a formula unless the cell is text-formatted or apostrophe-prefixed", async () => {
    const excel = new FakeExcel();
    excel.addSheet("S");
    await excel.run(null, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.getRange("A1").values = [["=1+2"]];
      ws.getRange("A2").numberFormat = [["@"]];
      ws.getRange("A2").values = [["=1+2"]];
      ws.getRange("A3").values = [["'=1+2"]];
      await ctx.sync();
    });
    const s = excel.sheet("S");
    expect(s.cell(0, 0)?.formula).toBe("=1+2");
    expect(s.cell(1, 0)).toMatchObject({ value: "=1+2", formula: null });
    expect(s.cell(2, 0)).toMatchObject({ value: "=1+2", formula: null });
  });
});

describe("full check", () => {
  test.each([30, 1000])("%i items: at most 2 syncs on the first check and on later ones", async (n) => {
    const { excel, host, layout } = setup(n);
    const report = await checked(host);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    expect(report.summary.items).toBe(n);
    expect(report.items[0].cell).toBe(layout.answerCells[0]);
    // validations were read per answer cell: 「-」 allowed exactly where the list has it
    expect(report.items.filter((i) => i.naAllowed).length).toBe(Math.ceil(n / 5));
    expect(report.items.every((i) => i.naSource === "validation")).toBe(true);
    excel.resetCounters();
    const again = await checked(host);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    expect(again.summary).toEqual(report.summary);
  });

  test("a checklist after a cover sheet that is active: found in 2 syncs (first and last sheet are read at once)", async () => {
    const excel = new FakeExcel();
    excel.installOffice();
    excel.addSheet("表紙").setGrid(0, 0, [["表紙（テスト）"]]);
    buildChecklist(excel, 12);
    excel.activeSheet = "表紙";
    const host = createExcelHost("ja", { run: excel.run, debounceMs: 0 });
    const report = await checked(host);
    expect(report.sheet).toBe(SHEET);
    expect(report.summary.items).toBe(12);
    expect(report.items.every((i) => i.naSource === "validation")).toBe(true);
    expect(excel.syncCount).toBe(2);
    excel.resetCounters();
    await checked(host);
    expect(excel.syncCount).toBe(1);
  });

  test("the one 3-sync case: first check of a session, checklist neither active, first nor last sheet", async () => {
    const excel = new FakeExcel();
    excel.installOffice();
    excel.addSheet("表紙").setGrid(0, 0, [["表紙（テスト）"]]);
    buildChecklist(excel, 12);
    excel.addSheet("グラフ").setGrid(0, 0, [["レーダーチャート"]]);
    excel.activeSheet = "表紙";
    const host = createExcelHost("ja", { run: excel.run, debounceMs: 0 });
    const report = await checked(host);
    expect(report.sheet).toBe(SHEET);
    expect(report.items.every((i) => i.naSource === "validation")).toBe(true);
    expect(excel.syncCount).toBe(3);
    excel.resetCounters();
    await checked(host);
    expect(excel.syncCount).toBe(1);
    // with the checklist active, the same workbook takes 2 on a new session
    const again = createExcelHost("ja", { run: excel.run, debounceMs: 0 });
    excel.activeSheet = SHEET;
    excel.resetCounters();
    await checked(again);
    expect(excel.syncCount).toBe(2);
  });

  test("merged areas are read (ExcelApi 1.13) and skipped on older Excel", async () => {
    const { excel, host } = setup(10);
    excel.sheet(SHEET).merges.push({ top: 0, left: 1, bottom: 0, right: 4 });
    await checked(host);
    expect(host.snapshot?.wb.sheets[0].merges).toEqual([{ top: 0, left: 1, bottom: 0, right: 4 }]);
    const old = setup(10);
    old.excel.apiVersion = "1.12";
    old.excel.sheet(SHEET).merges.push({ top: 0, left: 1, bottom: 0, right: 4 });
    await checked(old.host);
    expect(old.host.snapshot?.wb.sheets[0].merges).toEqual([]);
  });

  test("hidden columns are read (first 40 columns) and passed to detection", async () => {
    const { excel, host } = setup(10);
    excel.sheet(SHEET).hiddenColumns.add(0);
    excel.sheet(SHEET).hiddenColumns.add(6);
    excel.resetCounters();
    await checked(host);
    expect(host.snapshot?.wb.sheets[0].hiddenColumns).toEqual([0, 6]);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
  });

  test("on exactly ExcelApi 1.7 the check works without validations (profile rule), dropdowns are refused", async () => {
    const { excel, host } = setup(30);
    excel.apiVersion = "1.7";
    const h = createExcelHost("ja", { run: excel.run, runIn: excel.runIn });
    expect(h.capabilities.dropdowns).toBe(false);
    expect(host.capabilities.dropdowns).toBe(true);
    const report = await checked(h);
    expect(report.summary.items).toBe(30);
    expect(report.items.every((i) => i.naSource === "profile")).toBe(true);
    expect(excel.loads.some((l) => l.what.startsWith("dataValidation"))).toBe(false);
    excel.resetCounters();
    await expect(h.addDropdowns(report)).rejects.toMatchObject({ code: "api_unsupported", message: { ja: expect.stringContaining("1.8") } });
    expect(excel.writes).toEqual([]);
  });

  test("no checklist → a clear bilingual error", async () => {
    const excel = new FakeExcel();
    excel.installOffice();
    excel.addSheet("Sheet1").setGrid(0, 0, [["売上"], [100]]);
    const host = createExcelHost("ja", { run: excel.run });
    const o = await host.check();
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.error.code).toBe("no_checklist");
    expect(o.error.message.ja).toMatch(/チェック欄|回答欄/);
    expect(o.error.message.en.length).toBeGreaterThan(10);
  });

  test("cell-edit mode: every batch asks to wait (delayForCellEdit); a host that does not wait gives a clear error", async () => {
    const { excel, host } = setup(5);
    excel.cellEditMode = true;
    expect((await host.check()).ok).toBe(true);
    const old = setup(5);
    old.excel.apiVersion = "1.7";
    old.excel.ignoresDelayForCellEdit = true;
    old.excel.cellEditMode = true;
    const o = await old.host.check();
    expect(o.ok).toBe(false);
    if (!o.ok) {
      expect(o.error.code).toBe("cell_edit");
      expect(o.error.message.ja).toContain("編集");
    }
  });

  test("Excel older than the manifest minimum: api_unsupported and nothing written", async () => {
    const { excel, host } = setup(5);
    const report = await checked(host);
    excel.apiVersion = "1.6";
    excel.resetCounters();
    const o = await host.check();
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.error.code).toBe("api_unsupported");
    await expect(host.writeResults(report)).rejects.toMatchObject({ code: "api_unsupported" });
    expect(excel.writes).toEqual([]);
    expect(excel.syncCount).toBe(0);
  });
});

describe("manual location", () => {
  test("selection as answer cells is remembered in the workbook settings and used by the next check", async () => {
    const { excel, host, layout } = setup(8);
    const s = excel.sheet(SHEET);
    s.setGrid(HEADER_ROW, 1, [["", "", "", ""]]); // no headers: detection cannot find the table
    // The checklist sits between a cover and a chart sheet, so it is not first or last.
    const cover = excel.addSheet("表紙");
    excel.sheets.splice(excel.sheets.indexOf(cover), 1);
    excel.sheets.unshift(cover);
    excel.addSheet("グラフ");
    expect((await host.check()).ok).toBe(false);
    const first = layout.itemRows[0];
    const last = layout.itemRows[layout.itemRows.length - 1];
    excel.selection = { sheet: SHEET, range: { top: first, left: ANSWER_COL, bottom: last, right: ANSWER_COL } };
    excel.resetCounters();
    const o = await host.useSelectionAsAnswerCells();
    expect(o.ok).toBe(true);
    if (o.ok) expect(o.report.summary.items).toBe(8);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    const state = parseState(excel.settings.get(SETTINGS_KEY));
    expect(state.manual).toEqual({ sheet: SHEET, sheetId: s.id, answers: `D${first + 1}:D${last + 1}` });
    excel.resetCounters();
    expect((await checked(host)).summary.items).toBe(8);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    const fresh = createExcelHost("ja", { run: excel.run });
    expect((await checked(fresh)).summary.items).toBe(8);
    await fresh.clearManualLocation();
    expect(parseState(excel.settings.get(SETTINGS_KEY)).manual).toBeNull();
  });
});

describe("live validation", () => {
  test.each([30, 1000])("%i items: editing one cell re-reads only that cell, in one round trip", async (n) => {
    const { excel, host, layout } = setup(n);
    await checked(host);
    const seen: CheckOutcome[] = [];
    host.onLiveChange((o) => seen.push(o));
    await tick();
    excel.resetCounters();
    const cell = layout.answerCells[1];
    excel.userEdit(SHEET, cell, "ー");
    await tick(50);
    expect(seen.length).toBe(1);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    const valueReads = excel.loads.filter((l) => l.what === "values");
    expect(valueReads.map((l) => l.address)).toEqual([cell]);
    expect(excel.loads.every((l) => l.address === cell)).toBe(true);
    const o = seen[0];
    expect(o.ok).toBe(true);
    if (o.ok) {
      const item = o.report.items.find((i) => i.cell === cell);
      expect(item?.raw).toBe("ー");
      expect(item?.status).toBe("na_not_allowed");
    }
  });

  test("one handler on the checklist sheet; unsubscribing removes it in the context that added it", async () => {
    const { excel, host } = setup(5);
    await checked(host);
    const off1 = host.onLiveChange(() => undefined);
    const off2 = host.onLiveChange(() => undefined);
    await tick();
    await checked(host);
    await tick();
    expect(excel.sheet(SHEET).handlers.size).toBe(1);
    off1();
    await tick();
    expect(excel.sheet(SHEET).handlers.size).toBe(1);
    off2();
    await tick();
    expect(excel.sheet(SHEET).handlers.size).toBe(0);
  });

  test("a burst of edits is coalesced into one read", async () => {
    const excel = new FakeExcel();
    excel.installOffice();
    const layout = buildChecklist(excel, 20);
    const host = createExcelHost("ja", { run: excel.run, debounceMs: 40 });
    await checked(host);
    const seen: CheckOutcome[] = [];
    host.onLiveChange((o) => seen.push(o));
    await tick();
    excel.resetCounters();
    excel.userEdit(SHEET, layout.answerCells[2], "△");
    excel.userEdit(SHEET, layout.answerCells[3], "×");
    excel.userEdit(SHEET, layout.answerCells[2], "×"); // the same cell again
    excel.userEdit(SHEET, layout.answerCells[9], "×");
    excel.userEdit(SHEET, "C30", "メモ"); // outside the answer cells: not read
    await tick(120);
    expect(seen.length).toBe(1);
    expect(excel.syncCount).toBe(1);
    // the union: adjacent rows read as one range, each cell once
    expect(excel.loads.filter((l) => l.what === "values").map((l) => l.address)).toEqual([
      `${layout.answerCells[2]}:${layout.answerCells[3]}`,
      layout.answerCells[9],
    ]);
    const o = seen[0];
    expect(o.ok && o.report.items[2].raw).toBe("×");
  });

  test("a paste over several answer cells (bringing its own lists) is read in one round trip", async () => {
    const { excel, host, layout } = setup(12);
    await checked(host);
    const seen: CheckOutcome[] = [];
    host.onLiveChange((o) => seen.push(o));
    await tick();
    excel.resetCounters();
    const top = layout.itemRows[1];
    // columns C:D of three item rows: only the answer cells D are read
    excel.userPaste(SHEET, `C${top + 1}:D${top + 3}`, [["文", "-"], ["文", "-"], ["文", "-"]], "○,△,×,-");
    await tick(50);
    expect(seen.length).toBe(1);
    expect(excel.syncCount).toBe(1);
    expect(excel.loads.filter((l) => l.what === "values").map((l) => l.address)).toEqual([`D${top + 1}:D${top + 3}`]);
    const o = seen[0];
    if (!o.ok) throw new Error("live update failed");
    for (const cell of layout.answerCells.slice(1, 4)) {
      expect(o.report.items.find((i) => i.cell === cell)).toMatchObject({ answer: "-", status: "ok", naAllowed: true });
    }
  });

  test("inserting a row triggers a full check (items move)", async () => {
    const { excel, host, layout } = setup(10);
    await checked(host);
    const seen: CheckOutcome[] = [];
    host.onLiveChange((o) => seen.push(o));
    await tick();
    excel.insertRow(SHEET, layout.itemRows[0]);
    await tick(50);
    expect(seen.length).toBe(1);
    const o = seen[0];
    expect(o.ok && o.report.items[0].row).toBe(layout.itemRows[0] + 1);
  });

  test("the add-in's own writes do not come back as live updates", async () => {
    const { excel, host, layout } = setup(10, (i) => (i === 1 ? "〇" : "○"));
    const report = await checked(host);
    const seen: CheckOutcome[] = [];
    host.onLiveChange((o) => seen.push(o));
    await tick();
    const changes = changesOf(report);
    expect(changes.map((c) => c.cell)).toEqual([layout.answerCells[1]]);
    const applied = await host.applyNormalise(changes);
    expect(applied.ok).toBe(true);
    await tick(50);
    expect(seen).toEqual([]);
    // …but a user edit right after is seen
    excel.userEdit(SHEET, layout.answerCells[2], "×");
    await tick(50);
    expect(seen.length).toBe(1);
  });
});

describe("normalise and undo", () => {
  test("rewrites look-alikes in 2 syncs and undo restores exact values, numbers as numbers and formulas as formulas", async () => {
    const { excel, host, layout } = setup(12, (i) => (i === 0 ? "〇" : i === 1 ? " ○ " : i === 2 ? "ｘ" : i === 3 ? "-1" : "○"));
    const s = excel.sheet(SHEET);
    // item 4: a formula whose result is a look-alike; item 3 holds the text "-1" (written as text)
    const r4 = layout.itemRows[4];
    s.ensure(r4, ANSWER_COL).formula = '=IF(TRUE,"ｘ")';
    s.ensure(r4, ANSWER_COL).value = "ｘ";
    const report = await checked(host);
    const changes = changesOf(report);
    const cells = changes.map((c) => c.cell);
    expect(cells).toEqual(expect.arrayContaining([layout.answerCells[0], layout.answerCells[2], layout.answerCells[4]]));
    expect(cells).not.toContain(layout.answerCells[3]);
    const before = new Map(cells.map((c) => [c, { ...s.cell(Number(c.slice(1)) - 1, ANSWER_COL) }]));
    excel.resetCounters();
    const applied = await host.applyNormalise(changes);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    expect(applied.ok).toBe(true);
    if (applied.ok) expect(applied.report.summary.normalized).toBe(0);
    for (const c of changes) expect(s.value(c.cell)).toBe(c.to);
    expect(s.cell(r4, ANSWER_COL)?.formula).toBeNull();
    // only the changed cells were written
    expect(new Set(excel.writes.map((w) => w.address))).toEqual(new Set(cells));
    excel.resetCounters();
    const undone = await host.undoNormalise(changes);
    expect(undone.ok).toBe(true);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    for (const c of cells) {
      const now = s.cell(Number(c.slice(1)) - 1, ANSWER_COL);
      const was = before.get(c);
      // a formula comes back as the same formula (the fake does not compute results); other cells as the same value
      if (was?.formula) expect(now?.formula).toBe(was.formula);
      else expect({ value: now?.value, formula: now?.formula }).toEqual({ value: was?.value, formula: null });
    }
    if (undone.ok) expect(undone.report.summary).toEqual(report.summary);
  });

  test("undo writes numeric-looking or formula-looking text back as text", async () => {
    const { excel, host, layout } = setup(3, (i) => (i === 0 ? "〇" : "○"));
    await checked(host);
    const change: NormaliseChange = { itemId: "x", sheet: SHEET, cell: layout.answerCells[0], from: "〇", to: "○" };
    expect((await host.applyNormalise([change])).ok).toBe(true);
    // pretend the original had been the text "=1" / "0123": undo must not turn it into a formula/number
    expect(literalText("=1")).toBe("'=1");
    expect(literalText("0123")).toBe("'0123");
    expect(literalText("+81")).toBe("'+81");
    expect(literalText("@x")).toBe("'@x");
    expect(literalText("○")).toBe("○");
    expect((await host.undoNormalise([change])).ok).toBe(true);
    expect(excel.sheet(SHEET).value(layout.answerCells[0])).toBe("〇");
  });

  test("a cell changed after the preview: nothing is written", async () => {
    const { excel, host, layout } = setup(6, (i) => (i < 2 ? "〇" : "○"));
    const report = await checked(host);
    const changes = changesOf(report);
    excel.sheet(SHEET).setGrid(layout.itemRows[1], ANSWER_COL, [["△"]]);
    excel.resetCounters();
    const o = await host.applyNormalise(changes);
    expect(o.ok).toBe(false);
    if (!o.ok) {
      expect(o.error.code).toBe("changed_meanwhile");
      expect(o.error.message.ja).toContain(layout.answerCells[1]);
    }
    expect(excel.writes).toEqual([]);
    expect(excel.sheet(SHEET).value(layout.answerCells[0])).toBe("〇");
  });

  test("protected checklist sheet: error, no writes", async () => {
    const { excel, host } = setup(6, (i) => (i < 2 ? "〇" : "○"));
    const report = await checked(host);
    excel.sheet(SHEET).protected = true;
    excel.resetCounters();
    const o = await host.applyNormalise(changesOf(report));
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.error.code).toBe("protected");
    expect(excel.writes).toEqual([]);
    await expect(host.setHighlight(report, true)).rejects.toMatchObject({ code: "protected" });
    await expect(host.addDropdowns(report)).rejects.toMatchObject({ code: "protected" });
    expect(excel.writes).toEqual([]);
  });
});

describe("results and plan sheets", () => {
  test.each([30, 1000])("%i items: write-back ≤ 4 syncs (results: chart details in their own step) and ≤ 3 (plan); regenerating leaves one sheet, one chart, one table", async (n) => {
    const { excel, host } = setup(n);
    const report = await checked(host);
    for (let round = 0; round < 2; round++) {
      excel.resetCounters();
      await host.writeResults(report);
      expect(excel.syncCount).toBeLessThanOrEqual(4);
      excel.resetCounters();
      await host.writePlan(report);
      expect(excel.syncCount).toBeLessThanOrEqual(3);
    }
    expect(excel.sheets.filter((s) => s.name === RESULTS_SHEET)).toHaveLength(1);
    expect(excel.sheets.filter((s) => s.name === PLAN_SHEET)).toHaveLength(1);
    const results = excel.sheet(RESULTS_SHEET);
    expect(results.charts).toHaveLength(1);
    const chart = results.charts[0];
    expect(chart).toMatchObject({ name: CHART_NAME, type: "RadarMarkers", seriesBy: "Columns", min: 0, max: 100 });
    expect(chart.title.length).toBeGreaterThan(0);
    // regenerating without any change shows no 「前回」 series (it would repeat 「今回」)
    expect(chart.source.right - chart.source.left + 1).toBe(2);
    const plan = excel.sheet(PLAN_SHEET);
    expect(plan.tables).toHaveLength(1);
    expect(plan.tables[0].name).toBe(PLAN_TABLE);
    expect(excel.sheets.flatMap((s) => s.tables)).toHaveLength(1);
    // the order rule in one line above the table (A1), the table's header on row 2
    expect(plan.value("A1")).toBe(PLAN_ORDER_LINE.ja);
    expect(plan.tables[0].range).toMatchObject({ top: 1, left: 0, bottom: report.plan.length + 1 });
    expect(plan.value("B2")).toBe("項目ID");
  });

  test("the chart is bound to the field table and the summary is written", async () => {
    const { excel, host } = setup(30);
    const report = await checked(host);
    await host.writeResults(report);
    const s = excel.sheet(RESULTS_SHEET);
    const src = s.charts[0].source;
    expect(s.value(`A${src.top + 1}`)).toBe("分野");
    expect(s.value(`B${src.top + 1}`)).toBe("今回");
    expect(src.bottom - src.top).toBe(report.fields.length);
    expect(s.charts[0].series.map((x) => x.name)).toEqual(["今回"]);
    expect(s.charts[0].series[0].categories).toEqual({ top: src.top + 1, left: 0, bottom: src.bottom, right: 0 });
    for (let i = 0; i < report.fields.length; i++) {
      expect(s.value(`A${src.top + 2 + i}`)).toBe(report.fields[i].name);
      expect(s.value(`B${src.top + 2 + i}`)).toBe(report.fields[i].score);
    }
    // summary block: our marker in A1, the item count
    expect(String(s.value("A1"))).toMatch(/^TICS Check/);
    const labels = [...Array(15).keys()].map((r) => s.value(`A${r + 1}`));
    const itemsRow = labels.indexOf("項目数");
    expect(itemsRow).toBeGreaterThan(0);
    expect(s.value(`B${itemsRow + 1}`)).toBe(30);
    const state = parseState(excel.settings.get(SETTINGS_KEY));
    expect(state.last?.fields.map((f) => f.name)).toEqual(report.fields.map((f) => f.name));
    expect(state.previous).toBeNull();
    expect(state.created).toMatchObject({ chartName: CHART_NAME, resultsSheet: RESULTS_SHEET });
  });

  test("an earlier, different result shows as a second series 「前回」 and stays when regenerating", async () => {
    const { excel, host, layout } = setup(30, () => "×");
    const first = await checked(host);
    await host.writeResults(first);
    for (const cell of layout.answerCells.slice(0, 15)) excel.sheet(SHEET).setGrid(Number(cell.slice(1)) - 1, ANSWER_COL, [["○"]]);
    const second = await checked(host);
    expect(second.overall.score).not.toBe(first.overall.score);
    for (let k = 0; k < 2; k++) {
      await host.writeResults(second);
      const s = excel.sheet(RESULTS_SHEET);
      expect(s.charts).toHaveLength(1);
      const src = s.charts[0].source;
      expect(src.right - src.left + 1).toBe(3);
      expect(s.value(`C${src.top + 1}`)).toMatch(/^前回（\d{4}-\d\d-\d\d \d\d:\d\d）$/);
      expect(s.charts[0].series.map((x) => x.name)).toEqual(["今回", expect.stringMatching(/^前回（\d{4}-\d\d-\d\d \d\d:\d\d）$/)]);
      expect(s.charts[0].series[1].values).toEqual({ top: src.top + 1, left: 2, bottom: src.bottom, right: 2 });
      const firstField = first.fields[0];
      expect(s.value(`C${src.top + 2}`)).toBe(firstField.score);
      expect(s.value(`B${src.top + 2}`)).toBe(second.fields[0].score);
    }
  });

  test("a sheet named 診断結果 or 改善計画 that the add-in did not make is never cleared", async () => {
    const { excel, host } = setup(10, () => "×");
    const report = await checked(host);
    excel.addSheet(RESULTS_SHEET).setGrid(0, 0, [["自社の集計表"]]);
    excel.addSheet(PLAN_SHEET).setGrid(0, 0, [["自社の計画"], ["やること"]]);
    excel.resetCounters();
    await expect(host.writeResults(report)).rejects.toMatchObject({ message: { ja: expect.stringContaining("上書きしませんでした") } });
    await expect(host.writePlan(report)).rejects.toMatchObject({ message: { en: expect.stringContaining("not made by TICS Check") } });
    expect(excel.writes).toEqual([]);
    expect(excel.sheet(RESULTS_SHEET).value("A1")).toBe("自社の集計表");
  });

  test("structure-protected workbook: no sheet can be added, clear error before any write", async () => {
    const { excel, host } = setup(10, () => "×");
    const report = await checked(host);
    excel.workbookProtected = true;
    excel.resetCounters();
    await expect(host.writeResults(report)).rejects.toMatchObject({ code: "protected" });
    await expect(host.writePlan(report)).rejects.toMatchObject({ code: "protected" });
    expect(excel.writes).toEqual([]);
    expect(excel.sheets).toHaveLength(1);
  });

  test("user columns survive regeneration, keyed by item id, with their number formats", async () => {
    const { excel, host } = setup(30, (i) => (i % 3 === 0 ? "×" : "○"));
    const report = await checked(host);
    await host.writePlan(report);
    const plan = excel.sheet(PLAN_SHEET);
    const header = plan.used(true);
    const headers: string[] = [];
    // the header row is row 2, below the order line
    for (let c = header.left; c <= header.right; c++) headers.push(String(plan.cell(1, c)?.value ?? ""));
    const ownerCol = headers.indexOf("担当者");
    const dueCol = headers.indexOf("期限");
    const memoCol = headers.indexOf("メモ");
    const idCol = headers.indexOf("項目ID");
    expect(ownerCol).toBeGreaterThan(0);
    const id2 = plan.cell(2, idCol)?.value;
    const owner = plan.ensure(2, ownerCol);
    owner.value = "+81 山田";
    const due = plan.ensure(2, dueCol);
    due.value = 46100;
    due.numberFormat = "yyyy/mm/dd";
    plan.ensure(2, memoCol).value = "=見積もり待ち";
    // the answer changes so the plan order changes
    const edited = report.plan[0];
    excel.sheet(SHEET).setGrid(report.items.find((i) => i.id === edited.itemId)?.row ?? 0, ANSWER_COL, [["○"]]);
    const again = await checked(host);
    await host.writePlan(again);
    const p2 = excel.sheet(PLAN_SHEET);
    let row = -1;
    for (let r = 1; r <= p2.used(true).bottom; r++) if (p2.cell(r, idCol)?.value === id2) row = r;
    expect(row).toBeGreaterThan(0);
    expect(p2.cell(row, ownerCol)).toMatchObject({ value: "+81 山田", formula: null });
    expect(p2.cell(row, dueCol)).toMatchObject({ value: 46100, numberFormat: "yyyy/mm/dd" });
    expect(p2.cell(row, memoCol)).toMatchObject({ value: "=見積もり待ち", formula: null });
    expect(p2.tables).toHaveLength(1);
    // empty user cells are not text-formatted (a date typed later stays a date)
    const emptyDue = [...Array(p2.used(true).bottom).keys()].map((r) => p2.cell(r + 1, dueCol)).find((c) => c && c.value === null);
    expect(emptyDue?.numberFormat).toBe("General");
  });

  test("text from the workbook starting with = + - @ is written as literal text, never a formula", async () => {
    const texts = ["=HYPERLINK(\"http://example.invalid\")", "+81-3-0000", "-外部の記憶媒体", "@社内規程"];
    const { excel, host, layout } = setup(8, () => "×");
    const s = excel.sheet(SHEET);
    texts.forEach((t, i) => s.setGrid(layout.itemRows[i], 2, [[t]]));
    s.setGrid(1, 2, [["=1+1 株式会社"]]);
    const report = await checked(host);
    await host.writePlan(report);
    await host.writeResults(report);
    for (const sheet of [excel.sheet(PLAN_SHEET), excel.sheet(RESULTS_SHEET)]) {
      for (const c of sheet.cells.values()) expect(c.formula).toBeNull();
    }
    const planTexts = [...excel.sheet(PLAN_SHEET).cells.values()].map((c) => c.value).filter((v) => typeof v === "string") as string[];
    for (const t of texts) expect(planTexts.some((v) => v.includes(t))).toBe(true);
  });

  test("protected plan sheet: clear error and nothing written", async () => {
    const { excel, host } = setup(10, () => "×");
    const report = await checked(host);
    const plan = excel.addSheet(PLAN_SHEET);
    plan.setGrid(0, 0, [["自分のメモ"]]);
    plan.protected = true;
    excel.resetCounters();
    await expect(host.writePlan(report)).rejects.toMatchObject({ code: "protected", message: { ja: expect.stringContaining(PLAN_SHEET) } });
    expect(excel.writes).toEqual([]);
    expect(excel.syncCount).toBe(1);
    expect(plan.value("A1")).toBe("自分のメモ");
  });
});

describe("sheets that print", () => {
  test("plan: rows fitted to their wrapped text, landscape one page wide with the header row repeated and the order rule as page header; results: one landscape page, chart of a fixed size", async () => {
    const { excel, host } = setup(30, (i) => (i % 3 === 0 ? "×" : "○"));
    const report = await checked(host);
    excel.resetCounters();
    await host.writeResults(report);
    await host.writePlan(report);
    const fitted = excel.writes.filter((w) => w.what === "format.autofitRows").map((w) => w.sheet);
    expect(fitted).toEqual([RESULTS_SHEET, PLAN_SHEET]);
    const plan = excel.sheet(PLAN_SHEET).page;
    expect(plan).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      titleRows: "$2:$2",
      centerHeader: expect.stringContaining("並び順: 優先度（高→中→低）"),
    });
    const results = excel.sheet(RESULTS_SHEET);
    expect(results.page).toEqual({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 } });
    expect(results.charts[0].size).toEqual({ width: 480, height: 340 });
  });

  test("an Excel without ExcelApi 1.9 gets no page setup (and no error)", async () => {
    const { excel, host } = setup(10, () => "×");
    excel.apiVersion = "1.8";
    await host.writePlan(await checked(host));
    expect(excel.sheet(PLAN_SHEET).page).toEqual({});
  });
});

describe("highlight and dropdowns", () => {
  test("one conditional format owned by the add-in: added once, replaced, removed; settings know it is on", async () => {
    const { excel, host, layout } = setup(10, (i) => (i === 1 ? "はい" : "○"));
    const report = await checked(host);
    excel.resetCounters();
    await host.setHighlight(report, true);
    expect(excel.syncCount).toBeLessThanOrEqual(3);
    await host.setHighlight(report, true);
    const s = excel.sheet(SHEET);
    expect(s.cfs).toHaveLength(1);
    expect(s.cfs[0].range).toEqual({ top: layout.itemRows[0], left: ANSWER_COL, bottom: layout.itemRows[9], right: ANSWER_COL });
    expect(s.cfs[0].formula).toContain(`TRIM(SUBSTITUTE(${layout.answerCells[0]},`);
    expect(s.cfs[0].formula.length).toBeLessThanOrEqual(MAX_CF_FORMULA);
    expect(s.cfs[0]).toMatchObject({ fill: "#FFC7CE", font: "#9C0006" });
    const state = parseState(excel.settings.get(SETTINGS_KEY));
    expect(state.created.highlight).toEqual({ sheet: SHEET, range: `${layout.answerCells[0]}:${layout.answerCells[9]}` });
    // the user's own fills/values are untouched: no value writes on the checklist sheet
    expect(excel.writes.filter((w) => w.sheet === SHEET && w.what !== "conditionalFormat.add" && w.what !== "conditionalFormat.delete")).toEqual([]);
    // a new session (pane reopened) learns from the workbook that the highlight is on
    const reopened = createExcelHost("ja", { run: excel.run, debounceMs: 0 });
    expect(reopened.highlightActive()).toBe(false);
    await checked(reopened);
    expect(reopened.highlightActive()).toBe(true);
    await host.setHighlight(report, false);
    expect(host.highlightActive()).toBe(false);
    expect(s.cfs).toHaveLength(0);
    expect(parseState(excel.settings.get(SETTINGS_KEY)).created.highlight).toBeUndefined();
  });

  test("highlight formula: look-alikes pass, 「-」 rows listed (shorter list), never longer than the classic limit", () => {
    const f = highlightFormula("D6", [5, 10], [6, 7, 8, 9]);
    expect(f.startsWith('=OR(ISERROR(FIND(LEFT(TRIM(SUBSTITUTE(D6,"\u3000"," ")),1),')).toBe(true);
    for (const ch of ["○", "△", "×", "-", "〇", "ｘ", "ー"]) expect(f).toContain(ch);
    expect(f).toContain("ISNA(MATCH(ROW(D6),{6,11},0))");
    expect(highlightFormula("D6", [1, 2, 3], [4])).toContain("ISNUMBER(MATCH(ROW(D6),{5},0))");
    expect(highlightFormula("D6", [], [4, 5])).not.toContain("ROW(");
    expect(highlightFormula("D6", [4, 5], [])).not.toContain("ISNUMBER(");
    const many = Array.from({ length: 400 }, (_, i) => i);
    const long = highlightFormula("D6", many, many.map((r) => r + 1000));
    expect(long.length).toBeLessThanOrEqual(MAX_CF_FORMULA);
    expect(long.startsWith("=ISERROR(")).toBe(true);
  });

  test("dropdowns are added only where an answer cell has none, with 「-」 where allowed", async () => {
    const { excel, host, layout } = setup(10);
    const s = excel.sheet(SHEET);
    for (const i of [0, 1, 2, 7]) s.setValidation(layout.answerCells[i], null);
    const report = await checked(host);
    excel.resetCounters();
    const n = await host.addDropdowns(report);
    expect(n).toBe(4);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    const dv = (i: number): string | undefined => s.cell(layout.itemRows[i], ANSWER_COL)?.validation?.source;
    const na = new Map(report.items.map((it) => [it.row, it.naAllowed]));
    for (const i of [0, 1, 2, 7]) expect(dv(i)).toBe(na.get(layout.itemRows[i]) ? "○,△,×,-" : "○,△,×");
    expect(dv(5)).toBe("○,△,×,-");
    expect(new Set(excel.writes.map((w) => w.what))).toEqual(new Set(["dataValidation"]));
  });

  test("undo removes exactly the lists it added, not one the user changed since, not the user's own", async () => {
    const { excel, host, layout } = setup(10);
    const s = excel.sheet(SHEET);
    for (const i of [0, 1, 2, 7]) s.setValidation(layout.answerCells[i], null);
    const report = await checked(host);
    expect(await host.addDropdowns(report)).toBe(4);
    const dv = (i: number): string | undefined => s.cell(layout.itemRows[i], ANSWER_COL)?.validation?.source;
    // the user edits the list of item 7 after it was added
    s.setValidation(layout.answerCells[7], "○,×");
    excel.resetCounters();
    const removed = await host.removeAddedDropdowns();
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    expect(removed).toBe(3);
    for (const i of [0, 1, 2]) expect(dv(i)).toBeUndefined();
    expect(dv(7)).toBe("○,×");
    expect(dv(5)).toBe("○,△,×,-");
    expect(excel.writes.every((w) => w.what === "dataValidation.clear")).toBe(true);
    // nothing left to undo
    expect(await host.removeAddedDropdowns()).toBe(0);
    // the cached grid no longer claims those lists: a new addDropdowns adds them again
    expect(await host.addDropdowns(report)).toBe(3);
  });

  test("undo of dropdowns on a sheet protected meanwhile: refused, nothing cleared, still undoable", async () => {
    const { excel, host, layout } = setup(6);
    const s = excel.sheet(SHEET);
    s.setValidation(layout.answerCells[0], null);
    const report = await checked(host);
    expect(await host.addDropdowns(report)).toBe(1);
    s.protected = true;
    await expect(host.removeAddedDropdowns()).rejects.toMatchObject({ code: "protected" });
    expect(s.cell(layout.itemRows[0], ANSWER_COL)?.validation?.source).toBe("○,△,×");
    s.protected = false;
    expect(await host.removeAddedDropdowns()).toBe(1);
    expect(s.cell(layout.itemRows[0], ANSWER_COL)?.validation).toBeNull();
  });
});

describe("select cell", () => {
  test("activates the sheet and selects the cell in one sync", async () => {
    const { excel, host } = setup(3);
    excel.resetCounters();
    await host.selectCell(SHEET, "D6");
    expect(excel.syncCount).toBe(1);
    expect(excel.selection).toEqual({ sheet: SHEET, range: { top: 5, left: 3, bottom: 5, right: 3 } });
    expect(excel.activeSheet).toBe(SHEET);
  });
});
