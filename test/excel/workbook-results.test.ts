/**
 * The Excel gateway reads the workbook's own results: formulas (Range.formulas, with the values), defined names and
 * charts with every series (ExcelApi 1.15), within the sync budget: a full check at most 3 syncs with charts,
 * still 2 without; a live edit stays 1-2 syncs and picks up the recalculated results. The manual range reads the
 * same (other sheets, names, charts) within the same budget. Texts are made up.
 */
import type { CheckOutcome } from "../../src/app/host";
import { MAX_SERIES, MAX_SERIES_PER_CHART } from "../../src/excel/workbook-parts";
import { ANSWER_COL, HEADER_ROW, SHEET, checked, setup, tick } from "./helpers";
import type { FakeChartRecord, FakeExcel, FakeSeriesRecord } from "./fake-excel";

const FIELDS = ["決まりごと", "人と場所", "機器と通信"];
const CODES = ["甲", "乙", "丙"];

/** Codes in column E (備考) by item; a 結果 sheet with COUNTIFS through names; live values computed like Excel would. */
function addResults(excel: FakeExcel, itemRows: number[], withChart: boolean): void {
  const s = excel.sheet(SHEET);
  itemRows.forEach((r, i) => (s.ensure(r, 4).value = CODES[i % 3]));
  const top = itemRows[0] + 1;
  const bottom = itemRows[itemRows.length - 1] + 1;
  excel.names.push({ name: "答え", formula: `=${SHEET}!$D$${top}:$D$${bottom}`, type: "Range" });
  excel.names.push({ name: "区分", formula: `=${SHEET}!$E$${top}:$E$${bottom}`, type: "Range" });
  const res = excel.addSheet("結果");
  res.setGrid(0, 0, [["分野", "記号", "点"]]);
  FIELDS.forEach((name, i) => {
    res.setGrid(i + 1, 0, [[name, CODES[i]]]);
    const c = (a: string) => `COUNTIFS(区分,$B${i + 2},答え,"${a}")`;
    res.ensure(i + 1, 2).formula = `=IFERROR((${c("○")}+${c("△")}*0.5)/(${c("○")}+${c("△")}+${c("×")})*100,"")`;
  });
  recalc(excel, itemRows);
  if (withChart) {
    res.charts.push({
      name: "自社レーダー",
      type: "Radar",
      source: { top: 0, left: 0, bottom: 3, right: 2 },
      seriesBy: "Columns",
      series: [{ name: "点", categories: { top: 1, left: 0, bottom: 3, right: 0 }, values: { top: 1, left: 2, bottom: 3, right: 2 } }],
      title: "",
      min: null,
      max: null,
      position: null,
    });
  }
}

/** What Excel's recalculation would leave in 結果!C2:C4 (○ 1, △ 0.5, × 0). */
function recalc(excel: FakeExcel, itemRows: number[]): void {
  const s = excel.sheet(SHEET);
  const res = excel.sheet("結果");
  FIELDS.forEach((_, f) => {
    let earned = 0;
    let counted = 0;
    itemRows.forEach((r, i) => {
      if (i % 3 !== f) return;
      const a = s.cell(r, ANSWER_COL)?.value;
      if (a === "○" || a === "△" || a === "×") {
        counted++;
        earned += a === "○" ? 1 : a === "△" ? 0.5 : 0;
      }
    });
    res.ensure(f + 1, 2).value = counted ? (100 * earned) / counted : "";
  });
}

