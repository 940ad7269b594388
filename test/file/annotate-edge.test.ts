/** The annotator on unusual but valid packages: what must survive, what must not clash, what must be refused. */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { PLAN_ORDER_LINE } from "../../src/core/plan";
import { planModel, resultsModel } from "../../src/core/sheets";
import { planSheetXml, tableXml } from "../../src/file/ooxml-parts";
import { annotateWorkbook } from "../../src/file/annotate";
import { readWorkbook, XlsxError } from "../../src/file/xlsx-read";
import { writeSimpleWorkbook } from "../../src/file/xlsx-write";
import { expectConsistentPackage, fixture, fixtureReport, parts } from "./helpers";

const NOW = new Date(2026, 0, 2, 3, 4);
const LATER = new Date(2026, 1, 3, 4, 5);
const opts = { fix: false, lang: "ja" as const, now: NOW };

function edit(bytes: Uint8Array, change: (files: Record<string, Uint8Array>, text: (n: string) => string, put: (n: string, s: string) => void) => void): Uint8Array {
  const files = unzipSync(bytes);
  const text = (n: string) => strFromU8(files[n]);
  const put = (n: string, s: string) => {
    files[n] = strToU8(s);
  };
  change(files, text, put);
  return zipSync(files);
}

function sheetValues(bytes: Uint8Array, name: string) {
  const s = readWorkbook(bytes).sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s.values;
}

