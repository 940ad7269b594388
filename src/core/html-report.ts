/**
 * A self-contained, printable HTML report of one check: summary, radar chart, field table, problem entries and
 * the improvement plan. No external resources (no links, fonts, scripts or images from elsewhere); every text
 * read from the workbook is escaped.
 */
import type { Answer, CellValue, Finding, ItemStatus, Report } from "./model";
import { t } from "./i18n";
import { PLAN_ORDER_LINE, adviceOf } from "./plan";
import { EXECUTIVE_CSS, executivePageHtml } from "./executive";
import { evidenceLines } from "./evidence";
import { escapeXml, radarSvg } from "./radar-svg";
import { FINDING_STATUS_LABEL, REPORT_LABELS, problemCount, typeInstead } from "./summary";
import { COMPARE_LABELS, oursText, workbookResultsHeading, workbookSeriesValues, workbookValueText } from "./workbook-compare";
import { fieldsLabel } from "./fields";

type Lang = "ja" | "en";

const L = {
  ja: {
    title: "TICS Check 診断レポート",
    file: "ファイル",
    sheet: "シート",
    range: "表の範囲",
    generated: "作成日時",
    summary: "概要",
    counts: "回答の内訳",
    fields: "分野別スコア",
    score: "スコア",
    items2: "項目数",
    findings: "要確認の入力",
    noFindings: "要確認の入力はありません。",
    cell: "セル",
    item: "項目",
    value: "入力値",
    status: "状態",
    instead: "入力すべき値",
    plan: "改善計画",
    noPlan: "改善が必要な項目はありません。",
    rank: "No.",
    answer: "回答",
    priority: "優先度",
    hint: "改善のヒント",
    firstStep: "今週できる第一歩",
    evidence: "審査で求められる証跡",
    refs: "参照",
    none: "なし",
    topic: "取り組み",
    advice: "取り組み別のヒント・第一歩・証跡",
    contents: "目次",
    ...REPORT_LABELS.ja,
    note:
      REPORT_LABELS.ja.scoreRule +
      "分野の割り当て・ヒント・参照の文言は TICS Check 独自のもので、経済産業省の公式の文言ではありません。",
    series: "今回",
  },
  en: {
    title: "TICS Check report",
    file: "File",
    sheet: "Sheet",
    range: "Table range",
    generated: "Generated",
    summary: "Summary",
    counts: "Answers",
    fields: "Scores by field",
    score: "Score",
    items2: "Items",
    findings: "Entries to check",
    noFindings: "No entries to check.",
    cell: "Cell",
    item: "Item",
    value: "Value",
    status: "Status",
    instead: "Type instead",
    plan: "Improvement plan",
    noPlan: "No item needs improvement.",
    rank: "No.",
    answer: "Answer",
    priority: "Priority",
    hint: "Hint",
    firstStep: "First step this week",
    evidence: "Evidence an auditor asks for",
    refs: "References",
    none: "none",
    topic: "Topic",
    advice: "Hints, first steps and evidence by topic",
    contents: "Contents",
    ...REPORT_LABELS.en,
    note:
      REPORT_LABELS.en.scoreRule +
      " Field mapping, hints and reference texts are TICS Check's own words, not METI's official wording.",
    series: "This time",
  },
} as const;

const ITEM_STATUS: Record<Lang, Record<ItemStatus, string>> = {
  ja: { ok: "", normalized: "", blank: "未回答", invalid: "無効", na_not_allowed: "「-」不可" },
  en: { ok: "", normalized: "", blank: "blank", invalid: "invalid", na_not_allowed: "「-」 not allowed" },
};

