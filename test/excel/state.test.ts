import { emptyState, parseState, recordResult, sameScores } from "../../src/excel/state";
import { cellA1, parseAreas, parseRangeA1, rangeA1, rowRuns, splitSheet } from "../../src/excel/address";
import { listItems } from "../../src/excel/read";

describe("stored state", () => {
  test("round-trips through JSON and ignores anything malformed", () => {
    const s = emptyState();
    s.manual = { sheet: "チェック", answers: "D6:D40" };
    s.created = { chartName: "TicsCheckRadar", highlight: { sheet: "チェック", range: "D6:D40" } };
    expect(parseState(JSON.stringify(s))).toEqual(s);
    expect(parseState(s)).toEqual(s);
    expect(parseState("{not json")).toEqual(emptyState());
    expect(parseState({ version: 2 })).toEqual(emptyState());
    expect(parseState(null)).toEqual(emptyState());
    const odd = parseState({ version: 1, manual: { sheet: 3 }, previous: { date: "x", fields: [{ name: "A", score: "9" }, { score: 1 }] }, created: { highlight: { id: 1 } } });
    expect(odd.manual).toBeNull();
    expect(odd.previous).toEqual({ date: "x", overall: null, fields: [{ name: "A", score: null }] });
    expect(odd.created.highlight).toBeUndefined();
  });

  test("「前回」 moves only when the scores changed", () => {
    const s = emptyState();
    const a = { date: "2026-11-01 10:00", overall: 40, fields: [{ name: "A", score: 40 }] };
    const b = { date: "2026-11-20 10:00", overall: 60, fields: [{ name: "A", score: 60 }] };
    recordResult(s, a);
    expect(s.previous).toBeNull();
    recordResult(s, { ...a, date: "2026-11-02 10:00" });
    expect(s.previous).toBeNull();
    recordResult(s, b);
    expect(s.previous?.overall).toBe(40);
    recordResult(s, { ...b, date: "later" });
    expect(s.previous?.overall).toBe(40);
    expect(sameScores(a, b)).toBe(false);
  });
});

describe("addresses", () => {
  test("Excel addresses with sheet names, absolute markers, whole rows and columns", () => {
    expect(parseRangeA1("'My ''Sheet'''!$B$5:$F$60")).toEqual({ top: 4, left: 1, bottom: 59, right: 5 });
    expect(splitSheet("'My ''Sheet'''!A1")).toEqual({ sheet: "My 'Sheet'", ref: "A1" });
    expect(parseRangeA1("C:D")).toMatchObject({ top: 0, left: 2, right: 3 });
    expect(parseRangeA1("5:7")).toMatchObject({ top: 4, bottom: 6, left: 0 });
    expect(parseAreas("S!A1:B2, S!D4")).toEqual([
      { top: 0, left: 0, bottom: 1, right: 1 },
      { top: 3, left: 3, bottom: 3, right: 3 },
    ]);
    expect(cellA1(11, 27)).toBe("AB12");
    expect(rangeA1({ top: 0, left: 0, bottom: 0, right: 0 })).toBe("A1");
    expect(rowRuns([5, 3, 4, 9, 10, 4])).toEqual([[3, 5], [9, 10]]);
    expect(() => parseRangeA1("nonsense")).toThrow();
  });

  test("validation list sources", () => {
    expect(listItems("○,△,×,-")).toEqual(["○", "△", "×", "-"]);
    expect(listItems(" ○ 、△ ,× ")).toEqual(["○", "△", "×"]);
    expect(listItems("=$H$1:$H$4")).toBeNull();
  });
});
