/**
 * Self-test for real Excel (「自己診断」): performs every Excel call the add-in uses on a scratch sheet it creates and
 * deletes, and reports pass/fail per probe and per member of API_MEMBERS (src/excel/api-sets.ts), with the
 * platform, the Office build and the ExcelApi sets the host supports. It writes nothing outside the scratch sheet
 * except a scratch setting that it removes again; the user's selection and active sheet are restored.
 *
 * Each probe runs its own syncs inside try/catch, so one refusal does not hide the others. The probes also check
 * the assumptions the fake Excel makes (test/excel/fake-excel.ts): positional conditional-format ids, per-cell
 * locking on a protected sheet, radar axis limits, triggerSource, tables.add with a Range.
 */
import { PLAN_PRINT, RESULTS_CHART_SIZE } from "../core/print";
import { parseRangeA1 } from "./address";
import { API_MEMBERS, supportsExcelApi } from "./api-sets";
import { isOwnHighlight, highlightFormula } from "./write";

export const SCRATCH_SHEET = "TicsCheck自己診断";
const SCRATCH_SETTING = "TicsCheck.selftest";
const SCRATCH_NAME = "TicsCheckSelfTestName";

export type ProbeStatus = "ok" | "fail" | "skipped";

export interface ProbeResult {
  name: string;
  /** Members of API_MEMBERS the probe exercises ("Class.member"). */
  members: readonly string[];
  status: ProbeStatus;
  /** What was observed (or the error: code and message). */
  detail: string;
}

export interface MemberResult {
  member: string;
  /** ExcelApi set from API_MEMBERS. */
  set: string;
  status: ProbeStatus;
  probes: string[];
}

export interface SelfTestReport {
  platform: string;
  build: string;
  /** ExcelApi 1.1 … 1.20: supported or not. */
  apiSets: { version: string; supported: boolean }[];
  probes: ProbeResult[];
  members: MemberResult[];
}

type Probe = (context: Excel.RequestContext, ws: Excel.Worksheet) => Promise<string>;

class Skip extends Error {}

function skipped(version: string): never {
  throw new Skip(`ExcelApi ${version} not supported here`);
}

function expectThat(cond: boolean, what: string): void {
  if (!cond) throw new Error(what);
}

/** Worksheets, their properties and the ways the add-in reaches them. */
async function probeSheets(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility,items/id");
  const active = sheets.getActiveWorksheet();
  active.load("name");
  const firstSheet = sheets.getFirst();
  firstSheet.load("name");
  const lastSheet = sheets.getLast();
  lastSheet.load("name");
  const byName = sheets.getItem(SCRATCH_SHEET);
  byName.load("id");
  const missing = sheets.getItemOrNullObject("TicsCheck-no-such-sheet");
  ws.load("id,name,visibility");
  await context.sync();
  expectThat(sheets.items.some((s) => s.name === SCRATCH_SHEET), "scratch sheet not listed");
  expectThat(byName.id === ws.id, "getItem(name) is another sheet");
  expectThat(missing.isNullObject, "getItemOrNullObject of a missing sheet is not a null object");
  const byId = sheets.getItem(ws.id);
  byId.load("name");
  await context.sync();
  expectThat(byId.name === SCRATCH_SHEET, "getItem(id) does not find the sheet by its id");
  return `${sheets.items.length} sheets; active ${active.name}; first ${firstSheet.name}; last ${lastSheet.name}; getItem by id works`;
}

