import type { Profile } from "./types";

// Minimal version; the full profile (fields, topics, hints, references) is being written.
export const TICS_2024: Profile = {
  id: "tics-2024",
  name: { ja: "TICS 改正基準 (2024) 用プロファイル", en: "Profile for the revised TICS standard (2024)" },
  note: {
    ja: "分野・判定ルール・ヒントは TICS Check 独自のもので、公式ワークブックの文言ではありません。",
    en: "Fields, rules and hints are TICS Check's own, not the official workbook's wording.",
  },
  fields: [
    { id: "rules", name: { ja: "方針・ルール", en: "Policy and rules" }, aliases: [] },
    { id: "cyber", name: { ja: "技術的対策", en: "Technical controls" }, aliases: [] },
  ],
  weights: { "○": 1, "△": 0.5, "×": 0 },
  topics: [],
  naKeywords: ["取引先", "委託", "外部", "クラウド", "テレワーク"],
  fallback: {
    hint: { ja: "", en: "" },
    firstStep: { ja: "", en: "" },
    evidence: { ja: "", en: "" },
    references: { tics: { ja: "", en: "" }, iso27001: [], jama: { ja: "", en: "" } },
  },
};
