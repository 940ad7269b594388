/**
 * The browser mode's check, run in a Web Worker (webpack entry `check-worker`, served as check-worker.js) so a large
 * or hostile file never freezes the page: the worker reads the workbook within the file gateway's limits, analyses
 * it and posts the result back, with progress on the way. `runCheck` is the same work without a worker (tests, and
 * browsers without Worker support).
 */
import { analyse } from "../core/analyse";
import type { Bilingual, ChecklistLocation, Report, WorkbookInput } from "../core/model";
import { openPackage } from "../file/package";
import { readPackage } from "../file/xlsx-read";
import { describeError } from "./check";

export interface CheckProgress {
  stage: "reading" | "checking";
  /** Sheet being read and how many there are (reading only). */
  done?: number;
  total?: number;
}

export type CheckReply =
  | { type: "progress"; progress: CheckProgress }
  | { type: "done"; ok: true; wb: WorkbookInput; location: ChecklistLocation; report: Report }
  | { type: "done"; ok: false; stage: "read" | "analyse"; code: string; message: Bilingual; wb?: WorkbookInput };

export function runCheck(bytes: Uint8Array, name: string, progress?: (p: CheckProgress) => void): Extract<CheckReply, { type: "done" }> {
  let wb: WorkbookInput;
  try {
    // Read in full (no skim): the workbook goes back to the page, which keeps every sheet's cells for the preview.
    wb = readPackage(openPackage(bytes), (done, total) => progress?.({ stage: "reading", done, total }), Infinity);
  } catch (e) {
    const d = describeError(e);
    return { type: "done", ok: false, stage: "read", code: d.code, message: d.error };
  }
  progress?.({ stage: "checking" });
  try {
    const res = analyse(wb, { file: name });
    // The workbook comes back with a failed detection, so the user can pick the answer column from a preview.
    if (!res.ok) return { type: "done", ok: false, stage: "analyse", code: res.error.code, message: res.error.message, wb };
    return { type: "done", ok: true, wb, location: res.location, report: res.report };
  } catch (e) {
    const d = describeError(e);
    return { type: "done", ok: false, stage: "analyse", code: "unknown", message: d.error };
  }
}

interface WorkerScope {
  onmessage: ((e: { data: { bytes: Uint8Array; name: string } }) => void) | null;
  postMessage(m: CheckReply): void;
}

// Inside a dedicated worker (no `document`, an `importScripts`): answer one check per message.
const scope = globalThis as unknown as WorkerScope & { importScripts?: unknown; document?: unknown };
if (typeof scope.importScripts === "function" && typeof scope.document === "undefined") {
  scope.onmessage = (e) => {
    const { bytes, name } = e.data;
    scope.postMessage(runCheck(bytes, name, (progress) => scope.postMessage({ type: "progress", progress })));
  };
}
