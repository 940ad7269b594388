/** A1 helpers for the file gateway: lenient parsing (null instead of an error) for references read from files. */
import type { CellRange } from "../core/model";

/** Column letters and A1 addresses: the engine's helpers (src/core/a1.ts). */
export { colToLetters as colLetters, toA1 as a1 } from "../core/a1";

/** "$E$12" / "E12" -> 0-based; null when not a cell reference. */
export function parseCell(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  const letters = m[1].toUpperCase();
  for (let i = 0; i < letters.length; i++) col = col * 26 + (letters.charCodeAt(i) - 64);
  return { row: parseInt(m[2], 10) - 1, col: col - 1 };
}

/** Fast column index of a cell reference such as "AB12" (letters only counted). */
export function colOfRef(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36) break;
  }
  return col - 1;
}

/** "B5:F60" or "E12" (optionally "$B$5:$F$60") -> range; null when not a reference. */
export function parseRef(ref: string): CellRange | null {
  const parts = ref.trim().split(":");
  if (parts.length > 2) return null;
  const a = parseCell(parts[0]);
  const b = parts.length === 2 ? parseCell(parts[1]) : a;
  if (!a || !b) return null;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

export { rangeToA1 as refOf } from "../core/a1";

/** Quotes a sheet name for a formula: 'My Sheet'!A1 (always quoted: valid for every name). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
