/**
 * The executive one-pager of --report: overall and readiness with the trend, the three weakest fields, the top five
 * actions with owners and due dates typed on the plan sheet, evidence coverage. Built on a workbook that went through
 * the file gateway twice (history), with owners typed into its plan sheet.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { annotatedCopy, checkWorkbookBytes } from "../../src/app/files";
import { analyse } from "../../src/core/analyse";
import { setCell } from "../../src/core/grid";
import { dueText, executivePageHtml } from "../../src/core/executive";
import { renderHtmlReport } from "../../src/core/html-report";
import type { Report } from "../../src/core/model";
import { readWorkbook } from "../../src/file/xlsx-read";
import { fixture } from "../file/helpers";

function check(bytes: Uint8Array): Report {
  const r = checkWorkbookBytes(bytes, "x.xlsx");
  if (!r.ok) throw new Error(r.error.en);
  return r.report;
}

/** The checklist's × answers (openpyxl writes them as &#215;) turned into ○. */
function improved(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  for (const name of Object.keys(files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    files[name] = strToU8(strFromU8(files[name]).replace(/(<t[^>]*>)(?:×|&#215;)(<\/t>)/g, "$1○$2"));
  }
  return zipSync(files);
}

function annotatedTwice(): Uint8Array {
  const input = fixture("openpyxl-evidence.xlsx");
  const first = annotatedCopy(input, check(input), { fix: false, lang: "ja", now: new Date(2026, 0, 5, 9, 0), records: true }).bytes;
  // the second round with a better answer: a second history row is written
  const second = improved(first);
  return annotatedCopy(second, check(second), { fix: false, lang: "ja", now: new Date(2026, 0, 12, 9, 0), records: true }).bytes;
}

test("executive page: KPIs with the trend, weakest fields, top actions with owners and due dates, coverage", () => {
  const wb = readWorkbook(annotatedTwice());
  const plan = wb.sheets.find((s) => s.name === "改善計画")!;
  // the header row is below the plan's order line
  const head = plan.values.findIndex((row) => row.includes("項目ID"));
  expect(head).toBe(1);
  const header = plan.values[head];
  const owner = header.indexOf("担当者");
  const due = header.indexOf("期限");
  // the user types an owner and a due date (a date serial) on the first plan row
  // (setCell writes the sheet as the engine reads it: the file gateway's sparse rows)
  setCell(plan, head + 1, owner, "総務部 山田");
  setCell(plan, head + 1, due, 46357); // 2026-12-01
  const res = analyse(wb);
  if (!res.ok) throw new Error("no checklist");
  const r = res.report;
  expect(r.history?.length).toBeGreaterThanOrEqual(1);
  expect(r.planNotes?.[r.plan[0].itemId]).toEqual({ owner: "総務部 山田", due: 46357, status: "" });
  const html = executivePageHtml(r, "ja");
  expect(html).toContain("経営層向けサマリー");
  expect(html).toContain(`総合スコア<b>${r.overall.score!.toFixed(1)}</b>`);
  expect(html).toContain("証跡カバー率<b>");
  const weakest = r.fields.filter((f) => f.score !== null).sort((a, b) => a.score! - b.score!).slice(0, 3);
  const section = html.slice(html.indexOf("弱い分野"), html.indexOf("優先して取り組むこと"));
  const order = weakest.map((f) => section.indexOf(f.name));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  const actions = html.slice(html.indexOf("優先して取り組むこと"));
  expect((actions.match(/<tr><td>/g) ?? []).length).toBe(Math.min(5, r.plan.length));
  expect(actions).toContain("総務部 山田");
  expect(actions).toContain("2026-12-01");
  expect(actions).toContain("未定");
  expect(html).toContain("「-」の理由が未記録: 1 件");
});

test("the trend compares with the previous history row; the full report starts with the page", () => {
  const bytes = annotatedTwice();
  const r = check(bytes);
  const rows = r.history ?? [];
  expect(rows.length).toBe(2);
  const html = renderHtmlReport(r, "en", { executive: true });
  expect(html.indexOf(`data-part="executive"`)).toBeLessThan(html.indexOf("<h1>TICS Check report"));
  expect(html).toContain("Executive summary");
  expect(html).toContain(`since ${rows[0].date}`);
  expect(html).toContain('<svg class="spark"');
  expect(renderHtmlReport(r, "en")).not.toContain("Executive summary");
});

test("due dates: serials become dates, text stays", () => {
  expect(dueText(46357)).toBe("2026-12-01");
  expect(dueText("来月末")).toBe("来月末");
  expect(dueText(null)).toBe("");
});
