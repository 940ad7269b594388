/**
 * Checks many files, in-process or on a pool of worker threads. Workers run dist/cli/worker.js, the worker entry
 * bundled with the engine into one file by `npm run build:cli` (scripts/build-cli.mjs); when running from
 * TypeScript sources (tsx, jest) there is no compiled worker and everything runs in-process.
 * This module does not load the engine itself (./check-file does, in each worker and for in-process checks), so
 * the CLI starts its workers before it loads the rest of itself.
 */
import * as fs from "node:fs";
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { FileCheck, FileCheckOf } from "../app/files";
import type { Bilingual } from "../core/model";
import type { Profile } from "../core/profile/types";
import type { SummaryReport } from "../core/summary";
import { readSmallFile } from "./read-file";

/** The compiled worker script beside this module, or null when running from TypeScript sources. */
export function workerScript(): string | null {
  if (!__filename.endsWith(".js")) return null;
  const p = path.join(__dirname, "worker.js");
  return fs.existsSync(p) ? p : null;
}

/**
 * Worker threads to use when the user did not say: one. Each file of a batch is checked in a worker thread with
 * its own memory limit and a time limit, so a file that exhausts either becomes an error row and the batch goes on
 * (a dead worker is replaced). Measured with `npm run bench` on the 2-core build machine, more workers were no
 * faster for typical checklists, so further threads are opt-in through --jobs.
 */
export function autoJobs(_count: number): number {
  return 1;
}

/**
 * The most worker threads that can run beside this thread: one core fewer than the machine has (at least one).
 * Every worker is a V8 instance with its own compiler and garbage-collector threads, and they need a core too:
 * measured on a 2-core machine, a second worker made batches slower, for small checklists (200 files of 150 items:
 * 1.16 s vs 0.97 s with 45 % more CPU time, measured again after the reader stopped keeping read workbooks alive)
 * and larger ones (60 files of 1,000 items: 2.3 s vs 2.15 s, and 40 % more CPU time).
 */
export function maxJobs(cores: number = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/** Per-file limits of a worker: heap (MB) and wall time (ms). */
export const WORKER_MEMORY_MB = 768;
export const FILE_TIME_LIMIT_MS = 120_000;

/** A batch worker thread, with its heap limit. */
function startWorker(script: string, memoryMb: number): Worker {
  return new Worker(script, {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    stdout: false,
    stderr: true,
  });
}

interface Spare {
  worker: Worker;
  script: string;
  memoryMb: number;
  ready: boolean;
  /** Removes the listeners prestartWorker added. */
  release: () => void;
}

/** The worker prestartWorker started, until a batch takes it. */
let spare: Spare | null = null;

/**
 * Starts a batch's first worker thread now, before the caller has loaded the rest of itself and looked at its
 * arguments (bin/tics-check.js does this when the command line names several files): the worker's start-up, about
 * 0.1 s, then overlaps theirs. The next batch on workers with the same script and heap limit takes it; one that
 * fails to start is left alone (the batch starts its own). Not holding the process open: `dropSpareWorker` or the
 * end of the process stops it when no batch takes it.
 */
export function prestartWorker(script: string | null = workerScript(), memoryMb = WORKER_MEMORY_MB): void {
  if (script === null || spare) return;
  const worker = startWorker(script, memoryMb);
  worker.unref();
  const s: Spare = { worker, script, memoryMb, ready: false, release: () => undefined };
  const onMessage = (m: { ready?: true } | null): void => {
    if (m?.ready) s.ready = true;
  };
  const onError = (): void => undefined;
  const onExit = (): void => {
    if (spare === s) spare = null;
  };
  worker.on("message", onMessage);
  worker.on("error", onError);
  worker.on("exit", onExit);
  s.release = () => {
    worker.off("message", onMessage);
    worker.off("error", onError);
    worker.off("exit", onExit);
  };
  spare = s;
}

/** Stops the worker prestartWorker started, when no batch took it. */
export function dropSpareWorker(): void {
  const s = spare;
  spare = null;
  if (!s) return;
  s.release();
  void s.worker.terminate();
}

/** The prestarted worker, when it was started like the one wanted (its listeners removed); else null. */
function takeSpare(script: string, memoryMb: number): Spare | null {
  const s = spare;
  if (!s || s.script !== script || s.memoryMb !== memoryMb) return null;
  spare = null;
  s.release();
  s.worker.ref();
  return s;
}

export interface CheckFilesOptions {
  profile?: Profile;
  /** Worker threads; undefined = automatic (1). Every batch runs on workers when the compiled worker exists. */
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Each file's result, in input order, as soon as it and every file before it are done (a batch summary is
   * written while the rest are still being checked). May return what the batch is to keep of the result instead
   * of the result itself (e.g. without the problem entries just written): that is what checkFiles returns for the
   * file, and the rest can be freed at once.
   */
  onResult?: (index: number, result: FileCheckOf<SummaryReport>) => FileCheckOf<SummaryReport> | void;
  /** Worker script to run instead of the compiled one beside this module (tests). */
  script?: string;
  /** Heap limit of each worker in MB (default WORKER_MEMORY_MB). */
  memoryMb?: number;
  /** Time limit per file in ms (default FILE_TIME_LIMIT_MS). */
  timeLimitMs?: number;
  /**
   * Only the summary is wanted: each report comes back as its digest (`digestReport`), which is all a summary
   * reads. Workers send a tenth of the bytes and the batch holds a tenth of the memory.
   */
  digest?: boolean;
}

