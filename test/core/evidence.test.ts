import { analyse } from "../../src/core/analyse";
import {
  EVIDENCE_SHEET,
  EVIDENCE_USER_HEADERS,
  coverageText,
  evidenceModel,
  mergeEvidence,
  naWithoutReasonWarning,
  readEvidenceEntries,
  readEvidenceUserHeaders,
  readEvidenceUserValues,
} from "../../src/core/evidence";
import type { CellValue, Report, WorkbookInput } from "../../src/core/model";
import { planModel } from "../../src/core/sheets";
import { buildChecklist, wb } from "./helpers";

const items = [
  { text: "テスト用の確認文その一について記述している。", answer: "○" },
  { text: "テスト用の確認文その二について記述している。", answer: "○" },
  { text: "テスト用の確認文その三について記述している。", answer: "×" },
  { text: "テスト用の確認文その四について記述している。", answer: "-" },
  { text: "テスト用の確認文その五について記述している。", answer: "-" },
];

function checklist(): WorkbookInput {
  return wb(buildChecklist([{ label: "Ⅰ 共通項目", items }], { validation: ["○", "△", "×", "-"] }).sheet);
}

function run(w: WorkbookInput): Report {
  const res = analyse(w);
  if (!res.ok) throw new Error("no checklist");
  return res.report;
}

/** The evidence sheet a user filled in: written by the model, then typed into. */
function filled(report: Report, edits: Record<string, CellValue[]>, extra?: string): CellValue[][] {
  const m = evidenceModel(report, "ja", new Map());
  const header = extra ? [...m.header, extra] : m.header;
  const rows = m.rows.map((r) => {
    const id = String(r[0]);
    const e = edits[id];
    if (!e) return extra ? [...r, null] : r;
    const out = r.slice(0, m.userColumnStart).concat(e.slice(0, 5));
    while (out.length < m.header.length) out.push(null);
    return extra ? [...out, e[5] ?? null] : out;
  });
  return [header, ...rows];
}

describe("evidence sheet", () => {
  it("has one row per item with the five user columns, keyed by item id", () => {
    const r = run(checklist());
    const m = evidenceModel(r, "ja", new Map());
    expect(m.name).toBe(EVIDENCE_SHEET);
    expect(m.header).toEqual(["項目ID", "区分", "No.", "項目", "回答", ...EVIDENCE_USER_HEADERS]);
    expect(m.rows.map((x) => x[0])).toEqual(r.items.map((i) => i.id));
    expect(m.rows[0].slice(0, 5)).toEqual([r.items[0].id, "Ⅰ 共通項目", "1", items[0].text, "○"]);
    expect(m.rows[0].slice(5)).toEqual([null, null, null, null, null]);
  });

  it("keeps user values and user-added columns by id, also when rows moved and in English", () => {
    const r = run(checklist());
    const id0 = r.items[0].id;
    const id3 = r.items[3].id;
    const grid = filled(r, { [id0]: ["規程集 v2（共有フォルダ）", null, "山田", 46000, "見直し予定", "棚A"], [id3]: [null, "在宅勤務なし", null, null, null] }, "保管棚");
    // The user sorts the sheet: rows in another order.
    const sorted = [grid[0], ...grid.slice(1).reverse()];
    expect(readEvidenceUserHeaders(sorted)).toEqual([...EVIDENCE_USER_HEADERS, "保管棚"]);
    const user = readEvidenceUserValues(sorted);
    const again = evidenceModel(r, "en", user, readEvidenceUserHeaders(sorted));
    expect(again.header.slice(5)).toEqual(["Evidence (document, location)", "Reason for 「-」", "Checked by", "Checked on", "Memo", "保管棚"]);
    expect(again.rows[0]).toEqual([id0, "Ⅰ 共通項目", "1", items[0].text, "○", "規程集 v2（共有フォルダ）", null, "山田", 46000, "見直し予定", "棚A"]);
    // and read back from the English sheet
    const back = readEvidenceEntries([again.header, ...again.rows]);
    expect(back.get(id3)?.reason).toBe("在宅勤務なし");
    expect(back.get(id0)?.checkedOn).toBe(46000);
  });

  it("keeps entries of items that left the checklist", () => {
    const r = run(checklist());
    const user = new Map<string, CellValue[]>([["I-99", ["古い証跡", null, null, null, null]]]);
    const m = evidenceModel(r, "ja", user);
    expect(m.rows[m.rows.length - 1]).toEqual(["I-99", "", "", "（チェックリストに見当たりません）", "", "古い証跡", null, null, null, null]);
  });

  it("mergeEvidence replaces only the given columns", () => {
    const user = new Map<string, CellValue[]>([["I-1", ["doc", null, "山田", null, "memo", "extra"]]]);
    mergeEvidence(user, 6, "I-1", { reason: "理由" });
    expect(user.get("I-1")).toEqual(["doc", "理由", "山田", null, "memo", "extra"]);
    mergeEvidence(user, 6, "I-2", { evidence: "x" });
    expect(user.get("I-2")).toEqual(["x", null, null, null, null, null]);
  });
});

describe("evidence in the result", () => {
  it("without an evidence sheet: coverage 0 of the ○ items, every 「-」 lacks a reason", () => {
    const r = run(checklist());
    expect(r.evidence?.sheet).toBeNull();
    expect(r.evidence?.overall).toEqual({ coverage: 0, withEvidence: 0, circles: 2 });
    expect(r.evidence?.naWithoutReason).toEqual([r.items[3].id, r.items[4].id]);
    expect(naWithoutReasonWarning(r, "ja")).toContain("2 件");
  });

  it("reads the evidence sheet from the workbook: coverage per field and overall, 「-」 reasons", () => {
    const first = run(checklist());
    const grid = filled(first, { [first.items[0].id]: ["規程集", null, null, null, null], [first.items[3].id]: [null, "該当業務なし", null, null, null] });
    const w = checklist();
    w.sheets.push({ name: EVIDENCE_SHEET, values: grid });
    const r = run(w);
    expect(r.evidence?.sheet).toBe(EVIDENCE_SHEET);
    expect(r.evidence?.overall).toEqual({ coverage: 50, withEvidence: 1, circles: 2 });
    expect(coverageText(r.evidence!.overall, "ja")).toBe("50.0%（1/2）");
    for (const f of r.evidence!.fields) {
      const own = r.items.filter((i) => i.fields.includes(f.name) && i.answer === "○");
      expect(f.circles).toBe(own.length);
    }
    expect(r.evidence?.naWithoutReason).toEqual([r.items[4].id]);
    expect(r.evidence?.entries[r.items[0].id].evidence).toBe("規程集");
    // The plan's evidence column says what is recorded.
    const plan = planModel(r, "ja", new Map());
    const row = plan.rows.find((x) => x[1] === r.items[2].id)!;
    expect(String(row[8])).toContain("記録済み: なし");
  });

  it("a renamed evidence sheet is still found by its header; other sheets are not taken for one", () => {
    const first = run(checklist());
    const grid = filled(first, { [first.items[1].id]: ["点検記録", null, null, null, null] });
    const w = checklist();
    w.sheets.push({ name: "メモ", values: [["項目ID", "備考"], [first.items[0].id, "x"]] });
    w.sheets.push({ name: "証跡 2026", values: grid, originRow: 0 });
    const r = run(w);
    expect(r.evidence?.sheet).toBe("証跡 2026");
    expect(r.evidence?.overall.withEvidence).toBe(1);
  });
});
