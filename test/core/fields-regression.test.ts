/**
 * The fallback rules on requirement-style items written without looking at the keyword list (issue 7, item 5):
 * ≥ 95 % placed in a fitting field, no section title as a field, 「-」 right on ≥ 90 %.
 */
import { analyse } from "../../src/core/analyse";
import { prepareProfile, scanText, assignFields } from "../../src/core/fields";
import { TICS_2024 } from "../../src/core/profile/tics-2024";
import { fold } from "../../src/core/text";
import { buildChecklist } from "./helpers";
import { REGRESSION_ITEMS } from "./fields-regression-items";

const p = prepareProfile(TICS_2024);

describe("fallback rules on the regression set", () => {
  test("at least 60 items", () => {
    expect(REGRESSION_ITEMS.length).toBeGreaterThanOrEqual(60);
  });

  test("≥ 95 % placed in a fitting field (every assigned field fits)", () => {
    const wrong: string[] = [];
    for (const it of REGRESSION_ITEMS) {
      const a = assignFields(fold(it.text), {}, p);
      const ok = a.fields.length > 0 && a.fields.every((f) => it.fits.includes(f));
      if (!ok) wrong.push(`${it.text} -> ${a.fields.join("、") || "(none)"} [${a.topic?.id ?? "-"}]`);
    }
    const rate = (REGRESSION_ITEMS.length - wrong.length) / REGRESSION_ITEMS.length;
    if (rate < 1) console.log(`misplaced ${wrong.length}/${REGRESSION_ITEMS.length}:\n${wrong.join("\n")}`);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });

  test("「-」 right on ≥ 90 % (a cell without a list)", () => {
    const wrong: string[] = [];
    for (const it of REGRESSION_ITEMS) {
      const rule = scanText(fold(it.text), p).naRule;
      // "unsure" accepts 「-」 with a warning: right only where 「-」 should be allowed.
      const allowed = rule !== "no";
      if (allowed !== it.na) wrong.push(`${it.text} -> ${rule} (expected ${it.na ? "allowed" : "no"})`);
    }
    const rate = (REGRESSION_ITEMS.length - wrong.length) / REGRESSION_ITEMS.length;
    if (rate < 1) console.log(`「-」 wrong ${wrong.length}/${REGRESSION_ITEMS.length}:\n${wrong.join("\n")}`);
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });

  test("in a plain checklist with section rows: no section title becomes a field, every field is a profile field", () => {
    const half = Math.ceil(REGRESSION_ITEMS.length / 2);
    const built = buildChecklist([
      { label: "Ⅰ 共通項目", items: REGRESSION_ITEMS.slice(0, half).map((i) => ({ text: i.text, answer: "○" })) },
      { label: "Ⅱ 人に関する項目", items: REGRESSION_ITEMS.slice(half).map((i) => ({ text: i.text, answer: "-" })) },
    ]);
    const res = analyse({ sheets: [built.sheet] });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const names = new Set(TICS_2024.fields.map((f) => f.name.ja));
    const all = res.report.items.flatMap((i) => i.fields);
    expect(all.filter((f) => f.includes("共通項目") || f.includes("人に関する項目"))).toEqual([]);
    expect(all.every((f) => names.has(f))).toBe(true);
    expect(res.report.fields.every((f) => names.has(f.name))).toBe(true);
    // 「-」 on the second half: allowed exactly where the set says so (or a warning where the profile is unsure).
    for (const [k, it] of res.report.items.entries()) {
      if (k < half) continue;
      const expected = REGRESSION_ITEMS[k];
      if (expected.na) expect(it.status).toBe("ok");
    }
  });
});
