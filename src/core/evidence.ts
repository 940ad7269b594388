/**
 * The 「証跡・根拠」 (evidence) sheet: one row per checklist item, owned by the add-in like the plan, with user columns
 * 証跡（文書名・保管場所）, 該当しない理由, 確認者, 確認日, メモ (and any column the user adds) that survive regeneration
 * by item id — through the same user-columns mechanism as the plan (src/core/sheets.ts).
 *
 * Also what the result makes of it: evidence coverage (share of ○ items with evidence recorded, per field and
 * overall) and the 「-」 answers without a recorded reason (a warning). Pure: no host, no I/O.
 */
import type {
  CellValue,
  EvidenceCoverage,
  EvidenceEntry,
  EvidenceReport,
  FieldScore,
  ItemResult,
  Report,
  SheetInput,
  WorkbookInput,
} from "./model";
import {
  answerLabel,
  localUserHeaders,
  readUserHeaders,
  readUserValues,
  userValuesOf,
  type PlanModel,
  type UserColumnsSpec,
} from "./sheets";
import { labelSheets } from "./sheet-list";

type Lang = "ja" | "en";

export const EVIDENCE_SHEET = "証跡・根拠";
export const EVIDENCE_TABLE = "TicsEvidence";

const OWN: Record<Lang, string[]> = {
  ja: ["項目ID", "区分", "No.", "項目", "回答"],
  en: ["Item ID", "Section", "No.", "Item", "Answer"],
};
export const EVIDENCE_USER_HEADERS = ["証跡（文書名・保管場所）", "該当しない理由", "確認者", "確認日", "メモ"] as const;
const EVIDENCE_USER_HEADERS_EN = ["Evidence (document, location)", "Reason for 「-」", "Checked by", "Checked on", "Memo"] as const;

export const EVIDENCE_SPEC: UserColumnsSpec = {
  own: new Set<string>([...OWN.ja, ...OWN.en]),
  standard: EVIDENCE_USER_HEADERS.map((h, i) => [h, EVIDENCE_USER_HEADERS_EN[i]]),
  idHeaders: ["項目ID", "Item ID"],
};

/** One line that says what coverage means (pane, CLI, reports). */
export const COVERAGE_LINE = {
  ja: "証跡カバー率 = 「○」の項目のうち「証跡・根拠」シートに証跡（文書名・保管場所）が記入されている割合。スコア・準備度とは別の数字です。",
  en: "Evidence coverage = share of ○ items whose evidence (document, location) is recorded on the evidence sheet. It is a figure of its own, separate from score and readiness.",
} as const;

function text(v: CellValue | undefined): string {
  return v == null ? "" : String(v).trim();
}

/** An entry from the user values (in EVIDENCE_USER_HEADERS order). */
export function entryOf(values: readonly CellValue[]): EvidenceEntry {
  return {
    evidence: text(values[0]),
    reason: text(values[1]),
    checker: text(values[2]),
    checkedOn: values[3] == null || values[3] === "" ? null : values[3],
    memo: text(values[4]),
  };
}

/** The user values of an entry, in EVIDENCE_USER_HEADERS order (empty strings become empty cells). */
export function valuesOf(e: Partial<EvidenceEntry>): CellValue[] {
  const s = (v: string | undefined): CellValue => (v ? v : null);
  return [s(e.evidence), s(e.reason), s(e.checker), e.checkedOn ?? null, s(e.memo)];
}

/**
 * A sheet's values as a grid from A1 (grid[r][c] is the cell (r, c)); only the first `maxRows` rows when given
 * (recognising a sheet by its header must not copy a big sheet on every live re-check).
 */
export function gridFromA1(sheet: SheetInput, maxRows = Infinity): CellValue[][] {
  if (Array.isArray(sheet.cells)) {
    // Sparse rows (file gateway): copy only the rows asked for, never a dense grid of the whole sheet.
    const out: CellValue[][] = [];
    for (const r of sheet.cells) {
      if (!r || r.row >= maxRows || r.row < 0) continue;
      while (out.length <= r.row) out.push([]);
      const line = out[r.row];
      for (let i = 0; i < r.cols.length; i++) line[r.cols[i]] = r.vals[i];
      for (let c = 0; c < line.length; c++) if (line[c] === undefined) line[c] = null;
    }
    return out;
  }
  const r0 = sheet.originRow ?? 0;
  const c0 = sheet.originCol ?? 0;
  if (r0 === 0 && c0 === 0) return maxRows < sheet.values.length ? sheet.values.slice(0, maxRows) : sheet.values;
  const out: CellValue[][] = [];
  for (let r = 0; r < r0 && out.length < maxRows; r++) out.push([]);
  for (const row of sheet.values) {
    if (out.length >= maxRows) break;
    out.push([...new Array<CellValue>(c0).fill(null), ...(row ?? [])]);
  }
  return out;
}

