// Browser tests of the built task pane (run `npm run build` first; `npm run test:browser` does). Also needs the
// compiled engine in dist/ (`npm run build:cli`, run by `npm ci`) to check the downloaded workbook in Node.
// scripts/serve-web.mjs serves dist/web/ on 127.0.0.1; Chromium (playwright-core, /usr/bin/chromium) gets a new
// empty profile; every request that is not to 127.0.0.1 is blocked and counts as a failure.
// Prints `N passed, M failed` and exits non-zero on failure. Screenshots: .tmp/pane.png, .tmp/pane-en.png.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { BROWSER_PAGE, PAGE, ROOT, WEB, serveWeb } from "../../scripts/serve-web.mjs";

const require = createRequire(import.meta.url);
const TMP = path.join(ROOT, ".tmp");
const SAMPLE = path.join(ROOT, "samples", "tics-sample.xlsx");

const results = [];
async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}\n     ${String((e && e.stack) || e).split("\n").slice(0, 6).join("\n     ")}`);
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

/** The engine from the compiled CLI build, to check downloads in Node. */
function engine() {
  const need = ["file/xlsx-read.js", "core/analyse.js"].map((p) => path.join(ROOT, "dist", p));
  for (const p of need) assert(fs.existsSync(p), `${p} missing: run \`npm run build:cli\` first`);
  const { readWorkbook } = require(need[0]);
  const { analyse } = require(need[1]);
  return (bytes) => {
    const wb = readWorkbook(new Uint8Array(bytes));
    const res = analyse(wb);
    return { sheets: wb.sheets.map((s) => s.name), res };
  };
}

