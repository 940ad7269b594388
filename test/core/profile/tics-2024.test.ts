import { TICS_2024 } from "../../../src/core/profile/tics-2024";
import type { Bilingual } from "../../../src/core/model";
import { SAMPLE_ITEMS, SECTIONS } from "../../../scripts/sample-content";
// The engine's folding (full/half width via NFKC, case, white space) used before keyword matching.
import { fold } from "../../../src/core/text";
import { matchTopic, prepareProfile, scanText, textAllowsNa } from "../../../src/core/fields";
import type { Keyword } from "../../../src/core/profile/types";

const prepared = prepareProfile(TICS_2024);
const kw = (k: Keyword): string => (typeof k === "string" ? k : k.text);

/** The engine's weighted rule (src/core/fields.ts); the regression set in test/core/fields-regression.test.ts checks it. */
function bestTopic(text: string): string | null {
  return matchTopic(fold(text), prepared)?.id ?? null;
}

/** The 「-」 rule for a cell without a list: "allowed" | "unsure" (accepted with a warning) | "no". */
function naRule(text: string): string {
  return scanText(fold(text), prepared).naRule;
}

const ISO_RANGES: Record<string, number> = { "5": 37, "6": 8, "7": 14, "8": 34 };

function expectBilingual(b: Bilingual, where: string): void {
  expect({ where, ja: b.ja.trim().length > 0, en: b.en.trim().length > 0 }).toEqual({ where, ja: true, en: true });
}

