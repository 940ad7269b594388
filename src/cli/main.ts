/**
 * tics-check: checks TICS self-check workbooks from the command line. `bin/tics-check.js` calls `main`.
 * Thin shell over src/app and src/core: parsing, file I/O and printing only.
 */
import * as fs from "node:fs";
import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type { FileCheck, FileCheckOf } from "../app/files";
import { problemsCsvName, summaryFormatOf } from "../app/summary-names";
import type { Bilingual, Report } from "../core/model";
import type { Profile } from "../core/profile/types";
import { installSignalCleanup, writeFileAtomicAsync } from "../file/atomic-node";
import { helpText, parseArgs, type CliOptions, type Lang } from "./args";
import { checkFiles, maxJobs } from "./batch-node";
import type { Round } from "../core/rounds";
import type { SummaryInput, SummaryReport } from "../core/summary";
import type { SummaryXlsxStream } from "../app/batch";

// The engine, the writers and the printers are loaded when first needed (`await import`): a batch starts its worker
// threads first, and this thread loads the rest of the CLI while they start (both take about 0.1 s).

export interface CliIo {
  stdout: (s: string) => void;
  /** Writes bytes to stdout (large --json documents are encoded piece by piece); stdout(string) when absent. */
  stdoutBytes?: (b: Uint8Array) => void;
  stderr: (s: string) => void;
  /** stdout is a terminal (colours allowed). */
  isTTY?: boolean;
  /** stderr is a terminal (progress shown). */
  stderrIsTTY?: boolean;
  /** Resolves once everything written has left the process (the launcher calls process.exit right after). */
  flush?: () => Promise<void>;
}

/** Waits until a stream has handed every queued chunk to the OS (pipes are asynchronous in Node). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write("", () => resolve());
  });
}

function defaultIo(): CliIo {
  return {
    stdout: (s) => process.stdout.write(s),
    stdoutBytes: (b) => process.stdout.write(b),
    stderr: (s) => process.stderr.write(s),
    // https://no-color.org: any non-empty NO_COLOR turns colours off even on a terminal.
    isTTY: process.stdout.isTTY === true && !process.env.NO_COLOR,
    stderrIsTTY: process.stderr.isTTY === true,
    flush: async () => {
      await Promise.all([drained(process.stdout), drained(process.stderr)]);
    },
  };
}

export function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

function say(io: CliIo, lang: Lang, msg: Bilingual): void {
  io.stderr(`tics-check: ${msg[lang]}\n`);
}

/** Exit status for one checked file. */
function statusOf(r: FileCheckOf<SummaryReport>, o: CliOptions): number {
  if (!r.ok) return 2;
  const s = r.report.summary;
  if (o.failOn.includes("invalid") && s.invalid + s.naNotAllowed > 0) return 1;
  if (o.failOn.includes("blank") && s.blank > 0) return 1;
  return 0;
}

/** True when `a` and `b` name the same file (same path, or the same file through a link). */
function sameFile(a: string, b: string): boolean {
  return anySameFile([a], b);
}

/**
 * True when one of `files` names the same file as `target` (same path, or the same file through a link). The
 * target is looked at once (a batch names hundreds of inputs); when it does not exist, only paths are compared.
 */
function anySameFile(files: string[], target: string): boolean {
  const t = path.resolve(target);
  if (files.some((f) => path.resolve(f) === t)) return true;
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch {
    return false;
  }
  return files.some((f) => {
    try {
      const sf = fs.statSync(f);
      return sf.dev === st.dev && sf.ino === st.ino;
    } catch {
      return false;
    }
  });
}

async function save(io: CliIo, lang: Lang, file: string, data: Uint8Array | string, what: Bilingual): Promise<boolean> {
  try {
    await writeFileAtomicAsync(file, typeof data === "string" ? new TextEncoder().encode(data) : data);
    say(io, lang, { ja: `${what.ja}を保存しました: ${file}`, en: `Saved ${what.en}: ${file}` });
    return true;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    say(io, lang, { ja: `${what.ja}を保存できませんでした（${file}）: ${detail}`, en: `Could not save ${what.en} (${file}): ${detail}` });
    return false;
  }
}

