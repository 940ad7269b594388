/**
 * File gateway figures (run by `npm run bench`, or alone with `npx tsx scripts/bench-file.ts`). Asserts nothing.
 * 10,000-row sheet: write, read (cold and warm), annotate; annotate of the openpyxl fixture; a large sheet without
 * labels beside a checklist, skimmed and parsed in full.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { analyse } from "../src/core/analyse";
import type { CellValue } from "../src/core/model";
import { annotateWorkbook } from "../src/file/annotate";
import { openPackage } from "../src/file/package";
import { readPackage, readWorkbook, SKIM_BYTES } from "../src/file/xlsx-read";
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

// Issue 8: a large sheet without any text a reader looks for is skimmed, its cells kept only when asked for.
console.log("\n== a 200,000-row parts list (no labels) beside a 4-item checklist: read + analyse, median of 3 after 1 warm-up");
const partsList: CellValue[][] = [["品番", "数量", "単価", "摘要"]];
for (let i = 0; i < 200000; i++) partsList.push([`P-${String(i).padStart(6, "0")}`, (i * 7) % 50, 120 + (i % 13), `六角ボルト M${6 + (i % 5)} ステンレス ロット${i % 97}`]);
const checklist: CellValue[][] = [["No.", "内容", "チェック欄"], [1, "入退室の記録を残している", "○"], [2, "持ち出し媒体を台帳で管理している", "△"], [3, "委託先と秘密保持契約を結んでいる", "×"], [4, "退職者のアカウントを削除している", "○"]];
const withParts = writeSimpleWorkbook([{ name: "チェックリスト", rows: checklist }, { name: "部品表", rows: partsList }]);
v8.setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
for (const [label, skim] of [["skimmed (default)", SKIM_BYTES], ["parsed in full   ", Infinity]] as const) {
  const kept: unknown[] = [];
  const t = runs(3, 1, () => {
    const wb = readPackage(openPackage(withParts), undefined, skim);
    analyse(wb, { file: "bench.xlsx" });
    kept[0] = wb;
  });
  gc();
  const heap = process.memoryUsage().heapUsed;
  kept.length = 0;
  gc();
  const held = heap - process.memoryUsage().heapUsed;
  console.log(`  ${label}: ${fmt(t.median)} ms, the read workbook holds ${(held / 1048576).toFixed(1)} MiB`);
}
console.log(`  (${(withParts.length / 1048576).toFixed(1)} MiB file; a sheet is skimmed from ${SKIM_BYTES / 1048576} MiB of XML)`);
