import { Session, toHostError } from "../../src/app/session";
import { fakeHost, NO_CHECKLIST, sampleReport } from "../taskpane/fake";

describe("Session", () => {
  test("check stores the report and notifies subscribers", async () => {
    const host = fakeHost();
    const session = new Session(host);
    let seen = 0;
    session.subscribe(() => seen++);
    await session.check();
    const st = session.getState();
    expect(st.report?.summary.items).toBe(6);
    expect(st.error).toBeNull();
    expect(st.busy).toBeNull();
    expect(st.notice).toEqual({ kind: "checked" });
    expect(seen).toBeGreaterThanOrEqual(2);
  });

  test("a failed check keeps the error and drops the report", async () => {
    const host = fakeHost();
    const session = new Session(host);
    await session.check();
    host.next.check = { ok: false, error: NO_CHECKLIST };
    await session.check();
    expect(session.getState().report).toBeNull();
    expect(session.getState().error).toEqual(NO_CHECKLIST);
  });

  test("preview lists every look-alike with sheet, cell, from and to", async () => {
    const session = new Session(fakeHost());
    expect(session.preview()).toEqual([]);
    await session.check();
    expect(session.preview()).toEqual([{ itemId: "I-2", cell: "E13", sheet: "チェックリスト", from: "〇", to: "○" }]);
  });

  test("apply sends exactly the previewed changes, pushes undo; undo sends them back and pops", async () => {
    const host = fakeHost();
    const session = new Session(host);
    await session.check();
    const changes = session.preview();
    await session.applyNormalise(changes);
    expect(host.calls.find((c) => c[0] === "applyNormalise")).toEqual(["applyNormalise", changes]);
    expect(session.getState().undoStack).toEqual([{ kind: "normalise", changes }]);
    expect(session.getState().report?.summary.normalized).toBe(0);
    expect(session.getState().notice).toEqual({ kind: "normalised", count: 1 });
    await session.undo();
    expect(host.calls.find((c) => c[0] === "undoNormalise")).toEqual(["undoNormalise", changes]);
    expect(session.getState().undoStack).toEqual([]);
    expect(session.getState().report?.summary.normalized).toBe(1);
    // Nothing left to undo: no further host call.
    await session.undo();
    expect(host.calls.filter((c) => c[0] === "undoNormalise")).toHaveLength(1);
  });

  test("applying an empty list does not call the host", async () => {
    const host = fakeHost();
    const session = new Session(host);
    await session.check();
    await session.applyNormalise([]);
    expect(host.calls.some((c) => c[0] === "applyNormalise")).toBe(false);
  });

  test("changed_meanwhile keeps the last report, shows the error and does not push undo", async () => {
    const host = fakeHost();
    const session = new Session(host);
    await session.check();
    const err = { code: "changed_meanwhile" as const, message: { ja: "変更されました", en: "Changed" } };
    host.next.apply = { ok: false, error: err };
    await session.applyNormalise(session.preview());
    expect(session.getState().error).toEqual(err);
    expect(session.getState().report?.summary.items).toBe(6);
    expect(session.getState().undoStack).toEqual([]);
  });

  test("sheet writers, highlight, dropdowns and select call the host with the report's sheet", async () => {
    const host = fakeHost();
    const session = new Session(host);
    await session.check();
    await session.writeResults();
    await session.writePlan();
    await session.setHighlight(true);
    await session.addDropdowns();
    await session.selectCell("E14");
    expect(host.calls.slice(1)).toEqual([
      ["writeResults", "チェックリスト"],
      ["writePlan", "チェックリスト"],
      ["setHighlight", true],
      ["addDropdowns"],
      ["selectCell", "チェックリスト", "E14"],
    ]);
    expect(session.getState().highlight).toBe(true);
    expect(session.getState().notice).toEqual({ kind: "dropdowns", count: 3 });
  });

  test("added dropdowns are undoable: undo asks the host to remove them, then normalisations below come next", async () => {
    const host = fakeHost();
    const session = new Session(host);
    await session.check();
    const changes = session.preview();
    await session.applyNormalise(changes);
    await session.addDropdowns();
    expect(session.getState().undoStack).toEqual([{ kind: "normalise", changes }, { kind: "dropdowns", count: 3 }]);
    await session.undo();
    expect(host.calls.filter((c) => c[0] === "removeAddedDropdowns")).toHaveLength(1);
    expect(host.calls.some((c) => c[0] === "undoNormalise")).toBe(false);
    expect(session.getState().notice).toEqual({ kind: "dropdowns_removed", count: 3 });
    expect(session.getState().undoStack).toEqual([{ kind: "normalise", changes }]);
    await session.undo();
    expect(host.calls.find((c) => c[0] === "undoNormalise")).toEqual(["undoNormalise", changes]);
    expect(session.getState().undoStack).toEqual([]);
  });

  test("dropdowns on a host that cannot remove them, or none added: nothing to undo", async () => {
    const host = fakeHost();
    const session = new Session(host);
    await session.check();
    host.addDropdowns = async () => 0;
    await session.addDropdowns();
    expect(session.getState().undoStack).toEqual([]);
    host.addDropdowns = async () => 2;
    delete host.removeAddedDropdowns;
    await session.addDropdowns();
    expect(session.getState().undoStack).toEqual([]);
  });

  test("the highlight switch follows the workbook after a check (a highlight left on by an earlier session)", async () => {
    const host = fakeHost();
    host.workbookHighlight = true;
    const session = new Session(host);
    expect(session.getState().highlight).toBe(false);
    await session.check();
    expect(session.getState().highlight).toBe(true);
    host.workbookHighlight = false;
    await session.check();
    expect(session.getState().highlight).toBe(false);
  });

  test("a thrown host error becomes the state's error; a plain Error becomes code unknown", async () => {
    const host = fakeHost();
    const session = new Session(host);
    await session.check();
    host.next.fail = { code: "protected", message: { ja: "シートが保護されています", en: "The sheet is protected" } };
    await session.writeResults();
    expect(session.getState().error).toEqual(host.next.fail);
    expect(session.getState().busy).toBeNull();
    expect(toHostError(new Error("boom"))).toEqual({
      code: "unknown",
      message: { ja: "予期しないエラーが発生しました: boom", en: "An unexpected error occurred: boom" },
    });
    expect(toHostError({ code: "no_items", message: { ja: "a", en: "b" } }).code).toBe("no_checklist");
  });

  test("live changes replace the report; startLive subscribes once; dispose unsubscribes", async () => {
    const host = fakeHost();
    const session = new Session(host);
    session.startLive();
    session.startLive();
    expect(host.calls.filter((c) => c[0] === "onLiveChange")).toHaveLength(1);
    const r = sampleReport();
    r.summary.answered = 5;
    host.emit({ ok: true, report: r });
    expect(session.getState().report?.summary.answered).toBe(5);
    session.dispose();
    const r2 = sampleReport();
    r2.summary.answered = 1;
    host.emit({ ok: true, report: r2 });
    expect(session.getState().report?.summary.answered).toBe(5);
  });

  test("a host without live updates is not subscribed", () => {
    const host = fakeHost("browser");
    new Session(host).startLive();
    expect(host.calls).toEqual([]);
  });

  test("loadFile passes bytes and name, resets undo, and download passes kind and fix", async () => {
    const host = fakeHost("browser");
    const session = new Session(host);
    await session.loadFile(new Uint8Array([1, 2, 3]), "a.xlsx");
    expect(host.calls[0]).toEqual(["loadFile", [1, 2, 3], "a.xlsx"]);
    expect(session.getState().fileName).toBe("a.xlsx");
    expect(session.getState().report).not.toBeNull();
    await session.download("xlsx", true);
    expect(host.calls[1]).toEqual(["download", "xlsx", true]);
    expect(session.getState().notice).toEqual({ kind: "downloaded", what: "xlsx" });
  });
});
