/**
 * Excel gateway figures (run by `npm run bench`, or alone: `npx tsx scripts/bench-excel.ts`): context.sync()
 * round trips per action for 30 and 1,000 items, measured on the in-memory fake of Excel (test/excel/fake-excel.ts),
 * plus the fake's wall time (JS work only; a real Excel adds its own time per round trip).
 */
import type { CheckOutcome, NormaliseChange } from "../src/app/host";
import { normaliseChanges } from "../src/core/normalise";
import type { Report } from "../src/core/model";
import { FakeExcel } from "../test/excel/fake-excel";
import { SHEET, buildChecklist } from "../test/excel/helpers";
import { createExcelHost } from "../src/excel/host";

function ok(o: CheckOutcome): Report {
  if (!o.ok) throw new Error(o.error.message.en);
  return o.report;
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function measure(n: number): Promise<[string, number, number, number][]> {
  const excel = new FakeExcel();
  excel.installOffice();
  const layout = buildChecklist(excel, n, (i) => (i % 9 === 4 ? "〇" : ["○", "△", "×"][i % 3]));
  const host = createExcelHost("ja", { run: excel.run, debounceMs: 0 });
  const rows: [string, number, number, number][] = [];
  const step = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    excel.resetCounters();
    const t0 = process.hrtime.bigint();
    const r = await f();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    rows.push([name, excel.syncCount, excel.loads.filter((l) => l.what === "values").length, ms]);
    return r;
  };
  const report = ok(await step("full check (first of session)", () => host.check()));
  ok(await step("full check (again)", () => host.check()));
  const seen: CheckOutcome[] = [];
  host.onLiveChange((o) => seen.push(o));
  await wait(10);
  await step("live edit of one cell", async () => {
    excel.userEdit(SHEET, layout.answerCells[1], "×");
    for (let k = 0; k < 100 && seen.length === 0; k++) await wait(2);
  });
  const changes: NormaliseChange[] = normaliseChanges(report).map((c) => ({ ...c, sheet: SHEET }));
  await step(`normalise (${changes.length} cells)`, () => host.applyNormalise(changes));
  await step("undo normalise", () => host.undoNormalise(changes));
  await step("write results sheet (new)", () => host.writeResults(report));
  await step("write results sheet (regenerate)", () => host.writeResults(report));
  await step("write plan sheet (new)", () => host.writePlan(report));
  await step("write plan sheet (regenerate)", () => host.writePlan(report));
  await step("write evidence sheet (new)", () => host.writeEvidence(report));
  await step("write evidence sheet (regenerate)", () => host.writeEvidence(report));
  await step("save one item's evidence", () => host.saveEvidence(report, report.items[0].id, { evidence: "規程集" }));
  await step("highlight on", () => host.setHighlight(report, true));
  await step("highlight off", () => host.setHighlight(report, false));
  await wait(10);
  return rows;
}

async function main(): Promise<void> {
  console.log("  Excel gateway: context.sync() per action on the fake Excel (limits: check ≤ 2, live edit ≤ 2, write-back ≤ 4)");
  for (const n of [30, 1000]) {
    const rows = await measure(n);
    console.log(`  ${n} items:`);
    for (const [name, syncs, valueReads, ms] of rows) {
      console.log(`    ${name.padEnd(36)} ${String(syncs).padStart(2)} sync(s)  ${String(valueReads).padStart(3)} value read(s)  ${ms.toFixed(1).padStart(7)} ms (fake)`);
    }
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
