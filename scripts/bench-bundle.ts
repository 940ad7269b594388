/**
 * Bundle size of the web build: run `npm run build` first, then `npx tsx scripts/bench-bundle.ts`.
 * Prints every JS chunk in dist/web/ (raw and gzipped with zlib.gzipSync, level 9) and the initial JS of the task
 * pane — the scripts taskpane.html loads itself, office.js excluded — against the 250 KB gzipped budget.
 * Exits 1 when the budget is exceeded or the build is missing.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const WEB = path.resolve(__dirname, "..", "dist", "web");
const BUDGET_KB = 250;

function kb(n: number): string {
  return (n / 1024).toFixed(1).padStart(8);
}

function main(): number {
  const html = path.join(WEB, "taskpane.html");
  if (!fs.existsSync(html)) {
    process.stderr.write("dist/web/taskpane.html がありません。先に `npm run build` を実行してください。 (run `npm run build` first)\n");
    return 1;
  }
  const initial = new Set(
    [...fs.readFileSync(html, "utf8").matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/g)]
      .map((m) => m[1])
      .filter((src) => !/^https?:/.test(src) && !/office-js\//.test(src))
      .map((src) => path.basename(src)),
  );
  const files = fs.readdirSync(WEB).filter((f) => f.endsWith(".js")).sort();
  let initialGz = 0;
  let initialRaw = 0;
  process.stdout.write(`${"chunk".padEnd(36)} ${"raw KB".padStart(8)} ${"gzip KB".padStart(8)}  loaded\n`);
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(WEB, f));
    const gz = zlib.gzipSync(bytes, { level: 9 }).length;
    const isInitial = initial.has(f);
    if (isInitial) {
      initialGz += gz;
      initialRaw += bytes.length;
    }
    process.stdout.write(`${f.padEnd(36)} ${kb(bytes.length)} ${kb(gz)}  ${isInitial ? "initial" : "lazy"}\n`);
  }
  const ok = initialGz <= BUDGET_KB * 1024;
  process.stdout.write(
    `initial JS (without office.js): ${kb(initialRaw).trim()} KB raw, ${kb(initialGz).trim()} KB gzipped — budget ${BUDGET_KB} KB: ${ok ? "OK" : "OVER"}\n`,
  );
  return ok ? 0 : 1;
}

process.exitCode = main();
