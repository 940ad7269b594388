import { TICS_2024 } from "../../../src/core/profile/tics-2024";
import type { Bilingual } from "../../../src/core/model";
import { SAMPLE_ITEMS, SECTIONS } from "../../../scripts/sample-content";
// The engine's folding (full/half width via NFKC, case, white space) used before keyword matching.
import { fold } from "../../../src/core/text";
import { matchTopic, prepareProfile, textAllowsNa } from "../../../src/core/fields";


/** The engine's rule: the topic with most keyword hits wins; ties go to the earlier topic; no hit = no topic. */
function bestTopic(text: string): string | null {
  const t = fold(text);
  let best: string | null = null;
  let bestHits = 0;
  for (const topic of TICS_2024.topics) {
    const hits = topic.keywords.filter((k) => t.includes(fold(k))).length;
    if (hits > bestHits) {
      best = topic.id;
      bestHits = hits;
    }
  }
  return best;
}

function naByKeyword(text: string): boolean {
  const t = fold(text);
  return TICS_2024.naKeywords.some((k) => t.includes(fold(k)));
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

  test("maps the predecessor list's known field names to our fields", () => {
    const byAlias = (name: string) => TICS_2024.fields.find((f) => f.aliases.includes(name))?.id;
    expect(byAlias("ルール作り")).toBe("policy");
    expect(byAlias("人的対策")).toBe("people");
    expect(byAlias("設備的対策")).toBe("physical");
    expect(byAlias("サイバー対策")).toBe("technical");
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
    for (const k of topic.keywords) expect(fold(k).length).toBeGreaterThan(0);
    expect(new Set(topic.keywords.map(fold)).size).toBe(topic.keywords.length);
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
      for (const k of t.keywords.map(fold)) {
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

  test.each([
    ["取引先から預かった図面を管理している。", true],
    ["業務委託先と秘密保持契約を結んでいる。", true],
    ["外部サービスを使うときの決まりがある。", true],
    ["クラウドの利用ルールを定めている。", true],
    ["テレワークのルールを定めている。", true],
    ["リモートワークで使う端末を決めている。", true],
    ["在宅勤務の手順を決めている。", true],
    ["全ての従業員に教育を行っている。", false],
    ["パスワードの管理ルールを決めている。", false],
    ["社外の情報システムを使うときのルールがある。", true],
    ["外部のサービスに図面を保存するときの決まりがある。", true],
    ["外部の者の入室を記録している。", false],
    ["守るべき情報の社外への持ち出しを制限している。", false],
  ])("「-」 rule (partners, outsourcing, outside or cloud services, telework): %s -> %p", (text, allowed) => {
    expect(textAllowsNa(fold(text), prepareProfile(TICS_2024))).toBe(allowed);
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

  test("the engine's own matcher agrees with the rule above on every sample item", () => {
    const prepared = prepareProfile(TICS_2024);
    for (const item of SAMPLE_ITEMS) {
      const folded = fold(item.text);
      expect({ n: item.number, topic: matchTopic(folded, prepared)?.id ?? null, na: textAllowsNa(folded, prepared) }).toEqual({
        n: item.number,
        topic: item.topic,
        na: item.naAllowed,
      });
    }
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
    expect(naByKeyword(text)).toBe(false);
  });

  test("naKeywords select exactly the items marked as allowing 「-」", () => {
    const selected = SAMPLE_ITEMS.filter((i) => naByKeyword(i.text)).map((i) => i.number);
    const marked = SAMPLE_ITEMS.filter((i) => i.naAllowed).map((i) => i.number);
    expect(marked.length).toBeGreaterThan(0);
    expect(selected).toEqual(marked);
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