function jsonOf(r: FileCheck, lang: Lang): Report | { file: string; error: string; code: string } {
  return r.ok ? r.report : { file: r.file, error: r.error[lang], code: r.code };
}

/**
 * Writes --out, --report and --summary. False when one failed (a message is on stderr, nothing half-written).
 * `first` is the whole check of a single input (--out and --report take one input only).
 */
async function writeOutputs(
  io: CliIo,
  o: CliOptions,
  results: SummaryInput[],
  first: FileCheck | null,
  bytes: Uint8Array | undefined,
  previous: Round | null = null,
  profile?: Profile,
  stream: SummaryXlsxStream | null = null,
): Promise<boolean> {
  const lang = o.lang;
  await useNativeZip();
  if (o.out && first?.ok && bytes) {
    const { annotatedCopy, describeError } = await import("../app/files");
    let data: Uint8Array;
    try {
      const res = annotatedCopy(bytes, first.report, { fix: o.fix, lang, records: true });
      const ext = o.out.slice(o.out.lastIndexOf(".")).toLowerCase();
      if (ext !== res.extension) {
        // Excel refuses a macro-enabled (or template) package under another extension: keep the input's kind.
        say(io, lang, {
          ja: `入力は ${res.extension} 形式のブックです。--out の名前を ${res.extension} で終わるようにしてください（何も保存していません）: ${o.out}`,
          en: `The input is an ${res.extension} workbook. Give --out a name ending in ${res.extension} (nothing was saved): ${o.out}`,
        });
        return false;
      }
      data = res.bytes;
      for (const w of res.warnings) say(io, lang, w);
      if (o.fix) {
        const list = res.fixed.length > 10 ? `${res.fixed.slice(0, 10).join(", ")}, …` : res.fixed.join(", ");
        say(io, lang, {
          ja: `表記ゆれを ${res.fixed.length} か所直しました${res.fixed.length ? `（${list}）` : ""}（コピーのみ。元のファイルは変更していません）`,
          en: `Fixed ${res.fixed.length} look-alike${res.fixed.length === 1 ? "" : "s"}${res.fixed.length ? ` (${list})` : ""} in the copy (the original is unchanged)`,
        });
      }
    } catch (err) {
      const d = describeError(err).error;
      say(io, lang, { ja: `注釈付きのコピーを作れませんでした: ${d.ja}`, en: `Could not build the annotated copy: ${d.en}` });
      return false;
    }
    if (!(await save(io, lang, o.out, data, { ja: "注釈付きのコピー", en: "the annotated copy" }))) return false;
  }
  if (o.report && first?.ok) {
    const { renderHtmlReport } = await import("../core/html-report");
    const html = renderHtmlReport(first.report, lang, { now: new Date(), executive: true });
    if (!(await save(io, lang, o.report, html, { ja: "HTML レポート", en: "the HTML report" }))) return false;
  }
  if (o.summary && previous) {
    const { summaryWithRounds } = await import("./previous");
    if (!(await summaryWithRounds(io, o, results, previous, save))) return false;
  } else if (o.summary) {
    const { summaryXlsx, summaryCsv, problemsCsv } = await import("../app/batch");
    profile ??= (await import("../core/profile/tics-2024")).TICS_2024;
    const fmt = summaryFormatOf(o.summary);
    if (fmt === "xlsx") {
      const data = stream ? stream.finish(results, profile) : summaryXlsx(results, lang, profile);
      if (!(await save(io, lang, o.summary, data, { ja: "集計", en: "the summary" }))) return false;
    } else {
      if (!(await save(io, lang, o.summary, summaryCsv(results, lang, profile), { ja: "集計", en: "the summary" }))) return false;
      const probs = problemsCsvName(o.summary);
      if (!(await save(io, lang, probs, problemsCsv(results, lang), { ja: "問題一覧", en: "the problem list" }))) return false;
    }
  }
  return true;
}