const CSS = `
:root { color-scheme: light; }
body { font-family: "Hiragino Sans", "Yu Gothic", "Meiryo", system-ui, sans-serif; margin: 24px; color: #1b1b1b; line-height: 1.5; }
h1 { font-size: 22px; margin: 0 0 8px; }
h2 { font-size: 17px; border-bottom: 2px solid #1f6fb2; padding-bottom: 2px; margin-top: 28px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid #bbb; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eef3f8; }
td.num { text-align: right; white-space: nowrap; }
table.summary { width: auto; min-width: 50%; }
table.fields { width: auto; flex: 1 1 320px; }
.chart svg { max-width: 100%; height: auto; }
table.plan td:nth-child(1), table.plan td:nth-child(5) { white-space: nowrap; }
table { table-layout: auto; }
td, th { overflow-wrap: anywhere; }
.order { font-size: 12px; color: #333; margin: 4px 0; }
nav.toc ol { margin: 4px 0; padding-left: 20px; }
nav.toc a { color: inherit; }
section.topic { break-inside: avoid; margin: 12px 0; }
section.topic h3 { font-size: 14px; margin: 0 0 4px; }
section.topic dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; font-size: 13px; }
section.topic dt { font-weight: bold; }
section.topic dd { margin: 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
.chart { display: flex; gap: 24px; flex-wrap: wrap; align-items: flex-start; }
.note { font-size: 12px; color: #555; }
.prio-high { color: #b00020; font-weight: bold; }
@media print {
  body { margin: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  section#findings, section#plan, section#advice { break-before: page; }
  tr, svg, .chart { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  table { font-size: 9pt; }
}
@page { size: A4; margin: 12mm; }
`;

function e(v: CellValue | undefined): string {
  if (v == null) return "";
  return escapeXml(String(v));
}

function num(v: number | null, missing = "-"): string {
  return v == null ? missing : String(v);
}

function answerText(lang: Lang, answer: Answer | null, status: ItemStatus, raw: CellValue): string {
  if (status === "ok" || status === "normalized") return answer ?? "";
  const label = ITEM_STATUS[lang][status];
  if (status === "invalid" || status === "na_not_allowed") return `${label}: ${raw == null ? "" : String(raw)}`;
  return label;
}

function findingRow(lang: Lang, f: Finding, itemText: string): string {
  return (
    `<tr><td>${e(f.cell)}</td><td>${e(itemText)}</td><td>${e(f.raw)}</td>` +
    `<td>${e(FINDING_STATUS_LABEL[lang][f.status])}</td><td>${e(typeInstead(f, lang))}</td></tr>`
  );
}

export interface HtmlReportOptions {
  /** When given, shown as the generation time (local, YYYY-MM-DD HH:MM). */
  now?: Date;
  /** Start with the executive one-pager (src/core/executive.ts); the CLI's --report asks for it. */
  executive?: boolean;
}