/** Checks the files in this thread (loads the engine on first use). */
async function inProcess(files: string[], opts: CheckFilesOptions): Promise<FileCheckOf<SummaryReport>[]> {
  const { checkFile, checkFileForSummary } = await import("./check-file");
  const out: FileCheckOf<SummaryReport>[] = [];
  files.forEach((f, i) => {
    const r = opts.digest ? checkFileForSummary(f, opts.profile) : checkFile(f, opts.profile).result;
    out.push(opts.onResult?.(i, r) ?? r);
    opts.onProgress?.(i + 1, files.length);
  });
  return out;
}

/**
 * Checks the files in order; results come back in the input order whatever the threads did. With the compiled
 * worker available (the installed CLI), every file is checked on a worker thread, --jobs 1 included.
 */
export async function checkFiles(files: string[], opts: CheckFilesOptions & { digest: true }): Promise<FileCheckOf<SummaryReport>[]>;
export async function checkFiles(files: string[], opts?: CheckFilesOptions & { digest?: false }): Promise<FileCheck[]>;
export async function checkFiles(files: string[], opts: CheckFilesOptions = {}): Promise<FileCheckOf<SummaryReport>[]> {
  const jobs = Math.max(1, Math.min(opts.jobs ?? autoJobs(files.length), files.length));
  const script = opts.script ?? workerScript();
  // A custom profile is not sent to workers (functions-free but large); they use the default profile.
  if (script === null || opts.profile || files.length === 0) return inProcess(files, opts);
  const results: FileCheckOf<SummaryReport>[] = new Array(files.length);
  const sink = opts.onResult;
  const inOrder = resultsInOrder(
    files.length,
    sink
      ? (i, r) => {
          const keep = sink(i, r);
          if (keep) results[i] = keep;
        }
      : undefined,
  );
  await onWorkers(files, jobs, script, results, { ...opts, onResult: inOrder });
  // Workers that could not start at all (not a file's fault): check what is left here.
  let done = results.filter(Boolean).length;
  if (done === files.length) return results;
  const { checkFile, checkFileForSummary } = await import("./check-file");
  for (let i = 0; i < files.length; i++) {
    if (results[i]) continue;
    results[i] = opts.digest ? checkFileForSummary(files[i]) : checkFile(files[i]).result;
    inOrder(i, results[i]);
    opts.onProgress?.(++done, files.length);
  }
  return results;
}

/** Hands results on in input order (holding those that finish early until the files before them are done). */
function resultsInOrder(count: number, sink?: (index: number, r: FileCheckOf<SummaryReport>) => void): (index: number, r: FileCheckOf<SummaryReport>) => void {
  const held = new Map<number, FileCheckOf<SummaryReport>>();
  let next = 0;
  return (index, r) => {
    if (!sink || index < next) return;
    held.set(index, r);
    while (next < count && held.has(next)) {
      const out = held.get(next) as FileCheckOf<SummaryReport>;
      held.delete(next);
      sink(next++, out);
    }
  };
}

function workerFailure(file: string, kind: "memory" | "time" | "crash", detail: string): FileCheck {
  const error: Bilingual =
    kind === "memory"
      ? {
          ja: "このファイルの確認はメモリーの上限を超えたため中止しました（ほかのファイルは確認を続けます）。",
          en: "Checking this file stopped: it passed the memory limit (the other files are still checked).",
        }
      : kind === "time"
        ? {
            ja: "このファイルの確認は時間の上限を超えたため中止しました（ほかのファイルは確認を続けます）。",
            en: "Checking this file stopped: it passed the time limit (the other files are still checked).",
          }
        : {
            ja: `このファイルの確認中に処理が異常終了しました（${detail}）。ほかのファイルは確認を続けます。`,
            en: `The check of this file stopped abnormally (${detail}); the other files are still checked.`,
          };
  return { ok: false, file, error, code: kind === "memory" ? "out_of_memory" : kind === "time" ? "timeout" : "worker_failed" };
}

/**
 * Files posted to a worker ahead of the one it is checking, so that it never waits for this thread between files
 * (which builds the summary and collects its garbage meanwhile): at least QUEUE_MIN, more while their bytes together
 * stay under QUEUE_BYTES (a file the worker reads itself counts as QUEUE_BYTES), at most QUEUE_DEPTH. Small, so
 * that the workers of a batch finish at about the same time: at most a few tens of milliseconds of work are queued.
 * Measured on 200 files of 150 items (7 KB each): with 2 queued the worker waited often enough to take ~8 % longer
 * than with 16.
 */
const QUEUE_MIN = 2;
const QUEUE_DEPTH = 16;
const QUEUE_BYTES = 256 * 1024;

