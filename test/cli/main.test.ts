import { createHash } from "node:crypto";
import { run } from "./run-cli";
import { maxJobs } from "../../src/cli/batch-node";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Report } from "../../src/core/model";
import { readWorkbook } from "../../src/file/xlsx-read";
import { writeSimpleWorkbook } from "../../src/file/xlsx-write";
import { ANSWERS, synthGrid, synthXlsx } from "./synth";

let dir: string;
let good: string;
let clean: string;
let blankOnly: string;
let noChecklist: string;
let notXlsx: string;

/** Excel address of item `index` (0-based) in a synthetic grid: answers are in column C. */
function cellOf(items: number, index: number): string {
  const grid = synthGrid({ items });
  const r = grid.findIndex((row, i) => i > 3 && row[0] === index + 1);
  return `C${r + 1}`;
}

function sha(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-cli-"));
  good = path.join(dir, "good.xlsx");
  fs.writeFileSync(good, synthXlsx({ items: 30, company: "テスト精機株式会社" }));
  clean = path.join(dir, "clean.xlsx");
  fs.writeFileSync(clean, synthXlsx({ items: 12, answers: ["○", "△", "×"] }));
  blankOnly = path.join(dir, "blank.xlsx");
  fs.writeFileSync(blankOnly, synthXlsx({ items: 12, answers: ["○", "△", "×"], override: { 3: null } }));
  noChecklist = path.join(dir, "nochecklist.xlsx");
  fs.writeFileSync(noChecklist, writeSimpleWorkbook([{ name: "Sheet1", rows: [["売上"], [1, 2, 3]] }]));
  notXlsx = path.join(dir, "notes.xlsx");
  fs.writeFileSync(notXlsx, "this is not a workbook");
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("tics-check text output", () => {
  it("says where the checklist is, the counts, each problem cell with what to type, fields and plan", async () => {
    const { code, out, err } = await run([good]);
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out).toContain("シート「チェックリスト」");
    expect(out).toContain("会社名: テスト精機株式会社");
    expect(out).toContain("項目 30 / 回答済み 22 / 未回答 3 / 無効 3 / 「-」不可 2 / 表記ゆれ 3");
    // Pattern ○ △ × ○ 〇 (blank) 済 - ○ △: item 5 blank, 6 invalid, 7 「-」 not allowed, 4 a look-alike.
    // Item 5's text is about entrusted information, so 「-」 is among its answers.
    expect(out).toMatch(new RegExp(`${cellOf(30, 5)} +（空欄） 未回答 → ○ / △ / × / - のいずれかを入力`));
    expect(out).toMatch(new RegExp(`${cellOf(30, 6)} +「済」 無効な値 → `));
    expect(out).toMatch(new RegExp(`${cellOf(30, 7)} +「-」 「-」は使えない項目 → `));
    expect(out).toMatch(new RegExp(`${cellOf(30, 4)} +「〇」 表記ゆれ → 「○」と入力`));
    expect(out).toContain("分野別スコア");
    expect(out).toContain("総合スコア");
    expect(out).toMatch(/改善計画（優先度順、上位 5 件/);
    expect(out).not.toContain("\x1b[");
  });

  it("switches to English with --lang en and colours only on a terminal", async () => {
    const en = await run([good, "--lang", "en"]);
    expect(en.out).toContain('Checklist: sheet "チェックリスト"');
    expect(en.out).toContain("Entries to check (8)");
    expect(en.out).toContain("Overall score");
    const tty = await run([good], true);
    expect(tty.out).toContain("\x1b[1m");
  });
});

