/**
 * Checks many files, in-process or on a pool of worker threads. Workers run the compiled JavaScript in dist/;
 * when running from TypeScript sources (tsx, jest) there is no compiled worker and everything runs in-process.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { checkWorkbookBytes, type FileCheck } from "../app/files";
import type { Bilingual } from "../core/model";
import type { Profile } from "../core/profile/types";

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
  else if (code === "EACCES" || code === "EPERM") error = { ja: "ファイルを開く権限がありません。", en: "No permission to open the file." };
  else error = { ja: `ファイルを読み込めません（${code || String(err)}）。`, en: `Cannot read the file (${code || String(err)}).` };
  return { ok: false, file, error, code: "unreadable" };
}

/** Reads and checks one file; never throws. */
export function checkFile(file: string, profile?: Profile, keepBytes = false): CheckedFile {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    return { result: fsError(file, err) };
  }
  const result = checkWorkbookBytes(bytes, file, profile);
  return keepBytes ? { result, bytes } : { result };
}

/** The compiled worker script beside this module, or null when running from TypeScript sources. */
export function workerScript(): string | null {
  if (!__filename.endsWith(".js")) return null;
  const p = path.join(__dirname, "worker.js");
  return fs.existsSync(p) ? p : null;
}

/**
 * Worker threads to use when the user did not say: none. Measured with `npm run bench` on the 2-core build
 * machine (200 files of 150 items, and 40 files of 1,000 items), 2 or 4 workers were no faster than in-process
 * (start-up of each worker and copying reports back cost about what the second core saved), so the pool is
 * opt-in through --jobs.
 */
export function autoJobs(_count: number): number {
  return 0;
}

export interface CheckFilesOptions {
  profile?: Profile;
  /** Worker threads; 0 or 1 = in-process; undefined = automatic. */
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
  /** Worker script to run instead of the compiled one beside this module (tests). */
  script?: string;
}

function inProcess(files: string[], opts: CheckFilesOptions): FileCheck[] {
  const out: FileCheck[] = [];
  files.forEach((f, i) => {
    out.push(checkFile(f, opts.profile).result);
    opts.onProgress?.(i + 1, files.length);
  });
  return out;
}

/** Checks the files in order; results come back in the input order whatever the threads did. */
export async function checkFiles(files: string[], opts: CheckFilesOptions = {}): Promise<FileCheck[]> {
  const jobs = Math.min(opts.jobs ?? autoJobs(files.length), files.length);
  const script = opts.script ?? workerScript();
  // A custom profile is not sent to workers (functions-free but large); they use the default profile.
  if (jobs < 2 || script === null || opts.profile) return inProcess(files, opts);
  try {
    return await onWorkers(files, jobs, script, opts);
  } catch {
    // A worker that cannot start or dies must not cost the user the run: check everything here instead.
    return inProcess(files, opts);
  }
}

async function onWorkers(files: string[], jobs: number, script: string, opts: CheckFilesOptions): Promise<FileCheck[]> {
  const results: FileCheck[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  const finished = new Set<Worker>();
  await new Promise<void>((resolve, reject) => {
    let live = jobs;
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const feed = (w: Worker): void => {
      if (next >= files.length) {
        finished.add(w);
        void w.terminate();
        if (--live === 0) resolve();
        return;
      }
      const index = next++;
      w.postMessage({ index, file: files[index] });
    };
    for (let k = 0; k < jobs; k++) {
      const w = new Worker(script);
      workers.push(w);
      w.on("message", (m: { index: number; result: FileCheck }) => {
        results[m.index] = m.result;
        done++;
        opts.onProgress?.(done, files.length);
        feed(w);
      });
      w.on("error", fail);
      w.on("exit", (code) => {
        if (!finished.has(w)) fail(new Error(`worker stopped early (exit ${code})`));
      });
      feed(w);
    }
  });
  return results;
}
