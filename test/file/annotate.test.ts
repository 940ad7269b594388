import { PLAN_ORDER_LINE } from "../../src/core/plan";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { CellValue, Report } from "../../src/core/model";
import { planModel, resultsModel } from "../../src/core/sheets";
import { annotateWorkbook } from "../../src/file/annotate";
import { readWorkbook, XlsxError } from "../../src/file/xlsx-read";
import { writeSimpleWorkbook } from "../../src/file/xlsx-write";
import { expectConsistentPackage, fixture, fixtureReport, parts } from "./helpers";

const NOW = new Date(2026, 0, 2, 3, 4);
const LATER = new Date(2026, 1, 3, 4, 5);

function text(p: Record<string, Uint8Array>, name: string): string {
  const b = p[name];
  if (!b) throw new Error(`missing part ${name}`);
  return strFromU8(b);
}

function sheet(bytes: Uint8Array, name: string): CellValue[][] {
  const s = readWorkbook(bytes).sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s.values;
}

/** Trailing nulls removed so model rows and read rows compare equal. */
function trim(rows: CellValue[][]): CellValue[][] {
  const out = rows.map((r) => {
    const c = r.map((v) => (v === "" ? null : v));
    while (c.length && c[c.length - 1] === null) c.pop();
    return c;
  });
  while (out.length && out[out.length - 1].length === 0) out.pop();
  return out;
}

