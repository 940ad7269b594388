/**
 * Round trip on workbooks written by other programs (openpyxl, and the same file re-saved by LibreOffice): the
 * fixtures really hold a chart, an image, formulas, list validations and merged cells; after annotating, every part
 * the annotator does not own has the same bytes, the four shared parts differ only by the annotator's insertions
 * (sheets, names, relationships, content types, appended formats), and the added parts
 * are exactly the two sheets with their chart, drawing and table.
 */
import { strFromU8 } from "fflate";
import { annotateWorkbook } from "../../src/file/annotate";
import { readWorkbook } from "../../src/file/xlsx-read";
import { findElement } from "../../src/file/xml-edit";
import { expectConsistentPackage, fixture, fixtureReport, parts } from "./helpers";

const NOW = new Date(2026, 0, 2, 3, 4);
const EDITED = ["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml"];
const ADDED = [
  "xl/charts/chart2.xml",
  "xl/drawings/_rels/drawing2.xml.rels",
  "xl/drawings/drawing2.xml",
  "xl/tables/table1.xml",
  "xl/worksheets/_rels/sheet4.xml.rels",
  "xl/worksheets/_rels/sheet5.xml.rels",
  "xl/worksheets/sheet4.xml",
  "xl/worksheets/sheet5.xml",
];

/** Removes what the annotator inserts into the four shared parts; what is left must equal the input's part. */
function withoutInsertions(part: string, xml: string, original: string): string {
  switch (part) {
    case "xl/workbook.xml":
      return xml
        .replace(/<sheet xmlns:r="[^"]+" name="(診断結果|改善計画)" sheetId="\d+" r:id="rId\d+"\/>/g, "")
        .replace(/<definedName name="_TicsCheck_(Results|Plan)" localSheetId="\d+" hidden="1">[^<]*<\/definedName>/g, "")
        .replace(/<definedName name="_xlnm\.Print_Titles" localSheetId="\d+">'改善計画'!\$2:\$2<\/definedName>/g, "");
    case "xl/_rels/workbook.xml.rels":
      return xml.replace(/<Relationship Id="rId\d+" Type="[^"]+\/worksheet" Target="worksheets\/sheet[45]\.xml"\/>/g, "");
    case "[Content_Types].xml":
      return xml.replace(/<Override PartName="\/xl\/(worksheets\/sheet[45]|drawings\/drawing2|charts\/chart2|tables\/table1)\.xml" ContentType="[^"]+"\/>/g, "");
    default: {
      // styles.xml: our font and cell formats are appended to <fonts> and <cellXfs> (whose count= changes). With
      // those two containers put back as they were (after checking the old children are an unchanged prefix),
      // the rest must be identical.
      let out = xml;
      for (const c of ["cellXfs", "fonts"]) {
        const a = findElement(out, c)!;
        const b = findElement(original, c)!;
        const kids = (x: string, e: typeof a) => e.children.map((k) => x.slice(k.start, k.end));
        const added = kids(out, a).slice(kids(original, b).length);
        expect(kids(out, a).slice(0, b.children.length)).toEqual(kids(original, b));
        expect(added.length).toBeGreaterThanOrEqual(c === "fonts" ? 0 : 1);
        expect(added.length).toBeLessThanOrEqual(4);
        out = out.slice(0, a.start) + original.slice(b.start, b.end) + out.slice(a.end);
      }
      return out;
    }
  }
}

for (const name of ["openpyxl-checklist.xlsx", "libreoffice-checklist.xlsx"]) {
  describe(`round trip on ${name}`, () => {
    const input = fixture(name);
    const before = parts(input);
    const text = (p: Record<string, Uint8Array>, n: string) => strFromU8(p[n]);
    const checklist = "xl/worksheets/sheet3.xml";

    it("the fixture holds a chart, an image, formulas, list validations and merged cells", () => {
      const names = Object.keys(before);
      expect(names).toEqual(expect.arrayContaining(["xl/charts/chart1.xml", "xl/media/image1.png", "xl/drawings/drawing1.xml"]));
      expect(text(before, "xl/charts/chart1.xml")).toMatch(/<(c:)?barChart>/);
      expect(text(before, "xl/drawings/drawing1.xml")).toMatch(/<(\w+:)?pic>/);
      const sheet = text(before, checklist);
      expect(sheet.match(/<f( [^>]*)?>COUNTIF\(/g)).toHaveLength(4);
      expect(sheet.match(/<dataValidation [^>]*type="list"/g)).toHaveLength(4);
      expect(sheet).toMatch(/<mergeCell ref="A1:E1"\/>/);
      expect(sheet).toMatch(/<mergeCell ref="A5:D5"\/>/);
      expect(text(before, "xl/workbook.xml")).toMatch(/<definedName [^>]*>('?)リスト\1!\$A\$1:\$A\$4<\/definedName>/);
    });

    const out = annotateWorkbook(input, fixtureReport(), { fix: false, lang: "ja", now: NOW });
    const after = parts(out.bytes);

    it("keeps every other part byte for byte and adds exactly its own parts", () => {
      const untouched = Object.keys(before).filter((n) => !EDITED.includes(n));
      // The chart, image, drawing, checklist (formulas, validations, merges) are among them.
      expect(untouched).toEqual(expect.arrayContaining(["xl/charts/chart1.xml", "xl/media/image1.png", "xl/drawings/drawing1.xml", checklist]));
      for (const n of untouched) {
        expect({ part: n, same: after[n] !== undefined && Buffer.from(after[n]).equals(Buffer.from(before[n])) }).toEqual({ part: n, same: true });
      }
      expect(Object.keys(after).filter((n) => !(n in before)).sort()).toEqual(ADDED);
      expect(out.warnings).toEqual([]);
      expect(out.sheets).toEqual({ results: "診断結果", plan: "改善計画" });
      for (const n of EDITED) {
        expect(text(after, n)).not.toBe(text(before, n));
        expect(withoutInsertions(n, text(after, n), text(before, n))).toBe(text(before, n));
      }
      expectConsistentPackage(out.bytes);
    });

    it("reads back: the user's sheets with the same values, then the two added sheets", () => {
      const a = readWorkbook(input).sheets;
      const b = readWorkbook(out.bytes).sheets;
      expect(b.map((s) => s.name)).toEqual([...a.map((s) => s.name), "診断結果", "改善計画"]);
      for (let i = 0; i < a.length; i++) {
        expect(b[i].values).toEqual(a[i].values);
        expect(b[i].merges).toEqual(a[i].merges);
        expect(b[i].validations).toEqual(a[i].validations);
      }
      expect(b[3].values[0][0]).toMatch(/^TICS Check/);
    });
  });
}