/** Values, formulas (A1 and R1C1), number formats, the used range and bounded reads. */
async function probeValues(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  const r = ws.getRange("B2:D3");
  r.numberFormat = [["General", "@", "General"], ["General", "General", "General"]];
  r.values = [["○", "=1+1", 3], ["'=text", "", 5]];
  ws.getRange("D3").formulas = [["=D2*2"]];
  ws.getRange("C3").formulasR1C1 = [["=RC[1]+1"]];
  const used = ws.getUsedRange(true);
  used.load("values,formulas,formulasR1C1,numberFormat,address,rowIndex,columnIndex");
  const window = ws.getRangeByIndexes(0, 0, 3, 3);
  const inter = ws.getUsedRange(true).getIntersectionOrNullObject(window);
  inter.load("address");
  const col = ws.getRange("E:E");
  col.load("columnHidden");
  await context.sync();
  expectThat(used.rowIndex === 1 && used.columnIndex === 1, `used range starts at ${used.address}`);
  const v = used.values;
  expectThat(v[0][1] === "=1+1", `text-formatted "=1+1" came back as ${JSON.stringify(v[0][1])}`);
  expectThat(v[1][0] === "=text", `apostrophe text came back as ${JSON.stringify(v[1][0])}`);
  expectThat(used.formulas[1][2] === "=D2*2", `formulas gave ${JSON.stringify(used.formulas[1][2])}`);
  expectThat(used.formulasR1C1[1][1] === "=RC[1]+1", `formulasR1C1 gave ${JSON.stringify(used.formulasR1C1[1][1])}`);
  expectThat(!inter.isNullObject, "intersection with the used range is a null object");
  return `used ${used.address}; values ${JSON.stringify(v)}; formulas ${JSON.stringify(used.formulas[1])}; numberFormat ${JSON.stringify(used.numberFormat[0])}; E hidden ${col.columnHidden}`;
}

/** Formats the results sheet sets, and clear(). */
async function probeFormat(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  const r = ws.getRange("F1:F2");
  r.values = [["bold"], ["x"]];
  r.format.font.bold = true;
  r.format.wrapText = true;
  ws.getRange("F:F").format.columnWidth = 120;
  // As the results and plan sheets do after writing wrapped text (write.ts).
  r.format.autofitRows();
  await context.sync();
  ws.getRange("F2").clear();
  const after = ws.getRange("F2");
  after.load("values");
  await context.sync();
  expectThat(after.values[0][0] === "", "clear() left a value");
  return "bold, wrapText, columnWidth set; rows autofitted; clear() emptied the cell";
}

/**
 * ExcelApi 1.9: the page setup the add-in gives its plan sheet (queuePrintLayout in write.ts: landscape, one page
 * wide and as many tall as needed, a repeated title row, a centred header with an escaped 「&」), written on the
 * scratch sheet and read back.
 */
async function probePageLayout(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  if (!supportsExcelApi("1.9")) skipped("1.9");
  const orientation = PLAN_PRINT.orientation === "landscape" ? "Landscape" : "Portrait";
  const fit = { horizontalFitToPages: PLAN_PRINT.fitToWidth, verticalFitToPages: PLAN_PRINT.fitToHeight };
  const header = "TICS Check && 自己診断";
  const layout = ws.pageLayout;
  layout.orientation = orientation;
  layout.zoom = fit;
  layout.setPrintTitleRows("$1:$1");
  layout.headersFooters.defaultForAllPages.centerHeader = header;
  await context.sync();
  layout.load("orientation,zoom");
  const page = layout.headersFooters.defaultForAllPages;
  page.load("centerHeader");
  await context.sync();
  const zoom = layout.zoom;
  expectThat(layout.orientation === orientation, `orientation read back ${layout.orientation}`);
  expectThat(
    zoom.horizontalFitToPages === fit.horizontalFitToPages && (zoom.verticalFitToPages ?? 0) === fit.verticalFitToPages,
    `zoom read back ${JSON.stringify(zoom)}`,
  );
  expectThat(page.centerHeader === header, `centre header read back ${JSON.stringify(page.centerHeader)}`);
  return `${layout.orientation}; zoom ${JSON.stringify(zoom)}; title rows $1:$1 set; centre header ${JSON.stringify(page.centerHeader)} read back as written`;
}

/** ExcelApi 1.13: merged areas (a null object where there are none). */
async function probeMerged(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  if (!supportsExcelApi("1.13")) skipped("1.13");
  const areas = ws.getRange("A1:D3").getMergedAreasOrNullObject();
  areas.load("address");
  await context.sync();
  return areas.isNullObject ? "no merged areas: null object, as expected" : `merged areas ${areas.address}`;
}

