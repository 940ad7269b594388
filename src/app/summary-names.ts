/**
 * The names of summary files: which format a name asks for and where the problem list of a CSV summary goes.
 * Kept apart from ./batch (which loads the workbook writer) so the CLI can check its outputs before loading it.
 */
export type SummaryFormat = "xlsx" | "csv";

/** The format a summary file name asks for, or null when it is neither .xlsx nor .csv. */
export function summaryFormatOf(fileName: string): SummaryFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".xlsx")) return "xlsx";
  if (lower.endsWith(".csv")) return "csv";
  return null;
}

/** Name of the problem-list CSV written next to `summaryName` ("out.csv" -> "out-problems.csv"). */
export function problemsCsvName(summaryName: string): string {
  return summaryName.replace(/(\.csv)?$/i, "-problems.csv");
}
