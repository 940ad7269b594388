/**
 * How TICS Check's own sheets print, shared by both gateways (the .xlsx annotator and the Excel add-in):
 * landscape, one page wide (the plan: as many pages tall as needed, header row repeated; the results: one page),
 * and row heights for wrapped cells estimated from the text (the file gateway has no layout engine; Excel uses
 * autofitRows instead).
 */
import type { CellValue } from "./model";

/** Width of a character in column-width units: CJK and other wide characters count double. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x1100) return 1;
  // Hangul Jamo, CJK, Hiragana/Katakana, full-width forms, CJK compatibility, emoji
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x1f300
  ) {
    return 2;
  }
  return 1;
}

/** Lines a text takes in a wrapped cell of `width` column-width units (at least 1). */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  let lines = 0;
  for (const para of text.split(/\r\n|\r|\n/)) {
    let w = 0;
    for (const ch of para) w += charWidth(ch);
    lines += Math.max(1, Math.ceil(w / usable));
  }
  return Math.max(1, lines);
}

/** Default row height (points) of one line in the default 11 pt font; Excel's own maximum is 409. */
export const LINE_HEIGHT = 15;
export const MAX_ROW_HEIGHT = 409;

/**
 * Row height in points for a row whose cells in `wrapCols` wrap, given the column widths (in column-width units).
 * Returns null when one line is enough (the default height applies).
 */
export function rowHeight(row: readonly CellValue[], widths: readonly number[], wrapCols: ReadonlySet<number>): number | null {
  let lines = 1;
  row.forEach((v, c) => {
    if (!wrapCols.has(c) || v == null || v === "") return;
    lines = Math.max(lines, wrappedLines(String(v), widths[c] ?? 10));
  });
  if (lines <= 1) return null;
  return Math.min(MAX_ROW_HEIGHT, Math.ceil(lines * LINE_HEIGHT + 3));
}

export interface PrintSetup {
  orientation: "landscape" | "portrait";
  /** Pages wide (1). */
  fitToWidth: number;
  /** Pages tall; 0 = as many as needed. */
  fitToHeight: number;
  /** 1-based rows repeated at the top of every printed page, or null. */
  titleRows: { first: number; last: number } | null;
}

/** The plan prints landscape, one page wide, its header row on every page. */
export const PLAN_PRINT: PrintSetup = { orientation: "landscape", fitToWidth: 1, fitToHeight: 0, titleRows: { first: 1, last: 1 } };
/** A table sheet's print setup with its header row (0-based, below any intro rows) as the repeated title row. */
export function withTitleRow(setup: PrintSetup, headerRow: number): PrintSetup {
  return { ...setup, titleRows: { first: headerRow + 1, last: headerRow + 1 } };
}
/** The results sheet (summary, field table and chart) prints on one landscape page. */
export const RESULTS_PRINT: PrintSetup = { orientation: "landscape", fitToWidth: 1, fitToHeight: 1, titleRows: null };

/** Size of the results chart in points (fixed, so tall note rows never stretch it). */
export const RESULTS_CHART_SIZE = { width: 480, height: 340 };
