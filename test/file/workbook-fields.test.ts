/**
 * End to end on workbooks made by openpyxl and re-saved by LibreOffice (scripts/make-fixtures.py): each carries its
 * own field structure and computes its own per-field results. Read with the file gateway, analysed by the engine.
 * Item texts and field names are the fixtures' own (made up), not METI's.
 */
import { analyse } from "../../src/core/analyse";
import type { Report } from "../../src/core/model";
import { readWorkbook } from "../../src/file/xlsx-read";
import { fixture } from "./helpers";

const WB_FIELDS = ["ルール作り", "ルールの実践", "人の管理", "設備の管理", "サイバー対策", "取引先との約束", "事故への備え", "見直しと改善"];
/** The fixtures' answers give these per-field scores (○ 1, △ 0.5, × 0; 「-」 and blank left out). */
const SCORES = [75, 50, 75, 25, 75, 100, 50, 100];
/** In the code-column fixtures an item carries one code: item 2 counts toward ルールの実践 only. */
const CODE_SCORES = [100, 50, 75, 25, 75, 100, 50, 100];
/** Item fields in sheet order (item 2 spans ルール作り and ルールの実践 where the workbook can say so). */
const ITEM_FIELDS = [[0], [0, 1], [1], [1], [2], [2], [3], [3], [4], [4], [5], [5], [6], [6], [7], [7]].map((l) => l.map((i) => WB_FIELDS[i]));
const CODE_FIELDS = ITEM_FIELDS.map((l) => [l[l.length - 1]]);

function check(name: string): Report {
  const r = analyse(readWorkbook(fixture(name)));
  if (!r.ok) throw new Error(`${name}: ${r.error.message.en}`);
  return r.report;
}

const byName = (r: Report) => Object.fromEntries(r.fields.map((f) => [f.name, f.score]));

describe.each([
  ["wbresults-countifs", "結果", "C2:C9", "chart", CODE_FIELDS, CODE_SCORES],
  ["wbfields-matrix", "集計", "B2:B9", "table", ITEM_FIELDS, SCORES],
  ["wbresults-helper", "チェックリスト", "H4:H11", "table", ITEM_FIELDS, SCORES],
] as const)("%s: the workbook's own fields and results", (name, sheet, range, source, itemFields, scores) => {
  for (const variant of ["-lo", ""]) {
    test(`${name}${variant}.xlsx (${variant ? "LibreOffice, cached values" : "openpyxl, no cached values"})`, () => {
      const r = check(`${name}${variant}.xlsx`);
      expect(r.items).toHaveLength(16);
      expect(r.items.map((i) => i.fields)).toEqual(itemFields);
      // No other field appears, in the workbook's order, with the workbook's scores.
      expect(r.fields.map((f) => f.name)).toEqual(WB_FIELDS);
      expect(r.fields.map((f) => f.score)).toEqual(scores);
      const wr = r.workbookResults;
      expect(wr).toMatchObject({ sheet, range, source, why: null });
      expect(wr?.fields.map((f) => f.name)).toEqual(WB_FIELDS);
      // LibreOffice cached the values (they agree, so nothing is recomputed); openpyxl stored none (null), and the
      // formula recomputed on the current answers stands in.
      expect(wr?.fields.map((f) => f.value)).toEqual(variant ? scores : scores.map(() => null));
      expect(wr?.fields.map((f) => f.recomputed)).toEqual(variant ? scores.map(() => null) : scores);
      for (const f of wr?.fields ?? []) expect(Math.abs((f.ours ?? NaN) - (f.value ?? (f.recomputed as number)))).toBeLessThanOrEqual(0.1);
    });
  }
});

test("wbfields-column-lo.xlsx: results on another sheet with a radar chart over AVERAGEIF with wildcards", () => {
  const r = check("wbfields-column-lo.xlsx");
  const wr = r.workbookResults;
  expect(wr).toMatchObject({ sheet: "集計", range: "B2:B9", source: "chart", chart: "分野別の達成度", why: null });
  expect(wr?.fields.map((f) => [f.name, f.value, f.items])).toEqual(WB_FIELDS.map((n, i) => [n, SCORES[i], i === 1 ? 3 : 2]));
  expect(wr?.fields.every((f) => f.agrees)).toBe(true);
  // The 分野 column is the item's own statement: both ルール作り and ルールの実践 appear in it as written.
  const col = r.items.map((i) => i.fieldSource);
  expect(new Set(col)).toEqual(new Set(["column"]));
});

test("wbresults-stale-lo.xlsx: an answer changed without recalculation; both numbers and why", () => {
  const r = check("wbresults-stale-lo.xlsx");
  expect(r.items[1].answer).toBe("○");
  const wr = r.workbookResults;
  const f = wr?.fields.find((x) => x.name === "ルールの実践");
  expect(f).toMatchObject({ value: 50, ours: 66.7, agrees: false });
  expect(f?.recomputed).toBeCloseTo(66.67, 1);
  expect(f?.why?.ja).toMatch(/古い計算結果/);
  expect(f?.why?.en).toMatch(/stale/);
  expect(wr?.fields.filter((x) => !x.agrees).map((x) => x.name)).toEqual(["ルールの実践"]);
  expect(byName(r)["ルールの実践"]).toBe(66.7);
});

test("wbresults-weights-lo.xlsx: △ counts 0.3 in the workbook's SUMPRODUCT; both numbers shown with why", () => {
  const r = check("wbresults-weights-lo.xlsx");
  expect(r.items.map((i) => i.fields)).toEqual(CODE_FIELDS);
  const wr = r.workbookResults;
  expect(wr).toMatchObject({ sheet: "チェックリスト", range: "I4:I11", source: "table" });
  const diff = wr?.fields.filter((x) => !x.agrees).map((x) => [x.name, Math.round((x.value as number) * 10) / 10, x.ours]);
  expect(diff).toEqual([
    ["ルールの実践", 43.3, 50],
    ["人の管理", 65, 75],
    ["設備の管理", 15, 25],
    ["サイバー対策", 65, 75],
  ]);
  for (const x of wr?.fields ?? []) if (!x.agrees) expect(x.why?.en).toMatch(/weighs the answers differently/);
  expect(wr?.why?.ja).toMatch(/8 分野中 4 分野/);
});
