import { LOOKALIKES, allowedAnswers, canonicalAnswer, classifyAnswer, listAllowsNa } from "../../src/core/answers";

describe("classifyAnswer", () => {
  test("exact canonical answers are ok", () => {
    expect(classifyAnswer("○", false)).toEqual({ answer: "○", status: "ok" });
    expect(classifyAnswer("△", false)).toEqual({ answer: "△", status: "ok" });
    expect(classifyAnswer("×", false)).toEqual({ answer: "×", status: "ok" });
    expect(classifyAnswer("-", true)).toEqual({ answer: "-", status: "ok" });
  });

  test("「-」 on an item that does not allow it is na_not_allowed", () => {
    expect(classifyAnswer("-", false)).toEqual({ answer: "-", status: "na_not_allowed" });
    expect(classifyAnswer("ー", false)).toEqual({ answer: "-", status: "na_not_allowed" });
    expect(classifyAnswer(" － ", false)).toEqual({ answer: "-", status: "na_not_allowed" });
  });

  test("blank: null, empty, half- and full-width spaces", () => {
    for (const raw of [null, "", " ", "　", " \u3000\n"]) expect(classifyAnswer(raw, false)).toEqual({ answer: null, status: "blank" });
  });

  test("numbers, booleans and other text are invalid", () => {
    for (const raw of [1, 0, -1, 0.5, true, false, "1", "済", "はい", "○△", "OK", "xx", "toString", "__proto__", "constructor"]) {
      expect(classifyAnswer(raw, true)).toEqual({ answer: null, status: "invalid" });
    }
  });

  test.each([
    ["〇", "○"], ["◯", "○"], ["Ｏ", "○"], ["o", "○"], ["O", "○"],
    ["▲", "△"],
    ["x", "×"], ["X", "×"], ["✕", "×"], ["✖", "×"], ["╳", "×"],
    ["ー", "-"], ["－", "-"], ["―", "-"], ["−", "-"], ["‐", "-"],
  ])("look-alike %s counts as %s (normalized)", (raw, canon) => {
    expect(LOOKALIKES[raw]).toBe(canon);
    expect(classifyAnswer(raw, true)).toEqual({ answer: canon, status: "normalized" });
  });

  test("spaces around a canonical answer make it normalized, not ok", () => {
    expect(classifyAnswer(" ○", false)).toEqual({ answer: "○", status: "normalized" });
    expect(classifyAnswer("△　", false)).toEqual({ answer: "△", status: "normalized" });
    expect(classifyAnswer("\u3000×\u3000", false)).toEqual({ answer: "×", status: "normalized" });
    expect(classifyAnswer(" 〇 ", false)).toEqual({ answer: "○", status: "normalized" });
  });

  test("a symbol followed by its own label is normalized; a contradicting label is invalid", () => {
    expect(classifyAnswer("○ 実施", false)).toEqual({ answer: "○", status: "normalized" });
    expect(classifyAnswer("○実施している", false)).toEqual({ answer: "○", status: "normalized" });
    expect(classifyAnswer("△ 一部実施", false)).toEqual({ answer: "△", status: "normalized" });
    expect(classifyAnswer("× 未実施", false)).toEqual({ answer: "×", status: "normalized" });
    expect(classifyAnswer("〇：実施", false)).toEqual({ answer: "○", status: "normalized" });
    expect(classifyAnswer("△（一部実施）", false)).toEqual({ answer: "△", status: "normalized" });
    expect(classifyAnswer("×(未実施", false)).toEqual({ answer: "×", status: "normalized" });
    expect(classifyAnswer("- 該当しない", true)).toEqual({ answer: "-", status: "normalized" });
    expect(classifyAnswer("- 該当しない", false)).toEqual({ answer: "-", status: "na_not_allowed" });
    expect(classifyAnswer("○ 未実施", false)).toEqual({ answer: null, status: "invalid" });
    expect(classifyAnswer("○ たぶん", false)).toEqual({ answer: null, status: "invalid" });
  });

  test("canonicalAnswer", () => {
    expect(canonicalAnswer("◯")).toBe("○");
    expect(canonicalAnswer("?")).toBeNull();
  });
});

describe("listAllowsNa", () => {
  test("folds look-alikes", () => {
    expect(listAllowsNa(["○", "△", "×", "-"])).toBe(true);
    expect(listAllowsNa(["○", "△", "×", "ー"])).toBe(true);
    expect(listAllowsNa([" ○", "△", "×"])).toBe(false);
    expect(listAllowsNa(["○", "△", "×", "－ "])).toBe(true);
    expect(listAllowsNa([])).toBe(false);
    expect(listAllowsNa(null)).toBeNull();
  });
  test("allowedAnswers", () => {
    expect(allowedAnswers(false)).toEqual(["○", "△", "×"]);
    expect(allowedAnswers(true)).toEqual(["○", "△", "×", "-"]);
  });
});
