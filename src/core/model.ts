/**
 * The engine's data model. Pure types: no Office.js, no DOM, no I/O.
 *
 * Coordinates are 0-based (row 0 = Excel row 1, col 0 = column A) and absolute in the sheet,
 * whatever part of the sheet a host read.
 */

/** A cell value as hosts deliver it. Dates arrive as numbers (Excel serials) or strings. */
export type CellValue = string | number | boolean | null;

/** Inclusive rectangle in absolute 0-based sheet coordinates. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A list-type data validation covering `range`. */
export interface ListValidation {
  range: CellRange;
  /**
   * The allowed entries when the host could resolve them (e.g. `"○,△,×,-"` split on commas, or the values of a
   * referenced range); null when the list exists but its items could not be resolved (then the profile rule applies).
   */
  items: string[] | null;
}

/** One worksheet as a value grid plus what the host could tell about its layout. */
export interface SheetInput {
  name: string;
  /** Row-major values of the read area. values[r][c] is the cell at (originRow + r, originCol + c). Rows may be ragged. */
  values: CellValue[][];
  /** Absolute row of values[0]; default 0. */
  originRow?: number;
  /** Absolute column of values[r][0]; default 0. */
  originCol?: number;
  /** Absolute indexes of hidden columns / rows, when the host knows them. */
  hiddenColumns?: number[];
  hiddenRows?: number[];
  /** Merged areas, absolute coordinates. */
  merges?: CellRange[];
  /** List validations, absolute coordinates. */
  validations?: ListValidation[];
  /** The sheet is hidden (helper sheets); detection still looks at it but prefers visible ones. */
  hidden?: boolean;
  /**
   * Cells holding a formula (sparse, absolute 0-based coordinates), the text without its leading "=". The cell's value
   * in `values` is the formula's cached (file) or live (Excel) result.
   */
  formulas?: FormulaCell[];
  /**
   * Sparse cells (file gateway): when present, `values` is ignored (give `[]`) and `originRow`/`originCol` are 0.
   * Memory grows with the cells a sheet holds, not with their addresses.
   */
  cells?: SparseRow[];
  /** Hidden columns as inclusive ranges (absolute, 0-based), e.g. from `<col min max hidden>`; adds to hiddenColumns. */
  hiddenColumnRanges?: { first: number; last: number }[];
  /** The host could not read this sheet (e.g. an address beyond Excel's grid); detection treats it as empty. */
  error?: Bilingual;
  /**
   * `false`: the host found values on this sheet but no text that could be a label (core/labels.ts `mayBeLabel`), and
   * may not have parsed it (its `cells` are then read on first access). Detection, the company search and the
   * readers of the add-in's own sheets pass it by; anything that needs its cells still gets them.
   */
  labels?: false;
}

export interface FormulaCell {
  row: number;
  col: number;
  formula: string;
}

/** One series of a chart as the host read it. Refs as written (e.g. `結果!$B$2:$B$9`); values cached (file) or live. */
export interface ChartSeriesInput {
  name: string | null;
  nameRef: string | null;
  categoriesRef: string | null;
  valuesRef: string | null;
  categories: (string | null)[] | null;
  values: (number | null)[] | null;
}

/** A chart on a sheet (type as the host names it: "radar", "bar", …). */
export interface ChartInput {
  sheet: string;
  name?: string;
  type: string;
  series: ChartSeriesInput[];
}

/** A defined name; `sheet` is its scope (null or absent: the whole workbook). */
export interface DefinedNameInput {
  name: string;
  ref: string;
  sheet?: string | null;
}

/** One row of sparse cells: `cols` ascending (absolute, 0-based), `vals[i]` the value at `cols[i]`. */
export interface SparseRow {
  row: number;
  cols: number[];
  vals: CellValue[];
}

export interface WorkbookInput {
  sheets: SheetInput[];
  /** Charts of the workbook, when the host reads them (workbook results are found through them). */
  charts?: ChartInput[];
  /** Defined names, when the host reads them. */
  names?: DefinedNameInput[];
  /** What the host wants the user to know about reading the workbook (e.g. cells read as blank). */
  warnings?: Bilingual[];
}

export type Answer = "○" | "△" | "×" | "-";
export const ANSWERS: readonly Answer[] = ["○", "△", "×", "-"];

export type ItemStatus = "ok" | "normalized" | "blank" | "invalid" | "na_not_allowed";

/** Where an item's 「-」 permission came from. */
export type NaSource = "validation" | "profile";
/**
 * Where an item's fields came from, first that applies: the user's own mapping, the workbook's 分野 column, its field
 * matrix (one mark column per field), the workbook's own results formulas, the profile's rules; "none" = unassigned
 * (「未分類」: counted in the overall score, never a field of its own).
 */
export type FieldSource = "user" | "column" | "matrix" | "workbook" | "rule" | "none";

/** A column of a field matrix: the field name in its header, a mark (● ○ ✓ 1 …) on the rows of its items. */
export interface MatrixColumn {
  col: number;
  name: string;
}

