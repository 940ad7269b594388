/** @jest-environment jsdom */
import "./setup-dom";
import { screen, within } from "@testing-library/react";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyse } from "../../src/core/analyse";
import type { Report } from "../../src/core/model";
import { readWorkbook } from "../../src/file/xlsx-read";
import { fakeHost } from "./fake";
import { renderPane } from "./render-pane";

jest.setTimeout(30_000);

function reportOf(name: string): Report {
  const r = analyse(readWorkbook(new Uint8Array(readFileSync(join(__dirname, "..", "fixtures", name)))));
  if (!r.ok) throw new Error(r.error.message.en);
  return r.report;
}

const rowsOf = (el: HTMLElement) => within(el).getAllByRole("row").map((r) => Array.from(r.children).map((c) => c.textContent));

describe("pane: the workbook's own results beside ours", () => {
  test("where the workbook weighs △ otherwise, both numbers, the reason and the workbook's own radar are shown", async () => {
    const host = fakeHost();
    host.next.check = { ok: true, report: reportOf("wbresults-weights-lo.xlsx") };
    await renderPane(host);
    const box = screen.getByTestId("workbook-results");
    expect(box.textContent).toContain("ブック自身の分野別結果（シート「チェックリスト」 I4:I11）");
    expect(screen.getByTestId("workbook-results-why").textContent).toContain("8 分野中 4 分野");
    const rows = rowsOf(screen.getByTestId("workbook-results-table"));
    expect(rows[0]).toEqual(["分野", "ブックの値", "TICS Check", "比較"]);
    expect(rows).toContainEqual(["ルールの実践", "43.3", "50.0", "相違"]);
    expect(rows).toContainEqual(["人の管理", "65.0", "75.0", "相違"]);
    expect(rows).toContainEqual(["ルール作り", "100.0", "100.0", "一致"]);
    expect(box.textContent).toContain("重み付け");
    // Two radars: ours (in the scores section) and the workbook's own, each with its numbers.
    const radars = screen.getAllByRole("img");
    expect(radars).toHaveLength(2);
    expect(radars[0].querySelector("desc")?.textContent).toContain("ルールの実践 50");
    expect(radars[1].querySelector("title")?.textContent).toBe("ブック自身の値のレーダーチャート");
    expect(radars[1].querySelector("desc")?.textContent).toContain("ルールの実践 43.3");
  });

  test("when every field agrees there is one radar and a line saying so", async () => {
    const host = fakeHost();
    host.next.check = { ok: true, report: reportOf("wbresults-countifs-lo.xlsx") };
    await renderPane(host);
    expect(screen.getByTestId("workbook-results-why").textContent).toContain("すべての分野で TICS Check の値と一致");
    expect(screen.getAllByRole("img")).toHaveLength(1);
    expect(rowsOf(screen.getByTestId("workbook-results-table")).filter((r) => r[3] === "相違")).toEqual([]);
  });

  test("without workbook results the section is absent", async () => {
    await renderPane(fakeHost());
    expect(screen.queryByTestId("workbook-results")).toBeNull();
  });
});