/**
 * This thread reads each file (up to this size) as it posts it and hands the bytes over (transferred, not copied):
 * opening and reading files then happens beside the worker's checks, not in them. Larger files, and any that
 * cannot be read so, are read by the worker itself (which reports what is wrong with them).
 */
export const READ_AHEAD_MAX_BYTES = 8 * 1024 * 1024;

/** Checks the files on `jobs` workers; each result goes into `results` (then to opts.onResult). */
async function onWorkers(files: string[], jobs: number, script: string, results: FileCheckOf<SummaryReport>[], opts: CheckFilesOptions): Promise<void> {
  const memoryMb = opts.memoryMb ?? WORKER_MEMORY_MB;
  const timeLimit = opts.timeLimitMs ?? FILE_TIME_LIMIT_MS;
  let next = 0;
  /** Files handed back by a worker that died or never started with them queued (not their fault). */
  const handedBack: number[] = [];
  let done = 0;
  const take = (): number => {
    while (handedBack.length) {
      const i = handedBack.shift() as number;
      if (!results[i]) return i;
    }
    return next < files.length ? next++ : -1;
  };
  await new Promise<void>((resolve) => {
    let live = 0;
    let cannotStart = false;
    const finish = (index: number, r: FileCheckOf<SummaryReport>): void => {
      if (results[index]) return;
      results[index] = r;
      done++;
      opts.onResult?.(index, r);
      opts.onProgress?.(done, files.length);
      // Every file has its result: the batch is done; the idle workers are being terminated (that takes a few tens
      // of milliseconds per worker, which nobody needs to wait for).
      if (done === files.length) resolve();
    };
    const start = (): void => {
      if ((next >= files.length && handedBack.length === 0) || cannotStart) {
        if (live === 0) resolve();
        return;
      }
      live++;
      const adopted = takeSpare(script, memoryMb);
      const w = adopted ? adopted.worker : startWorker(script, memoryMb);
      // Files posted to this worker, in order: queue[0] is the one it is checking (its time limit runs); `sizes`
      // the bytes sent with each, `queued` their sum.
      const queue: number[] = [];
      const sizes: number[] = [];
      let queued = 0;
      let ready = false;
      let timer: ReturnType<typeof setTimeout> | null = null;
      let dead = false;
      let failure: "memory" | "time" | "crash" = "crash";
      let detail = "";
      const fill = (): void => {
        while (queue.length < QUEUE_MIN || (queue.length < QUEUE_DEPTH && queued < QUEUE_BYTES)) {
          const i = take();
          if (i < 0) return;
          const bytes = readSmallFile(files[i], READ_AHEAD_MAX_BYTES);
          const size = bytes?.length ?? QUEUE_BYTES;
          queue.push(i);
          sizes.push(size);
          queued += size;
          const message = { index: i, file: files[i], digest: opts.digest === true, bytes: bytes ?? undefined };
          w.postMessage(message, bytes ? [bytes.buffer as ArrayBuffer] : []);
        }
      };
      // The time limit of the file being checked: its deadline moves on with every file, and one timer per worker
      // looks at it when it fires (instead of a new timer per file, which cost the main thread ~10 ms per 200 files).
      let deadline = 0;
      const onTimer = (): void => {
        timer = null;
        if (!queue.length) return;
        const left = deadline - performance.now();
        if (left > 0) timer = setTimeout(onTimer, left);
        else {
          failure = "time";
          void w.terminate();
        }
      };
      const timeFirst = (): void => {
        if (!queue.length) {
          if (timer) clearTimeout(timer);
          timer = null;
          dead = true;
          void w.terminate();
          return;
        }
        deadline = performance.now() + timeLimit;
        timer ??= setTimeout(onTimer, timeLimit);
      };
      const onReady = (): void => {
        ready = true;
        fill();
        timeFirst();
      };
      w.on("message", (m: { ready?: true; index: number; result: FileCheckOf<SummaryReport> }) => {
        if (m.ready) return onReady();
        if (m.index !== queue[0]) return;
        queue.shift();
        queued -= sizes.shift() ?? 0;
        finish(m.index, m.result);
        fill();
        timeFirst();
      });
      w.on("error", (err: Error & { code?: string }) => {
        if (err.code === "ERR_WORKER_OUT_OF_MEMORY") failure = "memory";
        detail = err.message;
      });
      w.on("exit", (code) => {
        if (timer) clearTimeout(timer);
        live--;
        if (!ready) {
          // Never started: no file is at fault; stop starting workers (what is left is checked in-process).
          cannotStart = true;
          handedBack.push(...queue);
        } else if (!dead && queue.length) {
          // The file it was checking becomes an error row; the ones queued behind it go to the next worker.
          const [current, ...rest] = queue;
          finish(current, workerFailure(files[current], failure, detail || `exit ${code}`));
          handedBack.push(...rest);
        }
        start();
      });
      // A prestarted worker may have said it is ready before it was taken.
      if (adopted?.ready) onReady();
    };
    for (let k = 0; k < jobs; k++) start();
  });
}
