import { colToLetters, parseA1, parseRange, rangeToA1, toA1 } from "../../src/core/a1";

describe("a1", () => {
  test("column letters", () => {
    expect(colToLetters(0)).toBe("A");
    expect(colToLetters(25)).toBe("Z");
    expect(colToLetters(26)).toBe("AA");
    expect(colToLetters(701)).toBe("ZZ");
    expect(colToLetters(702)).toBe("AAA");
    expect(colToLetters(16383)).toBe("XFD");
    expect(() => colToLetters(-1)).toThrow(/列番号/);
  });

  test("toA1 and parseA1 are inverse", () => {
    expect(toA1(11, 4)).toBe("E12");
    expect(parseA1("E12")).toEqual({ row: 11, col: 4 });
    expect(parseA1("$E$12")).toEqual({ row: 11, col: 4 });
    expect(parseA1("e12")).toEqual({ row: 11, col: 4 });
    expect(parseA1("Sheet1!AB3")).toEqual({ row: 2, col: 27 });
    for (const [r, c] of [[0, 0], [99, 26], [1048575, 16383]]) expect(parseA1(toA1(r, c))).toEqual({ row: r, col: c });
  });

  test("bad addresses give a clear Japanese-first message", () => {
    expect(() => parseA1("12E")).toThrow(/^セル番地として読めません.*Not a cell address/);
    expect(() => parseA1("A0")).toThrow(/範囲外/);
    expect(() => parseRange("")).toThrow(/セル範囲/);
    expect(() => parseRange("A1:B2:C3")).toThrow(/セル範囲/);
  });

  test("ranges", () => {
    expect(parseRange("B5:F60")).toEqual({ top: 4, left: 1, bottom: 59, right: 5 });
    expect(parseRange("'チェック リスト'!$F$60:$B$5")).toEqual({ top: 4, left: 1, bottom: 59, right: 5 });
    expect(parseRange("E12")).toEqual({ top: 11, left: 4, bottom: 11, right: 4 });
    expect(rangeToA1({ top: 4, left: 1, bottom: 59, right: 5 })).toBe("B5:F60");
    expect(rangeToA1({ top: 11, left: 4, bottom: 11, right: 4 })).toBe("E12");
  });
});
