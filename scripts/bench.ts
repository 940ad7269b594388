/**
 * `npm run bench`: prints speed figures. Asserts nothing (tests never time anything).
 *
 * Sections print in order; other engineers add theirs at the markers below, or (better) as their own
 * `scripts/bench-*.ts` files, which this script runs after its own sections.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { analyse } from "../src/core/analyse";
import { readWorkbook } from "../src/file/xlsx-read";
import { synthWorkbookInput, synthXlsx } from "../test/cli/synth";

const ROOT = path.resolve(__dirname, "..");
const TMP = path.join(ROOT, ".tmp", "bench");
const BIN = path.join(ROOT, "bin", "tics-check.js");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

function heading(s: string): void {
  console.log(`\n== ${s}`);
}

fs.mkdirSync(TMP, { recursive: true });
console.log(
  `node ${process.version}, ${os.availableParallelism?.() ?? os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}` +
    " (figures are noisy when the machine is busy)",
);

// --- section: engine (detection + scoring on synthetic grids)
heading("engine: detect + validate + score (analyse), median of 11 runs after 5 warm-ups");
for (const items of [1000, 10000]) {
  const wb = synthWorkbookInput({ items, company: "ベンチ株式会社" });
  let count = 0;
  const runs: number[] = [];
  for (let i = 0; i < 16; i++) {
    const ms = time(() => {
      const r = analyse(wb);
      count = r.ok ? r.report.items.length : -1;
    });
    if (i >= 5) runs.push(ms);
  }
  console.log(`  ${String(items).padStart(6)} items: ${fmt(median(runs))} ms (min ${fmt(Math.min(...runs))}; found ${count} items)`);
}

// --- section: xlsx read
heading("file: readWorkbook on a generated 1,000-item .xlsx, median of 7 runs after 2 warm-ups");
{
  const bytes = synthXlsx({ items: 1000 });
  const file = path.join(TMP, "bench-1000.xlsx");
  fs.writeFileSync(file, bytes);
  const runs: number[] = [];
  for (let i = 0; i < 9; i++) {
    const ms = time(() => readWorkbook(bytes));
    if (i >= 2) runs.push(ms);
  }
  console.log(`  ${(bytes.length / 1024).toFixed(1)} KiB: ${fmt(median(runs))} ms`);
}

// --- section: cli
function ensureBuilt(): boolean {
  console.log("  (building the CLI: npm run build:cli)");
  try {
    execFileSync("npm", ["run", "-s", "build:cli"], { cwd: ROOT, stdio: "inherit" });
    return true;
  } catch {
    console.log("  (build failed: CLI figures skipped)");
    return false;
  }
}

/** A preload that records the process's peak RSS and CPU time (all threads) into $TICS_BENCH_RSS at exit. */
const RSS_PRELOAD = path.join(TMP, "rss-preload.js");
fs.writeFileSync(
  RSS_PRELOAD,
  // Peak RSS (KB) and the CPU time of every thread of the process (µs), written at exit by the main thread.
  `if (require("worker_threads").isMainThread) process.on("exit", () => { try { const u = process.resourceUsage(); require("fs").writeFileSync(process.env.TICS_BENCH_RSS, JSON.stringify({ rss: u.maxRSS, cpu: u.userCPUTime + u.systemCPUTime })); } catch (e) {} });\n`,
);

function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; status: number | null; rssMb: number; cpuMs: number } {
  const rssFile = path.join(TMP, "rss.txt");
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", RSS_PRELOAD, BIN, ...args], {
    cwd: ROOT,
    env: { ...env, TICS_BENCH_RSS: rssFile },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const usage = fs.existsSync(rssFile) ? (JSON.parse(fs.readFileSync(rssFile, "utf8")) as { rss: number; cpu: number }) : { rss: NaN, cpu: NaN };
  fs.rmSync(rssFile, { force: true });
  if (r.status === 2) process.stdout.write(`  (exit 2: ${String(r.stderr).trim().slice(0, 200)})\n`);
  return { ms, status: r.status, rssMb: usage.rss / 1024, cpuMs: usage.cpu / 1000 };
}

heading("cli: wall time per file (node bin/tics-check.js FILE --json, 1,000 items), median of 5");
const built = ensureBuilt();
if (built) {
  const file = path.join(TMP, "bench-1000.xlsx");
  const runs: number[] = [];
  let rss = 0;
  for (let i = 0; i < 5; i++) {
    const r = runCli([file, "--json"]);
    runs.push(r.ms);
    rss = Math.max(rss, r.rssMb);
  }
  console.log(`  ${fmt(median(runs))} ms per run (peak RSS ${rss.toFixed(0)} MB)`);
  const startup: number[] = [];
  for (let i = 0; i < 5; i++) startup.push(runCli(["--version"]).ms);
  console.log(`  of which Node start-up and loading the CLI (--version): ${fmt(median(startup))} ms`);
}

