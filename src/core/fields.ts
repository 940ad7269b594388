/**
 * Which radar-chart fields (分野) an item counts toward, first that applies (reported as `fieldSource`):
 * 1. `user`: the user's own mapping stored in the workbook (see user-mapping.ts);
 * 2. `column`: an explicit 分野 column, names separated by 「、」「,」「，」 or line breaks (「・」 is NOT a separator:
 *    names such as 「ルール・体制」 contain it); `matrix`: one mark column per field (the header is the name);
 *    names are kept as the workbook writes them (only width, case and spaces are folded; a profile alias may map a
 *    spelling variant of the same name, never a different name);
 * 3. `workbook`: traced from the workbook's own results formulas (the hosts pass them per row);
 * 4. `rule`: the profile's keyword rules — only when the workbook carries no field structure of its own, so that
 *    the radar never mixes the workbook's fields with ours;
 * 5. `none`: unassigned (「未分類」): no field; counted in the overall score, never a radar axis. A section title is
 *    never a field.
 *
 * The profile's rules (scanText): every topic scores the sum of the weights of its distinct keywords found in the
 * item text. A leading condition clause (the text up to …場合は / …際は / …ときは / …時には) is weighed apart from the
 * action: when it names a subject a company may not have (a 「-」 subject: partners, cloud, telework …) it says
 * what the item is about, and its hits weigh CONDITION_SCOPE times; otherwise it only sets the scene and its hits
 * weigh CONDITION_OTHER times. Likewise the matter an action is about (the noun phrase before …について / …に関する) weighs
 * ABOUT_FACTOR times: 「機密区分について研修を行う」 is a training item. The best topic wins; ties go to the more specific match (more matched characters),
 * then to profile order. A second topic scoring at least SECOND_TOPIC_RATIO of the best adds its fields (an item
 * that plainly spans two fields counts toward both). The best topic also gives the hint.
 *
 * 「-」 without a list in the cell (naRule): "allowed" when the condition clause names a 「-」 subject; "unsure" when
 * a 「-」 subject appears outside a condition clause in an item whose topic (or second topic) is itself such a
 * subject (`Topic.scope`), or
 * when no rule places the item at all; "no" otherwise.
 */
import type { FieldSource } from "./model";
import type { FieldDef, Keyword, Profile, Topic } from "./profile/types";
import { fold } from "./text";

/** The display name of unassigned items (never a field in the scores). */
export const UNASSIGNED_FIELD = "未分類";
export const UNASSIGNED_FIELD_EN = "Unassigned";

/** An item's fields for display: names joined by 「、」, or 「未分類」 / "Unassigned" when it has none. */
export function fieldsLabel(fields: readonly string[], lang: "ja" | "en"): string {
  return fields.length ? fields.join("、") : lang === "en" ? UNASSIGNED_FIELD_EN : UNASSIGNED_FIELD;
}

/** Weight of a keyword given as a plain string. */
export const DEFAULT_KEYWORD_WEIGHT = 2;
/** Factor for keyword hits in a condition clause that names a 「-」 subject (the item is about that subject). */
export const CONDITION_SCOPE = 2;
/** Factor for keyword hits in any other condition clause (it only sets the scene). */
export const CONDITION_OTHER = 0.5;
/** A second topic adds its fields when it scores at least this share of the best topic (and MIN_SECOND_SCORE). */
export const SECOND_TOPIC_RATIO = 0.8;
export const MIN_SECOND_SCORE = 2;

export type NaRule = "allowed" | "unsure" | "no";

export interface PreparedProfile {
  profile: Profile;
  topics: { topic: Topic; keywords: string[]; weights: number[] }[];
  naKeywords: string[];
  fieldByFolded: Map<string, FieldDef>;
  fieldById: Map<string, FieldDef>;
  topicById: Map<string, Topic>;
  /**
   * Keyword index by first UTF-16 code unit: `first[code]` is 1 + the position in `lists` of the keywords starting
   * with that code unit, 0 when none (a typed array: one cheap look-up per character of the item text).
   */
  first: Uint16Array;
  lists: IndexEntry[][];
  keywordCount: number;
  /** Scratch space for scanText (single-threaded, not re-entrant): generation stamps and scores. */
  stamp: Int32Array;
  gen: { value: number };
  score: Float64Array;
  spec: Int32Array;
}

