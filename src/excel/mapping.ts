/**
 * Storing the user's field mapping in the workbook: a very hidden sheet owned by the add-in (MAPPING_SHEET, see
 * src/core/user-mapping.ts for why a sheet and not the add-in's settings). Written in one sync: the session's last
 * check tells whether the sheet exists and is ours (its A1 holds MAPPING_MARKER); a sheet of that name that is not
 * ours is never touched. Every text is written as text (an item starting with 「=」 stays literal).
 */
import type { WorkbookInput } from "../core/model";
import { MAPPING_MARKER, MAPPING_SHEET, type UserMapping, mappingSheetValues } from "../core/user-mapping";
import { cellText, fold } from "../core/text";
import { GatewayError } from "./errors";
import { literalText } from "./write";

/** The mapping sheet as last read: absent, ours, or someone else's sheet of the same name. */
export function mappingSheetState(wb: WorkbookInput | null): "absent" | "ours" | "foreign" {
  const sheet = (wb?.sheets ?? []).find((s) => fold(s.name) === fold(MAPPING_SHEET));
  if (!sheet) return "absent";
  const r0 = sheet.originRow ?? 0;
  const c0 = sheet.originCol ?? 0;
  const a1 = r0 === 0 && c0 === 0 ? sheet.values[0]?.[0] ?? null : null;
  if (cellText(a1).trim() === MAPPING_MARKER) return "ours";
  return sheet.values.length === 0 ? "ours" : "foreign";
}

/**
 * Queues writing the mapping (no sync here). `state` comes from the last check (mappingSheetState); the sheet name
 * as it exists in the workbook is MAPPING_SHEET (fold-equal names are found by Excel case-insensitively).
 */
export function queueWriteUserMapping(context: Excel.RequestContext, mapping: UserMapping, state: "absent" | "ours" | "foreign"): void {
  if (state === "foreign") {
    throw new GatewayError({
      code: "unknown",
      message: {
        ja: `シート「${MAPPING_SHEET}」は TICS Check が作ったものではないため、分野の割り当てを保存できません。シート名を変えてから、もう一度保存してください。`,
        en: `The sheet 「${MAPPING_SHEET}」 was not made by TICS Check, so the field mapping cannot be stored. Rename that sheet and save again.`,
      },
    });
  }
  const sheets = context.workbook.worksheets;
  let ws: Excel.Worksheet;
  if (state === "absent") {
    ws = sheets.add(MAPPING_SHEET);
    ws.visibility = "VeryHidden";
  } else {
    ws = sheets.getItem(MAPPING_SHEET);
    ws.getRange("A:C").clear();
  }
  const rows = mappingSheetValues(mapping);
  ws.getRangeByIndexes(0, 0, rows.length, 3).values = rows.map((r) => r.map((v) => literalText(v)));
}
