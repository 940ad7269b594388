import type { CellValue, SheetInput } from "../../src/core/model";
import { analyse, reevaluate } from "../../src/core/analyse";
import { LOOKALIKES } from "../../src/core/answers";
import { TICS_2024 } from "../../src/core/profile/tics-2024";
import { buildChecklist, plainItems, sampleSections, testProfile, wb } from "./helpers";

const profile = testProfile();

function run(sheet: SheetInput, extra: SheetInput[] = []) {
  const r = analyse(wb(...extra, sheet), { profile, file: "test.xlsx" });
  if (!r.ok) throw new Error(r.error.message.ja);
  return r;
}

describe("analyse", () => {
  test("a whole report: location, items, summary, fields, overall, findings, plan", () => {
    const cover: SheetInput = { name: "表紙", values: [["会社名", "テスト工業株式会社"]] };
    const b = buildChecklist(
      [
        { label: "Ⅰ 共通項目", items: [{ text: "自社の方針を文書にしている。", answer: "○" }, { text: "=SUM(A1) で始まる文も文字のまま", answer: "〇" }] },
        { label: "Ⅱ 人に関する項目", items: [{ text: "従業員に教育を行っている。", answer: "×" }, { text: "取引先の情報を区別している。", answer: "-" }, { text: "秘密の誓約を取っている。", answer: 1 }] },
      ],
      { top: 4, left: 1 },
    );
    const { report, location } = run(b.sheet, [cover]);
    expect(location.rows).toHaveLength(5);
    expect(report).toMatchObject({ file: "test.xlsx", sheet: "チェックリスト", profile: "test-profile", company: "テスト工業株式会社" });
    expect(report.location).toEqual({ headerRow: 4, numberCol: 1, textCol: 2, answerCol: 3, fieldCol: null, range: "B5:D12", source: "detected" });
    expect(report.items.map((i) => [i.id, i.cell, i.status, i.answer])).toEqual([
      ["I-1", "D7", "ok", "○"],
      ["I-2", "D8", "normalized", "○"],
      ["II-3", "D10", "ok", "×"],
      ["II-4", "D11", "ok", "-"],
      ["II-5", "D12", "invalid", null],
    ]);
    expect(report.items[1].text).toBe("=SUM(A1) で始まる文も文字のまま");
    expect(report.items[3]).toMatchObject({ naAllowed: true, naSource: "profile", section: "Ⅱ 人に関する項目" });
    expect(report.items.map((i) => [i.fields, i.fieldSource, i.topic])).toEqual([
      [["ルール"], "rule", "policy"],
      [[], "none", null],
      [["人"], "rule", "training"],
      [[], "none", null],
      [["人"], "rule", "pledge"],
    ]);
    // Unassigned items (「未分類」) never become a field, and a section title is never a field.
    expect(report.unassigned).toBe(2);
    expect(report.fieldOrigin).toBe("profile");
    // 「-」 on an item the profile cannot place: accepted with a warning, not an error.
    expect(report.warnings).toEqual([{ itemId: "II-4", cell: "D11", code: "na_unsure", message: expect.objectContaining({ ja: expect.stringContaining("D11") }) }]);
    expect(report.summary).toEqual({ items: 5, answered: 4, blank: 0, invalid: 1, normalized: 1, naNotAllowed: 0, counts: { "○": 2, "△": 0, "×": 1, "-": 1 } });
    expect(report.fields.map((f) => [f.name, f.score, f.readiness])).toEqual([
      ["ルール", 100, 100],
      ["人", 0, 0],
    ]);
    expect(report.overall).toEqual({ score: 66.7, readiness: 50 });
    expect(report.findings.map((f) => [f.itemId, f.status, f.suggestion])).toEqual([["I-2", "normalized", "○"], ["II-5", "invalid", null]]);
    expect(report.plan.map((p) => [p.itemId, p.priority])).toEqual([["II-3", "medium"], ["II-5", "medium"]]);
  });

  test("every look-alike from the table is normalized to its answer; a number is invalid", () => {
    const entries = Object.entries(LOOKALIKES);
    const items = entries.map(([raw], i) => ({ text: `取引先に関する確認文その${i + 1}`, answer: raw as CellValue }));
    items.push({ text: "取引先に関する数値の回答", answer: 1 });
    const { report } = run(buildChecklist([{ items }]).sheet);
    entries.forEach(([raw, canon], i) => {
      expect([raw, report.items[i].status, report.items[i].answer]).toEqual([raw, "normalized", canon]);
    });
    expect(report.items[entries.length]).toMatchObject({ raw: 1, status: "invalid", answer: null });
  });

  test("「-」 permission: the cell's list decides (with look-alike folding); unresolvable list falls back to the profile", () => {
    const items = [{ text: "自社の方針を決めている。", answer: "-" }, { text: "取引先の情報を管理している。", answer: "-" }];
    const withNa = run(buildChecklist([{ items }], { validation: ["○", "△", "×", "ー"] }).sheet).report;
    expect(withNa.items.map((i) => [i.status, i.naAllowed, i.naSource])).toEqual([["ok", true, "validation"], ["ok", true, "validation"]]);
    const without = run(buildChecklist([{ items }], { validation: ["○", "△", "×"] }).sheet).report;
    expect(without.items.map((i) => [i.status, i.naSource])).toEqual([["na_not_allowed", "validation"], ["na_not_allowed", "validation"]]);
    const unresolved = run(buildChecklist([{ items }], { validation: null }).sheet).report;
    expect(unresolved.items.map((i) => [i.status, i.naSource])).toEqual([["na_not_allowed", "profile"], ["ok", "profile"]]);
    expect(unresolved.summary.naNotAllowed).toBe(1);
    expect(unresolved.findings[0]).toMatchObject({ status: "na_not_allowed", allowed: ["○", "△", "×"] });
  });

  test("a 分野 column: spelling variants of a profile name mapped, other names kept, the workbook's order; no rule fields beside it", () => {
    const b = buildChecklist(
      [{ label: "Ⅰ 共通項目", items: [
        { text: "独自の確認文その一", answer: "○", field: "独自分野、People" },
        { text: "独自の確認文その二", answer: "×", field: "規程" },
        { text: "方針を決めている", answer: "△" },
      ] }],
      { fieldColumn: true },
    );
    const { report } = run(b.sheet);
    expect(report.location.fieldCol).toBe(3);
    expect(report.items.map((i) => [i.fields, i.fieldSource])).toEqual([[["独自分野", "人"], "column"], [["ルール"], "column"], [[], "none"]]);
    expect(report.fields.map((f) => [f.name, f.score])).toEqual([["独自分野", 100], ["人", 100], ["ルール", 0]]);
    expect(report.fieldOrigin).toBe("workbook");
    expect(report.unassigned).toBe(1);
  });

  test("a given location skips detection; reevaluate reads patched answers", () => {
    const b = buildChecklist(sampleSections());
    const first = run(b.sheet);
    expect(first.report.items[4].status).toBe("blank");
    const values = b.sheet.values.map((r) => r.slice());
    values[b.itemRows[4]][b.answerCol] = "△";
    values[b.itemRows[0]][b.answerCol] = "済";
    const patched = wb({ ...b.sheet, values });
    const again = reevaluate(patched, first.location, { profile });
    expect(again.items.map((i) => i.status)).toEqual(["invalid", "ok", "ok", "ok", "ok"]);
    const viaOption = analyse(patched, { profile, location: first.location });
    expect(viaOption.ok && viaOption.report.items[4].answer).toBe("△");
    // The sheet is gone: the values stored in the location are used.
    const stale = reevaluate({ sheets: [] }, first.location, { profile });
    expect(stale.items.map((i) => i.raw)).toEqual(["○", "△", "×", "○", null]);
  });

  test("the default profile is used when none is given", () => {
    const r = analyse(wb(buildChecklist(sampleSections()).sheet));
    expect(r.ok && r.report.profile).toBe(TICS_2024.id);
  });

  test("detection failure is passed through", () => {
    const r = analyse(wb({ name: "x", values: [["nothing"]] }));
    expect(r.ok ? null : r.error.code).toBe("no_checklist");
  });

  test.each([1000, 10000])("%i items: every row found and judged", (count) => {
    const answers: CellValue[] = ["○", "△", "×", null, "ー", "〇", 7];
    const sections = [];
    const per = count / 10;
    for (let s = 0; s < 10; s++) sections.push({ label: `${["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ", "Ⅷ", "Ⅸ", "Ⅹ"][s]} セクション${s + 1}`, items: plainItems(per, (i) => answers[(s * per + i) % answers.length]) });
    const b = buildChecklist(sections, { top: 3, left: 2, blankBetween: 1 });
    const { report } = run(b.sheet);
    expect(report.items).toHaveLength(count);
    expect(report.items[count - 1].row).toBe(b.itemRows[count - 1]);
    expect(report.items[count - 1].id).toBe(`X-${count}`);
    const expectCount = (a: CellValue) => Array.from({ length: count }, (_, i) => answers[i % answers.length]).filter((x) => x === a).length;
    expect(report.summary.blank).toBe(expectCount(null));
    expect(report.summary.invalid).toBe(expectCount(7));
    // The profile places none of these texts: 「ー」 is accepted with a warning each, not counted as an error.
    expect(report.summary.naNotAllowed).toBe(0);
    expect(report.warnings).toHaveLength(expectCount("ー"));
    expect(report.summary.normalized).toBe(expectCount("〇") + expectCount("ー"));
    expect(report.summary.counts["○"]).toBe(expectCount("○") + expectCount("〇"));
    const earned = report.summary.counts["○"] + 0.5 * report.summary.counts["△"];
    const counted = report.summary.counts["○"] + report.summary.counts["△"] + report.summary.counts["×"];
    expect(report.overall.score).toBe(Math.round((1000 * earned) / counted) / 10);
    // Every item but ○ and 「-」 (accepted here, with a warning) gets a plan row.
    expect(report.plan).toHaveLength(count - report.summary.counts["○"] - report.summary.counts["-"]);
  });
});

