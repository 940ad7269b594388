import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CellRange, CellValue, SheetInput } from "../../src/core/model";
import { analyse } from "../../src/core/analyse";
import { classifyAnswer } from "../../src/core/answers";
import { readWorkbook } from "../../src/file/xlsx-read";
import { writeSimpleWorkbook } from "../../src/file/xlsx-write";
import { SAMPLE_FILES, SAMPLE_LAYOUT, SAMPLE_MTIME, SAMPLE_SHEET_NAME, buildSampleSheet } from "../../scripts/make-samples";
import {
  SAMPLE_COMPANY,
  SAMPLE_ITEMS,
  SAMPLE_NOTE,
  SAMPLE_TITLE,
  SECTIONS,
} from "../../scripts/sample-content";

const SAMPLES = join(__dirname, "..", "..", "samples");

function readSample(file: string): SheetInput {
  const wb = readWorkbook(new Uint8Array(readFileSync(join(SAMPLES, file))));
  expect(wb.sheets.map((s) => s.name)).toEqual([SAMPLE_SHEET_NAME]);
  return wb.sheets[0];
}

function cell(s: SheetInput, row: number, col: number): CellValue {
  const v = s.values[row - (s.originRow ?? 0)]?.[col - (s.originCol ?? 0)];
  return v === undefined ? null : v;
}

