/**
 * Batch summaries: one row per checked file, one row per problem entry, and CSV text. Pure: the CLI and the
 * browser turn these grids into .csv or .xlsx files.
 */
import type { Bilingual, CellValue, Finding, ItemResult, Report } from "./model";
import type { Profile } from "./profile/types";

type Lang = "ja" | "en";

/**
 * What the batch summary, the problem list and the one-line text of a file read from its report. A whole `Report`
 * is one; `digestReport` makes a small one (a batch's workers send it instead of the whole report when nothing else
 * is printed or written). `items` holds at least the items the findings point to (a digest holds only those).
 */
export type SummaryReport = Pick<Report, "file" | "sheet" | "location" | "company" | "summary" | "fields" | "overall" | "findings" | "fieldOrigin"> & {
  items: readonly Pick<ItemResult, "id" | "number" | "text">[];
};

/** The outcome of checking one file, as the summary needs it. */
export type SummaryInput =
  | { ok: true; report: SummaryReport; file?: string }
  | { ok: false; file: string; error: Bilingual; code?: string };

/**
 * The parts of a report the summary needs, and nothing else: the items only where a finding points to them (id,
 * number, text), no plan, advice, evidence or history. About a tenth of a 150-item report's size.
 */
export function digestReport(report: SummaryReport): SummaryReport {
  const wanted = new Set<string>();
  for (const f of report.findings) wanted.add(f.itemId);
  const items: Pick<ItemResult, "id" | "number" | "text">[] = [];
  for (const i of report.items) if (wanted.has(i.id)) items.push({ id: i.id, number: i.number, text: i.text });
  const out: SummaryReport = {
    sheet: report.sheet,
    location: report.location,
    company: report.company,
    summary: report.summary,
    fields: report.fields,
    overall: report.overall,
    findings: report.findings,
    items,
  };
  if (report.file !== undefined) out.file = report.file;
  if (report.fieldOrigin !== undefined) out.fieldOrigin = report.fieldOrigin;
  return out;
}

/**
 * A report as its per-file summary row and its one-line text read it: without its problem entries and the items they
 * point to. A batch keeps this once the entries are in the problem list (they are most of a digest's size).
 */
export function withoutProblems(report: SummaryReport): SummaryReport {
  return { ...report, findings: [], items: [] };
}

export const SUMMARY_SHEET: Record<Lang, string> = { ja: "集計", en: "Summary" };
export const PROBLEM_SHEET: Record<Lang, string> = { ja: "問題一覧", en: "Problems" };

const H = {
  ja: {
    file: "ファイル",
    company: "会社名",
    sheet: "シート",
    items: "項目数",
    answered: "回答済み",
    problems: "要確認",
    overall: "総合スコア",
    readiness: "準備度",
    error: "エラー",
    cell: "セル",
    itemId: "項目ID",
    item: "項目",
    value: "入力値",
    status: "状態",
    typeInstead: "入力すべき値",
  },
  en: {
    file: "File",
    company: "Company",
    sheet: "Sheet",
    items: "Items",
    answered: "Answered",
    problems: "To check",
    overall: "Overall score",
    readiness: "Readiness",
    error: "Error",
    cell: "Cell",
    itemId: "Item ID",
    item: "Item",
    value: "Value",
    status: "Status",
    typeInstead: "Type instead",
  },
} as const;

/** Labels the results sheet and the HTML report share (one wording for the same figures everywhere). */
export const REPORT_LABELS = {
  ja: {
    company: "会社名",
    items: "項目数",
    answered: "回答済み",
    problems: "要確認（未回答・無効・「-」不可）",
    normalized: "表記ゆれ（自動で読み替え）",
    overall: "総合スコア",
    readiness: "準備度（要確認を×とみなす）",
    profile: "分野の割り当て",
    field: "分野",
    chart: "分野別スコア（0〜100）",
    scoreRule: "スコア = 100 × (○×1 + △×0.5) ÷ (○・△・× の数)。「-」と要確認の項目は分母に含めません。",
  },
  en: {
    company: "Company",
    items: "Items",
    answered: "Answered",
    problems: "To check (blank, invalid, 「-」 not allowed)",
    normalized: "Look-alikes (read as canonical)",
    overall: "Overall score",
    readiness: "Readiness (entries to check count as ×)",
    profile: "Field mapping",
    field: "Field",
    chart: "Scores by field (0-100)",
    scoreRule: "Score = 100 × (○×1 + △×0.5) ÷ (number of ○, △, ×). 「-」 and entries to check stay out of the denominator.",
  },
} as const;

export const FINDING_STATUS_LABEL: Record<Lang, Record<Finding["status"], string>> = {
  ja: { normalized: "表記ゆれ", blank: "未回答", invalid: "無効な値", na_not_allowed: "「-」は使えない項目" },
  en: { normalized: "look-alike", blank: "blank", invalid: "invalid value", na_not_allowed: "「-」 not allowed here" },
};

function fileOf(r: SummaryInput): string {
  return r.ok ? (r.file ?? r.report.file ?? "") : r.file;
}

/** Number of entries the user must look at: blank, invalid and 「-」 where it is not allowed. */
export function problemCount(report: Pick<Report, "summary">): number {
  const s = report.summary;
  return s.blank + s.invalid + s.naNotAllowed;
}

/** What to type instead of a finding's value, in words. */
export function typeInstead(f: Finding, lang: Lang): string {
  if (f.suggestion) return f.suggestion;
  const list = f.allowed.join(" / ");
  return lang === "ja" ? `${list} のいずれか` : `one of ${list}`;
}

/**
 * Union of the field names over all reports: the profile's fields first (in profile order, when any report
 * has them and some report uses the profile's fields), then the others in the order they first appear (so a batch
 * of workbooks with their own fields keeps the workbooks' names and order).
 */
