import { renderHtmlReport } from "../../src/core/html-report";
import { makeReport, sampleReport } from "../cli/fixture-report";
import { PLAN_ORDER_LINE } from "../../src/core/plan";

describe("renderHtmlReport", () => {
  const report = sampleReport({ file: "a.xlsx", company: "株式会社テスト" });

  it("is a complete Japanese document with summary, chart, field table, problems and plan", () => {
    const html = renderHtmlReport(report);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("TICS Check 診断レポート");
    expect(html).toContain("株式会社テスト");
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain("<title id=\"radar-title\">");
    expect(html).toContain("分野別スコア");
    for (const f of report.findings) expect(html).toContain(`<td>${f.cell}</td>`);
    expect(html).toContain("未回答");
    expect(html).toContain("改善計画");
    expect(html).toContain("第一歩0");
    expect(html).toContain("@media print");
    expect(html).toContain("公式の文言ではありません");
  });

  it("has no external resources", () => {
    const html = renderHtmlReport(report);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/@import|@font-face|url\(/i);
    // the only links are to the report's own sections (table of contents)
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(?!#)/i);
    // The only URL is the SVG namespace, which is never fetched.
    expect(html.match(/https?:\/\/[^\s"']+/g) ?? []).toEqual(["http://www.w3.org/2000/svg"]);
  });

  it("escapes everything read from the workbook", () => {
    const evil = '<img src=x onerror="alert(1)">';
    const r = makeReport([{ number: "1", text: evil, raw: "<script>alert(2)</script>", answer: null, status: "invalid", fields: [evil] }], {
      file: "<b>f.xlsx</b>",
      company: "&<>",
    });
    r.sheet = "<i>sheet</i>";
    const html = renderHtmlReport(r);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<b>f.xlsx");
    expect(html).not.toContain("<i>sheet");
    expect(html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(html).toContain("&amp;&lt;&gt;");
  });

  it("speaks English with lang en", () => {
    const html = renderHtmlReport(report, "en");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Improvement plan");
    expect(html).toContain("Step 0");
    expect(html).toContain("Policy and rules");
    expect(html).not.toContain("改善計画");
  });

  it("shows only the file name, never the folder", () => {
    for (const file of ["/home/yamada/取引先/a社/check.xlsx", "C:\\Users\\yamada\\Desktop\\check.xlsx"]) {
      const html = renderHtmlReport(sampleReport({ file, company: null }));
      expect(html).toContain("check.xlsx");
      expect(html).not.toContain("yamada");
    }
  });

  it("lists the plan in the engine's order under the order rule; each topic's advice once; a table of contents when long", () => {
    const many = makeReport(
      Array.from({ length: 40 }, (_, i) => ({ number: String(i + 1), text: `t${i}`, raw: "×", answer: "×" as const, status: "ok" as const })),
    );
    const html = renderHtmlReport(many);
    expect(html).toContain(`<p class="order">${PLAN_ORDER_LINE.ja}</p>`);
    const ranks = [...html.matchAll(/<tr><td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(ranks).toEqual(many.plan.map((p) => p.rank));
    const topics = new Set(many.plan.map((p) => p.advice));
    expect(html.match(/<section class="topic">/g)).toHaveLength(topics.size);
    expect(html).toContain('<nav class="toc"');
    expect(renderHtmlReport(report)).not.toContain('<nav class="toc"');
    // no plan table column carries the long advice texts
    expect(html.match(/<table class="plan"><thead><tr>(.*?)<\/tr>/)![1].match(/<th /g)).toHaveLength(6);
  });

  it("says so when there is nothing to fix", () => {
    const r = makeReport([{ number: "1", text: "x", raw: "○", answer: "○", status: "ok" }]);
    const html = renderHtmlReport(r);
    expect(html).toContain("要確認の入力はありません。");
    expect(html).toContain("改善が必要な項目はありません。");
  });
});
