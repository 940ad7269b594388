/**
 * Issue 8: a large sheet that holds no text any reader looks for (a checklist header, a company label, the header of
 * one of the add-in's own sheets) is skimmed, not parsed: its cells are read only when something asks for them.
 * What the engine finds must not change: every fixture and sample gives the same report whether all its sheets are
 * skimmed first or none.
 */
import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyse } from "../../src/core/analyse";
import { locateFromAnswerCells } from "../../src/core/detect";
import { mayBeLabel } from "../../src/core/labels";
import type { CellValue, SheetInput, WorkbookInput } from "../../src/core/model";
import { openPackage } from "../../src/file/package";
import { parseSheet, parseSheetBytes, readPackage, readWorkbook, SKIM_BYTES } from "../../src/file/xlsx-read";
import { writeSimpleWorkbook } from "../../src/file/xlsx-write";

const FIXTURES = join(__dirname, "..", "fixtures");
const SAMPLES = join(__dirname, "..", "..", "samples");

const files = [
  ...readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx")).map((f) => join(FIXTURES, f)),
  ...readdirSync(SAMPLES).filter((f) => f.endsWith(".xlsx")).map((f) => join(SAMPLES, f)),
];

/** The workbook with every sheet skimmed first (skimBytes 0). */
const skimmedAll = (bytes: Uint8Array): WorkbookInput => readPackage(openPackage(bytes), undefined, 0);

/** Counts how often a skimmed sheet's cells are asked for. */
function watchCells(sheet: SheetInput): { count: number } {
  const d = Object.getOwnPropertyDescriptor(sheet, "cells");
  if (!d?.get) throw new Error(`${sheet.name}: cells are not lazy`);
  const seen = { count: 0 };
  Object.defineProperty(sheet, "cells", {
    enumerable: true,
    configurable: true,
    get: () => {
      seen.count++;
      return d.get!.call(sheet);
    },
  });
  return seen;
}

function withParts(bytes: Uint8Array, edits: Record<string, (text: string) => string>): Uint8Array {
  const parts = unzipSync(bytes);
  for (const [name, edit] of Object.entries(edits)) parts[name] = strToU8(edit(strFromU8(parts[name])));
  return zipSync(parts);
}

/** A small checklist in the official table's shape (items of my own wording). */
function checklistRows(company?: string): CellValue[][] {
  const rows: CellValue[][] = [];
  if (company) rows.push(["会社名", company]);
  rows.push(["No.", "内容", "チェック欄"], ["I", "共通項目", null]);
  const texts = ["入退室の記録を残している", "持ち出し媒体を台帳で管理している", "委託先と秘密保持契約を結んでいる", "退職者のアカウントを削除している"];
  texts.forEach((t, i) => rows.push([i + 1, t, ["○", "△", "×", "○"][i]]));
  return rows;
}

/** A parts list of `n` rows: codes, quantities, long descriptions; no header any reader looks for. */
function partsRows(n: number, extra: (i: number) => CellValue[] = () => []): CellValue[][] {
  const rows: CellValue[][] = [["品番", "数量", "単価", "摘要"]];
  for (let i = 0; i < n; i++) rows.push([`P-${String(i).padStart(6, "0")}`, (i * 7) % 50, 120 + (i % 13), `六角ボルト M${6 + (i % 5)} ステンレス 規格品 ロット${i % 97}`, ...extra(i)]);
  return rows;
}

describe("mayBeLabel", () => {
  it("accepts what the readers look for and passes ordinary data by", () => {
    for (const s of ["内容", "チェック欄", "回答(○・△・×を選択)", "確認項目", "会社名", "企業名：株式会社サンプル", "項目ID", "Item ID", "日時", "Date"]) {
      expect([s, mayBeLabel(s)]).toEqual([s, true]);
    }
    for (const s of ["品番", "数量", "P-000123", "六角ボルト M6 ステンレス", "○", "2024-04-01", "本社工場", "", "x".repeat(200)]) {
      expect([s, mayBeLabel(s)]).toEqual([s, false]);
    }
  });
});

describe("parseSheetBytes with a skim", () => {
  const sst = ["品番", "内容", "ボルト"];
  const sheet = (cells: string) => strToU8(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cells}</sheetData></worksheet>`);
  const plain = sheet(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>3</v></c></row><row r="2" hidden="1"><c r="A2" t="s"><v>2</v></c><c r="C2" t="inlineStr"><is><t>ナット</t></is></c></row>`);

  it("keeps no cells and counts the values when no text is a label; hidden rows are still read", () => {
    const p = parseSheetBytes(plain, sst, 1 << 20, mayBeLabel)!;
    expect(p.labels).toBe(false);
    expect(p.values).toBe(4);
    expect(p.cells).toEqual([]);
    expect(p.hiddenRows).toEqual([1]);
  });

  it("reads the sheet in full as soon as one text may be a label, in a shared string or inline, in any chunk", () => {
    for (const cells of [
      `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="900"><c r="B900" t="s"><v>1</v></c></row>`,
      `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B2" t="inlineStr"><is><t>チェック欄</t></is></c></row>`,
    ]) {
      const b = sheet(cells);
      for (const chunk of [1 << 20, 16]) {
        const p = parseSheetBytes(b, sst, chunk, mayBeLabel)!;
        expect(p.labels).toBeUndefined();
        expect(p).toEqual(parseSheet(strFromU8(b), sst));
      }
    }
  });

  it("keeps an address beyond Excel's grid an error for the sheet", () => {
    const p = parseSheetBytes(sheet(`<row r="1"><c r="XFE1"><v>1</v></c></row>`), sst, 1 << 20, mayBeLabel)!;
    expect(p.error?.en).toContain("XFE1");
  });
});