/** A section row such as 「Ⅰ 共通項目」. */
export interface Section {
  /** Normalised key: ASCII roman numeral ("I", "II") or digits ("1"), or "" for items before any section row. */
  key: string;
  /** The title without its numeral, e.g. 「共通項目」. */
  title: string;
  /** The text as read. */
  label: string;
  row: number;
}

/** Where the checklist table is. Everything absolute, 0-based. */
export interface ChecklistLocation {
  sheet: string;
  headerRow: number;
  numberCol: number;
  textCol: number;
  answerCol: number;
  /** Column headed 「分野」 when present. */
  fieldCol: number | null;
  /** Field matrix columns (workbook order) when the table has one; absent or empty when not. */
  fieldMatrix?: MatrixColumn[];
  sections: Section[];
  /** The item rows in sheet order. */
  rows: ItemRow[];
  /** How the location was obtained. */
  source: "detected" | "manual";
}

/** One item row as found by detection (before the answer is judged). */
export interface ItemRow {
  /** Stable key: `${sectionKey || "S"}-${number}`, de-duplicated with a suffix. Used to key plan user columns. */
  id: string;
  sectionKey: string;
  /** Item number as written (e.g. "1", "12"). */
  number: string;
  text: string;
  row: number;
  /** Raw value of the answer cell. */
  raw: CellValue;
  /** Raw field-column text, when a 分野 column exists. */
  fieldText: string | null;
}

/** One judged item, as reported. Field names follow the report contract. */
export interface ItemResult {
  id: string;
  /** Section label, e.g. 「I 共通項目」 (as read), or "" when there is none. */
  section: string;
  number: string;
  text: string;
  /** A1 address of the answer cell without the sheet, e.g. "E12". */
  cell: string;
  row: number;
  col: number;
  raw: CellValue;
  answer: Answer | null;
  status: ItemStatus;
  naAllowed: boolean;
  naSource: NaSource;
  /**
   * Field names: as the workbook writes them (column, matrix, workbook results), as the user typed them, or the
   * profile's canonical Japanese names (rule). Empty when unassigned (fieldSource "none").
   */
  fields: string[];
  fieldSource: FieldSource;
  /** Profile topic the item matched (for hints), or null. */
  topic: string | null;
}

export interface AnswerCounts {
  "○": number;
  "△": number;
  "×": number;
  "-": number;
}

export interface Summary {
  items: number;
  /** Items whose answer is one of ○ △ × - (ok or normalized). */
  answered: number;
  blank: number;
  invalid: number;
  normalized: number;
  naNotAllowed: number;
  counts: AnswerCounts;
}

export interface FieldScore {
  /** Canonical (Japanese) field name. */
  name: string;
  /** English name when the profile knows the field, else the same as name. */
  nameEn: string;
  /** 0-100, one decimal, or null when nothing counts. */
  score: number | null;
  /** Readiness: blank / invalid / na_not_allowed counted as ×. 0-100 or null. */
  readiness: number | null;
  /** Number of items in the field. */
  items: number;
  counts: AnswerCounts;
}

export interface Overall {
  score: number | null;
  readiness: number | null;
}

export type Priority = "high" | "medium" | "low";

export interface Bilingual {
  ja: string;
  en: string;
}

export interface References {
  /** The revised TICS topic, in our words. */
  tics: Bilingual;
  /** ISO/IEC 27001:2022 Annex A control ids, e.g. ["A.5.1"]. */
  iso27001: string[];
  /** JAMA/JAPIA guideline level-1 area, in our words. */
  jama: Bilingual;
}

export interface PlanRow {
  /** 1-based rank in priority order. */
  rank: number;
  itemId: string;
  cell: string;
  section: string;
  number: string;
  text: string;
  answer: Answer | null;
  status: ItemStatus;
  fields: string[];
  priority: Priority;
  topic: string | null;
  /** Key into `Report.topics`: the matched topic's id, or FALLBACK_ADVICE when the item matched none. */
  advice: string;
}

/** Advice shared by every plan row of one topic; sent once per topic in `Report.topics`. */
export interface Advice {
  title: Bilingual;
  hint: Bilingual;
  firstStep: Bilingual;
  evidence: Bilingual;
  references: References;
}

/** The `Report.topics` key of the advice for items that match no topic. */
export const FALLBACK_ADVICE = "_fallback";

/**
 * Something worth a look that is not an error and does not lower readiness: 「-」 on an item whose answer cell has
 * no list and whose text the profile cannot judge either way ("na_unsure").
 */
export interface Warning {
  itemId: string;
  cell: string;
  code: "na_unsure";
  message: Bilingual;
}

/** What to type instead of a problem entry. */
export interface Finding {
  itemId: string;
  cell: string;
  raw: CellValue;
  status: Exclude<ItemStatus, "ok">;
  /** The canonical answer the raw value maps to (normalized), or null. */
  suggestion: Answer | null;
  /** Allowed answers for the cell. */
  allowed: Answer[];
}