interface IndexEntry {
  keyword: string;
  /** Topic index, or -1 for a 「-」 keyword. */
  topic: number;
  weight: number;
  id: number;
}

const cache = new WeakMap<Profile, PreparedProfile>();

function keywordText(k: Keyword): string {
  return typeof k === "string" ? k : k && typeof k.text === "string" ? k.text : "";
}

function keywordWeight(k: Keyword): number {
  if (typeof k === "string") return DEFAULT_KEYWORD_WEIGHT;
  const w = k ? Number(k.weight) : NaN;
  return Number.isFinite(w) && w > 0 ? w : DEFAULT_KEYWORD_WEIGHT;
}

/**
 * Folded keywords and lookup tables of a profile, computed once per profile object. Profiles are treated as
 * immutable: after editing one, pass a new object.
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
    const keywords: string[] = [];
    const weights: number[] = [];
    for (const k of tp.keywords ?? []) {
      const f = fold(keywordText(k));
      if (!f || keywords.includes(f)) continue;
      keywords.push(f);
      weights.push(keywordWeight(k));
    }
    topics.push({ topic: tp, keywords, weights });
  }
  const first = new Uint16Array(65536);
  const lists: IndexEntry[][] = [];
  let keywordCount = 0;
  const addKeyword = (k: string, topic: number, weight: number) => {
    const code = k.charCodeAt(0);
    if (first[code] === 0) {
      if (lists.length >= 65535) return; // more distinct first characters than a profile can sensibly hold
      lists.push([]);
      first[code] = lists.length;
    }
    lists[first[code] - 1].push({ keyword: k, topic, weight, id: keywordCount++ });
  };
  topics.forEach(({ keywords, weights }, ti) => {
    keywords.forEach((k, i) => addKeyword(k, ti, weights[i]));
  });
  const naKeywords = (profile.naKeywords ?? []).map(fold).filter((k) => k.length > 0);
  for (const k of naKeywords) addKeyword(k, -1, 0);
  const prepared: PreparedProfile = {
    profile,
    first,
    lists,
    keywordCount,
    stamp: new Int32Array(keywordCount),
    gen: { value: 0 },
    score: new Float64Array(topics.length),
    spec: new Int32Array(topics.length),
    topics,
    naKeywords,
    fieldByFolded,
    fieldById,
    topicById,
  };
  cache.set(profile, prepared);
  return prepared;
}

/** Condition-clause markers (folded text): …場合は, …際は, …ときは, …時には, …場合も, …場合、, …にあたっては. */
const CONDITION_RE = /(?:場合|際|とき|時)(?:に)?[はも]|(?:場合|際)[、,]|に(?:あた|当た)っては/;

/** End (exclusive) of the condition clause in a folded text, or 0 when it has none. */
export function conditionEnd(foldedText: string): number {
  const m = CONDITION_RE.exec(foldedText);
  if (!m || m.index < 2) return 0;
  const end = m.index + m[0].length;
  if (end >= foldedText.length - 1) return 0;
  // A leading clause: nothing is listed before it (no 「、」), or it is closed by one (「…場合は、」).
  const closed = /[、,]/.test(m[0]) || /^[、,]/.test(foldedText.slice(end));
  if (!closed && /[、,]/.test(foldedText.slice(0, m.index))) return 0;
  return end;
}

/** Markers of the matter an action is about (「機密区分について研修を行う」: the action is the training). */
const ABOUT_RE = /について|に関する|に関して|に係る|にかかる/g;
/** Factor for keyword hits in the matter before …について / …に関する (it is what the action is about). */
export const ABOUT_FACTOR = 0.5;

/** Particles that end the noun phrase an 「…について」 is about (「取引先と情報セキュリティについて」: the matter starts after と). */
const PHRASE_START = "、,とはがをで";

/**
 * The matter phrases before …について / …に関する after `from`: [start, end) ranges, each from the last particle
 * before the marker to the marker's end.
 */
export function aboutRanges(foldedText: string, from: number): [number, number][] {
  const out: [number, number][] = [];
  ABOUT_RE.lastIndex = from;
  for (let m = ABOUT_RE.exec(foldedText); m; m = ABOUT_RE.exec(foldedText)) {
    let start = m.index;
    while (start > from && !PHRASE_START.includes(foldedText[start - 1])) start--;
    out.push([start, m.index + m[0].length]);
  }
  return out;
}

