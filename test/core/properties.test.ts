import fc from "fast-check";
import type { CellRange, CellValue, ListValidation, SheetInput, WorkbookInput } from "../../src/core/model";
import { analyse, reevaluate } from "../../src/core/analyse";
import { classifyAnswer } from "../../src/core/answers";
import type { Answer, ItemResult, ItemStatus } from "../../src/core/model";
import { TICS_2024 } from "../../src/core/profile/tics-2024";
import { scoreItems, summarise } from "../../src/core/score";
import { buildPlan } from "../../src/core/plan";
import { detectChecklist, findCompanyName, locateFromAnswerCells } from "../../src/core/detect";
import { fold } from "../../src/core/text";
import { buildChecklist, testProfile } from "./helpers";

// Cell values biased toward the engine's vocabulary so that headers, numbers and answers actually occur.
const vocabulary = fc.constantFrom(
  "内容", "チェック欄", "チェック\n欄", "回答", "評価", "No.", "分野", "Ⅰ 共通項目", "II. 人に関する項目", "1", "(2)", "I-3",
  "○", "△", "×", "-", "ー", "〇", "x", " ○ ", "○ 実施", "方針を決めている。", "取引先の情報を管理している。", "会社名", "会社名：テスト",
  "=SUM(A1)", "", "　", "toString", "__proto__", "constructor",
);
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  vocabulary,
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 30 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
);
const range: fc.Arbitrary<CellRange> = fc
  .tuple(fc.nat(20), fc.nat(8), fc.nat(20), fc.nat(8))
  .map(([a, b, c, d]) => ({ top: Math.min(a, c), bottom: Math.max(a, c), left: Math.min(b, d), right: Math.max(b, d) }));
const validation: fc.Arbitrary<ListValidation> = fc.record({
  range,
  items: fc.option(fc.array(fc.oneof(vocabulary, fc.string({ maxLength: 3 })), { maxLength: 5 }), { nil: null }),
});
const sheet: fc.Arbitrary<SheetInput> = fc.record({
  name: fc.string({ maxLength: 8 }),
  values: fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 22 }),
  originRow: fc.option(fc.nat(5), { nil: undefined }),
  originCol: fc.option(fc.nat(5), { nil: undefined }),
  hiddenColumns: fc.option(fc.array(fc.nat(10), { maxLength: 3 }), { nil: undefined }),
  merges: fc.option(fc.array(range, { maxLength: 4 }), { nil: undefined }),
  validations: fc.option(fc.array(validation, { maxLength: 3 }), { nil: undefined }),
  hidden: fc.option(fc.boolean(), { nil: undefined }),
});
const workbook: fc.Arbitrary<WorkbookInput> = fc.record({ sheets: fc.array(sheet, { maxLength: 3 }) });

function scoresInRange(r: ReturnType<typeof analyse>): void {
  if (!r.ok) {
    expect(r.error.message.ja.length).toBeGreaterThan(0);
    expect(r.error.message.en.length).toBeGreaterThan(0);
    return;
  }
  const inRange = (x: number | null) => x === null || (x >= 0 && x <= 100 && Math.round(x * 10) === x * 10);
  expect(inRange(r.report.overall.score) && inRange(r.report.overall.readiness)).toBe(true);
  for (const f of r.report.fields) expect(inRange(f.score) && inRange(f.readiness)).toBe(true);
  expect(r.report.items.length).toBe(r.location.rows.length);
  expect(new Set(r.report.items.map((i) => i.id)).size).toBe(r.report.items.length);
  const s = r.report.summary;
  expect(s.answered + s.blank + s.invalid + s.naNotAllowed).toBe(s.items);
}

