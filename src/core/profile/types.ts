import type { Bilingual, References } from "../model";

/** A radar-chart field (分野) of a profile. `name.ja` is the canonical name used in reports. */
export interface FieldDef {
  id: string;
  name: Bilingual;
  /** Other spellings accepted in a workbook's 分野 column (matched after text folding). */
  aliases: string[];
}

/** A topic of the revised standard: how items are recognised (keywords) and what to advise. */
export interface Topic {
  id: string;
  title: Bilingual;
  /** An item matches the topic when its text contains any of these (after text folding). */
  keywords: string[];
  /** Field ids the topic counts toward. */
  fields: string[];
  /** 1 = most important for certification readiness, 3 = least. */
  importance: 1 | 2 | 3;
  hint: Bilingual;
  firstStep: Bilingual;
  evidence: Bilingual;
  references: References;
}

export interface Profile {
  id: string;
  name: Bilingual;
  /** Says plainly that fields, rules and texts are TICS Check's own, not the official workbook's. */
  note: Bilingual;
  fields: FieldDef[];
  /** Points per answer. 「-」 never counts. */
  weights: { "○": number; "△": number; "×": number };
  topics: Topic[];
  /** An item whose answer cell has no list validation allows 「-」 when its text contains one of these. */
  naKeywords: string[];
  /** Advice for an item that matches no topic. */
  fallback: Pick<Topic, "hint" | "firstStep" | "evidence" | "references">;
}
