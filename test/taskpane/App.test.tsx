/** @jest-environment jsdom */
import "./setup-dom";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { Session } from "../../src/app/session";
import { App } from "../../src/taskpane/App";
import { fakeHost, NO_CHECKLIST } from "./fake";
import { renderPane } from "./render-pane";

// Role queries over Fluent's DOM are slow in jsdom on a small machine; this is not a speed test.
jest.setTimeout(30_000);


describe("task pane (Excel host)", () => {
  test("renders status, progress, problems, scores and plan from the report", async () => {
    await renderPane(fakeHost());
    expect(screen.getByRole("heading", { level: 1, name: "TICS Check" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("チェックが完了しました");
    expect(screen.getByText(/シート「チェックリスト」の B11:E17 にチェックリストを検出しました（6 項目）/)).toBeTruthy();
    expect(screen.getByTestId("progress").textContent).toBe("回答済み 4 / 6 項目");
    expect(screen.getByRole("progressbar")).toBeTruthy();
    const problems = within(screen.getByTestId("problems")).getAllByRole("listitem");
    // Blank, invalid and 「-」-not-allowed; the look-alike is not a problem entry.
    expect(problems.map((li) => li.textContent?.slice(0, 3))).toEqual(["E14", "E15", "E16"]);
    expect(problems[0].textContent).toContain("未回答");
    expect(problems[1].textContent).toContain("無効");
    expect(problems[1].textContent).toContain("「はい」");
    expect(problems[1].textContent).toContain("○ / △ / × のいずれか");
    expect(problems[2].textContent).toContain("「-」不可");
    expect(screen.getByText(/表記ゆれ 1 件/)).toBeTruthy();
    const table = screen.getByTestId("scores");
    const rows = within(table).getAllByRole("row").map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(rows).toEqual([
      ["分野", "達成度", "項目数"],
      ["ルール作り", "100", "2"],
      ["人的対策", "-", "2"],
      ["サイバー対策", "0", "2"],
    ]);
    const radar = screen.getByRole("img");
    expect(radar.querySelector("title")?.textContent).toBe("分野別スコアのレーダーチャート");
    expect(radar.querySelector("desc")?.textContent).toContain("ルール作り 100, 人的対策 -, サイバー対策 0");
    expect(screen.getByTestId("overall").textContent).toBe("総合 66.7準備度 50");
    expect(screen.getByTestId("readiness-note").textContent).toContain("準備度は未回答・無効も「×」として数えた値");
    expect(screen.getByTestId("plan-order").textContent).toContain("並び順: 優先度（高→中→低）");
    const plan = within(screen.getByTestId("plan")).getAllByRole("listitem");
    expect(plan).toHaveLength(1);
    expect(plan[0].textContent).toContain("第一歩: 担当者を決める");
    expect(plan[0].textContent).toContain("優先度 高");
  });

  test("clicking a problem selects its cell on the checklist sheet", async () => {
    const host = fakeHost();
    await renderPane(host);
    const buttons = within(screen.getByTestId("problems")).getAllByRole("button");
    await act(async () => {
      fireEvent.click(buttons[1]);
    });
    expect(host.calls).toContainEqual(["selectCell", "チェックリスト", "E15"]);
  });

  test("normalise shows a preview of every change, then applies exactly those; undo restores", async () => {
    const host = fakeHost();
    await renderPane(host);
    fireEvent.click(screen.getByRole("button", { name: "表記ゆれを直す…" }));
    const dialog = await screen.findByRole("dialog", { hidden: true });
    expect(host.calls.some((c) => c[0] === "applyNormalise")).toBe(false);
    // In jsdom, Fluent's focus manager (tabster) can leave aria-hidden on the open surface because jsdom's focus
    // handling differs from a browser; dialog contents are queried with hidden: true here. The Playwright test
    // (test/browser/run.mjs) checks the same dialog through the real accessibility tree.
    const rows = (await within(within(dialog).getByTestId("preview")).findAllByRole("row", { hidden: true }))
      .map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(rows).toEqual([
      ["セル", "現在の値", "変更後"],
      ["E13", "〇 (U+3007)", "○ (U+25CB)"],
    ]);
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "適用", hidden: true }));
    });
    expect(host.calls.filter((c) => c[0] === "applyNormalise")).toEqual([
      ["applyNormalise", [{ itemId: "I-2", cell: "E13", sheet: "チェックリスト", from: "〇", to: "○" }]],
    ]);
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("1 セルの表記ゆれを直しました"));
    const undo = screen.getByRole("button", { name: "元に戻す" }) as HTMLButtonElement;
    expect(undo.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(undo);
    });
    expect(host.calls.filter((c) => c[0] === "undoNormalise")).toEqual([
      ["undoNormalise", [{ itemId: "I-2", cell: "E13", sheet: "チェックリスト", from: "〇", to: "○" }]],
    ]);
    await waitFor(() => expect((screen.getByRole("button", { name: "元に戻す" }) as HTMLButtonElement).disabled).toBe(true));
  });

  test("cancelling the preview writes nothing", async () => {
    const host = fakeHost();
    await renderPane(host);
    fireEvent.click(screen.getByRole("button", { name: "表記ゆれを直す…" }));
    const dialog = await screen.findByRole("dialog", { hidden: true });
    const cancel = await within(dialog).findByRole("button", { name: "キャンセル", hidden: true });
    await act(async () => {
      fireEvent.click(cancel);
    });
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    expect(host.calls.some((c) => c[0] === "applyNormalise")).toBe(false);
  });

  test("added dropdowns can be undone with 元に戻す; the status says what happened", async () => {
    const host = fakeHost();
    await renderPane(host);
    const undo = (): HTMLButtonElement => screen.getByRole("button", { name: "元に戻す" }) as HTMLButtonElement;
    expect(undo().disabled || undo().getAttribute("aria-disabled") === "true").toBe(true);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "回答セルにドロップダウンを追加" }));
    });
    expect(await screen.findByText("3 セルにドロップダウンを追加しました。「元に戻す」で取り消せます。")).toBeTruthy();
    await waitFor(() => expect(undo().disabled).toBe(false));
    await act(async () => {
      fireEvent.click(undo());
    });
    expect(host.calls.filter((c) => c[0] === "removeAddedDropdowns")).toHaveLength(1);
    expect(await screen.findByText("追加したドロップダウンを 3 セルから取り除きました。")).toBeTruthy();
    await waitFor(() => expect(undo().disabled).toBe(true));
  });

  test("results and plan buttons call the host; highlight toggles", async () => {
    const host = fakeHost();
    await renderPane(host);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "診断結果シートを作成" }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "改善計画シートを作成" }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("switch", { name: "問題セルを強調表示" }));
    });
    expect(host.calls.filter((c) => ["writeResults", "writePlan", "setHighlight"].includes(c[0]))).toEqual([
      ["writeResults", "チェックリスト"],
      ["writePlan", "チェックリスト"],
      ["setHighlight", true],
    ]);
    expect(screen.getByRole("status").textContent).toContain("問題セルを強調表示しました");
  });

  test("a host error is shown in an alert, Japanese first", async () => {
    const host = fakeHost();
    host.next.fail = { code: "protected", message: { ja: "シートが保護されているため書き込めません", en: "The sheet is protected" } };
    await renderPane(host);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "診断結果シートを作成" }));
    });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("シートが保護されているため書き込めません");
    expect(alert.textContent).not.toContain("The sheet is protected");
    expect(screen.getByRole("status").textContent).toContain("問題が発生しました");
  });

  test("detection failure shows the message and offers the manual selection", async () => {
    const host = fakeHost();
    host.next.check = { ok: false, error: NO_CHECKLIST };
    await renderPane(host).catch(() => undefined);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("チェックリストが見つかりません（テスト）");
    expect(screen.queryByTestId("problems")).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "範囲を指定（選択中のセルを回答欄にする）" }));
    });
    expect(host.calls).toContainEqual(["useSelectionAsAnswerCells"]);
    expect(await screen.findByTestId("problems")).toBeTruthy();
  });

  test("English when the language is en", async () => {
    const host = fakeHost("excel", "en");
    host.next.fail = { code: "protected", message: { ja: "保護されています", en: "The sheet is protected" } };
    await renderPane(host);
    expect(screen.getByTestId("progress").textContent).toBe("4 of 6 items answered");
    expect(screen.getByRole("heading", { name: "Scores by field" })).toBeTruthy();
    const rows = within(screen.getByTestId("scores")).getAllByRole("row").map((r) => r.children[0].textContent);
    expect(rows).toEqual(["Field", "Rules", "People", "Cyber"]);
    expect(within(screen.getByTestId("problems")).getAllByRole("listitem")[0].textContent).toContain("Unanswered");
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Write results sheet" }));
    });
    expect((await screen.findByRole("alert")).textContent).toContain("The sheet is protected");
  });

  test("a long problem list shows 50 at a time with a button for more", async () => {
    const host = fakeHost();
    const { sampleReport } = await import("./fake");
    const r = sampleReport();
    const blank = r.findings[1];
    const item = r.items.find((i) => i.id === blank.itemId);
    if (!item) throw new Error("no item for the blank finding");
    r.items = [...r.items, ...Array.from({ length: 120 }, (_, i) => ({ ...item, id: `X-${i}`, cell: `E${100 + i}` }))];
    r.findings = Array.from({ length: 120 }, (_, i) => ({ ...blank, itemId: `X-${i}`, cell: `E${100 + i}` }));
    host.next.check = { ok: true, report: r };
    const session = new Session(host);
    render(
      <FluentProvider theme={webLightTheme}>
        <App session={session} lang="ja" />
      </FluentProvider>,
    );
    await waitFor(() => expect(screen.queryByTestId("problems")).not.toBeNull());
    // Plain DOM queries: role queries over hundreds of Fluent buttons are very slow in jsdom.
    const count = (): number => screen.getByTestId("problems").querySelectorAll(":scope > li").length;
    expect(count()).toBe(50);
    const more = (): HTMLButtonElement | null => screen.queryByText(/^さらに \d+ 件表示/)?.closest("button") ?? null;
    expect(more()?.textContent).toBe("さらに 50 件表示（50 / 120 件を表示中）");
    await act(async () => {
      fireEvent.click(more() as HTMLButtonElement);
    });
    expect(count()).toBe(100);
    expect(more()?.textContent).toBe("さらに 20 件表示（100 / 120 件を表示中）");
    await act(async () => {
      fireEvent.click(more() as HTMLButtonElement);
    });
    expect(count()).toBe(120);
    expect(more()).toBeNull();
  });

  test("live changes update the pane", async () => {
    const host = fakeHost();
    await renderPane(host);
    const { sampleReport } = await import("./fake");
    const r = sampleReport();
    r.summary.answered = 5;
    await act(async () => host.emit({ ok: true, report: r }));
    expect(screen.getByTestId("progress").textContent).toBe("回答済み 5 / 6 項目");
  });
});

