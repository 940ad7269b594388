import { runCheck, type CheckProgress } from "../../src/app/check-worker";
import { synthXlsx } from "../cli/synth";

describe("runCheck (the Web Worker's work)", () => {
  it("reads and analyses a workbook, reporting progress per sheet and then the check", () => {
    const seen: CheckProgress[] = [];
    const r = runCheck(synthXlsx({ items: 12 }), "a.xlsx", (p) => seen.push(p));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.report.items).toHaveLength(12);
      expect(r.wb.sheets[0].cells?.length).toBeGreaterThan(12);
    }
    expect(seen).toEqual([{ stage: "reading", done: 1, total: 1 }, { stage: "checking" }]);
  });

  it("turns an unreadable file into a read error with the reader's message", () => {
    const r = runCheck(new Uint8Array([1, 2, 3]), "x.xlsx");
    expect(r).toMatchObject({ ok: false, stage: "read", code: "not_zip" });
  });

  it("the result survives structured cloning (what postMessage does) without the dense view", () => {
    const r = runCheck(synthXlsx({ items: 5 }), "a.xlsx");
    const copy = structuredClone(r);
    expect(copy).toMatchObject({ ok: true });
    if (copy.ok) expect(Object.prototype.hasOwnProperty.call(copy.wb.sheets[0], "values")).toBe(false);
  });
});