describe("properties", () => {
  test("classifyAnswer never throws and only canonical strings are ok", () => {
    fc.assert(
      fc.property(fc.oneof(cell, fc.string()), fc.boolean(), (raw, na) => {
        const r = classifyAnswer(raw, na);
        if (r.status === "ok") expect(["○", "△", "×", "-"]).toContain(raw);
        if (r.status === "blank" || r.status === "invalid") expect(r.answer).toBeNull();
        if (r.answer === "-" && !na) expect(r.status).toBe("na_not_allowed");
      }),
      { numRuns: 2000 },
    );
  });

  test("fold equals NFKC + no white space + lower case on any text", () => {
    const reference = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
    fc.assert(fc.property(fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.string()), (s) => fold(s) === reference(s)), { numRuns: 3000 });
  });

  test("detectChecklist / analyse / findCompanyName never throw on arbitrary grids; scores stay in 0-100 or null", () => {
    fc.assert(
      fc.property(workbook, (wb) => {
        detectChecklist(wb);
        findCompanyName(wb);
        scoresInRange(analyse(wb, { profile: testProfile() }));
        scoresInRange(analyse(wb));
      }),
      { numRuns: 400 },
    );
  });

  test("scoring any mix of statuses: 0-100 with one decimal, null only when nothing counts, overall over all items", () => {
    const judged: fc.Arbitrary<[Answer | null, ItemStatus]> = fc.constantFrom<[Answer | null, ItemStatus]>(
      ["○", "ok"], ["△", "ok"], ["×", "ok"], ["-", "ok"], ["○", "normalized"], ["△", "normalized"], ["×", "normalized"], ["-", "normalized"],
      [null, "blank"], [null, "invalid"], ["-", "na_not_allowed"],
    );
    const names = TICS_2024.fields.map((f) => f.name.ja).concat(["独自の分野"]);
    const item = fc.tuple(judged, fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), (list) => {
        const items: ItemResult[] = list.map(([[answer, status], fields], i) => ({
          id: `S-${i + 1}`, section: "", number: String(i + 1), text: "t", cell: `C${i + 1}`, row: i, col: 2, raw: answer,
          answer, status, naAllowed: true, naSource: "profile", fields, fieldSource: "column", topic: null,
        }));
        const { fields, overall } = scoreItems(items, TICS_2024);
        const oneDecimal = (x: number | null) => x === null || (x >= 0 && x <= 100 && Math.abs(Math.round(x * 10) - x * 10) < 1e-9);
        for (const s of [overall, ...fields]) expect([oneDecimal(s.score), oneDecimal(s.readiness)]).toEqual([true, true]);
        // The overall score follows from the answer counts of all items (not from the field scores).
        const c = summarise(items).counts;
        const counted = c["○"] + c["△"] + c["×"];
        expect(overall.score).toBe(counted ? Math.round((1000 * (c["○"] + 0.5 * c["△"])) / counted) / 10 : null);
        for (const f of fields) {
          const k = f.counts;
          expect(f.score === null).toBe(k["○"] + k["△"] + k["×"] === 0);
        }
        // One plan row per ×, △, blank, invalid and na_not_allowed item.
        const needing = items.filter((it) => it.answer === "×" || it.answer === "△" || !["ok", "normalized"].includes(it.status)).length;
        expect(buildPlan(items, fields, TICS_2024)).toHaveLength(needing);
      }),
      { numRuns: 500 },
    );
  });

  test("locateFromAnswerCells never throws on arbitrary selections", () => {
    fc.assert(
      fc.property(workbook, fc.oneof(range, fc.record({ top: fc.integer(), left: fc.integer(), bottom: fc.integer(), right: fc.integer() })), (wb, sel) => {
        const name = wb.sheets[0]?.name ?? "x";
        const r = locateFromAnswerCells(wb, name, sel);
        if (r.ok) scoresInRange(analyse(wb, { location: r.location, profile: testProfile() }));
      }),
      { numRuns: 300 },
    );
  });

  test("detection does not depend on sheet order or on other sheets", () => {
    const b = buildChecklist([{ label: "Ⅰ 共通項目", items: Array.from({ length: 30 }, (_, i) => ({ text: `確認用の文章その${i + 1}。`, answer: "○" })) }], { name: "本体", top: 3, left: 2 });
    fc.assert(
      fc.property(workbook, fc.nat(), (other, pos) => {
        const sheets = other.sheets.filter((x) => x.name !== "本体");
        sheets.splice(pos % (sheets.length + 1), 0, b.sheet);
        const r = detectChecklist({ sheets });
        expect(r.ok && [r.location.sheet, r.location.rows.length, r.location.answerCol]).toEqual(["本体", 30, 4]);
      }),
      { numRuns: 200 },
    );
  });

  test("a real table with random answers: every row found, scores within 0-100, reevaluate agrees", () => {
    const answers = fc.array(fc.oneof(vocabulary, cell), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(answers, fc.nat(30), fc.nat(10), (raw, top, left) => {
        const b = buildChecklist([{ label: "Ⅰ 共通項目", items: raw.map((a, i) => ({ text: `確認用の文章その${i + 1}。`, answer: a })) }], { top, left });
        const r = analyse({ sheets: [b.sheet] }, { profile: testProfile() });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.report.items.map((i) => i.row)).toEqual(b.itemRows);
        scoresInRange(r);
        expect(reevaluate({ sheets: [b.sheet] }, r.location, { profile: testProfile() })).toEqual(r.report);
      }),
      { numRuns: 200 },
    );
  });
});
