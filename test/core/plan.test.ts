import type { Answer, FieldScore, ItemResult, ItemStatus } from "../../src/core/model";
import { PRIORITY_RULES, adviceOf, buildFindings, buildPlan, planTopics } from "../../src/core/plan";
import { FALLBACK_ADVICE } from "../../src/core/model";
import { testProfile } from "./helpers";

function item(id: string, answer: Answer | null, status: ItemStatus, fields: string[], topic: string | null, naAllowed = false): ItemResult {
  return {
    id, section: "Ⅰ 共通項目", number: id, text: `文 ${id}`, cell: `C${id}`, row: Number(id), col: 2, raw: answer ?? "?",
    answer, status, naAllowed, naSource: "profile", fields, fieldSource: "rule", topic,
  };
}
const field = (name: string, score: number | null): FieldScore => ({
  name, nameEn: name, score, readiness: score, items: 1, counts: { "○": 0, "△": 0, "×": 0, "-": 0 },
});

describe("plan", () => {
  const items = [
    item("1", "○", "ok", ["A"], "policy"),
    item("2", "△", "ok", ["A"], "policy"),
    item("3", "×", "ok", ["A"], "training"),
    item("4", null, "blank", ["B"], null),
    item("5", "×", "normalized", ["B"], "policy"),
    item("6", "-", "ok", ["B"], null, true),
    item("7", null, "invalid", ["A"], "access"),
    item("8", "-", "na_not_allowed", ["C"], "pledge"),
    item("9", "×", "ok", ["C", "A"], null),
    item("10", "×", "ok", ["A"], "access"),
  ];
  const fields = [field("A", 40), field("B", 10), field("C", null)];
  const plan = buildPlan(items, fields, testProfile());

  test("rows for × △ blank invalid na_not_allowed, none for ○ and allowed -", () => {
    expect(plan.map((p) => p.itemId).sort()).toEqual(["10", "2", "3", "4", "5", "7", "8", "9"]);
  });

  test("order: priority label, answer class, weakest field (null = 0), topic importance, sheet order", () => {
    // 高: × 5 (B=10), × 10 (A=40), unresolved 7; 中: × 9 (min(C=0, A=40) = 0), × 3 (A=40, imp 2),
    // unresolved 8 (C=0), 4 (B=10); 低: △ 2
    expect(plan.map((p) => p.itemId)).toEqual(["5", "10", "7", "9", "3", "8", "4", "2"]);
    expect(plan.map((p) => p.priority)).toEqual(["high", "high", "high", "medium", "medium", "medium", "medium", "low"]);
    expect(plan.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test("priority: high for × / unresolved on importance-1 topics, medium other × / unresolved, low for △", () => {
    const byId = new Map(plan.map((p) => [p.itemId, p.priority]));
    expect(Object.fromEntries(byId)).toEqual({ "9": "medium", "5": "high", "10": "high", "3": "medium", "8": "medium", "4": "medium", "7": "high", "2": "low" });
  });

  test("advice from the topic, or the profile fallback, once per topic", () => {
    const topics = planTopics(plan, testProfile());
    const report = { topics };
    const p5 = plan.find((p) => p.itemId === "5")!;
    expect(p5.advice).toBe("policy");
    expect(adviceOf(report, p5).hint.ja).toBe("方針のヒント");
    expect(adviceOf(report, p5).references.iso27001).toEqual(["A.5.1"]);
    const p4 = plan.find((p) => p.itemId === "4")!;
    expect(p4.advice).toBe(FALLBACK_ADVICE);
    expect(adviceOf(report, p4).firstStep.en).toBe("Generic first step");
    // one entry per distinct topic among the rows, none for topics without a plan row
    expect(Object.keys(topics).sort()).toEqual([...new Set(plan.map((p) => p.advice))].sort());
  });

  test("PRIORITY_RULES is bilingual and states the order", () => {
    expect(PRIORITY_RULES.ja).toContain("「×」");
    expect(PRIORITY_RULES.en).toContain("importance");
  });

  test("findings: one per non-ok item with suggestion and allowed answers", () => {
    const f = buildFindings(items);
    expect(f.map((x) => x.itemId)).toEqual(["4", "5", "7", "8"]);
    expect(f[1]).toEqual({ itemId: "5", cell: "C5", raw: "×", status: "normalized", suggestion: "×", allowed: ["○", "△", "×"] });
    expect(f[0].suggestion).toBeNull();
    const na = buildFindings([item("1", "○", "normalized", [], null, true)]);
    expect(na[0].allowed).toEqual(["○", "△", "×", "-"]);
  });
});