heading("cli: batch of 200 files (150 items each) with --summary and --jobs 1, 2, 4 (target: ≥ 250 files/s with 1, 2 not slower)");
if (built) {
  const dir = path.join(TMP, "batch");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < 200; i++) {
    const f = path.join(dir, `company-${String(i + 1).padStart(3, "0")}.xlsx`);
    fs.writeFileSync(f, synthXlsx({ items: 150, company: `ベンチ${i + 1}株式会社`, override: { [i % 150]: null } }));
    files.push(path.relative(ROOT, f));
  }
  const out = path.join(TMP, "summary.xlsx");
  // --jobs asks for at most so many threads; the CLI runs at most CPU cores - 1 (said on stderr when it caps).
  console.log(`  (this machine: ${os.availableParallelism()} cores, so --jobs runs at most ${Math.max(1, os.availableParallelism() - 1)} worker thread(s))`);
  for (const jobs of [1, 2, 4]) {
    const runs: { ms: number; rssMb: number; cpuMs: number }[] = [];
    for (let k = 0; k < 5; k++) runs.push(runCli([...files, "--summary", out, "--jobs", String(jobs)]));
    const ms = median(runs.map((r) => r.ms));
    const cpu = median(runs.map((r) => r.cpuMs));
    const rss = Math.max(...runs.map((r) => r.rssMb));
    const label = `--jobs ${jobs}`;
    console.log(`  ${label}: ${(200 / (ms / 1000)).toFixed(1)} files/s (${fmt(ms)} ms for 200, CPU ${fmt(cpu)} ms, median of 5), peak RSS ${rss.toFixed(0)} MB`);
  }
  // Node reads the certificates named by NODE_EXTRA_CA_CERTS when it starts (tens of ms on a slow machine), though
  // tics-check makes no network connection: when this machine sets it, the same batch without it, for comparison.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    const runs: number[] = [];
    for (let k = 0; k < 5; k++) runs.push(runCli([...files, "--summary", out, "--jobs", "1"], env).ms);
    const ms = median(runs);
    console.log(`  --jobs 1 without this machine's NODE_EXTRA_CA_CERTS: ${(200 / (ms / 1000)).toFixed(1)} files/s (${fmt(ms)} ms for 200, median of 5)`);
  }
  // Node starts 4 threads for V8's background work (optimising compiler, garbage collector) whatever the machine;
  // on a machine with few cores they take turns with the checking thread. For comparison, the same batch with one.
  {
    const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --v8-pool-size=1`.trim() };
    const runs: number[] = [];
    for (let k = 0; k < 5; k++) runs.push(runCli([...files, "--summary", out, "--jobs", "1"], env).ms);
    const ms = median(runs);
    console.log(`  --jobs 1 with NODE_OPTIONS=--v8-pool-size=1 (one V8 background thread, see the README): ${(200 / (ms / 1000)).toFixed(1)} files/s (${fmt(ms)} ms for 200, median of 5)`);
  }
  const bare: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", "0"], { stdio: "ignore" });
    bare.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(`  (for scale: starting Node itself, node -e 0, takes ${fmt(median(bare))} ms here)`);
}

// --- sections in their own files (scripts/bench-*.ts, run in name order with tsx): bench-bundle (pane JS size,
// measured on a fresh production build made here), bench-excel (sync counts per action), bench-file (.xlsx gateway)
{
  console.log("\n  (building the pane for the bundle figures: npm run build)");
  execFileSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "ignore" });
  const extra = fs
    .readdirSync(__dirname)
    .filter((f) => /^bench-.+\.ts$/.test(f))
    .sort();
  for (const f of extra) {
    heading(`${f}`);
    const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(__dirname, f)], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (r.status !== 0) console.log(`  (${f} exited with ${r.status})`);
  }
}

// --- section: side by side on a 100,000-item workbook saved by LibreOffice (scripts/compare-large.ts): --json
// against LibreOffice converting it to CSV, --out against openpyxl load + save. Several minutes; TICS_BENCH_QUICK=1
// skips it.
if (process.env.TICS_BENCH_QUICK) console.log("\n== compare-large: skipped (TICS_BENCH_QUICK)");
else {
  heading("compare-large.ts (100,000 items, LibreOffice-saved)");
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(__dirname, "compare-large.ts"), "100000"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (r.status !== 0) console.log(`  (compare-large.ts exited with ${r.status})`);
}