/** Reads and validates a --profile file; says every bad entry on stderr and returns null when it is not usable. */
async function loadProfileFile(io: CliIo, lang: Lang, file: string): Promise<Profile | null> {
  const { MAX_PROFILE_BYTES, parseProfile } = await import("./profile-file");
  let text: string;
  try {
    if (statSync(file).size > MAX_PROFILE_BYTES) throw new Error(`> ${MAX_PROFILE_BYTES} bytes`);
    text = readFileSync(file, "utf8");
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    say(io, lang, { ja: `プロファイルを読めません: ${file}（${m}）`, en: `Cannot read the profile: ${file} (${m})` });
    return null;
  }
  const res = parseProfile(text);
  if (res.ok) return res.profile;
  say(io, lang, { ja: `プロファイルに誤りがあります: ${file}`, en: `The profile has errors: ${file}` });
  for (const e of res.errors) say(io, lang, { ja: `  - ${e.ja}`, en: `  - ${e.en}` });
  return null;
}

export { installSignalCleanup };

/** Node's zlib for every package this thread reads or writes (the batch workers install it for themselves). */
async function useNativeZip(): Promise<void> {
  (await import("../file/zip-node")).useNodeZlib();
}

/** Loads the modules that write and print a batch's results (see the note on the imports). */
async function loadOutputModules(o: CliOptions): Promise<void> {
  await useNativeZip();
  await import("./text");
  await import("./json-stream");
  if (o.summary) {
    await import("../app/batch");
    await import("../core/profile/tics-2024");
  }
  if (o.previous) await import("./previous");
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const code = await run(argv, io);
  await io.flush?.();
  return code;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    say(io, parsed.lang, parsed.error);
    return 2;
  }
  const o = parsed.options;
  const lang = o.lang;
  if (o.help) {
    io.stdout(helpText(version()));
    return 0;
  }
  if (o.version) {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (o.printProfile) {
    const { profileText } = await import("./profile-file");
    const base = o.profile ? await loadProfileFile(io, lang, o.profile) : (await import("../core/profile/tics-2024")).TICS_2024;
    if (!base) return 2;
    io.stdout(profileText(base));
    return 0;
  }
  let profile: Profile | undefined;
  if (o.profile) {
    const loaded = await loadProfileFile(io, lang, o.profile);
    if (!loaded) return 2;
    profile = loaded;
  }
  const targets = [o.out, o.report, o.summary, o.summary && summaryFormatOf(o.summary) === "csv" ? problemsCsvName(o.summary) : null];
  for (const target of targets) {
    if (target && anySameFile(o.files, target)) {
      say(io, lang, {
        ja: `出力先が入力ファイルと同じです。入力は上書きしません。別の名前を指定してください: ${target}`,
        en: `The output is the same file as an input; inputs are never overwritten. Choose another name: ${target}`,
      });
      return 2;
    }
  }
  if (o.previous && targets.some((t) => t && sameFile(t, o.previous as string))) {
    say(io, lang, {
      ja: `出力先が --previous の前回の集計と同じです。前回の集計は上書きしません。別の名前を指定してください: ${o.previous}`,
      en: `An output is the same file as the --previous summary, which is never overwritten. Choose another name: ${o.previous}`,
    });
    return 2;
  }
  const named = targets.filter((t): t is string => !!t);
  for (let i = 0; i < named.length; i++) {
    if (named.slice(i + 1).some((t) => sameFile(t, named[i]))) {
      say(io, lang, {
        ja: `同じ出力先が 2 回指定されています: ${named[i]}`,
        en: `The same output file is given twice: ${named[i]}`,
      });
      return 2;
    }
  }

  // The earlier round is read before any work: a wrong --previous fails fast (exit 2, nothing written).
  let previousRound: Round | null = null;
  if (o.previous) {
    await useNativeZip();
    previousRound = (await import("./previous")).loadPrevious(io, o);
    if (!previousRound) return 2;
  }

  // Check every file. A single file keeps its bytes for --out. `full` holds whole reports where something prints
  // or writes more than the summary: one input, --json, or the text report of every file; a batch with --summary
  // and no --json gets each report's digest (what the summary and its one line per file read).
  let results: FileCheckOf<SummaryReport>[];
  let full: FileCheck[] = [];
  let summaryStream: SummaryXlsxStream | null = null;
  let bytes: Uint8Array | undefined;
  if (o.files.length === 1) {
    const { checkFile } = await import("./check-file");
    const one = checkFile(o.files[0], profile, o.out !== null);
    results = full = [one.result];
    bytes = one.bytes;
  } else {
    const digest = o.summary !== null && !o.json;
    const progress = io.stderrIsTTY === true;
    const unit = lang === "ja" ? "ファイル" : "files";
    let last = 0;
    // More threads than the machine can run beside this one would be slower (see maxJobs): said once, then capped.
    let jobs = o.jobs ?? undefined;
    if (jobs !== undefined && jobs > maxJobs() && o.files.length > maxJobs()) {
      say(io, lang, {
        ja: `--jobs ${jobs}: この PC で並行して動かせるのは ${maxJobs()} スレッドまでのため、${maxJobs()} スレッドで確認します（多くしても速くなりません）。`,
        en: `--jobs ${jobs}: this machine runs at most ${maxJobs()} checking thread${maxJobs() === 1 ? "" : "s"} beside the main one; using ${maxJobs()} (more would be slower).`,
      });
      jobs = maxJobs();
    }
    // An .xlsx summary (without --previous) is written while the files are checked: each result goes into it as
    // it comes, in input order (held here until the writer is loaded). With digests, nothing reads a file's problem
    // entries again once they are in the problem list: the batch keeps the result without them (less to hold and
    // for the garbage collector to copy while the other files are checked).
    let stream: SummaryXlsxStream | null = null;
    const early: SummaryInput[] = [];
    const streaming = o.summary !== null && !o.previous && summaryFormatOf(o.summary) === "xlsx";
    const opts = {
      jobs,
      onResult: streaming
        ? (_index: number, r: FileCheckOf<SummaryReport>): FileCheckOf<SummaryReport> | undefined => {
            if (!stream) {
              early.push(r);
              return undefined;
            }
            const kept = stream.add(r);
            return digest ? kept : undefined;
          }
        : undefined,
      profile,
      onProgress: progress
        ? (done: number, total: number) => {
            const now = Date.now();
            if (done === total || now - last > 100) {
              last = now;
              io.stderr(`\r${done}/${total} ${unit}`);
              if (done === total) io.stderr("\n");
            }
          }
        : undefined,
    };
    // The workers start now; this thread loads what writes and prints the results while they start and check.
    const pending = digest ? checkFiles(o.files, { ...opts, digest: true }) : checkFiles(o.files, opts).then((r) => (full = r));
    await loadOutputModules(o);
    if (streaming) {
      stream = new (await import("../app/batch")).SummaryXlsxStream(lang);
      for (const r of early.splice(0)) stream.add(r);
    }
    results = await pending;
    summaryStream = stream;
  }

  let code = 0;
  for (const r of results) {
    code = Math.max(code, statusOf(r, o));
    if (!r.ok) io.stderr(`tics-check: ${r.file}: ${r.error[lang]}\n`);
  }

  // Files first: when one cannot be written the run fails (exit 2) before anything is printed.
  if (!(await writeOutputs(io, o, results, o.files.length === 1 ? full[0] : null, bytes, previousRound, profile, summaryStream))) return 2;

  // stdout: one document, or nothing when the only file failed.
  const { writeJsonStream } = await import("./json-stream");
  const { formatLine, formatReport, styleFor } = await import("./text");
  if (o.files.length === 1) {
    const r = full[0];
    if (r.ok && o.json) await writeJsonStream(r.report, io.stdout, io.flush, io.stdoutBytes);
    else if (r.ok) io.stdout(formatReport(r.report, lang, styleFor(io.isTTY === true), { fixedCopy: o.fix && !!o.out }));
  } else if (o.json) {
    await writeJsonStream(full.map((r) => jsonOf(r, lang)), io.stdout, io.flush, io.stdoutBytes);
  } else {
    const style = styleFor(io.isTTY === true);
    if (o.summary) {
      const ok = results.filter((r): r is { ok: true; report: SummaryReport } => r.ok);
      io.stdout(ok.map((r) => formatLine(r.report, lang)).join("\n") + (ok.length ? "\n" : ""));
      if (previousRound) io.stdout((await import("./previous")).roundsText(results, previousRound, lang));
    } else {
      const ok = full.filter((r): r is { ok: true; report: Report } => r.ok);
      io.stdout(ok.map((r) => formatReport(r.report, lang, style)).join("\n"));
    }
  }

  return code;
}
