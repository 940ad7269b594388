import type { Answer, ItemResult, ItemStatus } from "../../src/core/model";
import { round1, scoreItems, summarise } from "../../src/core/score";
import { testProfile } from "./helpers";

let n = 0;
function it_(answer: Answer | null, status: ItemStatus, fields: string[]): ItemResult {
  n++;
  return {
    id: `S-${n}`, section: "", number: String(n), text: "t", cell: `C${n}`, row: n, col: 2, raw: answer,
    answer, status, naAllowed: true, naSource: "profile", fields, fieldSource: "column", topic: null,
  };
}

describe("score", () => {
  test("weights come from the profile; - blank invalid na_not_allowed stay out of the score", () => {
    const items = [
      it_("○", "ok", ["人"]),
      it_("△", "normalized", ["人"]),
      it_("×", "ok", ["人", "ルール"]),
      it_("-", "ok", ["ルール"]),
      it_(null, "blank", ["ルール"]),
      it_(null, "invalid", ["独自"]),
      it_("-", "na_not_allowed", ["独自"]),
    ];
    const { fields, overall } = scoreItems(items, testProfile());
    // overall: earned 1.5 over 3 counted = 50; readiness 1.5 / (3 + 3) = 25
    expect(overall).toEqual({ score: 50, readiness: 25 });
    expect(fields.map((f) => f.name)).toEqual(["ルール", "人", "独自"]);
    const [rules, people, own] = fields;
    expect(people).toMatchObject({ nameEn: "People", score: 50, readiness: 50, items: 3, counts: { "○": 1, "△": 1, "×": 1, "-": 0 } });
    expect(rules).toMatchObject({ nameEn: "Rules", score: 0, readiness: 0, items: 3, counts: { "○": 0, "△": 0, "×": 1, "-": 1 } });
    expect(own).toMatchObject({ nameEn: "独自", score: null, readiness: 0, items: 2 });

    const custom = { ...testProfile(), weights: { "○": 1, "△": 0.25, "×": 0 } };
    // earned 1.25 over 3 counted -> 41.7; readiness 1.25 / 6 -> 20.8
    expect(scoreItems(items, custom).overall).toEqual({ score: 41.7, readiness: 20.8 });
  });

  test("overall is over all items, not an average of fields; one decimal", () => {
    const items = [it_("○", "ok", ["a"]), it_("×", "ok", ["b"]), it_("×", "ok", ["b"])];
    const r = scoreItems(items, testProfile());
    expect(r.fields.map((f) => f.score)).toEqual([100, 0]);
    expect(r.overall.score).toBe(33.3);
    expect(round1(66.66666)).toBe(66.7);
    expect(round1(0.05)).toBe(0.1);
  });

  test("nothing counts -> null", () => {
    const r = scoreItems([it_("-", "ok", ["a"])], testProfile());
    expect(r.overall).toEqual({ score: null, readiness: null });
    expect(scoreItems([], testProfile())).toEqual({ fields: [], overall: { score: null, readiness: null } });
  });

  test("summary counts", () => {
    const s = summarise([it_("○", "ok", []), it_("○", "normalized", []), it_(null, "blank", []), it_(null, "invalid", []), it_("-", "na_not_allowed", [])]);
    expect(s).toEqual({ items: 5, answered: 2, blank: 1, invalid: 1, normalized: 1, naNotAllowed: 1, counts: { "○": 2, "△": 0, "×": 0, "-": 0 } });
  });
});
