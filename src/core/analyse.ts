/**
 * The engine's entry points: detect (or take a known location), judge every answer, score, plan.
 */
import type { CellValue, ChecklistLocation, DetectionError, ItemResult, ListValidation, NaSource, Report, Section, Warning, WorkbookInput } from "./model";
import type { Profile, Topic } from "./profile/types";
import { TICS_2024 } from "./profile/tics-2024";
import { toA1 } from "./a1";
import { classifyAnswer, listAllowsNa } from "./answers";
import { SheetView, detectChecklist, findCompanyName, isMatrixMark, locationRange } from "./detect";
import { FieldNames, type NaRule, type PreparedProfile, assignFields, prepareProfile, scanText } from "./fields";
import { type UserMapping, readUserMapping, resolveUserMapping } from "./user-mapping";
import { both } from "./i18n";
import { buildFindings, buildPlan, planTopics } from "./plan";
import { scoreItems, summarise } from "./score";
import { cellText, fold, isBlank } from "./text";
import { evidenceFromWorkbook } from "./evidence";
import { historyFromWorkbook } from "./history";
import { planNotesFromWorkbook } from "./executive";
import { compareWorkbookResults, isResultsLabelColumn, traceWorkbookResults, workbookFieldMap, type WorkbookTrace } from "./workbook-results";
import { digestReport, type SummaryReport } from "./summary";
import { readableSheet } from "./sheet-list";

export type AnalyseResult = { ok: true; report: Report; location: ChecklistLocation } | { ok: false; error: DetectionError };

/**
 * Fields traced from the workbook's own results (issue 7, item 2): per answer-cell sheet row the names of the fields
 * that row counts toward, and the workbook's field order. Built from the results tracer's `fields[].rows`.
 */
export interface WorkbookFieldMap {
  byRow: ReadonlyMap<number, readonly string[]>;
  order: readonly string[];
}

export interface AnalyseOptions {
  profile?: Profile;
  file?: string;
  location?: ChecklistLocation;
  /** Fields from the workbook's results formulas (source "workbook"). */
  workbookFields?: WorkbookFieldMap | null;
  /** The user's mapping; default: read from the workbook's mapping sheet (see user-mapping.ts). */
  userMapping?: UserMapping | null;
}

export function analyse(wb: WorkbookInput, options?: AnalyseOptions): AnalyseResult {
  let location = options?.location;
  if (!location) {
    const found = detectChecklist(wb);
    if (!found.ok) return { ok: false, error: found.error };
    location = found.location;
  }
  const report = reevaluate(wb, location, {
    profile: options?.profile,
    file: options?.file,
    workbookFields: options?.workbookFields,
    userMapping: options?.userMapping,
  });
  return { ok: true, report, location };
}

/**
 * `analyse` for a batch summary: the same detection and judgement, without the plan, advice, evidence, history
 * and the comparison with the workbook's own results, which a summary never reads. The report is the summary's
 * digest (`digestReport`) of what `analyse` would give.
 */
export function analyseForSummary(wb: WorkbookInput, options?: Omit<AnalyseOptions, "location">): { ok: true; report: SummaryReport } | { ok: false; error: DetectionError } {
  const found = detectChecklist(wb);
  if (!found.ok) return { ok: false, error: found.error };
  const { report } = judge(wb, found.location, options);
  return { ok: true, report: digestReport(report) };
}

/** Per answer-cell row: the list items of the validation covering (row, answerCol); undefined when none. */
function validationsByRow(validations: readonly ListValidation[] | undefined, col: number, lo: number, hi: number): Map<number, string[] | null> {
  const out = new Map<number, string[] | null>();
  if (!validations || !Array.isArray(validations) || hi < lo) return out;
  // Later validations win, as in Excel where the last applied rule holds: walk them from the last one and give each
  // row only once (next[i] skips rows already given), so many overlapping rules stay linear.
  const n = hi - lo + 1;
  const next = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) next[i] = i;
  const find = (i: number): number => {
    let root = i;
    while (next[root] !== root) root = next[root];
    while (next[i] !== root) {
      const up = next[i];
      next[i] = root;
      i = up;
    }
    return root;
  };
  for (let k = validations.length - 1; k >= 0; k--) {
    const v = validations[k];
    const r = v && v.range;
    if (!r || col < r.left || col > r.right) continue;
    const top = Math.max(r.top, lo) - lo;
    const bottom = Math.min(r.bottom, hi) - lo;
    const items = Array.isArray(v.items) ? v.items : null;
    for (let i = find(Math.max(top, 0)); i <= bottom; i = find(i)) {
      out.set(lo + i, items);
      next[i] = i + 1;
    }
  }
  return out;
}

