import { analyse } from "../../src/core/analyse";
import { appendHistory, fieldChanges, historyModel, historyRowOf, readHistory, sameHistory } from "../../src/core/history";
import type { Report, WorkbookInput } from "../../src/core/model";
import { resultsModel } from "../../src/core/sheets";
import { buildChecklist, wb } from "./helpers";

/** All items in the workbook's own 分野 column (section titles are no fields; unassigned items get none). */
function report(answers: string[]): Report {
  const w: WorkbookInput = wb(
    buildChecklist([{ label: "Ⅰ 共通項目", items: answers.map((a, i) => ({ text: `テスト用の確認文その${i + 1}について記述している。`, answer: a, field: "共通分野" })) }], { fieldColumn: true }).sheet,
  );
  const res = analyse(w);
  if (!res.ok) throw new Error("no checklist");
  return res.report;
}

const t1 = new Date(2026, 10, 1, 9, 0);
const t2 = new Date(2026, 10, 8, 9, 0);
const t3 = new Date(2026, 10, 15, 9, 0);

describe("history", () => {
  it("appends one row per changed result and none for an unchanged one; 前回 is the last row before", () => {
    const a = report(["○", "×", "×"]);
    const b = report(["○", "○", "×"]);
    let u = appendHistory([], historyRowOf(a, t1, "山田"));
    expect(u.appended).toBe(true);
    expect(u.previous).toBeNull();
    u = appendHistory(u.rows, historyRowOf(a, t2));
    expect(u.appended).toBe(false);
    expect(u.rows).toHaveLength(1);
    expect(u.previous).toBeNull();
    u = appendHistory(u.rows, historyRowOf(b, t2));
    expect(u.appended).toBe(true);
    expect(u.rows).toHaveLength(2);
    expect(u.previous).toEqual({ date: "2026-11-01 09:00", overall: a.overall.score, fields: a.fields.map((f) => ({ name: f.name, score: f.score })) });
    // unchanged again: 前回 stays the row before the last
    const same = appendHistory(u.rows, historyRowOf(b, t3));
    expect(same.appended).toBe(false);
    expect(same.previous?.date).toBe("2026-11-01 09:00");
  });

  it("renders and reads back the sheet in both languages, with a line chart over overall and readiness", () => {
    const a = report(["○", "×", "-"]);
    const b = report(["○", "○", "-"]);
    const rows = appendHistory(appendHistory([], historyRowOf(a, t1, "山田")).rows, historyRowOf(b, t2)).rows;
    for (const lang of ["ja", "en"] as const) {
      const m = historyModel(rows, lang);
      expect(m.rows).toHaveLength(3);
      expect(m.series.map((s) => s.name)).toEqual(lang === "ja" ? ["総合スコア", "準備度"] : ["Overall", "Readiness"]);
      expect(m.rows[1][0]).toBe("2026-11-01 09:00");
      expect(m.rows[1][3]).toBe("山田");
      expect(m.rows[2][1]).toBe(b.overall.score);
      const back = readHistory(m.rows);
      expect(back).toHaveLength(2);
      expect(sameHistory(back[0], rows[0])).toBe(true);
      expect(back[1]).toEqual(rows[1]);
    }
  });

  it("a field without a score survives the sheet round trip as no change (no row appended for an unchanged result)", () => {
    const a = report(["○", "×"]);
    const row = { ...historyRowOf(a, t1), fields: [...historyRowOf(a, t1).fields, { name: "未採点の分野", score: null }] };
    const back = readHistory(historyModel([row], "ja").rows);
    expect(back[0].fields.map((f) => f.name)).toEqual(["共通分野"]);
    expect(sameHistory(back[0], row)).toBe(true);
    expect(appendHistory(back, { ...row, date: "2026-11-08 09:00" }).appended).toBe(false);
    // a score that appears or goes is a change
    expect(sameHistory(back[0], { ...row, fields: [...row.fields.slice(0, 1), { name: "未採点の分野", score: 0 }] })).toBe(false);
    expect(sameHistory(back[0], { ...row, fields: [] })).toBe(false);
  });

  it("results sheet: 前回 series with its date below the table; field changes for the pane", () => {
    const a = report(["○", "×", "×"]);
    const b = report(["○", "○", "×"]);
    const u = appendHistory(appendHistory([], historyRowOf(a, t1)).rows, historyRowOf(b, t2));
    expect(a.fields.map((f) => f.name)).toEqual(["共通分野"]);
    const m = resultsModel(b, "ja", u.previous, t2);
    expect(m.seriesNames).toEqual(["今回", "前回（2026-11-01 09:00）"]); // the previous series carries its date
    expect(m.rows[m.fieldTable.top + 1][2]).toBe(a.fields[0].score);
    expect(m.rows.find((r) => r[0] === "前回の診断日時")).toEqual(["前回の診断日時", "2026-11-01 09:00"]);
    const ch = fieldChanges(b, u.previous);
    expect(ch[0].change).toBe(Math.round(((b.fields[0].score ?? 0) - (a.fields[0].score ?? 0)) * 10) / 10);
  });

  it("analyse reads the history sheet of the workbook", () => {
    const a = report(["○", "×"]);
    const m = historyModel([historyRowOf(a, t1)], "ja");
    const w = wb(buildChecklist([{ items: [{ text: "テスト用の確認文について記述している。", answer: "○" }] }]).sheet, { name: "履歴", values: m.rows });
    const res = analyse(w);
    expect(res.ok && res.report.history?.map((h) => h.date)).toEqual(["2026-11-01 09:00"]);
  });
});
