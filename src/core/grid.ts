/**
 * Writing one cell into a SheetInput, whichever form it has (dense `values` or sparse `cells`). Used by hosts that
 * patch their cached grid after a change (the browser mode). Pure: no I/O.
 */
import type { CellValue, SheetInput, SparseRow } from "./model";

/** Sets the cell at absolute (row, col); returns false when the address lies outside what the sheet can hold. */
export function setCell(sheet: SheetInput, row: number, col: number, value: CellValue): boolean {
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0) return false;
  // A text may be a label: the sheet is no longer known to hold none (see SheetInput.labels).
  if (typeof value === "string" && sheet.labels === false) delete sheet.labels;
  if (Array.isArray(sheet.cells)) {
    const rows = sheet.cells;
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].row < row) lo = mid + 1;
      else hi = mid;
    }
    let r: SparseRow;
    if (lo < rows.length && rows[lo].row === row) r = rows[lo];
    else {
      r = { row, cols: [], vals: [] };
      rows.splice(lo, 0, r);
    }
    let a = 0;
    let b = r.cols.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (r.cols[mid] < col) a = mid + 1;
      else b = mid;
    }
    if (a < r.cols.length && r.cols[a] === col) r.vals[a] = value;
    else {
      r.cols.splice(a, 0, col);
      r.vals.splice(a, 0, value);
    }
    return true;
  }
  const r = row - (sheet.originRow ?? 0);
  const c = col - (sheet.originCol ?? 0);
  if (r < 0 || c < 0) return false;
  while (sheet.values.length <= r) sheet.values.push([]);
  const line = sheet.values[r];
  while (line.length < c) line.push(null);
  line[c] = value;
  return true;
}