/** ExcelApi 1.8: list validation written, read back and cleared. */
async function probeValidation(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  if (!supportsExcelApi("1.8")) skipped("1.8");
  const dv = ws.getRange("G1:G2").dataValidation;
  dv.rule = { list: { inCellDropDown: true, source: "○,△,×,-" } };
  await context.sync();
  const read = ws.getRange("G1").dataValidation;
  read.load("type,rule");
  await context.sync();
  const source = read.rule.list?.source;
  expectThat(read.type === "List" && source === "○,△,×,-", `read back ${read.type} ${JSON.stringify(source)}`);
  ws.getRange("G1:G2").dataValidation.clear();
  const gone = ws.getRange("G1").dataValidation;
  gone.load("type");
  await context.sync();
  expectThat(gone.type === "None", `after clear: ${gone.type}`);
  return `list "${source}" written, read and cleared`;
}

/** The highlight: a custom format found by its formula (ids are positions; office-js#2180 avoided). */
async function probeConditionalFormats(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  const area = ws.getRange("H1:H4");
  area.values = [["○"], ["はい"], ["-"], [""]];
  const mine = area.conditionalFormats.add("Custom");
  mine.custom.rule.formula = highlightFormula("H1", [2], [0, 1, 3]);
  mine.custom.format.fill.color = "#FFC7CE";
  mine.custom.format.font.color = "#9C0006";
  const other = ws.getRange("H1:H4").conditionalFormats.add("Custom");
  other.custom.rule.formula = "=FALSE";
  await context.sync();
  const all = ws.getRange().conditionalFormats;
  all.load("items/type");
  await context.sync();
  const rules = all.items.filter((cf) => cf.type === "Custom").map((cf) => {
    const rule = cf.custom.rule;
    rule.load("formula");
    return { cf, rule };
  });
  await context.sync();
  const found = rules.filter((x) => isOwnHighlight(x.rule.formula));
  expectThat(found.length === 1, `${found.length} formats recognised as the add-in's (of ${rules.length})`);
  for (const x of rules) x.cf.delete();
  await context.sync();
  return `${all.items.length} formats, types ${all.items.map((c) => c.type).join("/")}; the add-in's found by its formula; both deleted`;
}

/** The radar chart and its details (axis limits reported on their own). */
async function probeChart(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  ws.getRange("J1:K4").values = [["分野", "今回"], ["A", 50], ["B", 75], ["C", 100]];
  const chart = ws.charts.add("RadarMarkers", ws.getRange("J1:K4"), "Columns");
  chart.name = "TicsCheckSelfTest";
  await context.sync();
  chart.title.text = "自己診断";
  chart.legend.position = "Bottom";
  chart.setPosition("M1", "R12");
  await context.sync();
  let axis = "axis limits 0–100 accepted";
  try {
    chart.axes.valueAxis.minimum = 0;
    chart.axes.valueAxis.maximum = 100;
    await context.sync();
  } catch (e) {
    axis = `axis limits refused (${describe(e)}): the add-in then keeps Excel's default axis`;
  }
  const charts = ws.charts;
  charts.load("items/name");
  await context.sync();
  expectThat(charts.items.some((c) => c.name === "TicsCheckSelfTest"), "chart not found by name");
  chart.delete();
  await context.sync();
  return `RadarMarkers chart made, named, titled, placed, deleted; ${axis}`;
}

/**
 * A scratch radar chart over X1:Y4 of the scratch sheet (header 「今回」, three fields) for the series probes; deleted
 * afterwards whatever `use` does.
 */
async function withScratchChart(context: Excel.RequestContext, ws: Excel.Worksheet, use: (chart: Excel.Chart) => Promise<string>): Promise<string> {
  ws.getRange("X1:Y4").values = [["分野", "今回"], ["A", 50], ["B", 75], ["C", 100]];
  const chart = ws.charts.add("RadarMarkers", ws.getRange("X1:Y4"), "Columns");
  await context.sync();
  try {
    return await use(chart);
  } finally {
    chart.delete();
    await context.sync();
  }
}

/** The results chart's fixed size (points), set after setPosition as write.ts does, and read back. */
async function probeChartSize(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  return withScratchChart(context, ws, async (chart) => {
    const { width, height } = RESULTS_CHART_SIZE;
    chart.setPosition("AA1", "AF12");
    chart.width = width;
    chart.height = height;
    await context.sync();
    chart.load("width,height");
    await context.sync();
    // Excel keeps sizes in its own units: allow less than a point of rounding.
    const near = (a: number, b: number): boolean => Math.abs(a - b) < 1;
    expectThat(near(chart.width, width) && near(chart.height, height), `size read back ${chart.width}×${chart.height}, set ${width}×${height}`);
    return `set ${width}×${height} pt after setPosition, read back ${chart.width}×${chart.height}`;
  });
}

