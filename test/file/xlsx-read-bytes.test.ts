/**
 * The byte readers (readSharedStringsBytes, parseSheetBytes: TextDecoder in bounded chunks, RegExp scanning) side by
 * side with the text parsers (readSharedStrings, parseSheet) on generated parts that hold everything issue 8 names:
 * prefixes, whitespace, attributes in any order and quoting, entities, CDATA, comments, a ">" inside a quoted
 * attribute, inline strings with rich and phonetic runs, cells and rows without `r`, rows and cells out of order,
 * hidden rows, shared-string indexes that are not plain integers, addresses beyond Excel's grid. Each part is also
 * read in tiny chunks, so every construct is cut by a chunk boundary somewhere.
 */
import fc from "fast-check";
import { LARGE_SST_BYTES, parseSheet, parseSheetBytes, readSharedStrings, readSharedStringsBytes, readSharedStringsScan } from "../../src/file/xlsx-read";

const enc = new TextEncoder();
const CHUNKS = [1 << 20, 64, 7];

/** An attribute with either quote; `value` is already escaped for XML. */
const attr = (name: string, value: string, quote: string) => ` ${name}=${quote}${value}${quote}`;

const quote = fc.constantFrom('"', '"', "'");
const space = fc.constantFrom("", "", "", " ", "\n  ");
const prefix = fc.constantFrom("", "", "", "x:");

/** Column letters for 0-based `c` (beyond XFD too). */
function letters(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const cellRef = fc.oneof(
  { weight: 60, arbitrary: fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 40 })).map(([c, r]) => `${letters(c)}${r}`) },
  { weight: 8, arbitrary: fc.constantFrom("XFD1", "A1048576", "A0", "a5", "A&#49;", "1A", " B2 ", "") },
  // beyond the grid: the whole sheet is an error
  { weight: 1, arbitrary: fc.constantFrom("XFE1", "A1048577", "AAAA1", "A12345678") },
);

const textValue = fc.constantFrom("abc", "○", "内容 1", "A &amp; B", "&lt;x&gt;", "&#x3042;", "_x000D_", "x_x0041_y", " spaced ", "", "&unknown;", "a>b");
const numberValue = fc.constantFrom("0", "1", "2", "3", "4", " 2 ", "1.5", "-3", "1e400", "1E+3", "007", "1.0", "abc", "999999999", "1234567890", "#N/A", "");
const cellType = fc.constantFrom(undefined, undefined, "s", "s", "n", "b", "e", "str", "inlineStr", "d");

/** The content of a cell: nothing, a `<v>` (maybe with CDATA or a comment inside), or an inline string. */
const cellBody = (p: string) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 6, arbitrary: fc.oneof(numberValue, textValue).map((v) => `<${p}v>${v}</${p}v>`) },
    { weight: 1, arbitrary: fc.constantFrom(`<${p}v><![CDATA[12]]></${p}v>`, `<${p}v>1<!-- <c r="Z9"><v>5</v></c> -->2</${p}v>`, `<${p}v/>`, `<${p}v xml:space="preserve"> 4 </${p}v>`) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        `<${p}is><${p}t>in&amp;line</${p}t></${p}is>`,
        `<${p}is><${p}r><${p}rPr><${p}b/></${p}rPr><${p}t>リッチ</${p}t></${p}r><${p}r><${p}t xml:space="preserve"> テキスト</${p}t></${p}r><${p}rPh sb="0" eb="1"><${p}t>ふりがな</${p}t></${p}rPh></${p}is>`,
        `<${p}is><${p}t><![CDATA[<raw> & ]]>_x000D_</${p}t></${p}is>`,
        `<${p}is><${p}t/></${p}is>`,
        `<${p}is><${p}rPh/><${p}t>after an empty phonetic run</${p}t></${p}is>`,
        `<${p}is>\n  <${p}t>spaced</${p}t>\n</${p}is>`,
      ),
    },
  );

