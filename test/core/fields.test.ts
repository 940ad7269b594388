import { FieldNames, aboutRanges, assignFields, canonicalFieldName, conditionEnd, matchTopic, prepareProfile, scanText, splitFieldNames, textAllowsNa } from "../../src/core/fields";
import { fold } from "../../src/core/text";
import { testProfile } from "./helpers";

const p = prepareProfile(testProfile());

describe("fields", () => {
  test("splitFieldNames splits on 、 , ， and line breaks but not on ・", () => {
    expect(splitFieldNames("ルール、人")).toEqual(["ルール", "人"]);
    expect(splitFieldNames("ルール, 人，技術\n独自分野")).toEqual(["ルール", "人", "技術", "独自分野"]);
    expect(splitFieldNames("ルール・体制")).toEqual(["ルール・体制"]);
    expect(splitFieldNames(" 、 ")).toEqual([]);
  });

  test("canonical names: profile name, English name, id and aliases map to name.ja; unknown names stay", () => {
    expect(canonicalFieldName("規程", p)).toBe("ルール");
    expect(canonicalFieldName("People", p)).toBe("人");
    expect(canonicalFieldName("ｔｅｃｈ", p)).toBe("技術");
    expect(canonicalFieldName("人的 対策", p)).toBe("人");
    expect(canonicalFieldName("独自の分野", p)).toBe("独自の分野");
  });

  test("topic: highest keyword weight wins, ties by specificity (more matched characters), then profile order", () => {
    // 教育 hits training and pledge once each (same weight, same length) -> training (earlier); 誓約+教育 -> pledge.
    expect(matchTopic(fold("年一回の教育を行う"), p)?.id).toBe("training");
    expect(matchTopic(fold("教育の後に誓約を取る"), p)?.id).toBe("pledge");
    expect(matchTopic(fold("パスワードとIDを管理"), p)?.id).toBe("access");
    expect(matchTopic(fold("関係のない文"), p)).toBeNull();
  });

  test("assignment order: user, column, matrix, workbook, rule, none — never the section title", () => {
    const t = fold("方針を決める");
    expect(assignFields(t, { user: ["私の分野"], column: "技術", matrix: ["M"], workbook: ["W"] }, p)).toMatchObject({ fields: ["私の分野"], fieldSource: "user" });
    expect(assignFields(t, { column: "技術、独自", matrix: ["M"], workbook: ["W"] }, p)).toMatchObject({ fields: ["技術", "独自"], fieldSource: "column" });
    expect(assignFields(t, { column: "技術、独自" }, p).topic?.id).toBe("policy");
    expect(assignFields(t, { matrix: ["M1", "M2"], workbook: ["W"] }, p)).toMatchObject({ fields: ["M1", "M2"], fieldSource: "matrix" });
    expect(assignFields(t, { workbook: ["W"] }, p)).toMatchObject({ fields: ["W"], fieldSource: "workbook" });
    expect(assignFields(fold("IDを管理する"), {}, p)).toMatchObject({ fields: ["技術", "ルール"], fieldSource: "rule" });
    expect(assignFields(t, { column: "" }, p)).toMatchObject({ fields: ["ルール"], fieldSource: "rule" });
    expect(assignFields(fold("関係のない文"), {}, p)).toMatchObject({ fields: [], fieldSource: "none", topic: null });
    // A workbook with its own field structure: the profile's rules add no field of ours.
    expect(assignFields(t, { structured: true }, p)).toMatchObject({ fields: [], fieldSource: "none" });
    expect(assignFields(fold("x"), { column: "ルール、規程" }, p).fields).toEqual(["ルール"]);
  });

  test("names as the workbook writes them: width, case and spaces fold; distinct names never merge", () => {
    const book = new FieldNames(p);
    expect(book.name("ルール作り")).toBe("ルール作り");
    expect(book.name("ルールの実践")).toBe("ルールの実践");
    expect(book.name(" ルール 作り ")).toBe("ルール作り");
    expect(book.name("ﾙｰﾙ作り")).toBe("ルール作り");
    expect(book.name("people")).toBe("人");
    expect(assignFields("", { column: "ルール作り、ルールの実践" }, p, undefined, book).fields).toEqual(["ルール作り", "ルールの実践"]);
  });

  test("condition clause: a leading …場合は / …際は / …ときは clause", () => {
    expect(conditionEnd(fold("業務を委託する場合は、契約を結ぶ。"))).toBe(fold("業務を委託する場合は").length);
    expect(conditionEnd(fold("協力会社に渡す際は必ず記録する。"))).toBe(fold("協力会社に渡す際は").length);
    expect(conditionEnd(fold("権限を付与し、退職時には削除する。"))).toBe(0);
    expect(conditionEnd(fold("方針を決める。"))).toBe(0);
  });

  test("the matter of an action: the noun phrase before …について / …に関する", () => {
    const t = fold("取引先と情報セキュリティについて話し合う");
    const [[a, b]] = aboutRanges(t, 0);
    expect(t.slice(a, b)).toBe("情報セキュリティについて");
    // 方針 inside the matter weighs half: 教育 (the action) wins.
    expect(matchTopic(fold("方針について教育する"), p)?.id).toBe("training");
  });

  test("「-」: allowed when the condition clause names a 「-」 subject; unsure when the profile cannot place the item", () => {
    expect(textAllowsNa(fold("取引先から預かる場合は、教育する"), p)).toBe(true);
    expect(scanText(fold("取引先から預かった情報に教育する"), p).naRule).toBe("no");
    expect(textAllowsNa(fold("自社の方針"), p)).toBe(false);
    expect(scanText(fold("関係のない文"), p).naRule).toBe("unsure");
  });

  test("a condition clause naming a 「-」 subject decides the topic; another only sets the scene", () => {
    // 委託 in the condition weighs double: the policy keyword in the action loses.
    expect(scanText(fold("委託する場合は、方針を示す"), p).naRule).toBe("allowed");
    // 教育 in a plain condition weighs half: 方針 in the action wins.
    expect(matchTopic(fold("教育する際は、方針を示す"), p)?.id).toBe("policy");
  });
});
