/**
 * 「分野の割り当て」: the application layer of the user's field mapping. Pure functions over a report and the mapping
 * stored in the workbook (src/core/user-mapping.ts); the hosts store it, the pane shows it (MappingEditor).
 */
import type { FieldSource, Report } from "../core/model";
import { UNASSIGNED_FIELD } from "../core/fields";
import { type UserMapping, cleanFieldList, setUserFields } from "../core/user-mapping";

export interface MappingRow {
  itemId: string;
  number: string;
  section: string;
  text: string;
  cell: string;
  /** The item's fields now; empty = 「未分類」. */
  fields: string[];
  source: FieldSource;
}

/** Every item with its fields and where they came from, in sheet order. */
export function mappingRows(report: Report): MappingRow[] {
  return report.items.map((i) => ({
    itemId: i.id,
    number: i.number,
    section: i.section,
    text: i.text,
    cell: i.cell,
    fields: i.fields.slice(),
    source: i.fieldSource,
  }));
}

/** The names a user can pick: the report's fields in its order, then any other name an item carries. */
export function fieldChoices(report: Report): string[] {
  const out: string[] = [];
  for (const f of report.fields) if (!out.includes(f.name)) out.push(f.name);
  for (const i of report.items) for (const n of i.fields) if (!out.includes(n)) out.push(n);
  return out.filter((n) => n !== UNASSIGNED_FIELD);
}

/** Parses what a user typed: names separated by 「、」「,」 or line breaks; trimmed, bounded, no duplicates. */
export function parseFieldInput(text: string): string[] {
  return cleanFieldList(text.split(/[、,，\r\n]+/));
}

/**
 * The mapping after the user set an item's fields (null or [] = reset the item to automatic). Throws on an unknown
 * item id (the report changed under the pane).
 */
export function editMapping(current: UserMapping | null, report: Report, itemId: string, fields: readonly string[] | null): UserMapping {
  const item = report.items.find((i) => i.id === itemId);
  if (!item) throw new Error(`unknown item ${itemId}`);
  return setUserFields(current, item, fields);
}

/** Counts for the pane: unassigned items (they point the user to the editor) and items mapped by the user. */
export function mappingCounts(report: Report): { unassigned: number; user: number } {
  let unassigned = 0;
  let user = 0;
  for (const i of report.items) {
    if (i.fieldSource === "none") unassigned++;
    else if (i.fieldSource === "user") user++;
  }
  return { unassigned, user };
}
