import type { Bilingual, References } from "../model";

/** A radar-chart field (分野) of a profile. `name.ja` is the canonical name used in reports. */
export interface FieldDef {
  id: string;
  name: Bilingual;
  /**
   * Other spellings of the SAME name accepted in a workbook's 分野 column (matched after text folding). Never a
   * different name: a workbook's distinct field names are kept apart (ルール作り and ルールの実践 are two fields).
   */
  aliases: string[];
}

/**
 * A keyword of a topic: a text (matched after folding) with a weight. A plain string weighs DEFAULT_KEYWORD_WEIGHT;
 * give specific phrases a higher weight (3) and broad ones a lower (1). Generic words that fit every item
 * (「取扱い」「管理方法」) are not keywords.
 */
export type Keyword = string | { text: string; weight: number };

/** A topic of the revised standard: how items are recognised (keywords) and what to advise. */
export interface Topic {
  id: string;
  title: Bilingual;
  /** An item matches the topic when its text contains any of these (after text folding); see `Keyword`. */
  keywords: Keyword[];
  /**
   * The topic names a situation a company may simply not have (partners, outsourcing, cloud, telework, removable
   * media …): an item about it without a condition clause gets the 「-」 warning instead of the error.
   */
  scope?: boolean;
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
  /**
   * Subjects a company may not have (partners, outsourcing, cloud, telework, private/mobile devices, wireless LAN,
   * removable media, dispatched staff). An item whose answer cell has no list validation allows 「-」 when its
   * condition clause (…場合は / …際は) names one of these.
   */
  naKeywords: string[];
  /** Advice for an item that matches no topic. */
  fallback: Pick<Topic, "hint" | "firstStep" | "evidence" | "references">;
}