async function main() {
  assert(fs.existsSync(path.join(WEB, PAGE)), `dist/web/${PAGE} missing: run \`npm run build\` first`);
  fs.mkdirSync(TMP, { recursive: true });
  const server = await serveWeb();
  const port = server.address().port;
  const base = `http://127.0.0.1:${port}/`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tics-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    acceptDownloads: true,
    locale: "ja-JP",
    viewport: { width: 420, height: 900 },
  });
  const blocked = [];
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if ((u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "127.0.0.1") {
      blocked.push(u.href);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });

  /** A page that records console errors, page errors and failed requests. */
  async function open(ctx = context) {
    const page = await ctx.newPage();
    const problems = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
    await page.goto(base + BROWSER_PAGE);
    return { page, problems };
  }

  const check = engine();
  const original = check(fs.readFileSync(SAMPLE));
  assert(original.res.ok, "the engine finds no checklist in samples/tics-sample.xlsx");
  const itemCount = original.res.report.summary.items;

  await test("browser mode (browser.html) renders without office.js: no office.js request, no console errors", async () => {
    const page = await context.newPage();
    const requests = [];
    page.on("request", (r) => requests.push(new URL(r.url()).pathname));
    const problems = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(base + BROWSER_PAGE);
    await page.getByRole("heading", { level: 1, name: "TICS Check" }).waitFor({ timeout: 20_000 });
    await page.getByTestId("dropzone").waitFor();
    assert(await page.getByRole("button", { name: "ファイルを選択" }).isVisible(), "no file button");
    assert(await page.evaluate(() => typeof window.Office === "undefined"), "office.js is loaded in browser mode");
    assert(!requests.some((p) => /office/i.test(p)), `office.js requested: ${requests.filter((p) => /office/i.test(p)).join(", ")}`);
    await page.waitForTimeout(1500);
    assert(problems.length === 0, problems.join("\n"));
    await page.close();
  });

  await test("taskpane.html loads office.js from Office's CDN; taskpane.local.html from dist/web/office-js; browser.html none", async () => {
    const cdn = fs.readFileSync(path.join(WEB, "taskpane.html"), "utf8");
    const local = fs.readFileSync(path.join(WEB, PAGE), "utf8");
    assert(/<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/.test(cdn), "CDN office.js missing in taskpane.html");
    assert(/<script src="?office-js\/office\.js/.test(local), "local office.js missing in taskpane.local.html");
    assert(!/https?:\/\//.test(local.replace(/http-equiv/g, "")), "taskpane.local.html references a remote URL");
    assert(fs.existsSync(path.join(WEB, "office-js", "office.js")), "dist/web/office-js/office.js missing");
    const browser = fs.readFileSync(path.join(WEB, BROWSER_PAGE), "utf8");
    assert(!/<script[^>]*office/i.test(browser), "browser.html loads office.js");
    assert(/http-equiv="?Content-Security-Policy"? content="default-src 'self'; script-src 'self';/.test(browser), "browser.html lacks the self-only CSP");
    assert(!/https?:\/\//.test(browser.replace(/http-equiv/g, "")), "browser.html references a remote URL");
  });

  await test("every https://localhost:3000/ URL in manifest.xml is in the build", async () => {
    const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
    const urls = [...new Set([...manifest.matchAll(/https:\/\/localhost:3000\/([^"'<\s?#]*)/g)].map((m) => m[1]))];
    assert(urls.includes("taskpane.html"), "manifest does not point at taskpane.html");
    const missing = urls.filter((u) => !fs.existsSync(path.join(WEB, u || "index.html")));
    assert(missing.length === 0, `missing in dist/web: ${missing.join(", ")}`);
  });

  await test("keyboard: Tab reaches the file button and Enter opens the file chooser", async () => {
    const { page, problems } = await open();
    await page.getByRole("button", { name: "ファイルを選択" }).waitFor({ timeout: 20_000 });
    let focused = "";
    for (let i = 0; i < 10 && focused !== "ファイルを選択"; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => (document.activeElement && document.activeElement.textContent) || "");
    }
    assert(focused === "ファイルを選択", `focus never reached the file button (last: "${focused}")`);
    // Listen first and let Playwright switch on file-chooser interception (a round trip to the page and a short
    // pause) before the key press: pressed at once, the chooser can open before interception is on and is lost.
    const chooserP = page.waitForEvent("filechooser", { timeout: 15_000 });
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
    await page.keyboard.press("Enter");
    const chooser = await chooserP;
    assert(!chooser.isMultiple(), "file chooser allows several files");
    await chooser.setFiles(SAMPLE);
    await page.getByTestId("scores").waitFor({ timeout: 20_000 });
    assert(problems.length === 0, problems.join("\n"));
    await page.close();
  });

  let downloaded = null;
  await test("browser mode: open the sample, see problems and scores, normalise with preview, download the annotated workbook", async () => {
    const { page, problems } = await open();
    await page.getByTestId("file-input").setInputFiles(SAMPLE);
    await page.getByTestId("scores").waitFor({ timeout: 20_000 });
    const progress = await page.getByTestId("progress").textContent();
    assert(progress.includes(`/ ${itemCount} 項目`), `progress "${progress}" does not show ${itemCount} items`);
    const s = original.res.report.summary;
    const expectedProblems = s.blank + s.invalid + s.naNotAllowed;
    const shown = expectedProblems === 0 ? 0 : await page.getByTestId("problems").locator("li").count();
    assert(shown === expectedProblems, `${shown} problems shown, engine says ${expectedProblems}`);
    const rows = await page.getByTestId("scores").locator("tbody tr").count();
    assert(rows === original.res.report.fields.length, `${rows} score rows, engine says ${original.res.report.fields.length}`);
    assert(await page.getByRole("img", { name: "分野別スコアのレーダーチャート" }).isVisible(), "radar chart not visible");

    if (s.normalized > 0) {
      await page.getByRole("button", { name: "表記ゆれを直す…" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.waitFor();
      const previewRows = await dialog.getByTestId("preview").locator("tbody tr").count();
      assert(previewRows === s.normalized, `preview lists ${previewRows} changes, engine says ${s.normalized}`);
      await page.waitForTimeout(500); // let the dialog's fade-in finish for the screenshot
      await page.screenshot({ path: path.join(TMP, "pane-preview.png") });
      await dialog.getByRole("button", { name: "適用" }).click();
      await page.getByRole("status").filter({ hasText: "表記ゆれを直しました" }).waitFor();
    }
    await page.screenshot({ path: path.join(TMP, "pane.png"), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "注釈付きのコピー (.xlsx)" }).click(),
    ]);
    const out = path.join(TMP, "annotated-from-browser.xlsx");
    await download.saveAs(out);
    downloaded = { file: out, suggested: download.suggestedFilename() };
    assert(problems.length === 0, problems.join("\n"));
    await page.close();
  });

  await test("the downloaded workbook has 診断結果 and 改善計画, the same items, and the normalised answers", async () => {
    assert(downloaded, "nothing was downloaded");
    assert(downloaded.suggested === "tics-sample-tics.xlsx", `file name ${downloaded.suggested}`);
    const got = check(fs.readFileSync(downloaded.file));
    assert(got.sheets.includes("診断結果"), `no 診断結果 sheet: ${got.sheets.join(", ")}`);
    assert(got.sheets.includes("改善計画"), `no 改善計画 sheet: ${got.sheets.join(", ")}`);
    assert(got.sheets.includes("証跡・根拠") && got.sheets.includes("履歴"), `no 証跡・根拠 / 履歴 sheet: ${got.sheets.join(", ")}`);
    assert(got.res.ok, "no checklist in the downloaded workbook");
    assert(got.res.report.summary.items === itemCount, `${got.res.report.summary.items} items, expected ${itemCount}`);
    assert(got.res.report.summary.normalized === 0, `${got.res.report.summary.normalized} look-alikes left after normalising`);
    const s0 = original.res.report.summary;
    assert(got.res.report.summary.answered === s0.answered, "answered count changed");
  });

  await test("browser mode remembers checks per file name (IndexedDB): trend after two checks, gone after 履歴を消去", async () => {
    const { page, problems } = await open();
    const file = { name: "trend-test.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: fs.readFileSync(SAMPLE) };
    await page.getByTestId("file-input").setInputFiles(file);
    await page.getByTestId("records").waitFor({ timeout: 20_000 });
    assert(await page.getByTestId("no-trend").isVisible(), "a trend after the first check");
    // A new page load: what is shown next comes from IndexedDB, not from memory.
    await page.reload();
    await page.getByTestId("file-input").setInputFiles(file);
    await page.getByTestId("trend-changes").waitFor({ timeout: 20_000 });
    assert(await page.getByTestId("trend-chart").isVisible(), "no trend chart after the second check");
    const overallRow = await page.getByTestId("trend-changes").locator("tr").first().textContent();
    assert(overallRow.includes("±0"), `overall change "${overallRow}"`);
    await page.screenshot({ path: path.join(TMP, "pane-trend.png"), fullPage: true });
    await page.getByRole("button", { name: "履歴を消去" }).click();
    await page.getByTestId("no-trend").waitFor();
    assert((await page.getByTestId("trend-changes").count()) === 0, "trend still shown after 履歴を消去");
    await page.reload();
    await page.getByTestId("file-input").setInputFiles(file);
    await page.getByTestId("records").waitFor({ timeout: 20_000 });
    assert(await page.getByTestId("no-trend").isVisible(), "the cleared history came back after a reload");
    const stored = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const r = indexedDB.open("tics-check");
          r.onsuccess = () => {
            const get = r.result.transaction("checks").objectStore("checks").get("trend-test.xlsx");
            get.onsuccess = () => resolve(Array.isArray(get.result) ? get.result.length : -1);
            get.onerror = () => reject(get.error);
          };
          r.onerror = () => reject(r.error);
        }),
    );
    assert(stored === 1, `${stored} checks stored after clearing and one more check`);
    assert(problems.length === 0, problems.join("\n"));
    await page.close();
  });

  await test("English display language shows the English pane", async () => {
    const browser2 = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), "tics-chromium-")), {
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en-US"],
      locale: "en-US",
      viewport: { width: 420, height: 900 },
    });
    await browser2.route("**/*", (route) => {
      const u = new URL(route.request().url());
      if ((u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "127.0.0.1") {
        blocked.push(u.href);
        return route.abort("blockedbyclient");
      }
      return route.continue();
    });
    try {
      const { page, problems } = await open(browser2);
      await page.getByRole("button", { name: "Choose file" }).waitFor({ timeout: 20_000 });
      await page.getByTestId("file-input").setInputFiles(SAMPLE);
      await page.getByRole("heading", { name: "Scores by field" }).waitFor({ timeout: 20_000 });
      await page.screenshot({ path: path.join(TMP, "pane-en.png"), fullPage: true });
      assert(problems.length === 0, problems.join("\n"));
    } finally {
      await browser2.close();
    }
  });

  await test("Excel mode (office.js replaced by a fake Excel): the Excel host chunk loads, problem click selects, normalise writes, sheets are made", async () => {
    const esbuild = require("esbuild");
    const fake = esbuild.buildSync({
      entryPoints: [path.join(ROOT, "test", "browser", "fake-office.ts")],
      bundle: true,
      format: "iife",
      platform: "browser",
      target: "es2020",
      write: false,
      logLevel: "error",
    }).outputFiles[0].text;
    const page = await context.newPage();
    const problems = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    await page.route("**/office-js/office.js", (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: fake }));
    const chunks = [];
    page.on("request", (r) => chunks.push(path.basename(new URL(r.url()).pathname)));
    await page.goto(base + PAGE);
    const list = page.getByTestId("problems");
    await list.waitFor({ timeout: 20_000 });
    assert(chunks.some((c) => c.startsWith("excel-host.")), `excel-host chunk not loaded: ${chunks.join(", ")}`);
    assert(!chunks.some((c) => c.startsWith("browser-host.")), "browser-host chunk loaded inside Excel");
    assert((await page.getByTestId("dropzone").count()) === 0, "drop zone shown inside Excel");
    const progress = await page.getByTestId("progress").textContent();
    assert(progress === "回答済み 10 / 12 項目", `progress "${progress}"`);
    const layout = await page.evaluate(() => window.__fake.layout);
    await list.getByRole("button").first().click();
    const sel = await page.evaluate(() => window.__fake.selection());
    assert(sel && sel.range.top === layout.itemRows[3], `selection ${JSON.stringify(sel)}`);
    // the click also opened the item's detail
    await page.getByTestId("detail").waitFor();
    await page.keyboard.press("Escape");
    await page.getByTestId("detail").waitFor({ state: "detached" });
    await page.getByRole("switch", { name: "問題セルを強調表示" }).click();
    await page.getByRole("status").filter({ hasText: "強調表示しました" }).waitFor();
    await page.getByRole("button", { name: "表記ゆれを直す…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    const rows = await dialog.getByTestId("preview").locator("tbody tr").allTextContents();
    assert(rows.length === 1 && rows[0] === `${layout.answerCells[1]}〇 (U+3007)○ (U+25CB)`, `preview rows ${JSON.stringify(rows)}`);
    await page.waitForTimeout(500); // let the dialog's fade-in finish for the screenshot
    await page.screenshot({ path: path.join(TMP, "pane-excel-preview.png") });
    await dialog.getByRole("button", { name: "適用" }).click();
    await page.getByRole("status").filter({ hasText: "1 セルの表記ゆれを直しました" }).waitFor();
    const v = await page.evaluate((a1) => window.__fake.value("チェックリスト", a1), layout.answerCells[1]);
    assert(v === "○", `cell holds ${v} after normalising`);
    await page.getByRole("button", { name: "診断結果シートを作成" }).click();
    await page.getByRole("status").filter({ hasText: "「診断結果」シートを作成しました" }).waitFor();
    await page.getByRole("button", { name: "改善計画シートを作成" }).click();
    await page.getByRole("status").filter({ hasText: "「改善計画」シートを作成しました" }).waitFor();
    const sheets = await page.evaluate(() => window.__fake.sheets());
    assert(sheets.includes("診断結果") && sheets.includes("改善計画"), `sheets ${sheets.join(", ")}`);
    await page.getByRole("button", { name: "元に戻す" }).click();
    await page.getByRole("status").filter({ hasText: "1 セルを元に戻しました" }).waitFor();
    const back = await page.evaluate((a1) => window.__fake.value("チェックリスト", a1), layout.answerCells[1]);
    assert(back === "〇", `cell holds ${back} after undo`);
    await page.screenshot({ path: path.join(TMP, "pane-excel.png"), fullPage: true });
    // Office's dark theme gives the dark Fluent theme; English display language gives the English pane.
    await page.goto(base + PAGE + "?theme=dark&lang=en-US");
    await page.getByRole("heading", { name: "Answers to check (2)" }).waitFor({ timeout: 20_000 });
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector("main")).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g).map(Number);
    assert(r + g + b < 200, `background ${bg} is not dark`);
    await page.screenshot({ path: path.join(TMP, "pane-excel-dark-en.png"), fullPage: true });
    assert(problems.length === 0, problems.join("\n"));
    await page.close();
  });

  await test("self-test page (「自己診断」, ?selftest) over the fake Excel: every member of src/excel/api-sets.ts listed, none failed, scratch sheet removed", async () => {
    const esbuild = require("esbuild");
    const fake = esbuild.buildSync({
      entryPoints: [path.join(ROOT, "test", "browser", "fake-office.ts")],
      bundle: true,
      format: "iife",
      platform: "browser",
      target: "es2020",
      write: false,
      logLevel: "error",
    }).outputFiles[0].text;
    const members = [...fs.readFileSync(path.join(ROOT, "src", "excel", "api-sets.ts"), "utf8").matchAll(/^ {2}"(\w+\.\w+)": "[\d.]+",$/gm)].map((m) => m[1]);
    assert(members.length > 80, `only ${members.length} members parsed from api-sets.ts`);
    const page = await context.newPage();
    const problems = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    await page.route("**/office-js/office.js", (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: fake }));
    await page.goto(base + PAGE + "?selftest");
    await page.getByRole("button", { name: "自己診断を実行" }).click({ timeout: 20_000 });
    const table = page.getByTestId("selftest-members");
    await table.waitFor({ timeout: 30_000 });
    const rows = await table.locator("tr").evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-member"), tr.getAttribute("data-status")]));
    const listed = rows.map((r) => r[0]).sort();
    assert(JSON.stringify(listed) === JSON.stringify([...members].sort()), `listed members differ from api-sets.ts: ${listed.filter((m) => !members.includes(m)).concat(members.filter((m) => !listed.includes(m))).join(", ")}`);
    const failed = rows.filter((r) => r[1] === "fail");
    assert(failed.length === 0, `failed: ${failed.map((r) => r[0]).join(", ")}`);
    const sheets = await page.evaluate(() => window.__fake.sheets());
    assert(!sheets.includes("TicsCheck自己診断"), `scratch sheet left: ${sheets.join(", ")}`);
    await page.screenshot({ path: path.join(TMP, "pane-selftest.png"), fullPage: true });
    assert(problems.length === 0, problems.join("\n"));
    await page.close();
  });

  // ---- Readable at a glance (issue: result first, detail, filter, no overflow, axe) ----
  const esbuild = require("esbuild");
  const gen = esbuild.buildSync({
    stdin: {
      contents: `export { synthXlsx } from "./test/cli/synth"; export { writeSimpleWorkbook } from "./src/file/xlsx-write";`,
      resolveDir: ROOT,
      loader: "ts",
    },
    bundle: true,
    format: "cjs",
    platform: "node",
    write: false,
    logLevel: "error",
  }).outputFiles[0].text;
  const genFile = path.join(TMP, "gen-workbooks.cjs");
  fs.writeFileSync(genFile, gen);
  const { synthXlsx, writeSimpleWorkbook } = require(genFile);
  const BIG = path.join(TMP, "synth-1000.xlsx");
  fs.writeFileSync(BIG, synthXlsx({ items: 1000 }));
  const NOCHECK = path.join(TMP, "no-checklist.xlsx");
  fs.writeFileSync(NOCHECK, writeSimpleWorkbook([{ name: "メモ", rows: [["これはチェックリストではありません"], ["a", "b"]] }]));
  const OWN = path.join(TMP, "own-table.xlsx");
  fs.writeFileSync(
    OWN,
    writeSimpleWorkbook([{ name: "表", rows: [["社内チェック表（テスト用）"], ["番号", "確認すること", "回答"], [1, "情報の扱いを決めている", "○"], [2, "来訪者を記録している", "×"], [3, "パスワードを管理している", "△"]] }]),
  );
  const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

  async function axe(page, label) {
    // Through the DevTools protocol: the page's CSP (script-src 'self') refuses inline script tags, rightly.
    if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.evaluate(`${AXE}\n;void 0`);
    const res = await page.evaluate(async () => {
      // The whole document, nothing excluded. (Fluent's Dialog made tabster put aria-hidden focus sentinels into
      // <body>; the pane's dialogs are native <dialog>s now, see src/taskpane/components/ModalDialog.tsx.)
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    });
    assert(res.length === 0, `axe, ${label}:\n${res.join("\n")}`);
  }

  /** Text that does not fit its box: elements whose content is wider than they are, and text past the page edge. */
  async function overflow(page) {
    return page.evaluate(() => {
      const bad = [];
      const main = document.querySelector("main");
      const limit = document.documentElement.clientWidth;
      for (const el of main.querySelectorAll("*")) {
        if (el.closest("svg") || el.getClientRects().length === 0) continue;
        const cs = getComputedStyle(el);
        if (cs.position === "absolute" && cs.clip !== "auto") continue; // visually hidden input
        const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== "");
        if (!hasText) continue;
        if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) bad.push(`${el.tagName} "${el.textContent.slice(0, 40)}" ${el.scrollWidth}>${el.clientWidth}`);
        const r = el.getBoundingClientRect();
        if (r.right > limit + 1 || r.left < -1) bad.push(`${el.tagName} "${el.textContent.slice(0, 40)}" outside the page (${Math.round(r.left)}..${Math.round(r.right)} of ${limit})`);
      }
      if (document.documentElement.scrollWidth > limit + 1) bad.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${limit}`);
      return bad;
    });
  }

  async function openAt(width, lang) {
    const ctx = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), "tics-chromium-")), {
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--lang=${lang === "en" ? "en-US" : "ja-JP"}`],
      locale: lang === "en" ? "en-US" : "ja-JP",
      viewport: { width, height: 900 },
    });
    await ctx.route("**/*", (route) => {
      const u = new URL(route.request().url());
      if ((u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "127.0.0.1") {
        blocked.push(u.href);
        return route.abort("blockedbyclient");
      }
      return route.continue();
    });
    const { page, problems } = await open(ctx);
    await page.getByTestId("dropzone").waitFor({ timeout: 20_000 });
    return { ctx, page, problems };
  }

  const bigReport = check(fs.readFileSync(BIG)).res.report;
  for (const width of [350, 1280]) {
    for (const [name, file, report] of [["28-item sample", SAMPLE, original.res.report], ["1,000-item workbook", BIG, bigReport]]) {
      for (const lang of ["ja", "en"]) {
        await test(`${width}×900, ${name}, ${lang}: score and main actions in the first screen, no text overflows`, async () => {
          const { ctx, page, problems } = await openAt(width, lang);
          try {
            assert((await overflow(page)).length === 0, `empty page: ${(await overflow(page)).join("\n")}`);
            await page.getByTestId("file-input").setInputFiles(file);
            await page.getByTestId("summary").waitFor({ timeout: 30_000 });
            const inView = async (loc, what) => {
              const b = await loc.boundingBox();
              assert(b && b.y >= 0 && b.y + b.height <= 900, `${what} not in the first screen: ${JSON.stringify(b)}`);
            };
            await inView(page.getByTestId("overall"), "overall score");
            await inView(page.getByRole("button", { name: lang === "ja" ? "表記ゆれを直す…" : "Fix look-alikes…" }), "fix look-alikes");
            await inView(page.getByRole("button", { name: lang === "ja" ? "注釈付きのコピー (.xlsx)" : "Annotated copy (.xlsx)" }), "download");
            const score = await page.getByTestId("overall").textContent();
            assert(score.includes(String(report.overall.score)), `overall "${score}" vs ${report.overall.score}`);
            const bad = await overflow(page);
            assert(bad.length === 0, bad.slice(0, 10).join("\n"));
            if (width === 350 && name.startsWith("28")) await page.screenshot({ path: path.join(TMP, `pane-350-${lang}.png`) });
            assert(problems.length === 0, problems.join("\n"));
          } finally {
            await ctx.close();
          }
        });
      }
    }
  }

  await test("1,000 items: lists page by 50; the plan reads by label; detail opens from a problem and a plan row; the filter works; axe clean (empty, loaded, dialogs, error)", async () => {
    const { ctx, page, problems } = await openAt(1280, "ja");
    try {
      await axe(page, "empty");
      await page.getByTestId("file-input").setInputFiles(BIG);
      await page.getByTestId("summary").waitFor({ timeout: 30_000 });
      const nProblems = bigReport.findings.filter((f) => ["blank", "invalid", "na_not_allowed"].includes(f.status)).length;
      assert((await page.getByTestId("problems").locator(":scope > li").count()) === Math.min(50, nProblems), "problems not paged by 50");
      assert((await page.getByTestId("plan").locator(":scope > li").count()) === Math.min(50, bigReport.plan.length), "plan not paged by 50");
      const head = await page.locator("#tc-plan-h").textContent();
      assert(head.includes(`${bigReport.plan.length}`), `plan heading "${head}" has no total`);
      const prios = await page.getByTestId("plan").locator("[data-priority]").evaluateAll((els) => els.map((e) => e.getAttribute("data-priority")));
      const order = ["high", "medium", "low"];
      assert(prios.every((p, i) => i === 0 || order.indexOf(prios[i - 1]) <= order.indexOf(p)), `plan not by label: ${prios.join(",")}`);
      assert(prios.join() === bigReport.plan.slice(0, 50).map((p) => p.priority).join(), "pane plan differs from the engine's order");
      assert((await page.getByTestId("plan-order").textContent()).startsWith("並び順"), "order line missing");
      await axe(page, "loaded");

      // detail from a problem
      const firstProblem = bigReport.findings.find((f) => ["blank", "invalid", "na_not_allowed"].includes(f.status));
      await page.getByTestId("problems").getByRole("button").first().click();
      const detail = page.getByRole("dialog");
      await detail.waitFor();
      const item = bigReport.items.find((i) => i.id === firstProblem.itemId);
      assert((await detail.getByTestId("detail-text").textContent()) === item.text, "detail does not show the full item text");
      await page.waitForTimeout(400);
      await axe(page, "detail dialog");
      assert((await page.locator("[data-tabster-dummy]").count()) === 0, "focus sentinels in the page");
      // keyboard: focus starts inside; Tab and Shift+Tab cycle through the dialog's controls and never leave it;
      // Escape closes it and focus goes back to the row that opened it
      const inDialog = () => page.evaluate(() => !!document.activeElement && !!document.activeElement.closest("dialog[open]"));
      const focusedText = () => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? "");
      assert(await inDialog(), "focus is not in the opened dialog");
      const stops = await detail.evaluate((d) => [...d.querySelectorAll("a[href], button, input, select, textarea, [tabindex]")].filter((e) => e.tabIndex >= 0 && !e.disabled).length);
      assert(stops >= 2, `only ${stops} tab stops in the detail`);
      const start = await focusedText();
      for (let i = 0; i < stops; i++) {
        await page.keyboard.press("Tab");
        assert(await inDialog(), `Tab ${i + 1} left the dialog (${await focusedText()})`);
      }
      assert((await focusedText()) === start, `${stops} Tabs did not come round to the first control`);
      for (let i = 0; i < stops; i++) {
        await page.keyboard.press("Shift+Tab");
        assert(await inDialog(), `Shift+Tab ${i + 1} left the dialog (${await focusedText()})`);
      }
      assert((await focusedText()) === start, `${stops} Shift+Tabs did not come round`);
      // the page behind is inert (modal): none of its controls can take focus
      const behind = await page.evaluate(() => {
        const b = [...document.querySelectorAll("main button")].find((x) => !x.closest("dialog"));
        b.focus();
        return document.activeElement === b;
      });
      assert(!behind, "a button behind the open dialog took focus");
      assert(await inDialog(), "focus left the dialog");
      await page.keyboard.press("Escape");
      await detail.waitFor({ state: "detached" });
      const back = await page.evaluate(() => !!document.activeElement?.closest("[data-testid=problems]"));
      assert(back, `focus did not go back to the problem row (${await focusedText()})`);
      // detail from a plan row, with hint, first step and evidence
      await page.getByTestId("plan").getByRole("button").first().click();
      await detail.waitFor();
      const planItem = bigReport.items.find((i) => i.id === bigReport.plan[0].itemId);
      assert((await detail.getByTestId("detail-text").textContent()) === planItem.text, "plan detail text");
      const dtext = await detail.textContent();
      for (const w of ["ヒント", "第一歩", "証跡の例", "参考"]) assert(dtext.includes(w), `detail lacks ${w}`);
      await detail.getByRole("button", { name: "閉じる" }).click();
      await detail.waitFor({ state: "detached" });

      // filter: priority high, then status blank
      await page.getByTestId("filter-priority").selectOption("high");
      const highs = bigReport.plan.filter((p) => p.priority === "high").length;
      const shownHigh = await page.getByTestId("plan").locator("[data-priority]").evaluateAll((els) => els.map((e) => e.getAttribute("data-priority")));
      assert(shownHigh.length === Math.min(50, highs) && shownHigh.every((p) => p === "high"), `high filter shows ${shownHigh.length} (${highs} expected)`);
      await page.getByTestId("filter-priority").selectOption("");
      await page.getByTestId("filter-status").selectOption("blank");
      const blanks = bigReport.findings.filter((f) => f.status === "blank").length;
      const rows = await page.getByTestId("problems").locator(":scope > li").allTextContents();
      assert(rows.length === Math.min(50, blanks) && rows.every((t) => t.includes("未回答")), `blank filter shows ${rows.length} rows (${blanks} expected)`);
      await page.getByTestId("filter-status").selectOption("");

      // normalise dialog
      await page.getByRole("button", { name: "表記ゆれを直す…" }).click();
      await page.getByRole("dialog").waitFor();
      await page.waitForTimeout(400);
      await axe(page, "normalise dialog");
      await page.getByRole("dialog").getByRole("button", { name: "キャンセル" }).click();
      await page.getByRole("dialog").waitFor({ state: "detached" });

      // error: a workbook without a checklist; the sheet preview offers the answer column instead of pointing to Excel
      await page.getByTestId("file-input").setInputFiles(NOCHECK);
      await page.getByTestId("error").waitFor({ timeout: 20_000 });
      await page.getByTestId("column-picker").waitFor();
      assert(!(await page.getByTestId("error").textContent()).includes("Excel"), "the error points to Excel in browser mode");
      await axe(page, "error");
      // a table detection cannot find: pick column C below row 2
      await page.getByTestId("file-input").setInputFiles(OWN);
      await page.getByTestId("column-picker").waitFor({ timeout: 20_000 });
      await page.getByTestId("pick-header").selectOption("1");
      await page.getByTestId("pick-column").selectOption("2");
      await page.getByRole("button", { name: "C 列（2 行目より下）で読み込む" }).click();
      await page.getByTestId("summary").waitFor({ timeout: 20_000 });
      assert((await page.getByTestId("progress").textContent()) === "回答済み 3 / 3 項目", "picked column not read");
      assert(problems.length === 0, problems.join("\n"));
    } finally {
      await ctx.close();
    }
  });

  await test("browser mode: language switch remembered across a reload; dark system theme followed; favicon served", async () => {
    const { ctx, page, problems } = await openAt(420, "ja");
    try {
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("button", { name: "Choose file" }).waitFor();
      await page.reload();
      await page.getByRole("button", { name: "Choose file" }).waitFor({ timeout: 20_000 });
      assert((await page.evaluate(() => document.documentElement.lang)) === "en", "lang attribute not en after reload");
      await page.emulateMedia({ colorScheme: "dark" });
      await page.waitForTimeout(200);
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector("main")).backgroundColor);
      const [r, g, b] = bg.match(/\d+/g).map(Number);
      assert(r + g + b < 200, `background ${bg} is not dark`);
      const icon = await page.evaluate(async () => {
        const href = document.querySelector('link[rel="icon"]').href;
        const res = await fetch(href);
        return res.status;
      });
      assert(icon === 200, `favicon status ${icon}`);
      assert(problems.length === 0, problems.join("\n"));
    } finally {
      await ctx.close();
    }
  });

  await test("the HTML report of 1,000 items printed by Chromium: no table wider than the A4 page, no local folder, plan by label", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-report-folder-"));
    try {
      const input = path.join(dir, "supplier.xlsx");
      fs.copyFileSync(BIG, input);
      const html = path.join(TMP, "report-1000.html");
      const { execFileSync } = await import("node:child_process");
      execFileSync(process.execPath, [path.join(ROOT, "bin", "tics-check.js"), input, "--report", html], { stdio: "ignore" });
      const page = await context.newPage();
      await page.goto("file://" + html);
      await page.emulateMedia({ media: "print" });
      // A4 portrait, 12 mm margins: 186 mm of printable width = 703 CSS px
      await page.setViewportSize({ width: 703, height: 1000 });
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll("table, svg")].filter((t) => t.getBoundingClientRect().width > 704).map((t) => `${t.tagName}.${t.getAttribute("class")} ${Math.round(t.getBoundingClientRect().width)}`),
      );
      assert(wide.length === 0, `wider than the page: ${wide.join(", ")}`);
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
      const pdfFile = path.join(TMP, "report-1000.pdf");
      fs.writeFileSync(pdfFile, pdf);
      const text = await page.evaluate(() => document.body.innerText);
      assert(!text.includes("tics-report-folder-"), "the report shows the folder");
      const { execFileSync: run } = await import("node:child_process");
      if (fs.existsSync("/usr/bin/pdftotext")) {
        const pdfText = run("/usr/bin/pdftotext", [pdfFile, "-"], { encoding: "utf8" });
        assert(!pdfText.includes("tics-report-folder-"), "the PDF shows the folder");
        const pages = pdfText.split("\f").length - 1;
        console.log(`     report: ${pages} A4 pages for ${bigReport.plan.length} plan rows`);
      }
      const labels = await page.evaluate(() => [...document.querySelectorAll("table.plan td[class^=prio-]")].map((td) => td.className));
      const order = ["prio-high", "prio-medium", "prio-low"];
      assert(labels.length === bigReport.plan.length && labels.every((l, i) => i === 0 || order.indexOf(labels[i - 1]) <= order.indexOf(l)), "report plan not by label");
      await page.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  await test("no request left 127.0.0.1", async () => {
    assert(blocked.length === 0, `blocked requests:\n${blocked.join("\n")}`);
  });

  await context.close();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log(`0 passed, 1 failed`);
  process.exit(1);
});
