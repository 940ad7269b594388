/**
 * Side-by-side figures on a 100,000-item workbook saved by LibreOffice (not a test; run with
 * `npx tsx scripts/compare-large.ts [items]`). Made here, never stored in the repository:
 *   1. a synthetic checklist of N items written by TICS Check's writer, then opened and saved again by LibreOffice
 *      (`soffice --headless --convert-to xlsx`), so the measured file is LibreOffice's own;
 *   2. timed one after the other on the same machine: `tics-check FILE --json` (compiled CLI), LibreOffice
 *      converting the file to CSV, `tics-check FILE --out OUT.xlsx`, and openpyxl load + save (Debian's
 *      /usr/bin/python3 with python3-openpyxl). Peak memory (maxRSS) for each.
 * Prints wall times, peak RSS and the ratios the issue asks for.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { synthXlsx } from "../test/cli/synth";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "tics-check.js");
const ITEMS = Number(process.argv[2] ?? 100000);
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "tics-compare-"));

interface Measured {
  s: number;
  /** CPU seconds (user + system, all threads): steadier than wall time on a shared machine. */
  cpu: number;
  rssMb: number;
}

/** Runs a command under /usr/bin/time -f to get wall seconds, CPU seconds and max RSS (KB). */
function measure(cmd: string, args: string[]): Measured & { status: number | null } {
  const timeFile = path.join(TMP, "time.txt");
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M %U %S", "-o", timeFile, cmd, ...args], { cwd: TMP, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
  const [s, kb, user, sys] = fs.readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-4).map(Number);
  if (r.status !== 0) console.log(`  (${path.basename(cmd)} exited ${r.status}: ${String(r.stderr).slice(0, 300)})`);
  return { s, cpu: user + sys, rssMb: kb / 1024, status: r.status };
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall and CPU time of n runs, highest peak memory. */
function best(n: number, cmd: string, args: string[]): Measured {
  const runs = Array.from({ length: n }, () => measure(cmd, args));
  return { s: med(runs.map((r) => r.s)), cpu: med(runs.map((r) => r.cpu)), rssMb: Math.max(...runs.map((r) => r.rssMb)) };
}

const load = () => os.loadavg().map((x) => x.toFixed(1)).join(" ");

console.log(`== ${ITEMS.toLocaleString("en")} items, saved by LibreOffice (median of 3 runs each; ${os.availableParallelism?.() ?? os.cpus().length} cores, load average ${load()})`);
const hasSoffice = spawnSync("soffice", ["--version"], { stdio: "ignore" }).status === 0;
const hasOpenpyxl = spawnSync("/usr/bin/python3", ["-c", "import openpyxl"], { stdio: "ignore" }).status === 0;
if (!hasSoffice) {
  console.log("  (LibreOffice (soffice) is not installed: the side-by-side figures are skipped)");
  process.exit(0);
}
execFileSync("npm", ["run", "-s", "build:cli"], { cwd: ROOT, stdio: "inherit" });
const ours = path.join(TMP, "ours.xlsx");
fs.writeFileSync(ours, synthXlsx({ items: ITEMS, company: "比較用株式会社" }));
const loDir = path.join(TMP, "lo");
fs.mkdirSync(loDir);
execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${TMP}/lo-profile`, "--convert-to", "xlsx", "--outdir", loDir, ours], { stdio: "ignore" });
const file = path.join(loDir, "ours.xlsx");
console.log(`  file: ${(fs.statSync(file).size / 1048576).toFixed(1)} MB`);

const json = best(3, process.execPath, [BIN, file, "--json"]);
const csv = best(3, "soffice", ["--headless", `-env:UserInstallation=file://${TMP}/lo-profile`, "--convert-to", "csv", "--outdir", path.join(TMP, "csv"), file]);
const out = best(3, process.execPath, [BIN, file, "--out", path.join(TMP, "annotated.xlsx")]);
const py = path.join(TMP, "openpyxl-roundtrip.py");
fs.writeFileSync(py, "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb.save(sys.argv[2])\n");
const opx = hasOpenpyxl ? best(3, "/usr/bin/python3", [py, file, path.join(TMP, "openpyxl.xlsx")]) : null;

const row = (label: string, m: Measured) =>
  console.log(`  ${label.padEnd(38)} ${m.s.toFixed(2).padStart(7)} s wall ${m.cpu.toFixed(2).padStart(7)} s CPU  peak ${m.rssMb.toFixed(0).padStart(5)} MiB`);
row("tics-check --json", json);
row("LibreOffice --convert-to csv", csv);
row("tics-check --out", out);
if (opx) row("openpyxl load + save", opx);
else console.log("  (openpyxl is not installed for /usr/bin/python3: apt-get install python3-openpyxl)");
console.log(`  --json / LibreOffice csv: ${(json.s / csv.s).toFixed(2)}× wall, ${(json.cpu / csv.cpu).toFixed(2)}× CPU (target ≤ 0.8×); peak ${json.rssMb.toFixed(0)} MiB (target ≤ 450)`);
if (opx) console.log(`  --out / openpyxl load+save: ${(out.s / opx.s).toFixed(2)}× wall, ${(out.cpu / opx.cpu).toFixed(2)}× CPU (target ≤ 0.5×)`);
console.log(`  (load average at the end: ${load()})`);
fs.rmSync(TMP, { recursive: true, force: true });
