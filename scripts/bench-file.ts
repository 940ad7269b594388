/**
 * File gateway figures (run by `npm run bench`, or alone with `npx tsx scripts/bench-file.ts`). Asserts nothing.
 * 10,000-row sheet: write, read (cold and warm), annotate; annotate of the openpyxl fixture.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CellValue } from "../src/core/model";
import { annotateWorkbook } from "../src/file/annotate";
import { readWorkbook } from "../src/file/xlsx-read";
import { writeSimpleWorkbook } from "../src/file/xlsx-write";
import { fixtureReport } from "../test/file/helpers";

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function runs(n: number, warm: number, fn: () => void): { cold: number; median: number } {
  const all: number[] = [];
  for (let i = 0; i < n + warm; i++) all.push(time(fn));
  return { cold: all[0], median: median(all.slice(warm)) };
}
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

console.log("\n== file gateway: 10,000-row sheet (5 columns, list validation), median of 5 after 2 warm-ups");
const rows: CellValue[][] = [["No.", "内容", "チェック欄", "分野", "備考"]];
for (let i = 0; i < 10000; i++) rows.push([i + 1, `（ベンチ用の文）項目 ${i} の内容を少し長めに書いたもの`, ["○", "△", "×", "-", "〇"][i % 5], "ルール作り", i * 1.5]);
let bytes: Uint8Array = new Uint8Array();
const w = runs(5, 2, () => {
  bytes = writeSimpleWorkbook([{ name: "チェックリスト", rows, validations: [{ range: { top: 1, left: 2, bottom: 10000, right: 2 }, items: ["○", "△", "×", "-"] }] }]);
});
console.log(`  writeSimpleWorkbook: ${fmt(w.median)} ms (first run ${fmt(w.cold)} ms), ${(bytes.length / 1024).toFixed(1)} KiB`);
const r = runs(5, 2, () => readWorkbook(bytes));
console.log(`  readWorkbook       : ${fmt(r.median)} ms (first run ${fmt(r.cold)} ms)`);
const report = { ...fixtureReport(), sheet: "チェックリスト" };
const a = runs(5, 2, () => annotateWorkbook(bytes, report, { fix: false, lang: "ja" }));
console.log(`  annotateWorkbook   : ${fmt(a.median)} ms (first run ${fmt(a.cold)} ms)`);

const fixture = new Uint8Array(readFileSync(join(__dirname, "..", "test", "fixtures", "openpyxl-checklist.xlsx")));
const f = runs(9, 2, () => annotateWorkbook(fixture, fixtureReport(), { fix: true, lang: "ja" }));
console.log(`  annotate + fix, openpyxl fixture (${(fixture.length / 1024).toFixed(1)} KiB, chart + image): ${fmt(f.median)} ms`);
