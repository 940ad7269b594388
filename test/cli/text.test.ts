import { formatLine, formatReport, styleFor } from "../../src/cli/text";
import { makeReport, sampleReport } from "./fixture-report";
import { PLAN_ORDER_LINE } from "../../src/core/plan";

describe("formatReport", () => {
  const report = sampleReport({ file: "a.xlsx", company: "株式会社テスト" });

  it("tells where the checklist is, the counts, every problem with its cell and what to type, fields and plan", () => {
    const text = formatReport(report, "ja");
    expect(text).toContain("a.xlsx");
    expect(text).toContain("チェックリスト: シート「チェックリスト」 B11:E17（自動検出）");
    expect(text).toContain("会社名: 株式会社テスト");
    expect(text).toContain("項目 6 / 回答済み 3 / 未回答 1 / 無効 1 / 「-」不可 1 / 表記ゆれ 1");
    expect(text).toContain("要確認の入力（3 件）");
    expect(text).toMatch(/E14 +（空欄） 未回答 → ○ \/ △ \/ × のいずれかを入力/);
    expect(text).toMatch(/E15 +「はい」 無効な値 → ○ \/ △ \/ × のいずれかを入力/);
    expect(text).toMatch(/E16 +「-」 「-」は使えない項目 →/);
    expect(text).toMatch(/E13 +「〇」 表記ゆれ → 「○」と入力/);
    expect(text).toMatch(/方針・ルール +\d+\.\d/);
    expect(text).toContain("総合スコア");
    expect(text).toContain("改善計画（優先度順、上位 4 件 / 全 4 件）");
    expect(text).toContain("1. [高] E14 3 取扱いルールを決めている");
    expect(text).toContain("第一歩: 第一歩0");
    expect(text).not.toContain("\x1b[");
  });

  it("speaks English", () => {
    const text = formatReport(report, "en");
    expect(text).toContain('Checklist: sheet "チェックリスト" B11:E17 (detected)');
    expect(text).toContain("Entries to check (3)");
    expect(text).toMatch(/E14 +\(empty\) blank → type one of ○ \/ △ \/ ×/);
    expect(text).toContain("Policy and rules");
    expect(text).toContain("first step: Step 0");
  });

  it("shows at most five plan rows", () => {
    const many = makeReport(
      Array.from({ length: 9 }, (_, i) => ({ number: String(i + 1), text: `t${i}`, raw: "×", answer: "×" as const, status: "ok" as const })),
    );
    const text = formatReport(many, "ja");
    expect(text).toContain("上位 5 件 / 全 9 件");
    expect(text).toContain("5. [中]");
    expect(text).not.toContain("6. [中]");
    expect(text).toContain("要確認の入力はありません。");
  });

  it("explains 準備度, states the plan order in one line, and hints at --out/--fix only when the run did not fix a copy", () => {
    const text = formatReport(report, "ja");
    expect(text).toContain("準備度: 未回答・無効・「-」不可も「×」として数えたスコア");
    const lines = text.split("\n");
    const head = lines.findIndex((l) => l.startsWith("改善計画（優先度順"));
    expect(lines[head + 1].trim()).toBe(PLAN_ORDER_LINE.ja);
    expect(text).toContain("--out と --fix で");
    const fixed = formatReport(report, "ja", undefined, { fixedCopy: true });
    expect(fixed).not.toContain("--fix");
    expect(fixed).toContain("注釈付きのコピーでは直しました");
    expect(formatReport(report, "en")).toContain("Readiness: the score with unanswered");
  });

  it("colours only when asked", () => {
    expect(formatReport(report, "ja", styleFor(true))).toContain("\x1b[31m");
    expect(formatReport(report, "ja", styleFor(false))).not.toContain("\x1b[");
  });

  it("formatLine summarises a file", () => {
    expect(formatLine(report, "ja")).toBe("a.xlsx: シート「チェックリスト」(回答列 E) 項目 6、回答済み 3、要確認 3、総合 " + report.overall.score!.toFixed(1));
  });
});
