/**
 * Printing the annotated workbook: LibreOffice converts the CLI's --out copy of the sample to PDF, and poppler's
 * pdftotext splits it into pages. The 改善計画 sheet must print one page wide (every plan page holds the first and
 * the last column, the header row repeated on each), and 診断結果 (summary, field table and radar chart) on one
 * page. Runs where /usr/bin/soffice and pdftotext exist; skipped with a message elsewhere.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main";

const SOFFICE = "/usr/bin/soffice";
const PDFTOTEXT = "/usr/bin/pdftotext";
const SAMPLE = path.join(__dirname, "..", "..", "samples", "tics-sample.xlsx");
const available = fs.existsSync(SOFFICE) && fs.existsSync(PDFTOTEXT);
if (!available) console.warn(`print-pdf.test: skipped (needs ${SOFFICE} and ${PDFTOTEXT}; apt-get install libreoffice-calc poppler-utils)`);
const maybe = available ? describe : describe.skip;

jest.setTimeout(180_000);

async function pdfPages(lang: "ja" | "en"): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-pdf-"));
  try {
    const out = path.join(dir, `annotated-${lang}.xlsx`);
    const code = await main([SAMPLE, "--out", out, "--lang", lang], { stdout: () => undefined, stderr: () => undefined });
    expect(code).toBe(0);
    execFileSync(SOFFICE, [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir, out], {
      stdio: "ignore",
      timeout: 150_000,
    });
    const pdf = out.replace(/\.xlsx$/, ".pdf");
    expect(fs.existsSync(pdf)).toBe(true);
    const text = execFileSync(PDFTOTEXT, ["-layout", pdf, "-"], { encoding: "utf8" });
    return text.split("\f").filter((p) => p.trim() !== "");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

maybe("the annotated workbook printed by LibreOffice", () => {
  let pages: string[] = [];
  beforeAll(async () => {
    pages = await pdfPages("ja");
  });

  test("改善計画 prints one page wide, its header row on every page", () => {
    const first = pages.findIndex((p) => p.includes("項目ID"));
    expect(first).toBeGreaterThan(0);
    // The plan runs up to the 「証跡・根拠」 sheet that --out writes after it (its header names the evidence column).
    const evidence = pages.findIndex((p, i) => i > first && p.includes("証跡（文書名・保管場所）"));
    expect(evidence).toBeGreaterThan(first);
    const plan = pages.slice(first, evidence);
    for (const p of plan) {
      // first and last column headers on the same page: nothing printed side by side
      expect(p).toContain("No.");
      expect(p).toContain("項目ID");
      expect(p).toContain("メモ");
    }
  });

  test("診断結果 (summary, table and chart) prints on one page", () => {
    const results = pages.filter((p) => p.includes("TICS Check 診断結果"));
    expect(results).toHaveLength(1);
    const page = results[0];
    expect(page).toContain("総合スコア");
    // the page after it is already the plan
    const i = pages.indexOf(page);
    expect(pages[i + 1]).toContain("項目ID");
  });
});
