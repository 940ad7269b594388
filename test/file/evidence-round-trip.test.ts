/**
 * Evidence and history through the file gateway (the CLI's --out and the browser download), on workbooks whose
 * 「証跡・根拠」 sheet was typed in by another program: openpyxl, the same with the checklist rows moved down, and
 * that one re-saved by LibreOffice (test/fixtures/*evidence*.xlsx, made by scripts/make-fixtures.py).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { annotatedCopy, checkWorkbookBytes } from "../../src/app/files";
import { EVIDENCE_SHEET } from "../../src/core/evidence";
import { HISTORY_SHEET } from "../../src/core/history";
import type { CellValue, Report } from "../../src/core/model";
import { readWorkbook } from "../../src/file/xlsx-read";
import { expectConsistentPackage, fixture, partText } from "./helpers";

const T1 = new Date(2026, 0, 5, 9, 0);
const T2 = new Date(2026, 0, 12, 9, 0);
const T3 = new Date(2026, 0, 19, 9, 0);

function check(bytes: Uint8Array): Report {
  const r = checkWorkbookBytes(bytes, "x.xlsx");
  if (!r.ok) throw new Error(r.error.en);
  return r.report;
}

function grid(bytes: Uint8Array, name: string): CellValue[][] {
  const s = readWorkbook(bytes).sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s.values;
}

function rowOf(g: CellValue[][], id: string): CellValue[] {
  const r = g.find((x) => x[0] === id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
}

/** The same workbook with every × answer turned into ○ (a shared string for LibreOffice, inline strings for openpyxl). */
function improved(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  let changed = 0;
  for (const name of Object.keys(files)) {
    if (name !== "xl/sharedStrings.xml" && !/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = strFromU8(files[name]);
    // openpyxl writes characters as numeric references (&#215;).
    const next = xml.replace(/(<t[^>]*>)(?:×|&#215;|&#xD7;)(<\/t>)/gi, (_m, open: string, close: string) => {
      changed++;
      return `${open}○${close}`;
    });
    files[name] = strToU8(next);
  }
  expect(changed).toBeGreaterThan(0);
  return zipSync(files);
}

describe.each(["openpyxl-evidence.xlsx", "openpyxl-evidence-moved.xlsx", "libreoffice-evidence-moved.xlsx"])("evidence round trip on %s", (name) => {
  const input = fixture(name);

  it("reads what the user typed: coverage, 「-」 reasons", () => {
    const r = check(input);
    expect(r.evidence?.sheet).toBe(EVIDENCE_SHEET);
    expect(r.evidence?.entries["I-1"]).toEqual({ evidence: "情報管理規程 第3版（共有フォルダ/規程）", reason: "", checker: "山田", checkedOn: 46300, memo: "年1回見直し" });
    expect(r.evidence?.entries["II-1"].reason).toBe("取引先から預かる情報がないため");
    // ○ items: I-1, I-2 (〇), II-5 → two with evidence
    expect(r.evidence?.overall).toEqual({ coverage: 66.7, withEvidence: 2, circles: 3 });
    // II-1 「-」 has a reason, II-4 (ー, read as 「-」) has none
    expect(r.evidence?.naWithoutReason).toEqual(["II-4"]);
    if (name.includes("moved")) expect(r.items.find((i) => i.id === "I-1")?.row).toBe(8);
  });

  it("--out keeps the typed entries and the user's own column by item id, and the text stays text", () => {
    const r = check(input);
    const out = annotatedCopy(input, r, { fix: false, lang: "ja", now: T1, records: true });
    expect(out.sheets.evidence).toBe(EVIDENCE_SHEET);
    expect(out.warnings).toEqual([]);
    expectConsistentPackage(out.bytes);
    const g = grid(out.bytes, EVIDENCE_SHEET);
    expect(g[0]).toEqual(["項目ID", "区分", "No.", "項目", "回答", "証跡（文書名・保管場所）", "該当しない理由", "確認者", "確認日", "メモ", "保管棚"]);
    expect(g.slice(1).map((x) => x[0])).toEqual(r.items.map((i) => i.id));
    expect(rowOf(g, "I-1").slice(4)).toEqual(["○", "情報管理規程 第3版（共有フォルダ/規程）", null, "山田", 46300, "年1回見直し", "棚A"]);
    expect(rowOf(g, "II-5").slice(5)).toEqual(["事故連絡網（総務部掲示）", null, null, null, "=連絡網は掲示板にも", "棚B"]);
    const sheets = readWorkbook(out.bytes).sheets.map((s) => s.name);
    expect(sheets.filter((s) => ["診断結果", "改善計画", EVIDENCE_SHEET, HISTORY_SHEET].includes(s)).sort()).toEqual(
      ["診断結果", "改善計画", EVIDENCE_SHEET, HISTORY_SHEET].sort(),
    );
    expect(sheets.filter((s) => s === EVIDENCE_SHEET)).toHaveLength(1);
    // never a formula: the memo starting with = is an inline string
    const wbXml = partText(out.bytes, "xl/workbook.xml");
    expect(wbXml).toContain("_TicsCheck_Evidence");
    // The plan's evidence column says what is recorded.
    const plan = grid(out.bytes, "改善計画");
    const ev = plan[1].indexOf("審査で求められる証跡"); // the header row, below the order line
    expect(plan.filter((x) => x[1] === "II-2").map((x) => String(x[ev]))[0]).toContain("記録済み: なし");
  });

  it("regenerating the copy (and the copy of the copy) keeps entries; history grows only when the result changes", () => {
    const first = annotatedCopy(input, check(input), { fix: false, lang: "ja", now: T1, records: true });
    expect(first.historyAppended).toBe(true);
    const h1 = grid(first.bytes, HISTORY_SHEET);
    expect(h1).toHaveLength(2);
    expect(h1[1][0]).toBe("2026-01-05 09:00");
    // Unchanged result: no new row, no 「前回」.
    const again = annotatedCopy(first.bytes, check(first.bytes), { fix: false, lang: "ja", now: T2, records: true });
    expect(again.historyAppended).toBe(false);
    expect(grid(again.bytes, HISTORY_SHEET)).toHaveLength(2);
    expect(grid(again.bytes, "診断結果").some((x) => x[0] === "前回の診断日時")).toBe(false);
    // Changed result: one more row, 「前回」 from the last row, with its date.
    const changedInput = improved(again.bytes);
    const changed = check(changedInput);
    const third = annotatedCopy(changedInput, changed, { fix: false, lang: "ja", now: T3, records: true });
    expect(third.historyAppended).toBe(true);
    const h3 = grid(third.bytes, HISTORY_SHEET);
    expect(h3.map((x) => x[0])).toEqual(["日時", "2026-01-05 09:00", "2026-01-19 09:00"]);
    expect(h3[2][1]).toBe(changed.overall.score);
    const res = grid(third.bytes, "診断結果");
    expect(res.find((x) => x[0] === "前回の診断日時")?.[1]).toBe("2026-01-05 09:00");
    const head = res.findIndex((x) => x[0] === "分野" && x[1] === "今回");
    expect(res[head][2]).toBe("前回（2026-01-05 09:00）"); // the previous series carries its date
    const firstRow = h1[0];
    for (let r = head + 1; r < res.length && res[r][0]; r++) {
      const col = firstRow.indexOf(res[r][0]);
      expect(res[r][2] ?? null).toBe(col >= 0 ? (h1[1][col] ?? null) : null);
    }
    // a line chart over overall and readiness on the history sheet
    const charts = Object.keys(unzipSync(third.bytes)).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    const line = charts.map((p) => partText(third.bytes, p)).find((x) => x.includes("<c:lineChart>"));
    expect(line).toContain("<c:v>総合スコア</c:v>");
    expect(line).toContain("<c:v>準備度</c:v>");
    expect(line).toContain("<c:v>2026-01-19 09:00</c:v>");
    // evidence still there after three rounds
    const g = grid(third.bytes, EVIDENCE_SHEET);
    expect(rowOf(g, "II-1")[6]).toBe("取引先から預かる情報がないため");
    expect(rowOf(g, "I-1")[10]).toBe("棚A");
    expectConsistentPackage(third.bytes);
  });

  it("evidence typed in the pane (browser mode) is merged into the sheet by item id", () => {
    const r = check(input);
    const out = annotatedCopy(input, r, {
      fix: false,
      lang: "en",
      now: T1,
      records: true,
      evidence: new Map([["II-4", { reason: "No such service" }], ["I-1", { memo: "" }]]),
    });
    const g = grid(out.bytes, EVIDENCE_SHEET);
    expect(g[0].slice(5)).toEqual(["Evidence (document, location)", "Reason for 「-」", "Checked by", "Checked on", "Memo", "保管棚"]);
    expect(rowOf(g, "II-4")[6]).toBe("No such service");
    expect(rowOf(g, "I-1").slice(5)).toEqual(["情報管理規程 第3版（共有フォルダ/規程）", null, "山田", 46300, null, "棚A"]);
    expect(check(out.bytes).evidence?.naWithoutReason).toEqual([]);
  });
});