describe("Excel gateway: the workbook's own results", () => {
  test("with a radar chart (ExcelApi 1.15): found through the chart, at most 3 syncs on the first check, 2 later", async () => {
    const { excel, host, layout } = setup(30);
    excel.apiVersion = "1.15";
    addResults(excel, layout.itemRows, true);
    const report = await checked(host);
    expect(excel.syncCount).toBeLessThanOrEqual(3);
    const wr = report.workbookResults;
    expect(wr).toMatchObject({ sheet: "結果", range: "C2:C4", source: "chart", chart: "自社レーダー", why: null });
    expect(wr?.fields.map((f) => f.name)).toEqual(FIELDS);
    expect(wr?.fields.every((f) => f.agrees && f.items === 10)).toBe(true);
    expect(report.fields.map((f) => f.name)).toEqual(FIELDS);
    expect(report.items.every((i) => i.fieldSource === "workbook")).toBe(true);
    // The chart's series were asked for their sources.
    expect(excel.loads.some((l) => l.what === "series.source.Values")).toBe(true);
    excel.resetCounters();
    await checked(host);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
  });

  test("without charts: the results table, and a full check stays within 2 syncs", async () => {
    const { excel, host, layout } = setup(30);
    addResults(excel, layout.itemRows, false);
    const report = await checked(host);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    expect(report.workbookResults).toMatchObject({ sheet: "結果", range: "C2:C4", source: "table" });
    excel.resetCounters();
    await checked(host);
    expect(excel.syncCount).toBeLessThanOrEqual(1);
  });

  test("the values are Excel's live ones: a different value is shown beside ours with why", async () => {
    const { excel, host, layout } = setup(30);
    addResults(excel, layout.itemRows, false);
    excel.sheet("結果").ensure(1, 2).value = 12.5; // as if the workbook weighed answers otherwise
    const report = await checked(host);
    const f = report.workbookResults?.fields[0];
    expect(f).toMatchObject({ name: "決まりごと", value: 12.5, agrees: false });
    expect(f?.ours).not.toBe(12.5);
    expect(f?.why).not.toBeNull();
  });

  test("a live edit re-reads the results' live values in the same sync", async () => {
    const { excel, host, layout } = setup(30);
    addResults(excel, layout.itemRows, false);
    await checked(host);
    const seen: CheckOutcome[] = [];
    host.onLiveChange((o) => seen.push(o));
    await tick();
    excel.resetCounters();
    excel.userEdit(SHEET, layout.answerCells[0], "×");
    recalc(excel, layout.itemRows); // Excel recalculates the workbook's own formulas
    await tick(50);
    expect(seen).toHaveLength(1);
    expect(excel.syncCount).toBeLessThanOrEqual(2);
    const o = seen[0];
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    const f = o.report.workbookResults?.fields[0];
    expect(f?.agrees).toBe(true);
    expect(f?.value).toBe(o.report.fields[0].score);
  });

  test("a chart without series has nothing to read: the results table is used", async () => {
    const { excel, host, layout } = setup(30);
    excel.apiVersion = "1.15";
    addResults(excel, layout.itemRows, true);
    excel.sheet("結果").charts[0].series = [];
    const report = await checked(host);
    expect(report.workbookResults).toMatchObject({ source: "table", range: "C2:C4" });
    expect(report.items.every((i) => i.naSource === "validation")).toBe(true);
  });
});

/** 結果!D2:D4: a constant target (100 each, no formulas), drawn as a chart series before the scores. */
function addTarget(excel: FakeExcel): FakeSeriesRecord {
  const res = excel.sheet("結果");
  res.setGrid(0, 3, [["目標"], [100], [100], [100]]);
  return { name: "目標", categories: { top: 1, left: 0, bottom: 3, right: 0 }, values: { top: 1, left: 3, bottom: 3, right: 3 } };
}

function chartOf(excel: FakeExcel): FakeChartRecord {
  return excel.sheet("結果").charts[0];
}

/** Series whose sources were asked for (one `series.source.Values` load each). */
function seriesRead(excel: FakeExcel): number {
  return excel.loads.filter((l) => l.what === "series.source.Values").length;
}

