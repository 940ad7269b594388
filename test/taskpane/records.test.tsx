/** @jest-environment jsdom */
/**
 * The pane's evidence and trend over the real Excel host on the fake Excel: the 「-」 warning with a reason saved to
 * the 「証跡・根拠」 sheet, the evidence sheet button, and the trend after the results were written twice.
 */
import "./setup-dom";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { EVIDENCE_SHEET } from "../../src/core/evidence";
import type { HistoryRow } from "../../src/core/model";
import { trendGeometry } from "../../src/taskpane/components/TrendChart";
import { SHEET, setup } from "../excel/helpers";
import { renderPane } from "./render-pane";

jest.setTimeout(30_000);

function findRow(grid: { cell(r: number, c: number): { value: unknown } | undefined }, id: string): number {
  for (let r = 0; r < 100; r++) if (grid.cell(r, 0)?.value === id) return r;
  return -1;
}

test("「-」 without a reason: warned, the reason typed in the pane goes to the evidence sheet; trend after two writes", async () => {
  const { excel, host, layout } = setup(6, (i) => (i === 0 ? "-" : i === 2 ? "×" : i === 5 ? null : "○"));
  const session = await renderPane(host);
  const records = await screen.findByTestId("records");
  expect(within(records).getByTestId("na-warning").textContent).toContain("1 件");
  expect(within(records).getByTestId("coverage").textContent).toContain("0.0%（0/3）");
  expect(within(records).getByTestId("no-trend")).toBeTruthy();

  const fields = within(records).getByTestId("evidence-I-1");
  fireEvent.change(within(fields).getByLabelText("該当しない理由"), { target: { value: "該当する業務がない" } });
  await act(async () => {
    fireEvent.click(within(fields).getByRole("button", { name: "証跡・根拠シートに保存" }));
  });
  await waitFor(() => expect(screen.queryByTestId("na-warning")).toBeNull());
  const ev = excel.sheet(EVIDENCE_SHEET);
  expect(ev.cell(findRow(ev, "I-1"), 6)?.value).toBe("該当する業務がない");
  expect(session.getState().report?.evidence?.entries["I-1"].reason).toBe("該当する業務がない");

  // results written twice, with a changed answer in between: the trend shows the change per field
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "診断結果シートを作成" }));
  });
  await waitFor(() => expect(session.getState().report?.history).toHaveLength(1));
  excel.userEdit(SHEET, layout.answerCells[2], "○");
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "再チェック" }));
  });
  await waitFor(() => expect(session.getState().report?.overall.score).toBe(100));
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "診断結果シートを作成" }));
  });
  await waitFor(() => expect(screen.getByTestId("trend-changes")).toBeTruthy());
  const rows = within(screen.getByTestId("trend-changes"))
    .getAllByRole("row")
    .map((r) => Array.from(r.children).map((c) => c.textContent));
  expect(rows[0]).toEqual(["総合スコア", "100.0", "+25.0"]);
  expect(screen.getByTestId("trend-chart")).toBeTruthy();
  expect(screen.getByText(/前回（2026-11-25 10:00）からの変化/)).toBeTruthy();
});

test("trendGeometry: one point per row, values clamped, missing values left out", () => {
  const row = (overall: number | null, readiness: number | null, date: string): HistoryRow => ({
    date,
    who: "",
    overall,
    readiness,
    coverage: null,
    counts: { "○": 0, "△": 0, "×": 0, "-": 0, blank: 0, invalid: 0, naNotAllowed: 0 },
    source: "",
    fields: [],
  });
  const g = trendGeometry([row(0, null, "2026-01-01 09:00"), row(100, 50, "2026-02-01 09:00"), row(150, 20, "2026-03-01 09:00")], 280, 120);
  const pts = g.overall.split(" ").map((p) => p.split(",").map(Number));
  expect(pts).toHaveLength(3);
  expect(pts[0][1]).toBe(g.grid.find((l) => l.level === 0)!.y);
  expect(pts[1][1]).toBe(g.grid.find((l) => l.level === 100)!.y);
  expect(pts[2][1]).toBe(pts[1][1]);
  expect(g.readiness.split(" ")).toHaveLength(2);
  expect([g.first, g.last]).toEqual(["2026-01-01", "2026-03-01"]);
});
