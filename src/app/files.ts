/**
 * Application layer for hosts that work on .xlsx bytes (the CLI and the browser mode): read + analyse, and the
 * annotated copy. Browser-safe: no Node imports here (Node-only code lives in src/cli and src/app/*node*.ts).
 */
import type { Report } from "../core/model";
import { annotateWorkbook, type AnnotateOptions, type AnnotateResult } from "../file/annotate";
import type { Lang } from "./host";

export { checkWorkbookBytes, checkWorkbookForSummary, describeError, type FileCheck, type FileCheckOf } from "./check";

/**
 * An annotated copy of the workbook (results and plan sheets added; answers normalised when `fix`), with what the
 * annotator has to tell: warnings, the sheet names used, the cells fixed and the file extension the copy needs.
 */
export function annotatedCopy(bytes: Uint8Array, report: Report, opts: AnnotateOptions & { lang: Lang }): AnnotateResult {
  return annotateWorkbook(bytes, report, opts);
}
