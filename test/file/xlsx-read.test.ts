import { strToU8, unzipSync, zipSync } from "fflate";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseSheet, parseSheetBytes, readSharedStrings, readSharedStringsBytes, readSharedStringsScan, readWorkbook, XlsxError } from "../../src/file/xlsx-read";
import { writeSimpleWorkbook } from "../../src/file/xlsx-write";
import { fixture } from "./helpers";

function expectXlsxError(bytes: Uint8Array, code: string, ja: RegExp): void {
  let err: unknown;
  try {
    readWorkbook(bytes);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(XlsxError);
  const x = err as XlsxError;
  expect(x.code).toBe(code);
  expect(x.messages.ja).toMatch(ja);
  expect(x.messages.en.length).toBeGreaterThan(10);
  // Japanese first in the combined message.
  expect(x.message.indexOf(x.messages.ja)).toBe(0);
}

/** Replaces parts of a package (string parts are UTF-8 encoded). */
function withParts(bytes: Uint8Array, edits: Record<string, string | null>): Uint8Array {
  const files = unzipSync(bytes);
  for (const [k, v] of Object.entries(edits)) {
    if (v === null) delete files[k];
    else files[k] = strToU8(v);
  }
  return zipSync(files);
}

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

describe("readWorkbook on files written by other programs", () => {
  for (const name of ["openpyxl-checklist.xlsx", "libreoffice-checklist.xlsx"]) {
    it(`reads ${name}: sheets in order, hidden state, values, merges, validations, hidden column`, () => {
      const wb = readWorkbook(fixture(name));
      expect(wb.sheets.map((s) => s.name)).toEqual(["表紙", "リスト", "チェックリスト"]);
      expect(wb.sheets.map((s) => !!s.hidden)).toEqual([false, true, false]);
      const cover = wb.sheets[0];
      expect(cover.values[2]).toEqual(["会社名", "テスト工業株式会社"]);
      expect(cover.values[3]).toEqual(["記入日", 45600]);
      const s = wb.sheets[2];
      expect(s.values[3].slice(0, 4)).toEqual(["No.", "内容", "チェック欄", "分野"]);
      expect(s.values[4][0]).toBe("I 共通項目");
      expect(s.values[6].slice(0, 3)).toEqual([2, "（テスト用の文）守るべき情報を特定している", "〇"]);
      expect(s.values[7][1]).toBe("=（テスト用の文）数式に見える項目文");
      expect(s.values[12][2] ?? null).toBeNull();
      expect(s.values[13][2]).toBe("ー");
      expect(s.hiddenColumnRanges).toEqual([{ first: 4, last: 4 }]);
      expect(s.merges).toEqual(
        expect.arrayContaining([
          { top: 0, left: 0, bottom: 0, right: 4 },
          { top: 4, left: 0, bottom: 4, right: 3 },
          { top: 9, left: 0, bottom: 9, right: 3 },
        ]),
      );
      const v = s.validations!;
      expect(v).toEqual(
        expect.arrayContaining([
          { range: { top: 5, left: 2, bottom: 8, right: 2 }, items: ["○", "△", "×"] },
          { range: { top: 10, left: 2, bottom: 12, right: 2 }, items: ["○", "△", "×", "-"] },
          // range on another (hidden) sheet
          { range: { top: 13, left: 2, bottom: 13, right: 2 }, items: ["○", "△", "×", "-"] },
          // defined name
          { range: { top: 14, left: 2, bottom: 14, right: 2 }, items: ["○", "△", "×", "-"] },
        ]),
      );
      expect(v).toHaveLength(4);
    });
  }

  it("gives formula cells their cached value (LibreOffice stores them)", () => {
    const s = readWorkbook(fixture("libreoffice-checklist.xlsx")).sheets[2];
    // COUNTIF(C5:C15, "○") over the fixture answers: ○ twice.
    expect(s.values[4][7]).toBe(2);
  });
});

describe("readWorkbook on hand-made parts", () => {
  const base = writeSimpleWorkbook([{ name: "A", rows: [["x"]] }, { name: "Lists", rows: [["○"], ["△"], ["×"]] }]);

  it("reads rich text without phonetic runs, inline strings, errors, booleans, str formulas and rows without r=", () => {
    const bytes = withParts(base, {
      "xl/sharedStrings.xml": `<sst ${MAIN}><si><r><rPr><b/></rPr><t>情報</t></r><r><t xml:space="preserve"> 管理</t></r><rPh sb="0" eb="2"><t>ジョウホウ</t></rPh></si><si><t>&#x25CB;</t></si></sst>`,
      "xl/worksheets/sheet1.xml":
        `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
        `<x:row r="2" hidden="1"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c r="D2" t="inlineStr"><x:is><x:t>in&amp;line</x:t></x:is></x:c></x:row>` +
        `<x:row><x:c r="A3" t="e"><x:v>#N/A</x:v></x:c><x:c r="B3" t="b"><x:v>0</x:v></x:c><x:c r="C3" t="str"><x:f>A1&amp;""</x:f><x:v>=not a formula</x:v></x:c><x:c r="D3"><x:v>1.5E+3</x:v></x:c></x:row>` +
        `</x:sheetData><x:cols/></x:worksheet>`,
    });
    const s = readWorkbook(bytes).sheets[0];
    expect(s.values[0]).toEqual([]);
    expect(s.values[1]).toEqual(["情報 管理", "○", null, "in&line"]);
    expect(s.values[2]).toEqual(["#N/A", false, "=not a formula", 1500]);
    expect(s.hiddenRows).toEqual([1]);
  });

  it("reads x14 list validations in extLst (other-sheet range) and leaves unresolvable lists as null", () => {
    const sheet =
      `<worksheet ${MAIN} xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">` +
      `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>` +
      `<dataValidations count="2"><dataValidation type="list" sqref="B2:B4 D2"><formula1>INDIRECT("x")</formula1></dataValidation>` +
      `<dataValidation type="whole" sqref="E1"><formula1>1</formula1></dataValidation></dataValidations>` +
      `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations count="1"><x14:dataValidation type="list" allowBlank="1">` +
      `<x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>C5:C9</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>`;
    const s = readWorkbook(withParts(base, { "xl/worksheets/sheet1.xml": sheet })).sheets[0];
    expect(s.validations).toEqual([
      { range: { top: 1, left: 1, bottom: 3, right: 1 }, items: null },
      { range: { top: 1, left: 3, bottom: 1, right: 3 }, items: null },
      { range: { top: 4, left: 2, bottom: 8, right: 2 }, items: ["○", "△", "×"] },
    ]);
  });
});

describe("readWorkbook on larger and unusual workbooks", () => {
  it("reads every row of a 10,000-row sheet", () => {
    const rows = Array.from({ length: 10000 }, (_, i) => [i + 1, `項目 ${i}`, ["○", "△", "×", "-"][i % 4]]);
    const s = readWorkbook(writeSimpleWorkbook([{ name: "Big", rows }])).sheets[0];
    expect(s.values).toHaveLength(10000);
    expect(s.values[9999]).toEqual([10000, "項目 9999", "-"]);
    expect(s.values[4321]).toEqual([4322, "項目 4321", "△"]);
  });

  it("skips chart sheets but keeps sheet-local defined names pointing at the right sheet", () => {
    const base = writeSimpleWorkbook([{ name: "A", rows: [["x"]] }, { name: "B", rows: [["○"], ["×"]] }]);
    const files = unzipSync(base);
    const wb = new TextDecoder().decode(files["xl/workbook.xml"]);
    files["xl/workbook.xml"] = strToU8(
      wb
        .replace('<sheet name="A"', '<sheet name="Chart1" sheetId="9" r:id="rId90"/><sheet name="A"')
        .replace("</sheets>", '</sheets><definedNames><definedName name="L" localSheetId="2">B!$A$1:$A$2</definedName><definedName name="L" localSheetId="1">B!$A$1</definedName></definedNames>'),
    );
    const rels = new TextDecoder().decode(files["xl/_rels/workbook.xml.rels"]);
    files["xl/_rels/workbook.xml.rels"] = strToU8(
      rels.replace("</Relationships>", '<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>'),
    );
    files["xl/chartsheets/sheet1.xml"] = strToU8(`<chartsheet ${MAIN}/>`);
    files["xl/worksheets/sheet1.xml"] = strToU8(
      `<worksheet ${MAIN}><sheetData/><dataValidations count="1"><dataValidation type="list" sqref="C3"><formula1>L</formula1></dataValidation></dataValidations></worksheet>`,
    );
    const out = readWorkbook(zipSync(files));
    expect(out.sheets.map((s) => s.name)).toEqual(["A", "B"]);
    // "A" is the second <sheet> (index 1): its local L is B!$A$1.
    expect(out.sheets[0].validations).toEqual([{ range: { top: 2, left: 2, bottom: 2, right: 2 }, items: ["○"] }]);
  });
});

describe("readWorkbook errors", () => {
  it("random bytes -> not_zip", () => {
    const b = new Uint8Array(200);
    for (let i = 0; i < b.length; i++) b[i] = (i * 37 + 11) & 0xff;
    expectXlsxError(b, "not_zip", /\.xlsx/);
  });

  it("a zip without a workbook -> not_xlsx", () => {
    expectXlsxError(zipSync({ "hello.txt": strToU8("hi") }), "not_xlsx", /workbook\.xml/);
    const noWb = withParts(writeSimpleWorkbook([{ name: "A", rows: [] }]), { "xl/workbook.xml": null });
    expectXlsxError(noWb, "not_xlsx", /Excel ブック/);
  });

  it("a truncated file -> corrupt", () => {
    const full = fixture("openpyxl-checklist.xlsx");
    expectXlsxError(full.slice(0, Math.floor(full.length / 2)), "corrupt", /壊れて/);
  });

  it("a damaged worksheet part -> corrupt", () => {
    const bad = withParts(writeSimpleWorkbook([{ name: "A", rows: [["x"]] }]), { "xl/worksheets/sheet1.xml": `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1" t="s` });
    expectXlsxError(bad, "corrupt", /壊れて/);
  });

  it("an encrypted OOXML package and an old .xls (both CFB) get their own messages", () => {
    const cfb = (stream: string) => {
      const b = new Uint8Array(1024);
      b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      for (let i = 0; i < stream.length; i++) b[512 + i * 2] = stream.charCodeAt(i);
      return b;
    };
    expectXlsxError(cfb("EncryptedPackage"), "encrypted", /パスワード/);
    expectXlsxError(cfb("Workbook"), "not_xlsx", /\.xls/);
  });
});

describe("readSharedStringsBytes", () => {
  it("reads the same strings as readSharedStrings, from the bytes", () => {
    const xml =
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?><!-- a comment with <si><t>no</t></si> -->' +
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9">' +
      "<si><t>○</t></si>" +
      '<si><t xml:space="preserve"> 前後に空白 </t></si>' +
      '<si><r><rPr><sz val="11"/><rFont val="DejaVu Sans"/></rPr><t xml:space="preserve">情報管理の </t></r><r><t>1</t></r><r><t>）</t></r></si>' +
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si>' +
      "<si><t>A &amp; B &lt;C&gt; &#x3042;&#12354; &unknown;</t></si>" +
      "<si><t><![CDATA[<raw> & text]]></t></si>" +
      "<si><t>line_x000D_break _x005F_x0041_</t></si>" +
      '<x:si><x:t a="1>2">接頭辞 🙂</x:t></x:si>' +
      "<si><t/></si>" +
      "</sst>";
    const bytes = new TextEncoder().encode(xml);
    const fromBytes = readSharedStringsBytes(bytes);
    expect(fromBytes).toEqual(readSharedStrings(xml.slice(1)));
    expect(readSharedStringsScan(bytes)).toEqual(fromBytes);
    expect(fromBytes).toEqual(["○", " 前後に空白 ", "情報管理の 1）", "漢字", "A & B <C> ああ &unknown;", "<raw> & text", "line\rbreak _x0041_", "接頭辞 🙂", ""]);
  });

  it("throws on a truncated part", () => {
    expect(() => readSharedStringsBytes(new TextEncoder().encode("<sst><si><t>abc</t></si><si"))).toThrow(/unterminated/);
    expect(() => readSharedStringsScan(new TextEncoder().encode("<sst><si><t>abc</t></si><si"))).toThrow(/unterminated/);
  });
});

describe("parseSheetBytes", () => {
  const enc = new TextEncoder();
  const sheet = (data: string, rest = "") =>
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="2" max="3" hidden="1"/></cols><sheetData>${data}</sheetData>${rest}</worksheet>`;
  const sst = ["○", "内容", "A & B"];

  it("reads the same cells, hidden rows, columns, merges and validations as parseSheet", () => {
    const samples = [
      sheet(
        '<row r="1" hidden="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t xml:space="preserve"> 前後 </t></is></c></row>' +
          '<row r="3"><c r="B3"><v>1.5</v></c><c r="A3" t="b"><v>1</v></c><c r="D3" t="str"><v>&lt;x&gt; &amp;</v></c><c r="E3" t="e"><v>#N/A</v></c></row>' +
          '<row><c t="s"><v>2</v></c><c t="s"><v>7</v></c><c t="s"><v>1e400</v></c><c/><c r="Z4" s="3"/></row>' +
          '<!-- a comment --><row r="2" spans="1:3"><c r="A2" t="inlineStr"><is><r><t>リッチ</t></r><r><t>テキスト</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></is></c>' +
          '<c r="B2" t="inlineStr"><is><t><![CDATA[<raw> & ]]>_x000D_</t></is></c><c r=\'C2\' t=\'n\'><v> 42 </v></c><c r="D2"><v>abc</v></c></row>',
        '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><dataValidations count="1"><dataValidation type="list" sqref="C1:C9"><formula1>"○,△,×"</formula1></dataValidation></dataValidations>',
      ),
      sheet('<row r="5"><c r="A5"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>'),
      sheet('<row r="1"><c r="XFE1"><v>1</v></c></row>'),
      sheet('<row r="2147483647"><c><v>1</v></c></row>'),
      sheet(""),
    ];
    for (const xml of samples) {
      const fromBytes = readSheetBytesOrThrow(enc.encode(xml));
      expect(fromBytes).toEqual(parseSheet(xml, sst));
    }
    function readSheetBytesOrThrow(b: Uint8Array) {
      const p = parseSheetBytes(b, sst);
      if (!p) throw new Error("fast path not taken");
      return p;
    }
  });

  it("declines sheets with formulas (they are decoded and parsed as text) and agrees with parseSheet on every fixture", () => {
    expect(parseSheetBytes(enc.encode(sheet('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>')), sst)).toBeNull();
    expect(parseSheetBytes(enc.encode(sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<sheetData><row r="9"><c r="A9"><v>9</v></c></row></sheetData>')), sst)).toBeNull();
    let compared = 0;
    for (const name of readdirSync(join(__dirname, "..", "fixtures")).filter((f) => f.endsWith(".xlsx"))) {
      const files = unzipSync(fixture(name));
      const sstXml = files["xl/sharedStrings.xml"];
      const table = sstXml ? readSharedStringsBytes(sstXml) : [];
      for (const [part, bytes] of Object.entries(files)) {
        if (!/^xl\/worksheets\/[^/]+\.xml$/.test(part)) continue;
        const p = parseSheetBytes(bytes, table);
        if (!p) continue;
        expect(p).toEqual(parseSheet(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ""), table));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });
});
