/** The CLI on the repository's sample workbook (samples/tics-sample.xlsx, built from scripts/sample-content.ts). */
import { run } from "./run-cli";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Report } from "../../src/core/model";
import { readWorkbook } from "../../src/file/xlsx-read";
import { SAMPLE_ITEMS } from "../../scripts/sample-content";
import { PLAN_ORDER_LINE } from "../../src/core/plan";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "tics-sample.xlsx");

const count = (status: string): number => SAMPLE_ITEMS.filter((i) => i.expect === status).length;

describe("tics-check on samples/tics-sample.xlsx", () => {
  it("--json matches what the sample was written to contain", async () => {
    const { code, out } = await run([SAMPLE, "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(out) as Report;
    expect(r.company).toBe("サンプル精機株式会社");
    expect(r.items.map((i) => i.text)).toEqual(SAMPLE_ITEMS.map((i) => i.text));
    expect(r.items.map((i) => i.status)).toEqual(SAMPLE_ITEMS.map((i) => i.expect));
    expect(r.summary).toMatchObject({
      items: SAMPLE_ITEMS.length,
      blank: count("blank"),
      invalid: count("invalid"),
      naNotAllowed: count("na_not_allowed"),
      normalized: count("normalized"),
    });
  });

  it("the text names the sheet, the counts and every problem cell with what to type", async () => {
    const json = JSON.parse((await run([SAMPLE, "--json"])).out) as Report;
    const { code, out } = await run([SAMPLE]);
    expect(code).toBe(0);
    expect(out).toContain(`シート「${json.sheet}」`);
    expect(out).toContain(`項目 ${SAMPLE_ITEMS.length} / 回答済み ${json.summary.answered} / 未回答 ${count("blank")}`);
    for (const f of json.findings) {
      const line = out.split("\n").find((l) => l.trimStart().startsWith(`${f.cell} `));
      expect(line).toBeDefined();
      expect(line).toMatch(f.suggestion ? new RegExp(`→ 「${f.suggestion}」と入力`) : /→ [○△×\-/ ]+ のいずれかを入力/);
    }
    expect(out).toContain("改善計画");
  });

  it("--out and --report leave the sample untouched", async () => {
    const before = createHash("sha256").update(fs.readFileSync(SAMPLE)).digest("hex");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-sample-"));
    try {
      const out = path.join(dir, "annotated.xlsx");
      const html = path.join(dir, "report.html");
      expect((await run([SAMPLE, "--out", out, "--fix", "--report", html])).code).toBe(0);
      expect(createHash("sha256").update(fs.readFileSync(SAMPLE)).digest("hex")).toBe(before);
      const names = readWorkbook(new Uint8Array(fs.readFileSync(out))).sheets.map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(["診断結果", "改善計画"]));
      // The fixed copy has no look-alikes left.
      const again = JSON.parse((await run([out, "--json"])).out) as Report;
      expect(again.summary.normalized).toBe(0);
      expect(again.summary.items).toBe(SAMPLE_ITEMS.length);
      // the company is still the sample's (from its cover), not a label of the results sheet
      expect(again.company).toBe("サンプル精機株式会社");
      expect(fs.readFileSync(html, "utf8")).toContain("サンプル精機株式会社");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("company name", () => {
  it("stays blank on a workbook without one, before and after --out (never the label of the row below)", async () => {
    const { synthXlsx } = await import("./synth");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-company-"));
    try {
      const input = path.join(dir, "nocompany.xlsx");
      fs.writeFileSync(input, synthXlsx({ items: 12 }));
      const first = JSON.parse((await run([input, "--json"])).out) as Report;
      expect(first.company).toBeNull();
      const out = path.join(dir, "annotated.xlsx");
      expect((await run([input, "--out", out])).code).toBe(0);
      const again = JSON.parse((await run([out, "--json"])).out) as Report;
      expect(again.company).toBeNull();
      const text = (await run([out])).out;
      expect(text).not.toContain("会社名");
      const out2 = path.join(dir, "annotated2.xlsx");
      expect((await run([out, "--out", out2])).code).toBe(0);
      expect((JSON.parse((await run([out2, "--json"])).out) as Report).company).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("one plan order everywhere: by priority label (高, 中, 低)", () => {
  const rank = (label: string): number => ["高", "中", "低"].indexOf(label);
  const sorted = (labels: string[]): boolean => labels.every((l, i) => i === 0 || rank(labels[i - 1]) <= rank(l));

  it("the JSON plan, the CLI text, the 改善計画 sheet and the HTML report list it by label, under the order line", async () => {
    const json = JSON.parse((await run([SAMPLE, "--json"])).out) as Report;
    const prios = new Set(json.plan.map((p) => p.priority));
    expect(prios.size).toBeGreaterThan(1); // the sample mixes labels, so the order is tested
    const labels = json.plan.map((p) => ({ high: "高", medium: "中", low: "低" })[p.priority]);
    expect(sorted(labels)).toBe(true);

    const text = (await run([SAMPLE])).out;
    const textLabels = [...text.matchAll(/^ +\d+\. \[(高|中|低)\]/gm)].map((m) => m[1]);
    expect(textLabels).toEqual(labels.slice(0, textLabels.length));
    expect(text).toContain(PLAN_ORDER_LINE.ja);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-order-"));
    try {
      const out = path.join(dir, "a.xlsx");
      const html = path.join(dir, "r.html");
      expect((await run([SAMPLE, "--out", out, "--report", html])).code).toBe(0);
      const plan = readWorkbook(new Uint8Array(fs.readFileSync(out))).sheets.find((s) => s.name === "改善計画")!;
      // the order line above the table (A1), the header row below it
      expect(plan.values[0]).toEqual([PLAN_ORDER_LINE.ja]);
      const head = plan.values[1] as unknown[];
      const col = head.indexOf("優先度");
      const sheetLabels = plan.values.slice(2).map((r) => String((r as unknown[])[col]));
      expect(sheetLabels).toEqual(labels);
      const page = fs.readFileSync(html, "utf8");
      expect(page).toContain(PLAN_ORDER_LINE.ja);
      // The plan section's table (the executive page before it lists only the top five actions).
      const planPart = page.slice(page.indexOf('<section class="part" id="plan">'));
      expect(planPart.length).toBeLessThan(page.length);
      const htmlLabels = [...planPart.matchAll(/<td class="prio-\w+">(高|中|低)<\/td>/g)].map((m) => m[1]);
      expect(htmlLabels).toEqual(labels);
      expect(page).not.toContain(dir); // only the file name, never the folder
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
