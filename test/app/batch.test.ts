import { problemsCsv, problemsCsvName, summaryCsv, summaryFormatOf, summaryXlsx } from "../../src/app/batch";
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