describe("TICS_2024 profile structure", () => {
  const fieldIds = TICS_2024.fields.map((f) => f.id);

  test("has 7-9 fields with unique ids, names in both languages, and unique names/aliases", () => {
    expect(TICS_2024.fields.length).toBeGreaterThanOrEqual(7);
    expect(TICS_2024.fields.length).toBeLessThanOrEqual(9);
    expect(new Set(fieldIds).size).toBe(fieldIds.length);
    const labels: string[] = [];
    for (const f of TICS_2024.fields) {
      expectBilingual(f.name, `field ${f.id}`);
      labels.push(fold(f.name.ja), ...f.aliases.map(fold));
    }
    // One spelling must never point at two fields.
    expect(new Set(labels).size).toBe(labels.length);
  });

  test("never merges the predecessor list's distinct field names into ours (aliases are spelling variants only)", () => {
    const folded = new Set(TICS_2024.fields.flatMap((f) => [f.name.ja, ...f.aliases].map(fold)));
    for (const name of ["ルール作り", "ルールの実践", "人的対策", "設備的対策", "サイバー対策", "漏えいを起こさない"]) {
      expect({ name, merged: folded.has(fold(name)) }).toEqual({ name, merged: false });
    }
  });

  test("weights are ○1 △0.5 ×0", () => {
    expect(TICS_2024.weights).toEqual({ "○": 1, "△": 0.5, "×": 0 });
  });

  test("has 25-35 topics with unique ids", () => {
    const ids = TICS_2024.topics.map((t) => t.id);
    expect(ids.length).toBeGreaterThanOrEqual(25);
    expect(ids.length).toBeLessThanOrEqual(35);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test.each(TICS_2024.topics.map((t) => [t.id, t] as const))("topic %s is complete", (_id, topic) => {
    expect(topic.keywords.length).toBeGreaterThan(0);
    for (const k of topic.keywords) expect(fold(kw(k)).length).toBeGreaterThan(0);
    for (const k of topic.keywords) if (typeof k !== "string") expect(k.weight).toBeGreaterThan(0);
    expect(new Set(topic.keywords.map((k) => fold(kw(k)))).size).toBe(topic.keywords.length);
    expect(topic.fields.length).toBeGreaterThan(0);
    for (const f of topic.fields) expect(fieldIds).toContain(f);
    expect([1, 2, 3]).toContain(topic.importance);
    for (const key of ["title", "hint", "firstStep", "evidence"] as const) expectBilingual(topic[key], `${topic.id}.${key}`);
    expectBilingual(topic.references.tics, `${topic.id}.references.tics`);
    expectBilingual(topic.references.jama, `${topic.id}.references.jama`);
    expect(topic.references.iso27001.length).toBeGreaterThan(0);
  });

  test("ISO/IEC 27001:2022 ids are real Annex A controls, without duplicates per topic", () => {
    const all = [...TICS_2024.topics.map((t) => t.references.iso27001), TICS_2024.fallback.references.iso27001];
    for (const ids of all) {
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) {
        expect(id).toMatch(/^A\.[5-8]\.\d+$/);
        const [, theme, n] = id.split(".");
        const num = Number(n);
        expect({ id, ok: num >= 1 && num <= ISO_RANGES[theme] }).toEqual({ id, ok: true });
      }
    }
  });

  test("no keyword belongs to two topics", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const t of TICS_2024.topics) {
      for (const k of t.keywords.map((x) => fold(kw(x)))) {
        const prev = owner.get(k);
        if (prev && prev !== t.id) clashes.push(`${k}: ${prev} / ${t.id}`);
        owner.set(k, t.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  test("every field is used by at least one topic", () => {
    const used = new Set(TICS_2024.topics.flatMap((t) => t.fields));
    for (const id of fieldIds) expect({ id, used: used.has(id) }).toEqual({ id, used: true });
  });

  test("fallback advice is complete", () => {
    const fb = TICS_2024.fallback;
    expectBilingual(fb.hint, "fallback.hint");
    expectBilingual(fb.firstStep, "fallback.firstStep");
    expectBilingual(fb.evidence, "fallback.evidence");
    expectBilingual(fb.references.tics, "fallback.references.tics");
    expectBilingual(fb.references.jama, "fallback.references.jama");
  });

  test("note says the profile is our own, in both languages", () => {
    expect(TICS_2024.note.ja).toContain("独自");
    expect(TICS_2024.note.en).toMatch(/own/);
  });

  test("naKeywords are non-empty stems", () => {
    expect(TICS_2024.naKeywords.length).toBeGreaterThan(0);
    for (const k of TICS_2024.naKeywords) expect(fold(k).length).toBeGreaterThan(0);
  });

  test("no generic keywords (they fit every item)", () => {
    const all = TICS_2024.topics.flatMap((t) => t.keywords.map((k) => fold(kw(k))));
    for (const generic of ["取扱い", "取り扱い", "管理方法", "管理", "ルール", "情報", "許可を得て"]) expect(all).not.toContain(fold(generic));
  });

  test.each([
    ["取引先から技術情報を預かる場合は、自社の情報と同じ水準で管理している。", "allowed"],
    ["業務を委託する際は、委託先と秘密保持契約を結んでいる。", "allowed"],
    ["外部サービスを使うときは、決まりに従っている。", "allowed"],
    ["クラウドに図面を保存する場合は、利用するサービスを決めている。", "allowed"],
    ["テレワークを行う場合は、作業場所のルールを定めている。", "allowed"],
    ["私物の端末を業務に使う場合は、許可制にしている。", "allowed"],
    ["無線LANを使う場合は、暗号化している。", "allowed"],
    ["派遣社員を受け入れる際は、秘密保持の誓約を求めている。", "allowed"],
    ["全ての従業員に教育を行っている。", "no"],
    ["パスワードの管理ルールを決めている。", "no"],
    ["外部の者の入室を記録している。", "no"],
    ["守るべき情報の社外への持ち出しを制限している。", "no"],
    ["事故が起きた場合は、責任者に報告している。", "no"],
    ["クラウドの利用ルールを定めている。", "unsure"],
    ["業務委託先と秘密保持契約を結んでいる。", "unsure"],
    ["該当する言葉がない文。", "unsure"],
  ])("「-」 rule by condition clause: %s -> %s", (text, rule) => {
    expect(naRule(text)).toBe(rule);
    expect(textAllowsNa(fold(text), prepared)).toBe(rule === "allowed");
  });

  test("keyword matching folds width: half-width katakana and full-width latin still match", () => {
    expect(bestTopic("ﾊﾟｽﾜｰﾄﾞを設定している")).toBe("passwords");
    expect(bestTopic("ＵＳＢメモリの使用を制限している")).toBe("media");
    expect(bestTopic("該当する言葉がない文")).toBeNull();
  });
});

describe("sample content against the profile", () => {
  test("has 30-50 items in 4-6 sections, numbered 1..n", () => {
    expect(SAMPLE_ITEMS.length).toBeGreaterThanOrEqual(30);
    expect(SAMPLE_ITEMS.length).toBeLessThanOrEqual(50);
    expect(SECTIONS.length).toBeGreaterThanOrEqual(4);
    expect(SECTIONS.length).toBeLessThanOrEqual(6);
    expect(SAMPLE_ITEMS.map((i) => i.number)).toEqual(SAMPLE_ITEMS.map((_, i) => i + 1));
    expect(new Set(SAMPLE_ITEMS.map((i) => i.section))).toEqual(new Set(SECTIONS));
  });

  test("every intended topic exists in the profile", () => {
    const ids = new Set(TICS_2024.topics.map((t) => t.id));
    for (const item of SAMPLE_ITEMS) expect({ n: item.number, ok: ids.has(item.topic) }).toEqual({ n: item.number, ok: true });
  });

  test.each(SAMPLE_ITEMS.map((i) => [i.number, i] as const))("item %i matches its intended topic", (_n, item) => {
    expect(bestTopic(item.text)).toBe(item.topic);
  });

  test("without a list, 「-」 is accepted on every sample item that allows it (by condition clause, or with a warning)", () => {
    for (const item of SAMPLE_ITEMS) {
      const rule = naRule(item.text);
      if (item.naAllowed) expect({ n: item.number, rule }).not.toEqual({ n: item.number, rule: "no" });
    }
    // The condition clause decides where it names the subject; the rest is a warning, never an error.
    expect(SAMPLE_ITEMS.filter((i) => naRule(i.text) === "allowed").map((i) => i.number)).toEqual([36, 39, 40]);
    expect(SAMPLE_ITEMS.filter((i) => naRule(i.text) === "unsure").map((i) => i.number)).toEqual([18, 35, 37, 38]);
  });

  // Items I-1..I-4 as quoted in METI's pamphlet (official wording, quoted only to check matching; not ours).
  test.each([
    ["自社の情報セキュリティ対応方針の策定及び周知を実施している。", "policy"],
    [
      "守るべき情報を特定し、ファイル名の一部や文書の冒頭にマル秘マークやラベルを付する等により、他の情報と識別ができるようにしている。",
      "labelling",
    ],
    ["守るべき情報や情報機器の機密性に応じた管理方法を規則に定め、それに従って管理している。", "classification"],
    ["情報セキュリティの責任者を確保し、情報セキュリティ事件・事故時の対応を行う体制や手順を整備している。", "incident-response"],
  ])("pamphlet item %s matches topic %s", (text, topic) => {
    expect(bestTopic(text)).toBe(topic);
    expect(naRule(text)).toBe("no");
  });

  test("every topic of the profile is exercised by at least one sample item", () => {
    const used = new Set(SAMPLE_ITEMS.map((i) => i.topic));
    expect(TICS_2024.topics.map((t) => t.id).filter((id) => !used.has(id))).toEqual([]);
  });

  test("the sample covers the revised standard's added topics", () => {
    const used = new Set(SAMPLE_ITEMS.map((i) => i.topic));
    for (const id of ["incident-response", "classification", "training", "cloud", "partner-cooperation", "continuity"]) {
      expect({ id, used: used.has(id) }).toEqual({ id, used: true });
    }
  });

  test("demo answers show every status, and 「-」 both where allowed and where not", () => {
    const statuses = new Set(SAMPLE_ITEMS.map((i) => i.expect));
    expect(statuses).toEqual(new Set(["ok", "normalized", "blank", "invalid", "na_not_allowed"]));
    expect(SAMPLE_ITEMS.some((i) => i.answer === "-" && i.naAllowed && i.expect === "ok")).toBe(true);
    expect(SAMPLE_ITEMS.some((i) => i.answer === "-" && !i.naAllowed && i.expect === "na_not_allowed")).toBe(true);
  });
});