export interface TextScan {
  /** The best topic (hint and fields), or null when no keyword hit. */
  topic: Topic | null;
  /** A second topic that adds its fields, or null. */
  second: Topic | null;
  /** The 「-」 rule for a cell without a list. */
  naRule: NaRule;
  /** naRule === "allowed" (kept for callers that want a boolean). */
  na: boolean;
}

/** The best topic of an already folded text (see scanText); null when none hit. */
export function matchTopic(foldedText: string, p: PreparedProfile): Topic | null {
  return scanText(foldedText, p).topic;
}

/** Keyword hits of the text being scanned (reused, never shrunk; scanText does not re-enter). */
const HITS: IndexEntry[] = [];
const HIT_AT: number[] = [];

/** One pass over a folded item text: weighted topic scores, the condition clause, the 「-」 rule. */
export function scanText(foldedText: string, p: PreparedProfile): TextScan {
  if (p.keywordCount === 0) return { topic: null, second: null, naRule: "unsure", na: false };
  let gen = ++p.gen.value;
  if (gen >= 0x7fffffff) {
    p.stamp.fill(0);
    gen = p.gen.value = 1;
  }
  const stamp = p.stamp;
  const first = p.first;
  const lists = p.lists;
  const cond = conditionEnd(foldedText);
  // One pass finds every keyword hit; the 「-」 subjects among them decide the condition clause's factor, then the
  // topic hits are weighed.
  let naInCondition = false;
  let naOutside = false;
  const hits = HITS;
  const at = HIT_AT;
  let nHits = 0;
  const len = foldedText.length;
  for (let i = 0; i < len; i++) {
    const at0 = first[foldedText.charCodeAt(i)];
    if (at0 === 0) continue;
    const list = lists[at0 - 1];
    for (let j = 0; j < list.length; j++) {
      const e = list[j];
      // The first character matched through the index; compare the rest in place.
      const kw = e.keyword;
      const kl = kw.length;
      if (i + kl > len) continue;
      let k = 1;
      while (k < kl && foldedText.charCodeAt(i + k) === kw.charCodeAt(k)) k++;
      if (k < kl) continue;
      if (e.topic >= 0) {
        hits[nHits] = e;
        at[nHits++] = i;
      } else if (i + kl <= cond) naInCondition = true;
      else naOutside = true;
    }
  }
  const condFactor = naInCondition ? CONDITION_SCOPE : CONDITION_OTHER;
  const about = aboutRanges(foldedText, cond);
  const inAbout = (i: number, end: number): boolean => {
    for (const [a, b] of about) if (i >= a && end <= b) return true;
    return false;
  };
  const score = p.score;
  const spec = p.spec;
  score.fill(0);
  spec.fill(0);
  let any = false;
  for (let h = 0; h < nHits; h++) {
    const e = hits[h];
    const i = at[h];
    if (stamp[e.id] === gen) continue;
    stamp[e.id] = gen;
    any = true;
    score[e.topic] += e.weight * (i < cond ? condFactor : about.length && inAbout(i, i + e.keyword.length) ? ABOUT_FACTOR : 1);
    spec[e.topic] += e.keyword.length;
  }
  let best = -1;
  if (any) {
    for (let ti = 0; ti < score.length; ti++) {
      if (score[ti] <= 0) continue;
      if (best < 0 || score[ti] > score[best] || (score[ti] === score[best] && spec[ti] > spec[best])) best = ti;
    }
  }
  const topic = best >= 0 ? p.topics[best].topic : null;
  let second: Topic | null = null;
  if (best >= 0) {
    let s = -1;
    for (let ti = 0; ti < score.length; ti++) {
      if (ti === best || score[ti] <= 0) continue;
      if (s < 0 || score[ti] > score[s] || (score[ti] === score[s] && spec[ti] > spec[s])) s = ti;
    }
    if (s >= 0 && score[s] >= MIN_SECOND_SCORE && score[s] >= SECOND_TOPIC_RATIO * score[best]) second = p.topics[s].topic;
  }
  let naRule: NaRule;
  if (naInCondition) naRule = "allowed";
  else if (!topic) naRule = "unsure";
  else if (naOutside && (topic.scope || second?.scope)) naRule = "unsure";
  else naRule = "no";
  return { topic, second, naRule, na: naRule === "allowed" };
}