describe("tics-check --json", () => {
  it("prints the report object for one file", async () => {
    const { code, out } = await run([good, "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(out) as Report;
    expect(r.file).toBe(good);
    expect(r.sheet).toBe("チェックリスト");
    expect(r.company).toBe("テスト精機株式会社");
    expect(r.location).toMatchObject({ answerCol: 2, textCol: 1, numberCol: 0, source: "detected" });
    expect(r.items).toHaveLength(30);
    for (const it of r.items) {
      expect(Object.keys(it).sort()).toEqual(
        ["id", "section", "number", "text", "cell", "row", "col", "raw", "answer", "status", "naAllowed", "naSource", "fields", "fieldSource", "topic"].sort(),
      );
    }
    expect(r.items.slice(4, 8).map((i) => i.status)).toEqual(["normalized", "blank", "invalid", "na_not_allowed"]);
    expect(r.items[5].cell).toBe(cellOf(30, 5));
    expect(r.summary).toMatchObject({ items: 30, answered: 22, blank: 3, invalid: 3, naNotAllowed: 2, normalized: 3 });
    expect(r.findings).toHaveLength(11);
    expect(r.fields.length).toBeGreaterThan(0);
    expect(typeof r.overall.score).toBe("number");
    expect(r.findings.map((f) => f.cell)).toContain(cellOf(30, 6));
    expect(r.plan.length).toBeGreaterThan(0);
  });

  it("holds every key the issue's report contract names, with the values of the file", async () => {
    const { code, out, err } = await run([good, "--json"]);
    expect(code).toBe(0);
    expect(err).toBe("");
    const r = JSON.parse(out) as Record<string, unknown> & Report;
    for (const key of ["file", "sheet", "items", "summary", "fields", "overall"]) expect(r).toHaveProperty(key);
    expect([r.file, r.sheet]).toEqual([good, "チェックリスト"]);

    // items[{id, section, number, text, cell, raw, answer, status, naAllowed, fields, fieldSource}]
    r.items.forEach((it, i) => {
      expect(typeof it.id).toBe("string");
      expect(it.section).toMatch(/^[IVX]+ 合成セクション\d+$/);
      expect(it.number).toBe(String(i + 1));
      expect(it.text).toContain(`（合成項目 ${i + 1}）`);
      expect(it.cell).toBe(cellOf(30, i));
      expect(it.cell).toBe(`C${it.row + 1}`);
      expect(it.raw).toEqual(ANSWERS[i % ANSWERS.length]);
      expect([null, "○", "△", "×", "-"]).toContain(it.answer);
      expect(["ok", "normalized", "blank", "invalid", "na_not_allowed"]).toContain(it.status);
      expect(typeof it.naAllowed).toBe("boolean");
      expect(Array.isArray(it.fields) && it.fields.length > 0 && it.fields.every((f) => typeof f === "string")).toBe(true);
      expect(["user", "column", "matrix", "workbook", "rule", "none"]).toContain(it.fieldSource);
    });
    expect(r.items.slice(4, 8).map((i) => [i.raw, i.answer, i.status])).toEqual([
      ["〇", "○", "normalized"],
      [null, null, "blank"],
      ["済", null, "invalid"],
      ["-", "-", "na_not_allowed"],
    ]);
    // Item 18 is about information entrusted by a partner: 「-」 is allowed there by the profile rule.
    expect(r.items[17]).toMatchObject({ raw: "-", answer: "-", status: "ok", naAllowed: true });

    // summary{items, answered, blank, invalid, normalized, naNotAllowed, counts{○ △ × -}}
    expect(r.summary).toEqual({ items: 30, answered: 22, blank: 3, invalid: 3, normalized: 3, naNotAllowed: 2, counts: { "○": 12, "△": 6, "×": 3, "-": 1 } });

    // fields[{name, score, items, counts}]: each score follows from its counts (○ 1, △ 0.5, × 0; 「-」 left out)
    expect(r.fields.length).toBeGreaterThan(0);
    for (const f of r.fields) {
      expect(typeof f.name).toBe("string");
      expect(f.items).toBe(r.items.filter((i) => i.fields.includes(f.name)).length);
      expect(Object.keys(f.counts).sort()).toEqual(["-", "×", "△", "○"].sort());
      const counted = f.counts["○"] + f.counts["△"] + f.counts["×"];
      const expected = counted ? Math.round((1000 * (f.counts["○"] + 0.5 * f.counts["△"])) / counted) / 10 : null;
      expect([f.name, f.score]).toEqual([f.name, expected]);
    }

    // overall{score, readiness}: over all items; readiness counts blank, invalid and 「-」-not-allowed as ×
    expect(r.overall).toEqual({ score: 71.4, readiness: 51.7 }); // 15/21 and 15/29
  });

  it("prints an array for several files, a failed one as {file, error}, and exits 2", async () => {
    const missing = path.join(dir, "missing.xlsx");
    const { code, out, err } = await run([good, missing, clean, "--json"]);
    expect(code).toBe(2);
    const arr = JSON.parse(out) as (Report | { file: string; error: string })[];
    expect(arr).toHaveLength(3);
    expect((arr[0] as Report).file).toBe(good);
    expect(arr[1]).toEqual({ file: missing, error: "ファイルが見つかりません。", code: "unreadable" });
    expect((arr[2] as Report).summary.items).toBe(12);
    expect(err).toContain(`tics-check: ${missing}: ファイルが見つかりません。\n`);
  });
});

describe("exit status", () => {
  it("is 0 when the file was read, whatever it found", async () => {
    expect((await run([good])).code).toBe(0);
    expect((await run([clean, "--fail-on", "invalid,blank"])).code).toBe(0);
  });

  it("is 1 only with --fail-on when such items exist", async () => {
    expect((await run([good, "--fail-on", "invalid"])).code).toBe(1);
    expect((await run([blankOnly, "--fail-on", "invalid"])).code).toBe(0);
    expect((await run([blankOnly, "--fail-on", "blank"])).code).toBe(1);
  });

  it.each([
    ["a missing file", () => path.join(dir, "nope.xlsx"), "ファイルが見つかりません"],
    ["a folder", () => dir, "フォルダーは読み込めません"],
    ["a file that is not a workbook", () => notXlsx, "Excel ブック（.xlsx）ではありません"],
    ["a workbook without a checklist", () => noChecklist, ""],
  ])("is 2 for %s, with a Japanese message on stderr and nothing on stdout", async (_name, file, msg) => {
    const { code, out, err } = await run([file(), "--json"]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(/^tics-check: .+: /);
    expect(err).toContain(msg);
    expect(err).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  });

  it("says what was looked for when a workbook holds no checklist (Japanese, or English with --lang en)", async () => {
    const ja = await run([noChecklist]);
    expect([ja.code, ja.out]).toEqual([2, ""]);
    expect(ja.err).toMatch(new RegExp(`^tics-check: ${noChecklist.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: 自己チェックリストの表が見つかりませんでした。`));
    for (const part of ["「内容」", "「チェック欄」", "「回答」", "「評価」", "「チェック」", "「Sheet1」"]) expect(ja.err).toContain(part);
    // 「範囲を指定」 is a button of the Excel add-in, not something the CLI offers.
    expect(ja.err).toContain("Excel アドインでは");
    const en = await run([noChecklist, "--lang", "en", "--json"]);
    expect([en.code, en.out]).toEqual([2, ""]);
    expect(en.err).toContain("No self-check table was found. Looked for:");
    expect(en.err).toContain("In the Excel add-in");
    const many = await run([noChecklist, clean, "--lang", "en", "--json"]);
    expect(many.code).toBe(2);
    const arr = JSON.parse(many.out) as { file: string; error: string }[];
    expect(arr[0]).toMatchObject({ file: noChecklist });
    expect(arr[0].error).toMatch(/^No self-check table was found/);
  });

  it("is 2 for an unknown option, in English with --lang en", async () => {
    const { code, out, err } = await run([good, "--colour", "--lang", "en"]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe("tics-check: Unknown option: --colour (tics-check --help shows the usage)\n");
  });

  it("--help and --version exit 0", async () => {
    const h = await run(["--help"]);
    expect(h.code).toBe(0);
    expect(h.out).toContain("使い方 / Usage");
    const v = await run(["--version"]);
    expect(v.out.trim()).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version);
  });
});

/** The same bytes re-labelled as a macro-enabled workbook (content type of the workbook part). */
function asMacroEnabled(file: string): string {
  const z = unzipSync(new Uint8Array(fs.readFileSync(file)));
  const ct = strFromU8(z["[Content_Types].xml"]);
  const relabelled = ct.replace("spreadsheetml.sheet.main+xml", "ZZ").replace("application/vnd.openxmlformats-officedocument.ZZ", "application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  expect(relabelled).toContain("macroEnabled");
  z["[Content_Types].xml"] = strToU8(relabelled);
  const out = file.replace(/\.xlsx$/, ".xlsm");
  fs.writeFileSync(out, zipSync(z));
  return out;
}

describe("--out", () => {
  it("keeps a macro-enabled input's kind: --out .xlsx is refused with nothing written, .xlsm works", async () => {
    const xlsm = asMacroEnabled(good);
    const wrong = path.join(dir, "copy-of-macro.xlsx");
    const bad = await run([xlsm, "--out", wrong]);
    expect(bad.code).toBe(2);
    expect(fs.existsSync(wrong)).toBe(false);
    expect(bad.err).toContain(".xlsm");
    expect(bad.err).toContain("何も保存していません");
    const right = path.join(dir, "copy-of-macro.xlsm");
    const ok = await run([xlsm, "--out", right, "--lang", "en"]);
    expect(ok.code).toBe(0);
    const ct = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(right)))["[Content_Types].xml"]);
    expect(ct).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    expect(readWorkbook(new Uint8Array(fs.readFileSync(right))).sheets.map((x) => x.name)).toEqual(expect.arrayContaining(["診断結果", "改善計画"]));
    const en = await run([xlsm, "--out", wrong, "--lang", "en"]);
    expect(en.err).toContain("Give --out a name ending in .xlsm");
  });

  it("writes an annotated copy with 診断結果 and 改善計画 and leaves the input untouched", async () => {
    const before = sha(good);
    const out = path.join(dir, "annotated.xlsx");
    const res = await run([good, "--out", out]);
    expect(res.code).toBe(0);
    expect(sha(good)).toBe(before);
    const wb = readWorkbook(new Uint8Array(fs.readFileSync(out)));
    const names = wb.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["チェックリスト", "診断結果", "改善計画"]));
    // Without --fix the look-alike stays as written.
    const sheet = wb.sheets.find((s) => s.name === "チェックリスト")!;
    const grid = synthGrid({ items: 30 });
    const r4 = grid.findIndex((row, i) => i > 3 && row[0] === 5);
    expect(sheet.values[r4 - (sheet.originRow ?? 0)][2 - (sheet.originCol ?? 0)]).toBe("〇");
    expect(res.err).toContain(`注釈付きのコピーを保存しました: ${out}`);
  });

  it("--fix rewrites look-alikes in the copy only", async () => {
    const before = sha(good);
    const out = path.join(dir, "fixed.xlsx");
    const res = await run([good, "--out", out, "--fix"]);
    expect(res.code).toBe(0);
    expect(res.err).toContain(`表記ゆれを 3 か所直しました（${cellOf(30, 4)}, ${cellOf(30, 14)}, ${cellOf(30, 24)}）`);
    expect(sha(good)).toBe(before);
    const wb = readWorkbook(new Uint8Array(fs.readFileSync(out)));
    const sheet = wb.sheets.find((s) => s.name === "チェックリスト")!;
    const grid = synthGrid({ items: 30 });
    const r4 = grid.findIndex((row, i) => i > 3 && row[0] === 5);
    expect(sheet.values[r4 - (sheet.originRow ?? 0)][2 - (sheet.originCol ?? 0)]).toBe("○");
  });

  it("refuses to overwrite the input", async () => {
    const before = sha(good);
    const { code, out, err } = await run([good, "--out", path.join(dir, ".", "good.xlsx")]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("出力先が入力ファイルと同じです");
    expect(sha(good)).toBe(before);
  });

  it("refuses a batch's summary that is one of its inputs through a hard or symbolic link", async () => {
    const before = sha(good);
    const copy = path.join(dir, "copy-for-links.xlsx");
    fs.copyFileSync(good, copy);
    const hard = path.join(dir, "hard-link.xlsx");
    const soft = path.join(dir, "soft-link.xlsx");
    fs.rmSync(hard, { force: true });
    fs.rmSync(soft, { force: true });
    fs.linkSync(good, hard);
    fs.symlinkSync(good, soft);
    for (const target of [hard, soft]) {
      const r = await run([copy, good, "--summary", target]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`出力先が入力ファイルと同じです。入力は上書きしません。別の名前を指定してください: ${target}`);
    }
    expect(sha(good)).toBe(before);
    // A summary that does not exist yet is no input: the batch runs.
    const fresh = path.join(dir, "fresh-summary.xlsx");
    fs.rmSync(fresh, { force: true });
    expect((await run([copy, good, "--summary", fresh])).code).not.toBe(2);
    expect(fs.existsSync(fresh)).toBe(true);
  });

  it("refuses an input named as the problem list beside a CSV summary, and one output named twice", async () => {
    const inputNamedLikeProblems = path.join(dir, "s-problems.csv");
    fs.writeFileSync(inputNamedLikeProblems, "x");
    const a = await run([good, inputNamedLikeProblems, "--summary", path.join(dir, "s.csv")]);
    expect(a.code).toBe(2);
    expect(a.err).toContain("出力先が入力ファイルと同じです");
    expect(fs.readFileSync(inputNamedLikeProblems, "utf8")).toBe("x");
    const twice = path.join(dir, "twice.xlsx");
    const b = await run([good, "--out", twice, "--summary", twice]);
    expect(b.code).toBe(2);
    expect(b.err).toContain(`同じ出力先が 2 回指定されています: ${twice}`);
    expect(fs.existsSync(twice)).toBe(false);
  });

  it("writes nothing when the input has no checklist", async () => {
    const out = path.join(dir, "never.xlsx");
    expect((await run([noChecklist, "--out", out])).code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("leaves no file when the output cannot be written", async () => {
    const out = path.join(dir, "no-such-dir", "x.xlsx");
    const { code, err } = await run([good, "--out", out]);
    expect(code).toBe(2);
    expect(err).toContain("保存できませんでした");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("leaves nothing half-written when the target is a folder", async () => {
    const target = path.join(dir, "folder.xlsx");
    fs.mkdirSync(target);
    const before = fs.readdirSync(dir).sort();
    const { code, out } = await run([good, "--out", target]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    expect(fs.readdirSync(target)).toEqual([]);
  });
});

describe("--report", () => {
  it("writes a self-contained HTML report", async () => {
    const out = path.join(dir, "report.html");
    expect((await run([good, "--report", out])).code).toBe(0);
    const html = fs.readFileSync(out, "utf8");
    expect(html).toContain("<!DOCTYPE html>");
    expect(html).toContain("テスト精機株式会社");
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain(cellOf(30, 5));
    expect(html).not.toMatch(/<link\b|<script\b|@import|url\(/i);
  });
});

describe("--jobs", () => {
  it("uses at most the CPU cores - 1 worker threads and says so when asked for more", async () => {
    const { availableParallelism } = await import("node:os");
    const cap = maxJobs();
    expect(cap).toBe(Math.max(1, availableParallelism() - 1));
    const files = Array.from({ length: cap + 1 }, () => good);
    const over = await run([...files, "--jobs", String(cap + 1), "--summary", path.join(dir, "jobs.csv"), "--lang", "en"]);
    expect(over.code).toBe(0);
    expect(over.err).toContain(`--jobs ${cap + 1}: this machine runs at most ${cap} checking thread`);
    const within = await run([...files, "--jobs", String(cap), "--summary", path.join(dir, "jobs.csv"), "--lang", "en"]);
    expect(within.err).not.toContain("--jobs");
    expect(within.out).toBe(over.out);
  });

  it("maxJobs keeps one core for the main thread and the workers' compiler and GC threads", () => {
    expect([1, 2, 3, 8].map((c) => maxJobs(c))).toEqual([1, 1, 2, 7]);
  });
});

describe("--summary", () => {
  it("writes a CSV with BOM, one row per file (errors included) and a problem list beside it", async () => {
    const out = path.join(dir, "summary.csv");
    const missing = path.join(dir, "gone.xlsx");
    const { code, out: stdout } = await run([good, clean, missing, "--summary", out]);
    expect(code).toBe(2);
    expect(stdout.split("\n").filter(Boolean)).toHaveLength(2);
    const csv = fs.readFileSync(out, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(4);
    expect(lines[0].startsWith("ファイル,会社名,シート,項目数,回答済み,要確認,総合スコア,準備度,")).toBe(true);
    expect(lines[1].startsWith(`${good},テスト精機株式会社,チェックリスト,30,`)).toBe(true);
    expect(lines[3]).toContain("ファイルが見つかりません");
    const probs = fs.readFileSync(path.join(dir, "summary-problems.csv"), "utf8");
    expect(probs).toContain(`${good},チェックリスト,${cellOf(30, 6)},`);
    expect(probs).toContain("無効な値");
  });

  it("writes an .xlsx with a summary sheet and 「問題一覧」, reporting progress on a terminal", async () => {
    const out = path.join(dir, "summary.xlsx");
    const { code, err } = await run([good, clean, "--summary", out], false, true);
    expect(code).toBe(0);
    expect(err).toContain("2/2 ファイル");
    const wb = readWorkbook(new Uint8Array(fs.readFileSync(out)));
    expect(wb.sheets.map((s) => s.name)).toEqual(["集計", "問題一覧"]);
    const sum = wb.sheets[0].values;
    expect(sum[1].slice(0, 4)).toEqual([good, "テスト精機株式会社", "チェックリスト", 30]);
    expect(sum[2].slice(0, 4)).toEqual([clean, null, "チェックリスト", 12]);
    const probs = wb.sheets[1].values;
    expect(probs.length).toBe(1 + 11);
    expect(probs.some((r) => r[2] === cellOf(30, 5) && r[6] === "未回答")).toBe(true);
  });

  it("no progress when stderr is not a terminal", async () => {
    const out = path.join(dir, "summary2.xlsx");
    const { err } = await run([good, clean, "--summary", out]);
    expect(err).not.toContain("2/2");
  });
});
