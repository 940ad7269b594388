/** The readable (non-JSON) output of tics-check. */
import { colToLetters } from "../core/a1";
import type { Priority, Report } from "../core/model";
import { PLAN_ORDER_LINE, adviceOf } from "../core/plan";
import { FINDING_STATUS_LABEL, problemCount, type SummaryReport } from "../core/summary";
import { evidenceLines } from "../core/evidence";
import { COMPARE_LABELS, oursText, workbookResultsHeading, workbookValueText } from "../core/workbook-compare";
import type { Lang } from "./args";

export interface Style {
  bold(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
}

const plain: Style = { bold: (s) => s, red: (s) => s, yellow: (s) => s, dim: (s) => s };
const ansi: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  red: (s) => `\x1b[31m${s}\x1b[39m`,
  yellow: (s) => `\x1b[33m${s}\x1b[39m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
};

/** ANSI colours only when writing to a terminal. */
export function styleFor(tty: boolean): Style {
  return tty ? ansi : plain;
}

const L = {
  ja: {
    found: (sheet: string, range: string, how: string) => `チェックリスト: シート「${sheet}」 ${range}（${how}）`,
    detected: "自動検出",
    manual: "手動指定",
    company: "会社名",
    counts: (r: Report) =>
      `項目 ${r.summary.items} / 回答済み ${r.summary.answered} / 未回答 ${r.summary.blank} / 無効 ${r.summary.invalid} / 「-」不可 ${r.summary.naNotAllowed} / 表記ゆれ ${r.summary.normalized}`,
    answers: "回答の内訳",
    problems: (n: number) => `要確認の入力（${n} 件）`,
    noProblems: "要確認の入力はありません。",
    lookalikes: (n: number) => `表記ゆれ（${n} 件。スコアでは読み替えています）`,
    lookalikesHint: "--out と --fix で表記ゆれを直した注釈付きのコピーを保存できます。",
    lookalikesFixed: "注釈付きのコピーでは直しました（元のファイルは変更していません）。",
    readinessNote: "準備度: 未回答・無効・「-」不可も「×」として数えたスコア。すべて回答したときの下限の目安です。",
    typeAny: (list: string) => `${list} のいずれかを入力`,
    type: (a: string) => `「${a}」と入力`,
    fields: "分野別スコア（0〜100）",
    readiness: "準備度",
    itemsN: (n: number) => `${n} 項目`,
    overall: "総合スコア",
    plan: (shown: number, all: number) => `改善計画（優先度順、上位 ${shown} 件 / 全 ${all} 件）`,
    noPlan: "改善が必要な項目はありません。",
    firstStep: "第一歩",
    blankValue: "（空欄）",
    note: "分野の割り当てと改善のヒントは TICS Check 独自のもので、公式の文言ではありません。",
  },
  en: {
    found: (sheet: string, range: string, how: string) => `Checklist: sheet "${sheet}" ${range} (${how})`,
    detected: "detected",
    manual: "set by hand",
    company: "Company",
    counts: (r: Report) =>
      `Items ${r.summary.items} / answered ${r.summary.answered} / blank ${r.summary.blank} / invalid ${r.summary.invalid} / 「-」 not allowed ${r.summary.naNotAllowed} / look-alikes ${r.summary.normalized}`,
    answers: "Answers",
    problems: (n: number) => `Entries to check (${n})`,
    noProblems: "No entries to check.",
    lookalikes: (n: number) => `Look-alikes (${n}; read as canonical for scoring)`,
    lookalikesHint: "--out with --fix saves an annotated copy with the look-alikes fixed.",
    lookalikesFixed: "Fixed in the annotated copy (the original is unchanged).",
    readinessNote: "Readiness: the score with unanswered, invalid and 「-」-not-allowed items counted as ×; the lowest the score can be once everything is answered.",
    typeAny: (list: string) => `type one of ${list}`,
    type: (a: string) => `type 「${a}」`,
    fields: "Scores by field (0-100)",
    readiness: "readiness",
    itemsN: (n: number) => `${n} items`,
    overall: "Overall score",
    plan: (shown: number, all: number) => `Improvement plan (by priority, top ${shown} of ${all})`,
    noPlan: "No item needs improvement.",
    firstStep: "first step",
    blankValue: "(empty)",
    note: "Field mapping and hints are TICS Check's own, not official wording.",
  },
} as const;

const PRIORITY: Record<Lang, Record<Priority, string>> = {
  ja: { high: "高", medium: "中", low: "低" },
  en: { high: "high", medium: "medium", low: "low" },
};

function num(v: number | null): string {
  return v == null ? "-" : v.toFixed(1);
}

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0xff ? 2 : 1;
  return w;
}

function padEnd(s: string, w: number): string {
  return s + " ".repeat(Math.max(0, w - width(s)));
}

function short(s: string, max = 40): string {
  const chars = [...s.replace(/\s+/g, " ")];
  return chars.length > max ? chars.slice(0, max - 1).join("") + "…" : chars.join("");
}

/** How many plan rows the text output shows. */
export const PLAN_TOP = 5;

export interface FormatOptions {
  /** The run saved an annotated copy with the look-alikes fixed (--out with --fix): no hint to do so. */
  fixedCopy?: boolean;
}

export function formatReport(report: Report, lang: Lang, style: Style = plain, opts: FormatOptions = {}): string {
  const l = L[lang];
  const out: string[] = [];
  const items = new Map(report.items.map((i) => [i.id, i] as const));
  if (report.file) out.push(style.bold(report.file));
  out.push(l.found(report.sheet, report.location.range, report.location.source === "manual" ? l.manual : l.detected));
  if (report.company) out.push(`${l.company}: ${report.company}`);
  out.push(l.counts(report));
  const c = report.summary.counts;
  out.push(`${l.answers}: ○ ${c["○"]} / △ ${c["△"]} / × ${c["×"]} / - ${c["-"]}`);
  out.push("");

  const problems = report.findings.filter((f) => f.status !== "normalized");
  const lookalikes = report.findings.filter((f) => f.status === "normalized");
  const findingLine = (f: (typeof report.findings)[number]): string => {
    const it = items.get(f.itemId);
    const value = f.raw == null || f.raw === "" ? l.blankValue : `「${String(f.raw)}」`;
    const instead = f.suggestion ? l.type(f.suggestion) : l.typeAny(f.allowed.join(" / "));
    const what = it ? `  ${style.dim(`[${short(`${it.number} ${it.text}`)}]`)}` : "";
    return `  ${padEnd(f.cell, 6)} ${value} ${FINDING_STATUS_LABEL[lang][f.status]} → ${instead}${what}`;
  };
  if (problems.length === 0) out.push(l.noProblems);
  else {
    out.push(style.red(style.bold(l.problems(problemCount(report)))));
    for (const f of problems) out.push(findingLine(f));
  }
  if (lookalikes.length > 0) {
    out.push(style.yellow(l.lookalikes(lookalikes.length)));
    for (const f of lookalikes) out.push(findingLine(f));
    out.push(style.dim(`  ${opts.fixedCopy ? l.lookalikesFixed : l.lookalikesHint}`));
  }
  out.push("");

  out.push(style.bold(l.fields));
  const names = report.fields.map((f) => (lang === "en" ? f.nameEn : f.name));
  const w = Math.max(8, ...names.map(width));
  report.fields.forEach((f, i) => {
    out.push(`  ${padEnd(names[i], w)} ${num(f.score).padStart(5)}  (${l.readiness} ${num(f.readiness)}, ${l.itemsN(f.items)})`);
  });
  out.push(`  ${style.bold(padEnd(l.overall, w))} ${num(report.overall.score).padStart(5)}  (${l.readiness} ${num(report.overall.readiness)})`);
  out.push(style.dim(`  ${l.readinessNote}`));
  out.push(...fieldNotes(report, lang, style));
  out.push("");
  for (const line of evidenceLines(report, lang)) out.push(line.warn ? style.yellow(line.text) : line.text);
  if (report.workbookResults) out.push(...formatWorkbookResults(report, lang, style), "");

  if (report.plan.length === 0) out.push(l.noPlan);
  else {
    const top = report.plan.slice(0, PLAN_TOP);
    out.push(style.bold(l.plan(top.length, report.plan.length)));
    out.push(style.dim(`  ${PLAN_ORDER_LINE[lang]}`));
    for (const p of top) {
      out.push(`  ${p.rank}. [${PRIORITY[lang][p.priority]}] ${p.cell} ${short(`${p.number} ${p.text}`, 50)}`);
      const a = adviceOf(report, p);
      const step = a.firstStep[lang] || a.hint[lang];
      if (step) out.push(`     ${l.firstStep}: ${step}`);
    }
  }
  out.push(style.dim(l.note));
  return out.join("\n") + "\n";
}

/** The workbook's own results beside ours: one line per field, the reason where they differ. */
function formatWorkbookResults(report: Report, lang: Lang, style: Style): string[] {
  const wr = report.workbookResults;
  if (!wr) return [];
  const c = COMPARE_LABELS[lang];
  const out = [style.bold(workbookResultsHeading(wr, lang))];
  const w = Math.max(8, ...wr.fields.map((f) => width(f.name)));
  for (const f of wr.fields) {
    const mark = f.agrees ? c.agree : style.yellow(c.differ);
    out.push(`  ${padEnd(f.name, w)} ${c.workbook} ${workbookValueText(f, wr, lang).padStart(5)} / ${c.ours} ${oursText(f).padStart(5)}  ${mark}`);
    if (f.why) out.push(`    ${style.dim(f.why[lang])}`);
  }
  if (wr.why) out.push(`  ${wr.why[lang]}`);
  return out;
}

/**
 * Where the fields came from, the unassigned items (「未分類」: in the overall score, never a field) and the 「-」
 * warnings (not errors).
 */
export function fieldNotes(report: Report, lang: Lang, style: Style = plain): string[] {
  const out: string[] = [];
  const origin = report.fieldOrigin;
  if (origin === "workbook") out.push(style.dim(lang === "en" ? "  Fields as the workbook defines them." : "  分野はブックの定義どおりです。"));
  const un = report.unassigned ?? 0;
  if (un > 0) {
    out.push(
      style.yellow(
        lang === "en"
          ? `  ${un} items are unassigned (counted in the overall score, in no field); map them in the add-in's 「分野の割り当て」.`
          : `  ${un} 項目が「未分類」です（総合スコアに含み、どの分野にも数えません）。アドインの「分野の割り当て」で割り当てられます。`,
      ),
    );
  }
  const warnings = report.warnings ?? [];
  if (warnings.length > 0) {
    out.push(style.yellow(lang === "en" ? `  Warnings (${warnings.length}, not errors):` : `  注意（${warnings.length} 件、エラーではありません）:`));
    for (const w of warnings) out.push(`    ${w.message[lang]}`);
  }
  return out;
}

/** One line per file for batch runs. */
export function formatLine(report: SummaryReport, lang: Lang): string {
  const s = report.summary;
  const problems = problemCount(report);
  const col = colToLetters(report.location.answerCol);
  return lang === "ja"
    ? `${report.file ?? ""}: シート「${report.sheet}」(回答列 ${col}) 項目 ${s.items}、回答済み ${s.answered}、要確認 ${problems}、総合 ${num(report.overall.score)}`
    : `${report.file ?? ""}: sheet "${report.sheet}" (answers in ${col}) items ${s.items}, answered ${s.answered}, to check ${problems}, overall ${num(report.overall.score)}`;
}
