import { both, messageKeys, t } from "../../src/core/i18n";

describe("i18n", () => {
  test("status names, Japanese and English", () => {
    expect(["ok", "normalized", "blank", "invalid", "na_not_allowed"].map((s) => t("ja", `status.${s}` as Parameters<typeof t>[1]))).toEqual([
      "正常", "表記ゆれ", "未回答", "無効", "「-」不可",
    ]);
    expect(t("en", "status.blank")).toBe("Unanswered");
  });
  test("parameters are filled; unknown placeholders stay", () => {
    expect(t("ja", "note.items", { row: 5, count: 12 })).toBe("5 行目に見出しあり、項目 12 件");
    expect(t("en", "note.items", { row: 5 })).toBe("headers on row 5, {count} items");
    expect(both("error.no_sheet", { sheet: "A" })).toEqual({ ja: "シート「A」が見つかりません。", en: "Sheet “A” was not found." });
  });

  test("every message exists in both languages with the same placeholders", () => {
    const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    expect(messageKeys().length).toBeGreaterThan(40);
    for (const key of messageKeys()) {
      const ja = t("ja", key);
      const en = t("en", key);
      expect([key, ja.length > 0, en.length > 0]).toEqual([key, true, true]);
      expect([key, params(ja)]).toEqual([key, params(en)]);
    }
  });
});