/** What depends only on an item's text and the profile. */
interface TextFacts {
  topic: Topic | null;
  second: Topic | null;
  naRule: NaRule;
}

/**
 * Facts kept by item text, per profile, across checks and workbooks: a live re-check finds every text again, and
 * suppliers' copies of one official checklist in a batch have each text scanned once. Bounded: emptied when it
 * reaches MAX_TEXT_FACTS texts (more than the largest checklist measured, 100,000 items, so its re-checks still hit).
 */
const factsByText = new WeakMap<PreparedProfile, Map<string, TextFacts>>();
const MAX_TEXT_FACTS = 200000;

function textFacts(text: string, p: PreparedProfile): TextFacts {
  let byText = factsByText.get(p);
  if (!byText) factsByText.set(p, (byText = new Map()));
  const known = byText.get(text);
  if (known) return known;
  const scan = scanText(fold(text), p);
  const facts: TextFacts = { topic: scan.topic, second: scan.second, naRule: scan.naRule };
  if (byText.size >= MAX_TEXT_FACTS) byText.clear();
  byText.set(text, facts);
  return facts;
}

/** The section each row belongs to: the last section row above it. */
function sectionFinder(sections: readonly Section[]): (row: number) => Section | null {
  const sorted = sections.slice().sort((a, b) => a.row - b.row);
  let i = -1;
  let lastRow = -Infinity;
  return (row: number) => {
    if (row < lastRow) i = -1; // rows come in order; restart if not
    lastRow = row;
    while (i + 1 < sorted.length && sorted[i + 1].row < row) i++;
    return i >= 0 ? sorted[i] : null;
  };
}

/**
 * Re-judge a known location: answer values (and validations) are read again from `wb` at the location's rows
 * (for live edits: patch the cached grid, then call this). When the sheet is missing, the values stored in the
 * location are used.
 */
export function reevaluate(wb: WorkbookInput, location: ChecklistLocation, options?: JudgeOptions): Report {
  const { report, trace, profile } = judge(wb, location, options);
  const plan = buildPlan(report.items, report.fields, profile);
  return {
    ...report,
    plan,
    topics: planTopics(plan, profile),
    evidence: evidenceFromWorkbook(wb, report.items, report.fields),
    history: historyFromWorkbook(wb),
    planNotes: planNotesFromWorkbook(wb),
    workbookResults: compareWorkbookResults(trace, report.items, report.fields, profile),
  };
}

type JudgeOptions = { profile?: Profile; file?: string; workbookFields?: WorkbookFieldMap | null; userMapping?: UserMapping | null };

/** The parts of a report `judge` gives; `reevaluate` adds the plan and what is read from the workbook's own sheets. */
type Judged = Omit<Report, "plan" | "topics" | "evidence" | "history" | "planNotes" | "workbookResults">;