describe("Excel gateway: every series of the workbook's charts", () => {
  test("the first series is a constant target, the second the scores: found through the second, 2 syncs on a first check", async () => {
    const { excel, host, layout } = setup(30);
    excel.apiVersion = "1.15";
    addResults(excel, layout.itemRows, true);
    const chart = chartOf(excel);
    chart.series.unshift(addTarget(excel));
    const report = await checked(host);
    // Sync 1: every sheet (the workbook has two) with the chart lists and their series lists; sync 2: the
    // validations with every series' sources and values. No sync for the series list.
    expect(excel.syncCount).toBe(2);
    expect(seriesRead(excel)).toBe(2);
    expect(report.workbookResults).toMatchObject({ sheet: "結果", range: "C2:C4", source: "chart", chart: "自社レーダー" });
    expect(report.workbookResults?.fields.map((f) => f.name)).toEqual(FIELDS);
    expect(report.items.every((i) => i.fieldSource === "workbook")).toBe(true);
    excel.resetCounters();
    await checked(host);
    expect(excel.syncCount).toBe(2);
  });

  test("a first check that must read sheets in a second sync: 3 syncs with charts, 2 without", async () => {
    for (const withChart of [true, false]) {
      const { excel, host, layout } = setup(30);
      excel.apiVersion = "1.15";
      addResults(excel, layout.itemRows, withChart);
      if (withChart) chartOf(excel).series.unshift(addTarget(excel));
      // 結果 in the middle: neither active, first nor last, so Office.js reaches it only in sync 2.
      excel.addSheet("メモ").setGrid(0, 0, [["テスト用のメモ"]]);
      const report = await checked(host);
      expect(excel.syncCount).toBe(withChart ? 3 : 2);
      expect(report.workbookResults).toMatchObject({ sheet: "結果", range: "C2:C4", source: withChart ? "chart" : "table" });
    }
  });

  test(`at most ${MAX_SERIES_PER_CHART} series per chart are read`, async () => {
    const { excel, host, layout } = setup(30);
    excel.apiVersion = "1.15";
    addResults(excel, layout.itemRows, true);
    const chart = chartOf(excel);
    const target = addTarget(excel);
    for (let i = 0; i < 20; i++) chart.series.unshift({ ...target, name: `目標${i}` });
    const report = await checked(host);
    expect(seriesRead(excel)).toBe(MAX_SERIES_PER_CHART);
    // The scores are the 21st series: not read, so the results come from the table.
    expect(report.workbookResults).toMatchObject({ source: "table", range: "C2:C4" });
  });

  test(`at most ${MAX_SERIES} series in all; radar charts first`, async () => {
    const { excel, host, layout } = setup(30);
    excel.apiVersion = "1.15";
    addResults(excel, layout.itemRows, true);
    const radar = chartOf(excel);
    const target = addTarget(excel);
    const fill = Array.from({ length: MAX_SERIES_PER_CHART - 1 }, (_, i) => ({ ...target, name: `目標${i}` }));
    const res = excel.sheet("結果");
    // Five charts of 16 series each (80): bar charts listed before the radar, whose scores come last in its list.
    res.charts = [
      ...[1, 2, 3, 4].map((n) => ({ ...radar, name: `棒${n}`, type: "ColumnClustered", series: [...fill, target] })),
      { ...radar, series: [...fill, ...radar.series] },
    ];
    const report = await checked(host);
    expect(seriesRead(excel)).toBe(MAX_SERIES);
    expect(report.workbookResults).toMatchObject({ source: "chart", chart: "自社レーダー", range: "C2:C4" });
  });

  test("a series Excel cannot describe fails the chart sync: the check goes on without charts", async () => {
    const { excel, host, layout } = setup(30);
    excel.apiVersion = "1.15";
    addResults(excel, layout.itemRows, true);
    chartOf(excel).series.unshift({ ...addTarget(excel), unreadable: true });
    const report = await checked(host);
    expect(report.workbookResults).toMatchObject({ source: "table", range: "C2:C4" });
    expect(report.items.every((i) => i.naSource === "validation")).toBe(true);
  });

  test("a chart whose series list cannot be loaded with the chart list: read again without it, first series only", async () => {
    const { excel, host, layout } = setup(30);
    excel.apiVersion = "1.15";
    addResults(excel, layout.itemRows, true);
    chartOf(excel).seriesUnlisted = true;
    const report = await checked(host);
    expect(report.workbookResults).toMatchObject({ source: "chart", chart: "自社レーダー", range: "C2:C4" });
    expect(seriesRead(excel)).toBe(1);
    // Once per session: the next check reads without the series lists straight away.
    excel.resetCounters();
    await checked(host);
    expect(excel.syncCount).toBe(2);
  });
});

