/**
 * The executive one-pager that opens `--report`: overall and readiness with the trend, the three weakest fields, the
 * top five actions with owners and due dates from the plan sheet, and evidence coverage — what a manager reads in a
 * minute. Also reads the plan sheet's owners and due dates back from a workbook (for any host). Pure.
 */
import { COVERAGE_LINE, coverageText, gridFromA1, HEADER_SCAN_ROWS } from "./evidence";
import { previousOf } from "./history";
import type { CellValue, Report, WorkbookInput } from "./model";
import { adviceOf } from "./plan";
import { t } from "./i18n";
import { escapeXml } from "./radar-svg";
import { PLAN_SHEET, readPlanUserValues } from "./sheets";
import { labelSheets } from "./sheet-list";

type Lang = "ja" | "en";

/** What the plan sheet's user columns say about an item. */
export interface PlanNote {
  owner: string;
  due: CellValue;
  status: string;
}

function text(v: CellValue | undefined): string {
  return v == null ? "" : String(v).trim();
}

function isPlanGrid(grid: CellValue[][]): boolean {
  for (let r = 0; r < Math.min(grid.length, HEADER_SCAN_ROWS); r++) {
    const row = (grid[r] ?? []).map(text);
    if ((row.includes("項目ID") || row.includes("Item ID")) && (row.includes("担当者") || row.includes("Owner"))) return true;
  }
  return false;
}

/** Owners, due dates and status from the workbook's plan sheet (「改善計画」 first, else one that looks like it). */
export function planNotesFromWorkbook(wb: WorkbookInput): Record<string, PlanNote> {
  const sheets = labelSheets(wb);
  const ordered = [...sheets.filter((s) => s.name === PLAN_SHEET), ...sheets.filter((s) => s.name !== PLAN_SHEET)];
  const out: Record<string, PlanNote> = {};
  for (const s of ordered) {
    if (!isPlanGrid(gridFromA1(s, HEADER_SCAN_ROWS))) continue;
    for (const [id, v] of readPlanUserValues(gridFromA1(s))) {
      const note = { owner: text(v[0]), due: v[1] == null || v[1] === "" ? null : v[1], status: text(v[2]) };
      if (note.owner || note.due !== null || note.status) out[id] = note;
    }
    break;
  }
  return out;
}

/** A due date as the user typed it: an Excel date serial becomes YYYY-MM-DD. */
export function dueText(v: CellValue): string {
  if (typeof v === "number" && v > 0 && v < 2958466) {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.round(v) * 86400000);
    return d.toISOString().slice(0, 10);
  }
  return text(v);
}

const L = {
  ja: {
    heading: "経営層向けサマリー",
    overall: "総合スコア",
    readiness: "準備度",
    since: (d: string) => `前回（${d}）比`,
    noTrend: "推移: 記録された前回の結果はありません（「診断結果」を作成するたびに「履歴」シートに記録されます）。",
    weakest: "弱い分野（下位 3 つ）",
    actions: "優先して取り組むこと（上位 5 件）",
    item: "項目",
    priority: "優先度",
    owner: "担当者",
    due: "期限",
    step: "今週できる第一歩",
    unassigned: "未定",
    coverage: "証跡カバー率",
    naNoReason: (n: number) => `「-」の理由が未記録: ${n} 件`,
    noActions: "改善が必要な項目はありません。",
    score: "スコア",
  },
  en: {
    heading: "Executive summary",
    overall: "Overall score",
    readiness: "Readiness",
    since: (d: string) => `since ${d}`,
    noTrend: "Trend: no earlier result recorded (each time the results sheet is written, the 「履歴」 sheet records one).",
    weakest: "Weakest fields (bottom 3)",
    actions: "Top 5 actions",
    item: "Item",
    priority: "Priority",
    owner: "Owner",
    due: "Due",
    step: "First step this week",
    unassigned: "not set",
    coverage: "Evidence coverage",
    naNoReason: (n: number) => `「-」 answers without a recorded reason: ${n}`,
    noActions: "No item needs improvement.",
    score: "Score",
  },
} as const;

function e(v: CellValue | undefined): string {
  return v == null ? "" : escapeXml(String(v));
}

function n(v: number | null): string {
  return v === null ? "-" : v.toFixed(1);
}

function change(now: number | null, before: number | null): string {
  if (now === null || before === null) return "";
  const d = Math.round((now - before) * 10) / 10;
  return d === 0 ? "±0" : `${d > 0 ? "+" : ""}${d.toFixed(1)}`;
}

