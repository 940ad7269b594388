/**
 * The Excel gateway reads the workbook's own results: formulas (Range.formulas, with the values), defined names and
 * charts with their first series (ExcelApi 1.15), within the sync budget: a full check at most 3 syncs with charts,
 * still 2 without; a live edit stays 1-2 syncs and picks up the recalculated results. Texts are made up.
 */
import type { CheckOutcome } from "../../src/app/host";
import { ANSWER_COL, SHEET, checked, setup, tick } from "./helpers";
import type { FakeExcel } from "./fake-excel";

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

  test("a chart Excel cannot describe (no series) loses only the chart", async () => {
    const { excel, host, layout } = setup(30);
    excel.apiVersion = "1.15";
    addResults(excel, layout.itemRows, true);
    excel.sheet("結果").charts[0].series = [];
    const report = await checked(host);
    expect(report.workbookResults).toMatchObject({ source: "table", range: "C2:C4" });
    expect(report.items.every((i) => i.naSource === "validation")).toBe(true);
  });
});
