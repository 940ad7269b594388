import type { CellValue, SheetInput } from "../../src/core/model";
import { detectChecklist, findCompanyName, locateFromAnswerCells, parseItemNumber, parseSection } from "../../src/core/detect";
import { buildChecklist, plainItems, sampleSections, wb } from "./helpers";

/** Drops the first r0 rows and c0 columns and records them as the sheet's origin (a host that read a used range). */
function cropped(sheet: SheetInput, r0: number, c0: number): SheetInput {
  return { ...sheet, values: sheet.values.slice(r0).map((row) => row.slice(c0)), originRow: r0, originCol: c0 };
}

function ok(result: ReturnType<typeof detectChecklist>) {
  if (!result.ok) throw new Error(`detection failed: ${result.error.message.ja}`);
  return result.location;
}

describe("parseItemNumber / parseSection", () => {
  test.each<[CellValue, string | null]>([
    ["1", "1"], [1, "1"], ["1.", "1"], ["(1)", "1"], ["１", "1"], ["（１２）", "12"], ["1)", "1"], [" 7 ", "7"],
    ["I-1", "I-1"], ["Ⅱ-3", "II-3"], ["No.4", "4"], ["Ｑ５", "5"], ["問6", "6"], ["No", null], [0, null], [1.5, null], ["a", null], ["", null], [null, null], [true, null], ["1-2-3", null],
    ["1-1", "1-1"], ["１－２", "1-2"], ["1‐3", "1-3"], ["Ⅰー4", "I-4"], ["2−5", "2-5"], ["①", "1"], ["⑫", "12"], ["⑴", "1"], ["⒊", "3"], ["㉑", "21"], ["①-1", "1-1"],
  ])("%p -> %p", (v, expected) => {
    const n = parseItemNumber(v);
    expect(n ? (n.prefix ? `${n.prefix}-${n.number}` : n.number) : null).toBe(expected);
  });

  test("sections: roman (full-width or ASCII) or digits + title", () => {
    expect(parseSection("Ⅰ 共通項目")).toEqual({ key: "I", title: "共通項目" });
    expect(parseSection("I. 共通項目")).toEqual({ key: "I", title: "共通項目" });
    expect(parseSection("II 人に関する項目")).toEqual({ key: "II", title: "人に関する項目" });
    expect(parseSection("Ⅲ　物に関する項目")).toEqual({ key: "III", title: "物に関する項目" });
    expect(parseSection("Ｉ．共通項目")).toEqual({ key: "I", title: "共通項目" });
    expect(parseSection("IV技術に関する項目")).toEqual({ key: "IV", title: "技術に関する項目" });
    expect(parseSection("２ 人に関する項目")).toEqual({ key: "2", title: "人に関する項目" });
    expect(parseSection("共通項目")).toBeNull();
    expect(parseSection("IT機器の管理")).toBeNull();
    expect(parseSection("1 2")).toBeNull();
    expect(parseSection("1日1回、記録を確認する")).toBeNull();
    expect(parseSection("第2章 人に関する項目")).toEqual({ key: "2", title: "人に関する項目" });
    expect(parseSection("3) 物に関する項目")).toEqual({ key: "3", title: "物に関する項目" });
    expect(parseSection("Ⅳ．技術に関する項目")).toEqual({ key: "IV", title: "技術に関する項目" });
    expect(parseSection("１　共通項目")).toEqual({ key: "1", title: "共通項目" });
    expect(parseSection("１．共通項目")).toEqual({ key: "1", title: "共通項目" });
  });
});

