/** @jest-environment jsdom */
/** MappingEditor as a view: unassigned items point to the mapping, read-only hosts show no edit buttons, warnings. */
import "./setup-dom";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { analyse } from "../../src/core/analyse";
import { MappingEditor, NaWarnings } from "../../src/taskpane/components/MappingEditor";
import { buildChecklist, wb } from "../core/helpers";

function report() {
  const b = buildChecklist([
    { label: "Ⅰ 共通項目", items: [{ text: "情報セキュリティの方針を定めている。", answer: "○" }, { text: "この文はテスト用で特に意味はありません。", answer: "-" }] },
  ]);
  const r = analyse(wb(b.sheet));
  if (!r.ok) throw new Error("not detected");
  return r.report;
}

test("read-only view: sources, 「未分類」, the nudge to map, no edit buttons; warnings listed", () => {
  const r = report();
  const onSave = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <NaWarnings lang="ja" report={r} />
      <MappingEditor lang="ja" report={r} busy={false} editable={false} onSave={onSave} onReset={onSave} />
    </FluentProvider>,
  );
  expect(screen.getByTestId("warnings").textContent).toContain(r.items[1].cell);
  expect(screen.getByTestId("mapping-unassigned").textContent).toContain("1 項目が「未分類」");
  fireEvent.click(screen.getByRole("button", { name: "分野の割り当てを表示（2 項目）" }));
  const rows = screen.getAllByTestId(/^mapping-row-/);
  expect(rows.map((row) => within(row).getByTestId("mapping-fields").textContent)).toEqual(["方針・体制", "未分類"]);
  expect(rows[1].textContent).toContain("根拠: 未分類");
  expect(screen.queryByRole("button", { name: /^変更/ })).toBeNull();
  expect(screen.getByTestId("mapping").textContent).toContain("表示のみ");
  expect(onSave).not.toHaveBeenCalled();
});
