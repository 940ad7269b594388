import type { ItemResult, PlanRow, Report } from "../../src/core/model";
import {
  PLAN_SHEET,
  PLAN_USER_HEADERS,
  RESULTS_SHEET,
  isPlanIntroText,
  planModel,
  readPlanUserHeaders,
  readPlanUserValues,
  readStoredResult,
  resultsModel,
  tableHeaderRow,
  toStoredResult,
} from "../../src/core/sheets";
import { planNotesFromWorkbook } from "../../src/core/executive";
import { PLAN_ORDER_LINE } from "../../src/core/plan";

const refs = { tics: { ja: "方針", en: "Policy" }, iso27001: ["A.5.1"], jama: { ja: "方針・体制", en: "Policy" } };
const b = (ja: string, en: string) => ({ ja, en });
const policyAdvice = {
  title: b("方針", "Policy"),
  hint: b("方針を文書にする", "Write the policy down"),
  firstStep: b("雛形を作る", "Draft it"),
  evidence: b("基本方針", "Policy document"),
  references: refs,
};

function item(id: string, number: string, text: string, raw: string | null, answer: ItemResult["answer"], status: ItemResult["status"]): ItemResult {
  return {
    id, section: "I 共通項目", number, text, cell: `E${10 + Number(number)}`, row: 9 + Number(number), col: 4,
    raw, answer, status, naAllowed: false, naSource: "profile", fields: ["方針・体制"], fieldSource: "rule", topic: "policy",
  };
}

function planRow(rank: number, it: ItemResult, priority: PlanRow["priority"]): PlanRow {
  return {
    rank, itemId: it.id, cell: it.cell, section: it.section, number: it.number, text: it.text, answer: it.answer,
    status: it.status, fields: it.fields, priority, topic: it.topic, advice: "policy",
  };
}

function report(): Report {
  const items = [
    item("I-1", "1", "方針を定めている。", "○", "○", "ok"),
    item("I-2", "2", "=SUM(A1) のような文", "×", "×", "ok"),
    item("I-3", "3", "責任者を決めている。", null, null, "blank"),
    item("I-4", "4", "区分している。", "済", null, "invalid"),
  ];
  return {
    file: "a.xlsx", sheet: "チェックリスト", profile: "tics-2024",
    location: { headerRow: 8, numberCol: 2, textCol: 3, answerCol: 4, fieldCol: null, range: "C9:E14", source: "detected" },
    company: "サンプル精機株式会社",
    items,
    summary: { items: 4, answered: 2, blank: 1, invalid: 1, normalized: 0, naNotAllowed: 0, counts: { "○": 1, "△": 0, "×": 1, "-": 0 } },
    fields: [
      { name: "方針・体制", nameEn: "Policy and organisation", score: 50, readiness: 25, items: 4, counts: { "○": 1, "△": 0, "×": 1, "-": 0 } },
      { name: "技術的対策", nameEn: "Technical controls", score: null, readiness: null, items: 0, counts: { "○": 0, "△": 0, "×": 0, "-": 0 } },
    ],
    overall: { score: 50, readiness: 25 },
    findings: [],
    plan: [planRow(1, items[1], "high"), planRow(2, items[2], "medium"), planRow(3, items[3], "medium")],
    topics: { policy: policyAdvice },
    workbookResults: null,
  };
}

const now = new Date(2026, 10, 25, 9, 5);

