/** The file gateway's formula, defined-name and chart reading (src/file/xlsx-formulas.ts). */
import { MAX_FORMULA_TEXT, parseChartXml, readSheetFormulas } from "../../src/file/xlsx-formulas";
import { readWorkbook } from "../../src/file/xlsx-read";
import { fixture } from "./helpers";

const sheet = (cells: string) => `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;

describe("readSheetFormulas", () => {
  test("plain, shared (expanded relative to each cell) and array formulas; entities decoded; no <f>: nothing", () => {
    const xml =
      '<worksheet><sheetData><row r="2"><c r="E2"><f t="shared" ref="E2:E4" si="0">IF(C2="○",1,$A$1)</f><v>1</v></c>' +
      '<c r="F2"><f>SUM(A1:A3)&amp;"x"</f></c></row>' +
      '<row r="3"><c r="E3"><f t="shared" si="0"/><v>0</v></c></row>' +
      '<row r="4"><c r="E4"><f t="shared" si="0"/></c><c r="G4"><f t="array" ref="G4">SUMPRODUCT((A1:A3="a")*1)</f></c></row></sheetData></worksheet>';
    expect(readSheetFormulas(xml, { left: 100 })).toEqual([
      { row: 1, col: 4, formula: 'IF(C2="○",1,$A$1)' },
      { row: 1, col: 5, formula: 'SUM(A1:A3)&"x"' },
      { row: 2, col: 4, formula: 'IF(C3="○",1,$A$1)' },
      { row: 3, col: 4, formula: 'IF(C4="○",1,$A$1)' },
      { row: 3, col: 6, formula: 'SUMPRODUCT((A1:A3="a")*1)' },
    ]);
    expect(readSheetFormulas(sheet('<c r="A1"><v>1</v></c>'), { left: 100 })).toEqual([]);
  });

  test("bounded: the shared budget stops reading, over-long formulas and followers of unknown masters are skipped", () => {
    const many = sheet(Array.from({ length: 10 }, (_, i) => `<c r="A${i + 1}"><f>1+${i}</f></c>`).join(""));
    const budget = { left: 3 };
    expect(readSheetFormulas(many, budget)).toHaveLength(3);
    expect(budget.left).toBe(0);
    const long = sheet(`<c r="A1"><f>${"1+".repeat(MAX_FORMULA_TEXT)}1</f></c><c r="B1"><f t="shared" si="9"/></c><c r="C1"><f>2</f></c>`);
    expect(readSheetFormulas(long, { left: 10 })).toEqual([{ row: 0, col: 2, formula: "2" }]);
  });
});

describe("parseChartXml", () => {
  test("type, title and each series' references and caches", () => {
    const xml =
      '<c:chartSpace xmlns:c="c" xmlns:a="a"><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>自社の結果</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea>' +
      "<c:radarChart><c:ser><c:tx><c:strRef><c:f>結果!$B$1</c:f><c:strCache><c:pt idx=\"0\"><c:v>点</c:v></c:pt></c:strCache></c:strRef></c:tx>" +
      '<c:cat><c:strRef><c:f>結果!$A$2:$A$3</c:f><c:strCache><c:ptCount val="2"/><c:pt idx="0"><c:v>甲</c:v></c:pt><c:pt idx="1"><c:v>乙</c:v></c:pt></c:strCache></c:strRef></c:cat>' +
      '<c:val><c:numRef><c:f>結果!$B$2:$B$3</c:f><c:numCache><c:ptCount val="2"/><c:pt idx="1"><c:v>50</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser></c:radarChart></c:plotArea></c:chart></c:chartSpace>';
    expect(parseChartXml(xml, "結果")).toEqual({
      sheet: "結果",
      name: "自社の結果",
      type: "radar",
      series: [{ name: "点", nameRef: "結果!$B$1", categoriesRef: "結果!$A$2:$A$3", valuesRef: "結果!$B$2:$B$3", categories: ["甲", "乙"], values: [null, 50] }],
    });
  });

  test("a broken chart part gives null", () => {
    expect(parseChartXml("<c:chartSpace><c:chart", "S")).toBe(null);
  });
});

test("readWorkbook: formulas, defined names and charts of a LibreOffice-saved workbook", () => {
  const wb = readWorkbook(fixture("wbresults-countifs-lo.xlsx"));
  expect(wb.names).toEqual(expect.arrayContaining([{ name: "回答欄", ref: "チェックリスト!$C$5:$C$22", sheet: null }]));
  expect(wb.charts?.map((c) => [c.sheet, c.type, c.series[0].valuesRef, c.series[0].categories?.length])).toEqual([["結果", "radar", "結果!$C$2:$C$9", 8]]);
  const res = wb.sheets.find((s) => s.name === "結果");
  expect(res?.formulas).toHaveLength(8);
  expect(res?.formulas?.[0]).toMatchObject({ row: 1, col: 2 });
  expect(res?.formulas?.[0].formula).toMatch(/^IFERROR\(\(COUNTIFS\(分野コード,\$B2,回答欄,"○"\)/);
  // Cached values stay in the value grid.
  expect(res?.values[1][2]).toBe(100);
});
