/**
 * `--summary OUT --previous OLD`: the earlier round read from its .xlsx (first sheet) or .csv bytes, and the
 * summary files with the change columns (src/core/rounds.ts). Browser-safe: bytes in, bytes out.
 */
import type { CellValue } from "../core/model";
import type { Profile } from "../core/profile/types";
import { parseCsv, readRound, summaryWithPrevious, type Round } from "../core/rounds";
import { problemRows, summaryRows, toCsv, type SummaryInput } from "../core/summary";
import { gridFromA1 } from "../core/evidence";
import { readWorkbook } from "../file/xlsx-read";
import { summaryWorkbook } from "./batch";
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

export function summaryXlsxWithPrevious(results: SummaryInput[], lang: Lang, previous: Round, profile?: Profile): Uint8Array {
  return summaryWorkbook(summaryRowsWithPrevious(results, lang, previous, profile), problemRows(results, lang), lang);
}

export function summaryCsvWithPrevious(results: SummaryInput[], lang: Lang, previous: Round, profile?: Profile): Uint8Array {
  return new TextEncoder().encode(toCsv(summaryRowsWithPrevious(results, lang, previous, profile)));
}
