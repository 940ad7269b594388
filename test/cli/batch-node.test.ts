import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { autoJobs, checkFiles, dropSpareWorker, prestartWorker, workerScript } from "../../src/cli/batch-node";
import { prestartFor } from "../../src/cli/prestart";
import { checkFile } from "../../src/cli/check-file";
import { synthXlsx } from "./synth";
import { problemRows, summaryRows } from "../../src/core/summary";

let dir: string;
let files: string[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-batch-"));
  files = [0, 1, 2].map((i) => {
    const f = path.join(dir, `f${i}.xlsx`);
    fs.writeFileSync(f, synthXlsx({ items: 5 + i }));
    return f;
  });
  files.push(path.join(dir, "missing.xlsx"));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("checkFiles", () => {
  it("runs in-process from TypeScript sources and keeps input order", async () => {
    expect(workerScript()).toBeNull();
    expect(autoJobs(500)).toBe(1);
    const progress: string[] = [];
    const res = await checkFiles(files, { jobs: 4, onProgress: (d, t) => progress.push(`${d}/${t}`) });
    expect(res.map((r) => (r.ok ? r.report.summary.items : r.code))).toEqual([5, 6, 7, "unreadable"]);
    expect(progress).toEqual(["1/4", "2/4", "3/4", "4/4"]);
  });

  it("gives each report's digest with digest: true (the summary reads the same)", async () => {
    const full = await checkFiles(files);
    const digested = await checkFiles(files, { digest: true });
    expect(digested.map((r) => (r.ok ? r.report.summary.items : r.code))).toEqual([5, 6, 7, "unreadable"]);
    expect(digested.every((r) => !r.ok || !("plan" in r.report))).toBe(true);
    expect(full.every((r) => !r.ok || "plan" in r.report)).toBe(true);
    expect(summaryRows(digested)).toEqual(summaryRows(full));
    expect(problemRows(digested)).toEqual(problemRows(full));
  });

  it("keeps what onResult returns in place of the result (in-process and on workers)", async () => {
    const script = path.join(dir, "echo-worker.js");
    fs.writeFileSync(
      script,
      `const { parentPort } = require("node:worker_threads");
       parentPort.on("message", (m) => parentPort.postMessage({ index: m.index, result: { ok: false, file: m.file, error: { ja: "", en: "" }, code: "checked" } }));
       parentPort.postMessage({ ready: true });\n`,
    );
    const kept = (i: number, r: { ok: boolean }) => ({ ok: false as const, file: `kept ${i} ${r.ok}`, error: { ja: "", en: "" }, code: "kept" });
    // In-process (the real check: three workbooks and a missing file), then on the stand-in worker (all "errors").
    const expected = [
      [{}, ["kept 0 true", "kept 1 true", "ok", "kept 3 false"]],
      [{ script }, ["kept 0 false", "kept 1 false", files[2], "kept 3 false"]],
    ] as const;
    for (const [opts, want] of expected) {
      const seen: number[] = [];
      const res = await checkFiles(files, { ...opts, onResult: (i, r) => (seen.push(i), i === 2 ? undefined : kept(i, r)) });
      expect(res.map((r) => (r.ok ? "ok" : r.file))).toEqual(want);
      expect(seen).toEqual([0, 1, 2, 3]);
    }
  });

  it("the time limit runs per file: a batch longer than the limit is fine, a file that hangs is stopped", async () => {
    // A stand-in worker that takes 100 ms per file (a fifth of the limit) and never answers for "hang".
    const script = path.join(dir, "slow-worker.js");
    fs.writeFileSync(
      script,
      `const { parentPort } = require("node:worker_threads");
       parentPort.on("message", (m) => {
         if (m.file === "hang") return;
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
         parentPort.postMessage({ index: m.index, result: { ok: false, file: m.file, error: { ja: "", en: "" }, code: "ok" } });
       });
       parentPort.postMessage({ ready: true });\n`,
    );
    const names = ["a", "b", "c", "d", "e", "f", "hang", "g"];
    const res = await checkFiles(names, { jobs: 1, script, timeLimitMs: 500 });
    expect(res.map((r) => (r.ok ? "" : r.code))).toEqual(["ok", "ok", "ok", "ok", "ok", "ok", "timeout", "ok"]);
  });

  it("a worker started ahead (prestartWorker) is the one the next batch uses; one nobody takes can be stopped", async () => {
    // A stand-in worker that notes its thread id in a file when it starts and names it in each result.
    const log = path.join(dir, "started.txt");
    const script = path.join(dir, "noting-worker.js");
    fs.writeFileSync(
      script,
      `const { parentPort, threadId } = require("node:worker_threads");
       require("node:fs").appendFileSync(${JSON.stringify(log)}, threadId + "\\n");
       parentPort.on("message", (m) => parentPort.postMessage({ index: m.index, result: { ok: false, file: String(threadId), error: { ja: "", en: "" }, code: "ok" } }));
       parentPort.postMessage({ ready: true });\n`,
    );
    const started = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : []);
    for (const wait of [true, false]) {
      fs.rmSync(log, { force: true });
      prestartWorker(script);
      // Taken after it said it is ready, or while it is still starting.
      if (wait) while (started().length === 0) await new Promise((r) => setTimeout(r, 10));
      const res = await checkFiles(["a", "b", "c"], { jobs: 1, script });
      expect(started()).toHaveLength(1);
      expect(res.map((r) => (r.ok ? "" : r.file))).toEqual([started()[0], started()[0], started()[0]]);
    }
    // Started like another batch's workers (another heap limit): not taken, and stopped on request.
    fs.rmSync(log, { force: true });
    prestartWorker(script, 64);
    while (started().length === 0) await new Promise((r) => setTimeout(r, 10));
    const res = await checkFiles(["a"], { jobs: 1, script });
    expect(started()).toHaveLength(2);
    expect(res.map((r) => (r.ok ? "" : r.file))).toEqual([started()[1]]);
    dropSpareWorker();
  });

  it("prestartFor starts a worker for a batch on workers only", () => {
    expect(prestartFor(["a.xlsx"])).toBe(false);
    expect(prestartFor(["a.xlsx", "b.xlsx", "--profile", "p.json"])).toBe(false);
    expect(prestartFor(["a.xlsx", "b.xlsx", "--help"])).toBe(false);
    expect(prestartFor(["a.xlsx", "b.xlsx", "--no-such-option"])).toBe(false);
    // From TypeScript sources there is no compiled worker: nothing is started, but the answer says a batch it is.
    expect(prestartFor(["a.xlsx", "b.xlsx", "--summary", "s.xlsx"])).toBe(true);
    dropSpareWorker();
  });

  it("falls back to in-process when a worker cannot start", async () => {
    const bad = path.join(dir, "bad-worker.js");
    fs.writeFileSync(bad, "throw new Error('worker broken');\n");
    const res = await checkFiles(files, { jobs: 2, script: bad });
    expect(res.map((r) => (r.ok ? r.report.summary.items : r.code))).toEqual([5, 6, 7, "unreadable"]);
  });

  it("checkFile keeps the bytes only when asked", () => {
    expect(checkFile(files[0]).bytes).toBeUndefined();
    expect(checkFile(files[0], undefined, true).bytes?.length).toBe(fs.statSync(files[0]).size);
  });

  it("the main thread reads small files ahead and hands their bytes over; a few files are queued per worker, not all", async () => {
    // A stand-in worker (same protocol) that answers only once it has been sent every file it will get before the
    // answer is needed, and says what came with each file: the bytes (their size) or only the name.
    const script = path.join(dir, "ahead-worker.js");
    fs.writeFileSync(
      script,
      `const { parentPort } = require("node:worker_threads");
       const got = [];
       let sent = 0;
       parentPort.on("message", (m) => {
         got.push(m);
         // Answer the oldest file after a pause, so that the main thread can queue as many as it wants meanwhile.
         setTimeout(() => {
           const x = got[sent++];
           const what = x.bytes ? "bytes:" + x.bytes.length : "name";
           parentPort.postMessage({ index: x.index, result: { ok: false, file: what + "/queued:" + (got.length - sent + 1), error: { ja: "", en: "" }, code: "ok" } });
         }, 20);
       });
       parentPort.postMessage({ ready: true });\n`,
    );
    const many: string[] = [];
    for (let i = 0; i < 40; i++) many.push(files[i % 3]);
    many.push(files[3], dir);
    const res = await checkFiles(many, { jobs: 1, script });
    const said = res.map((r) => (r.ok ? "" : r.file));
    for (let i = 0; i < 40; i++) expect(said[i].split("/")[0]).toBe(`bytes:${fs.statSync(files[i % 3]).size}`);
    // A missing file and a folder: the worker is given the name and reports what is wrong itself.
    expect(said.slice(40).map((s) => s.split("/")[0])).toEqual(["name", "name"]);
    const queued = said.map((s) => Number(s.split("queued:")[1]));
    expect(Math.max(...queued)).toBeGreaterThan(2);
    expect(Math.max(...queued)).toBeLessThanOrEqual(16);
  });

  it.each([[1], [2]])("--jobs %s: long-lived workers take one file after another; one that dies is replaced and its file is an error row", async (jobs) => {
    // A stand-in worker (same protocol) that names its thread in each result, and dies on a file called "crash".
    const script = path.join(dir, "pool-worker.js");
    fs.writeFileSync(
      script,
      `const { parentPort, threadId } = require("node:worker_threads");
       parentPort.on("message", (m) => {
         if (m.file.endsWith("crash")) process.exit(3);
         parentPort.postMessage({ index: m.index, result: { ok: false, file: m.file + "@" + threadId, error: { ja: "", en: "" }, code: "ok" } });
       });
       parentPort.postMessage({ ready: true });\n`,
    );
    const names = ["a", "b", "c", "crash", "d", "e", "f", "g"];
    const given: [number, unknown][] = [];
    const res = await checkFiles(names, { jobs, script, onResult: (i, r) => void given.push([i, r]) });
    // onResult: every file once, in input order, whatever order the workers finished in, with its result.
    expect(given.map(([i]) => i)).toEqual(names.map((_, i) => i));
    given.forEach(([i, r]) => expect(r).toBe(res[i]));
    expect(res.map((r) => (r.ok ? "" : r.code))).toEqual(["ok", "ok", "ok", "worker_failed", "ok", "ok", "ok", "ok"]);
    const threads = new Set(res.filter((r) => !r.ok && r.code === "ok").map((r) => (r.ok ? "" : r.file.split("@")[1])));
    // `jobs` workers, plus the one that replaced the dead one: never one worker per file.
    expect(threads.size).toBeLessThanOrEqual(jobs + 1);
    expect(res.map((r) => (r.ok ? "" : r.file.split("@")[0]))).toEqual(names);
  });
});

