/**
 * Large and hostile files (run by `npm run bench` after it built the CLI, or alone with
 * `npx tsx scripts/bench-untrusted.ts`). Asserts nothing; prints wall time and peak memory (maxRSS) of the compiled
 * CLI for: the 1,000-item workbook; the largest crafted files (test/file/craft.ts); `--out` on a workbook with
 * 64 MB of images (copied without re-compressing); and time and memory per item from 1,000 to 100,000 items.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { synthXlsx } from "../test/cli/synth";
import { craft, MiB, rawEntry, repeatedDeflate, rowsUnit, SHEET_HEAD, SHEET_TAIL } from "../test/file/craft";

const ROOT = path.resolve(__dirname, "..");
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "tics-bench-untrusted-"));

const TIME = "/usr/bin/time";
const hasTime = fs.existsSync(TIME);

/**
 * Runs the compiled CLI (output discarded) and measures wall time and peak RSS. Under /usr/bin/time when present:
 * a child forked straight from this (large) bench process would report this process's high-water mark as its own
 * maxRSS on Linux; `time` forks it from a small process and reads the child's own.
 */
function run(args: string[]): { ms: number; rssMb: number; status: number | null } {
  const t0 = process.hrtime.bigint();
  const rssFile = path.join(TMP, "rss");
  fs.rmSync(rssFile, { force: true });
  const script = `const cli=require(${JSON.stringify(path.join(ROOT, "dist", "cli", "main.js"))});cli.main(process.argv.slice(1),{stdout(){},stderr(){}}).then((c)=>{${hasTime ? "" : `require("fs").writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS));`}process.exit(c);});`;
  // "--": the arguments go to the CLI, never to node (node would take --version for itself).
  const node = [process.execPath, "-e", script, "--", ...args];
  const r = hasTime
    ? spawnSync(TIME, ["-f", "%M", "-o", rssFile, ...node], { cwd: TMP, stdio: "ignore" })
    : spawnSync(node[0], node.slice(1), { cwd: TMP, stdio: "ignore" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const kb = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, "utf8").trim().split(/\s+/).pop()) : NaN;
  return { ms, rssMb: kb / 1024, status: r.status };
}
function median3(args: string[]): { ms: number; rssMb: number; status: number | null } {
  const rs = [run(args), run(args), run(args)].sort((a, b) => a.ms - b.ms);
  return { ms: rs[1].ms, rssMb: Math.max(...rs.map((r) => r.rssMb)), status: rs[1].status };
}
const put = (name: string, b: Uint8Array) => {
  fs.writeFileSync(path.join(TMP, name), b);
  return name;
};
const line = (label: string, r: { ms: number; rssMb: number; status: number | null }, extra = "") =>
  console.log(`  ${label.padEnd(52)} ${r.ms.toFixed(0).padStart(6)} ms  peak ${r.rssMb.toFixed(0).padStart(4)} MiB  exit ${r.status}${extra}`);

if (!fs.existsSync(path.join(ROOT, "dist", "cli", "main.js"))) {
  console.log("  (dist/ missing: run npm run build:cli first)");
  process.exit(0);
}

console.log("  peak memory (median of 3 runs, --json):");
line("1,000 items", median3([put("k1.xlsx", synthXlsx({ items: 1000 })), "--json"]));
const base = synthXlsx({ items: 30 });
const big = repeatedDeflate(SHEET_HEAD, rowsUnit(), 210, SHEET_TAIL);
line("crafted: 210 MB sheet (stops at the 200 MB part limit)", median3([put("big.xlsx", craft(base, { sheets: [{ name: "大", raw: rawEntry("", big.raw, 1000) }] })), "--json"]));
const deep = repeatedDeflate(SHEET_HEAD, " ".repeat(MiB), 300, SHEET_TAIL);
line("crafted: 300 MB sheet compressed 1000:1 (ratio limit)", median3([put("deep.xlsx", craft(base, { sheets: [{ name: "深", raw: rawEntry("", deep.raw, deep.size) }] })), "--json"]));
const bomb = repeatedDeflate("<x>", " ".repeat(MiB), 2048, "</x>");
const bombs = put("bombs.xlsx", craft(base, { unreferenced: [0, 1, 2, 3].map((i) => rawEntry(`xl/unused/b${i}.xml`, bomb.raw, 0x7fffffff)) }));
line("crafted: four unreferenced 2 GB parts, --json", median3([bombs, "--json"]));
line("crafted: four unreferenced 2 GB parts, --out", median3([bombs, "--out", "bombs-out.xlsx"]));

console.log("  --out with large images (stored parts copied as they are):");
const img = new Uint8Array(64 * MiB);
for (let i = 0; i < img.length; i += MiB) img.set(randomBytes(MiB), i);
const images = put(
  "images.xlsx",
  craft(synthXlsx({ items: 1000 }), {
    unreferenced: [0, 1, 2, 3].map((i) => ({ name: `xl/media/image${i + 1}.png`, raw: img.subarray(i * 16 * MiB, (i + 1) * 16 * MiB), method: 0, crc: 0, size: 16 * MiB, time: 0, date: 0x21 })),
  }),
);
line("1,000 items + 64 MB of images, --out", median3([images, "--out", "images-out.xlsx"]), ` (${(fs.statSync(path.join(TMP, images)).size / MiB).toFixed(0)} MB in)`);

console.log("  time and memory per item (--json, median of 3; start-up = the same run with --version, subtracted):");
const idle = median3(["--version"]);
console.log(`  ${"start-up (--version)".padEnd(52)} ${idle.ms.toFixed(0).padStart(6)} ms  peak ${idle.rssMb.toFixed(0).padStart(4)} MiB`);
let prev: { n: number; ms: number; rssMb: number } | null = null;
for (const n of [1000, 10000, 100000]) {
  const f = put(`n${n}.xlsx`, synthXlsx({ items: n }));
  const r = median3([f, "--json"]);
  const us = ((r.ms - idle.ms) * 1000) / n;
  const kib = ((r.rssMb - idle.rssMb) * 1024) / n;
  // The step from the previous size: what each further item costs (flat or falling = nothing grows faster than n).
  const step = prev ? `; from ${prev.n.toLocaleString("en")}: ${(((r.ms - prev.ms) * 1000) / (n - prev.n)).toFixed(1)} µs and ${(((r.rssMb - prev.rssMb) * 1024) / (n - prev.n)).toFixed(2)} KiB per further item` : "";
  line(`${n.toLocaleString("en")} items`, r, `  → ${us.toFixed(1)} µs/item, ${kib.toFixed(2)} KiB/item above start-up${step}`);
  prev = { n, ms: r.ms, rssMb: r.rssMb };
}
fs.rmSync(TMP, { recursive: true, force: true });
