import fc from "fast-check";
import { digestReport, fieldUnion, problemCount, problemRows, summaryRows, toCsv, typeInstead, withoutProblems, type SummaryInput } from "../../src/core/summary";
import { serialize } from "node:v8";
import { TICS_2024 } from "../../src/core/profile/tics-2024";
import type { Profile } from "../../src/core/profile/types";

/** A two-field profile, so the test does not follow the real profile's field names. */
const PROFILE: Profile = {
  ...TICS_2024,
  fields: [
    { id: "rules", name: { ja: "方針・ルール", en: "Policy and rules" }, aliases: [] },
    { id: "cyber", name: { ja: "技術的対策", en: "Technical controls" }, aliases: [] },
  ],
};
import { makeReport, sampleReport } from "../cli/fixture-report";

describe("summaryRows", () => {
  const a = sampleReport({ file: "a.xlsx", company: "株式会社サンプル" });
  const b = makeReport([{ number: "1", text: "x", raw: "○", answer: "○", status: "ok", fields: ["独自分野", "方針・ルール"] }], {
    file: "b.xlsx",
  });
  const results: SummaryInput[] = [
    { ok: true, report: a },
    { ok: false, file: "broken.xlsx", error: { ja: "読めません", en: "Cannot read" } },
    { ok: true, report: b },
  ];

  it("has one row per file with counts, scores and every field (profile order first)", () => {
    const rows = summaryRows(results, "ja", PROFILE);
    expect(rows[0]).toEqual([
      "ファイル", "会社名", "シート", "項目数", "回答済み", "要確認", "総合スコア", "準備度", "方針・ルール", "技術的対策", "独自分野", "エラー",
    ]);
    expect(rows).toHaveLength(4);
    expect(rows[1].slice(0, 6)).toEqual(["a.xlsx", "株式会社サンプル", "チェックリスト", 6, 3, 3]);
    expect(rows[1][6]).toBe(a.overall.score);
    expect(rows[1][8]).toBe(a.fields.find((f) => f.name === "方針・ルール")!.score);
    expect(rows[1][10]).toBeNull();
    expect(rows[2][0]).toBe("broken.xlsx");
    expect(rows[2][11]).toBe("読めません");
    expect(rows[3][10]).toBe(100);
    expect(rows[3][9]).toBeNull();
  });

  it("uses English headers, field names and errors with lang en", () => {
    const rows = summaryRows(results, "en", PROFILE);
    expect(rows[0].slice(0, 3)).toEqual(["File", "Company", "Sheet"]);
    expect(rows[0]).toContain("Policy and rules");
    expect(rows[2][rows[0].length - 1]).toBe("Cannot read");
  });

  it("fieldUnion keeps profile order then first appearance", () => {
    expect(fieldUnion([{ ok: true, report: b }, { ok: true, report: a }], PROFILE).map((f) => f.name)).toEqual([
      "方針・ルール",
      "技術的対策",
      "独自分野",
    ]);
    expect(fieldUnion([{ ok: true, report: b }]).map((f) => f.name)).toEqual(["独自分野", "方針・ルール"]);
  });
});

describe("problemRows", () => {
  it("lists every finding with file, cell, value, status and what to type", () => {
    const rows = problemRows([{ ok: true, report: sampleReport({ file: "a.xlsx" }) }], "ja");
    expect(rows[0]).toEqual(["ファイル", "シート", "セル", "項目ID", "項目", "入力値", "状態", "入力すべき値"]);
    expect(rows.slice(1).map((r) => [r[2], r[5], r[6], r[7]])).toEqual([
      ["E13", "〇", "表記ゆれ", "○"],
      ["E14", "", "未回答", "○ / △ / × のいずれか"],
      ["E15", "はい", "無効な値", "○ / △ / × のいずれか"],
      ["E16", "-", "「-」は使えない項目", "○ / △ / × のいずれか"],
    ]);
  });
});

describe("problemRows over many files", () => {
  it("gives each finding its own item's label and allowed answers, whatever came before", () => {
    // Same item ids with other numbers or texts in the next file, and allowed lists that change from one finding
    // to the next: what is reused from an earlier row must never leak into a row it does not belong to.
    const a = sampleReport({ file: "a.xlsx" });
    const b = sampleReport({ file: "b.xlsx" });
    b.items = b.items.map((i, k) => (k === 2 ? { ...i, text: "取扱いルールを決めている（改）" } : k === 3 ? { ...i, number: "4-1" } : i));
    b.findings = b.findings.map((f, k) => (k === 1 ? { ...f, allowed: ["○", "△", "×", "-"] } : k === 2 ? { ...f, allowed: ["○", "△", "×", "-"] } : f));
    const c = sampleReport({ file: "c.xlsx" });
    c.items = c.items.map((i) => ({ ...i, number: "", text: ` ${i.text} ` }));
    const results: SummaryInput[] = [{ ok: true, report: a }, { ok: true, report: b }, { ok: true, report: c }];
    for (const lang of ["ja", "en"] as const) {
      const want: string[][] = [];
      for (const r of [a, b, c]) {
        for (const f of r.findings) {
          const item = r.items.find((i) => i.id === f.itemId)!;
          want.push([r.file!, `${item.number} ${item.text}`.trim(), typeInstead(f, lang)]);
        }
      }
      const rows = problemRows(results, lang).slice(1);
      expect(rows.map((x) => [x[0], x[4], x[7]])).toEqual(want);
    }
    expect(problemRows(results, "ja")[6][4]).toBe("3 取扱いルールを決めている（改）");
    // Findings in another order than the items (and one whose item is missing) keep their own items.
    const d = sampleReport({ file: "d.xlsx" });
    d.findings = [...d.findings].reverse();
    d.findings.push({ ...d.findings[0], itemId: "I-404" });
    const got = problemRows([{ ok: true, report: d }], "ja").slice(1);
    expect(got.map((x) => [x[3], x[4]])).toEqual([
      ["I-5", "5 アクセス権を管理している"],
      ["I-4", "4 責任者を決めている"],
      ["I-3", "3 取扱いルールを決めている"],
      ["I-2", "2 守るべき情報を特定している"],
      ["I-404", ""],
    ]);
    expect(problemRows(results, "en")[7][7]).toBe("one of ○ / △ / × / -");
  });
});

