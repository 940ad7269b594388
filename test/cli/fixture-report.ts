/** Hand-built Report objects for tests that must not depend on detection. */
import type { Answer, AnswerCounts, CellValue, Finding, ItemResult, ItemStatus, Report } from "../../src/core/model";

export interface FixtureItem {
  number: string;
  text: string;
  raw: CellValue;
  answer: Answer | null;
  status: ItemStatus;
  fields?: string[];
  suggestion?: Answer | null;
}

const EMPTY: AnswerCounts = { "○": 0, "△": 0, "×": 0, "-": 0 };

export function makeReport(items: FixtureItem[], opts: { file?: string; company?: string | null; sheet?: string } = {}): Report {
  const results: ItemResult[] = items.map((it, i) => ({
    id: `I-${it.number}`,
    section: "I 共通項目",
    number: it.number,
    text: it.text,
    cell: `E${12 + i}`,
    row: 11 + i,
    col: 4,
    raw: it.raw,
    answer: it.answer,
    status: it.status,
    naAllowed: false,
    naSource: "profile",
    fields: it.fields ?? ["方針・ルール"],
    fieldSource: "rule",
    topic: null,
  }));
  const counts: AnswerCounts = { ...EMPTY };
  for (const r of results) if (r.answer && (r.status === "ok" || r.status === "normalized")) counts[r.answer]++;
  const findings: Finding[] = results
    .filter((r) => r.status !== "ok")
    .map((r, i) => ({
      itemId: r.id,
      cell: r.cell,
      raw: r.raw,
      status: r.status as Finding["status"],
      suggestion: items.filter((x) => x.status !== "ok")[i].suggestion ?? (r.status === "normalized" ? r.answer : null),
      allowed: ["○", "△", "×"],
    }));
  const fieldNames = [...new Set(results.flatMap((r) => r.fields))];
  const score = (rs: ItemResult[]): number | null => {
    const c = rs.filter((r) => r.answer && r.answer !== "-" && (r.status === "ok" || r.status === "normalized"));
    if (!c.length) return null;
    const pts = c.reduce((a, r) => a + (r.answer === "○" ? 1 : r.answer === "△" ? 0.5 : 0), 0);
    return Math.round((1000 * pts) / c.length) / 10;
  };
  const problems = results.filter((r) => r.status === "blank" || r.status === "invalid" || r.status === "na_not_allowed");
  return {
    file: opts.file,
    sheet: opts.sheet ?? "チェックリスト",
    profile: "tics-2024",
    location: { headerRow: 10, numberCol: 1, textCol: 2, answerCol: 4, fieldCol: null, range: `B11:E${11 + items.length}`, source: "detected" },
    company: opts.company === undefined ? null : opts.company,
    items: results,
    summary: {
      items: results.length,
      answered: results.filter((r) => r.status === "ok" || r.status === "normalized").length,
      blank: results.filter((r) => r.status === "blank").length,
      invalid: results.filter((r) => r.status === "invalid").length,
      normalized: results.filter((r) => r.status === "normalized").length,
      naNotAllowed: results.filter((r) => r.status === "na_not_allowed").length,
      counts,
    },
    fields: fieldNames.map((name) => {
      const rs = results.filter((r) => r.fields.includes(name));
      return { name, nameEn: name === "方針・ルール" ? "Policy and rules" : name === "技術的対策" ? "Technical controls" : name, score: score(rs), readiness: score(rs), items: rs.length, counts: { ...EMPTY } };
    }),
    overall: { score: score(results), readiness: score(results) },
    findings,
    plan: [...problems, ...results.filter((r) => r.answer === "×" || r.answer === "△")].map((r, i) => ({
      rank: i + 1,
      itemId: r.id,
      cell: r.cell,
      section: r.section,
      number: r.number,
      text: r.text,
      answer: r.answer,
      status: r.status,
      fields: r.fields,
      priority: i === 0 ? "high" : "medium",
      topic: null,
      advice: `t${i}`,
    })),
    topics: Object.fromEntries(
      [...problems, ...results.filter((r) => r.answer === "×" || r.answer === "△")].map((_, i) => [
        `t${i}`,
        {
          title: { ja: `テーマ${i}`, en: `Topic ${i}` },
          hint: { ja: `ヒント${i}`, en: `Hint ${i}` },
          firstStep: { ja: `第一歩${i}`, en: `Step ${i}` },
          evidence: { ja: `証跡${i}`, en: `Evidence ${i}` },
          references: { tics: { ja: "方針", en: "Policy" }, iso27001: ["A.5.1"], jama: { ja: "", en: "" } },
        },
      ]),
    ),
    workbookResults: null,
  };
}

/** A typical report: one of each status. */
export function sampleReport(opts: { file?: string; company?: string | null } = {}): Report {
  return makeReport(
    [
      { number: "1", text: "情報管理の方針を定めている", raw: "○", answer: "○", status: "ok" },
      { number: "2", text: "守るべき情報を特定している", raw: "〇", answer: "○", status: "normalized" },
      { number: "3", text: "取扱いルールを決めている", raw: null, answer: null, status: "blank" },
      { number: "4", text: "責任者を決めている", raw: "はい", answer: null, status: "invalid", fields: ["技術的対策"] },
      { number: "5", text: "アクセス権を管理している", raw: "-", answer: "-", status: "na_not_allowed", fields: ["技術的対策"] },
      { number: "6", text: "ID を管理している", raw: "×", answer: "×", status: "ok", fields: ["技術的対策"] },
    ],
    opts,
  );
}