describe("resultsModel", () => {
  it("lays out summary and a field table the chart can bind to", () => {
    const m = resultsModel(report(), "ja", null, now);
    expect(m.name).toBe(RESULTS_SHEET);
    expect(m.seriesNames).toEqual(["今回"]);
    const t = m.fieldTable;
    expect(m.rows[t.top]).toEqual(["分野", "今回"]);
    expect(m.rows[t.top + 1]).toEqual(["方針・体制", 50]);
    expect(m.rows[t.bottom]).toEqual(["技術的対策", null]);
    expect(t.right).toBe(1);
    expect(m.rows.find((r) => r[0] === "診断日時")).toEqual(["診断日時", "2026-11-25 09:05"]);
    expect(m.rows.find((r) => r[0] === "総合スコア")).toEqual(["総合スコア", 50]);
    expect(m.rows.find((r) => r[0] === "要確認（未回答・無効・「-」不可）")).toEqual(["要確認（未回答・無効・「-」不可）", 2]);
    expect(m.chartAnchor.left).toBeGreaterThan(t.right);
  });

  it("adds a 前回 series from a stored result, matched by field name", () => {
    const prev = { date: "2026-10-01 10:00", overall: 40, fields: [{ name: "技術的対策", score: 30 }, { name: "消えた分野", score: 10 }] };
    const m = resultsModel(report(), "ja", prev, now);
    expect(m.seriesNames).toEqual(["今回", expect.stringMatching(/^前回（\d{4}-\d\d-\d\d \d\d:\d\d）$/)]);
    expect(m.rows[m.fieldTable.top]).toEqual(["分野", "今回", expect.stringMatching(/^前回（\d{4}-\d\d-\d\d \d\d:\d\d）$/)]);
    expect(m.rows[m.fieldTable.top + 1]).toEqual(["方針・体制", 50, null]);
    expect(m.rows[m.fieldTable.top + 2]).toEqual(["技術的対策", null, 30]);
    expect(m.fieldTable.right).toBe(2);
  });

  it("English sheet: no Japanese in the headers or chart series; Previous carries its date", () => {
    const prev = { date: "2026-10-01 10:00", overall: 40, fields: [{ name: "技術的対策", score: 30 }] };
    const m = resultsModel(report(), "en", prev, now);
    expect(m.seriesNames).toEqual(["This time", "Previous (2026-10-01 10:00)"]);
    const jp = /[\u3000-\u30ff\u4e00-\u9fff]/;
    expect(m.rows[m.fieldTable.top].filter((v) => typeof v === "string" && jp.test(v))).toEqual([]);
    for (const name of m.seriesNames) expect(name).not.toMatch(jp);
    expect(m.chartTitle).not.toMatch(jp);
    const labels = m.rows.filter((r) => r.length > 1).map((r) => r[0]).filter((v) => typeof v === "string");
    // 「-」 is the answer symbol as typed in the workbook, quoted; nothing else is Japanese
    expect(labels.filter((v) => jp.test((v as string).replace(/「-」/g, "")))).toEqual([]);
    // and it reads back as the next run's previous result
    expect(readStoredResult(m.rows)?.date).toBe("2026-11-25 09:05");
  });

  it("reads back what it wrote as the next run's previous result, in either language", () => {
    for (const lang of ["ja", "en"] as const) {
      const m = resultsModel(report(), lang, null, now);
      const stored = readStoredResult(m.rows);
      expect(stored).not.toBeNull();
      expect(stored!.overall).toBe(50);
      expect(stored!.date).toBe("2026-11-25 09:05");
      const names = lang === "ja" ? ["方針・体制", "技術的対策"] : ["Policy and organisation", "Technical controls"];
      expect(stored!.fields).toEqual([{ name: names[0], score: 50 }, { name: names[1], score: null }]);
    }
    expect(toStoredResult(report(), now).fields).toEqual([{ name: "方針・体制", score: 50 }, { name: "技術的対策", score: null }]);
  });

  it("does not take a foreign sheet for a stored result", () => {
    expect(readStoredResult([["分野", "今回"], ["A", 1]])).toBeNull();
    expect(readStoredResult([])).toBeNull();
  });
});

describe("planModel", () => {
  it("has one row per plan row with the four user columns last", () => {
    const m = planModel(report(), "ja", new Map());
    expect(m.name).toBe(PLAN_SHEET);
    expect(m.header.slice(m.userColumnStart)).toEqual([...PLAN_USER_HEADERS]);
    expect(m.header[m.idColumn]).toBe("項目ID");
    expect(m.rows).toHaveLength(3);
    expect(m.rows[0].slice(0, 6)).toEqual([1, "I-2", "2 =SUM(A1) のような文", "×", "方針・体制", "高"]);
    expect(m.rows[1][3]).toBe("未回答");
    expect(m.rows[2][3]).toBe("無効: 済");
    expect(m.rows[0][9]).toBe("TICS: 方針 / ISO/IEC 27001:2022 A.5.1 / 自工会/部工会ガイドライン: 方針・体制");
    expect(m.rows[0].slice(m.userColumnStart)).toEqual([null, null, null, null]);
  });

  it("keeps the user's columns across regeneration, including extra columns and rows of resolved items", () => {
    const first = planModel(report(), "ja", new Map());
    const grid = [first.header.concat(["部署"]), ...first.rows.map((r) => r.concat([null]))];
    // The user fills in owner and memo for I-2 and I-3 and a column of their own.
    grid[1][first.userColumnStart] = "山田";
    grid[1][first.userColumnStart + 3] = "=ここは文字";
    grid[1][first.header.length] = "総務部";
    grid[2][first.userColumnStart + 1] = "2026-12-31";
    expect(readPlanUserHeaders(grid)).toEqual(["担当者", "期限", "状況", "メモ", "部署"]);
    const user = readPlanUserValues(grid);
    expect(user.get("I-2")).toEqual(["山田", null, null, "=ここは文字", "総務部"]);
    expect(user.get("I-3")).toEqual([null, "2026-12-31", null, null, null]);
    expect(user.has("I-4")).toBe(false);

    // Next run: I-3 was answered ○ and left the plan; its user entries must stay.
    const next = report();
    next.items[2] = { ...next.items[2], raw: "○", answer: "○", status: "ok" };
    next.plan = [next.plan[0], { ...next.plan[2], rank: 2 }];
    const m = planModel(next, "ja", user, readPlanUserHeaders(grid));
    expect(m.header.slice(m.userColumnStart)).toEqual(["担当者", "期限", "状況", "メモ", "部署"]);
    expect(m.rows).toHaveLength(3);
    expect(m.rows[0].slice(m.userColumnStart)).toEqual(["山田", null, null, "=ここは文字", "総務部"]);
    expect(m.rows[2].slice(0, 6)).toEqual([null, "I-3", "3 責任者を決めている。", "○", "方針・体制", "対応済み"]);
    expect(m.rows[2].slice(m.userColumnStart)).toEqual([null, "2026-12-31", null, null, null]);
  });

  it("reads user columns from an English header as well", () => {
    const en = planModel(report(), "en", new Map([["I-2", ["Sato", null, "doing", null]]]));
    expect(en.header.slice(en.userColumnStart)).toEqual(["Owner", "Due", "Status", "Memo"]);
    const grid = [en.header, ...en.rows];
    expect(readPlanUserValues(grid).get("I-2")).toEqual(["Sato", null, "doing", null]);
    expect(readPlanUserHeaders(grid)).toEqual([...PLAN_USER_HEADERS]);
  });
});

