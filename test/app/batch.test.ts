import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SummaryXlsxStream, problemsCsv, problemsCsvName, summaryCsv, summaryFormatOf, summaryWidths, summaryXlsx } from "../../src/app/batch";
import { unzipSync, strFromU8 } from "fflate";
import { synthXlsx } from "../cli/synth";
import { checkWorkbookBytes } from "../../src/app/files";
import { TICS_2024 } from "../../src/core/profile/tics-2024";
import type { SummaryInput } from "../../src/core/summary";
import { readWorkbook } from "../../src/file/xlsx-read";
import { sampleReport } from "../cli/fixture-report";

const results: SummaryInput[] = [
  { ok: true, report: sampleReport({ file: "a.xlsx", company: "=HYPERLINK(\"http://x\")" }) },
  { ok: false, file: "b.xlsx", error: { ja: "読めません", en: "Cannot read" } },
];

describe("summary files", () => {
  it("knows the format from the name", () => {
    expect(summaryFormatOf("out.XLSX")).toBe("xlsx");
    expect(summaryFormatOf("dir/out.csv")).toBe("csv");
    expect(summaryFormatOf("out.txt")).toBeNull();
    expect(problemsCsvName("out.csv")).toBe("out-problems.csv");
    expect(problemsCsvName("d/Out.CSV")).toBe("d/Out-problems.csv");
  });

  it("xlsx: summary sheet and 「問題一覧」, text that looks like a formula stays text", () => {
    const wb = readWorkbook(summaryXlsx(results, "ja"));
    expect(wb.sheets.map((s) => s.name)).toEqual(["集計", "問題一覧"]);
    const sum = wb.sheets[0].values;
    expect(sum[0][0]).toBe("ファイル");
    expect(sum[1][0]).toBe("a.xlsx");
    expect(sum[1][1]).toBe('=HYPERLINK("http://x")');
    expect(sum[2][0]).toBe("b.xlsx");
    expect(sum[2][sum[0].length - 1]).toBe("読めません");
    const probs = wb.sheets[1].values;
    // Header + the four findings of the sample report (look-alike, blank, invalid, 「-」 not allowed).
    expect(probs).toHaveLength(5);
    expect(probs[1].slice(0, 3)).toEqual(["a.xlsx", "チェックリスト", "E13"]);
  });

  it("xlsx in English", () => {
    const wb = readWorkbook(summaryXlsx(results, "en"));
    expect(wb.sheets.map((s) => s.name)).toEqual(["Summary", "Problems"]);
    expect(wb.sheets[0].values[2]).toContain("Cannot read");
  });

  it("csv: BOM, CRLF, formula-looking text neutralised", () => {
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(summaryCsv(results, "ja"));
    expect(csv.startsWith("\uFEFFファイル,会社名,")).toBe(true);
    const lines = csv.split("\r\n");
    expect(lines[1]).toContain(`a.xlsx,"'=HYPERLINK(""http://x"")",`);
    expect(lines[2].startsWith("b.xlsx,")).toBe(true);
    expect(lines[2].endsWith(",読めません")).toBe(true);
    const probs = new TextDecoder("utf-8", { ignoreBOM: true }).decode(problemsCsv(results, "ja"));
    expect(probs.split("\r\n").filter(Boolean)).toHaveLength(5);
  });
});

describe("a batch over real workbooks", () => {
  const read = (p: string) => new Uint8Array(readFileSync(join(__dirname, "..", "..", p)));
  const files = ["test/fixtures/openpyxl-checklist.xlsx", "broken.xlsx", "samples/tics-sample.xlsx"];
  const checked: SummaryInput[] = files.map((f) => (f === "broken.xlsx" ? checkWorkbookBytes(new Uint8Array([80, 75, 3, 4, 0]), f) : checkWorkbookBytes(read(f), f)));

  it("one row per file: name, company, counts, scores of every field; the broken file keeps its row with the error", () => {
    const wb = readWorkbook(summaryXlsx(checked, "ja", TICS_2024));
    const [header, ...rows] = wb.sheets[0].values;
    expect(rows.map((r) => r[0])).toEqual(files);
    const col = (h: string) => header.indexOf(h);
    for (const k of [0, 2]) {
      const r = checked[k];
      if (!r.ok) throw new Error("fixture not checked");
      const rep = r.report;
      expect(rows[k][col("会社名")]).toBe(rep.company);
      expect(rows[k][col("項目数")]).toBe(rep.summary.items);
      expect(rows[k][col("回答済み")]).toBe(rep.summary.answered);
      expect(rows[k][col("要確認")]).toBe(rep.summary.blank + rep.summary.invalid + rep.summary.naNotAllowed);
      expect(rows[k][col("総合スコア")]).toBe(rep.overall.score);
      expect(rows[k][col("準備度")]).toBe(rep.overall.readiness);
      for (const f of rep.fields) expect({ field: f.name, score: rows[k][col(f.name)] ?? null }).toEqual({ field: f.name, score: f.score });
    }
    expect(rows[0][col("会社名")]).toBe("テスト工業株式会社");
    expect(rows[2][col("会社名")]).toBe("サンプル精機株式会社");
    // Every field of the profile has its column (the sample scores all eight).
    expect(header.filter((h) => TICS_2024.fields.some((f) => f.name.ja === h))).toHaveLength(8);
    expect(rows[1][col("エラー")]).toMatch(/壊れて|Excel ブック/);
    expect(rows[1].slice(1, col("エラー")).every((v) => v === null || v === undefined)).toBe(true);
  });

  it("the problem sheet lists every finding with file, cell, value and status", () => {
    const probs = readWorkbook(summaryXlsx(checked, "ja", TICS_2024)).sheets[1].values;
    const findings = checked.flatMap((r) => (r.ok ? r.report.findings.map((f) => [r.report.file, f.cell, f.raw ?? ""]) : []));
    expect(probs.slice(1).map((r) => [r[0], r[2], r[5] ?? ""])).toEqual(findings);
    expect(probs.slice(1).every((r) => typeof r[6] === "string" && r[6] !== "")).toBe(true);
  });
});

