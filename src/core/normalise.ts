/**
 * The cell rewrites that turn look-alike answers into canonical ones. Only `normalized` items are proposed;
 * `from` is the exact raw value so a host can check the cell still holds it before writing (undoable action).
 */
import type { Answer, CellValue, Report } from "./model";

export function normaliseChanges(report: Report): { itemId: string; cell: string; from: CellValue; to: Answer }[] {
  const out: { itemId: string; cell: string; from: CellValue; to: Answer }[] = [];
  for (const it of report.items) {
    if (it.status !== "normalized" || it.answer === null) continue;
    out.push({ itemId: it.id, cell: it.cell, from: it.raw, to: it.answer });
  }
  return out;
}