describe("styles.xml without the containers the annotator appends to", () => {
  it("creates a missing <cellXfs> (default format first) instead of refusing a valid workbook", () => {
    const input = edit(fixture("openpyxl-checklist.xlsx"), (_f, text, put) => {
      const styles = text("xl/styles.xml").replace(/<cellXfs[\s\S]*?<\/cellXfs>/, "");
      expect(styles).not.toContain("cellXfs");
      put("xl/styles.xml", styles);
    });
    const out = annotateWorkbook(input, fixtureReport(), opts);
    const styles = strFromU8(parts(out.bytes)["xl/styles.xml"]);
    const xfs = /<cellXfs count="(\d+)">(.*?)<\/cellXfs>/.exec(styles)!;
    // Index 0 stays the plain default, so the user's unstyled cells do not turn bold.
    expect(xfs[2].startsWith('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>')).toBe(true);
    expect(Number(xfs[1])).toBe(5);
    // Schema order: cellXfs after cellStyleXfs and before cellStyles.
    expect(styles.indexOf("<cellStyleXfs")).toBeLessThan(styles.indexOf("<cellXfs"));
    expect(styles.indexOf("<cellXfs")).toBeLessThan(styles.indexOf("<cellStyles"));
    expect(strFromU8(parts(out.bytes)["xl/worksheets/sheet4.xml"])).toContain('<c r="A1" s="1" t="inlineStr">');
    expectConsistentPackage(out.bytes);
  });

  it("fills an empty <cellXfs/> and a missing <fonts>, and works without <dxfs>", () => {
    const input = edit(fixture("openpyxl-checklist.xlsx"), (_f, text, put) => {
      put(
        "xl/styles.xml",
        text("xl/styles.xml")
          .replace(/<cellXfs[\s\S]*?<\/cellXfs>/, '<cellXfs count="0"/>')
          .replace(/<fonts[\s\S]*?<\/fonts>/, "")
          .replace(/<dxfs[\s\S]*?(<\/dxfs>|\/>)/, ""),
      );
    });
    const out = annotateWorkbook(input, fixtureReport(), opts);
    const styles = strFromU8(parts(out.bytes)["xl/styles.xml"]);
    expect(styles).toMatch(/<fonts count="2"><font><sz val="11"\/><name val="Calibri"\/><family val="2"\/><\/font><font><b\/>/);
    expect(styles.indexOf("</numFmts>")).toBeLessThan(styles.indexOf("<fonts"));
    expect(styles.indexOf("</fonts>")).toBeLessThan(styles.indexOf("<fills"));
    expect(styles).toMatch(/<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"\/>/);
    expectConsistentPackage(out.bytes);
  });
});

describe("Strict Open XML", () => {
  const strict = edit(fixture("openpyxl-checklist.xlsx"), (files, text, put) => {
    for (const n of Object.keys(files)) {
      if (!/\.(xml|rels)$/.test(n)) continue;
      put(
        n,
        text(n)
          .replace(/http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main/g, "http://purl.oclc.org/ooxml/spreadsheetml/main")
          .replace(/http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships/g, "http://purl.oclc.org/ooxml/officeDocument/relationships"),
      );
    }
  });

  it("is read, but gets a clear error instead of a mixed Strict/Transitional copy", () => {
    expect(readWorkbook(strict).sheets.map((s) => s.name)).toEqual(["表紙", "リスト", "チェックリスト"]);
    let err: unknown;
    try {
      annotateWorkbook(strict, fixtureReport(), opts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(XlsxError);
    expect((err as XlsxError).code).toBe("strict");
    expect((err as XlsxError).messages.ja).toContain("Strict Open XML");
    expect((err as XlsxError).messages.en).toContain("Strict Open XML");
  });
});

describe("names the workbook already uses", () => {
  it("gives the plan table a name no other table or defined name has", () => {
    const input = edit(fixture("openpyxl-checklist.xlsx"), (_f, text, put) => {
      put("xl/workbook.xml", text("xl/workbook.xml").replace("<definedNames>", "<definedNames><definedName name=\"ticsplan\">'表紙'!$A$1</definedName>"));
    });
    const out = annotateWorkbook(input, fixtureReport(), opts);
    expect(strFromU8(parts(out.bytes)["xl/tables/table1.xml"])).toContain('name="TicsPlan2" displayName="TicsPlan2"');
    // The plan sheet is still recognised as ours the next time (by its marker name).
    const again = annotateWorkbook(out.bytes, fixtureReport(), { ...opts, now: LATER });
    expect(readWorkbook(again.bytes).sheets.map((s) => s.name)).toEqual(["表紙", "リスト", "チェックリスト", "診断結果", "改善計画"]);
    expectConsistentPackage(again.bytes);
  });

  it("counts tables stored outside xl/tables for the name and the id", () => {
    const first = annotateWorkbook(fixture("openpyxl-checklist.xlsx"), fixtureReport(), opts);
    // Move our table to another folder and make it a user's table on the checklist sheet (no longer ours).
    const input = edit(first.bytes, (files, text, put) => {
      files["xl/userTables/t.xml"] = files["xl/tables/table1.xml"];
      delete files["xl/tables/table1.xml"];
      put("xl/userTables/t.xml", text("xl/userTables/t.xml").replace(/ id="\d+"/, ' id="7"'));
      put(
        "xl/worksheets/_rels/sheet3.xml.rels",
        text("xl/worksheets/_rels/sheet3.xml.rels").replace(
          "</Relationships>",
          '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="/xl/userTables/t.xml"/></Relationships>',
        ),
      );
      put("xl/worksheets/_rels/sheet5.xml.rels", text("xl/worksheets/_rels/sheet5.xml.rels").replace(/<Relationship [^>]*\/>/, ""));
      put("xl/worksheets/sheet5.xml", text("xl/worksheets/sheet5.xml").replace(/<tableParts[^]*<\/tableParts>/, ""));
      put("[Content_Types].xml", text("[Content_Types].xml").replace("/xl/tables/table1.xml", "/xl/userTables/t.xml"));
      put("xl/workbook.xml", text("xl/workbook.xml").replace(/<definedName name="_TicsCheck_Plan"[^>]*>[^<]*<\/definedName>/, ""));
    });
    const out = annotateWorkbook(input, fixtureReport(), { ...opts, now: LATER });
    const table = strFromU8(parts(out.bytes)["xl/tables/table1.xml"]);
    expect(table).toContain(' id="8" name="TicsPlan2"');
    expect(out.sheets.plan).toBe("改善計画 (2)");
    expectConsistentPackage(out.bytes);
  });

  it("never takes over a user's own 「改善計画」 sheet", () => {
    const input = writeSimpleWorkbook([
      { name: "チェックリスト", rows: [["No.", "内容", "チェック欄"]] },
      { name: "改善計画", rows: [["自社の改善計画"]] },
    ]);
    const out = annotateWorkbook(input, fixtureReport(), opts);
    expect(out.sheets.plan).toBe("改善計画 (2)");
    expect(out.warnings.map((w) => w.ja)).toEqual([expect.stringContaining("「改善計画 (2)」")]);
    expect(sheetValues(out.bytes, "改善計画")).toEqual([["自社の改善計画"]]);
    expect(Buffer.from(parts(out.bytes)["xl/worksheets/sheet2.xml"]).equals(Buffer.from(parts(input)["xl/worksheets/sheet2.xml"]))).toBe(true);
  });

  it("does not reuse a part name that exists with other letter case", () => {
    const input = edit(writeSimpleWorkbook([{ name: "A", rows: [["a"]] }, { name: "B", rows: [["b"]] }, { name: "C", rows: [["c"]] }]), (files, text, put) => {
      files["xl/worksheets/SHEET4.xml"] = files["xl/worksheets/sheet3.xml"];
      delete files["xl/worksheets/sheet3.xml"];
      put("xl/_rels/workbook.xml.rels", text("xl/_rels/workbook.xml.rels").replace("worksheets/sheet3.xml", "worksheets/SHEET4.xml"));
      put("[Content_Types].xml", text("[Content_Types].xml").replace("/xl/worksheets/sheet3.xml", "/xl/worksheets/SHEET4.xml"));
    });
    const out = annotateWorkbook(input, fixtureReport(), opts);
    const names = Object.keys(parts(out.bytes)).map((n) => n.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(sheetValues(out.bytes, "C")).toEqual([["c"]]);
    expectConsistentPackage(out.bytes);
  });
});

describe("re-annotating", () => {
  const first = annotateWorkbook(fixture("openpyxl-checklist.xlsx"), fixtureReport(), opts);

  it("keeps the user's extra plan columns next to 担当者 / 期限 / 状況 / メモ", () => {
    const input = edit(first.bytes, (_f, text, put) => {
      put(
        "xl/worksheets/sheet5.xml",
        text("xl/worksheets/sheet5.xml")
          // the header row is row 2 (below the order line), the first plan row row 3
          .replace(/(<row r="2"[^>]*>.*?)(<\/row>)/, '$1<c r="O2" t="inlineStr"><is><t>確認者</t></is></c>$2')
          .replace(/(<row r="3"[^>]*>.*?)(<\/row>)/, '$1<c r="L3"><v>46100</v></c><c r="O3" t="inlineStr"><is><t>@鈴木</t></is></c>$2'),
      );
    });
    const out = annotateWorkbook(input, fixtureReport({ ルール作り: 80 }), { ...opts, now: LATER });
    const plan = sheetValues(out.bytes, "改善計画");
    expect(plan[1].slice(10)).toEqual(["担当者", "期限", "状況", "メモ", "確認者"]);
    const id = sheetValues(input, "改善計画")[2][1];
    const row = plan.find((r) => r[1] === id)!;
    expect(row[11]).toBe(46100);
    expect(row[14]).toBe("@鈴木");
    const xml = strFromU8(parts(out.bytes)["xl/worksheets/sheet5.xml"]);
    expect(xml).not.toMatch(/<f[ >]/);
    expect(strFromU8(parts(out.bytes)["xl/tables/table1.xml"])).toContain('<tableColumn id="15" name="確認者"/>');
  });

  it("quotes a renamed results sheet in the chart's formulas", () => {
    const input = edit(first.bytes, (_f, text, put) => {
      put("xl/workbook.xml", text("xl/workbook.xml").replace('name="診断結果"', 'name="Tom\'s 結果"').replace("'診断結果'!$A$1", "'Tom''s 結果'!$A$1"));
    });
    const out = annotateWorkbook(input, fixtureReport(), { ...opts, now: LATER });
    expect(out.sheets.results).toBe("Tom's 結果");
    const chart = strFromU8(parts(out.bytes)["xl/charts/chart2.xml"]);
    expect(chart).toContain("<c:f>'Tom''s 結果'!$A$17:$A$22</c:f>");
    expect(chart).not.toContain("診断結果");
  });

  it("a plan sheet of an earlier version (table at A1, print titles on row 1) gets the order line above the table; the user's entries stay", () => {
    // The earlier layout exactly as the annotator wrote it: the same model without the intro row.
    const old = { ...planModel(fixtureReport(), "ja", new Map()), intro: undefined };
    const st = { bold: 0, wrap: 0, header: 0, date: 0 };
    const input = edit(first.bytes, (_f, text, put) => {
      put("xl/worksheets/sheet5.xml", planSheetXml(old, st, "rId1", PLAN_ORDER_LINE.ja));
      put("xl/tables/table1.xml", tableXml(old, 1, "TicsPlan"));
      put("xl/workbook.xml", text("xl/workbook.xml").replace("'改善計画'!$2:$2", "'改善計画'!$1:$1"));
    });
    const before = sheetValues(input, "改善計画");
    expect(before[0][1]).toBe("項目ID");
    expect(strFromU8(parts(input)["xl/workbook.xml"])).toContain("'改善計画'!$1:$1");
    // the user fills in 担当者 and 期限 of the first plan row (row 2 in the old layout)
    const id = before[1][1];
    const withUser = edit(input, (_f, text, put) => {
      put("xl/worksheets/sheet5.xml", text("xl/worksheets/sheet5.xml").replace(/(<row r="2"[^>]*>.*?)(<\/row>)/, '$1<c r="K2" t="inlineStr"><is><t>山田</t></is></c><c r="L2"><v>46100</v></c>$2'));
    });
    for (const lang of ["ja", "en"] as const) {
      const out = annotateWorkbook(withUser, fixtureReport(), { ...opts, lang, now: LATER });
      const plan = sheetValues(out.bytes, "改善計画");
      expect(plan[0]).toEqual([PLAN_ORDER_LINE[lang]]);
      expect(plan[1][1]).toBe(lang === "ja" ? "項目ID" : "Item ID");
      const row = plan.find((r) => r[1] === id)!;
      expect(row.slice(10, 12)).toEqual(["山田", 46100]);
      const wb = strFromU8(parts(out.bytes)["xl/workbook.xml"]);
      // the print titles now point at the header row, once
      expect(wb.match(/_xlnm\.Print_Titles/g)).toHaveLength(1);
      expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="4">'改善計画'!$2:$2</definedName>`);
      expect(strFromU8(parts(out.bytes)["xl/tables/table1.xml"])).toContain(`ref="A2:N${plan.length}"`);
      expectConsistentPackage(out.bytes);
    }
  });

  it("a plan sheet LibreOffice re-saved from an earlier version (no print titles) gets the new layout", () => {
    const input = fixture("libreoffice-annotated.xlsx");
    expect(sheetValues(input, "改善計画")[0][1]).toBe("項目ID");
    const out = annotateWorkbook(input, fixtureReport(), { ...opts, now: LATER });
    const plan = sheetValues(out.bytes, "改善計画");
    expect(plan[0]).toEqual([PLAN_ORDER_LINE.ja]);
    expect(plan[1][1]).toBe("項目ID");
    const wb = strFromU8(parts(out.bytes)["xl/workbook.xml"]);
    expect(wb.match(/<definedName name="_xlnm\.Print_Titles"[^>]*>[^<]*<\/definedName>/g)).toEqual([`<definedName name="_xlnm.Print_Titles" localSheetId="4">'改善計画'!$2:$2</definedName>`]);
  });

  it("LibreOffice lists .rels parts in [Content_Types].xml: removed ones leave no override behind", () => {
    const input = fixture("libreoffice-annotated.xlsx");
    expect(strFromU8(parts(input)["[Content_Types].xml"])).toContain('PartName="/xl/drawings/_rels/drawing2.xml.rels"');
    const out = annotateWorkbook(input, { ...fixtureReport(), fields: [] }, { ...opts, now: LATER });
    const ct = strFromU8(parts(out.bytes)["[Content_Types].xml"]);
    expect(ct).not.toContain("drawing2");
    expect(ct).not.toContain("/xl/worksheets/_rels/sheet4.xml.rels");
    // The plan sheet's rels part was rewritten, so its override stays.
    expect(ct).toContain("/xl/worksheets/_rels/sheet5.xml.rels");
    expectConsistentPackage(out.bytes);
  });

  it("keeps what the rest of the workbook still reaches through the old sheet (a pivot cache and its records)", () => {
    const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const input = edit(first.bytes, (_f, text, put) => {
      put("xl/pivotCache/pivotCacheDefinition1.xml", '<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
      put("xl/pivotCache/pivotCacheRecords1.xml", '<pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
      put("xl/pivotTables/pivotTable1.xml", '<pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
      put("xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/></Relationships>`);
      put("xl/pivotTables/_rels/pivotTable1.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/pivotCacheDefinition" Target="../pivotCache/pivotCacheDefinition1.xml"/></Relationships>`);
      // The pivot table sits on our results sheet; the workbook lists the cache.
      put("xl/worksheets/_rels/sheet4.xml.rels", text("xl/worksheets/_rels/sheet4.xml.rels").replace("</Relationships>", `<Relationship Id="rId2" Type="${REL}/pivotTable" Target="../pivotTables/pivotTable1.xml"/></Relationships>`));
      put("xl/_rels/workbook.xml.rels", text("xl/_rels/workbook.xml.rels").replace("</Relationships>", `<Relationship Id="rId50" Type="${REL}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/></Relationships>`));
      const ov = (p: string, t: string) => `<Override PartName="/${p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${t}+xml"/>`;
      put(
        "[Content_Types].xml",
        text("[Content_Types].xml").replace(
          "</Types>",
          ov("xl/pivotCache/pivotCacheDefinition1.xml", "pivotCacheDefinition") + ov("xl/pivotCache/pivotCacheRecords1.xml", "pivotCacheRecords") + ov("xl/pivotTables/pivotTable1.xml", "pivotTable") + "</Types>",
        ),
      );
    });
    expectConsistentPackage(input);
    const out = annotateWorkbook(input, fixtureReport(), { ...opts, now: LATER });
    const p = parts(out.bytes);
    expect(p["xl/pivotTables/pivotTable1.xml"]).toBeUndefined();
    expect(p["xl/pivotCache/pivotCacheDefinition1.xml"]).toBeDefined();
    expect(p["xl/pivotCache/pivotCacheRecords1.xml"]).toBeDefined();
    expectConsistentPackage(out.bytes);
  });
});

describe("fix never rewrites a formula cell", () => {
  it("leaves a look-alike produced by a shared formula alone", () => {
    const input = edit(fixture("openpyxl-checklist.xlsx"), (_f, text, put) => {
      put(
        "xl/worksheets/sheet3.xml",
        text("xl/worksheets/sheet3.xml").replace(/<c r="C9"([^>]*?) t="inlineStr"><is><t>x<\/t><\/is><\/c>/, '<c r="C9"$1 t="str"><f t="shared" si="0"/><v>x</v></c>'),
      );
    });
    expect(strFromU8(parts(input)["xl/worksheets/sheet3.xml"])).toContain('t="str"><f t="shared" si="0"/><v>x</v></c>');
    expect(readWorkbook(input).sheets[2].values[8][2]).toBe("x");
    const out = annotateWorkbook(input, fixtureReport(), { ...opts, fix: true });
    expect(out.fixed).toEqual(["C7", "C14"]);
    expect(out.warnings.map((w) => w.en)).toEqual(["C9 holds a formula and was not changed."]);
    expect(strFromU8(parts(out.bytes)["xl/worksheets/sheet3.xml"])).toContain('<f t="shared" si="0"/><v>x</v>');
  });
});

describe("a user's copy of our sheet (Excel copies the sheet-local marker name with it)", () => {
  it("replaces the sheet under our name and leaves the copy alone, whatever the order", () => {
    const old = resultsModel(fixtureReport(), "ja", null, NOW);
    const input = edit(
      writeSimpleWorkbook([
        { name: "チェックリスト", rows: [["No.", "内容", "チェック欄"]] },
        { name: "診断結果 (2)", rows: old.rows },
        { name: "診断結果", rows: old.rows },
      ]),
      (_f, text, put) => {
        const names =
          "<definedNames><definedName name=\"_TicsCheck_Results\" localSheetId=\"1\" hidden=\"1\">'診断結果 (2)'!$A$1</definedName>" +
          "<definedName name=\"_TicsCheck_Results\" localSheetId=\"2\" hidden=\"1\">'診断結果'!$A$1</definedName></definedNames>";
        put("xl/workbook.xml", text("xl/workbook.xml").replace("</sheets>", `</sheets>${names}`));
      },
    );
    const out = annotateWorkbook(input, fixtureReport({ ルール作り: 70 }), { ...opts, now: LATER });
    expect(out.sheets.results).toBe("診断結果");
    expect(out.warnings).toEqual([]);
    expect(readWorkbook(out.bytes).sheets.map((s) => s.name)).toEqual(["チェックリスト", "診断結果 (2)", "診断結果", "改善計画"]);
    expect(sheetValues(out.bytes, "診断結果")[16]).toEqual(["ルール作り", 70, 10]);
    expect(Buffer.from(parts(out.bytes)["xl/worksheets/sheet2.xml"]).equals(Buffer.from(parts(input)["xl/worksheets/sheet2.xml"]))).toBe(true);
    expectConsistentPackage(out.bytes);
  });
});

describe("[Content_Types].xml written with line breaks inside tags", () => {
  it("still drops the override of a part it removes (calcChain left empty)", () => {
    const first = annotateWorkbook(fixture("openpyxl-checklist.xlsx"), fixtureReport(), opts);
    const input = edit(first.bytes, (_f, text, put) => {
      put("xl/calcChain.xml", '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="K2" i="5"/></calcChain>');
      put(
        "xl/_rels/workbook.xml.rels",
        text("xl/_rels/workbook.xml.rels").replace(
          "</Relationships>",
          '<Relationship\tId="rId99"\nType="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"\nTarget="calcChain.xml"/></Relationships>',
        ),
      );
      put(
        "[Content_Types].xml",
        text("[Content_Types].xml").replace("</Types>", '<Override\nPartName="/xl/calcChain.xml"\nContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>\n</Types>'),
      );
    });
    const out = annotateWorkbook(input, fixtureReport(), { ...opts, now: LATER });
    const p = parts(out.bytes);
    expect(p["xl/calcChain.xml"]).toBeUndefined();
    expect(strFromU8(p["[Content_Types].xml"])).not.toContain("calcChain");
    expect(strFromU8(p["xl/_rels/workbook.xml.rels"])).not.toContain("calcChain");
    expectConsistentPackage(out.bytes);
  });
});

describe("the kind of workbook", () => {
  const relabel = (bytes: Uint8Array, ct: string): Uint8Array => {
    const z = unzipSync(bytes);
    const xml = strFromU8(z["[Content_Types].xml"]).replace(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      ct,
    );
    expect(xml).toContain(ct);
    z["[Content_Types].xml"] = strToU8(xml);
    return zipSync(z);
  };

  it.each([
    ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", ".xlsx"],
    ["application/vnd.ms-excel.sheet.macroEnabled.main+xml", ".xlsm"],
    ["application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml", ".xltx"],
    ["application/vnd.ms-excel.template.macroEnabled.main+xml", ".xltm"],
  ])("workbook part %s: the copy is an %s and keeps that content type", (ct, ext) => {
    const input = relabel(fixture("openpyxl-checklist.xlsx"), ct);
    const out = annotateWorkbook(input, fixtureReport(), { fix: false, lang: "ja" });
    expect(out.extension).toBe(ext);
    expect(strFromU8(unzipSync(out.bytes)["[Content_Types].xml"])).toContain(ct);
  });
});
