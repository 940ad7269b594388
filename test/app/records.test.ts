/**
 * The application layer's evidence and history API: Session.saveEvidence / writeEvidence / clearHistory over the
 * browser host (remembered checks per file name, evidence merged into the downloaded copy).
 */
import fs from "fs";
import path from "path";
import { memoryStore, REMEMBERED_PER_FILE } from "../../src/app/browser-history";
import { createBrowserHost } from "../../src/app/browser-host";
import { Session } from "../../src/app/session";
import { EVIDENCE_SHEET } from "../../src/core/evidence";
import { historyRowOf, previousOf } from "../../src/core/history";
import { readWorkbook } from "../../src/file/xlsx-read";

const SAMPLE = new Uint8Array(fs.readFileSync(path.join(__dirname, "..", "..", "samples", "tics-sample.xlsx")));

function browserSession(store = memoryStore()) {
  const saved: { name: string; blob: Blob }[] = [];
  let t = 0;
  const host = createBrowserHost("ja", (blob, name) => saved.push({ name, blob }), store, () => new Date(2026, 0, 1 + t++, 9, 0));
  return { session: new Session(host), saved, store };
}

describe("browser mode remembers checks per file name", () => {
  test("two checks of the same file: a trend; 履歴を消去 forgets it", async () => {
    const { session, store } = browserSession();
    await session.loadFile(SAMPLE, "a.xlsx");
    expect(session.getState().report?.history).toHaveLength(1);
    expect(previousOf(session.getState().report!.history!, session.getState().report!)).toBeNull();
    await session.loadFile(SAMPLE, "a.xlsx");
    const r = session.getState().report!;
    expect(r.history?.map((h) => h.date)).toEqual(["2026-01-01 09:00", "2026-01-02 09:00"]);
    expect(previousOf(r.history!, r)?.date).toBe("2026-01-01 09:00");
    // another file name has its own history
    await session.loadFile(SAMPLE, "b.xlsx");
    expect(session.getState().report?.history).toHaveLength(1);
    await session.loadFile(SAMPLE, "a.xlsx");
    expect(session.getState().report?.history).toHaveLength(3);
    await session.clearHistory();
    expect(session.getState().report?.history).toEqual([]);
    expect(await store.list("a.xlsx")).toEqual([]);
    expect(await store.list("b.xlsx")).toHaveLength(1);
  });

  test("the store keeps the last checks only", async () => {
    const store = memoryStore();
    const { session } = browserSession(store);
    await session.loadFile(SAMPLE, "a.xlsx");
    const row = historyRowOf(session.getState().report!, new Date());
    for (let i = 0; i < REMEMBERED_PER_FILE + 5; i++) await store.add("a.xlsx", row);
    expect(await store.list("a.xlsx")).toHaveLength(REMEMBERED_PER_FILE);
  });
});

describe("Session.saveEvidence", () => {
  test("saves an item's evidence and reason; coverage and 「-」 warnings follow; the download holds them", async () => {
    const { session, saved } = browserSession();
    await session.loadFile(SAMPLE, "s.xlsx");
    const before = session.getState().report!;
    const circle = before.items.find((i) => i.answer === "○")!;
    expect(await session.saveEvidence(circle.id, { evidence: "規程集 第2版（総務部キャビネット）", checker: "山田" })).toBe(true);
    const after = session.getState().report!;
    expect(after.evidence?.entries[circle.id]).toMatchObject({ evidence: "規程集 第2版（総務部キャビネット）", checker: "山田" });
    expect(after.evidence!.overall.withEvidence).toBe(before.evidence!.overall.withEvidence + 1);
    expect(after.history).toEqual(before.history);
    // only the given keys change
    await session.saveEvidence(circle.id, { memo: "年1回見直し" });
    expect(session.getState().report!.evidence?.entries[circle.id]).toMatchObject({ evidence: "規程集 第2版（総務部キャビネット）", memo: "年1回見直し" });
    await session.download("xlsx", false);
    const wb = readWorkbook(new Uint8Array(await saved[0].blob.arrayBuffer()));
    const sheet = wb.sheets.find((s) => s.name === EVIDENCE_SHEET)!;
    const row = sheet.values.find((r) => r[0] === circle.id)!;
    expect(row.slice(5, 10)).toEqual(["規程集 第2版（総務部キャビネット）", null, "山田", null, "年1回見直し"]);
    expect(wb.sheets.some((s) => s.name === "履歴")).toBe(true);
  });

  test("without a report or a host that cannot save: false, nothing happens", async () => {
    const { session } = browserSession();
    expect(await session.saveEvidence("I-1", { reason: "x" })).toBe(false);
  });
});
