/**
 * The self-test for real Excel (src/excel/self-test.ts) run against the fake: it must cover every member the gateway
 * uses (API_MEMBERS), pass on the fake, and leave the workbook as it found it.
 */
import { API_MEMBERS } from "../../src/excel/api-sets";
import { PROBES, SCRATCH_SHEET, runSelfTest, selfTestText } from "../../src/excel/self-test";
import { SETTINGS_KEY } from "../../src/excel/state";
import { FakeExcel } from "./fake-excel";
import { SHEET, buildChecklist } from "./helpers";

function workbook(apiVersion: string): FakeExcel {
  const excel = new FakeExcel();
  excel.apiVersion = apiVersion;
  excel.installOffice();
  buildChecklist(excel, 5);
  excel.addSheet("表紙");
  excel.activeSheet = SHEET;
  excel.selection = { sheet: SHEET, range: { top: 5, left: 3, bottom: 5, right: 3 } };
  excel.settings.set(SETTINGS_KEY, "{\"version\":1}");
  return excel;
}

describe("self-test (「自己診断」)", () => {
  test("its probes cover exactly the members in src/excel/api-sets.ts", () => {
    const probed = new Set(PROBES.flatMap((p) => p.members));
    expect(Object.keys(API_MEMBERS).filter((m) => !probed.has(m))).toEqual([]);
    expect([...probed].filter((m) => !(m in API_MEMBERS))).toEqual([]);
  });

  const state = (excel: FakeExcel): string =>
    JSON.stringify({ sheets: excel.sheets.map((s) => [s.name, [...s.cells], s.charts.length]), settings: [...excel.settings], names: excel.names });

  test("on the fake with ExcelApi 1.14 every probe passes but the 1.15 one, which is skipped; the workbook is left as it was", async () => {
    const excel = workbook("1.14");
    excel.names = [{ name: "Scores", formula: "=Sheet1!$A$1", type: "Range" }];
    const before = state(excel);
    const report = await excel.run(null, (ctx) => runSelfTest(ctx, { platform: "PC", build: "16.0.test" }));
    expect(report.probes.filter((p) => p.status !== "ok").map((p) => [p.name, p.status, p.detail])).toEqual([["chart series sources", "skipped", "ExcelApi 1.15 not supported here"]]);
    expect(report.members).toHaveLength(Object.keys(API_MEMBERS).length);
    expect(report.members.filter((m) => m.status !== "ok").map((m) => [m.member, m.status])).toEqual([["ChartSeries.getDimensionDataSourceString", "skipped"]]);
    expect(report.probes.find((p) => p.name === "chart series")?.detail).toBe(`chartType RadarMarkers; series listed with the chart list ["今回"]; first series 「今回」`);
    expect(report.probes.find((p) => p.name === "chart series values")?.detail).toContain('values ["50","75","100"]');
    expect(report.probes.find((p) => p.name === "defined names")?.detail).toContain("2 names; scratch name ='TicsCheck自己診断'!$Z$1:$Z$2 (Range)");
    expect(report.probes.find((p) => p.name === "change events")?.detail).toContain("triggerSource ThisLocalAddin");
    expect(report.apiSets.find((s) => s.version === "1.14")?.supported).toBe(true);
    expect(report.apiSets.find((s) => s.version === "1.15")?.supported).toBe(false);
    expect(excel.sheets.map((s) => s.name)).not.toContain(SCRATCH_SHEET);
    expect(excel.activeSheet).toBe(SHEET);
    expect(state(excel)).toBe(before);
    const text = selfTestText(report);
    expect(text).toContain("platform\tPC");
    for (const m of Object.keys(API_MEMBERS)) expect(text).toContain(`\t${m}\t`);
  }, 20_000);

  test("on the fake with ExcelApi 1.15 every probe and every member passes, the chart series sources included", async () => {
    const excel = workbook("1.15");
    const before = state(excel);
    const report = await excel.run(null, (ctx) => runSelfTest(ctx, { platform: "PC", build: "16.0.test" }));
    expect(report.probes.filter((p) => p.status !== "ok")).toEqual([]);
    expect(report.members.every((m) => m.status === "ok")).toBe(true);
    expect(report.probes.find((p) => p.name === "chart series sources")?.detail).toBe("categories 'TicsCheck自己診断'!$X$2:$X$4; values 'TicsCheck自己診断'!$Y$2:$Y$4");
    expect(state(excel)).toBe(before);
  }, 20_000);

  test("older Excel: probes above its set are skipped, none fails; a refused radar axis is reported, not failed", async () => {
    const excel = workbook("1.8");
    excel.refuseRadarAxisLimits = true;
    const report = await excel.run(null, (ctx) => runSelfTest(ctx, { platform: "Mac", build: "16.x" }));
    expect(report.probes.filter((p) => p.status === "fail")).toEqual([]);
    expect(report.probes.find((p) => p.name === "merged areas")?.status).toBe("skipped");
    expect(report.probes.find((p) => p.name === "validation")?.status).toBe("ok");
    expect(report.probes.find((p) => p.name === "radar chart")?.detail).toContain("axis limits refused");
    expect(report.members.find((m) => m.member === "Range.getMergedAreasOrNullObject")?.status).toBe("skipped");
    expect(report.probes.filter((p) => p.status === "skipped").map((p) => p.name)).toEqual(["page layout", "merged areas", "chart series values", "chart series sources"]);
    expect(report.probes.find((p) => p.name === "chart series")?.status).toBe("ok");
    expect(report.probes.find((p) => p.name === "defined names")?.status).toBe("ok");
  }, 20_000);

  test("a probe that Excel refuses is reported as failed, and the others still run", async () => {
    const excel = workbook("1.14");
    excel.cellEditMode = false;
    const original = excel.run;
    const report = await original(null, async (ctx) => {
      // tables refused as if the host had no tables (an Excel that differs from the fake)
      const c = ctx as unknown as { workbook: { tables: { load: () => void } } };
      c.workbook.tables.load = () => {
        throw Object.assign(new Error("not here"), { code: "ApiNotFound" });
      };
      return runSelfTest(ctx, { platform: "Web", build: "x" });
    });
    expect(report.probes.find((p) => p.name === "table")).toMatchObject({ status: "fail", detail: expect.stringContaining("ApiNotFound") });
    expect(report.probes.filter((p) => p.status === "ok").length).toBe(PROBES.length - 2);
    expect(report.probes.filter((p) => p.status === "skipped").map((p) => p.name)).toEqual(["chart series sources"]);
    expect(report.members.find((m) => m.member === "TableCollection.add")?.status).toBe("fail");
    expect(excel.sheets.map((s) => s.name)).not.toContain(SCRATCH_SHEET);
  }, 20_000);
});
