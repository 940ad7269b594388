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
  /**
   * Keyword index by first UTF-16 code unit -> [keyword, topic index (-1 for a 「-」 keyword), keyword index].
   * A sparse array: one look-up per character of the item text.
   */
  index: (IndexEntry[] | undefined)[];
  keywordCount: number;
  /** Scratch space for matchTopic (single-threaded, not re-entrant): generation stamps and hit counts. */
  stamp: Int32Array;
  gen: { value: number };
  hits: Int32Array;
}

interface IndexEntry {
  keyword: string;
  topic: number;
  id: number;
}

const cache = new WeakMap<Profile, PreparedProfile>();

/**
 * Folded keywords and lookup tables of a profile, computed once per profile object. Profiles are treated as
 * immutable: after editing one (e.g. a user's field mapping), pass a new object.
 */
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
  const index: (IndexEntry[] | undefined)[] = new Array<IndexEntry[] | undefined>(65536);
  let keywordCount = 0;
  const addKeyword = (k: string, topic: number) => {
    const code = k.charCodeAt(0);
    const list = index[code] ?? (index[code] = []);
    list.push({ keyword: k, topic, id: keywordCount++ });
  };
  topics.forEach(({ keywords }, ti) => {
    for (const k of keywords) addKeyword(k, ti);
  });
  const naKeywords = (profile.naKeywords ?? []).map(fold).filter((k) => k.length > 0);
  for (const k of naKeywords) addKeyword(k, -1);
  const prepared: PreparedProfile = {
    profile,
    index,
    keywordCount,
    stamp: new Int32Array(keywordCount),
    gen: { value: 0 },
    hits: new Int32Array(topics.length),
    topics,
    naKeywords,
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
  return scanText(foldedText, p).topic;
}

/**
 * One pass over a folded item text: the matched topic (most distinct keyword hits, ties by profile order) and
 * whether a 「-」 keyword of the profile occurs.
 */
export function scanText(foldedText: string, p: PreparedProfile): { topic: Topic | null; na: boolean } {
  if (p.keywordCount === 0) return { topic: null, na: false };
  let gen = ++p.gen.value;
  if (gen >= 0x7fffffff) {
    p.stamp.fill(0);
    gen = p.gen.value = 1;
  }
  const stamp = p.stamp;
  const hits = p.hits;
  const index = p.index;
  let any = false;
  let na = false;
  for (let i = 0; i < foldedText.length; i++) {
    const list = index[foldedText.charCodeAt(i)];
    if (list === undefined) continue;
    for (let j = 0; j < list.length; j++) {
      const e = list[j];
      if (stamp[e.id] === gen || !foldedText.startsWith(e.keyword, i)) continue;
      stamp[e.id] = gen;
      if (e.topic < 0) {
        na = true;
        continue;
      }
      if (!any) {
        hits.fill(0);
        any = true;
      }
      hits[e.topic]++;
    }
  }
  if (!any) return { topic: null, na };
  let best = -1;
  for (let ti = 0; ti < hits.length; ti++) if (hits[ti] > 0 && (best < 0 || hits[ti] > hits[best])) best = ti;
  return { topic: best >= 0 ? p.topics[best].topic : null, na };
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
