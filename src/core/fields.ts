/**
 * Which radar-chart fields (分野) an item counts toward, in this order:
 * 1. an explicit 分野 column in the table: names separated by 「、」「,」「，」 or line breaks (「・」 is NOT a separator,
 *    because field names such as 「ルール・体制」 may contain it); names matching a profile field's Japanese name,
 *    English name, id or alias (after folding) become the canonical `name.ja`, unknown names are kept as written;
 * 2. the profile's rules: the topic with the most keyword hits in the item text (ties: profile order), whose field
 *    ids map to `name.ja`;
 * 3. the item's section title, or 「その他」 when the item has no section.
 * The topic (for hints) is matched in every case.
 */
import type { FieldSource } from "./model";
import type { FieldDef, Profile, Topic } from "./profile/types";
import { OTHER_FIELD } from "./i18n";
import { fold } from "./text";

export interface PreparedProfile {
  profile: Profile;
  topics: { topic: Topic; keywords: string[] }[];
  naKeywords: string[];
  fieldByFolded: Map<string, FieldDef>;
  fieldById: Map<string, FieldDef>;
  topicById: Map<string, Topic>;
  /** Keyword index: first UTF-16 code unit -> [keyword, topic index, keyword index]. */
  index: Map<number, { keyword: string; topic: number; id: number }[]>;
  keywordCount: number;
  /** Scratch space for matchTopic (single-threaded, not re-entrant): generation stamps and hit counts. */
  stamp: Int32Array;
  gen: { value: number };
  hits: Int32Array;
}

const cache = new WeakMap<Profile, PreparedProfile>();

/** Folded keywords and lookup tables of a profile, computed once per profile object. */
export function prepareProfile(profile: Profile): PreparedProfile {
  const hit = cache.get(profile);
  if (hit) return hit;
  const fieldByFolded = new Map<string, FieldDef>();
  const fieldById = new Map<string, FieldDef>();
  for (const f of profile.fields ?? []) {
    fieldById.set(f.id, f);
    for (const n of [f.name.ja, f.name.en, f.id, ...(f.aliases ?? [])]) {
      const k = fold(n);
      if (k && !fieldByFolded.has(k)) fieldByFolded.set(k, f);
    }
  }
  const topicById = new Map<string, Topic>();
  const topics: PreparedProfile["topics"] = [];
  for (const tp of profile.topics ?? []) {
    topicById.set(tp.id, tp);
    topics.push({ topic: tp, keywords: (tp.keywords ?? []).map(fold).filter((k) => k.length > 0) });
  }
  const index = new Map<number, { keyword: string; topic: number; id: number }[]>();
  let keywordCount = 0;
  topics.forEach(({ keywords }, ti) => {
    for (const k of keywords) {
      const code = k.charCodeAt(0);
      const list = index.get(code) ?? [];
      list.push({ keyword: k, topic: ti, id: keywordCount++ });
      index.set(code, list);
    }
  });
  const prepared: PreparedProfile = {
    profile,
    index,
    keywordCount,
    stamp: new Int32Array(keywordCount),
    gen: { value: 0 },
    hits: new Int32Array(topics.length),
    topics,
    naKeywords: (profile.naKeywords ?? []).map(fold).filter((k) => k.length > 0),
    fieldByFolded,
    fieldById,
    topicById,
  };
  cache.set(profile, prepared);
  return prepared;
}

/**
 * The topic with the most keyword hits in an already folded text; ties by profile order; null when none hit.
 * A hit is a distinct keyword contained in the text. One pass over the text through a first-character index.
 */
export function matchTopic(foldedText: string, p: PreparedProfile): Topic | null {
  if (p.keywordCount === 0) return null;
  const gen = ++p.gen.value;
  if (gen >= 0x7fffffff) {
    p.stamp.fill(0);
    p.gen.value = 1;
  }
  const stamp = p.stamp;
  const hits = p.hits;
  let any = false;
  for (let i = 0; i < foldedText.length; i++) {
    const list = p.index.get(foldedText.charCodeAt(i));
    if (list === undefined) continue;
    for (let j = 0; j < list.length; j++) {
      const e = list[j];
      if (stamp[e.id] === p.gen.value || !foldedText.startsWith(e.keyword, i)) continue;
      stamp[e.id] = p.gen.value;
      if (!any) {
        hits.fill(0);
        any = true;
      }
      hits[e.topic]++;
    }
  }
  if (!any) return null;
  let best = -1;
  for (let ti = 0; ti < hits.length; ti++) if (hits[ti] > 0 && (best < 0 || hits[ti] > hits[best])) best = ti;
  return best >= 0 ? p.topics[best].topic : null;
}

const FIELD_SEP_RE = /[、,，\r\n]+/;

/** Splits a 分野 cell into names (trimmed, empty ones dropped). */
export function splitFieldNames(text: string): string[] {
  return text
    .split(FIELD_SEP_RE)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Canonical name of a field written in a workbook: the profile's `name.ja`, or the name as written. */
export function canonicalFieldName(name: string, p: PreparedProfile): string {
  return p.fieldByFolded.get(fold(name))?.name.ja ?? name;
}

export interface FieldAssignment {
  fields: string[];
  fieldSource: FieldSource;
  topic: Topic | null;
}

function unique(names: string[]): string[] {
  return names.length < 2 ? names : Array.from(new Set(names));
}

export function assignFields(
  foldedText: string,
  fieldText: string | null,
  sectionTitle: string | null,
  p: PreparedProfile,
  /** The topic when already matched for this text (skips matching). */
  knownTopic?: Topic | null,
): FieldAssignment {
  const topic = knownTopic === undefined ? matchTopic(foldedText, p) : knownTopic;
  if (fieldText) {
    const names = splitFieldNames(fieldText).map((n) => canonicalFieldName(n, p));
    if (names.length) return { fields: unique(names), fieldSource: "column", topic };
  }
  if (topic) {
    const names: string[] = [];
    for (const id of topic.fields ?? []) {
      const f = p.fieldById.get(id);
      if (f) names.push(f.name.ja);
    }
    if (names.length) return { fields: unique(names), fieldSource: "rule", topic };
  }
  return { fields: [sectionTitle && sectionTitle.trim() ? sectionTitle.trim() : OTHER_FIELD], fieldSource: "section", topic };
}

/** Does the item text (folded) contain one of the profile's 「-」 keywords? */
export function textAllowsNa(foldedText: string, p: PreparedProfile): boolean {
  for (const k of p.naKeywords) if (foldedText.includes(k)) return true;
  return false;
}