describe("reading with every sheet skimmed first", () => {
  it.each(files.map((f) => [f.split(/[\\/]/).pop()!, f]))("%s: the same report as parsed in full", (_name, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const full = readWorkbook(bytes);
    const skimmed = skimmedAll(bytes);
    expect(skimmed.sheets.map((s) => s.name)).toEqual(full.sheets.map((s) => s.name));
    expect(JSON.stringify(analyse(skimmed, { file }))).toBe(JSON.stringify(analyse(full, { file })));
    // And a skimmed sheet's cells, once asked for, are the cells read in full.
    skimmed.sheets.forEach((s, i) => expect(s.cells).toEqual(full.sheets[i].cells));
  });

  it("skims some of those sheets (sheets of numbers and plain data)", () => {
    const skimmed = files.flatMap((f) => skimmedAll(new Uint8Array(readFileSync(f))).sheets.filter((s) => s.labels === false).map((s) => s.name));
    expect(skimmed.length).toBeGreaterThan(0);
  });
});

describe("random workbooks: every sheet skimmed first or none, the same report", () => {
  // Cells from a mixed vocabulary: headers in several spellings, company labels, the add-in's own headers, answers,
  // numbers, section labels, item texts of my own and plain data; sheets with and without a table.
  const word = fc.constantFrom<CellValue>(
    "内容", "チェック欄", "回答", "評価(○/△/×)", "確認項目", "No.", "分野", "会社名", "会社名：株式会社ランダム", "項目ID", "日時", "Item ID",
    "○", "△", "×", "-", "〇", "x", "I 共通項目", "II 人に関する項目", "鍵の貸出を記録している", "来訪者に名札を着けてもらう",
    "品番", "数量", "P-000123", "ボルト", 1, 2, 3, 12.5, true, null, null, null,
  );
  const sheet = fc.array(fc.array(word, { maxLength: 6 }), { maxLength: 14 });
  const book = fc.array(sheet, { minLength: 1, maxLength: 3 });

  it("holds for generated workbooks (reports, errors and every sheet's cells)", () => {
    let passedBy = 0;
    let found = 0;
    fc.assert(
      fc.property(book, (sheets) => {
        const bytes = writeSimpleWorkbook(sheets.map((rows, i) => ({ name: `S${i + 1}`, rows })));
        const skimmed = skimmedAll(bytes);
        passedBy += skimmed.sheets.filter((s) => s.labels === false).length;
        const full = readPackage(openPackage(bytes), undefined, Infinity);
        const report = analyse(skimmed, { file: "r.xlsx" });
        if (report.ok) found++;
        expect(JSON.stringify(report)).toBe(JSON.stringify(analyse(full, { file: "r.xlsx" })));
        skimmed.sheets.forEach((s, i) => expect(s.cells).toEqual(full.sheets[i].cells));
      }),
      { numRuns: 150 },
    );
    // Both sides were exercised: sheets passed by, and checklists found.
    expect(passedBy).toBeGreaterThan(10);
    expect(found).toBeGreaterThan(0);
  });
});

