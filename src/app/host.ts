/**
 * The port between the task pane and whatever holds the workbook: Excel (src/excel) or a file in the browser
 * (src/app/browserHost.ts over src/file). The pane only ever talks to this interface.
 */
import type { Answer, Bilingual, CellValue, EvidenceEntry, Report } from "../core/model";
import type { UserMapping } from "../core/user-mapping";

export type Lang = "ja" | "en";

export interface HostError {
  code:
    | "no_checklist"
    | "protected"
    | "cell_edit"
    | "api_unsupported"
    | "unreadable"
    | "changed_meanwhile"
    | "unknown";
  message: Bilingual;
}

/** The top-left part of one sheet as values (rows from row 1, columns from A). */
export interface SheetPreview {
  name: string;
  rows: CellValue[][];
}

export type CheckOutcome = { ok: true; report: Report } | { ok: false; error: HostError };

/** One cell rewrite proposed by normalisation: from the exact raw value to the canonical symbol. */
export interface NormaliseChange {
  itemId: string;
  /** A1 without sheet. */
  cell: string;
  sheet: string;
  from: CellValue;
  to: Answer;
}

export interface HostCapabilities {
  /** Clicking a problem selects the cell. */
  selectCell: boolean;
  /** Conditional-format highlighting of problem cells. */
  highlight: boolean;
  /** Add ○/△/×(/-) dropdowns where an answer cell has none. */
  dropdowns: boolean;
  /** Select the answer cells by hand when detection fails. */
  manualLocation: boolean;
  /** Write 「診断結果」 and 「改善計画」 into the open workbook. */
  writeSheets: boolean;
  /** Offer downloads (annotated .xlsx, HTML report, JSON). */
  download: boolean;
  /** Re-checks by itself when the user edits (onLiveChange fires). */
  live: boolean;
}

export interface ChecklistHost {
  readonly kind: "excel" | "browser";
  readonly capabilities: HostCapabilities;
  /** Display language (Office's display language in Excel, the browser's elsewhere). */
  readonly lang: Lang;
  /** Full check: read, detect, validate, score. */
  check(): Promise<CheckOutcome>;
  /**
   * Write exactly these cells. Each cell must still hold `from`; otherwise nothing is written and the result is
   * an error with code "changed_meanwhile".
   */
  applyNormalise(changes: NormaliseChange[]): Promise<CheckOutcome>;
  /** Restore `from` in each changed cell (the inverse of applyNormalise). */
  undoNormalise(changes: NormaliseChange[]): Promise<CheckOutcome>;
  writeResults(report: Report): Promise<void>;
  writePlan(report: Report): Promise<void>;
  setHighlight(report: Report, on: boolean): Promise<void>;
  /** Whether the workbook carries the add-in's highlight already (known after a check; e.g. from an earlier session). */
  highlightActive?(): boolean;
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Adds list validation to answer cells without one; returns how many cells got one. */
  addDropdowns(report: Report): Promise<number>;
  /**
   * Undoes the last addDropdowns of this session: removes the lists it added, except where the user changed a rule
   * since. Returns how many cells lost their list.
   */
  removeAddedDropdowns?(): Promise<number>;
  /** Use the current selection as the answer cells of the checklist and remember it. */
  useSelectionAsAnswerCells(): Promise<CheckOutcome>;
  clearManualLocation(): Promise<void>;
  /** Live updates; returns an unsubscribe function. */
  onLiveChange(listener: (outcome: CheckOutcome) => void): () => void;
  /** The user's field mapping stored in the workbook (known after a check); null when it holds none. */
  userMapping?(): UserMapping | null;
  /**
   * Stores the user's field mapping in the workbook (a sheet owned by the add-in, see src/core/user-mapping.ts) and
   * checks again. Absent on hosts that cannot write the workbook (the browser mode reads the mapping only).
   */
  saveUserMapping?(mapping: UserMapping): Promise<CheckOutcome>;
  /** Browser mode: open a workbook from bytes. */
  loadFile?(bytes: Uint8Array, name: string): Promise<CheckOutcome>;
  /**
   * Browser mode, after detection failed on a readable workbook: the top-left part of each sheet (values), so the
   * user can pick the answer column and header row; null when there is nothing to show.
   */
  sheetPreview?(): SheetPreview[] | null;
  /** Browser mode: read the checklist with this answer column (0-based) below this header row (0-based). */
  useAnswerColumn?(sheet: string, headerRow: number, answerCol: number): Promise<CheckOutcome>;
  /** Browser mode: the user switched the display language (downloads follow it). */
  setLang?(lang: Lang): void;
  /** Browser mode: produce a download. */
  download?(kind: "xlsx" | "html" | "json", options: { fix: boolean }): Promise<void>;
  /** Writes (or regenerates) the 「証跡・根拠」 sheet; the outcome carries the report with the evidence read back. */
  writeEvidence?(report: Report): Promise<CheckOutcome>;
  /**
   * Saves one item's evidence fields (only the keys given) to the 「証跡・根拠」 sheet (made when missing); in browser
   * mode into the copy that is downloaded.
   */
  saveEvidence?(report: Report, itemId: string, entry: Partial<EvidenceEntry>): Promise<CheckOutcome>;
  /** The report after the host's own writes (e.g. the history row appended by writeResults), or null. */
  latestReport?(): Report | null;
  /** Browser mode: forgets the checks remembered on this device (「履歴を消去」). */
  clearHistory?(): Promise<CheckOutcome>;
}
