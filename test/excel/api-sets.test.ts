/**
 * Every Office.js member the Excel gateway uses belongs to the manifest's minimum ExcelApi set, or is used only
 * inside a function listed in GUARDED that checks isSetSupported (supportsExcelApi) first.
 * Versions in src/excel/api-sets.ts are checked against the "[Api set: ExcelApi x.y]" annotations of
 * @types/office-js.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { API_MEMBERS, GUARDED, MIN_EXCEL_API, versionAtMost } from "../../src/excel/api-sets";
import { validateManifest } from "../../scripts/validate-manifest";

const ROOT = resolve(__dirname, "..", "..");
const SRC = join(ROOT, "src", "excel");

/** "Class.member" → "1.x" for the Excel namespace of @types/office-js. */
function typesTable(): Map<string, string> {
  const lines = readFileSync(require.resolve("@types/office-js/index.d.ts"), "utf8").split("\n");
  const out = new Map<string, string>();
  let ns = "";
  let cls = "";
  let pending = "";
  for (const line of lines) {
    const n = /^declare namespace (\w+)/.exec(line);
    if (n) ns = n[1];
    const c = /^ {4}(?:class|interface) (\w+)/.exec(line);
    if (c) cls = c[1];
    const s = /\[Api set: ExcelApi ([\d.]+)/.exec(line);
    if (s) pending = s[1];
    const m = /^ {8}(?:readonly )?(\w+)[?(:<]/.exec(line);
    if (m && ns === "Excel" && pending) {
      const k = `${cls}.${m[1]}`;
      if (!out.has(k)) out.set(k, pending);
      pending = "";
    }
  }
  return out;
}

/**
 * Members @types/office-js does not annotate, with the documented set. ChartSeriesCollection.items ("Gets the
 * loaded child items in this collection"): the class is ExcelApi 1.1 in the Office.js reference
 * (Excel.ChartSeriesCollection, "API set: ExcelApi 1.1"); the check loads it through the chart list's nested load.
 */
const FROM_DOCS: Record<string, string> = { "ChartSeriesCollection.items": "1.1" };

/** Distinctive members above ExcelApi 1.7 (versions from @types/office-js; checked below). */
const WATCH: Record<string, string> = {
  getSpecialCells: "1.9",
  getRanges: "1.9",
  getCellProperties: "1.9",
  enableEvents: "1.8",
  getMergedAreasOrNullObject: "1.13",
  dataValidation: "1.8",
  getDirectPrecedents: "1.12",
  mergeUndoGroup: "1.20",
  autoFilter: "1.9",
};

interface Use {
  file: string;
  line: number;
  member: string;
  fn: string;
}

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " ")).replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

