/**
 * Reads and checks one file (the CLI, and each batch worker thread, which loads only this module and the engine).
 */
import { checkWorkbookBytes, checkWorkbookForSummary, type FileCheck, type FileCheckOf } from "../app/check";
import type { Bilingual } from "../core/model";
import type { Profile } from "../core/profile/types";
import type { SummaryReport } from "../core/summary";
import { useNodeZlib } from "../file/zip-node";
import { readRegularFile } from "./read-file";

// The CLI (and each worker thread, which loads this module) inflates and deflates with Node's zlib.
useNodeZlib();

/** A check result plus the bytes that were read (kept only when asked for, e.g. for --out). */
export interface CheckedFile {
  result: FileCheck;
  bytes?: Uint8Array;
}

function fsError(file: string, err: unknown): FileCheck {
  const code = (err as { code?: string } | null)?.code ?? "";
  let error: Bilingual;
  // The file name is not repeated here: messages are shown as "file: message" and JSON carries `file`.
  if (code === "ENOENT") error = { ja: "ファイルが見つかりません。", en: "File not found." };
  else if (code === "EISDIR") error = { ja: "フォルダーは読み込めません。.xlsx ファイルを指定してください。", en: "This is a folder, not an .xlsx file." };
  else if (code === "ENOTREG") error = { ja: "通常のファイルではありません（パイプやデバイスなど）。.xlsx ファイルを指定してください。", en: "Not a regular file (a pipe, device …). Give an .xlsx file." };
  else if (code === "EACCES" || code === "EPERM") error = { ja: "ファイルを開く権限がありません。", en: "No permission to open the file." };
  else error = { ja: `ファイルを読み込めません（${code || String(err)}）。`, en: `Cannot read the file (${code || String(err)}).` };
  return { ok: false, file, error, code: "unreadable" };
}

/**
 * Reads and checks one file; never throws. `bytes`: the file's contents when the caller has read them already (a
 * batch's main thread reads ahead for its worker).
 */
export function checkFile(file: string, profile?: Profile, keepBytes = false, bytes?: Uint8Array): CheckedFile {
  if (!bytes) {
    try {
      bytes = readRegularFile(file);
    } catch (err) {
      return { result: fsError(file, err) };
    }
  }
  const result = checkWorkbookBytes(bytes, file, profile);
  return keepBytes ? { result, bytes } : { result };
}

/**
 * `checkFile` for a batch summary: the report's digest (`checkWorkbookForSummary`). `bytes`: the file's contents
 * when the caller has read them already (a batch's main thread reads ahead for its worker). Never throws.
 */
export function checkFileForSummary(file: string, profile?: Profile, bytes?: Uint8Array): FileCheckOf<SummaryReport> {
  if (!bytes) {
    try {
      bytes = readRegularFile(file);
    } catch (err) {
      return fsError(file, err);
    }
  }
  return checkWorkbookForSummary(bytes, file, profile);
}

