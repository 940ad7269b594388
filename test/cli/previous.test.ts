/**
 * --summary with --previous over three rounds: per supplier the change of overall, readiness and each field; an
 * improved, a worse and a missing supplier marked correctly; xlsx and csv summaries both readable as a previous
 * round (also one that already carries change columns).
 */
import { run } from "./run-cli";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseCsv, readRound } from "../../src/core/rounds";
import { toCsv } from "../../src/core/summary";
import { readWorkbook } from "../../src/file/xlsx-read";
import { synthXlsx } from "./synth";

let dir: string;

/** A supplier's file for one round: `good` items answered ○ out of 20 (the rest ×). */
function supplier(round: number, name: string, company: string, good: number): string {
  const folder = path.join(dir, `round${round}`);
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  fs.writeFileSync(file, synthXlsx({ items: 20, company, answers: Array.from({ length: 20 }, (_, i) => (i < good ? "○" : "×")) }));
  return file;
}

function sheetRows(file: string): (string | number | boolean | null)[][] {
  return readWorkbook(new Uint8Array(fs.readFileSync(file))).sheets[0].values;
}

function byCompany(rows: (string | number | boolean | null)[][], company: string): Record<string, unknown> {
  const header = rows[0].map(String);
  const row = rows.find((r) => r[1] === company);
  if (!row) throw new Error(`no row for ${company}`);
  return Object.fromEntries(header.map((h, i) => [h, row[i] ?? null]));
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-rounds-"));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test("three rounds: improved, worse and missing suppliers; xlsx and csv", async () => {
  // Round 1: A 10/20, B 15/20, C 12/20.
  const r1 = [supplier(1, "a.xlsx", "A精工", 10), supplier(1, "b.xlsx", "B製作所", 15), supplier(1, "c.xlsx", "C工業", 12)];
  const s1 = path.join(dir, "round1.xlsx");
  expect((await run([...r1, "--summary", s1])).code).toBe(0);

  // Round 2: A improves (16), B gets worse (11), C does not answer, D is new. Previous = the .xlsx of round 1.
  const r2 = [supplier(2, "a.xlsx", "A精工", 16), supplier(2, "b.xlsx", "B製作所", 11), supplier(2, "d.xlsx", "D電機", 8)];
  const s2 = path.join(dir, "round2.csv");
  const res2 = await run([...r2, "--summary", s2, "--previous", s1]);
  expect(res2.err).not.toContain("読めません");
  expect(res2.code).toBe(0);
  expect(res2.out).toContain("悪化: B製作所");
  expect(res2.out).toContain("未回答（前回あり・今回なし）: C工業");
  const rows2 = parseCsv(fs.readFileSync(s2, "utf8"));
  const a = byCompany(rows2, "A精工");
  expect(a["前回比の判定"]).toBe("改善");
  expect(Number(a["前回比: 総合スコア"])).toBe(30);
  expect(Number(a["前回比: 準備度"])).toBe(30);
  const b = byCompany(rows2, "B製作所");
  expect(b["前回比の判定"]).toBe("悪化");
  expect(Number(b["前回比: 総合スコア"])).toBe(-20);
  expect(byCompany(rows2, "C工業")["前回比の判定"]).toBe("未回答（前回あり・今回なし）");
  expect(byCompany(rows2, "D電機")["前回比の判定"]).toBe("新規（前回なし）");
  // every field of the profile that the files have gets a change column
  const fieldChanges = rows2[0].filter((h) => typeof h === "string" && h.startsWith("前回比: ") && h !== "前回比: 総合スコア" && h !== "前回比: 準備度");
  expect(fieldChanges.length).toBeGreaterThan(0);

  // Round 3: previous = round 2's CSV (which has change columns and the missing C row). B recovers, A unchanged,
  // D does not answer, C is back (new against round 2, whose C row had no scores).
  const r3 = [supplier(3, "a.xlsx", "A精工", 16), supplier(3, "b.xlsx", "B製作所", 14), supplier(3, "c.xlsx", "C工業", 12)];
  const s3 = path.join(dir, "round3.xlsx");
  const res3 = await run([...r3, "--summary", s3, "--previous", s2, "--lang", "en"]);
  expect(res3.code).toBe(0);
  const rows3 = sheetRows(s3);
  expect(byCompany(rows3, "A精工")["Since last round"]).toBe("unchanged");
  expect(byCompany(rows3, "A精工")["Change: Overall score"]).toBe(0);
  expect(byCompany(rows3, "B製作所")["Since last round"]).toBe("better");
  expect(byCompany(rows3, "B製作所")["Change: Overall score"]).toBe(15);
  expect(byCompany(rows3, "D電機")["Since last round"]).toBe("did not answer again");
  expect(byCompany(rows3, "C工業")["Since last round"]).toBe("new (not in the last round)");
  expect(res3.out).toContain("did not answer again: D電機");
  // the round-2 change columns were not taken for fields
  expect(readRound(sheetRows(s3)).fields.some((f) => f.startsWith("Change"))).toBe(false);
});

test("--previous needs --summary, a summary file, and is never overwritten", async () => {
  const f = supplier(9, "x.xlsx", "X社", 5);
  expect((await run([f, "--previous", "old.xlsx"])).err).toContain("--summary");
  const notSummary = path.join(dir, "not-summary.csv");
  fs.writeFileSync(notSummary, toCsv([["a", "b"], [1, 2]]));
  const bad = await run([f, "--summary", path.join(dir, "out.csv"), "--previous", notSummary]);
  expect(bad.code).toBe(2);
  expect(bad.err).toContain("前回の集計");
  expect(fs.existsSync(path.join(dir, "out.csv"))).toBe(false);
  const same = path.join(dir, "same.xlsx");
  expect((await run([f, "--summary", same])).code).toBe(0);
  const before = fs.readFileSync(same);
  const again = await run([f, "--summary", same, "--previous", same]);
  expect(again.code).toBe(2);
  expect(fs.readFileSync(same).equals(before)).toBe(true);
});

test("parseCsv: quotes, doubled quotes, CRLF, BOM and the formula guard", () => {
  const rows = parseCsv('\uFEFFa,"b,c","d""e"\r\n\'=1+1,,x\r\n');
  expect(rows).toEqual([
    ["a", "b,c", 'd"e'],
    ["=1+1", "", "x"],
  ]);
});
