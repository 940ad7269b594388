/**
 * Stand-in for office.js in the browser tests: Office.onReady reports Excel and Excel.run runs on the Excel
 * engineer's in-memory fake (test/excel/fake-excel.ts) holding a small made-up checklist. Bundled with esbuild by
 * test/browser/run.mjs and served instead of office-js/office.js, so the real pane + the real Excel host chunk run
 * in Chromium without Office.
 */
import { FakeContext, FakeExcel } from "../excel/fake-excel";
import { buildChecklist, defaultAnswer } from "../excel/helpers";

const excel = new FakeExcel();
excel.installOffice();
// Item 2: the look-alike 〇 (U+3007); item 4: an invalid entry; item 7: blank (default pattern).
const layout = buildChecklist(excel, 12, (i) => (i === 1 ? "〇" : i === 3 ? "はい" : defaultAnswer(i)));

type Batch = (ctx: Excel.RequestContext) => Promise<unknown>;
const g = globalThis as unknown as Record<string, unknown>;
const office = g.Office as Record<string, unknown> & { context: Record<string, unknown> };
const lang = new URLSearchParams(location.search).get("lang") ?? "ja-JP";
office.HostType = { Excel: "Excel" };
office.context.displayLanguage = lang;
const params = new URLSearchParams(location.search);
if (params.get("theme") === "dark") office.context.officeTheme = { bodyBackgroundColor: "#262626" };
office.onReady = (cb?: (info: { host: string; platform: string }) => unknown) =>
  Promise.resolve().then(() => {
    const info = { host: "Excel", platform: "OfficeOnline" };
    cb?.(info);
    return info;
  });
g.Excel = {
  run: (a: unknown, b?: Batch) => {
    if (typeof a === "function") return excel.run(null, a as Batch);
    if (a instanceof FakeContext) return excel.runIn(a, b as Batch);
    return excel.run(a as { delayForCellEdit?: boolean }, b as Batch);
  },
};
g.__fake = {
  excel,
  layout,
  value: (sheet: string, a1: string) => excel.sheet(sheet).value(a1),
  sheets: () => excel.sheets.map((s) => s.name),
  selection: () => excel.selection,
};