const cell = fc
  .record({
    p: prefix,
    ref: fc.option(cellRef, { nil: undefined, freq: 5 }),
    type: cellType,
    extra: fc.subarray(['s="3"', "cm='1'", 'a="x>y"', "b='q\"uote'", 'x:r="B9"']),
    order: fc.integer({ min: 0, max: 5 }),
    q: quote,
    ws: space,
  })
  .chain((c) => cellBody(c.p).map((body) => ({ ...c, body })))
  .map(({ p, ref, type, extra, order, q, ws, body }) => {
    const attrs = [...extra.map((e) => ` ${e}`)];
    if (ref !== undefined) attrs.splice(order % (attrs.length + 1), 0, attr("r", ref, q));
    if (type !== undefined) attrs.splice((order * 7) % (attrs.length + 1), 0, attr("t", type, q));
    const open = `<${p}c${attrs.join("")}${ws.startsWith("\n") ? " " : ws}`;
    return body === null ? `${open}/>` : `${open}>${ws}${body}${ws}</${p}c>`;
  });

const row = fc
  .record({
    p: prefix,
    r: fc.option(
      fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 1, max: 40 }).map(String) }, { weight: 5, arbitrary: fc.constantFrom(" 7 ", "abc", "1048576", "0", "") }, { weight: 1, arbitrary: fc.constant("1048577") }),
      { nil: undefined, freq: 5 },
    ),
    hidden: fc.constantFrom(undefined, undefined, "1", "true", "0", "false"),
    spans: fc.boolean(),
    q: quote,
    ws: space,
    cells: fc.array(cell, { maxLength: 6 }),
    selfClosing: fc.boolean(),
  })
  .map(({ p, r, hidden, spans, q, ws, cells, selfClosing }) => {
    let a = "";
    if (spans) a += attr("spans", "1:3", q);
    if (r !== undefined) a += attr("r", r, q);
    if (hidden !== undefined) a += attr("hidden", hidden, q);
    if (selfClosing && !cells.length) return `<${p}row${a}/>`;
    return `<${p}row${a}>${cells.map((c) => ws + c).join("")}${ws}</${p}row>`;
  });

const between = fc.constantFrom("", "", "", "\n", '<!-- <row r="99"><c r="A99"><v>9</v></c></row> -->', "<?pi data?>", "<!-- a > b -->");

const sheetData = fc.array(fc.tuple(between, row), { maxLength: 12 }).map((rows) => rows.map(([b, r]) => b + r).join(""));