function sheetPartOf(bytes: Uint8Array, name: string): string {
  const p = parts(bytes);
  const wb = text(p, "xl/workbook.xml");
  const esc = name.replace(/[()]/g, "\\$&");
  const rid = new RegExp(`<sheet [^>]*name="${esc}"[^>]*r:id="([^"]+)"`).exec(wb)![1];
  const rels = text(p, "xl/_rels/workbook.xml.rels");
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*/>`).exec(rels)![0].match(/Target="([^"]+)"/)![1];
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

describe("annotateWorkbook on an openpyxl-written workbook", () => {
  const input = fixture("openpyxl-checklist.xlsx");
  const report = fixtureReport();
  const out = annotateWorkbook(input, report, { fix: false, lang: "ja", now: NOW });
  const before = parts(input);
  const after = parts(out.bytes);

  // Byte-identical untouched parts and the exact list of added parts: test/file/round-trip.test.ts (both fixtures).

  it("edits workbook.xml, its rels, content types and styles by insertion only", () => {
    const strip = (s: string, re: RegExp) => s.replace(re, "");
    const wbOld = text(before, "xl/workbook.xml");
    const wbNew = text(after, "xl/workbook.xml");
    expect(strip(strip(wbNew, /<sheet xmlns:r="[^"]+" name="(診断結果|改善計画)"[^>]*\/>/g), /<definedName name="(_TicsCheck_\w+|_xlnm\.Print_Titles)"[^>]*>'(診断結果|改善計画)'![^<]*<\/definedName>/g)).toBe(wbOld);
    // print titles: the table's header row, below the order line
    expect(wbNew).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="4">'改善計画'!$2:$2</definedName>`);
    expect(wbNew).toContain('<definedName name="_TicsCheck_Results" localSheetId="3" hidden="1">\'診断結果\'!$A$1</definedName>');
    const relsOld = text(before, "xl/_rels/workbook.xml.rels");
    expect(strip(text(after, "xl/_rels/workbook.xml.rels"), /<Relationship Id="rId(6|7)"[^>]*\/>/g)).toBe(relsOld);
    const ctOld = text(before, "[Content_Types].xml");
    expect(strip(text(after, "[Content_Types].xml"), /<Override PartName="\/xl\/(worksheets\/sheet[45]|drawings\/drawing2|charts\/chart2|tables\/table1)\.xml"[^>]*\/>/g)).toBe(ctOld);
    // styles: existing fonts and cell formats keep their index; ours are appended.
    const xfs = (s: string) => /<cellXfs count="(\d+)">(.*)<\/cellXfs>/.exec(s)!;
    const oldXfs = xfs(text(before, "xl/styles.xml"));
    const newXfs = xfs(text(after, "xl/styles.xml"));
    expect(newXfs[2].startsWith(oldXfs[2])).toBe(true);
    expect(Number(newXfs[1])).toBe(Number(oldXfs[1]) + 4);
    const fonts = (s: string) => /<fonts count="(\d+)">(.*?)<\/fonts>/.exec(s)!;
    expect(fonts(text(after, "xl/styles.xml"))[2].startsWith(fonts(text(before, "xl/styles.xml"))[2])).toBe(true);
  });

  it("writes the results and plan sheets from the shared models", () => {
    const rm = resultsModel(report, "ja", null, NOW);
    expect(trim(sheet(out.bytes, "診断結果"))).toEqual(trim(rm.rows));
    const pm = planModel(report, "ja", new Map());
    // the order rule in one line above the table (A1), then the table
    expect(trim(sheet(out.bytes, "改善計画"))).toEqual(trim([[PLAN_ORDER_LINE.ja], pm.header, ...pm.rows]));
    const sheetNames = readWorkbook(out.bytes).sheets.map((s) => s.name);
    expect(sheetNames).toEqual(["表紙", "リスト", "チェックリスト", "診断結果", "改善計画"]);
  });

  it("keeps formula-looking text as string cells, never formulas", () => {
    for (const part of ["xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml"]) expect(text(after, part)).not.toMatch(/<f[ >]/);
    const plan = text(after, "xl/worksheets/sheet5.xml");
    expect(plan).toContain("<t>3 =（テスト用の文）数式に見える項目文</t>");
    expect(plan).toContain("<t>=ヒント（テスト）</t>");
  });

  it("draws a radar chart over the field table, anchored where the model says", () => {
    const chart = text(after, "xl/charts/chart2.xml");
    expect(chart).toContain('<c:radarChart><c:radarStyle val="marker"/>');
    expect(chart.match(/<c:ser>/g)).toHaveLength(1);
    expect(chart).toContain("<c:f>'診断結果'!$B$16</c:f>");
    expect(chart).toContain("<c:f>'診断結果'!$A$17:$A$22</c:f>");
    expect(chart).toContain("<c:f>'診断結果'!$B$17:$B$22</c:f>");
    expect(chart).toContain('<c:max val="100"/><c:min val="0"/>');
    expect(chart).toContain("<c:v>ルール作り</c:v>");
    expect(chart).toContain("<a:t>分野別スコア（0〜100）</a:t>");
    const rm = resultsModel(report, "ja", null, NOW);
    const drawing = text(after, "xl/drawings/drawing2.xml");
    expect(drawing).toContain(`<xdr:from><xdr:col>${rm.chartAnchor.left}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${rm.chartAnchor.top}</xdr:row>`);
    expect(text(after, "xl/drawings/_rels/drawing2.xml.rels")).toContain('Target="../charts/chart2.xml"');
    expect(text(after, "xl/worksheets/sheet4.xml")).toContain('<drawing r:id="rId1"/>');
    expect(text(after, "xl/worksheets/_rels/sheet4.xml.rels")).toContain('Target="../drawings/drawing2.xml"');
  });

  it("makes the plan an Excel table with autofilter and a header matching the cells", () => {
    const table = text(after, "xl/tables/table1.xml");
    const pm = planModel(report, "ja", new Map());
    const ref = `A2:N${pm.rows.length + 2}`;
    expect(table).toContain(`name="TicsPlan" displayName="TicsPlan" ref="${ref}"`);
    expect(table).toContain(`<autoFilter ref="${ref}"/>`);
    expect([...table.matchAll(/<tableColumn id="\d+" name="([^"]+)"\/>/g)].map((m) => m[1])).toEqual(pm.header);
    expect(text(after, "xl/worksheets/sheet5.xml")).toContain('<tableParts count="1"><tablePart r:id="rId1"/></tableParts>');
  });
});

