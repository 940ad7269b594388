/**
 * Batch summary files (one row per checked workbook + a list of every problem entry) as .xlsx or .csv bytes.
 * Browser-safe: builds bytes, never touches the file system.
 */
import type { CellValue } from "../core/model";
import type { Profile } from "../core/profile/types";
import { PROBLEM_SHEET, SUMMARY_SHEET, problemRows, summaryRows, toCsv, type SummaryInput } from "../core/summary";
import { writeSimpleWorkbook } from "../file/xlsx-write";
import type { Lang } from "./host";

export { problemsCsvName, summaryFormatOf, type SummaryFormat } from "./summary-names";

function widths(rows: CellValue[][], max = 60): number[] {
  const out: number[] = [];
  for (const r of rows.slice(0, 200)) {
    r.forEach((v, c) => {
      const s = v == null ? "" : String(v);
      let w = 0;
      for (const ch of s) w += ch.charCodeAt(0) > 0xff ? 2 : 1;
      out[c] = Math.min(max, Math.max(out[c] ?? 6, w + 2));
    });
  }
  return out;
}

/** Two sheets: the per-file summary and 「問題一覧」 (every problem entry: file, cell, value, status). */
export function summaryXlsx(results: SummaryInput[], lang: Lang, profile?: Profile): Uint8Array {
  const sum = summaryRows(results, lang, profile);
  const probs = problemRows(results, lang);
  const headerBold = (rows: CellValue[][]) => [{ top: 0, left: 0, bottom: 0, right: Math.max(0, rows[0].length - 1) }];
  return writeSimpleWorkbook([
    { name: SUMMARY_SHEET[lang], rows: sum, bold: headerBold(sum), colWidths: widths(sum) },
    { name: PROBLEM_SHEET[lang], rows: probs, bold: headerBold(probs), colWidths: widths(probs) },
  ]);
}

/** The per-file summary as CSV (UTF-8 with BOM). A CSV holds one table, so the problem list is not in it. */
export function summaryCsv(results: SummaryInput[], lang: Lang, profile?: Profile): Uint8Array {
  return new TextEncoder().encode(toCsv(summaryRows(results, lang, profile)));
}

/** The problem list as CSV, for the file written next to a CSV summary. */
export function problemsCsv(results: SummaryInput[], lang: Lang): Uint8Array {
  return new TextEncoder().encode(toCsv(problemRows(results, lang)));
}