const sheet = (data: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="2" max="3" hidden="1"/></cols><sheetData>${data}</sheetData>` +
  `<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><dataValidations count="1"><dataValidation type="list" sqref="C1:C9"><formula1>"○,△,×"</formula1></dataValidation></dataValidations></worksheet>`;

const SST = ["○", "内容", "A & B", "x_x0041_"];

describe("parseSheetBytes on generated sheets", () => {
  it("reads the same as parseSheet, whole and in tiny chunks (property)", () => {
    const seen = { error: 0, cells: 0, hidden: 0, bad: 0 };
    fc.assert(
      fc.property(sheetData, (data) => {
        const xml = sheet(data);
        const want = parseSheet(xml, SST);
        if (want.error) seen.error++;
        if (want.cells.length) seen.cells++;
        if (want.hiddenRows.length) seen.hidden++;
        if (want.badStringIndexes.length) seen.bad++;
        const bytes = enc.encode(xml);
        for (const chunk of CHUNKS) expect(parseSheetBytes(bytes, SST, chunk)).toEqual(want);
      }),
      { numRuns: 400 },
    );
    // The generator reaches every case (cells, hidden rows, bad indexes, the grid error), not just some of them.
    expect(seen.cells).toBeGreaterThan(150);
    expect(seen.hidden).toBeGreaterThan(50);
    expect(seen.bad).toBeGreaterThan(50);
    expect(seen.error).toBeGreaterThan(20);
    expect(seen.error).toBeLessThan(200);
  });

  it("reads a fixed sample of those cases to known values", () => {
    const data =
      '<row r="3" hidden="1"><c r="B3" t="s"><v>1</v></c><c r="A3" t="s"><v> 2 </v></c><c t="s"><v>1.0</v></c><c r=\'E3\' t="s"><v>4</v></c></row>' +
      '<row r="1"><x:c r="A1"><x:v>7</x:v></x:c></row><row><c><v>8</v></c></row>';
    const got = parseSheetBytes(enc.encode(sheet(data)), SST, 7)!;
    // a Node Buffer (what the CLI's zlib gives) reads the same
    expect(parseSheetBytes(Buffer.from(enc.encode(sheet(data))), SST, 7)).toEqual(got);
    expect(got.cells).toEqual([
      { row: 0, cols: [0], vals: [7] },
      { row: 1, cols: [0], vals: [8] },
      { row: 2, cols: [0, 1], vals: ["A & B", "内容"] },
    ]);
    expect(got.hiddenRows).toEqual([2]);
    // a cell without `r` is named by its value
    expect(got.badStringIndexes).toEqual(["1.0", "E3"]);
    const far = parseSheetBytes(enc.encode(sheet('<row r="1"><c r="A1"><v>1</v></c><c r="XFE1"><v>2</v></c></row>')), SST)!;
    expect(far.cells).toEqual([]);
    expect(far.error?.en).toMatch(/XFE1/);
  });

  it("keeps to bounded chunks on a large part: no decoded piece is much bigger than a chunk (or the largest row)", () => {
    const rows: string[] = [];
    for (let r = 1; r <= 20000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="s"><v>${r % 4}</v></c><c r="C${r}" t="inlineStr"><is><t>項目 ${r}</t></is></c></row>`);
    // One row far bigger than a chunk (a long inline string with a comment in it).
    const big = `<row r="20001"><c r="A20001" t="inlineStr"><is><t>${"長".repeat(100000)}<!-- ${"x".repeat(50000)} --></t></is></c></row>`;
    rows.push(big);
    const xml = sheet(rows.join(""));
    const bytes = enc.encode(xml);
    expect(bytes.length).toBeGreaterThan(2_000_000);
    const bigBytes = enc.encode(big).length;
    const decode = jest.spyOn(TextDecoder.prototype, "decode");
    try {
      const got = parseSheetBytes(bytes, SST, 1 << 16);
      const sizes = decode.mock.calls.map((c) => (c[0] as Uint8Array | undefined)?.byteLength ?? 0);
      expect(Math.max(...sizes)).toBeLessThan(bigBytes + 2 * (1 << 16));
      expect(sizes.length).toBeGreaterThan(20);
      decode.mockRestore();
      expect(got).toEqual(parseSheet(xml, SST));
      expect(got!.cells).toHaveLength(20001);
    } finally {
      decode.mockRestore();
    }
  });

  it("throws on a construct the part never closes, as the text parser does", () => {
    for (const data of ['<row r="1"><c r="A1"><v>1</v></c><!-- never closed', '<row r="1"><c r="A1" t="s', '<row r="1"><![CDATA[x']) {
      const xml = sheet(data);
      expect(() => parseSheet(xml, SST)).toThrow(/unterminated/);
      for (const chunk of CHUNKS) expect(() => parseSheetBytes(enc.encode(xml), SST, chunk)).toThrow(/unterminated/);
    }
  });

  it("declines formulas, a second <sheetData> and a prefixed one (the caller decodes the part and uses parseSheet)", () => {
    expect(parseSheetBytes(enc.encode(sheet('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>')), SST)).toBeNull();
    // a formula far into the part, past the first chunks
    const late = sheet(`${'<row><c><v>1</v></c></row>'.repeat(50)}<row><c><f t="shared" si="0"/><v>2</v></c></row>`);
    expect(parseSheetBytes(enc.encode(late), SST, 64)).toBeNull();
    expect(parseSheetBytes(enc.encode(sheet('<row r="1"><c r="A1"><v>1</v></c></row></sheetData><sheetData><row r="2"><c r="A2"><v>2</v></c></row>')), SST)).toBeNull();
    expect(parseSheetBytes(enc.encode(sheet("").replace(/sheetData>/g, "x:sheetData>").replace("<sheetData", "<x:sheetData")), SST)).toBeNull();
  });
});

const siText = fc.constantFrom("○", "内容", "A &amp; B &lt;C&gt;", "&#x3042;&#12354;", "line_x000D_break", "_x005F_x0041_", " 前後 ", "", "a>b", "&unknown;", "接頭辞 🙂");