describe("sheets that print", () => {
  const report = fixtureReport();
  const out = annotateWorkbook(fixture("openpyxl-checklist.xlsx"), report, { fix: false, lang: "en", now: NOW });
  const after = parts(out.bytes);
  const plan = text(after, "xl/worksheets/sheet5.xml");
  const results = text(after, "xl/worksheets/sheet4.xml");

  it("plan: landscape, one page wide, as many tall as needed, the order rule as page header", () => {
    expect(plan).toMatch(/^<\?xml[^>]*\?>\s*<worksheet [^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
    expect(plan).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(plan).toContain(`<headerFooter><oddHeader>&amp;C${PLAN_ORDER_LINE.en}</oddHeader></headerFooter>`);
    expect(text(after, "xl/workbook.xml")).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="4">'改善計画'!$2:$2</definedName>`);
    // on screen: the order line in A1 (one unwrapped line), the header row below it; both stay in view when scrolling
    expect(plan).toContain(`<row r="1"><c r="A1" t="inlineStr"><is><t>${PLAN_ORDER_LINE.en}</t></is></c></row>`);
    expect(plan).toContain('<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>');
    expect(plan).toMatch(/<row r="2"[^>]*><c r="A2" s="\d+" t="inlineStr"><is><t>No\.<\/t><\/is><\/c><c r="B2" s="\d+" t="inlineStr"><is><t>Item ID<\/t>/);
    expect(plan).toContain(`<dimension ref="A1:N${planModel(report, "en", new Map()).rows.length + 2}"/>`);
  });

  it("plan: every row whose wrapped text needs more than one line gets a matching height", () => {
    const pm = planModel(report, "en", new Map());
    const rows = [...plan.matchAll(/<row r="(\d+)"([^>]*)>/g)].map((m) => ({ r: Number(m[1]), attrs: m[2] }));
    expect(rows).toHaveLength(pm.rows.length + 2);
    for (const { r, attrs } of rows.slice(2)) {
      const row = pm.rows[r - 3];
      const longest = Math.max(...[2, 6, 7, 8, 9].map((c) => String(row[c] ?? "").length));
      const ht = /ht="([\d.]+)" customHeight="1"/.exec(attrs);
      if (longest > 60) expect(ht).not.toBeNull();
      if (ht) expect(Number(ht[1])).toBeGreaterThanOrEqual(30);
    }
  });

  it("results: one landscape page; the notes wrap in column A; the chart has a fixed size", () => {
    expect(results).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(results).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="1"/>');
    expect(results).toMatch(/<row r="2" ht="\d+" customHeight="1">/);
    const drawing = text(after, "xl/drawings/drawing2.xml");
    expect(drawing).toContain('<xdr:oneCellAnchor>');
    expect(drawing).toContain(`<xdr:ext cx="${480 * 12700}" cy="${340 * 12700}"/>`);
  });
});

/** Puts user values into the plan sheet XML: 担当者 (column K) and メモ (column N) of the first plan row. */
function addUserValues(bytes: Uint8Array, planPart: string, row: number, owner: string, memo: string): Uint8Array {
  const files = unzipSync(bytes);
  const xml = strFromU8(files[planPart]);
  const r = row + 1;
  const edited = xml.replace(
    new RegExp(`(<row r="${r}">.*?)(</row>)`),
    `$1<c r="K${r}" t="inlineStr"><is><t>${owner}</t></is></c><c r="N${r}" t="inlineStr"><is><t>${memo}</t></is></c>$2`,
  );
  expect(edited).not.toBe(xml);
  files[planPart] = strToU8(edited);
  return zipSync(files);
}

function countMatches(s: string, re: RegExp): number {
  return (s.match(re) ?? []).length;
}

describe("re-annotating", () => {
  const first = annotateWorkbook(fixture("openpyxl-checklist.xlsx"), fixtureReport(), { fix: false, lang: "ja", now: NOW });
  const withUser = addUserValues(first.bytes, "xl/worksheets/sheet5.xml", 2, "山田", "=来月やる");
  const secondReport = fixtureReport({ ルール作り: 95 });
  const second = annotateWorkbook(withUser, secondReport, { fix: false, lang: "ja", now: LATER });
  const p = parts(second.bytes);

  it("replaces its own sheets in place: no duplicate sheets, charts, tables or names", () => {
    const wb = text(p, "xl/workbook.xml");
    expect(countMatches(wb, /name="診断結果"/g)).toBe(1);
    expect(countMatches(wb, /name="改善計画"/g)).toBe(1);
    expect(countMatches(wb, /_TicsCheck_Results/g)).toBe(1);
    expect(countMatches(wb, /_TicsCheck_Plan/g)).toBe(1);
    const names = Object.keys(p);
    expect(names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(2); // the user's bar chart + ours
    expect(names.filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n))).toHaveLength(2);
    expect(names.filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n))).toHaveLength(1);
    expect(readWorkbook(second.bytes).sheets.map((s) => s.name)).toEqual(["表紙", "リスト", "チェックリスト", "診断結果", "改善計画"]);
    // Same parts as after the first run (same names, reused slots), styles not appended twice.
    expect(names.sort()).toEqual(Object.keys(parts(first.bytes)).sort());
    expect(text(p, "xl/styles.xml")).toBe(text(parts(first.bytes), "xl/styles.xml"));
    expect(text(p, "xl/_rels/workbook.xml.rels")).toBe(text(parts(first.bytes), "xl/_rels/workbook.xml.rels"));
    expect(text(p, "[Content_Types].xml").length).toBe(text(parts(first.bytes), "[Content_Types].xml").length);
    expect(second.warnings).toEqual([]);
    expectConsistentPackage(second.bytes);
  });

  it("keeps the plan's user columns (as text, never formulas)", () => {
    const plan = sheet(second.bytes, "改善計画");
    expect(plan[0]).toEqual([PLAN_ORDER_LINE.ja]);
    const header = plan[1];
    const row = plan.find((r) => r[1] === "I-3")!;
    expect(row[header.indexOf("担当者")]).toBe("山田");
    expect(row[header.indexOf("メモ")]).toBe("=来月やる");
    expect(text(p, "xl/worksheets/sheet5.xml")).not.toMatch(/<f[ >]/);
  });

  it("turns the previous scores into the 「前回」 series", () => {
    const res = sheet(second.bytes, "診断結果");
    expect(res[15]).toEqual(["分野", "今回", expect.stringMatching(/^前回（\d{4}-\d\d-\d\d \d\d:\d\d）$/)]);
    expect(res[16]).toEqual(["ルール作り", 95, 10]);
    const chart = Object.entries(p).find(([n, b]) => /^xl\/charts\//.test(n) && strFromU8(b).includes("radarChart"))!;
    const xml = strFromU8(chart[1]);
    expect(countMatches(xml, /<c:ser>/g)).toBe(2);
    expect(xml).toContain("<c:f>'診断結果'!$C$17:$C$22</c:f>");
    expect(xml).toMatch(/<c:v>前回（\d{4}-\d\d-\d\d \d\d:\d\d）<\/c:v>/);
  });

  it("keeps user columns across a language change (en header, then ja again)", () => {
    const en = annotateWorkbook(second.bytes, secondReport, { fix: false, lang: "en", now: LATER });
    const planEn = sheet(en.bytes, "改善計画");
    expect(planEn[0]).toEqual([PLAN_ORDER_LINE.en]);
    expect(planEn[1].slice(10)).toEqual(["Owner", "Due", "Status", "Memo"]);
    expect(planEn.find((r) => r[1] === "I-3")![10]).toBe("山田");
    const ja = annotateWorkbook(en.bytes, secondReport, { fix: false, lang: "ja", now: LATER });
    const planJa = sheet(ja.bytes, "改善計画");
    expect(planJa.find((r) => r[1] === "I-3")![10]).toBe("山田");
    expect(sheet(ja.bytes, "診断結果")[15]).toEqual(["分野", "今回", expect.stringMatching(/^前回（\d{4}-\d\d-\d\d \d\d:\d\d）$/)]);
  });
});

describe("fix", () => {
  const input = fixture("openpyxl-checklist.xlsx");
  const report = fixtureReport();
  const checklistPart = "xl/worksheets/sheet3.xml";

  it("rewrites only normalized answer cells, keeping their style", () => {
    const out = annotateWorkbook(input, report, { fix: true, lang: "ja", now: NOW });
    expect(out.fixed).toEqual(["C7", "C9", "C14"]);
    const before = readWorkbook(input).sheets[2].values;
    const after = readWorkbook(out.bytes).sheets[2].values;
    const changed: string[] = [];
    for (let r = 0; r < Math.max(before.length, after.length); r++) {
      for (let c = 0; c < 10; c++) {
        const a = before[r]?.[c] ?? null;
        const b = after[r]?.[c] ?? null;
        if (a !== b) changed.push(`${r}:${c}:${String(a)}->${String(b)}`);
      }
    }
    expect(changed).toEqual(["6:2:〇->○", "8:2:x->×", "13:2:ー->-"]);
    const oldXml = strFromU8(parts(input)[checklistPart]);
    const newXml = strFromU8(parts(out.bytes)[checklistPart]);
    const styleOf = (xml: string, ref: string) => new RegExp(`<c r="${ref}"[^>]*?s="(\\d+)"`).exec(xml)?.[1];
    expect(styleOf(newXml, "C7")).toBe(styleOf(oldXml, "C7"));
    expect(newXml).toContain(`<c r="C9" s="${styleOf(oldXml, "C9")}" t="inlineStr"><is><t>×</t></is></c>`);
    // Everything outside the three cells is unchanged.
    const cellsOut = (xml: string) => xml.replace(/<c r="C(7|9|14)"[^>]*?(\/>|>.*?<\/c>)/g, "");
    expect(cellsOut(newXml)).toBe(cellsOut(oldXml));
  });

  it("without fix leaves the checklist sheet byte-identical", () => {
    const out = annotateWorkbook(input, report, { fix: false, lang: "ja", now: NOW });
    expect(out.fixed).toEqual([]);
    expect(Buffer.from(parts(out.bytes)[checklistPart]).equals(Buffer.from(parts(input)[checklistPart]))).toBe(true);
  });

  it("does not change a cell whose value differs from the report, and says so", () => {
    const stale: Report = fixtureReport();
    stale.items[1] = { ...stale.items[1], raw: "◯" };
    const out = annotateWorkbook(input, stale, { fix: true, lang: "ja", now: NOW });
    expect(out.fixed).toEqual(["C9", "C14"]);
    expect(out.warnings.map((w) => w.ja)).toEqual([expect.stringContaining("C7")]);
  });

  it("does not overwrite a formula cell", () => {
    const files = unzipSync(input);
    files[checklistPart] = strToU8(
      strFromU8(files[checklistPart]).replace(/<c r="C9"([^>]*?) t="inlineStr"><is><t>x<\/t><\/is><\/c>/, '<c r="C9"$1 t="str"><f>LOWER("X")</f><v>x</v></c>'),
    );
    const withFormula = zipSync(files);
    expect(readWorkbook(withFormula).sheets[2].values[8][2]).toBe("x");
    const out = annotateWorkbook(withFormula, report, { fix: true, lang: "ja", now: NOW });
    expect(out.fixed).toEqual(["C7", "C14"]);
    expect(out.warnings.map((w) => w.en)).toEqual(["C9 holds a formula and was not changed."]);
    expect(strFromU8(parts(out.bytes)[checklistPart])).toContain('<f>LOWER("X")</f>');
  });
});

describe("name clashes and sheets written by others", () => {
  it("never takes over a user's own 「診断結果」 sheet", () => {
    const input = fixture("openpyxl-clash.xlsx");
    const userPart = sheetPartOf(input, "診断結果");
    const out = annotateWorkbook(input, fixtureReport(), { fix: false, lang: "ja", now: NOW });
    expect(out.sheets).toEqual({ results: "診断結果 (2)", plan: "改善計画" });
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0].ja).toContain("「診断結果 (2)」");
    expect(Buffer.from(parts(out.bytes)[userPart]).equals(Buffer.from(parts(input)[userPart]))).toBe(true);
    expect(sheet(out.bytes, "診断結果")[0][0]).toBe("自社で作った診断結果のメモ（TICS Check のものではない）");
    const chart = strFromU8(parts(out.bytes)["xl/charts/chart2.xml"]);
    expect(chart).toContain("<c:f>'診断結果 (2)'!$A$17:$A$22</c:f>");
    // Re-running reuses our 「診断結果 (2)」 without a new warning or a third sheet.
    const again = annotateWorkbook(out.bytes, fixtureReport(), { fix: false, lang: "ja", now: LATER });
    expect(again.sheets.results).toBe("診断結果 (2)");
    expect(again.warnings).toEqual([]);
    expect(readWorkbook(again.bytes).sheets.map((s) => s.name)).toEqual(["表紙", "リスト", "チェックリスト", "診断結果", "診断結果 (2)", "改善計画"]);
    expect(sheet(again.bytes, "診断結果 (2)")[15]).toEqual(["分野", "今回", expect.stringMatching(/^前回（\d{4}-\d\d-\d\d \d\d:\d\d）$/)]);
    expectConsistentPackage(again.bytes);
  });

  it("recognises a results sheet the add-in wrote (marker in A1, no defined name) and reuses it", () => {
    const old = resultsModel(fixtureReport(), "ja", null, NOW);
    const input = writeSimpleWorkbook([
      { name: "チェックリスト", rows: [["No.", "内容", "チェック欄"]] },
      { name: "診断結果", rows: old.rows },
    ]);
    const out = annotateWorkbook(input, fixtureReport({ ルール作り: 50 }), { fix: false, lang: "ja", now: LATER });
    expect(out.sheets.results).toBe("診断結果");
    expect(out.warnings).toEqual([]);
    expect(readWorkbook(out.bytes).sheets.map((s) => s.name)).toEqual(["チェックリスト", "診断結果", "改善計画"]);
    expect(sheet(out.bytes, "診断結果")[16]).toEqual(["ルール作り", 50, 10]);
    // The file had a sharedStrings part; ours use inline strings and leave it alone.
    expect(Buffer.from(parts(out.bytes)["xl/sharedStrings.xml"]).equals(Buffer.from(parts(input)["xl/sharedStrings.xml"]))).toBe(true);
    expectConsistentPackage(out.bytes);
  });

  it("re-annotates its own output after LibreOffice re-saved it", () => {
    const input = fixture("libreoffice-annotated.xlsx");
    const out = annotateWorkbook(input, fixtureReport({ ルール作り: 70 }), { fix: false, lang: "ja", now: LATER });
    expect(out.warnings).toEqual([]);
    expect(readWorkbook(out.bytes).sheets.map((s) => s.name)).toEqual(["表紙", "リスト", "チェックリスト", "診断結果", "改善計画"]);
    expect(sheet(out.bytes, "診断結果")[16]).toEqual(["ルール作り", 70, 10]);
    const names = Object.keys(parts(out.bytes));
    expect(names.filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n))).toHaveLength(1);
    expect(names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(2);
    expectConsistentPackage(out.bytes);
  });

  it("annotates a workbook it wrote itself and a LibreOffice-written one", () => {
    const out = annotateWorkbook(fixture("libreoffice-checklist.xlsx"), fixtureReport(), { fix: true, lang: "en", now: NOW });
    expect(out.fixed).toEqual(["C7", "C9", "C14"]);
    expect(sheet(out.bytes, "診断結果")[15]).toEqual(["Field", "This time"]);
    expectConsistentPackage(out.bytes);
  });

  it("throws XlsxError on bytes that are not an .xlsx", () => {
    expect(() => annotateWorkbook(new Uint8Array([1, 2, 3, 4, 5]), fixtureReport(), { fix: false, lang: "ja" })).toThrow(XlsxError);
  });
});

describe("parts that belonged to the old sheets", () => {
  const first = annotateWorkbook(fixture("openpyxl-checklist.xlsx"), fixtureReport(), { fix: false, lang: "ja", now: NOW });

  /** Adds a calcChain part (as Excel writes it: i= omitted when it repeats). */
  function withCalcChain(bytes: Uint8Array, chain: string): Uint8Array {
    const files = unzipSync(bytes);
    files["xl/calcChain.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${chain}</calcChain>`);
    const rels = strFromU8(files["xl/_rels/workbook.xml.rels"]);
    files["xl/_rels/workbook.xml.rels"] = strToU8(
      rels.replace("</Relationships>", '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'),
    );
    const ct = strFromU8(files["[Content_Types].xml"]);
    files["[Content_Types].xml"] = strToU8(
      ct.replace("</Types>", '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'),
    );
    return zipSync(files);
  }

  it("drops calcChain entries of the regenerated sheets and keeps the others", () => {
    // sheetId 3 is the checklist, 4 and 5 are ours.
    const input = withCalcChain(first.bytes, '<c r="H5" i="3"/><c r="H6"/><c r="K2" i="5"/><c r="K3"/><c r="H7" i="3"/><c r="B2" i="4"/>');
    const out = annotateWorkbook(input, fixtureReport(), { fix: false, lang: "ja", now: LATER });
    const chain = strFromU8(parts(out.bytes)["xl/calcChain.xml"]);
    expect(chain).toContain('<c r="H5" i="3"/><c r="H6"/><c r="H7" i="3"/></calcChain>');
    expectConsistentPackage(out.bytes);
  });

  it("removes calcChain (part, relationship, content type) when nothing is left in it", () => {
    const input = withCalcChain(first.bytes, '<c r="K2" i="5"/><c r="K3"/>');
    const out = annotateWorkbook(input, fixtureReport(), { fix: false, lang: "ja", now: LATER });
    const p = parts(out.bytes);
    expect(p["xl/calcChain.xml"]).toBeUndefined();
    expect(text(p, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(text(p, "[Content_Types].xml")).not.toContain("calcChain");
    expectConsistentPackage(out.bytes);
  });

  it("removes the old chart and drawing when there is no field to plot any more, and keeps the user's chart", () => {
    const noFields: Report = { ...fixtureReport(), fields: [] };
    const out = annotateWorkbook(first.bytes, noFields, { fix: false, lang: "ja", now: LATER });
    const p = parts(out.bytes);
    expect(Object.keys(p).filter((n) => /^xl\/(charts|drawings)\/[^/]+\.xml$/.test(n)).sort()).toEqual(["xl/charts/chart1.xml", "xl/drawings/drawing1.xml"]);
    expect(p["xl/worksheets/_rels/sheet4.xml.rels"]).toBeUndefined();
    expect(text(p, "xl/worksheets/sheet4.xml")).not.toContain("<drawing");
    expect(text(p, "[Content_Types].xml")).not.toContain("chart2");
    // The user's bar chart and picture are untouched.
    const orig = parts(fixture("openpyxl-checklist.xlsx"));
    for (const n of ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/media/image1.png"]) {
      expect(Buffer.from(p[n]).equals(Buffer.from(orig[n]))).toBe(true);
    }
    expectConsistentPackage(out.bytes);
  });
});

describe("an Excel-style workbook.xml (markup compatibility, extLst, existing defined names)", () => {
  const EXCEL_WB =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6 xr10 xr2" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">' +
    '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27425"/><workbookPr defaultThemeVersion="166925"/>' +
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\a\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent>' +
    '<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15720" activeTab="1"/></bookViews>' +
    '<sheets><sheet name="表紙" sheetId="1" r:id="rId1"/><sheet name="チェックリスト" sheetId="2" r:id="rId2"/></sheets>' +
    '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">チェックリスト!$A$1:$E$40</definedName></definedNames>' +
    '<calcPr calcId="191029"/><extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>';

  it("inserts sheets and names without disturbing the rest", () => {
    const files = unzipSync(writeSimpleWorkbook([{ name: "表紙", rows: [["x"]] }, { name: "チェックリスト", rows: [["No."]] }]));
    files["xl/workbook.xml"] = strToU8(EXCEL_WB);
    const out = annotateWorkbook(zipSync(files), fixtureReport(), { fix: false, lang: "ja", now: NOW });
    const wb = strFromU8(unzipSync(out.bytes)["xl/workbook.xml"]);
    const inserted =
      '<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" name="診断結果" sheetId="3" r:id="rId5"/>' +
      '<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" name="改善計画" sheetId="4" r:id="rId6"/>';
    const names =
      '<definedName name="_TicsCheck_Results" localSheetId="2" hidden="1">\'診断結果\'!$A$1</definedName>' +
      '<definedName name="_TicsCheck_Plan" localSheetId="3" hidden="1">\'改善計画\'!$A$1</definedName>' +
      '<definedName name="_xlnm.Print_Titles" localSheetId="3">\'改善計画\'!$2:$2</definedName>';
    expect(wb).toBe(EXCEL_WB.replace("</sheets>", `${inserted}</sheets>`).replace("</definedNames>", `${names}</definedNames>`));
    expect(readWorkbook(out.bytes).sheets.map((s) => s.name)).toEqual(["表紙", "チェックリスト", "診断結果", "改善計画"]);
    expectConsistentPackage(out.bytes);
  });
});
