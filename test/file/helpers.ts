/** Test helpers for the file gateway: a hand-built Report for the openpyxl fixture, zip part access. */
import { readFileSync } from "fs";
import { join } from "path";
import { unzipSync, strFromU8 } from "fflate";
import { type Advice, type Answer, type CellValue, FALLBACK_ADVICE, type FieldScore, type ItemResult, type ItemStatus, type PlanRow, type Report } from "../../src/core/model";

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(__dirname, "..", "fixtures", name)));
}

export function parts(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

export function partText(bytes: Uint8Array, name: string): string {
  const p = parts(bytes)[name];
  if (!p) throw new Error(`no part ${name}`);
  return strFromU8(p);
}

type Row = [section: string, number: string, text: string, row: number, raw: CellValue, answer: Answer | null, status: ItemStatus, field: string];

/** The checklist of test/fixtures/openpyxl-checklist.xlsx (sheet 「チェックリスト」, answers in column C). */
export const FIXTURE_ROWS: Row[] = [
  ["I 共通項目", "1", "（テスト用の文）情報管理の方針を定めている", 5, "○", "○", "ok", "ルール作り"],
  ["I 共通項目", "2", "（テスト用の文）守るべき情報を特定している", 6, "〇", "○", "normalized", "ルール作り"],
  ["I 共通項目", "3", "=（テスト用の文）数式に見える項目文", 7, "△", "△", "ok", "ルールの実践"],
  ["I 共通項目", "4", "+（テスト用の文）責任者を決めている", 8, "x", "×", "normalized", "人的対策"],
  ["II 個別項目", "1", "（テスト用の文）取引先から預かった情報を管理している", 10, "-", "-", "ok", "ルールの実践"],
  ["II 個別項目", "2", "（テスト用の文）入退室を管理している", 11, "×", "×", "ok", "設備的対策"],
  ["II 個別項目", "3", "@（テスト用の文）アカウントを管理している", 12, null, null, "blank", "サイバー対策"],
  ["II 個別項目", "4", "-（テスト用の文）ログを確認している", 13, "ー", "-", "normalized", "サイバー対策"],
  ["II 個別項目", "5", "（テスト用の文）事故の連絡体制がある", 14, "○", "○", "ok", "漏えいを起こさない"],
];

const counts = () => ({ "○": 0, "△": 0, "×": 0, "-": 0 });

/** A Report as the engine would produce it for the fixture (built by hand; scores are test values). */
export function fixtureReport(scores: Record<string, number | null> = {}): Report {
  const items: ItemResult[] = FIXTURE_ROWS.map(([section, number, text, row, raw, answer, status, field]) => ({
    id: `${section.startsWith("II") ? "II" : "I"}-${number}`,
    section,
    number,
    text,
    cell: `C${row + 1}`,
    row,
    col: 2,
    raw,
    answer,
    status,
    naAllowed: section.startsWith("II"),
    naSource: "validation",
    fields: [field],
    fieldSource: "column",
    topic: null,
  }));
  const fieldNames = [...new Set(items.map((i) => i.fields[0]))];
  const fields: FieldScore[] = fieldNames.map((name, k) => ({
    name,
    nameEn: `Field ${k + 1}`,
    score: name in scores ? scores[name] : 10 * (k + 1),
    readiness: 5 * (k + 1),
    items: items.filter((i) => i.fields[0] === name).length,
    counts: counts(),
  }));
  const plan: PlanRow[] = items
    .filter((i) => i.answer !== "○")
    .map((i, k) => ({
      rank: k + 1,
      itemId: i.id,
      cell: i.cell,
      section: i.section,
      number: i.number,
      text: i.text,
      answer: i.answer,
      status: i.status,
      fields: i.fields,
      priority: "high",
      topic: null,
      advice: FALLBACK_ADVICE,
    }));
  const topics: Record<string, Advice> = {
    [FALLBACK_ADVICE]: {
      title: { ja: "その他", en: "Other" },
      hint: { ja: "=ヒント（テスト）", en: "=hint (test)" },
      firstStep: { ja: "第一歩（テスト）", en: "first step (test)" },
      evidence: { ja: "証跡（テスト）", en: "evidence (test)" },
      references: { tics: { ja: "", en: "" }, iso27001: ["A.5.1"], jama: { ja: "", en: "" } },
    },
  };
  return {
    file: "openpyxl-checklist.xlsx",
    sheet: "チェックリスト",
    profile: "tics-2024",
    location: { headerRow: 3, numberCol: 0, textCol: 1, answerCol: 2, fieldCol: 3, range: "A4:D15", source: "detected" },
    company: "テスト工業株式会社",
    items,
    summary: { items: items.length, answered: 8, blank: 1, invalid: 0, normalized: 3, naNotAllowed: 0, counts: counts() },
    fields,
    overall: { score: 55.5, readiness: 40 },
    findings: [],
    plan,
    topics,
    workbookResults: null,
  };
}

/**
 * Every internal relationship target exists, relationship ids are unique per part, every part has a content type,
 * and workbook.xml's sheets (unique names and sheetIds) and sheet-local names point at what exists.
 */
export function expectConsistentPackage(bytes: Uint8Array): void {
  const p = parts(bytes);
  const wb = strFromU8(p["xl/workbook.xml"]);
  const wbRels = strFromU8(p["xl/_rels/workbook.xml.rels"]);
  const sheets = [...wb.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/>/g)].map((m) => m[1]);
  const attr = (a: string, n: string) => new RegExp(`\\s${n}="([^"]*)"`).exec(a)?.[1];
  expect(sheets.length).toBeGreaterThan(0);
  const names = sheets.map((a) => attr(a, "name")!.toLowerCase());
  expect(new Set(names).size).toBe(names.length);
  const ids = sheets.map((a) => attr(a, "sheetId"));
  expect(new Set(ids).size).toBe(ids.length);
  for (const a of sheets) expect(wbRels).toContain(`Id="${attr(a, "r:id")}"`);
  for (const m of wb.matchAll(/localSheetId="(\d+)"/g)) expect(Number(m[1])).toBeLessThan(sheets.length);
  const ct = strFromU8(p["[Content_Types].xml"]);
  const overrides = [...ct.matchAll(/PartName="\/([^"]+)"/g)].map((m) => m[1]);
  const defaults = [...ct.matchAll(/<Default Extension="([^"]+)"/g)].map((m) => m[1].toLowerCase());
  for (const o of overrides) expect({ override: o, exists: o in p }).toEqual({ override: o, exists: true });
  for (const name of Object.keys(p)) {
    if (name === "[Content_Types].xml" || name.endsWith("/")) continue;
    const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
    expect({ name, typed: overrides.includes(name) || defaults.includes(ext) }).toEqual({ name, typed: true });
    if (!name.endsWith(".rels")) continue;
    const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(name)!;
    const dir = m[1].replace(/\/$/, "");
    const relIds = [...strFromU8(p[name]).matchAll(/<Relationship [^>]*Id="([^"]+)"/g)].map((x) => x[1]);
    expect({ rels: name, unique: new Set(relIds).size === relIds.length }).toEqual({ rels: name, unique: true });
    for (const r of strFromU8(p[name]).matchAll(/<Relationship ([^>]*)\/>/g)) {
      if (/TargetMode="External"/.test(r[1])) continue;
      const target = /Target="([^"]+)"/.exec(r[1])![1];
      const segs = target.startsWith("/") ? [] : dir.split("/").filter(Boolean);
      for (const s of target.split("/")) {
        if (!s || s === ".") continue;
        if (s === "..") segs.pop();
        else segs.push(s);
      }
      const resolved = segs.join("/");
      expect({ from: name, target: resolved, exists: resolved in p }).toEqual({ from: name, target: resolved, exists: true });
    }
  }
}

