import { analyse } from "../../src/core/analyse";
import { normaliseChanges } from "../../src/core/normalise";
import { buildChecklist, testProfile, wb } from "./helpers";

test("normaliseChanges proposes exactly the normalized cells, from their raw value to the canonical answer", () => {
  const b = buildChecklist([{ items: [
    { text: "確認文その一", answer: " ○" },
    { text: "確認文その二", answer: "○" },
    { text: "確認文その三", answer: "✕" },
    { text: "確認文その四", answer: "済" },
    { text: "方針の確認文その五", answer: "ー" }, // placed by the profile, no 「-」: not allowed
    { text: "取引先の確認文", answer: "－" },
  ] }]);
  const r = analyse(wb(b.sheet), { profile: testProfile() });
  if (!r.ok) throw new Error("not detected");
  expect(normaliseChanges(r.report)).toEqual([
    { itemId: "S-1", cell: "C2", from: " ○", to: "○" },
    { itemId: "S-3", cell: "C4", from: "✕", to: "×" },
    { itemId: "S-6", cell: "C7", from: "－", to: "-" },
  ]);
});