describe("detectChecklist", () => {
  test("pamphlet layout: 内容 | (empty) | チェック欄, number under 内容", () => {
    const b = buildChecklist(sampleSections());
    const loc = ok(detectChecklist(wb(b.sheet)));
    expect(loc).toMatchObject({ sheet: "チェックリスト", headerRow: 0, numberCol: 0, textCol: 1, answerCol: 2, fieldCol: null, source: "detected" });
    expect(loc.rows.map((r) => r.id)).toEqual(["I-1", "I-2", "I-3", "II-4", "II-5"]);
    expect(loc.rows.map((r) => r.row)).toEqual(b.itemRows);
    expect(loc.sections).toEqual([
      { key: "I", title: "共通項目", label: "Ⅰ 共通項目", row: 1 },
      { key: "II", title: "人に関する項目", label: "Ⅱ 人に関する項目", row: 5 },
    ]);
    expect(loc.rows[1]).toMatchObject({ number: "2", text: "守る情報を決めて、他の情報と区別できるようにしている。", raw: "△", sectionKey: "I" });
  });

  test("a table shifted down and right, in a grid read with an origin", () => {
    const b = buildChecklist(sampleSections(), { top: 17, left: 6, layout: "numbered" });
    const loc = ok(detectChecklist(wb(cropped(b.sheet, 10, 4))));
    expect(loc).toMatchObject({ headerRow: 17, numberCol: 6, textCol: 7, answerCol: 8 });
    expect(loc.rows.map((r) => r.row)).toEqual(b.itemRows);
    expect(loc.rows[0].raw).toBe("○");
  });

  test("a cover sheet before the list, and the list is not first", () => {
    const cover: SheetInput = { name: "表紙", values: [["技術情報管理 自己チェック（テスト）"], [], ["内容をよく読んで回答してください。"], ["会社名", "テスト工業"]] };
    const b = buildChecklist(sampleSections(), { name: "シート2", top: 3, left: 1 });
    const loc = ok(detectChecklist(wb(cover, b.sheet)));
    expect(loc.sheet).toBe("シート2");
    expect(loc.rows).toHaveLength(5);
  });

  test("a hidden helper column holding 内容 does not win over the visible one", () => {
    const b = buildChecklist(sampleSections(), { left: 2, layout: "numbered" });
    const values = b.sheet.values.map((row) => row.slice());
    // Column A (hidden): a helper copy with its own 内容 header and texts; column B empty.
    values[0][0] = "内容";
    for (const r of b.itemRows) values[r][0] = `補助列の文章 ${r}`;
    const sheet: SheetInput = { ...b.sheet, values, hiddenColumns: [0] };
    const loc = ok(detectChecklist(wb(sheet)));
    expect(loc).toMatchObject({ numberCol: 2, textCol: 3, answerCol: 4 });
    expect(loc.rows[0].text).toBe("自社の方針を文書にして全員に知らせている。");
  });

  test("a hidden helper answer column (チェック header, copied values) does not win over the visible one", () => {
    const values: CellValue[][] = [
      ["チェック", "No.", "内容", "チェック欄"],
      ["○", 1, "一つ目の確認文である。", "×"],
      ["○", 2, "二つ目の確認文である。", "△"],
    ];
    const loc = ok(detectChecklist(wb({ name: "s", values, hiddenColumns: [0] })));
    expect(loc.answerCol).toBe(3);
    expect(loc.rows.map((r) => r.raw)).toEqual(["×", "△"]);
  });

  test("numbering restarted in each section gives distinct ids", () => {
    const b = buildChecklist(sampleSections(), { restart: true });
    const loc = ok(detectChecklist(wb(b.sheet)));
    expect(loc.rows.map((r) => r.id)).toEqual(["I-1", "I-2", "I-3", "II-1", "II-2"]);
  });

  test("numbering restarted per section with blank rows between sections", () => {
    const b = buildChecklist(sampleSections(), { restart: true, blankBetween: 2 });
    expect(ok(detectChecklist(wb(b.sheet))).rows.map((r) => r.id)).toEqual(["I-1", "I-2", "I-3", "II-1", "II-2"]);
  });

  test("a numbered score table below the checklist is not read as items", () => {
    const b = buildChecklist(sampleSections());
    const values = b.sheet.values.map((r) => r.slice());
    values.push([], ["分野別の結果（テスト）"], [1, "ルール作り", 0.8], [2, "人的対策", 0.5]);
    const loc = ok(detectChecklist(wb({ ...b.sheet, values })));
    expect(loc.rows.map((r) => r.id)).toEqual(["I-1", "I-2", "I-3", "II-4", "II-5"]);
  });

  test("two-level header: 「チェック欄」 merged down from the row above 「内容」", () => {
    const values: CellValue[][] = [
      ["項目", null, "チェック欄"],
      ["No.", "内容", null],
      ["Ⅰ 共通項目"],
      [1, "一つ目の確認文である。", "○"],
      [2, "二つ目の確認文である。", "△"],
    ];
    const merges = [{ top: 0, bottom: 1, left: 2, right: 2 }, { top: 0, bottom: 0, left: 0, right: 1 }];
    const loc = ok(detectChecklist(wb({ name: "s", values, merges })));
    expect(loc).toMatchObject({ headerRow: 1, numberCol: 0, textCol: 1, answerCol: 2 });
    expect(loc.rows.map((r) => [r.id, r.raw])).toEqual([["I-1", "○"], ["I-2", "△"]]);
  });

  test("a header row repeated inside the table (per printed page) does not split it", () => {
    const values: CellValue[][] = [["内容", null, "チェック欄"], ["Ⅰ 共通項目"]];
    for (let i = 1; i <= 120; i++) {
      if (i % 30 === 0) values.push(["内容", null, "チェック欄"]);
      values.push([i, `確認文その${i}である。`, "○"]);
    }
    const loc = ok(detectChecklist(wb({ name: "s", values })));
    expect(loc.headerRow).toBe(0);
    expect(loc.rows).toHaveLength(120);
    expect(loc.rows[119].id).toBe("I-120");
  });

  test("section rows that repeat the answer header are still sections", () => {
    const values: CellValue[][] = [
      ["内容", null, "チェック欄"],
      ["Ⅰ 共通項目", null, "チェック欄"],
      [1, "一つ目の確認文である。", "○"],
      ["Ⅱ 人に関する項目", null, "チェック\n欄"],
      [1, "二つ目の確認文である。", "×"],
    ];
    const loc = ok(detectChecklist(wb({ name: "s", values })));
    expect(loc.rows.map((r) => r.id)).toEqual(["I-1", "II-1"]);
  });

  test("duplicate numbers in one section get a #2 suffix; items before any section use S", () => {
    const b = buildChecklist([{ items: plainItems(3) }], { number: () => 1 });
    const loc = ok(detectChecklist(wb(b.sheet)));
    expect(loc.rows.map((r) => r.id)).toEqual(["S-1", "S-1#2", "S-1#3"]);
  });

  test.each(["チェック\n欄", "チェック　欄", "チェック\r\n欄", "チ ェ ッ ク 欄", "回答", "評価", "チェック", "ﾁｪｯｸ欄", "回答欄（○△×-）", "チェック欄（○・△・×・－を選択）", "チェック欄\n（○：実施、△：一部実施、×：未実施、－：該当なし）\n"])("answer header %p", (answerHeader) => {
    const b = buildChecklist(sampleSections(), { answerHeader });
    expect(ok(detectChecklist(wb(b.sheet))).answerCol).toBe(2);
  });

  test("a 内容 header with a long note in brackets", () => {
    const b = buildChecklist(sampleSections(), { textHeader: "内容（各項目を読み、右の欄に○△×-を記入）" });
    expect(ok(detectChecklist(wb(b.sheet)))).toMatchObject({ numberCol: 0, textCol: 1, answerCol: 2 });
  });

  test("a long sentence starting with 「チェック欄」 on the header row is not an answer header", () => {
    const values: CellValue[][] = [
      ["No.", "内容", "チェック欄に○△×を記入してください", "チェック欄"],
      [1, "一つ目の確認文である。", null, "○"],
      [2, "二つ目の確認文である。", null, "×"],
    ];
    expect(ok(detectChecklist(wb({ name: "s", values }))).answerCol).toBe(3);
  });

  test("full-width digit sections 「１．」 with full-width item numbers restarting per section", () => {
    const sections = sampleSections();
    sections[0].label = "１．共通項目";
    sections[1].label = "２　人に関する項目";
    const b = buildChecklist(sections, { restart: true, number: (n) => String.fromCharCode(0xff10 + n) });
    const loc = ok(detectChecklist(wb(b.sheet)));
    expect(loc.rows.map((r) => r.id)).toEqual(["1-1", "1-2", "1-3", "2-1", "2-2"]);
    expect(loc.sections.map((s) => [s.key, s.title])).toEqual([["1", "共通項目"], ["2", "人に関する項目"]]);
  });

  test("「Ⅳ．」 sections (full-width period) with numbers continuing across sections", () => {
    const sections = sampleSections();
    sections[0].label = "Ⅲ．物に関する項目";
    sections[1].label = "Ⅳ．技術に関する項目";
    const loc = ok(detectChecklist(wb(buildChecklist(sections).sheet)));
    expect(loc.rows.map((r) => r.id)).toEqual(["III-1", "III-2", "III-3", "IV-4", "IV-5"]);
  });

  test("section labels outdented into a margin column left of the table, numbering restarted", () => {
    const values: CellValue[][] = [
      [null, "No.", "内容", "チェック欄"],
      ["Ⅰ 共通項目"],
      [null, 1, "一つ目の確認文である。", "○"],
      [null, 2, "二つ目の確認文である。", "△"],
      ["Ⅱ", "人に関する項目"],
      [null, 1, "三つ目の確認文である。", "×"],
    ];
    const loc = ok(detectChecklist(wb({ name: "s", values })));
    expect(loc).toMatchObject({ numberCol: 1, textCol: 2, answerCol: 3 });
    expect(loc.rows.map((r) => r.id)).toEqual(["I-1", "I-2", "II-1"]);
    expect(loc.sections.map((x) => [x.key, x.title, x.label])).toEqual([["I", "共通項目", "Ⅰ 共通項目"], ["II", "人に関する項目", "Ⅱ 人に関する項目"]]);
  });

  test("section rows carrying an answer legend (「○△×-」) in the answer column", () => {
    const values: CellValue[][] = [
      ["No.", "内容", "チェック欄"],
      ["Ⅰ 共通項目", null, "○△×-"],
      [1, "一つ目の確認文である。", "○"],
      ["Ⅱ 人に関する項目", null, "○・△・×・－"],
      [1, "二つ目の確認文である。", "×"],
    ];
    const loc = ok(detectChecklist(wb({ name: "s", values })));
    expect(loc.rows.map((r) => r.id)).toEqual(["I-1", "II-1"]);
    // A section-like label with a real answer beside it is not a section row.
    expect(ok(detectChecklist(wb({ name: "s", values: [...values.slice(0, 3), ["Ⅱ 人に関する項目", null, "○"], [2, "二つ目の確認文である。", "×"]] }))).sections).toHaveLength(1);
  });

  test("header 内容 merged across the number and text columns", () => {
    const b = buildChecklist(sampleSections(), { layout: "merged", top: 2, left: 1 });
    const loc = ok(detectChecklist(wb(b.sheet)));
    expect(loc).toMatchObject({ numberCol: 1, textCol: 2, answerCol: 3 });
    expect(loc.rows).toHaveLength(5);
  });

  test.each<[string, (n: number) => CellValue, string[]]>([
    ["strings", (n) => String(n), ["I-1", "I-2"]],
    ["dotted", (n) => `${n}.`, ["I-1", "I-2"]],
    ["parenthesised", (n) => `(${n})`, ["I-1", "I-2"]],
    ["full-width", (n) => String.fromCharCode(0xff10 + n), ["I-1", "I-2"]],
    ["prefixed", (n) => `I-${n}`, ["I-1", "I-2"]],
    ["section-digit prefixed 1-1", (n) => `1-${n}`, ["1-1", "1-2"]],
    ["prefixed with a long-vowel dash", (n) => `Ⅰー${n}`, ["I-1", "I-2"]],
    ["circled", (n) => String.fromCharCode(0x245f + n), ["I-1", "I-2"]],
    ["parenthesised full-width", (n) => `（${String.fromCharCode(0xff10 + n)}）`, ["I-1", "I-2"]],
  ])("item numbers written as %s", (_name, number, firstIds) => {
    const b = buildChecklist(sampleSections(), { number });
    const loc = ok(detectChecklist(wb(b.sheet)));
    expect(loc.rows).toHaveLength(5);
    expect(loc.rows.slice(0, 2).map((r) => r.id)).toEqual(firstIds);
  });

  test("section labels in the text column, ASCII numerals with a dot, blank rows between, extra 備考 column", () => {
    const sections = sampleSections();
    sections[0].label = "I. 共通項目";
    sections[1].label = "II. 人に関する項目";
    const b = buildChecklist(sections, { sectionIn: "text", blankBetween: 2, remarks: true, layout: "numbered" });
    const loc = ok(detectChecklist(wb(b.sheet)));
    expect(loc.rows.map((r) => r.id)).toEqual(["I-1", "I-2", "I-3", "II-4", "II-5"]);
    expect(loc.sections.map((s) => s.title)).toEqual(["共通項目", "人に関する項目"]);
    expect(loc.answerCol).toBe(2);
  });

  test("a 分野 column is found and read", () => {
    const b = buildChecklist([{ label: "Ⅰ 共通項目", items: [{ text: "方針を決めている。", answer: "○", field: "ルール、人" }, { text: "記録を残している。", answer: "×" }] }], { fieldColumn: true });
    const loc = ok(detectChecklist(wb(b.sheet)));
    expect(loc.fieldCol).toBe(3);
    expect(loc.rows.map((r) => r.fieldText)).toEqual(["ルール、人", null]);
  });

  test("answer column left of the text (no fixed column order)", () => {
    const values: CellValue[][] = [
      ["回答", "No.", "内容"],
      ["Ⅰ 共通項目"],
      ["○", 1, "一つ目の確認文である。"],
      [null, 2, "二つ目の確認文である。"],
    ];
    const loc = ok(detectChecklist(wb({ name: "逆順", values })));
    expect(loc).toMatchObject({ answerCol: 0, numberCol: 1, textCol: 2 });
    expect(loc.rows.map((r) => r.raw)).toEqual(["○", null]);
  });

  test("numbers leading the item text when there is no number column", () => {
    const values: CellValue[][] = [
      ["内容", "チェック欄"],
      ["1. 一つ目の確認文である。", "○"],
      ["2. 二つ目の確認文である。", "×"],
    ];
    const loc = ok(detectChecklist(wb({ name: "s", values })));
    expect(loc.numberCol).toBe(loc.textCol);
    expect(loc.rows.map((r) => r.id)).toEqual(["S-1", "S-2"]);
  });

  test.each<[string, (n: number) => string, string[]]>([
    ["1-1 …", (n) => `1-${n} `, ["1-1", "1-2"]],
    ["Ⅰー1. …", (n) => `Ⅰー${n}. `, ["I-1", "I-2"]],
    ["①…", (n) => String.fromCharCode(0x245f + n), ["S-1", "S-2"]],
    ["No.1 …", (n) => `No.${n} `, ["S-1", "S-2"]],
    ["（１）…", (n) => `（${String.fromCharCode(0xff10 + n)}）`, ["S-1", "S-2"]],
  ])("numbers written as %s leading the item text", (_name, pre, ids) => {
    const values: CellValue[][] = [
      ["内容", "チェック欄"],
      [`${pre(1)}一つ目の確認文である。`, "○"],
      [`${pre(2)}二つ目の確認文である。`, "×"],
    ];
    const loc = ok(detectChecklist(wb({ name: "s", values })));
    expect(loc.numberCol).toBe(loc.textCol);
    expect(loc.rows.map((r) => r.id)).toEqual(ids);
    expect(loc.rows.map((r) => r.raw)).toEqual(["○", "×"]);
  });

  test("the table ends where item rows stop; text after it is not an item", () => {
    const b = buildChecklist(sampleSections(), { trailer: ["あなたの組織の取組状況は以下のとおりです（テスト）", "1 これは注記です。"] });
    const loc = ok(detectChecklist(wb(b.sheet)));
    expect(loc.rows).toHaveLength(5);
  });

  test("several qualifying sheets: the one with most items wins; visible beats hidden", () => {
    const small = buildChecklist(sampleSections(), { name: "小" });
    const big = buildChecklist([{ label: "Ⅰ 共通項目", items: plainItems(12) }], { name: "大" });
    expect(ok(detectChecklist(wb(small.sheet, big.sheet))).sheet).toBe("大");
    const hiddenBig = { ...big.sheet, hidden: true };
    expect(ok(detectChecklist(wb(hiddenBig, small.sheet))).sheet).toBe("小");
  });

  test("a legend table 「回答 | 内容」 above the checklist does not win", () => {
    const b = buildChecklist(sampleSections(), { top: 6, left: 1 });
    const values = b.sheet.values.map((r) => (r ? r.slice() : []));
    values[0] = [null, "回答", "内容"];
    values[1] = [null, "○", "実施している（テスト用の説明）"];
    values[2] = [null, "△", "一部実施している（テスト用の説明）"];
    values[3] = [null, "-", "該当しない（テスト用の説明）"];
    const loc = ok(detectChecklist(wb({ ...b.sheet, values })));
    expect(loc).toMatchObject({ headerRow: 6, numberCol: 1, textCol: 2, answerCol: 3 });
    expect(loc.rows).toHaveLength(5);
  });

  test("two answer-like headers: the column holding answers wins over a score column", () => {
    const values: CellValue[][] = [
      ["No.", "内容", "評価", "チェック欄"],
      [1, "一つ目の確認文である。", 1, "○"],
      [2, "二つ目の確認文である。", 0.5, "△"],
      [3, "三つ目の確認文である。", 0, "×"],
    ];
    expect(ok(detectChecklist(wb({ name: "s", values }))).answerCol).toBe(3);
  });

  test("answer header merged over two columns: the column holding the answers is used", () => {
    const values: CellValue[][] = [
      ["No.", "内容", null, "チェック欄", null],
      [1, "一つ目の確認文である。", null, null, "○"],
      [2, "二つ目の確認文である。", null, null, "×"],
    ];
    const loc = ok(detectChecklist(wb({ name: "s", values, merges: [{ top: 0, bottom: 0, left: 3, right: 4 }] })));
    expect(loc).toMatchObject({ textCol: 1, numberCol: 0, answerCol: 4 });
    expect(loc.rows.map((r) => r.raw)).toEqual(["○", "×"]);
  });

  test("a table headed 「項目 | チェック欄」 (no 「内容」) is found through the fallback header", () => {
    const values: CellValue[][] = [
      ["番号", "確認項目", "チェック欄"],
      [1, "一つ目の確認文である。", "○"],
      [2, "二つ目の確認文である。", "△"],
    ];
    const loc = ok(detectChecklist(wb({ name: "s", values })));
    expect(loc).toMatchObject({ numberCol: 0, textCol: 1, answerCol: 2 });
    // A 「内容」 table elsewhere wins over the fallback, even with fewer items.
    const real = buildChecklist([{ items: [{ text: "本物の表の確認文である。", answer: "○" }] }], { name: "本物" });
    expect(ok(detectChecklist(wb({ name: "s", values }, real.sheet))).sheet).toBe("本物");
  });

  test("far-right table, text merged over three columns, ragged rows, full-width dotted numbers, text with line breaks", () => {
    const L = 20;
    const row = (cells: Record<number, CellValue>): CellValue[] => {
      const out: CellValue[] = [];
      for (const [k, val] of Object.entries(cells)) out[Number(k)] = val;
      return Array.from(out, (x) => (x === undefined ? null : x));
    };
    const values: CellValue[][] = [
      row({ 0: "説明書き（テスト）" }),
      row({ [L]: "番号", [L + 1]: "内容", [L + 4]: "評価", [L + 5]: "備考" }),
      row({ [L]: "Ⅰ．共通項目" }),
      row({ [L]: "１．", [L + 1]: "一行目\n二行目に続く確認文", [L + 4]: "△" }),
      row({ [L]: "２．", [L + 1]: "短い行の確認文" }), // ragged: ends before the answer column
      row({ [L]: "３．", [L + 1]: "三つ目の確認文", [L + 4]: "ｘ", [L + 5]: "メモ" }),
    ];
    const merges = [3, 4, 5].map((r) => ({ top: r, bottom: r, left: L + 1, right: L + 3 }));
    const loc = ok(detectChecklist(wb({ name: "右端", values, merges })));
    expect(loc).toMatchObject({ headerRow: 1, numberCol: L, textCol: L + 1, answerCol: L + 4 });
    expect(loc.rows.map((r) => [r.id, r.raw])).toEqual([["I-1", "△"], ["I-2", null], ["I-3", "ｘ"]]);
    expect(loc.rows[0].text).toBe("一行目\n二行目に続く確認文");
  });

  test("no checklist: the error says what was looked for, in Japanese first", () => {
    const r = detectChecklist(wb({ name: "メモ", values: [["売上", 100], ["費用", 50]] }, { name: "空", values: [] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("no_checklist");
    expect(r.error.message.ja).toContain("「内容」");
    expect(r.error.message.ja).toContain("「チェック欄」");
    expect(r.error.message.ja).toContain("「メモ」");
    expect(r.error.message.en).toContain("Looked for");
    expect(r.error.looked.map((l) => l.sheet)).toEqual(["メモ", "空"]);
  });

  test("headers without item rows: no_items names the sheet and row", () => {
    const r = detectChecklist(wb({ name: "S", values: [[], ["内容", null, "チェック欄"], [null, "説明だけの行"]] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("no_items");
    expect(r.error.message.ja).toContain("「S」");
    expect(r.error.message.ja).toContain("2 行目");
  });

  test("empty workbook", () => {
    const r = detectChecklist({ sheets: [] });
    expect(r.ok ? null : r.error.code).toBe("empty_workbook");
  });
});

describe("locateFromAnswerCells", () => {
  test("finds text and number columns from the selected answer cells, without any header", () => {
    const values: CellValue[][] = [
      ["自己点検表（見出しなし）"],
      [],
      [null, "Ⅰ 共通項目"],
      [null, 1, "一つ目の確認文である。", "○"],
      [null, 2, "二つ目の確認文である。", "ー"],
      [null, "Ⅱ 人に関する項目"],
      [null, 1, "三つ目の確認文である。", null],
    ];
    const r = locateFromAnswerCells(wb({ name: "手動", values }), "手動", { top: 2, bottom: 6, left: 3, right: 3 });
    const loc = ok(r);
    expect(loc).toMatchObject({ source: "manual", answerCol: 3, textCol: 2, numberCol: 1 });
    expect(loc.rows.map((x) => x.id)).toEqual(["I-1", "I-2", "II-1"]);
  });

  test("a selection that includes the answer header row takes it as the header", () => {
    const b = buildChecklist(sampleSections(), { top: 2, left: 1 });
    const r = locateFromAnswerCells(wb(b.sheet), b.sheet.name, { top: 2, bottom: 9, left: 3, right: 3 });
    const loc = ok(r);
    expect(loc.headerRow).toBe(2);
    expect(loc.rows.map((x) => x.row)).toEqual(b.itemRows);
  });

  test("a selection without items, or a missing sheet, gives an error", () => {
    const values: CellValue[][] = [["a", "b"], ["c", "d"]];
    const r = locateFromAnswerCells(wb({ name: "x", values }), "x", { top: 0, bottom: 1, left: 1, right: 1 });
    expect(r.ok ? null : r.error.code).toBe("no_items");
    const neg = locateFromAnswerCells(wb({ name: "x", values }), "x", { top: 0, bottom: 1, left: -1, right: 1 });
    expect(neg.ok ? null : neg.error.code).toBe("no_items");
    const m = locateFromAnswerCells(wb({ name: "x", values }), "y", { top: 0, bottom: 1, left: 1, right: 1 });
    expect(m.ok ? null : m.error.message.ja).toContain("「y」");
  });
});

describe("findCompanyName", () => {
  test.each<[CellValue[][], string | null]>([
    [[["会社名", "テスト工業株式会社"]], "テスト工業株式会社"],
    [[["企業名：", null, "株式会社テスト"]], "株式会社テスト"],
    [[["事業者名"], ["テスト合同会社"]], "テスト合同会社"],
    [[["組織名：テスト組合"]], "テスト組合"],
    [[["貴社名: Test Ltd."]], "Test Ltd."],
    [[["会社名"], [null]], null],
    [[["会社名の記入は不要です"]], null],
    [[["会社名", null], ["担当者名", null]], null],
    [[["会社名"], ["記入日："]], null],
    [[["会社名", 12345]], null],
    [[["会社名", "株式会社テスト製作所"]], "株式会社テスト製作所"],
    [[["会社名", "山田製作所"]], "山田製作所"],
    [[["会社名", "朝日"]], "朝日"],
    // an empty company row above another label/value row (our own results sheet): never the label below
    [[["会社名", ""], ["項目数", 28]], null],
    [[["会社名", null], ["回答済み", 20]], null],
    // a vertical form: label above its value
    [[["会社名", null], ["テスト工業株式会社", null]], "テスト工業株式会社"],
  ])("%j -> %p", (values, expected) => {
    expect(findCompanyName(wb({ name: "表紙", values }))).toBe(expected);
  });

  test("a sheet written by TICS Check is not read for the company (it only repeats what was found)", () => {
    const values: CellValue[][] = [["TICS Check 診断結果"], [], ["会社名", "前回の会社"]];
    expect(findCompanyName(wb({ name: "診断結果", values }))).toBeNull();
  });
});
