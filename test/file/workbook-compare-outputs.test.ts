/**
 * The comparison with the workbook's own results in every output: CLI text, HTML report, results sheet model, and
 * the annotated copy's results sheet. Built from the fixtures (scripts/make-fixtures.py).
 */
import { analyse } from "../../src/core/analyse";
import { renderHtmlReport } from "../../src/core/html-report";
import type { Report } from "../../src/core/model";
import { resultsModel } from "../../src/core/sheets";
import { formatReport } from "../../src/cli/text";
import { annotateWorkbook } from "../../src/file/annotate";
import { readWorkbook } from "../../src/file/xlsx-read";
import { fixture } from "./helpers";

function reportOf(name: string): Report {
  const r = analyse(readWorkbook(fixture(name)));
  if (!r.ok) throw new Error(r.error.message.en);
  return r.report;
}

const stale = reportOf("wbresults-stale-lo.xlsx");
const weights = reportOf("wbresults-weights-lo.xlsx");

test("CLI text: both numbers per field and the reason under a differing one", () => {
  const ja = formatReport(stale, "ja");
  expect(ja).toContain("ブック自身の分野別結果（シート「結果」 C2:C9、グラフ「分野別スコア」）");
  expect(ja).toMatch(/ルールの実践\s+ブックの値\s+50\.0 \/ TICS Check\s+66\.7\s+相違\n\s+ブックの値は古い計算結果です.*66\.7。/);
  expect(ja).toMatch(/ルール作り\s+ブックの値\s+100\.0 \/ TICS Check\s+100\.0\s+一致/);
  const en = formatReport(weights, "en");
  expect(en).toMatch(/Same items, but the workbook's formula weighs the answers differently/);
  expect(en).toContain("4 of 8 fields differ");
});

test("HTML report: a comparison table, and the workbook's values as a second radar series when they differ", () => {
  const html = renderHtmlReport(weights, "ja");
  expect(html).toContain('<table class="workbook-results">');
  expect(html).toMatch(/<td>ルールの実践 <span class="cell">I5<\/span><\/td><td class="num">43\.3<\/td><td class="num">50\.0<\/td><td><strong>相違<\/strong><\/td>/);
  expect(html).toContain("ブックの値");
  expect(html).toContain("8 分野中 4 分野");
  const agreeing = renderHtmlReport(reportOf("wbresults-countifs-lo.xlsx"), "en");
  expect(agreeing).toContain("The workbook&#39;s own results by field");
  expect(agreeing).not.toContain("<strong>differs</strong>");
});

test("results sheet: a ブックの値 series beside 今回 where they differ, and the comparison block below", () => {
  const m = resultsModel(weights, "ja", null, new Date(2026, 0, 1));
  expect(m.seriesNames).toEqual(["今回", "ブックの値"]);
  const table = m.rows.slice(m.fieldTable.top, m.fieldTable.bottom + 1);
  expect(table[0]).toEqual(["分野", "今回", "ブックの値"]);
  expect(table).toContainEqual(["ルールの実践", 50, 43.3]);
  const flat = m.rows.map((r) => r.join("|"));
  expect(flat).toContain("分野|ブックの値|TICS Check|比較|理由");
  expect(flat.find((r) => r.startsWith("人の管理|65.0|75.0|相違|"))).toBeTruthy();
  // Nothing extra when they agree: only our own series.
  expect(resultsModel(reportOf("wbresults-countifs-lo.xlsx"), "ja", null, new Date()).seriesNames).toEqual(["今回"]);
});

test("annotated copy: the results sheet carries the comparison as text; the workbook's own parts stay", () => {
  const out = annotateWorkbook(fixture("wbresults-weights-lo.xlsx"), weights, { fix: false, lang: "ja", now: new Date(2026, 0, 2) });
  const again = readWorkbook(out.bytes);
  const sheet = again.sheets.find((s) => s.name === "診断結果");
  const text = (sheet?.values ?? []).map((r) => r.join("|")).join("\n");
  expect(text).toContain("ブック自身の分野別結果（シート「チェックリスト」 I4:I11）");
  expect(text).toContain("ルールの実践|43.3|50.0|相違|");
  // The workbook's own results block is still there and still traced.
  const r = analyse(again);
  expect(r.ok && r.report.workbookResults?.fields.map((f) => f.name)).toEqual(weights.workbookResults?.fields.map((f) => f.name));
});
