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
   * Sparse cells (file gateway): when present, `values` is ignored (give `[]`) and `originRow`/`originCol` are 0.
   * Memory grows with the cells a sheet holds, not with their addresses.
   */
  cells?: SparseRow[];
  /** Hidden columns as inclusive ranges (absolute, 0-based), e.g. from `<col min max hidden>`; adds to hiddenColumns. */
  hiddenColumnRanges?: { first: number; last: number }[];
  /** The host could not read this sheet (e.g. an address beyond Excel's grid); detection treats it as empty. */
  error?: Bilingual;
}

/** One row of sparse cells: `cols` ascending (absolute, 0-based), `vals[i]` the value at `cols[i]`. */
export interface SparseRow {
  row: number;
  cols: number[];
  vals: CellValue[];
}

export interface WorkbookInput {
  sheets: SheetInput[];
  /** What the host wants the user to know about reading the workbook (e.g. cells read as blank). */
  warnings?: Bilingual[];
}

export type Answer = "○" | "△" | "×" | "-";
export const ANSWERS: readonly Answer[] = ["○", "△", "×", "-"];

export type ItemStatus = "ok" | "normalized" | "blank" | "invalid" | "na_not_allowed";

/** Where an item's 「-」 permission came from. */
export type NaSource = "validation" | "profile";
/** Where an item's fields came from. */
export type FieldSource = "column" | "rule" | "section";

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
  /** Field names (profile canonical Japanese names, or the names written in the 分野 column). */
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
  plan: PlanRow[];
  /** The advice the plan rows point to (`PlanRow.advice`), once per topic. */
  topics: Record<string, Advice>;
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
