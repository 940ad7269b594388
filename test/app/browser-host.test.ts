import fs from "fs";
import path from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { createBrowserHost, baseName } from "../../src/app/browser-host";
import type { NormaliseChange } from "../../src/app/host";
import { normaliseChanges } from "../../src/core/normalise";
import { analyse } from "../../src/core/analyse";
import type { Report } from "../../src/core/model";
import { readWorkbook } from "../../src/file/xlsx-read";
import { writeSimpleWorkbook } from "../../src/file/xlsx-write";

const SAMPLE = new Uint8Array(fs.readFileSync(path.join(__dirname, "..", "..", "samples", "tics-sample.xlsx")));

function saver() {
  const saved: { name: string; blob: Blob }[] = [];
  return { saved, save: (blob: Blob, name: string) => saved.push({ name, blob }) };
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

function changesOf(report: Report): NormaliseChange[] {
  return normaliseChanges(report).map((c) => ({ ...c, sheet: report.sheet }));
}

describe("browser host", () => {
  const expected = analyse(readWorkbook(SAMPLE));
  if (!expected.ok) throw new Error("sample has no checklist");

  test("capabilities: downloads only", () => {
    const h = createBrowserHost("ja");
    expect(h.kind).toBe("browser");
    expect(h.capabilities).toEqual({
      selectCell: false,
      highlight: false,
      dropdowns: false,
      manualLocation: false,
      writeSheets: false,
      download: true,
      live: false,
    });
  });

  test("loadFile judges the workbook like the engine; check before any file is an error", async () => {
    const h = createBrowserHost("ja");
    const none = await h.check();
    expect(none.ok).toBe(false);
    const out = await h.loadFile(SAMPLE, "tics-sample.xlsx");
    if (!out.ok) throw new Error(out.error.message.ja);
    expect(out.report.summary).toEqual(expected.report.summary);
    expect(out.report.file).toBe("tics-sample.xlsx");
    expect(out.report.summary.normalized).toBeGreaterThan(0);
  });

  test("an unreadable file gives a Japanese-first error and no report", async () => {
    const h = createBrowserHost("ja");
    const out = await h.loadFile(new TextEncoder().encode("not a zip"), "bad.xlsx");
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.code).toBe("unreadable");
    expect(out.error.message.ja.length).toBeGreaterThan(0);
    expect(out.error.message.en.length).toBeGreaterThan(0);
  });

  test("normalise rewrites the in-memory answers; undo restores them", async () => {
    const h = createBrowserHost("ja");
    const first = await h.loadFile(SAMPLE, "s.xlsx");
    if (!first.ok) throw new Error("load failed");
    const changes = changesOf(first.report);
    const after = await h.applyNormalise(changes);
    if (!after.ok) throw new Error(after.error.message.en);
    expect(after.report.summary.normalized).toBe(0);
    expect(after.report.summary.answered).toBe(first.report.summary.answered);
    for (const c of changes) expect(after.report.items.find((i) => i.id === c.itemId)?.raw).toBe(c.to);
    const back = await h.undoNormalise(changes);
    if (!back.ok) throw new Error(back.error.message.en);
    expect(back.report.summary).toEqual(first.report.summary);
    for (const c of changes) expect(back.report.items.find((i) => i.id === c.itemId)?.raw).toBe(c.from);
  });

  test("a change whose cell no longer holds `from` writes nothing (changed_meanwhile)", async () => {
    const h = createBrowserHost("ja");
    const first = await h.loadFile(SAMPLE, "s.xlsx");
    if (!first.ok) throw new Error("load failed");
    const changes = changesOf(first.report);
    const stale = [...changes.slice(1), { ...changes[0], from: "something else" }];
    const out = await h.applyNormalise(stale);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.code).toBe("changed_meanwhile");
    const again = await h.check();
    if (!again.ok) throw new Error("check failed");
    expect(again.report.summary.normalized).toBe(first.report.summary.normalized);
  });

  test("downloads: json is the report, html is a document, nothing but the save callback is used", async () => {
    const { saved, save } = saver();
    const h = createBrowserHost("en", save);
    await h.loadFile(SAMPLE, "My File.xlsx");
    await h.download("json", { fix: false });
    await h.download("html", { fix: false });
    expect(saved.map((s) => s.name)).toEqual(["My File-tics.json", "My File-tics-report.html"]);
    const json = JSON.parse(await saved[0].blob.text()) as Report;
    expect(json.summary).toEqual(expected.report.summary);
    expect(saved[1].blob.type).toContain("text/html");
    expect(await saved[1].blob.text()).toMatch(/<html/i);
  });

  test("a macro-enabled workbook downloads as .xlsm with its content type kept", async () => {
    const z = unzipSync(SAMPLE);
    z["[Content_Types].xml"] = strToU8(
      strFromU8(z["[Content_Types].xml"]).replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
      ),
    );
    const { saved, save } = saver();
    const h = createBrowserHost("ja", save);
    expect((await h.loadFile(zipSync(z), "Macro Book.xlsm")).ok).toBe(true);
    await h.download("xlsx", { fix: false });
    expect(saved.map((s) => s.name)).toEqual(["Macro Book-tics.xlsm"]);
    expect(saved[0].blob.type).toBe("application/vnd.ms-excel.sheet.macroenabled.12"); // Blob lower-cases the type
    const ct = strFromU8(unzipSync(await bytesOf(saved[0].blob))["[Content_Types].xml"]);
    expect(ct).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  });

  test("the annotated workbook has both sheets; look-alikes change only when normalised or fixed", async () => {
    const { saved, save } = saver();
    const h = createBrowserHost("ja", save);
    await h.loadFile(SAMPLE, "s.xlsx");
    await h.download("xlsx", { fix: false });
    await h.download("xlsx", { fix: true });
    const first = await h.check();
    if (!first.ok) throw new Error("check failed");
    await h.applyNormalise(changesOf(first.report));
    await h.download("xlsx", { fix: false });
    const judged = await Promise.all(
      saved.map(async (s) => {
        const wb = readWorkbook(await bytesOf(s.blob));
        const res = analyse(wb);
        if (!res.ok) throw new Error("no checklist in download");
        return { sheets: wb.sheets.map((x) => x.name), summary: res.report.summary };
      }),
    );
    expect(saved.map((s) => s.name)).toEqual(["s-tics.xlsx", "s-tics.xlsx", "s-tics.xlsx"]);
    for (const j of judged) {
      expect(j.sheets).toEqual(expect.arrayContaining(["診断結果", "改善計画"]));
      expect(j.summary.items).toBe(expected.report.summary.items);
    }
    expect(judged.map((j) => j.summary.normalized)).toEqual([expected.report.summary.normalized, 0, 0]);
  });

  test("normalising some look-alikes rewrites exactly those in the download", async () => {
    const { saved, save } = saver();
    const h = createBrowserHost("ja", save);
    const first = await h.loadFile(SAMPLE, "s.xlsx");
    if (!first.ok) throw new Error("load failed");
    const changes = changesOf(first.report);
    expect(changes.length).toBeGreaterThan(1);
    await h.applyNormalise([changes[0]]);
    await h.download("xlsx", { fix: false });
    const res = analyse(readWorkbook(await bytesOf(saved[0].blob)));
    if (!res.ok) throw new Error("no checklist");
    expect(res.report.summary.normalized).toBe(changes.length - 1);
    expect(res.report.items.find((i) => i.id === changes[0].itemId)?.raw).toBe(changes[0].to);
    expect(res.report.items.find((i) => i.id === changes[1].itemId)?.raw).toBe(changes[1].from);
  });

  test("Excel-only actions are refused with api_unsupported", async () => {
    const h = createBrowserHost("ja");
    await h.loadFile(SAMPLE, "s.xlsx");
    await expect(h.writeResults(expected.report)).rejects.toMatchObject({ code: "api_unsupported" });
    await expect(h.selectCell("x", "A1")).rejects.toMatchObject({ code: "api_unsupported" });
  });

  test("baseName drops .xlsx (and .xlsm, .xltx, .xltm)", () => {
    expect(baseName("a.XLSX")).toBe("a");
    expect(baseName("b.xlsm")).toBe("b");
    expect(baseName("c.xltm")).toBe("c");
    expect(baseName(".xlsx")).toBe("workbook");
  });
});