export interface Report {
  file?: string;
  sheet: string;
  profile: string;
  location: {
    headerRow: number;
    numberCol: number;
    textCol: number;
    answerCol: number;
    fieldCol: number | null;
    /** A1 range of the table, e.g. "B5:F60". */
    range: string;
    source: "detected" | "manual";
  };
  /** Company name when the workbook states one (e.g. a cell labelled 会社名 / 企業名 / 事業者名). */
  company: string | null;
  items: ItemResult[];
  summary: Summary;
  fields: FieldScore[];
  overall: Overall;
  findings: Finding[];
  /** Warnings (not errors): see `Warning`. Always set by analyse(). */
  warnings?: Warning[];
  /** Items with no field (「未分類」): counted in `overall`, never a field in `fields`. Always set by analyse(). */
  unassigned?: number;
  /**
   * Whose field names and order the report uses: "workbook" (its 分野 column, field matrix or results), "profile"
   * (the profile's rules), "user" (only the user's own mapping), "none" (no item has a field). Set by analyse().
   */
  fieldOrigin?: "workbook" | "profile" | "user" | "none";
  plan: PlanRow[];
  /** The advice the plan rows point to (`PlanRow.advice`), once per topic. */
  topics: Record<string, Advice>;
  /** What the 「証跡・根拠」 sheet records (coverage, 「-」 without a reason); set by analyse. */
  evidence?: EvidenceReport;
  /** The rows of the 「履歴」 sheet, oldest first (empty when the workbook has none); set by analyse. */
  history?: HistoryRow[];
  /** Owners, due dates and status the user wrote on the plan sheet, by item id; set by analyse. */
  planNotes?: Record<string, { owner: string; due: CellValue; status: string }>;
  /** The per-field results the workbook computes itself (its own chart or results table), compared with ours; null when none. */
  workbookResults: WorkbookResults | null;
}

/** What the user recorded for one item on the 「証跡・根拠」 sheet (empty strings when nothing). */
export interface EvidenceEntry {
  /** 証跡（文書名・保管場所）. */
  evidence: string;
  /** 該当しない理由 (why 「-」). */
  reason: string;
  /** 確認者. */
  checker: string;
  /** 確認日 as typed (a date serial or text). */
  checkedOn: CellValue;
  /** メモ. */
  memo: string;
}

export interface EvidenceCoverage {
  /** Share of ○ items with evidence recorded, 0-100 with one decimal; null when there is no ○ item. */
  coverage: number | null;
  /** ○ items with evidence / all ○ items. */
  withEvidence: number;
  circles: number;
}

export interface EvidenceReport {
  /** The sheet it was read from, or null when the workbook has none. */
  sheet: string | null;
  /** Recorded entries by item id (only items with something recorded). */
  entries: Record<string, EvidenceEntry>;
  overall: EvidenceCoverage;
  fields: ({ name: string; nameEn: string } & EvidenceCoverage)[];
  /** Items answered 「-」 with no reason recorded (a warning, not a problem entry). */
  naWithoutReason: string[];
}

/** One row of the 「履歴」 sheet: a written result. */
export interface HistoryRow {
  /** "YYYY-MM-DD HH:MM" (local time). */
  date: string;
  who: string;
  overall: number | null;
  readiness: number | null;
  coverage: number | null;
  counts: AnswerCounts & { blank: number; invalid: number; naNotAllowed: number };
  /** Profile id and where the fields came from, e.g. "tics-2024 / rule". */
  source: string;
  fields: { name: string; score: number | null }[];
}

/** One field of the workbook's own results next to TICS Check's score. */
export interface WorkbookResultField {
  /** The field name as the workbook writes it. */
  name: string;
  /** The value as the workbook holds it (cached in a file, live in Excel); null when it holds none. */
  value: number | null;
  /** A1 address of the value cell (without the sheet). */
  cell: string;
  /**
   * The formula's value recomputed by TICS Check on the current answers: computed only when the stored value is
   * missing or differs from ours (null otherwise, or when it could not be evaluated).
   */
  recomputed: number | null;
  /** TICS Check's score for the same field (0-100), or null. */
  ours: number | null;
  /** Number of answer cells the workbook's formula depends on. */
  items: number;
  /** Ours equals the workbook's value (on its scale) to 0.1. */
  agrees: boolean;
  /** One line on why the numbers differ; null when they agree. */
  why: Bilingual | null;
}

export interface WorkbookResults {
  sheet: string;
  /** A1 range of the value cells. */
  range: string;
  /** Where they were found: a chart's series, or a table of (name, formula) cells. */
  source: "chart" | "table";
  /** The chart's name or title when source is "chart". */
  chart: string | null;
  /** 100 when the workbook computes fractions (0-1) and we compare on a 0-100 scale; else 1. */
  scale: number;
  fields: WorkbookResultField[];
  /** One line summing up the difference; null when every field agrees. */
  why: Bilingual | null;
}

/** Detection failure: what was looked for and what came closest. */
export interface DetectionError {
  code: "no_checklist" | "no_items" | "empty_workbook";
  /** Human-readable, Japanese first. */
  message: Bilingual;
  /** Per sheet: what was found (for the message and for debugging). */
  looked: { sheet: string; note: string }[];
}

export type DetectionResult = { ok: true; location: ChecklistLocation } | { ok: false; error: DetectionError };