/**
 * The workbook's own charts as the results tracer reads them: the chart list with each chart's series list in one
 * load (the nested `items/series/items/name`, read through ChartSeriesCollection.items), and the first series by
 * position (what the check falls back to when that nested load fails).
 */
async function probeChartSeries(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  return withScratchChart(context, ws, async (chart) => {
    chart.load("name,chartType");
    const charts = ws.charts;
    charts.load("items/name,items/chartType,items/series/items/name");
    const s = chart.series.getItemAt(0);
    s.load("name");
    await context.sync();
    expectThat(/radar/i.test(String(chart.chartType)), `chartType ${chart.chartType}`);
    const listed = charts.items.find((c) => c.name === chart.name);
    expectThat(listed !== undefined, `chart ${JSON.stringify(chart.name)} not in the sheet's chart list`);
    const names = (listed as Excel.Chart).series.items.map((x) => x.name);
    expectThat(names.length === 1 && names[0] === "今回", `series listed with the chart list ${JSON.stringify(names)}`);
    expectThat(s.name === "今回", `first series named ${JSON.stringify(s.name)}`);
    return `chartType ${chart.chartType}; series listed with the chart list ${JSON.stringify(names)}; first series 「${s.name}」`;
  });
}

/** ExcelApi 1.12: a series' live category and value lists. */
async function probeSeriesValues(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  if (!supportsExcelApi("1.12")) skipped("1.12");
  return withScratchChart(context, ws, async (chart) => {
    const s = chart.series.getItemAt(0);
    const dim = { cats: s.getDimensionValues("Categories"), vals: s.getDimensionValues("Values") };
    await context.sync();
    const cats = dim.cats.value;
    const vals = dim.vals.value;
    expectThat(cats.join(",") === "A,B,C", `categories ${JSON.stringify(cats)}`);
    expectThat(vals.map(Number).join(",") === "50,75,100", `values ${JSON.stringify(vals)}`);
    return `categories ${JSON.stringify(cats)}; values ${JSON.stringify(vals)}`;
  });
}

/** ExcelApi 1.15: a series' source references (what the tracer follows back to the workbook's own formulas). */
async function probeSeriesSources(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  if (!supportsExcelApi("1.15")) skipped("1.15");
  return withScratchChart(context, ws, async (chart) => {
    const s = chart.series.getItemAt(0);
    const cats = s.getDimensionDataSourceString("Categories");
    const vals = s.getDimensionDataSourceString("Values");
    await context.sync();
    expectThat(/\$?X\$?2:\$?X\$?4$/.test(cats.value), `categories from ${cats.value}`);
    expectThat(/\$?Y\$?2:\$?Y\$?4$/.test(vals.value), `values from ${vals.value}`);
    return `categories ${cats.value}; values ${vals.value}`;
  });
}

/** Defined names: a scratch workbook-scoped name is added, read back through the collection and removed. */
async function probeNames(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  ws.getRange("Z1:Z2").values = [[1], [2]];
  const ref = `='${SCRATCH_SHEET}'!$Z$1:$Z$2`;
  const added = context.workbook.names.add(SCRATCH_NAME, ref);
  await context.sync();
  const names = context.workbook.names;
  names.load("items/name,items/formula,items/type");
  let found: { name: string; formula: string; type: string } | undefined;
  try {
    await context.sync();
    const item = names.items.find((n) => n.name === SCRATCH_NAME);
    found = item && { name: item.name, formula: String(item.formula), type: String(item.type) };
  } finally {
    added.delete();
    await context.sync();
  }
  expectThat(found !== undefined, "the scratch name is not listed");
  const f = found as { name: string; formula: string; type: string };
  expectThat(f.type === "Range" && /\$Z\$1:\$Z\$2$/.test(f.formula), `read back ${f.type} ${f.formula}`);
  return `${names.items.length} names; scratch name ${f.formula} (${f.type}) added, read, removed`;
}