describe("browser host: an annotated copy that cannot be made", () => {
  test("reaches the pane as a HostError with the annotator's bilingual message", async () => {
    const { strFromU8, strToU8, unzipSync, zipSync } = await import("fflate");
    const files = unzipSync(SAMPLE);
    for (const n of Object.keys(files)) {
      if (/\.(xml|rels)$/.test(n)) {
        files[n] = strToU8(strFromU8(files[n]).replace(/http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main/g, "http://purl.oclc.org/ooxml/spreadsheetml/main"));
      }
    }
    const { saved, save } = saver();
    const h = createBrowserHost("ja", save);
    const { Session } = await import("../../src/app/session");
    const session = new Session(h);
    await session.loadFile(zipSync(files), "strict.xlsx");
    expect(session.getState().report?.summary.items).toBeGreaterThan(0);
    await session.download("xlsx", false);
    const err = session.getState().error;
    expect(err?.code).toBe("unreadable");
    expect(err?.message.ja).toMatch(/^このブックは「Strict Open XML/);
    expect(err?.message.en).toMatch(/^This workbook is in the "Strict Open XML/);
    expect(saved).toEqual([]);
  });
});

describe("browser host: answer column picked by hand", () => {
  // No 「内容」 header, so detection fails; the rows below 「回答」 still hold number, text and answer.
  const rows = [
    ["社内チェック表（テスト用）"],
    ["番号", "確認すること", "回答"],
    [1, "情報の扱いを決めている（テスト）", "○"],
    [2, "来訪者を記録している（テスト）", "×"],
    [3, "パスワードを管理している（テスト）", "△"],
  ];
  const bytes = writeSimpleWorkbook([{ name: "表", rows }]);

  test("detection fails with a message that points to the preview (not to Excel); the preview shows the sheet; the picked column reads the items", async () => {
    const host = createBrowserHost("ja");
    const first = await host.loadFile(bytes, "own.xlsx");
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.error.code).toBe("no_checklist");
    expect(first.error.message.ja).toContain("下のプレビュー");
    expect(first.error.message.ja).not.toContain("Excel アドイン");
    expect(first.error.message.en).not.toContain("Excel add-in");
    const preview = host.sheetPreview?.();
    expect(preview?.map((p) => p.name)).toEqual(["表"]);
    expect(preview?.[0].rows[1]).toEqual(["番号", "確認すること", "回答", ...Array(9).fill(null)]);
    const picked = await host.useAnswerColumn!("表", 1, 2);
    expect(picked.ok).toBe(true);
    if (!picked.ok) return;
    expect(picked.report.items.map((i) => [i.number, i.answer])).toEqual([["1", "○"], ["2", "×"], ["3", "△"]]);
    expect(picked.report.location.source).toBe("manual");
    expect(host.sheetPreview?.()).toBeNull();
  });
});
