import { MAPPING_MARKER, MAPPING_SHEET, MAX_FIELDS, mappingSheetValues, readUserMapping, resolveUserMapping, setUserFields } from "../../src/core/user-mapping";

const rows = [
  { id: "I-1", text: "方針を決めている。" },
  { id: "I-2", text: "教育を行っている。" },
  { id: "I-3", text: "バックアップを取っている。" },
];

test("round trip through the sheet values; a sheet without the marker is not ours", () => {
  const m = setUserFields(setUserFields(null, rows[0], ["A", "B"]), rows[2], ["C"]);
  const values = mappingSheetValues(m);
  expect(values[0][0]).toBe(MAPPING_MARKER);
  expect(readUserMapping({ sheets: [{ name: MAPPING_SHEET, values }] })).toEqual(m);
  expect(readUserMapping({ sheets: [{ name: MAPPING_SHEET, values: [["something else"], ...values.slice(1)] }] })).toBeNull();
  expect(readUserMapping({ sheets: [{ name: "Sheet1", values }] })).toBeNull();
});

test("applies by text first (rows moved or renumbered), then by id when the text was edited", () => {
  const m = { entries: [
    { id: "I-9", text: "教育を行っている。", fields: ["人"] },
    { id: "I-3", text: "古い文言のバックアップ項目", fields: ["継続"] },
    { id: "I-1", text: "教育を行っている。", fields: ["重複"] },
  ] };
  expect(resolveUserMapping(m, rows)).toEqual([null, ["人"], ["継続"]]);
});

test("bounded and cleaned: names trimmed, duplicates dropped, at most MAX_FIELDS; reset removes the entry", () => {
  const many = Array.from({ length: 30 }, (_, i) => ` 分野${i % 20} `);
  const m = setUserFields(null, rows[1], many);
  expect(m.entries[0].fields).toHaveLength(MAX_FIELDS);
  expect(m.entries[0].fields[0]).toBe("分野0");
  expect(setUserFields(m, rows[1], []).entries).toEqual([]);
});