/** The profile's fields of a scan (best topic, then the second's), canonical Japanese names. */
export function ruleFields(scan: Pick<TextScan, "topic" | "second">, p: PreparedProfile): string[] {
  const names: string[] = [];
  for (const tp of [scan.topic, scan.second]) {
    for (const id of tp?.fields ?? []) {
      const f = p.fieldById.get(id);
      if (f && !names.includes(f.name.ja)) names.push(f.name.ja);
    }
  }
  return names;
}

const FIELD_SEP_RE = /[、,，\r\n]+/;

/** Splits a 分野 cell into names (trimmed, empty ones dropped). */
export function splitFieldNames(text: string): string[] {
  return text
    .split(FIELD_SEP_RE)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The profile's canonical name of a field written in a workbook, or the name as written. */
export function canonicalFieldName(name: string, p: PreparedProfile): string {
  return p.fieldByFolded.get(fold(name))?.name.ja ?? name.trim();
}

/**
 * Field names as the workbook writes them, one spelling per name: names that fold to the same text (width, case,
 * spaces) are one field, written as first seen — or as the profile's name when it is that name or a spelling
 * variant (alias) of it. Distinct names stay distinct.
 */
export class FieldNames {
  private readonly byKey = new Map<string, string>();
  /** The same raw spellings come back once per item: their names without folding again. */
  private readonly byRaw = new Map<string, string>();
  constructor(private readonly p: PreparedProfile) {}
  name(raw: string): string {
    const seen = this.byRaw.get(raw);
    if (seen !== undefined) return seen;
    const out = this.lookup(raw);
    if (this.byRaw.size < 10_000) this.byRaw.set(raw, out);
    return out;
  }
  private lookup(raw: string): string {
    const key = fold(raw);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const name = this.p.fieldByFolded.get(key)?.name.ja ?? raw.trim();
    this.byKey.set(key, name);
    return name;
  }
}

export interface FieldInputs {
  /** The user's own fields for the item (from the workbook's stored mapping). */
  user?: readonly string[] | null;
  /** The item's 分野 cell text. */
  column?: string | null;
  /** Field names whose matrix column marks the item. */
  matrix?: readonly string[] | null;
  /** Field names traced from the workbook's results formulas. */
  workbook?: readonly string[] | null;
  /** The workbook carries a field structure (column, matrix or results): the profile's rules do not add fields. */
  structured?: boolean;
}

export interface FieldAssignment {
  fields: string[];
  fieldSource: FieldSource;
  topic: Topic | null;
}

function cleanNames(names: readonly string[], book: FieldNames | null, p: PreparedProfile): string[] {
  const out: string[] = [];
  for (const n of names) {
    if (typeof n !== "string" || !n.trim()) continue;
    const name = book ? book.name(n) : canonicalFieldName(n, p);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Fields of one item, first source that applies (see the top of this file). */
export function assignFields(
  foldedText: string,
  inputs: FieldInputs,
  p: PreparedProfile,
  /** The scan when already made for this text (skips scanning). */
  known?: Pick<TextScan, "topic" | "second">,
  /** Shared spelling book for the workbook's names (one per report). */
  book: FieldNames | null = null,
): FieldAssignment {
  const scan = known ?? scanText(foldedText, p);
  const topic = scan.topic;
  if (inputs.user && inputs.user.length) {
    const names = cleanNames(inputs.user, book, p);
    if (names.length) return { fields: names, fieldSource: "user", topic };
  }
  if (inputs.column) {
    const names = cleanNames(splitFieldNames(inputs.column), book, p);
    if (names.length) return { fields: names, fieldSource: "column", topic };
  }
  if (inputs.matrix && inputs.matrix.length) {
    const names = cleanNames(inputs.matrix, book, p);
    if (names.length) return { fields: names, fieldSource: "matrix", topic };
  }
  if (inputs.workbook && inputs.workbook.length) {
    const names = cleanNames(inputs.workbook, book, p);
    if (names.length) return { fields: names, fieldSource: "workbook", topic };
  }
  if (!inputs.structured) {
    const names = ruleFields(scan, p);
    if (names.length) return { fields: names, fieldSource: "rule", topic };
  }
  return { fields: [], fieldSource: "none", topic };
}

/** The 「-」 rule of an item text (folded): does its condition clause name a 「-」 subject? */
export function textAllowsNa(foldedText: string, p: PreparedProfile): boolean {
  return scanText(foldedText, p).naRule === "allowed";
}
