/**
 * Batch summary files (one row per checked workbook + a list of every problem entry) as .xlsx or .csv bytes.
 * Browser-safe: builds bytes, never touches the file system.
 */
import type { CellRange, CellValue } from "../core/model";
import type { Profile } from "../core/profile/types";
import { PROBLEM_SHEET, SUMMARY_SHEET, problemRows, summaryRows, toCsv, withoutProblems, type SummaryInput } from "../core/summary";
import { SheetStream, StringTable, writeSimpleWorkbook, type SimpleSheet } from "../file/xlsx-write";
import type { Lang } from "./host";

export { problemsCsvName, summaryFormatOf, type SummaryFormat } from "./summary-names";

/**
 * Column widths in characters from the first 200 rows (wide characters count 2, a surrogate pair once), at least 6
 * and at most `max`.
 */
export function summaryWidths(rows: CellValue[][], max = 60): number[] {
  const out: number[] = [];
  const n = Math.min(rows.length, 200);
  for (let ri = 0; ri < n; ri++) {
    const r = rows[ri];
    for (let c = 0; c < r.length; c++) {
      const v = r[c];
      const s = v == null ? "" : typeof v === "string" ? v : String(v);
      let w = 0;
      for (let i = 0; i < s.length; i++) {
        const code = s.charCodeAt(i);
        if (code <= 0xff) w += 1;
        else {
          w += 2;
          if (code >= 0xd800 && code < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
        }
      }
      out[c] = Math.min(max, Math.max(out[c] ?? 6, w + 2));
    }
  }
  return out;
}

/** Two sheets: the per-file summary and 「問題一覧」 (every problem entry: file, cell, value, status). */
export function summaryXlsx(results: SummaryInput[], lang: Lang, profile?: Profile): Uint8Array {
  return summaryWorkbook(summaryRows(results, lang, profile), problemRows(results, lang), lang);
}

/** The summary workbook from its two grids (bold header rows, column widths from the first 200 rows). */
export function summaryWorkbook(sum: CellValue[][], probs: CellValue[][], lang: Lang): Uint8Array {
  return writeSimpleWorkbook([summarySheet(SUMMARY_SHEET[lang], sum), summarySheet(PROBLEM_SHEET[lang], probs)]);
}

/** A sheet of the summary workbook: its header row bold, widths from its first 200 rows. */
function summarySheet(name: string, rows: CellValue[][]): SimpleSheet {
  return { name, rows, bold: headerBold(rows), colWidths: summaryWidths(rows) };
}

function headerBold(rows: CellValue[][]): CellRange[] {
  return [{ top: 0, left: 0, bottom: 0, right: Math.max(0, rows[0].length - 1) }];
}

/**
 * Bytes reserved at once for a streamed problem list (200 checklists of 150 items: about 3 MB). Memory is only
 * taken as it is written, so the reservation costs nothing; growing a small buffer by doubling instead wrote every
 * byte about twice into new memory (copies, each new page zeroed by the system): measured on a 200-file batch, the
 * main thread spent ~34 ms growing the buffer; with the reservation, writing the rows took ~18 ms longer (the first
 * write to each page) and that was all.
 */
const PROBLEM_ROOM = 16 * 1024 * 1024;

/**
 * `summaryXlsx` built while the results come in: each file's problem rows are written into the 「問題一覧」 sheet as
 * its result arrives (give them in input order), the per-file sheet (whose columns depend on every file's fields)
 * at the end. The same cells, styles and widths as `summaryXlsx`; only the order of the shared strings differs.
 * A batch's main thread does this while the workers still check, so little is left once the last file is done.
 */
export class SummaryXlsxStream {
  private readonly sst = new StringTable();
  private readonly problems: SheetStream;
  /** The first rows of the problem list, for its column widths (summaryWidths reads 200). */
  private readonly head: CellValue[][] = [];

  constructor(private readonly lang: Lang) {
    const header = problemRows([], lang);
    this.problems = new SheetStream({ name: PROBLEM_SHEET[lang], bold: headerBold(header) }, header[0].length, this.sst, PROBLEM_ROOM);
    this.push(header[0]);
  }

  private push(row: CellValue[]): void {
    if (this.head.length < 200) this.head.push(row);
    this.problems.add(row);
  }

  /**
   * The next file's result (in input order). Returns the result as `finish` still needs it: without the problem
   * entries just written (`withoutProblems`), so that a batch that keeps it instead holds a fraction of the memory.
   */
  add<R extends SummaryInput>(result: R): R {
    const rows = problemRows([result], this.lang);
    for (let i = 1; i < rows.length; i++) this.push(rows[i]);
    return result.ok ? { ...result, report: withoutProblems(result.report) } : result;
  }

  /** The workbook, given every result (the per-file sheet is made from them). Call once, after the last `add`. */
  finish(results: SummaryInput[], profile?: Profile): Uint8Array {
    const sum = summaryRows(results, this.lang, profile);
    this.problems.colWidths = summaryWidths(this.head);
    // The per-file sheet is written by writeSimpleWorkbook into the stream's string table.
    return writeSimpleWorkbook([summarySheet(SUMMARY_SHEET[this.lang], sum), { name: PROBLEM_SHEET[this.lang], stream: this.problems }]);
  }
}

/** The per-file summary as CSV (UTF-8 with BOM). A CSV holds one table, so the problem list is not in it. */
export function summaryCsv(results: SummaryInput[], lang: Lang, profile?: Profile): Uint8Array {
  return new TextEncoder().encode(toCsv(summaryRows(results, lang, profile)));
}

/** The problem list as CSV, for the file written next to a CSV summary. */
export function problemsCsv(results: SummaryInput[], lang: Lang): Uint8Array {
  return new TextEncoder().encode(toCsv(problemRows(results, lang)));
}
