/**
 * What TICS Check remembers inside the workbook (Excel workbook settings, ExcelApi 1.4): where the checklist is
 * when the user chose it by hand, the previous result (for the 「前回」 series), and what the add-in created.
 */
import type { StoredResult } from "../core/sheets";

export const SETTINGS_KEY = "TicsCheck.state";

export interface ManualLocation {
  /** The sheet's name when it was chosen (used when the id is unknown or gone). */
  sheet: string;
  /** The sheet's id (Worksheet.id), which survives a rename. */
  sheetId?: string;
  /** A1 range of the answer cells, no sheet prefix. */
  answers: string;
}

export interface CreatedObjects {
  /** Names of the sheets the add-in made (it never clears a sheet of that name it did not make). */
  resultsSheet?: string;
  chartName?: string;
  planSheet?: string;
  planTable?: string;
  /**
   * The highlight is on (where it was put). No format id is kept: Excel's ids are positions that shift; the
   * add-in's formats are found by their formula (see isOwnHighlight in write.ts).
   */
  highlight?: { sheet: string; range: string };
}

export interface StoredState {
  version: 1;
  manual: ManualLocation | null;
  /** The result shown as 「前回」: the last written result that differed from the one written after it. */
  previous: StoredResult | null;
  /** The most recently written result. */
  last: StoredResult | null;
  created: CreatedObjects;
}

export function emptyState(): StoredState {
  return { version: 1, manual: null, previous: null, last: null, created: {} };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function storedResult(p: unknown): StoredResult | null {
  if (!isObject(p) || typeof p.date !== "string" || !Array.isArray(p.fields)) return null;
  return {
    date: p.date,
    overall: typeof p.overall === "number" ? p.overall : null,
    fields: p.fields
      .filter(isObject)
      .map((f) => ({ name: String(f.name ?? ""), score: typeof f.score === "number" ? f.score : null }))
      .filter((f) => f.name !== ""),
  };
}

/** Same scores (dates aside)? */
export function sameScores(a: StoredResult | null, b: StoredResult | null): boolean {
  if (!a || !b) return false;
  return a.overall === b.overall && JSON.stringify(a.fields) === JSON.stringify(b.fields);
}

/**
 * Records a newly written result: the one written before it becomes 「前回」 unless it had the same scores
 * (regenerating without changes keeps the earlier 「前回」).
 */
export function recordResult(state: StoredState, current: StoredResult): void {
  if (state.last && !sameScores(state.last, current)) state.previous = state.last;
  state.last = current;
}

/** Accepts what a setting holds (an object, or a JSON string from an older write); anything odd → empty state. */
export function parseState(raw: unknown): StoredState {
  let v: unknown = raw;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      return emptyState();
    }
  }
  if (!isObject(v) || v.version !== 1) return emptyState();
  const s = emptyState();
  const m = v.manual;
  if (isObject(m) && typeof m.sheet === "string" && typeof m.answers === "string") {
    s.manual = { sheet: m.sheet, answers: m.answers };
    if (typeof m.sheetId === "string") s.manual.sheetId = m.sheetId;
  }
  s.previous = storedResult(v.previous);
  s.last = storedResult(v.last);
  if (isObject(v.created)) {
    const c = v.created;
    const str = (x: unknown): string | undefined => (typeof x === "string" ? x : undefined);
    s.created = {
      resultsSheet: str(c.resultsSheet),
      chartName: str(c.chartName),
      planSheet: str(c.planSheet),
      planTable: str(c.planTable),
    };
    const h = c.highlight;
    if (isObject(h) && typeof h.sheet === "string" && typeof h.range === "string") {
      s.created.highlight = { sheet: h.sheet, range: h.range };
    }
  }
  return s;
}

/** Queues reading the state; read `.value` after the next sync. */
export function queueReadState(context: Excel.RequestContext): Excel.Setting {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  item.load("value");
  return item;
}

export function stateFrom(item: Excel.Setting): StoredState {
  return item.isNullObject ? emptyState() : parseState(item.value);
}

/** Queues writing the state (settings are saved with the workbook). */
export function queueWriteState(context: Excel.RequestContext, state: StoredState): void {
  context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(state));
}
