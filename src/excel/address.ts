/** A1 addresses as Excel reports them ("'My Sheet'!$B$5:$F$60"), converted to/from absolute 0-based ranges. */
import { colToLetters, rangeToA1, toA1 } from "../core/a1";
import type { CellRange } from "../core/model";

/** 0-based column → letters, cell and range addresses: the engine's helpers (src/core/a1.ts), named for Excel. */
export const columnLetters = colToLetters;
export const cellA1 = toA1;
export const rangeA1 = rangeToA1;

function parseCell(s: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(s.trim());
  if (!m) throw new Error(`Bad cell address: ${s}`);
  return { row: Number(m[2]) - 1, col: letters(m[1]) };
}

/** Splits "Sheet!A1:B2" into sheet (unquoted, or null) and the range part. */
export function splitSheet(address: string): { sheet: string | null; ref: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, ref: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, ref: address.slice(bang + 1) };
}

const LAST_ROW = 1048575;
const LAST_COL = 16383;

function letters(s: string): number {
  let col = 0;
  for (const ch of s.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** "A1", "$A$1:$C$3", "Sheet1!A1:B2", whole columns "A:C" and whole rows "5:7" → absolute range. */
export function parseRangeA1(address: string): CellRange {
  const { ref } = splitSheet(address);
  const cols = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(ref.trim());
  if (cols) {
    const x = letters(cols[1]);
    const y = letters(cols[2]);
    return { top: 0, left: Math.min(x, y), bottom: LAST_ROW, right: Math.max(x, y) };
  }
  const rows = /^\$?(\d{1,7}):\$?(\d{1,7})$/.exec(ref.trim());
  if (rows) {
    const x = Number(rows[1]) - 1;
    const y = Number(rows[2]) - 1;
    return { top: Math.min(x, y), left: 0, bottom: Math.max(x, y), right: LAST_COL };
  }
  const [a, b] = ref.split(":");
  const p = parseCell(a);
  const q = b ? parseCell(b) : p;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/**
 * Splits a comma-separated list of areas at the commas outside quoted sheet names: "'Q1, 2024'!A1,'Q1, 2024'!B2"
 * is two areas (a sheet name may hold a comma; inside quotes an apostrophe is doubled).
 */
export function splitAreas(address: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    else if (ch === "," && !quoted) {
      parts.push(address.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(address.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** A comma-separated list of areas ("Sheet1!A1:B2,Sheet1!D4") as ranges. */
export function parseAreas(address: string): CellRange[] {
  return splitAreas(address).map(parseRangeA1);
}

export function intersect(a: CellRange, b: CellRange): CellRange | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : null;
}

/** Quote a sheet name for use in a formula reference. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Consecutive runs of sorted row numbers: [[first,last], …]. */
export function rowRuns(rows: number[]): [number, number][] {
  const sorted = [...new Set(rows)].sort((x, y) => x - y);
  const runs: [number, number][] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else runs.push([r, r]);
  }
  return runs;
}