describe("task pane (browser mode)", () => {
  test("choosing a file calls loadFile with its bytes, then shows the report; a problem opens its detail without selecting anything", async () => {
    const host = fakeHost("browser");
    await renderPane(host);
    expect(host.calls).toEqual([]);
    expect(screen.getByTestId("dropzone")).toBeTruthy();
    const input = screen.getByTestId("file-input") as HTMLInputElement;
    const file = new File([new Uint8Array([80, 75, 3, 4])], "check.xlsx", {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    await waitFor(() => expect(host.calls[0]).toEqual(["loadFile", [80, 75, 3, 4], "check.xlsx"]));
    const problems = await screen.findByTestId("problems");
    await act(async () => {
      fireEvent.click(problems.querySelectorAll("button")[0]);
    });
    const detail = await screen.findByTestId("detail");
    expect(detail.textContent).toContain("未回答");
    expect(host.calls.some((c) => c[0] === "selectCell")).toBe(false);
    await act(async () => {
      fireEvent.click(within(detail).getByRole("button", { name: "閉じる", hidden: true }));
    });
    await waitFor(() => expect(screen.queryByTestId("detail")).toBeNull());
    expect(screen.getByText("ファイル: check.xlsx")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "診断結果シートを作成" })).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole("checkbox", { name: "コピーでは表記ゆれを直す" }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "注釈付きのコピー (.xlsx)" }));
    });
    expect(host.calls[1]).toEqual(["download", "xlsx", true]);
  });

  test("dropping a file on the drop zone loads it", async () => {
    const host = fakeHost("browser");
    await renderPane(host);
    const file = new File([new Uint8Array([1, 2])], "drop.xlsx");
    await act(async () => {
      fireEvent.drop(screen.getByTestId("dropzone"), { dataTransfer: { files: [file] } });
    });
    await waitFor(() => expect(host.calls[0]).toEqual(["loadFile", [1, 2], "drop.xlsx"]));
  });

  test("a file that is not .xlsx is refused with a message and not loaded", async () => {
    const host = fakeHost("browser");
    await renderPane(host);
    const input = screen.getByTestId("file-input") as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File(["a,b"], "list.csv")] } });
    });
    expect((await screen.findByRole("alert")).textContent).toContain("「list.csv」は .xlsx ファイルではありません");
    expect(host.calls).toEqual([]);
  });
});