/** The plan table: tables.add with a Range on a sheet that is not active. */
async function probeTable(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  ws.getRange("T1:U3").values = [["項目ID", "メモ"], ["1-1", "a"], ["1-2", "b"]];
  const table = ws.tables.add(ws.getRange("T1:U3"), true);
  table.name = "TicsCheckSelfTest";
  table.style = "TableStyleMedium2";
  const all = context.workbook.tables;
  all.load("items/name");
  await context.sync();
  expectThat(all.items.some((t) => t.name === "TicsCheckSelfTest"), "table not found by name");
  table.delete();
  await context.sync();
  return "table made from a Range, named, styled, deleted";
}

/** Workbook settings (where the add-in keeps its state). */
async function probeSettings(context: Excel.RequestContext): Promise<string> {
  context.workbook.settings.add(SCRATCH_SETTING, JSON.stringify({ ok: true }));
  await context.sync();
  const item = context.workbook.settings.getItemOrNullObject(SCRATCH_SETTING);
  item.load("value");
  await context.sync();
  expectThat(!item.isNullObject, "setting not stored");
  const value = item.value;
  item.delete();
  await context.sync();
  return `setting stored and read back (${typeof value}), removed`;
}

/** Protection: sheet and workbook flags, and per-cell locking on a protected sheet. */
async function probeProtection(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  const wb = context.workbook.protection;
  wb.load("protected");
  ws.protection.load("protected");
  ws.getRange("V1").format.protection.locked = false;
  await context.sync();
  ws.protection.protect();
  await context.sync();
  const unlocked = ws.getRange("V1");
  unlocked.load("format/protection/locked");
  unlocked.values = [["○"]];
  let lockedRefused = false;
  try {
    await context.sync();
  } finally {
    try {
      ws.getRange("V2").values = [["×"]];
      await context.sync();
    } catch {
      lockedRefused = true;
    }
    ws.protection.unprotect();
    await context.sync();
  }
  expectThat(unlocked.format.protection.locked === false, "V1 reads as locked");
  expectThat(lockedRefused, "a locked cell on a protected sheet took a value");
  return `workbook protected: ${wb.protected}; an unlocked cell of a protected sheet takes a value, a locked one is refused`;
}

/** The selection (restored afterwards by runSelfTest). */
async function probeSelection(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  const sel = context.workbook.getSelectedRange();
  sel.load("address");
  const sheet = context.workbook.getSelectedRange().worksheet;
  sheet.load("name");
  await context.sync();
  const before = sel.address;
  ws.activate();
  ws.getRange("A1").select();
  await context.sync();
  return `selection was ${before} on ${sheet.name}; scratch sheet activated and A1 selected; ${await selectedAreas(context)}`;
}

/** ExcelApi 1.9: the number of selected areas. */
async function selectedAreas(context: Excel.RequestContext): Promise<string> {
  if (!supportsExcelApi("1.9")) return "getSelectedRanges: ExcelApi 1.9 not supported";
  const areas = context.workbook.getSelectedRanges();
  areas.load("areaCount");
  await context.sync();
  return `getSelectedRanges: ${areas.areaCount} area(s)`;
}