/** Rows looked at to recognise one of the add-in's sheets by its header. */
export const HEADER_SCAN_ROWS = 20;

/** Could this text be the item-id header of the evidence or plan sheet (「項目ID」 / "Item ID")? */
export function mayBeItemIdHeader(cell: string): boolean {
  return EVIDENCE_SPEC.idHeaders.includes(cell.trim());
}

/** Is this grid an evidence sheet (an id header with the evidence column beside it in the same row)? */
export function isEvidenceGrid(grid: CellValue[][]): boolean {
  for (let r = 0; r < Math.min(grid.length, HEADER_SCAN_ROWS); r++) {
    const row = (grid[r] ?? []).map(text);
    if (row.some((h) => EVIDENCE_SPEC.idHeaders.includes(h)) && row.some((h) => EVIDENCE_SPEC.standard[0].includes(h))) return true;
  }
  return false;
}

/** The workbook's evidence sheet: the one named 「証跡・根拠」 when it is one, else the first sheet that looks like one. */
export function findEvidenceSheet(wb: WorkbookInput): { name: string; grid: CellValue[][] } | null {
  const sheets = labelSheets(wb);
  const ordered = [...sheets.filter((s) => s.name === EVIDENCE_SHEET), ...sheets.filter((s) => s.name !== EVIDENCE_SHEET)];
  for (const s of ordered) {
    if (isEvidenceGrid(gridFromA1(s, HEADER_SCAN_ROWS))) return { name: s.name, grid: gridFromA1(s) };
  }
  return null;
}

/** The user columns of an evidence sheet grid. */
export function readEvidenceUserHeaders(grid: CellValue[][]): string[] {
  return readUserHeaders(grid, EVIDENCE_SPEC);
}

/** The user values of an evidence sheet grid by item id (arrays follow readEvidenceUserHeaders). */
export function readEvidenceUserValues(grid: CellValue[][]): Map<string, CellValue[]> {
  return readUserValues(grid, EVIDENCE_SPEC);
}

/** The recorded entries of an evidence sheet grid by item id. */
export function readEvidenceEntries(grid: CellValue[][]): Map<string, EvidenceEntry> {
  const out = new Map<string, EvidenceEntry>();
  for (const [id, values] of readEvidenceUserValues(grid)) out.set(id, entryOf(values));
  return out;
}

/**
 * Merges changes of one item's standard columns into the user values (as read by readEvidenceUserValues):
 * only the keys present in `change` are replaced, the user's extra columns are kept.
 */
export function mergeEvidence(user: Map<string, CellValue[]>, width: number, itemId: string, change: Partial<EvidenceEntry>): void {
  const values = userValuesOf(user, itemId, width);
  const next = valuesOf({ ...entryOf(values), ...change });
  for (let i = 0; i < next.length; i++) values[i] = next[i];
  user.set(itemId, values);
}

function pct(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((1000 * n) / d) / 10;
}

function isCircle(it: ItemResult): boolean {
  return (it.status === "ok" || it.status === "normalized") && it.answer === "○";
}

function isDash(it: ItemResult): boolean {
  return (it.status === "ok" || it.status === "normalized") && it.answer === "-";
}

function coverageOf(items: ItemResult[], entryOf: (it: ItemResult) => EvidenceEntry | undefined): EvidenceCoverage {
  let circles = 0;
  let withEvidence = 0;
  for (const it of items) {
    if (!isCircle(it)) continue;
    circles++;
    if (entryOf(it)?.evidence) withEvidence++;
  }
  return { coverage: pct(withEvidence, circles), withEvidence, circles };
}

/** Coverage per field and overall, and the 「-」 answers without a reason. */
export function evidenceReport(
  items: ItemResult[],
  fields: FieldScore[],
  entries: Map<string, EvidenceEntry>,
  sheet: string | null,
): EvidenceReport {
  const rec: Record<string, EvidenceEntry> = {};
  // Looked up through a map (an item id is a fresh string each check: a map hashes it once, an object property
  // look-up would intern it every time); none at all when the workbook records no evidence.
  const recorded = new Map<string, EvidenceEntry>();
  if (entries.size > 0) {
    for (const it of items) {
      const e = entries.get(it.id);
      if (e && (e.evidence || e.reason || e.checker || e.checkedOn !== null || e.memo)) {
        rec[it.id] = e;
        recorded.set(it.id, e);
      }
    }
  }
  const entryOfItem = (it: ItemResult): EvidenceEntry | undefined => (recorded.size ? recorded.get(it.id) : undefined);
  // One pass over the items: each ○ counts toward the overall coverage and toward each of its fields.
  const index = new Map<string, number>();
  fields.forEach((f, i) => {
    if (!index.has(f.name)) index.set(f.name, i);
  });
  const circles = new Array<number>(fields.length).fill(0);
  const withEvidence = new Array<number>(fields.length).fill(0);
  const naWithoutReason: string[] = [];
  for (const it of items) {
    if (isDash(it) && !entryOfItem(it)?.reason) naWithoutReason.push(it.id);
    if (!isCircle(it)) continue;
    const has = !!entryOfItem(it)?.evidence;
    const seen: number[] = [];
    for (const name of it.fields) {
      const i = index.get(name);
      if (i === undefined || seen.includes(i)) continue;
      seen.push(i);
      circles[i]++;
      if (has) withEvidence[i]++;
    }
  }
  return {
    sheet,
    entries: rec,
    overall: coverageOf(items, entryOfItem),
    fields: fields.map((f, i) => {
      // A field listed twice under one name gets the same figures each time (as filtering by name gave).
      const k = index.get(f.name) ?? i;
      return { name: f.name, nameEn: f.nameEn, coverage: pct(withEvidence[k], circles[k]), withEvidence: withEvidence[k], circles: circles[k] };
    }),
    naWithoutReason,
  };
}

