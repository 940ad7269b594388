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
import { PAGE, ROOT, WEB, serveWeb } from "../../scripts/serve-web.mjs";

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
    await page.goto(base + PAGE);
    return { page, problems };
  }

  const check = engine();
  const original = check(fs.readFileSync(SAMPLE));
  assert(original.res.ok, "the engine finds no checklist in samples/tics-sample.xlsx");
  const itemCount = original.res.report.summary.items;

  await test("the built pane renders with office.js from @microsoft/office-js, no console errors", async () => {
    const { page, problems } = await open();
    await page.getByRole("heading", { level: 1, name: "TICS Check" }).waitFor({ timeout: 20_000 });
    await page.getByTestId("dropzone").waitFor();
    assert(await page.getByRole("button", { name: "ファイルを選択" }).isVisible(), "no file button");
    const officeLoaded = await page.evaluate(() => typeof window.Office !== "undefined" && typeof window.Office.onReady === "function");
    assert(officeLoaded, "office.js did not load from dist/web/office-js");
    await page.waitForTimeout(500);
    assert(problems.length === 0, problems.join("\n"));
    await page.close();
  });

  await test("taskpane.html loads office.js from Office's CDN; taskpane.local.html from dist/web/office-js", async () => {
    const cdn = fs.readFileSync(path.join(WEB, "taskpane.html"), "utf8");
    const local = fs.readFileSync(path.join(WEB, PAGE), "utf8");
    assert(/<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/.test(cdn), "CDN office.js missing in taskpane.html");
    assert(/<script src="?office-js\/office\.js/.test(local), "local office.js missing in taskpane.local.html");
    assert(!/https?:\/\//.test(local.replace(/http-equiv/g, "")), "taskpane.local.html references a remote URL");
    assert(fs.existsSync(path.join(WEB, "office-js", "office.js")), "dist/web/office-js/office.js missing");
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
    assert(got.res.ok, "no checklist in the downloaded workbook");
    assert(got.res.report.summary.items === itemCount, `${got.res.report.summary.items} items, expected ${itemCount}`);
    assert(got.res.report.summary.normalized === 0, `${got.res.report.summary.normalized} look-alikes left after normalising`);
    const s0 = original.res.report.summary;
    assert(got.res.report.summary.answered === s0.answered, "answered count changed");
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
