/**
 * Which sheets of a workbook input a reader looks at. A file reader may leave a large sheet unparsed when none of
 * its texts could be a label anything here looks for (`SheetInput.labels === false`, see core/labels.ts); its cells
 * are then read only when asked for. Pure.
 */
import type { SheetInput, WorkbookInput } from "./model";

/**
 * The sheets that may hold a label (a checklist header, a company label, the header of one of the add-in's own
 * sheets): the readable sheets, less those the reader found without any (`labels: false`, never parsed here).
 */
export function labelSheets(wb: WorkbookInput | null | undefined): SheetInput[] {
  return wb && Array.isArray(wb.sheets) ? wb.sheets.filter((s) => s && s.labels !== false && (Array.isArray(s.cells) || Array.isArray(s.values))) : [];
}

/** The readable sheet of that name (only it is asked for its cells), or undefined. */
export function readableSheet(wb: WorkbookInput | null | undefined, name: string): SheetInput | undefined {
  return wb && Array.isArray(wb.sheets) ? wb.sheets.find((s) => s && s.name === name && (Array.isArray(s.cells) || Array.isArray(s.values))) : undefined;
}