/** A small inline SVG line of overall (solid) and readiness (dashed) over the history. */
function sparkline(values: { overall: number | null; readiness: number | null }[]): string {
  if (values.length < 2) return "";
  const w = 220;
  const h = 48;
  const x = (i: number): number => Math.round((4 + ((w - 8) * i) / (values.length - 1)) * 10) / 10;
  const y = (v: number): number => Math.round((h - 4 - ((h - 8) * Math.max(0, Math.min(100, v))) / 100) * 10) / 10;
  const line = (pick: (r: { overall: number | null; readiness: number | null }) => number | null): string =>
    values
      .map((r, i) => (pick(r) === null ? null : `${x(i)},${y(pick(r) as number)}`))
      .filter((p) => p !== null)
      .join(" ");
  return (
    `<svg class="spark" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="trend">` +
    `<polyline points="${line((r) => r.overall)}" fill="none" stroke="#1f6fb2" stroke-width="2"/>` +
    `<polyline points="${line((r) => r.readiness)}" fill="none" stroke="#e07b39" stroke-width="2" stroke-dasharray="4 3"/></svg>`
  );
}

export const EXECUTIVE_CSS = `
section.exec { break-after: page; page-break-after: always; }
section.exec .kpi { display: flex; gap: 24px; flex-wrap: wrap; }
section.exec .kpi div { border: 1px solid #bbb; padding: 8px 12px; min-width: 140px; }
section.exec .kpi b { display: block; font-size: 26px; }
section.exec .trend { color: #555; font-size: 13px; }
`;

/** The first page of the HTML report (a <section> that ends with a page break). */
export function executivePageHtml(report: Report, lang: Lang): string {
  const l = L[lang];
  const out: string[] = [`<section class="exec" data-part="executive"><h1>${l.heading}${report.company ? ` — ${e(report.company)}` : ""}</h1>`];
  const history = report.history ?? [];
  const prev = previousOf(history, report);
  out.push(`<div class="kpi">`);
  for (const [label, now, before] of [
    [l.overall, report.overall.score, prev?.overall ?? null],
    [l.readiness, report.overall.readiness, prev?.readiness ?? null],
  ] as const) {
    const c = prev ? change(now, before) : "";
    out.push(`<div>${label}<b>${n(now)}</b>${c ? `<span class="trend">${e(l.since(prev?.date ?? ""))} ${c}</span>` : ""}</div>`);
  }
  const ev = report.evidence;
  if (ev) out.push(`<div>${l.coverage}<b>${e(coverageText(ev.overall, lang))}</b></div>`);
  out.push(`</div>`);
  const points = [...history.map((h) => ({ overall: h.overall, readiness: h.readiness }))];
  if (prev) out.push(`<p class="trend">${sparkline(points)}</p>`);
  else out.push(`<p class="trend">${e(l.noTrend)}</p>`);

  const weakest = report.fields
    .filter((f) => f.score !== null)
    .slice()
    .sort((a, b) => (a.score as number) - (b.score as number))
    .slice(0, 3);
  out.push(`<h2>${l.weakest}</h2><table class="summary"><tbody>`);
  for (const f of weakest) {
    out.push(`<tr><th scope="row">${e(lang === "en" ? f.nameEn : f.name)}</th><td class="num">${n(f.score)}</td><td class="num">${l.readiness} ${n(f.readiness)}</td></tr>`);
  }
  out.push(`</tbody></table>`);

  out.push(`<h2>${l.actions}</h2>`);
  const top = report.plan.slice(0, 5);
  if (top.length === 0) out.push(`<p>${l.noActions}</p>`);
  else {
    out.push(
      `<table class="actions"><thead><tr><th scope="col">${l.item}</th><th scope="col">${l.priority}</th><th scope="col">${l.owner}</th>` +
        `<th scope="col">${l.due}</th><th scope="col">${l.step}</th></tr></thead><tbody>`,
    );
    for (const p of top) {
      const note = report.planNotes?.[p.itemId];
      out.push(
        `<tr><td>${e(`${p.number} ${p.text}`.trim())}<br><small>${e(p.cell)}</small></td><td class="prio-${p.priority}">${e(t(lang, `priority.${p.priority}`))}</td>` +
          `<td>${e(note?.owner || l.unassigned)}</td><td>${e(note && note.due !== null ? dueText(note.due) : l.unassigned)}</td>` +
          `<td>${e(adviceOf(report, p).firstStep[lang])}</td></tr>`,
      );
    }
    out.push(`</tbody></table>`);
  }
  if (ev) {
    out.push(`<p class="note">${e(COVERAGE_LINE[lang])}</p>`);
    if (ev.naWithoutReason.length) out.push(`<p class="note">${e(l.naNoReason(ev.naWithoutReason.length))}</p>`);
  }
  out.push(`</section>`);
  return out.join("\n");
}