function stamp(d: Date): string {
  const p = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The file name without its folder (a report sent to a customer never shows the user's folders). */
export function fileNameOnly(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

export function renderHtmlReport(report: Report, lang: Lang = "ja", opts: HtmlReportOptions = {}): string {
  const l = L[lang];
  const file = report.file ? fileNameOnly(report.file) : "";
  /** Long reports get a table of contents. */
  const long = report.plan.length + report.findings.length > 30;
  const s = report.summary;
  const items = new Map(report.items.map((i) => [i.id, i] as const));
  const out: string[] = [];
  out.push("<!DOCTYPE html>");
  out.push(`<html lang="${lang}"><head><meta charset="utf-8">`);
  out.push(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
  );
  out.push(`<meta name="viewport" content="width=device-width, initial-scale=1">`);
  const titleSuffix = report.company ? ` — ${report.company}` : file ? ` — ${file}` : "";
  out.push(`<title>${e(l.title + titleSuffix)}</title>`);
  out.push(`<style>${CSS}${opts.executive ? EXECUTIVE_CSS : ""}</style></head><body>`);
  if (opts.executive) out.push(executivePageHtml(report, lang));
  out.push(`<h1>${e(l.title)}</h1>`);
  out.push(`<dl class="meta">`);
  if (file) out.push(`<dt>${l.file}</dt><dd>${e(file)}</dd>`);
  out.push(`<dt>${l.sheet}</dt><dd>${e(report.sheet)}</dd>`);
  out.push(`<dt>${l.range}</dt><dd>${e(report.location.range)}</dd>`);
  if (report.company) out.push(`<dt>${l.company}</dt><dd>${e(report.company)}</dd>`);
  out.push(`<dt>${l.profile}</dt><dd>${e(report.profile)}</dd>`);
  if (opts.now) out.push(`<dt>${l.generated}</dt><dd>${e(stamp(opts.now))}</dd>`);
  out.push(`</dl>`);
  if (long) {
    out.push(`<nav class="toc" aria-labelledby="toc-h"><h2 id="toc-h">${l.contents}</h2><ol>`);
    for (const [id, title] of [["summary", l.summary], ["fields", l.fields], ["findings", l.findings], ["plan", l.plan], ["advice", l.advice]]) {
      out.push(`<li><a href="#${id}">${e(title)}</a></li>`);
    }
    out.push(`</ol></nav>`);
  }

  out.push(`<section class="part" id="summary"><h2>${l.summary}</h2><table class="summary"><tbody>`);
  const line = (k: string, v: string): void => {
    out.push(`<tr><th scope="row">${k}</th><td class="num">${e(v)}</td></tr>`);
  };
  line(l.items, String(s.items));
  line(l.answered, String(s.answered));
  line(l.problems, String(problemCount(report)));
  line(l.normalized, String(s.normalized));
  line(l.overall, num(report.overall.score));
  line(l.readiness, num(report.overall.readiness));
  line(l.counts, `○ ${s.counts["○"]} / △ ${s.counts["△"]} / × ${s.counts["×"]} / - ${s.counts["-"]}`);
  out.push(`</tbody></table></section>`);

  for (const ev of evidenceLines(report, lang)) if (ev.text.trim()) out.push(`<p class="note">${e(ev.text.trim())}</p>`);

  out.push(`<section class="part" id="fields"><h2>${l.fields}</h2><div class="chart">`);
  // Where the workbook's own values differ from ours, its radar's numbers are drawn as a second series.
  const wr = report.workbookResults;
  const wbValue = workbookSeriesValues(wr);
  const cl = COMPARE_LABELS[lang];
  out.push(
    radarSvg(
      report.fields.map((f) => ({ label: lang === "en" ? f.nameEn : f.name, values: wbValue.size ? [f.score, wbValue.get(f.name) ?? null] : [f.score] })),
      wbValue.size ? [l.series, cl.workbook] : [l.series],
      { title: l.chart },
    ),
  );
  out.push(
    `<table class="fields"><thead><tr><th scope="col">${l.field}</th><th scope="col">${l.score}</th>` +
      `<th scope="col">${l.readiness}</th><th scope="col">${l.items2}</th></tr></thead><tbody>`,
  );
  for (const f of report.fields) {
    out.push(
      `<tr><td>${e(lang === "en" ? f.nameEn : f.name)}</td><td class="num">${num(f.score)}</td>` +
        `<td class="num">${num(f.readiness)}</td><td class="num">${f.items}</td></tr>`,
    );
  }
  out.push(`</tbody></table></div></section>`);

  if (wr) {
    out.push(`<h2>${e(workbookResultsHeading(wr, lang))}</h2>`);
    out.push(
      `<table class="workbook-results"><thead><tr><th scope="col">${cl.field}</th><th scope="col">${cl.workbook}</th>` +
        `<th scope="col">${cl.ours}</th><th scope="col">${cl.match}</th><th scope="col">${cl.why}</th></tr></thead><tbody>`,
    );
    for (const f of wr.fields) {
      out.push(
        `<tr><td>${e(f.name)} <span class="cell">${e(f.cell)}</span></td><td class="num">${e(workbookValueText(f, wr, lang))}</td>` +
          `<td class="num">${e(oursText(f))}</td><td>${f.agrees ? cl.agree : `<strong>${cl.differ}</strong>`}</td><td>${e(f.why ? f.why[lang] : "")}</td></tr>`,
      );
    }
    out.push(`</tbody></table>`);
    if (wr.why) out.push(`<p class="why">${e(wr.why[lang])}</p>`);
  }

  out.push(`<section class="part" id="findings"><h2>${l.findings}</h2>`);
  if (report.findings.length === 0) out.push(`<p>${l.noFindings}</p>`);
  else {
    out.push(
      `<table class="findings"><thead><tr><th scope="col">${l.cell}</th><th scope="col">${l.item}</th>` +
        `<th scope="col">${l.value}</th><th scope="col">${l.status}</th><th scope="col">${l.instead}</th></tr></thead><tbody>`,
    );
    for (const f of report.findings) {
      const it = items.get(f.itemId);
      out.push(findingRow(lang, f, it ? `${it.number} ${it.text}`.trim() : f.itemId));
    }
    out.push(`</tbody></table>`);
  }
  out.push(`</section>`);

  out.push(...fieldNotesHtml(report, lang));

  // The plan: six narrow columns (fits a portrait page); the advice of each topic once, below, instead of the
  // same hint, first step and evidence repeated on every row of the topic.
  out.push(`<section class="part" id="plan"><h2>${l.plan}</h2>`);
  if (report.plan.length === 0) out.push(`<p>${l.noPlan}</p>`);
  else {
    out.push(`<p class="order">${e(PLAN_ORDER_LINE[lang])}</p>`);
    out.push(
      `<table class="plan"><thead><tr><th scope="col">${l.rank}</th><th scope="col">${l.item}</th>` +
        `<th scope="col">${l.answer}</th><th scope="col">${l.field}</th><th scope="col">${l.priority}</th>` +
        `<th scope="col">${l.topic}</th></tr></thead><tbody>`,
    );
    const fieldName = new Map(report.fields.map((f) => [f.name, lang === "en" ? f.nameEn : f.name]));
    const used: string[] = [];
    for (const p of report.plan) {
      const raw = items.get(p.itemId)?.raw ?? null;
      const a = adviceOf(report, p);
      if (!used.includes(p.advice)) used.push(p.advice);
      const fields = p.fields.length ? p.fields.map((f) => fieldName.get(f) ?? f).join(lang === "en" ? ", " : "、") : fieldsLabel(p.fields, lang);
      out.push(
        `<tr><td class="num">${p.rank}</td><td>${e(`${p.number} ${p.text}`.trim())}<br><small>${e(p.cell)}</small></td>` +
          `<td>${e(answerText(lang, p.answer, p.status, raw))}</td><td>${e(fields)}</td>` +
          `<td class="prio-${p.priority}">${t(lang, `priority.${p.priority}`)}</td><td>${e(a.title[lang] || l.none)}</td></tr>`,
      );
    }
    out.push(`</tbody></table></section>`);
    out.push(`<section class="part" id="advice"><h2>${l.advice}</h2>`);
    for (const key of used) {
      const a = report.topics?.[key];
      if (!a) continue;
      const refs: string[] = [];
      if (a.references.tics[lang]) refs.push(`TICS: ${a.references.tics[lang]}`);
      if (a.references.iso27001.length) refs.push(`ISO/IEC 27001:2022 ${a.references.iso27001.join(", ")}`);
      if (a.references.jama[lang]) {
        refs.push(`${lang === "ja" ? "自工会/部工会ガイドライン" : "JAMA/JAPIA guideline"}: ${a.references.jama[lang]}`);
      }
      const rows = report.plan.filter((p) => p.advice === key).map((p) => p.rank);
      out.push(
        `<section class="topic"><h3>${e(a.title[lang] || l.none)} <small>(${l.rank} ${rows.join(", ")})</small></h3><dl>` +
          `<dt>${l.hint}</dt><dd>${e(a.hint[lang])}</dd><dt>${l.firstStep}</dt><dd>${e(a.firstStep[lang])}</dd>` +
          `<dt>${l.evidence}</dt><dd>${e(a.evidence[lang])}</dd><dt>${l.refs}</dt><dd>${e(refs.join(" / ") || l.none)}</dd></dl></section>`,
      );
    }
  }
  out.push(`</section>`);
  out.push(`<p class="note">${e(l.note)}</p>`);
  out.push(`</body></html>`);
  return out.join("\n");
}

/** Unassigned items (「未分類」, in the overall score only) and the 「-」 warnings (not errors), as HTML. */
export function fieldNotesHtml(report: Report, lang: Lang): string[] {
  const out: string[] = [];
  const un = report.unassigned ?? 0;
  if (un > 0) {
    out.push(
      `<p class="note">${e(
        lang === "en"
          ? `${un} items are unassigned (counted in the overall score, in no field).`
          : `${un} 項目が「未分類」です（総合スコアに含み、どの分野にも数えません）。`,
      )}</p>`,
    );
  }
  const warnings = report.warnings ?? [];
  if (warnings.length > 0) {
    out.push(`<h2>${e(lang === "en" ? "Warnings (not errors)" : "注意（エラーではありません）")}</h2><ul class="warnings">`);
    for (const w of warnings) out.push(`<li>${e(w.message[lang])}</li>`);
    out.push(`</ul>`);
  }
  return out;
}
