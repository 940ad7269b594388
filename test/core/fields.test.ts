import { assignFields, canonicalFieldName, matchTopic, prepareProfile, splitFieldNames, textAllowsNa } from "../../src/core/fields";
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

  test("topic: most keyword hits wins, ties by profile order", () => {
    // 教育 hits training and pledge once each -> training (earlier); 誓約+教育 -> pledge (2 hits).
    expect(matchTopic(fold("年一回の教育を行う"), p)?.id).toBe("training");
    expect(matchTopic(fold("教育の後に誓約を取る"), p)?.id).toBe("pledge");
    expect(matchTopic(fold("パスワードとIDを管理"), p)?.id).toBe("access");
    expect(matchTopic(fold("関係のない文"), p)).toBeNull();
  });

  test("assignment order: column, then rule, then section, then その他", () => {
    expect(assignFields(fold("方針を決める"), "技術、独自", "共通項目", p)).toMatchObject({ fields: ["技術", "独自"], fieldSource: "column" });
    expect(assignFields(fold("方針を決める"), "技術、独自", null, p).topic?.id).toBe("policy");
    expect(assignFields(fold("IDを管理する"), null, "共通項目", p)).toMatchObject({ fields: ["技術", "ルール"], fieldSource: "rule" });
    expect(assignFields(fold("方針を決める"), "", null, p)).toMatchObject({ fields: ["ルール"], fieldSource: "rule" });
    expect(assignFields(fold("関係のない文"), null, "共通項目", p)).toMatchObject({ fields: ["共通項目"], fieldSource: "section", topic: null });
    expect(assignFields(fold("関係のない文"), null, null, p)).toMatchObject({ fields: ["その他"], fieldSource: "section" });
    expect(assignFields(fold("x"), "ルール、規程", null, p).fields).toEqual(["ルール"]);
  });

  test("「-」 keywords", () => {
    expect(textAllowsNa(fold("取引先から預かった情報"), p)).toBe(true);
    expect(textAllowsNa(fold("自社の方針"), p)).toBe(false);
  });
});
