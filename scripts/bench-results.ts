/**
 * Workbook-results figures (run by `npm run bench`, or alone with `npx tsx scripts/bench-results.ts`). Asserts nothing.
 * A 1,000-item checklist with a hidden field-code column and a 結果 sheet computing eight fields with COUNTIFS
 * (cached values present): full check = read the .xlsx + analyse (detection, scoring, tracing the results).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { analyse } from "../src/core/analyse";
import type { CellValue } from "../src/core/model";
import { openPackage } from "../src/file/package";
import { readWorkbook } from "../src/file/xlsx-read";
import { writeSimpleWorkbook } from "../src/file/xlsx-write";
import { synthGrid } from "../test/cli/synth";

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

const CODES = ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧"];
// Canonical answers only (a look-alike such as 〇 is counted by TICS Check but not by a COUNTIFS on "○", which
// would make every field differ and the comparison recompute each formula; that case costs more).
const grid = synthGrid({ items: 1000, company: "ベンチ株式会社", answers: ["○", "△", "×", "○", "△", null, "×", "-", "○", "△"] });
let first = -1;
let last = -1;
grid.forEach((row, r) => {
  if (r > 3 && typeof row[0] === "number") {
    row[3] = CODES[r % 8];
    if (first < 0) first = r;
    last = r;
  }
});
const results: CellValue[][] = [["分野", "コード", "スコア"]];
CODES.forEach((c, i) => results.push([`分野${i + 1}`, c, 50]));
let bytes = writeSimpleWorkbook([
  { name: "チェックリスト", rows: grid },
  { name: "結果", rows: results },
]);
// Put the COUNTIFS formulas into 結果!C2:C9 (writeSimpleWorkbook writes values only).
const pkg = openPackage(bytes);
const part = pkg.names().filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort()[1];
const codes = `チェックリスト!$D$${first + 1}:$D$${last + 1}`;
const ans = `チェックリスト!$C$${first + 1}:$C$${last + 1}`;
const original = pkg.text(part) ?? "";
const withFormulas = (cached: (r: number) => string) =>
  original.replace(/<c r="C([2-9])"([^>]*)><v>50<\/v><\/c>/g, (_m, r: string, a: string) => {
    const c = (x: string) => `COUNTIFS(${codes},$B${r},${ans},&quot;${x}&quot;)`;
    return `<c r="C${r}"${a}><f>IFERROR((${c("○")}+${c("△")}*0.5)/(${c("○")}+${c("△")}+${c("×")})*100,"")</f><v>${cached(Number(r))}</v></c>`;
  });
pkg.setText(part, withFormulas(() => "50"));
// Cache the values a spreadsheet program would have stored (the formulas evaluated on the answers), as in a saved file.
const first0 = analyse(readWorkbook(pkg.toBytes()));
const computed = first0.ok ? (first0.report.workbookResults?.fields ?? []) : [];
pkg.setText(part, withFormulas((r) => String(computed[r - 2]?.recomputed ?? "")));
bytes = pkg.toBytes();
if (process.env.BENCH_SAVE) writeFileSync(process.env.BENCH_SAVE, bytes);

console.log("\n== workbook results: full check (read .xlsx + analyse) of a 1,000-item workbook with a COUNTIFS results sheet, median of 31 after 15 warm-ups (CPU time of this process, less disturbed by other load than wall time)");
function cpu(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}
const runs: number[] = [];
const wall: number[] = [];
let fieldsFound = -1;
for (let i = 0; i < 46; i++) {
  let ms = 0;
  const c = cpu(() => {
    ms = time(() => {
      const r = analyse(readWorkbook(bytes));
      const wr = r.ok ? (r.report as { workbookResults?: { fields: { agrees: boolean }[] } | null }).workbookResults : null;
      fieldsFound = wr ? wr.fields.filter((f) => f.agrees).length : 0;
    });
  });
  if (i >= 15) {
    runs.push(c);
    wall.push(ms);
  }
}
console.log(`  full check: ${fmt(median(runs))} ms CPU (wall ${fmt(median(wall))} ms); workbook fields traced and agreeing: ${fieldsFound}`);

// --- The yardstick: the same full check against the engine as it was when the workbook-results work began
// (commit BASE_COMMIT, before the tracer existed). Both engines are compiled by tsc into .tmp/bench and run by one
// child process that alternates between them (same load for both), CPU time, 200 pairs after 15 warm-ups; the ratio is
// the median of each pair's ratio (both runs of a pair see the same load), with the ratio of the fastest runs beside it.
// Needs the git history (a clone has it); skipped with a message otherwise.
const BASE_COMMIT = process.env.BENCH_BASE ?? "f5b4ec7";
compareWithBase(bytes);

function compareWithBase(workbook: Uint8Array): void {
  const root = path.resolve(__dirname, "..");
  const dir = path.join(root, ".tmp", "bench");
  mkdirSync(dir, { recursive: true });
  let sha: string;
  try {
    sha = execFileSync("git", ["-C", root, "rev-parse", "--verify", "--quiet", `${BASE_COMMIT}^{commit}`], { encoding: "utf8" }).trim();
  } catch {
    console.log(`  against ${BASE_COMMIT}: skipped (no git history here)`);
    return;
  }
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const base = path.join(dir, `base-${sha.slice(0, 12)}`);
  if (!existsSync(path.join(base, "dist", "core", "analyse.js"))) {
    rmSync(base, { recursive: true, force: true });
    mkdirSync(base, { recursive: true });
    const tar = execFileSync("git", ["-C", root, "archive", sha, "src", "tsconfig.json", "tsconfig.build.json"]);
    execFileSync("tar", ["-x", "-C", base], { input: tar });
    symlinkSync(path.join(root, "node_modules"), path.join(base, "node_modules"), "dir");
    execFileSync(process.execPath, [tsc, "-p", path.join(base, "tsconfig.build.json")], { stdio: "inherit" });
  }
  const current = path.join(dir, "current-dist");
  rmSync(current, { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json"), "--outDir", current], { stdio: "inherit" });
  const file = path.join(dir, "results-1000.xlsx");
  writeFileSync(file, workbook);
  const child = `
    const bytes = new Uint8Array(require("fs").readFileSync(${JSON.stringify(file)}));
    const engines = ${JSON.stringify([path.join(base, "dist"), current])}.map((d) => ({
      read: require(d + "/file/xlsx-read").readWorkbook, analyse: require(d + "/core/analyse").analyse }));
    const cpu = (f) => { const a = process.cpuUsage(); f(); const b = process.cpuUsage(a); return (b.user + b.system) / 1000; };
    const runs = engines.map(() => []);
    const ratios = [];
    for (let i = 0; i < 215; i++) {
      const ms = engines.map((e) => cpu(() => e.analyse(e.read(bytes))));
      if (i >= 15) { ms.forEach((x, k) => runs[k].push(x)); ratios.push(ms[1] / ms[0]); }
    }
    const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
    console.log(JSON.stringify([...runs.map(med), med(ratios), Math.min(...runs[1]) / Math.min(...runs[0])]));`;
  const [b, c, paired, fastest] = JSON.parse(execFileSync(process.execPath, ["-e", child], { encoding: "utf8" })) as number[];
  console.log(
    `  against ${BASE_COMMIT} (before the tracer), same file, alternating, 200 pairs: now ${fmt(c)} ms, then ${fmt(b)} ms CPU (medians); ` +
      `ratio ${paired.toFixed(2)} (median of the pairs' ratios; fastest runs ${fastest.toFixed(2)}; the issue allows 1.5)`,
  );
}
