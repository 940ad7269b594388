/** The CLI with the evidence sheet: coverage and the 「-」 warning on stdout, --out writing 証跡・根拠 and 履歴, --report. */
import { run } from "./run-cli";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readWorkbook } from "../../src/file/xlsx-read";

const FIXTURE = path.join(__dirname, "..", "fixtures", "openpyxl-evidence-moved.xlsx");
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-cli-records-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("stdout shows evidence coverage and the 「-」 without reason; --out adds 証跡・根拠 and 履歴; --report opens with the one-pager", async () => {
  const out1 = path.join(dir, "round1.xlsx");
  const report = path.join(dir, "report.html");
  const r = await run([FIXTURE, "--out", out1, "--report", report]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("証跡カバー率: 66.7%（2/3）");
  expect(r.out).toMatch(/「-」（該当しない）の理由が記録されていない項目が 1 件あります（C17）/);
  const wb = readWorkbook(new Uint8Array(fs.readFileSync(out1)));
  const names = wb.sheets.map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining(["証跡・根拠", "履歴", "診断結果", "改善計画"]));
  const ev = wb.sheets.find((s) => s.name === "証跡・根拠")!.values;
  expect(ev.find((row) => row[0] === "II-1")?.[6]).toBe("取引先から預かる情報がないため");
  expect(wb.sheets.find((s) => s.name === "履歴")!.values).toHaveLength(2);
  const html = fs.readFileSync(report, "utf8");
  expect(html.indexOf("経営層向けサマリー")).toBeGreaterThan(0);
  expect(html.indexOf("経営層向けサマリー")).toBeLessThan(html.indexOf("<h1>TICS Check 診断レポート"));
  // --out of the copy: the result did not change, so 履歴 keeps one row
  const out2 = path.join(dir, "round2.xlsx");
  expect((await run([out1, "--out", out2, "--lang", "en"])).code).toBe(0);
  const again = readWorkbook(new Uint8Array(fs.readFileSync(out2)));
  expect(again.sheets.find((s) => s.name === "履歴")!.values).toHaveLength(2);
});