/** `.member` uses in src/excel, each with the enclosing top-level function or class method. */
function uses(names: Set<string>): Use[] {
  const out: Use[] = [];
  for (const file of readdirSync(SRC).filter((f) => f.endsWith(".ts") && f !== "api-sets.ts")) {
    const lines = stripComments(readFileSync(join(SRC, file), "utf8")).split("\n");
    let fn = "";
    let inClass = false;
    lines.forEach((text, i) => {
      const top = /^(?:export )?(?:async )?function (\w+)/.exec(text);
      const method = /^ {2}(?:(?:private|public|protected|static|async|get|set|readonly) )*(\w+)\s*(?:<[^>]*>)?\(/.exec(text);
      if (/^(?:export )?class /.test(text)) inClass = true;
      if (text === "}") inClass = false;
      if (top) fn = top[1];
      else if (inClass && method && !text.trim().endsWith(";") && !/^ {2}(if|for|while|switch|return)\b/.test(text)) fn = method[1];
      else if (/^(?:export )?(?:const|class|interface|type) /.test(text)) fn = "";
      const noStrings = text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
      for (const m of noStrings.matchAll(/\.(\w+)\b/g)) if (names.has(m[1])) out.push({ file, line: i + 1, member: m[1], fn });
      // option object keys such as { delayForCellEdit: true }
      for (const m of noStrings.matchAll(/[{,]\s*(\w+)\s*:/g)) if (names.has(m[1])) out.push({ file, line: i + 1, member: m[1], fn });
    });
  }
  return out;
}

const memberName = (k: string): string => k.slice(k.indexOf(".") + 1);

describe("API sets", () => {
  const types = typesTable();

  test("the manifest's ExcelApi MinVersion is MIN_EXCEL_API", () => {
    const r = validateManifest(readFileSync(join(ROOT, "manifest.xml"), "utf8"), { root: ROOT });
    expect(r.minExcelApi).toBe(MIN_EXCEL_API);
  });

  test("each member's set in api-sets.ts matches @types/office-js (or the docs where the types say nothing)", () => {
    const wrong: string[] = [];
    for (const [k, v] of Object.entries(API_MEMBERS)) {
      const expected = types.get(k) ?? FROM_DOCS[k];
      if (expected === undefined) wrong.push(`${k}: not found in @types/office-js`);
      else if (expected !== v) wrong.push(`${k}: table says ${v}, types say ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  test("every member above the minimum is used only inside a GUARDED function that checks that set", () => {
    // The table's members plus a watch list of distinctive above-minimum members (so a new use is caught even
    // before someone adds it to the table). A name shared by several classes counts with its lowest set.
    const minByName = new Map<string, string>(Object.entries(WATCH));
    for (const [k, v] of Object.entries(API_MEMBERS)) {
      const n = memberName(k);
      const cur = minByName.get(n);
      if (!cur || versionAtMost(v, cur)) minByName.set(n, v);
    }
    const above = new Set([...minByName].filter(([, v]) => !versionAtMost(v, MIN_EXCEL_API)).map(([n]) => n));
    const found = uses(above);
    expect(found.length).toBeGreaterThan(0);
    const bad: string[] = [];
    for (const u of found) {
      const need = minByName.get(u.member) as string;
      const guard = Object.prototype.hasOwnProperty.call(GUARDED, u.fn) ? GUARDED[u.fn] : undefined;
      if (!guard) bad.push(`${u.file}:${u.line} .${u.member} (ExcelApi ${need}) in ${u.fn || "top level"}, which is not GUARDED`);
      else if (!versionAtMost(need, guard)) bad.push(`${u.file}:${u.line} .${u.member} needs ${need} but ${u.fn} guards ${guard}`);
    }
    expect(bad).toEqual([]);
  });

  test("the watch list's versions match @types/office-js", () => {
    const byName = new Map<string, string[]>();
    for (const [k, v] of types) byName.set(memberName(k), [...(byName.get(memberName(k)) ?? []), v]);
    for (const [n, v] of Object.entries(WATCH)) {
      if (n in FROM_DOCS || n === "mergeUndoGroup") continue;
      expect(byName.get(n) ?? []).toContain(v);
    }
  });

  test("each GUARDED function calls supportsExcelApi with its version before using the member", () => {
    const sources = readdirSync(SRC)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => readFileSync(join(SRC, f), "utf8"))
      .join("\n");
    for (const [fn, version] of Object.entries(GUARDED)) {
      expect(versionAtMost(version, MIN_EXCEL_API)).toBe(false);
      const start = sources.search(new RegExp(`function ${fn}\\b`));
      expect(start).toBeGreaterThanOrEqual(0);
      const body = sources.slice(start, start + 600);
      expect(body).toContain(`supportsExcelApi("${version}")`);
    }
  });

  test("every member listed in api-sets.ts is really used by src/excel", () => {
    const names = new Set(Object.keys(API_MEMBERS).map(memberName));
    const used = new Set(uses(names).map((u) => u.member));
    expect([...names].filter((n) => !used.has(n))).toEqual([]);
  });

  test("members at or below the minimum set need no guard (sanity of the table)", () => {
    const low = Object.entries(API_MEMBERS).filter(([, v]) => versionAtMost(v, MIN_EXCEL_API));
    expect(low.length).toBeGreaterThan(40);
    const high = Object.entries(API_MEMBERS).filter(([, v]) => !versionAtMost(v, MIN_EXCEL_API)).map(([k]) => k).sort();
    expect(high).toEqual(
      ["WorksheetChangedEventArgs.triggerSource", "Workbook.getSelectedRanges", "RangeAreas.areaCount", "ChartSeries.getDimensionDataSourceString", "ChartSeries.getDimensionValues", "DataValidation.clear", "DataValidation.rule", "DataValidation.type", "DataValidationRule.list", "ListDataValidation.inCellDropDown", "ListDataValidation.source", "Range.dataValidation", "Range.getMergedAreasOrNullObject", "RangeAreas.address", "Worksheet.pageLayout", "PageLayout.orientation", "PageLayout.zoom", "PageLayout.setPrintTitleRows", "PageLayout.headersFooters", "HeaderFooterGroup.defaultForAllPages", "HeaderFooter.centerHeader"].sort(),
    );
  });
});
