import * as fs from "node:fs";
import * as path from "node:path";
import { annotatedCopy, checkWorkbookBytes, checkWorkbookForSummary, describeError } from "../../src/app/files";
import { digestReport } from "../../src/core/summary";
import { readWorkbook } from "../../src/file/xlsx-read";
import { writeSimpleWorkbook } from "../../src/file/xlsx-write";
import { synthXlsx } from "../cli/synth";

describe("checkWorkbookBytes", () => {
  it("reads and analyses a workbook", () => {
    const r = checkWorkbookBytes(synthXlsx({ items: 10, company: "甲社" }), "a.xlsx");
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.report.file).toBe("a.xlsx");
      expect(r.report.company).toBe("甲社");
      expect(r.report.summary.items).toBe(10);
    }
  });

  it("turns bytes that are not a workbook into a bilingual error", () => {
    const r = checkWorkbookBytes(new TextEncoder().encode("hello"), "x.xlsx");
    expect(r).toMatchObject({ ok: false, file: "x.xlsx", code: "not_zip" });
    if (!r.ok) {
      expect(r.error.ja).toContain(".xlsx");
      expect(r.error.en).toContain("not an Excel workbook");
    }
  });

  it("reports a workbook without a checklist with the detector's code", () => {
    const r = checkWorkbookBytes(writeSimpleWorkbook([{ name: "Sheet1", rows: [["a", "b"], [1, 2]] }]), "n.xlsx");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(["no_checklist", "no_items", "empty_workbook"]).toContain(r.code);
      expect(r.error.ja.length).toBeGreaterThan(0);
      expect(r.error.en.length).toBeGreaterThan(0);
    }
  });
});

describe("describeError", () => {
  it("keeps a reader's bilingual messages and code", () => {
    expect(describeError({ code: "encrypted", messages: { ja: "暗号化", en: "encrypted" }, message: "x" })).toEqual({
      error: { ja: "暗号化", en: "encrypted" },
      code: "encrypted",
    });
  });

  it("wraps anything else with the detail", () => {
    const d = describeError(new Error("boom"));
    expect(d.code).toBe("unreadable");
    expect(d.error.ja).toBe("ファイルの読み込み中に予期しないエラーが発生しました: boom");
    expect(d.error.en).toBe("An unexpected error occurred while reading the file: boom");
    expect(describeError("str").error.en).toContain(": str");
  });
});

describe("annotatedCopy", () => {
  it("adds the results and plan sheets, and --fix style rewriting only when asked", () => {
    const bytes = synthXlsx({ items: 10 });
    const r = checkWorkbookBytes(bytes, "a.xlsx");
    if (!r.ok) throw new Error(r.error.en);
    const copy = annotatedCopy(bytes, r.report, { fix: false, lang: "ja" });
    expect(copy.extension).toBe(".xlsx");
    expect(copy.fixed).toEqual([]);
    const plain = readWorkbook(copy.bytes);
    expect(plain.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["診断結果", "改善計画"]));
    const fixed = annotatedCopy(bytes, r.report, { fix: true, lang: "ja" });
    expect(fixed.fixed).toEqual([r.report.findings.find((f) => f.status === "normalized")!.cell]);
    const again = checkWorkbookBytes(fixed.bytes, "b.xlsx");
    expect(again.ok && again.report.summary.normalized).toBe(0);
  });
});

describe("checkWorkbookForSummary", () => {
  const root = path.resolve(__dirname, "..", "..");
  const books = [
    ...fs.readdirSync(path.join(root, "test", "fixtures")).map((f) => path.join(root, "test", "fixtures", f)),
    ...fs.readdirSync(path.join(root, "samples")).filter((f) => f.endsWith(".xlsx")).map((f) => path.join(root, "samples", f)),
  ];

  it("gives the digest of the whole check, for every fixture and sample workbook", () => {
    expect(books.length).toBeGreaterThan(10);
    for (const f of books) {
      const bytes = new Uint8Array(fs.readFileSync(f));
      const whole = checkWorkbookBytes(bytes, f);
      const digest = checkWorkbookForSummary(bytes, f);
      expect({ f, digest }).toEqual({ f, digest: whole.ok ? { ok: true, report: digestReport(whole.report) } : whole });
    }
  });

  it("gives the digest for a generated checklist with look-alikes and blanks, and the same errors", () => {
    const bytes = synthXlsx({ items: 40, company: "乙社", override: { 3: null, 5: "〇", 7: "x", 9: "ー" } });
    const whole = checkWorkbookBytes(bytes, "b.xlsx");
    const digest = checkWorkbookForSummary(bytes, "b.xlsx");
    expect(whole.ok && whole.report.findings.length).toBeGreaterThan(3);
    expect(digest).toEqual(whole.ok ? { ok: true, report: digestReport(whole.report) } : null);
    const notZip = new TextEncoder().encode("hello");
    expect(checkWorkbookForSummary(notZip, "x.xlsx")).toEqual(checkWorkbookBytes(notZip, "x.xlsx"));
  });
});