/** Every answer judged, fields assigned and scored, findings listed: a report without its plan. */
function judge(wb: WorkbookInput, location: ChecklistLocation, options?: JudgeOptions): { report: Judged; trace: WorkbookTrace | null; profile: Profile } {
  const profile = options?.profile ?? TICS_2024;
  const p = prepareProfile(profile);
  const input = readableSheet(wb, location.sheet);
  const view = input ? new SheetView(input) : null;
  const rows = location.rows;
  const lo = rows.length ? rows[0].row : 0;
  const hi = rows.length ? rows[rows.length - 1].row : -1;
  const vals = validationsByRow(input?.validations, location.answerCol, Math.min(lo, hi), Math.max(lo, hi));
  const sectionOf = sectionFinder(location.sections);
  const col = location.answerCol;
  const colLetters = toA1(0, col).slice(0, -1);

  // The workbook's own per-field results (its chart or results table), traced to the answer rows: row -> field names
  // and the workbook's field order, passed to the field assignment below.
  const trace = traceWorkbookResults(wb, location);
  const workbookFields = workbookFieldMap(trace);
  const fieldCol = isResultsLabelColumn(trace, location) ? null : location.fieldCol;

  const items: ItemResult[] = new Array(rows.length);
  const user = options?.userMapping !== undefined ? options.userMapping : readUserMapping(wb);
  const userFields = user ? resolveUserMapping(user, rows) : null;
  const wbFields = options?.workbookFields ?? workbookFields;
  const matrix = location.fieldMatrix ?? [];
  const structured = fieldCol !== null || matrix.length > 0 || (wbFields !== null && wbFields.byRow.size > 0);
  const book = new FieldNames(p);
  const warnings: Warning[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const raw: CellValue = view ? view.get(r.row, col) : r.raw;
    let fieldText = fieldCol === null ? null : r.fieldText;
    if (view && fieldCol !== null) {
      const fv = view.get(r.row, fieldCol);
      fieldText = isBlank(fv) ? null : cellText(fv).trim();
    }
    const facts = textFacts(r.text, p);
    let naAllowed: boolean;
    let naSource: NaSource;
    const listed = vals.has(r.row) ? listAllowsNa(vals.get(r.row) ?? null) : null;
    if (listed !== null) {
      naAllowed = listed;
      naSource = "validation";
    } else {
      // An item the profile cannot judge either way accepts 「-」 with a warning (not an error).
      naAllowed = facts.naRule !== "no";
      naSource = "profile";
    }
    const judged = classifyAnswer(raw, naAllowed);
    const section = sectionOf(r.row);
    let matrixNames: string[] | null = null;
    if (matrix.length && view) {
      for (const m of matrix) if (isMatrixMark(view.get(r.row, m.col))) (matrixNames ??= []).push(m.name);
    }
    const fa = assignFields(
      "",
      {
        user: userFields ? userFields[i] : null,
        column: fieldText,
        matrix: matrixNames,
        workbook: wbFields ? (wbFields.byRow.get(r.row) ?? null) : null,
        structured,
      },
      p,
      facts,
      book,
    );
    const cell = colLetters + String(r.row + 1);
    if (naSource === "profile" && facts.naRule === "unsure" && judged.answer === "-" && (judged.status === "ok" || judged.status === "normalized")) {
      warnings.push({ itemId: r.id, cell, code: "na_unsure", message: both("warning.na_unsure", { cell }) });
    }
    items[i] = {
      id: r.id,
      section: section ? section.label : "",
      number: r.number,
      text: r.text,
      cell,
      row: r.row,
      col,
      raw,
      answer: judged.answer,
      status: judged.status,
      naAllowed,
      naSource,
      fields: fa.fields,
      fieldSource: fa.fieldSource,
      topic: fa.topic ? fa.topic.id : null,
    };
  }
  let fromWorkbook = false;
  let fromProfile = false;
  let fromUser = false;
  let unassigned = 0;
  for (const it of items) {
    if (it.fieldSource === "column" || it.fieldSource === "matrix" || it.fieldSource === "workbook") fromWorkbook = true;
    else if (it.fieldSource === "rule") fromProfile = true;
    else if (it.fieldSource === "user") fromUser = true;
    else unassigned++;
  }
  const fieldOrigin: Report["fieldOrigin"] = fromWorkbook || structured ? "workbook" : fromProfile ? "profile" : fromUser ? "user" : "none";
  // The workbook's order when its fields are used: matrix column order, results order, else first appearance.
  let order: string[] | undefined;
  if (fieldOrigin === "workbook") {
    order = [];
    for (const n of matrix.map((m) => m.name)) order.push(book.name(n));
    for (const n of wbFields?.order ?? []) order.push(book.name(n));
  }
  const { fields, overall } = scoreItems(items, profile, order);
  const report: Judged = {
    ...(options?.file !== undefined ? { file: options.file } : {}),
    sheet: location.sheet,
    profile: profile.id,
    location: {
      headerRow: location.headerRow,
      numberCol: location.numberCol,
      textCol: location.textCol,
      answerCol: location.answerCol,
      fieldCol,
      range: locationRange(location),
      source: location.source,
    },
    company: findCompanyName(wb),
    items,
    summary: summarise(items),
    fields,
    overall,
    findings: buildFindings(items),
    warnings,
    unassigned,
    fieldOrigin,
  };
  return { report, trace, profile };
}
