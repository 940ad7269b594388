/**
 * The user's mapping stored in a saved file is applied by the CLI / browser mode (they read the same sheet), and the
 * app-layer helpers of 「分野の割り当て」.
 */
import { checkWorkbookBytes } from "../../src/app/files";
import { createBrowserHost } from "../../src/app/browser-host";
import { editMapping, fieldChoices, mappingCounts, mappingRows, parseFieldInput } from "../../src/app/mapping";
import { MAPPING_SHEET, mappingSheetValues, readUserMapping } from "../../src/core/user-mapping";
import { writeSimpleWorkbook } from "../../src/file/xlsx-write";
import { synthGrid } from "../cli/synth";

function fileWithMapping(): Uint8Array {
  const grid = synthGrid({ items: 6 });
  const first = grid.find((r) => r[0] === 1) as (string | number | null)[];
  const mapping = { entries: [{ id: "S-1", text: String(first[1]), fields: ["自社の重点分野"] }] };
  return writeSimpleWorkbook([
    { name: "チェックリスト", rows: grid },
    { name: MAPPING_SHEET, rows: mappingSheetValues(mapping) },
  ]);
}

test("a saved file's mapping is applied first by the CLI's check (source user)", () => {
  const r = checkWorkbookBytes(fileWithMapping(), "m.xlsx");
  if (!r.ok) throw new Error(r.error.ja);
  expect(r.report.items[0]).toMatchObject({ fields: ["自社の重点分野"], fieldSource: "user" });
  expect(r.report.items.slice(1).every((i) => i.fieldSource !== "user")).toBe(true);
  expect(r.report.fields.map((f) => f.name)).toContain("自社の重点分野");
});

test("the browser mode applies it too and exposes it read-only", async () => {
  const host = createBrowserHost("ja", () => undefined);
  const out = await host.loadFile?.(fileWithMapping(), "m.xlsx");
  expect(out?.ok && out.report.items[0].fieldSource).toBe("user");
  expect(host.userMapping?.()?.entries.map((e) => e.fields)).toEqual([["自社の重点分野"]]);
  expect(host.saveUserMapping).toBeUndefined();
});

test("app helpers: rows, choices, parsing typed names, editing and resetting", () => {
  const r = checkWorkbookBytes(fileWithMapping(), "m.xlsx");
  if (!r.ok) throw new Error(r.error.ja);
  const rows = mappingRows(r.report);
  expect(rows[0]).toMatchObject({ itemId: r.report.items[0].id, fields: ["自社の重点分野"], source: "user" });
  expect(fieldChoices(r.report)).toEqual(r.report.fields.map((f) => f.name));
  expect(parseFieldInput(" A、B, A\nC ")).toEqual(["A", "B", "C"]);
  expect(mappingCounts(r.report).user).toBe(1);
  const current = readUserMapping({ sheets: [{ name: MAPPING_SHEET, values: mappingSheetValues({ entries: [] }) }] });
  const edited = editMapping(current, r.report, r.report.items[2].id, ["X"]);
  expect(edited.entries).toEqual([{ id: r.report.items[2].id, text: r.report.items[2].text, fields: ["X"] }]);
  expect(editMapping(edited, r.report, r.report.items[2].id, null).entries).toEqual([]);
  expect(() => editMapping(edited, r.report, "nope", ["X"])).toThrow();
});