const inside = (r: CellRange, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

function listAt(s: SheetInput, row: number, col: number): string[] | null | undefined {
  const hits = (s.validations ?? []).filter((v) => inside(v.range, row, col));
  if (hits.length > 1) throw new Error(`two validations on row ${row}`);
  return hits.length ? hits[0].items : undefined;
}

const { numberCol, textCol, answerCol, headerRow } = SAMPLE_LAYOUT;

describe.each([
  [SAMPLE_FILES.answered, true],
  [SAMPLE_FILES.blank, false],
] as const)("samples/%s", (file, withAnswers) => {
  const sheet = readSample(file);
  const build = buildSampleSheet(withAnswers);

  test("is up to date with scripts/sample-content.ts (run `npm run samples` after editing it)", () => {
    const fresh = readWorkbook(writeSimpleWorkbook([build.sheet])).sheets[0];
    expect(sheet.values).toEqual(fresh.values);
    expect(sheet.merges).toEqual(fresh.merges);
    expect(sheet.validations).toEqual(fresh.validations);
  });

  test("is exactly the bytes `npm run samples` writes (fixed zip timestamps: regenerating changes nothing)", () => {
    const bytes = writeSimpleWorkbook([build.sheet], { mtime: SAMPLE_MTIME });
    expect(Buffer.from(bytes).equals(readFileSync(join(SAMPLES, file)))).toBe(true);
    expect(Buffer.from(writeSimpleWorkbook([build.sheet], { mtime: SAMPLE_MTIME })).equals(Buffer.from(bytes))).toBe(true);
  });

  test("has the title, the own-words notice, the company line and the header, with the table not at A1", () => {
    expect(cell(sheet, 0, numberCol)).toBe(SAMPLE_TITLE);
    expect(cell(sheet, 1, numberCol)).toBe(SAMPLE_NOTE);
    expect(SAMPLE_NOTE).toContain("TICS Check");
    expect(SAMPLE_NOTE).toContain("ではありません");
    expect(cell(sheet, 2, numberCol)).toBe(SAMPLE_COMPANY);
    expect(cell(sheet, headerRow, numberCol)).toBe("内容");
    expect(cell(sheet, headerRow, answerCol)).toBe("チェック欄");
    expect(headerRow).toBeGreaterThan(0);
    expect(numberCol).toBeGreaterThan(0);
    expect(sheet.merges).toContainEqual({ top: headerRow, left: numberCol, bottom: headerRow, right: textCol });
  });

  test("section rows carry the section labels, merged over the content columns, without a dropdown", () => {
    expect(build.sectionRows.map((r) => cell(sheet, r, numberCol))).toEqual([...SECTIONS]);
    for (const r of build.sectionRows) {
      expect(sheet.merges).toContainEqual({ top: r, left: numberCol, bottom: r, right: textCol });
      expect(listAt(sheet, r, answerCol)).toBeUndefined();
    }
  });

  test("every item row has its number, its text and a dropdown with the right answers", () => {
    expect(build.itemRows).toHaveLength(SAMPLE_ITEMS.length);
    SAMPLE_ITEMS.forEach((item, i) => {
      const r = build.itemRows[i];
      expect(cell(sheet, r, numberCol)).toBe(item.number);
      expect(cell(sheet, r, textCol)).toBe(item.text);
      expect({ n: item.number, list: listAt(sheet, r, answerCol) }).toEqual({
        n: item.number,
        list: item.naAllowed ? ["○", "△", "×", "-"] : ["○", "△", "×"],
      });
    });
  });

  test(withAnswers ? "answers are the demo answers" : "all answers are empty", () => {
    const got = build.itemRows.map((r) => cell(sheet, r, answerCol));
    expect(got).toEqual(SAMPLE_ITEMS.map((i) => (withAnswers ? i.answer : null)));
  });
});

describe("demo answers in samples/tics-sample.xlsx", () => {
  const sheet = readSample(SAMPLE_FILES.answered);
  const build = buildSampleSheet(true);

  test("judged with the cell's own dropdown, each answer gets the status intended for it", () => {
    const got = SAMPLE_ITEMS.map((item, i) => {
      const r = build.itemRows[i];
      const list = listAt(sheet, r, answerCol) ?? [];
      return { n: item.number, status: classifyAnswer(cell(sheet, r, answerCol), list.includes("-")).status };
    });
    expect(got).toEqual(SAMPLE_ITEMS.map((i) => ({ n: i.number, status: i.expect })));
  });

  test("the mix shows every status and is mostly real answers", () => {
    const counts = new Map<string, number>();
    for (const i of SAMPLE_ITEMS) counts.set(i.expect, (counts.get(i.expect) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(["blank", "invalid", "na_not_allowed", "normalized", "ok"]);
    expect(counts.get("ok")!).toBeGreaterThan(SAMPLE_ITEMS.length * 0.7);
  });
});

describe("the engine on the samples", () => {
  const expectedIds = SAMPLE_ITEMS.map((i) => `${["I", "II", "III", "IV", "V"][SECTIONS.indexOf(i.section as (typeof SECTIONS)[number])]}-${i.number}`);

  test("analyse() finds the table at B11, every item, the company, and gives each item its intended status and topic", () => {
    const wb = readWorkbook(new Uint8Array(readFileSync(join(SAMPLES, SAMPLE_FILES.answered))));
    const res = analyse(wb, { file: SAMPLE_FILES.answered });
    if (!res.ok) throw new Error(res.error.message.ja);
    const { report } = res;
    expect(report.sheet).toBe(SAMPLE_SHEET_NAME);
    expect(report.company).toBe("サンプル精機株式会社");
    expect(report.location).toMatchObject({ headerRow, numberCol, textCol, answerCol, range: "B11:D58", source: "detected" });
    expect(report.items.map((i) => i.id)).toEqual(expectedIds);
    expect(report.items.map((i) => [i.number, i.text, i.status, i.naAllowed, i.topic])).toEqual(
      SAMPLE_ITEMS.map((i) => [String(i.number), i.text, i.expect, i.naAllowed, i.topic]),
    );
    expect(new Set(report.items.map((i) => i.section))).toEqual(new Set(SECTIONS));
    const count = (s: string) => SAMPLE_ITEMS.filter((i) => i.expect === s).length;
    expect(report.summary).toMatchObject({
      items: SAMPLE_ITEMS.length,
      blank: count("blank"),
      invalid: count("invalid"),
      normalized: count("normalized"),
      naNotAllowed: count("na_not_allowed"),
    });
    expect(report.fields.every((f) => f.items > 0 && f.score !== null)).toBe(true);
  });

  test("without the dropdowns, the profile's 「-」 rule gives the same permissions (one warning where it cannot judge)", () => {
    const wb = readWorkbook(new Uint8Array(readFileSync(join(SAMPLES, SAMPLE_FILES.answered))));
    for (const s of wb.sheets) s.validations = [];
    const res = analyse(wb);
    if (!res.ok) throw new Error(res.error.message.ja);
    // The condition-clause rule: where the sample allows 「-」 the profile accepts it; item 18 (removable media, no
    // condition clause) is one the profile cannot judge: its 「-」 is accepted with a warning instead of an error.
    expect(res.report.items.map((i) => [i.naAllowed, i.naSource])).toEqual(SAMPLE_ITEMS.map((i) => [i.naAllowed || i.number === 18, "profile"]));
    expect(res.report.warnings?.map((w) => [w.itemId, w.code])).toEqual([[res.report.items[17].id, "na_unsure"]]);
  });

  test("the blank sample is detected the same way with every item blank", () => {
    const wb = readWorkbook(new Uint8Array(readFileSync(join(SAMPLES, SAMPLE_FILES.blank))));
    const res = analyse(wb);
    if (!res.ok) throw new Error(res.error.message.ja);
    expect(res.report.items.map((i) => i.id)).toEqual(expectedIds);
    expect(res.report.items.every((i) => i.status === "blank")).toBe(true);
    expect(res.report.summary.blank).toBe(SAMPLE_ITEMS.length);
  });
});