/** Change events: the add-in's own write comes back as an event (with triggerSource on ExcelApi 1.14). */
async function probeEvents(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<string> {
  let got: Excel.WorksheetChangedEventArgs | null = null;
  const handler = ws.onChanged.add(async (args) => {
    got = args;
  });
  await context.sync();
  ws.getRange("W5").values = [["○"]];
  await context.sync();
  for (let waited = 0; !got && waited < 3000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  handler.remove();
  await context.sync();
  const args = got as Excel.WorksheetChangedEventArgs | null;
  expectThat(args !== null, "no change event within 3 s");
  const a = args as Excel.WorksheetChangedEventArgs;
  expectThat(parseRangeA1(a.address).top === 4, `event address ${a.address}`);
  return `event ${a.changeType} at ${a.address}; ${triggerOf(a)}`;
}

/** ExcelApi 1.14: who made the change. */
function triggerOf(args: Excel.WorksheetChangedEventArgs): string {
  if (!supportsExcelApi("1.14")) return "triggerSource: ExcelApi 1.14 not supported";
  return `triggerSource ${args.triggerSource}`;
}

function describe(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  const msg = e instanceof Error ? e.message : String(e);
  return typeof code === "string" ? `${code}: ${msg}` : msg;
}

/** The probes in order, with the API_MEMBERS each one exercises (a test checks that together they cover all). */
export const PROBES: readonly { name: string; members: readonly string[]; run: Probe }[] = [
  {
    name: "worksheets",
    members: [
      "Workbook.worksheets",
      "WorksheetCollection.getItem",
      "WorksheetCollection.getItemOrNullObject",
      "WorksheetCollection.add",
      "WorksheetCollection.getActiveWorksheet",
      "WorksheetCollection.getFirst",
      "WorksheetCollection.getLast",
      "Worksheet.name",
      "Worksheet.id",
      "Worksheet.visibility",
      "Worksheet.delete",
    ],
    run: probeSheets,
  },
  {
    name: "values",
    members: [
      "Worksheet.getRange",
      "Worksheet.getUsedRange",
      "Worksheet.getRangeByIndexes",
      "Range.getIntersectionOrNullObject",
      "Range.values",
      "Range.formulas",
      "Range.formulasR1C1",
      "Range.numberFormat",
      "Range.address",
      "Range.rowIndex",
      "Range.columnIndex",
      "Range.columnHidden",
    ],
    run: probeValues,
  },
  {
    name: "formats",
    members: ["Range.format", "RangeFormat.font", "RangeFont.bold", "RangeFormat.wrapText", "RangeFormat.columnWidth", "RangeFormat.autofitRows", "Range.clear"],
    run: probeFormat,
  },
  {
    name: "page layout",
    members: [
      "Worksheet.pageLayout",
      "PageLayout.orientation",
      "PageLayout.zoom",
      "PageLayout.setPrintTitleRows",
      "PageLayout.headersFooters",
      "HeaderFooterGroup.defaultForAllPages",
      "HeaderFooter.centerHeader",
    ],
    run: probePageLayout,
  },
  { name: "merged areas", members: ["Range.getMergedAreasOrNullObject", "RangeAreas.address"], run: probeMerged },
  {
    name: "validation",
    members: ["Range.dataValidation", "DataValidation.type", "DataValidation.rule", "DataValidation.clear", "DataValidationRule.list", "ListDataValidation.source", "ListDataValidation.inCellDropDown"],
    run: probeValidation,
  },
  {
    name: "conditional formats",
    members: [
      "Range.conditionalFormats",
      "ConditionalFormatCollection.add",
      "ConditionalFormat.type",
      "ConditionalFormat.custom",
      "ConditionalFormat.delete",
      "CustomConditionalFormat.rule",
      "CustomConditionalFormat.format",
      "ConditionalFormatRule.formula",
      "ConditionalRangeFormat.fill",
      "ConditionalRangeFormat.font",
      "ConditionalRangeFill.color",
      "ConditionalRangeFont.color",
    ],
    run: probeConditionalFormats,
  },
  {
    name: "radar chart",
    members: [
      "Worksheet.charts",
      "ChartCollection.add",
      "Chart.name",
      "Chart.title",
      "ChartTitle.text",
      "Chart.legend",
      "ChartLegend.position",
      "Chart.setPosition",
      "Chart.axes",
      "ChartAxes.valueAxis",
      "ChartAxis.minimum",
      "ChartAxis.maximum",
      "Chart.delete",
    ],
    run: probeChart,
  },
  { name: "chart size", members: ["Chart.setPosition", "Chart.width", "Chart.height"], run: probeChartSize },
  { name: "chart series", members: ["Chart.chartType", "Chart.series", "ChartSeriesCollection.items", "ChartSeriesCollection.getItemAt", "ChartSeries.name"], run: probeChartSeries },
  { name: "chart series values", members: ["ChartSeries.getDimensionValues"], run: probeSeriesValues },
  { name: "chart series sources", members: ["ChartSeries.getDimensionDataSourceString"], run: probeSeriesSources },
  { name: "defined names", members: ["Workbook.names", "NamedItem.name", "NamedItem.formula", "NamedItem.type"], run: probeNames },
  { name: "table", members: ["Worksheet.tables", "Workbook.tables", "TableCollection.add", "Table.name", "Table.style", "Table.delete"], run: probeTable },
  { name: "settings", members: ["Workbook.settings", "SettingCollection.add", "SettingCollection.getItemOrNullObject", "Setting.value", "Setting.delete"], run: (context) => probeSettings(context) },
  {
    name: "protection",
    members: [
      "Workbook.protection",
      "WorkbookProtection.protected",
      "Worksheet.protection",
      "WorksheetProtection.protected",
      "WorksheetProtection.protect",
      "WorksheetProtection.unprotect",
      "RangeFormat.protection",
      "FormatProtection.locked",
    ],
    run: probeProtection,
  },
  {
    name: "selection",
    members: ["Workbook.getSelectedRange", "Range.worksheet", "Worksheet.activate", "Range.select", "Workbook.getSelectedRanges", "RangeAreas.areaCount"],
    run: probeSelection,
  },
  {
    name: "change events",
    members: ["Worksheet.onChanged", "WorksheetChangedEventArgs.address", "WorksheetChangedEventArgs.changeType", "WorksheetChangedEventArgs.triggerSource"],
    run: probeEvents,
  },
];

/** Every ExcelApi version the report lists. */
export const API_VERSIONS = Array.from({ length: 20 }, (_, i) => `1.${i + 1}`);

export interface SelfTestEnv {
  platform: string;
  build: string;
}

/**
 * Runs every probe in one batch on a scratch sheet (created first, deleted last, the previously active sheet
 * activated again) and returns the report. Never throws: a probe that fails is reported as "fail".
 */
export async function runSelfTest(context: Excel.RequestContext, env: SelfTestEnv): Promise<SelfTestReport> {
  const probes: ProbeResult[] = [];
  const active = context.workbook.worksheets.getActiveWorksheet();
  active.load("name");
  const stale = context.workbook.worksheets.getItemOrNullObject(SCRATCH_SHEET);
  await context.sync();
  if (!stale.isNullObject) stale.delete();
  const ws = context.workbook.worksheets.add(SCRATCH_SHEET);
  let ready = true;
  try {
    await context.sync();
  } catch (e) {
    ready = false;
    probes.push({ name: "scratch sheet", members: ["WorksheetCollection.add"], status: "fail", detail: describe(e) });
  }
  for (const p of PROBES) {
    if (!ready) {
      probes.push({ name: p.name, members: p.members, status: "skipped", detail: "no scratch sheet" });
      continue;
    }
    try {
      const detail = await p.run(context, ws);
      probes.push({ name: p.name, members: p.members, status: "ok", detail });
    } catch (e) {
      probes.push({ name: p.name, members: p.members, status: e instanceof Skip ? "skipped" : "fail", detail: describe(e) });
    }
  }
  if (ready) {
    try {
      context.workbook.worksheets.getItem(active.name).activate();
      context.workbook.worksheets.getItem(SCRATCH_SHEET).delete();
      await context.sync();
    } catch (e) {
      probes.push({ name: "clean-up", members: ["Worksheet.delete"], status: "fail", detail: describe(e) });
    }
  }
  return { ...env, apiSets: API_VERSIONS.map((version) => ({ version, supported: supportsExcelApi(version) })), probes, members: memberResults(probes) };
}

/** Per member of API_MEMBERS: failed if any probe using it failed, ok if one passed, else skipped. */
export function memberResults(probes: readonly ProbeResult[]): MemberResult[] {
  return Object.entries(API_MEMBERS).map(([member, set]) => {
    const using = probes.filter((p) => p.members.includes(member));
    const status: ProbeStatus = using.some((p) => p.status === "fail") ? "fail" : using.some((p) => p.status === "ok") ? "ok" : "skipped";
    return { member, set, status, probes: using.map((p) => p.name) };
  });
}

/** The report as tab-separated text (to paste into an e-mail or an issue). */
export function selfTestText(r: SelfTestReport): string {
  const lines = [
    `TICS Check self-test / 自己診断`,
    `platform\t${r.platform}`,
    `build\t${r.build}`,
    `ExcelApi\t${r.apiSets.filter((s) => s.supported).map((s) => s.version).join(" ")}`,
    "",
    ...r.probes.map((p) => `${p.status.toUpperCase()}\t${p.name}\t${p.detail}`),
    "",
    ...r.members.map((m) => `${m.status.toUpperCase()}\t${m.member}\tExcelApi ${m.set}`),
  ];
  return lines.join("\n");
}

