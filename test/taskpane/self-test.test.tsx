/** @jest-environment jsdom */
/** The hidden 「自己診断」 page over the fake Excel: runs every probe and lists every member of API_MEMBERS. */
import "./setup-dom";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { API_MEMBERS } from "../../src/excel/api-sets";
import { runSelfTest, selfTestText } from "../../src/excel/self-test";
import { SelfTestPage, listenForSelfTestKey, selfTestRequested } from "../../src/taskpane/self-test";
import { SHEET, buildChecklist } from "../excel/helpers";
import { FakeExcel } from "../excel/fake-excel";

jest.setTimeout(30_000);

test("the page runs the self-test and shows one row per Excel member, none failed on the fake", async () => {
  const excel = new FakeExcel();
  excel.installOffice();
  buildChecklist(excel, 4);
  excel.activeSheet = SHEET;
  excel.selection = { sheet: SHEET, range: { top: 4, left: 3, bottom: 4, right: 3 } };
  render(
    <FluentProvider theme={webLightTheme}>
      <SelfTestPage lang="ja" env={{ platform: "PC", build: "16.0.1" }} text={selfTestText} run={(env) => excel.run(null, (c) => runSelfTest(c, env))} onBack={() => undefined} />
    </FluentProvider>,
  );
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "自己診断を実行" }));
  });
  const rows = await screen.findAllByRole("row");
  const members = rows.map((r) => r.getAttribute("data-member")).filter((m): m is string => m !== null);
  expect(members.sort()).toEqual(Object.keys(API_MEMBERS).sort());
  expect(rows.filter((r) => r.getAttribute("data-status") === "fail")).toEqual([]);
  expect(screen.getByRole("status").textContent).toMatch(/^成功 \d+ \/ 失敗 0 \/ 対象外 \d+$/);
  expect(excel.sheets.map((s) => s.name)).toEqual([SHEET]);
});

test("?selftest and Ctrl+Alt+Shift+D open it", () => {
  expect(selfTestRequested("?selftest")).toBe(true);
  expect(selfTestRequested("?lang=ja")).toBe(false);
  const open = jest.fn();
  const stop = listenForSelfTestKey(document, open);
  document.dispatchEvent(new KeyboardEvent("keydown", { key: "d", ctrlKey: true, altKey: true, shiftKey: false }));
  expect(open).not.toHaveBeenCalled();
  document.dispatchEvent(new KeyboardEvent("keydown", { key: "D", ctrlKey: true, altKey: true, shiftKey: true }));
  expect(open).toHaveBeenCalledTimes(1);
  stop();
});