describe("a large sheet without labels beside the checklist", () => {
  const rows = partsRows(30000, (i) => (i < 4 ? [["○", "△", "×", "-"][i]] : []));
  const base = writeSimpleWorkbook([
    { name: "チェックシート", rows: checklistRows("株式会社テスト製作所"), validations: [{ range: { top: 3, left: 2, bottom: 6, right: 2 }, items: ["x"] }] },
    { name: "部品表", rows },
  ]);
  // The answers' dropdown list is a range on the parts list (E2:E5).
  const bytes = withParts(base, { "xl/worksheets/sheet1.xml": (x) => x.replace(/<formula1>[^<]*<\/formula1>/, "<formula1>'部品表'!$E$2:$E$5</formula1>") });

  it("is large enough to be skimmed", () => {
    expect(unzipSync(bytes)["xl/worksheets/sheet2.xml"].length).toBeGreaterThan(SKIM_BYTES);
  });

  it("is not parsed to find the checklist, the company and the scores; the report is the one of a full read", () => {
    const wb = readWorkbook(bytes);
    const big = wb.sheets[1];
    expect(big.labels).toBe(false);
    const seen = watchCells(big);
    const res = analyse(wb, { file: "x.xlsx" });
    expect(seen.count).toBe(0);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.report.company).toBe("株式会社テスト製作所");
    expect(res.report.items).toHaveLength(4);
    const full = readPackage(openPackage(bytes), undefined, Infinity);
    expect(full.sheets[1].labels).toBeUndefined();
    expect(JSON.stringify(res)).toBe(JSON.stringify(analyse(full, { file: "x.xlsx" })));
  });

  it("is not parsed when the workbook has formulas elsewhere (its own results are traced without it)", () => {
    const plain = writeSimpleWorkbook([{ name: "チェックシート", rows: checklistRows() }, { name: "部品表", rows: partsRows(30000) }]);
    // A count of ○ beside the checklist: the workbook now has formulas, so the results tracer looks at every sheet's.
    const withFormula = withParts(plain, {
      "xl/worksheets/sheet1.xml": (x) => x.replace("</row>", '<c r="F1"><f>COUNTIF(C3:C6,"○")</f><v>2</v></c></row>'),
    });
    const wb = readWorkbook(withFormula);
    expect(wb.sheets[0].formulas).toHaveLength(1);
    const seen = watchCells(wb.sheets[1]);
    const res = analyse(wb, { file: "f.xlsx" });
    expect(res.ok).toBe(true);
    expect(seen.count).toBe(0);
    expect(JSON.stringify(res)).toBe(JSON.stringify(analyse(readPackage(openPackage(withFormula), undefined, Infinity), { file: "f.xlsx" })));
  });

  it("is left alone by a manual choice of answer cells elsewhere, and read when the choice is on it", () => {
    const wb = readWorkbook(writeSimpleWorkbook([{ name: "チェックシート", rows: checklistRows() }, { name: "部品表", rows: partsRows(30000) }]));
    const seen = watchCells(wb.sheets[1]);
    const here = locateFromAnswerCells(wb, "チェックシート", { top: 2, left: 2, bottom: 5, right: 2 });
    expect(here.ok && here.location.rows.length).toBe(4);
    expect(seen.count).toBe(0);
    // The user says the answers are the quantities of the parts list: it is parsed, and read like any sheet.
    const there = locateFromAnswerCells(wb, "部品表", { top: 1, left: 1, bottom: 100, right: 1 });
    expect(seen.count).toBeGreaterThan(0);
    const full = readPackage(openPackage(writeSimpleWorkbook([{ name: "チェックシート", rows: checklistRows() }, { name: "部品表", rows: partsRows(30000) }])), undefined, Infinity);
    expect(JSON.stringify(there)).toBe(JSON.stringify(locateFromAnswerCells(full, "部品表", { top: 1, left: 1, bottom: 100, right: 1 })));
  });

  it("is read when something asks for its cells: a dropdown list on it, its values", () => {
    const wb = readWorkbook(bytes);
    expect(wb.sheets[0].validations?.[0].items).toEqual(["○", "△", "×", "-"]);
    const big = wb.sheets[1];
    expect(big.values[30000]).toEqual(["P-029999", (29999 * 7) % 50, 120 + (29999 % 13), `六角ボルト M${6 + (29999 % 5)} ステンレス 規格品 ロット${29999 % 97}`]);
    expect(big.cells).toHaveLength(30001);
  });

  it("is parsed when a label stands anywhere in it: a checklist far down, a company label, an add-in sheet's header", () => {
    const cases: [string, CellValue[][]][] = [
      ["checklist", [...partsRows(20000), [], ...checklistRows()]],
      ["company", [...partsRows(20000), ["会社名", "株式会社どこか"]]],
      ["item id", [...partsRows(20000), ["項目ID", "文書名"]]],
    ];
    for (const [what, sheetRows] of cases) {
      const wb = readWorkbook(writeSimpleWorkbook([{ name: "表紙", rows: [["自己チェック"]] }, { name: "データ", rows: sheetRows }]));
      expect([what, wb.sheets[1].labels]).toEqual([what, undefined]);
      expect(wb.sheets[1].cells!.length).toBeGreaterThan(20000);
    }
    const found = analyse(readWorkbook(writeSimpleWorkbook([{ name: "データ", rows: [...partsRows(20000), [], ...checklistRows("株式会社どこか")] }])), { file: "y.xlsx" });
    expect(found.ok && [found.report.items.length, found.report.company]).toEqual([4, "株式会社どこか"]);
  });

  it("when it is the only sheet, detection says it holds no header, as it did when parsed", () => {
    const only = writeSimpleWorkbook([{ name: "部品表", rows: partsRows(30000) }]);
    const a = analyse(readWorkbook(only), { file: "z.xlsx" });
    const b = analyse(readPackage(openPackage(only), undefined, Infinity), { file: "z.xlsx" });
    expect(a.ok).toBe(false);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