describe("the plan's order line above the table", () => {
  it("is the intro row of the plan model in the sheet's language; the header comes below it", () => {
    const ja = planModel(report(), "ja", new Map());
    expect(ja.intro).toEqual([[PLAN_ORDER_LINE.ja]]);
    expect(tableHeaderRow(ja)).toBe(1);
    const en = planModel(report(), "en", new Map());
    expect(en.intro).toEqual([[PLAN_ORDER_LINE.en]]);
    expect(PLAN_ORDER_LINE.ja).toContain("高→中→低");
    expect(PLAN_ORDER_LINE.en).toContain("High, Medium, Low");
    // a model without intro rows (the evidence sheet) starts at A1
    expect(tableHeaderRow({})).toBe(0);
  });

  it("is recognised in either language (and as an earlier version worded it), never a user's text", () => {
    expect(isPlanIntroText(PLAN_ORDER_LINE.ja)).toBe(true);
    expect(isPlanIntroText(` ${PLAN_ORDER_LINE.en} `)).toBe(true);
    expect(isPlanIntroText("並び順: 優先度（高→中→低）")).toBe(true);
    expect(isPlanIntroText("来月の会議で並び順を決める")).toBe(false);
    expect(isPlanIntroText(null)).toBe(false);
    expect(isPlanIntroText(3)).toBe(false);
  });

  // Grids as a sheet holds them from A1: the new layout (order line, then the table) and an earlier version's (table at A1).
  const layouts = (lang: "ja" | "en") => {
    const m = planModel(report(), lang, new Map([["I-3", ["山田", 46100, "対応中", "見積もり待ち"]]]));
    return { "order line above the table": [...m.intro!, m.header, ...m.rows], "table at A1 (earlier versions)": [m.header, ...m.rows] };
  };
  for (const lang of ["ja", "en"] as const) {
    for (const [name, grid] of Object.entries(layouts(lang))) {
      it(`${lang}, ${name}: the user columns and the notes are read back by item id`, () => {
        expect(readPlanUserHeaders(grid)).toEqual([...PLAN_USER_HEADERS]);
        expect(readPlanUserValues(grid)).toEqual(new Map([["I-3", ["山田", 46100, "対応中", "見積もり待ち"]]]));
        expect(planNotesFromWorkbook({ sheets: [{ name: PLAN_SHEET, values: grid }] })).toEqual({ "I-3": { owner: "山田", due: 46100, status: "対応中" } });
        // regenerating keeps them
        const again = planModel(report(), lang, readPlanUserValues(grid), readPlanUserHeaders(grid));
        expect(again.rows.find((r) => r[1] === "I-3")!.slice(again.userColumnStart)).toEqual(["山田", 46100, "対応中", "見積もり待ち"]);
      });
    }
  }
});

describe("previous result across languages", () => {
  it("matches a previous English table by the field's English name", () => {
    const prev = readStoredResult(resultsModel(report(), "en", null, now).rows)!;
    const m = resultsModel(report(), "ja", prev, now);
    expect(m.rows[m.fieldTable.top + 1]).toEqual(["方針・体制", 50, 50]);
  });
});
