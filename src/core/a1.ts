/** A1 addresses <-> 0-based coordinates. Pure. */
import type { CellRange } from "./model";

const MAX_COL = 16383; // XFD
const A1_RE = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function colToLetters(col: number): string {
  if (!Number.isInteger(col) || col < 0) throw new RangeError(`列番号が不正です / Invalid column index: ${col}`);
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** (11, 4) -> "E12". */
export function toA1(row: number, col: number): string {
  if (!Number.isInteger(row) || row < 0) throw new RangeError(`行番号が不正です / Invalid row index: ${row}`);
  return colToLetters(col) + String(row + 1);
}

function stripSheet(ref: string): string {
  const s = ref.trim();
  const bang = s.lastIndexOf("!");
  return bang >= 0 ? s.slice(bang + 1) : s;
}

/** "E12", "$E$12", "Sheet1!E12" -> { row: 11, col: 4 }. Throws a clear error on anything else. */
export function parseA1(a1: string): { row: number; col: number } {
  const m = A1_RE.exec(stripSheet(a1));
  if (!m) throw new Error(`セル番地として読めません（例: E12） / Not a cell address (e.g. E12): "${a1}"`);
  const letters = m[1].toUpperCase();
  let col = 0;
  for (let i = 0; i < letters.length; i++) col = col * 26 + (letters.charCodeAt(i) - 64);
  col -= 1;
  const row = Number(m[2]) - 1;
  if (col > MAX_COL || row < 0) throw new Error(`セル番地が範囲外です / Cell address out of range: "${a1}"`);
  return { row, col };
}

/** "B5:F60", "E12", "'My sheet'!B5:F60" -> absolute range (corners put in order). */
export function parseRange(ref: string): CellRange {
  const body = stripSheet(ref);
  const parts = body.split(":");
  if (parts.length > 2 || parts[0] === "") {
    throw new Error(`セル範囲として読めません（例: B5:F60） / Not a cell range (e.g. B5:F60): "${ref}"`);
  }
  const a = parseA1(parts[0]);
  const b = parts.length === 2 ? parseA1(parts[1]) : a;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/** Range -> "B5:F60" (or "E12" for one cell). */
export function rangeToA1(r: CellRange): string {
  const a = toA1(r.top, r.left);
  if (r.top === r.bottom && r.left === r.right) return a;
  return `${a}:${toA1(r.bottom, r.right)}`;
}