describe("analyse across workbooks (facts kept by item text)", () => {
  it("gives each workbook the report a fresh engine gives it, also past the cache's bound", () => {
    // Many distinct texts (more than the cache holds), then a workbook that repeats some of them with other answers.
    const many = buildChecklist([{ label: "Ⅰ 共通項目", items: plainItems(200050) }]);
    const again = buildChecklist(sampleSections());
    const bothTexts = buildChecklist([{ label: "Ⅰ 共通項目", items: [...sampleSections()[0].items, ...plainItems(3, () => "×")] }]);
    const seq = [wb(again.sheet), wb(many.sheet), wb(bothTexts.sheet), wb(again.sheet)];
    const warm = seq.map((w) => JSON.stringify(analyse(w, { file: "x.xlsx" })));
    // Each workbook on an engine loaded afresh for it (nothing kept from any other workbook).
    const fresh = seq.map((w) => {
      let out = "";
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const engine = require("../../src/core/analyse") as typeof import("../../src/core/analyse");
        out = JSON.stringify(engine.analyse(w, { file: "x.xlsx" }));
      });
      return out;
    });
    expect(warm).toEqual(fresh);
    expect(JSON.parse(warm[3]).report.items.map((i: { topic: string | null }) => i.topic)).toEqual(JSON.parse(warm[0]).report.items.map((i: { topic: string | null }) => i.topic));
  }, 120000);
});