export function fieldUnion(results: SummaryInput[], profile?: Profile): { name: string; nameEn: string }[] {
  const seen = new Map<string, string>();
  for (const r of results) {
    if (!r.ok) continue;
    for (const f of r.report.fields) if (!seen.has(f.name)) seen.set(f.name, f.nameEn);
  }
  const out: { name: string; nameEn: string }[] = [];
  // Workbooks with their own fields keep their names and order: the profile's order applies only when some report
  // uses the profile's fields.
  if (profile && results.some((r) => r.ok && r.report.fieldOrigin !== "workbook")) {
    for (const fd of profile.fields) {
      if (seen.has(fd.name.ja)) {
        out.push({ name: fd.name.ja, nameEn: seen.get(fd.name.ja) ?? fd.name.en });
        seen.delete(fd.name.ja);
      }
    }
  }
  for (const [name, nameEn] of seen) out.push({ name, nameEn });
  return out;
}

/** Header + one row per file. A file that could not be checked keeps its row with the error text. */
export function summaryRows(results: SummaryInput[], lang: Lang = "ja", profile?: Profile): CellValue[][] {
  const h = H[lang];
  const fields = fieldUnion(results, profile);
  const header: CellValue[] = [
    h.file,
    h.company,
    h.sheet,
    h.items,
    h.answered,
    h.problems,
    h.overall,
    h.readiness,
    ...fields.map((f) => (lang === "en" ? f.nameEn : f.name)),
    h.error,
  ];
  const rows: CellValue[][] = [header];
  for (const r of results) {
    if (!r.ok) {
      rows.push([fileOf(r), null, null, null, null, null, null, null, ...fields.map(() => null), r.error[lang]]);
      continue;
    }
    const rep = r.report;
    const byName = new Map(rep.fields.map((f) => [f.name, f.score] as const));
    rows.push([
      fileOf(r),
      rep.company ?? null,
      rep.sheet,
      rep.summary.items,
      rep.summary.answered,
      problemCount(rep),
      rep.overall.score,
      rep.overall.readiness,
      ...fields.map((f) => byName.get(f.name) ?? null),
      null,
    ]);
  }
  return rows;
}

/** True when two lists hold the same strings in the same order. */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Header + one row per finding of every file (problems and look-alikes). A batch's problem list runs to 10,000s
 * of rows, built once per process: an item's 「番号 内容」 text is made once per item (the files of a batch mostly
 * hold the same items) and the 「入力すべき値」 text once per run of findings with the same allowed answers.
 */
export function problemRows(results: SummaryInput[], lang: Lang = "ja"): CellValue[][] {
  const h = H[lang];
  const status = FINDING_STATUS_LABEL[lang];
  const rows: CellValue[][] = [[h.file, h.sheet, h.cell, h.itemId, h.item, h.value, h.status, h.typeInstead]];
  const labels = new Map<string, { number: string; text: string; label: string }>();
  let lastAllowed: readonly string[] | null = null;
  let lastInstead = "";
  for (const r of results) {
    if (!r.ok) continue;
    const rep = r.report;
    const file = fileOf(r);
    // Findings come in item order: each one's item is found by walking the items forward; a map of them is made
    // only for a report whose findings are in another order.
    const list = rep.items;
    let at = 0;
    let byId: Map<string, (typeof list)[number]> | null = null;
    for (const f of rep.findings) {
      let item: (typeof list)[number] | undefined;
      if (byId === null) {
        for (let j = at; j < list.length; j++) {
          if (list[j].id === f.itemId) {
            item = list[j];
            at = j + 1;
            break;
          }
        }
        if (item === undefined) byId = new Map(list.map((i) => [i.id, i] as const));
      }
      if (byId !== null) item = byId.get(f.itemId);
      let label = "";
      if (item) {
        const known = labels.get(item.id);
        if (known && known.number === item.number && known.text === item.text) label = known.label;
        else {
          label = `${item.number} ${item.text}`.trim();
          labels.set(item.id, { number: item.number, text: item.text, label });
        }
      }
      let instead: string;
      if (f.suggestion) instead = f.suggestion;
      else if (lastAllowed && sameList(lastAllowed, f.allowed)) instead = lastInstead;
      else {
        instead = typeInstead(f, lang);
        lastAllowed = f.allowed;
        lastInstead = instead;
      }
      rows.push([file, rep.sheet, f.cell, f.itemId, label, f.raw == null ? "" : f.raw, status[f.status], instead]);
    }
  }
  return rows;
}

/** Characters that make a spreadsheet treat a cell as a formula (plus tab and CR, which some apps strip first). */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(v: CellValue): string {
  if (v == null) return "";
  let s: string;
  if (typeof v === "number") s = Number.isFinite(v) ? String(v) : "";
  else if (typeof v === "boolean") s = v ? "TRUE" : "FALSE";
  else {
    s = v;
    // The answer 「-」 on its own is not a formula: it stays as typed (a quote would show in Excel).
    if (s !== "-" && FORMULA_START.test(s)) s = "'" + s;
  }
  if (/[",\r\n]/.test(s)) s = '"' + s.replace(/"/g, '""') + '"';
  return s;
}

/**
 * CSV text per RFC 4180 (CRLF line ends, fields with comma, quote or line break quoted, quotes doubled),
 * starting with a UTF-8 BOM so Excel reads Japanese correctly. Text starting with = + - @ (or tab, CR) gets a
 * leading single quote so it is never run as a formula; only the answer 「-」 on its own stays as it is.
 */
export function toCsv(rows: CellValue[][]): string {
  return "\uFEFF" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
