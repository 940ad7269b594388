/**
 * Reading and checking .xlsx bytes, for the hosts that work on files (the CLI, its batch workers, the browser
 * mode). Browser-safe. Apart from ./files (which adds the annotated copy and loads the writers) so that a batch
 * worker loads only the reader and the engine.
 */
import { analyse, analyseForSummary } from "../core/analyse";
import type { Bilingual, DetectionError, Report, WorkbookInput } from "../core/model";
import type { Profile } from "../core/profile/types";
import type { SummaryReport } from "../core/summary";
import { readWorkbook } from "../file/xlsx-read";

/** One file's check: its report (a whole `Report`, or the summary's digest of it), or why it could not be checked. */
export type FileCheckOf<R> = { ok: true; report: R } | { ok: false; file: string; error: Bilingual; code: string };
export type FileCheck = FileCheckOf<Report>;

const UNEXPECTED: Bilingual = {
  ja: "ファイルの読み込み中に予期しないエラーが発生しました",
  en: "An unexpected error occurred while reading the file",
};

function isBilingual(v: unknown): v is Bilingual {
  return typeof v === "object" && v !== null && typeof (v as Bilingual).ja === "string" && typeof (v as Bilingual).en === "string";
}

/** Turns whatever the reader threw into a bilingual message and a code, without losing the reader's wording. */
export function describeError(err: unknown): { error: Bilingual; code: string } {
  if (typeof err === "object" && err !== null) {
    const e = err as { code?: unknown; messages?: unknown; message?: unknown };
    const code = typeof e.code === "string" ? e.code : "unreadable";
    if (isBilingual(e.messages)) return { error: e.messages, code };
    if (isBilingual(e.message)) return { error: e.message, code };
    const detail = typeof e.message === "string" ? e.message : String(err);
    return { error: { ja: `${UNEXPECTED.ja}: ${detail}`, en: `${UNEXPECTED.en}: ${detail}` }, code };
  }
  return { error: { ja: `${UNEXPECTED.ja}: ${String(err)}`, en: `${UNEXPECTED.en}: ${String(err)}` }, code: "unreadable" };
}

/** Reads the workbook and analyses it. Never throws: unreadable files and missing checklists come back as errors. */
export function checkWorkbookBytes(bytes: Uint8Array, file: string, profile?: Profile): FileCheck {
  return checkWith(bytes, file, (wb) => analyse(wb, { profile, file }));
}

/**
 * `checkWorkbookBytes` for a batch summary: the report's digest, computed without the plan and the rest a summary
 * never reads (`analyseForSummary`). Never throws.
 */
export function checkWorkbookForSummary(bytes: Uint8Array, file: string, profile?: Profile): FileCheckOf<SummaryReport> {
  return checkWith(bytes, file, (wb) => analyseForSummary(wb, { profile, file }));
}

/** Reads the workbook and runs `judge` on it; whatever goes wrong comes back as an error with its code. */
function checkWith<R>(bytes: Uint8Array, file: string, judge: (wb: WorkbookInput) => { ok: true; report: R } | { ok: false; error: DetectionError }): FileCheckOf<R> {
  let wb: WorkbookInput;
  try {
    wb = readWorkbook(bytes);
  } catch (err) {
    return { ok: false, file, ...describeError(err) };
  }
  try {
    const res = judge(wb);
    if (!res.ok) return { ok: false, file, error: res.error.message, code: res.error.code };
    return { ok: true, report: res.report };
  } catch (err) {
    return { ok: false, file, ...describeError(err) };
  }
}