describe("Excel gateway: the manual range sees the workbook's own results", () => {
  /** A checklist detection cannot find (no headers), results on their own sheet; the user selects the answers. */
  function manualSetup(withChart: boolean) {
    const ctx = setup(30);
    const { excel, layout } = ctx;
    excel.apiVersion = "1.15";
    excel.sheet(SHEET).setGrid(HEADER_ROW, 1, [["", "", "", ""]]);
    addResults(excel, layout.itemRows, withChart);
    if (withChart) chartOf(excel).series.unshift(addTarget(excel));
    const first = layout.itemRows[0];
    const last = layout.itemRows[layout.itemRows.length - 1];
    excel.selection = { sheet: SHEET, range: { top: first, left: ANSWER_COL, bottom: last, right: ANSWER_COL } };
    return ctx;
  }

  test.each([
    [true, 3],
    [false, 2],
  ])("with a chart %s: results from another sheet on the first manual check, %i syncs", async (withChart, syncs) => {
    const { excel, host } = manualSetup(withChart);
    expect((await host.check()).ok).toBe(false);
    excel.resetCounters();
    const o = await host.useSelectionAsAnswerCells();
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(excel.syncCount).toBe(syncs);
    const wr = o.report.workbookResults;
    expect(wr).toMatchObject({ sheet: "結果", range: "C2:C4", source: withChart ? "chart" : "table" });
    expect(wr?.fields.map((f) => f.name)).toEqual(FIELDS);
    expect(wr?.fields.every((f) => f.agrees && f.items === 10)).toBe(true);
    expect(o.report.items.every((i) => i.fieldSource === "workbook")).toBe(true);
    expect(o.report.items.every((i) => i.naSource === "validation")).toBe(true);
    // The next full check finds the same.
    excel.resetCounters();
    const again = await checked(host);
    expect(again.workbookResults).toMatchObject({ sheet: "結果", range: "C2:C4" });
    expect(excel.syncCount).toBeLessThanOrEqual(withChart ? 3 : 2);
  });

  test("first action of a session (no check before): the selection's sheet and the others are read, within the same budget", async () => {
    const { excel, host } = manualSetup(true);
    excel.addSheet("メモ").setGrid(0, 0, [["テスト用のメモ"]]);
    excel.resetCounters();
    const o = await host.useSelectionAsAnswerCells();
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(excel.syncCount).toBe(3);
    expect(o.report.workbookResults).toMatchObject({ sheet: "結果", source: "chart" });
  });

  test("a sheet added since the last check: its validations and the stored choice take one sync more", async () => {
    const { excel, host, layout } = manualSetup(true);
    expect((await host.check()).ok).toBe(false);
    // The user copies the checklist to a new sheet and selects its answers there.
    const copy = excel.addSheet("写し");
    for (const [k, c] of excel.sheet(SHEET).cells) copy.cells.set(k, { ...c });
    const range = { top: layout.itemRows[0], left: ANSWER_COL, bottom: layout.itemRows[layout.itemRows.length - 1], right: ANSWER_COL };
    excel.selection = { sheet: "写し", range };
    excel.resetCounters();
    const o = await host.useSelectionAsAnswerCells();
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(excel.syncCount).toBe(4);
    expect(o.report.sheet).toBe("写し");
    expect(o.report.summary.items).toBe(30);
    expect(o.report.items.every((i) => i.naSource === "validation")).toBe(true);
  });
});
