/** @jest-environment jsdom */
/**
 * 「分野の割り当て」 over the real Excel host on the fake Excel: edit an item's fields → stored in the workbook's very
 * hidden mapping sheet → re-check keeps it → reset back to automatic. Texts made up for the tests.
 */
import "./setup-dom";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { MAPPING_MARKER, MAPPING_SHEET } from "../../src/core/user-mapping";
import { readUserMapping } from "../../src/core/user-mapping";
import { setup } from "../excel/helpers";
import { renderPane } from "./render-pane";

jest.setTimeout(30_000);

test("mapping editor round trip: edit, re-check, reset (stored in the workbook, 2 syncs per save)", async () => {
  const { excel, host } = setup(8);
  const session = await renderPane(host);
  const mapping = screen.getByTestId("mapping");
  await act(async () => {
    fireEvent.click(within(mapping).getByRole("button", { name: "分野の割り当てを表示（8 項目）" }));
  });
  const row = within(mapping).getByTestId("mapping-row-I-1");
  expect(within(row).getByTestId("mapping-fields").textContent).toBe("方針・体制");
  expect(row.textContent).toContain("根拠: プロファイルの判定ルール");

  // Edit: keep nothing of the automatic field, type a new one (with a leading 「=」 that must stay text).
  fireEvent.click(within(row).getByRole("button", { name: "変更 1" }));
  const editor = within(mapping).getByTestId("mapping-editor-I-1");
  fireEvent.click(within(editor).getByRole("checkbox", { name: "方針・体制" }));
  fireEvent.change(within(editor).getByRole("textbox"), { target: { value: "=自社の重点分野、人的対策・教育" } });
  excel.resetCounters();
  await act(async () => {
    fireEvent.click(within(editor).getByRole("button", { name: "保存して再チェック" }));
  });
  await waitFor(() => expect(screen.getByRole("status").textContent).toContain("分野の割り当てをブックに保存し"));
  expect(excel.syncCount).toBeLessThanOrEqual(2);

  // Stored in the workbook: a very hidden sheet owned by the add-in, texts as text.
  const sheet = excel.sheet(MAPPING_SHEET);
  expect(sheet.visibility).toBe("VeryHidden");
  expect(sheet.value("A1")).toBe(MAPPING_MARKER);
  expect([sheet.value("A3"), sheet.value("C3")]).toEqual(["I-1", "=自社の重点分野、人的対策・教育"]);
  expect(sheet.cell(2, 2)?.formula ?? null).toBeNull();

  const edited = within(screen.getByTestId("mapping")).getByTestId("mapping-row-I-1");
  expect(within(edited).getByTestId("mapping-fields").textContent).toBe("=自社の重点分野、人的対策・教育");
  expect(edited.textContent).toContain("根拠: 利用者の割り当て");
  const report = session.getState().report;
  expect(report?.items[0]).toMatchObject({ fieldSource: "user", fields: ["=自社の重点分野", "人的対策・教育"] });
  expect(report?.fields.map((f) => f.name)).toContain("=自社の重点分野");

  // Re-check: the stored mapping is applied first again (read back from the workbook).
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "再チェック" }));
  });
  await waitFor(() => expect(session.getState().busy).toBeNull());
  expect(session.getState().report?.items[0]).toMatchObject({ fieldSource: "user", fields: ["=自社の重点分野", "人的対策・教育"] });
  expect(host.userMapping()?.entries).toHaveLength(1);

  // Reset to automatic.
  await act(async () => {
    fireEvent.click(within(screen.getByTestId("mapping-row-I-1")).getByRole("button", { name: "自動に戻す 1" }));
  });
  await waitFor(() => expect(session.getState().report?.items[0].fieldSource).toBe("rule"));
  expect(session.getState().report?.items[0].fields).toEqual(["方針・体制"]);
  expect(session.getState().report?.fields.map((f) => f.name)).not.toContain("=自社の重点分野");
  const grid = [0, 1, 2].map((r) => [sheet.value(`A${r + 1}`), sheet.value(`B${r + 1}`), sheet.value(`C${r + 1}`)]);
  expect(readUserMapping({ sheets: [{ name: MAPPING_SHEET, values: grid }] })?.entries).toEqual([]);
  expect(screen.queryByRole("alert")).toBeNull();
  session.dispose();
});