/** Evidence as analyse attaches it to a report: read from the workbook's evidence sheet (or none). */
export function evidenceFromWorkbook(wb: WorkbookInput, items: ItemResult[], fields: FieldScore[]): EvidenceReport {
  const found = findEvidenceSheet(wb);
  return evidenceReport(items, fields, found ? readEvidenceEntries(found.grid) : new Map(), found?.name ?? null);
}

/**
 * The evidence sheet: one row per checklist item in sheet order, then rows for ids that left the checklist but
 * still carry the user's entries (so regeneration never drops what the user wrote).
 */
export function evidenceModel(
  report: Report,
  lang: Lang,
  user: Map<string, CellValue[]>,
  userHeaders: readonly string[] = EVIDENCE_USER_HEADERS,
): PlanModel {
  const own = OWN[lang];
  const header = [...own, ...localUserHeaders(userHeaders, EVIDENCE_SPEC, lang)];
  const width = userHeaders.length;
  const rows: CellValue[][] = [];
  const seen = new Set<string>();
  for (const it of report.items) {
    seen.add(it.id);
    rows.push([it.id, it.section, it.number, it.text, answerLabel(lang, it.answer, it.status, it.raw), ...userValuesOf(user, it.id, width)]);
  }
  const gone = lang === "ja" ? "（チェックリストに見当たりません）" : "(no longer in the checklist)";
  for (const [id] of user) {
    if (seen.has(id)) continue;
    rows.push([id, "", "", gone, "", ...userValuesOf(user, id, width)]);
  }
  const start = own.length;
  return {
    name: EVIDENCE_SHEET,
    tableName: EVIDENCE_TABLE,
    header,
    rows,
    idColumn: 0,
    userColumnStart: start,
    colWidths: [10, 14, 6, 56, 12, 40, 32, 12, 12, 30],
    wrapColumns: [3, start, start + 1, start + 4],
    dateColumns: [start + 3],
  };
}

/** Coverage as text ("40.0%（2/5）"), or 「-」 when there is no ○ item. */
export function coverageText(c: EvidenceCoverage, lang: Lang): string {
  if (c.coverage === null) return lang === "ja" ? "-（○の項目なし）" : "- (no ○ item)";
  return `${c.coverage.toFixed(1)}%（${c.withEvidence}/${c.circles}）`;
}

/** The warning for 「-」 answers without a reason, or null. */
export function naWithoutReasonWarning(report: Report, lang: Lang): string | null {
  const ids = report.evidence?.naWithoutReason ?? [];
  if (ids.length === 0) return null;
  const byId = new Map(report.items.map((i) => [i.id, i] as const));
  const list = ids.slice(0, 10).map((id) => byId.get(id)?.cell ?? id);
  const more = ids.length > 10 ? (lang === "ja" ? " ほか" : ", …") : "";
  return lang === "ja"
    ? `「-」（該当しない）の理由が記録されていない項目が ${ids.length} 件あります（${list.join("、")}${more}）。「証跡・根拠」シートの「該当しない理由」に記入してください。`
    : `${ids.length} item${ids.length === 1 ? "" : "s"} answered 「-」 have no recorded reason (${list.join(", ")}${more}). Fill in 「Reason for 「-」」 on the evidence sheet.`;
}

/**
 * Evidence in the text outputs (CLI, reports): the coverage with its one-line rule, and the 「-」 warning.
 * Empty when the report carries no evidence part.
 */
export function evidenceLines(report: Report, lang: Lang): { text: string; warn: boolean }[] {
  const ev = report.evidence;
  if (!ev) return [];
  const label = lang === "ja" ? "証跡カバー率" : "Evidence coverage";
  const out = [
    { text: `${label}: ${coverageText(ev.overall, lang)}`, warn: false },
    { text: `  ${COVERAGE_LINE[lang]}`, warn: false },
  ];
  const warning = naWithoutReasonWarning(report, lang);
  if (warning) out.push({ text: warning, warn: true });
  out.push({ text: "", warn: false });
  return out;
}
