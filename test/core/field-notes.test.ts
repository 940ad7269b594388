/** Unassigned items and 「-」 warnings reach the CLI text and the HTML report (warnings, not errors). */
import { analyse } from "../../src/core/analyse";
import { fieldNotesHtml, renderHtmlReport } from "../../src/core/html-report";
import { fieldNotes, formatReport } from "../../src/cli/text";
import { buildChecklist, wb } from "./helpers";

function report() {
  const b = buildChecklist([
    { label: "Ⅰ 共通項目", items: [{ text: "方針を文書にしている。", answer: "○" }, { text: "この文はテスト用で特に意味はありません。", answer: "-" }] },
  ]);
  const r = analyse(wb(b.sheet));
  if (!r.ok) throw new Error("not detected");
  return r.report;
}

test("CLI text: unassigned count and the 「-」 warning, in both languages", () => {
  const r = report();
  expect(r.unassigned).toBe(1);
  expect(r.warnings).toHaveLength(1);
  expect(r.summary.naNotAllowed).toBe(0);
  const ja = fieldNotes(r, "ja").join("\n");
  expect(ja).toContain("1 項目が「未分類」");
  expect(ja).toContain("注意（1 件、エラーではありません）");
  expect(ja).toContain(r.warnings?.[0].cell);
  expect(fieldNotes(r, "en").join("\n")).toContain("1 items are unassigned");
  expect(formatReport(r, "ja")).toContain("注意（1 件、エラーではありません）");
});

test("HTML report: the same notes, escaped", () => {
  const r = report();
  expect(fieldNotesHtml(r, "ja").join("")).toContain("<ul class=\"warnings\">");
  const html = renderHtmlReport(r, "en");
  expect(html).toContain("Warnings (not errors)");
  expect(html).toContain("1 items are unassigned");
});

test("an unassigned item's plan row shows 「未分類」, never an empty field", () => {
  const b = buildChecklist([{ items: [{ text: "この文はテスト用で特に意味はありません。", answer: "×" }] }]);
  const r = analyse(wb(b.sheet));
  if (!r.ok) throw new Error("not detected");
  expect(r.report.plan[0].fields).toEqual([]);
  expect(renderHtmlReport(r.report, "ja")).toContain("<td>未分類</td>");
  expect(renderHtmlReport(r.report, "en")).toContain("<td>Unassigned</td>");
});
