import { charWidth, rowHeight, wrappedLines } from "../../src/core/print";

describe("row heights for wrapped cells", () => {
  test("CJK characters count double, ASCII single", () => {
    expect(charWidth("A")).toBe(1);
    expect(charWidth("あ")).toBe(2);
    expect(charWidth("漢")).toBe(2);
    expect(charWidth("Ｏ")).toBe(2);
  });

  test("lines from text width and column width, line breaks counted", () => {
    expect(wrappedLines("abc", 10)).toBe(1);
    expect(wrappedLines("あ".repeat(20), 11)).toBe(4); // 40 units in 10 usable
    expect(wrappedLines("a\nb\nc", 40)).toBe(3);
  });

  test("a row is as tall as its tallest wrapped cell; one line keeps the default", () => {
    const widths = [6, 44];
    expect(rowHeight(["1", "短い"], widths, new Set([1]))).toBeNull();
    const h = rowHeight(["1", "情報の取扱いルールを文書にし、従業員に周知している。".repeat(4)], widths, new Set([1]));
    expect(h).toBeGreaterThanOrEqual(4 * 15);
    // a long text in a column that does not wrap does not grow the row
    expect(rowHeight(["x".repeat(300), "短い"], widths, new Set([1]))).toBeNull();
  });
});
