/**
 * `--summary OUT --previous OLD`: the earlier round read from its .xlsx (first sheet) or .csv bytes, and the
 * summary files with the change columns (src/core/rounds.ts). Browser-safe: bytes in, bytes out.
 */
import type { CellValue } from "../core/model";
import type { Profile } from "../core/profile/types";
import { parseCsv, readRound, summaryWithPrevious, type Round } from "../core/rounds";
import { PROBLEM_SHEET, SUMMARY_SHEET, problemRows, summaryRows, toCsv, type SummaryInput } from "../core/summary";
import { gridFromA1 } from "../core/evidence";
import { readWorkbook } from "../file/xlsx-read";
import { writeSimpleWorkbook } from "../file/xlsx-write";
import type { Lang } from "./host";

/** Reads the earlier summary; throws `{ code, messages }` (bilingual) when it is not one. */
export function readPreviousSummary(bytes: Uint8Array, name: string): Round {
  if (/\.csv$/i.test(name)) return readRound(parseCsv(new TextDecoder("utf-8").decode(bytes)));
  const wb = readWorkbook(bytes);
  const first = wb.sheets.find((s) => !s.hidden) ?? wb.sheets[0];
  if (!first) throw { code: "bad_previous", messages: { ja: "前回の集計にシートがありません。", en: "The previous summary has no sheet." } };
  return readRound(gridFromA1(first));
}

/** The summary rows with the change columns and the rows of suppliers that did not answer again. */
export function summaryRowsWithPrevious(results: SummaryInput[], lang: Lang, previous: Round, profile?: Profile): CellValue[][] {
  return summaryWithPrevious(summaryRows(results, lang, profile), previous, lang);
}

function widths(rows: CellValue[][]): number[] {
  const out: number[] = [];
  for (const r of rows.slice(0, 200)) {
    r.forEach((v, c) => {
      let w = 0;
      for (const ch of v == null ? "" : String(v)) w += ch.charCodeAt(0) > 0xff ? 2 : 1;
      out[c] = Math.min(60, Math.max(out[c] ?? 6, w + 2));
    });
  }
  return out;
}

export function summaryXlsxWithPrevious(results: SummaryInput[], lang: Lang, previous: Round, profile?: Profile): Uint8Array {
  const sum = summaryRowsWithPrevious(results, lang, previous, profile);
  const probs = problemRows(results, lang);
  const bold = (rows: CellValue[][]) => [{ top: 0, left: 0, bottom: 0, right: Math.max(0, rows[0].length - 1) }];
  return writeSimpleWorkbook([
    { name: SUMMARY_SHEET[lang], rows: sum, bold: bold(sum), colWidths: widths(sum) },
    { name: PROBLEM_SHEET[lang], rows: probs, bold: bold(probs), colWidths: widths(probs) },
  ]);
}

export function summaryCsvWithPrevious(results: SummaryInput[], lang: Lang, previous: Round, profile?: Profile): Uint8Array {
  return new TextEncoder().encode(toCsv(summaryRowsWithPrevious(results, lang, previous, profile)));
}
