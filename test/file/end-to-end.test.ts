/** Reader -> engine -> annotator -> reader again, on workbooks written by other programs. */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { analyse } from "../../src/core/analyse";
import { annotateWorkbook } from "../../src/file/annotate";
import { readWorkbook } from "../../src/file/xlsx-read";
import { writeSimpleWorkbook } from "../../src/file/xlsx-write";
import { fixture, fixtureReport } from "./helpers";

describe("read, analyse, annotate with fix, read again", () => {
  for (const name of ["openpyxl-checklist.xlsx", "libreoffice-checklist.xlsx"]) {
    it(`${name}: look-alikes are corrected and the next analysis agrees`, () => {
      const input = fixture(name);
      const first = analyse(readWorkbook(input), { file: name });
      if (!first.ok) throw new Error(first.error.message.en);
      const normalized = first.report.items.filter((i) => i.status === "normalized").map((i) => i.cell);
      expect(normalized).toEqual(["C7", "C9", "C14"]);
      const out = annotateWorkbook(input, first.report, { fix: true, lang: "ja", now: new Date(2026, 0, 2) });
      expect(out.fixed).toEqual(normalized);
      const again = analyse(readWorkbook(out.bytes), { file: name });
      if (!again.ok) throw new Error(again.error.message.en);
      expect(again.report.sheet).toBe("チェックリスト");
      expect(again.report.items.filter((i) => i.status === "normalized")).toEqual([]);
      expect(again.report.items.map((i) => i.answer)).toEqual(first.report.items.map((i) => i.answer));
      expect(again.report.fields).toEqual(first.report.fields);
    });
  }
});

describe("workbooks whose SpreadsheetML uses a namespace prefix", () => {
  it("inserts prefixed elements into workbook.xml and styles.xml", () => {
    const files = unzipSync(writeSimpleWorkbook([{ name: "Sheet1", rows: [["a"]] }]));
    const prefix = (xml: string) =>
      xml
        .replace(/<(\/?)(?!\?)([a-zA-Z]+)([\s/>])/g, "<$1x:$2$3")
        .replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"');
    for (const part of ["xl/workbook.xml", "xl/styles.xml"]) files[part] = strToU8(prefix(strFromU8(files[part])));
    const input = zipSync(files);
    expect(strFromU8(unzipSync(input)["xl/workbook.xml"])).toContain("<x:sheets>");
    const out = annotateWorkbook(input, fixtureReport(), { fix: false, lang: "ja", now: new Date(2026, 0, 2) });
    const wb = strFromU8(unzipSync(out.bytes)["xl/workbook.xml"]);
    expect(wb).toMatch(/<x:sheet xmlns:r="[^"]+" name="診断結果"/);
    expect(wb).toContain('<x:definedNames><x:definedName name="_TicsCheck_Results"');
    const styles = strFromU8(unzipSync(out.bytes)["xl/styles.xml"]);
    // The simple writer's bold/wrap formats are identical to ours and are reused; only the date format is new.
    expect(styles).toMatch(/<x:cellXfs count="5">/);
    expect(styles).toContain('<x:xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></x:cellXfs>');
    expect(styles).toMatch(/<x:fonts count="2">/);
    expect(strFromU8(unzipSync(out.bytes)["xl/worksheets/sheet2.xml"])).toContain('<c r="A1" s="1" t="inlineStr">');
    expect(readWorkbook(out.bytes).sheets.map((s) => s.name)).toEqual(["Sheet1", "診断結果", "改善計画"]);
  });
});