describe("toCsv", () => {
  it("starts with a BOM and uses CRLF", () => {
    const csv = toCsv([["a", "b"], [1, null]]);
    expect(csv).toBe("\uFEFFa,b\r\n1,\r\n");
  });

  it("quotes per RFC 4180", () => {
    expect(toCsv([['say "hi"', "a,b", "line1\nline2", "plain"]])).toBe('\uFEFF"say ""hi""","a,b","line1\nline2",plain\r\n');
  });

  it("neutralises formula-looking text but keeps numbers", () => {
    const csv = toCsv([["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "ok", -3, true, "-", "--"]]);
    expect(csv).toBe('\uFEFF"\'=HYPERLINK(""x"")",\'+1,\'-2,\'@SUM(A1),ok,-3,TRUE,-,\'--\r\n');
  });

  /** A strict RFC 4180 reader (CRLF records), for checking what toCsv writes. */
  function parseCsv(text: string): string[][] {
    const csv = text.startsWith("\uFEFF") ? text.slice(1) : text;
    const parsed: string[][] = [];
    let row: string[] = [];
    let cell = "";
    let q = false;
    for (let i = 0; i < csv.length; i++) {
      const ch = csv[i];
      if (q) {
        if (ch === '"' && csv[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') q = false;
        else cell += ch;
      } else if (ch === '"') q = true;
      else if (ch === ",") {
        row.push(cell);
        cell = "";
      } else if (ch === "\r" && csv[i + 1] === "\n") {
        row.push(cell);
        parsed.push(row);
        row = [];
        cell = "";
        i++;
      } else cell += ch;
    }
    return parsed;
  }

  it("round-trips through an RFC 4180 parser", () => {
    const rows = [["会社名", 'x,"y"\r\nz'], ["1", ""]];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });

  it("any text grid reads back as written, formula-looking cells with a leading quote", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "あ", ",", '"', "\r", "\n", "=", "+", "-", "@", " ", "'", "\t") });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const expected = rows.map((r) => r.map((c) => (c !== "-" && /^[=+\-@\t\r]/.test(c) ? "'" + c : c)));
        expect(parseCsv(toCsv(rows))).toEqual(expected);
      }),
    );
  });
});

describe("digestReport", () => {
  const full = sampleReport({ file: "a.xlsx", company: "株式会社サンプル" });
  const digest = digestReport(full);

  it("gives the same summary rows, problem rows and CSV as the whole report", () => {
    const broken: SummaryInput = { ok: false, file: "broken.xlsx", error: { ja: "読めません", en: "Cannot read" } };
    for (const lang of ["ja", "en"] as const) {
      expect(summaryRows([{ ok: true, report: digest }, broken], lang, PROFILE)).toEqual(summaryRows([{ ok: true, report: full }, broken], lang, PROFILE));
      expect(problemRows([{ ok: true, report: digest }], lang)).toEqual(problemRows([{ ok: true, report: full }], lang));
    }
    expect(toCsv(summaryRows([{ ok: true, report: digest }]))).toBe(toCsv(summaryRows([{ ok: true, report: full }])));
  });

  it("keeps only the items a finding points to, with their number and text, and none of the plan", () => {
    expect(full.findings.length).toBeGreaterThan(0);
    expect(full.items.length).toBeGreaterThan(full.findings.length);
    expect(digest.items.map((i) => i.id)).toEqual(full.items.filter((i) => full.findings.some((f) => f.itemId === i.id)).map((i) => i.id));
    expect(Object.keys(digest.items[0]).sort()).toEqual(["id", "number", "text"]);
    expect(digest).not.toHaveProperty("plan");
    expect(digest).not.toHaveProperty("topics");
    expect(digest).not.toHaveProperty("evidence");
    expect(digest.summary).toEqual(full.summary);
    expect(digest.fields).toEqual(full.fields);
    expect(serialize(digest).length).toBeLessThan(serialize(full).length / 2);
  });
});

describe("withoutProblems", () => {
  it("keeps what the per-file row reads (the same summary rows and problem count), drops the entries and their items", () => {
    const full = sampleReport({ file: "a.xlsx", company: "株式会社サンプル" });
    const slim = withoutProblems(full);
    expect(full.findings.length).toBeGreaterThan(0);
    expect(slim.findings).toEqual([]);
    expect(slim.items).toEqual([]);
    for (const lang of ["ja", "en"] as const) {
      expect(summaryRows([{ ok: true, report: slim }], lang, PROFILE)).toEqual(summaryRows([{ ok: true, report: full }], lang, PROFILE));
    }
    expect(problemCount(slim)).toBe(problemCount(full));
    expect(problemCount(full)).toBeGreaterThan(0);
  });
});