describe("summaryWidths", () => {
  it("counts wide characters twice and a surrogate pair once, from the first 200 rows, between 6 and the limit", () => {
    const rows = [
      ["ab", "情報", "😀x", null, 12.5, true],
      ["", "a", "\ud800", "x".repeat(100)],
    ];
    // "ab" 2+2=4 -> 6 (minimum); 情報 4+2=6; 😀x 2+1+2=5 -> 6; null -> 6; "12.5" 4+2 -> 6; "true" -> 6; a lone surrogate 2+2 -> 6; 100 -> 60.
    expect(summaryWidths(rows)).toEqual([6, 6, 6, 60, 6, 6]);
    expect(summaryWidths([["情報資産の管理台帳", "ｱｲｳ", "é"]])).toEqual([20, 8, 6]);
    expect(summaryWidths([["😀😀😀😀"]])).toEqual([10]);
    const many = Array.from({ length: 300 }, (_, i) => [i < 200 ? "x" : "y".repeat(40)]);
    expect(summaryWidths(many)).toEqual([6]);
    expect(summaryWidths([["x".repeat(30)]], 20)).toEqual([20]);
  });
});

describe("SummaryXlsxStream", () => {
  /** Every sheet's cells, and each sheet part without its cell values (styles, widths, dimension, bold header). */
  const content = (bytes: Uint8Array) => {
    const wb = readWorkbook(bytes);
    const parts = unzipSync(bytes);
    const layout = Object.keys(parts)
      .filter((n) => n.startsWith("xl/worksheets/"))
      .sort()
      .map((n) => strFromU8(parts[n]).replace(/<v>[^<]*<\/v>/g, "<v/>"));
    return { names: wb.sheets.map((s) => s.name), values: wb.sheets.map((s) => s.values), layout };
  };

  it("gives the same workbook as summaryXlsx, written as the results come", () => {
    const many: SummaryInput[] = [...results];
    for (let i = 0; i < 30; i++) {
      const r = checkWorkbookBytes(synthXlsx({ items: 20 + (i % 7), company: `取引先${i}`, override: { [i % 20]: null, [(i + 3) % 20]: "〇" } }), `f${i}.xlsx`);
      many.push(r.ok ? { ok: true, report: r.report } : r);
    }
    many.push({ ok: false, file: "c.xlsx", error: { ja: "壊れています", en: "Broken" } });
    for (const lang of ["ja", "en"] as const) {
      const stream = new SummaryXlsxStream(lang);
      // finish is given what add returned, as the CLI keeps it: without the problem entries already written.
      const kept = many.map((r) => stream.add(r));
      expect(kept.filter((r) => r.ok && (r.report.findings.length || r.report.items.length))).toEqual([]);
      expect(kept.map((r) => (r.ok ? r.report.summary : r))).toEqual(many.map((r) => (r.ok ? r.report.summary : r)));
      const streamed = content(stream.finish(kept, TICS_2024));
      expect(streamed.values[1].length).toBeGreaterThan(60);
      expect(streamed).toEqual(content(summaryXlsx(many, lang, TICS_2024)));
    }
  });

  it("a batch whose workbooks name 150 different fields (a summary wider than 64 columns) gives the same workbook", () => {
    const wide: SummaryInput[] = Array.from({ length: 3 }, (_, k) => {
      const report = sampleReport({ file: `w${k}.xlsx` });
      report.fields = Array.from({ length: 50 }, (_, i) => ({ ...report.fields[0], name: `独自の分野 ${k}-${i}`, nameEn: `Own field ${k}-${i}`, score: i }));
      return { ok: true, report };
    });
    const stream = new SummaryXlsxStream("ja");
    for (const r of wide) stream.add(r);
    const streamed = content(stream.finish(wide));
    expect(streamed.values[0][0].length).toBe(8 + 150 + 1);
    expect(streamed).toEqual(content(summaryXlsx(wide, "ja")));
  });

  it("an empty batch gives the headers only", () => {
    const stream = new SummaryXlsxStream("ja");
    expect(content(stream.finish([]))).toEqual(content(summaryXlsx([], "ja")));
  });
});