const si = fc
  .record({
    p: prefix,
    ws: space,
    text: siText,
    text2: siText,
    kind: fc.integer({ min: 0, max: 10 }),
  })
  .map(({ p, ws, text, text2, kind }) => {
    const t = (s: string, a = "") => `<${p}t${a}>${s}</${p}t>`;
    const inner = [
      t(text),
      t(text, ' xml:space="preserve"'),
      `${t(text)}<${p}rPh sb="0" eb="2">${t(text2)}</${p}rPh><${p}phoneticPr fontId="1"/>`,
      `<${p}r><${p}rPr><${p}b/><${p}sz val="11"/></${p}rPr>${t(text)}</${p}r>${ws}<${p}r>${t(text2, ' xml:space="preserve"')}</${p}r>`,
      `<${p}t><![CDATA[<raw> & ${text}]]></${p}t>`,
      `<${p}t/>`,
      `<${p}rPh/>${t(text)}`,
      `${t(text)}<!-- <t>not this</t> -->`,
      `<${p}t a='1>2'>${text}</${p}t>`,
      `${ws}${t(text)}${ws}<${p}phoneticPr fontId="1" type="noConversion"/>${ws}`,
      null,
    ][kind];
    return inner === null ? `<${p}si/>` : `<${p}si>${inner}</${p}si>`;
  });

describe("readSharedStringsBytes on generated tables", () => {
  it("reads the same strings as readSharedStrings, whole and in tiny chunks (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(between, si), { maxLength: 15 }), (items) => {
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${items.map(([b, s]) => b + s).join("")}</sst>`;
        const want = readSharedStrings(xml);
        expect(want.length).toBe(items.length);
        const bytes = enc.encode(xml);
        for (const chunk of CHUNKS) expect(readSharedStringsBytes(bytes, chunk)).toEqual(want);
        // the byte scanner kept for large tables; a Node Buffer (what the CLI's zlib gives)
        expect(readSharedStringsScan(bytes)).toEqual(want);
        expect(readSharedStringsBytes(Buffer.from(bytes), 7)).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it("keeps to bounded chunks on a table just under LARGE_SST_BYTES, and reads larger ones with the byte scanner", () => {
    const items: string[] = [];
    for (let i = 0; i < 20000; i++) items.push(i % 3 ? `<si><t>項目 ${i}</t></si>` : `<si><r><t>リッチ ${i}</t></r><r><t xml:space="preserve"> 続き</t></r><rPh sb="0" eb="1"><t>ふり</t></rPh></si>`);
    const xml = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${items.join("")}</sst>`;
    const bytes = enc.encode(xml);
    expect(bytes.length).toBeGreaterThan(LARGE_SST_BYTES / 2);
    expect(bytes.length).toBeLessThan(LARGE_SST_BYTES);
    const decode = jest.spyOn(TextDecoder.prototype, "decode");
    try {
      const got = readSharedStringsBytes(bytes, 1 << 16);
      const sizes = decode.mock.calls.map((c) => (c[0] as Uint8Array | undefined)?.byteLength ?? 0);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(1 << 16);
      expect(sizes.length).toBeGreaterThan(10);
      decode.mockRestore();
      expect(got).toEqual(readSharedStrings(xml));
      expect(got[1]).toBe("項目 1");
      expect(got[3]).toBe("リッチ 3 続き");
    } finally {
      decode.mockRestore();
    }
    // Twice as many items: past LARGE_SST_BYTES, the byte scanner decodes only the text of each <t> run.
    const large = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${items.join("")}${items.join("")}</sst>`;
    const largeBytes = enc.encode(large);
    expect(largeBytes.length).toBeGreaterThanOrEqual(LARGE_SST_BYTES);
    const decode2 = jest.spyOn(TextDecoder.prototype, "decode");
    try {
      const got = readSharedStringsBytes(largeBytes);
      const sizes = decode2.mock.calls.map((c) => (c[0] as Uint8Array | undefined)?.byteLength ?? 0);
      expect(Math.max(...sizes)).toBeLessThan(100);
      decode2.mockRestore();
      expect(got).toEqual(readSharedStrings(large));
      expect(got).toHaveLength(40000);
    } finally {
      decode2.mockRestore();
    }
  });
});
