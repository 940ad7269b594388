/**
 * The user's own field mapping (「分野の割り当て」), stored IN the workbook as a sheet owned by TICS Check, so that
 * every host reads it with the values it already reads: the Excel add-in (which writes it, very hidden), the
 * browser mode and the CLI (which read it from the saved file). Why a sheet and not the add-in's settings: settings
 * live in the Office web-extension part of the file, bound to one add-in id, and are dropped by other programs
 * (LibreOffice, openpyxl) when they save the file; a sheet survives them, can be read from the value grid by every
 * host, and a user can unhide and read it.
 *
 * Layout (values only, written as text):
 *   A1  MAPPING_MARKER (identifies the sheet as ours; a sheet of that name without it is never read or written)
 *   row 2  header: 項目ID | 項目の内容 | 分野（「、」区切り）
 *   row 3…  one row per item the user mapped: id, item text, field names separated by 「、」.
 * An item is found by its text (folded) first, then by its id, so re-numbering or a moved row keeps the mapping.
 * Bounded: at most MAX_ENTRIES rows, MAX_FIELDS names of at most MAX_NAME characters each.
 */
import type { CellValue, ItemRow, WorkbookInput } from "./model";
import { splitFieldNames } from "./fields";
import { cellText, fold } from "./text";

export const MAPPING_SHEET = "TICS_分野割当";
export const MAPPING_MARKER = "TICS Check 分野の割り当て（このシートは TICS Check が管理します。編集はアドインの「分野の割り当て」から）";
export const MAPPING_HEADER = ["項目ID", "項目の内容", "分野（「、」区切り）"] as const;
export const MAX_ENTRIES = 5000;
export const MAX_FIELDS = 12;
export const MAX_NAME = 60;

export interface UserMappingEntry {
  id: string;
  text: string;
  fields: string[];
}

export interface UserMapping {
  entries: UserMappingEntry[];
}

/** Field names from user input: trimmed, de-duplicated, bounded. */
export function cleanFieldList(names: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    if (typeof n !== "string") continue;
    const name = n.trim().slice(0, MAX_NAME);
    const key = fold(name);
    if (!name || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
    if (out.length >= MAX_FIELDS) break;
  }
  return out;
}

function isMappingSheetName(name: unknown): boolean {
  return typeof name === "string" && fold(name) === fold(MAPPING_SHEET);
}

/** The mapping stored in the workbook, or null when there is none (or the sheet is not ours). */
export function readUserMapping(wb: WorkbookInput): UserMapping | null {
  const sheet = (wb?.sheets ?? []).find((s) => s && isMappingSheetName(s.name) && Array.isArray(s.values));
  if (!sheet) return null;
  const r0 = sheet.originRow ?? 0;
  const c0 = sheet.originCol ?? 0;
  const at = (r: number, c: number): CellValue => {
    const row = sheet.values[r - r0];
    return Array.isArray(row) ? (row[c - c0] ?? null) : null;
  };
  if (cellText(at(0, 0)).trim() !== MAPPING_MARKER) return null;
  const entries: UserMappingEntry[] = [];
  const last = Math.min(r0 + sheet.values.length, 2 + MAX_ENTRIES);
  for (let r = 2; r < last; r++) {
    const id = cellText(at(r, 0)).trim();
    const text = cellText(at(r, 1));
    const fields = cleanFieldList(splitFieldNames(cellText(at(r, 2))));
    if ((!id && !text.trim()) || fields.length === 0) continue;
    entries.push({ id, text, fields });
  }
  return { entries };
}

/** The sheet's values for a mapping (marker, header, one row per entry). */
export function mappingSheetValues(m: UserMapping): string[][] {
  const rows: string[][] = [[MAPPING_MARKER, "", ""], [...MAPPING_HEADER]];
  for (const e of m.entries.slice(0, MAX_ENTRIES)) rows.push([e.id, e.text, e.fields.join("、")]);
  return rows;
}

/**
 * The user's fields per item row: an entry applies to the row with its text (folded); an entry whose text matches no
 * row applies to the row with its id, if that row has no entry of its own (the item's text was edited).
 */
export function resolveUserMapping(m: UserMapping, rows: readonly Pick<ItemRow, "id" | "text">[]): (string[] | null)[] {
  const out: (string[] | null)[] = new Array(rows.length).fill(null);
  if (!m.entries.length) return out;
  const rowByText = new Map<string, number>();
  const rowById = new Map<string, number>();
  rows.forEach((r, i) => {
    const k = fold(r.text);
    if (!rowByText.has(k)) rowByText.set(k, i);
    if (!rowById.has(r.id)) rowById.set(r.id, i);
  });
  const rest: UserMappingEntry[] = [];
  for (const e of m.entries) {
    const i = rowByText.get(fold(e.text));
    if (i !== undefined) {
      if (out[i] === null) out[i] = e.fields;
    } else rest.push(e);
  }
  for (const e of rest) {
    const i = e.id ? rowById.get(e.id) : undefined;
    if (i !== undefined && out[i] === null) out[i] = e.fields;
  }
  return out;
}

/**
 * A new mapping with the item's fields set (fields = null or empty: reset the item to automatic). Entries of the
 * same item (same id or same text) are replaced.
 */
export function setUserFields(m: UserMapping | null, item: Pick<ItemRow, "id" | "text">, fields: readonly string[] | null): UserMapping {
  const key = fold(item.text);
  const entries = (m?.entries ?? []).filter((e) => e.id !== item.id && fold(e.text) !== key);
  const clean = fields ? cleanFieldList(fields) : [];
  if (clean.length) entries.push({ id: item.id, text: item.text, fields: clean });
  return { entries };
}
