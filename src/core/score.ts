/**
 * Scoring. Points per answer come from profile.weights (○ 1, △ 0.5, × 0 in the default profile).
 * - score = 100 × earned / counted, where counted = ok/normalized items answered ○ △ ×; 「-」, blank, invalid and
 *   na_not_allowed stay out of the denominator. One decimal; null when nothing counts.
 * - readiness = 100 × earned / (counted + blank + invalid + na_not_allowed), i.e. unresolved entries count as ×.
 * - overall is computed over all items (not an average of the fields).
 * - report.fields order: the workbook's order when its fields are used, else the profile's field order (fields that
 *   have items), then other names in order of appearance. Unassigned items (no field) count only in overall.
 * Weights are points between 0 and 1 (○ earns full marks); a profile with larger weights is clamped to 0-100.
 */
import type { AnswerCounts, FieldScore, ItemResult, Overall, Summary } from "./model";
import type { Profile } from "./profile/types";

export function round1(x: number): number {
  return Math.round(x * 10 + Number.EPSILON * 10) / 10;
}

function emptyCounts(): AnswerCounts {
  return { "○": 0, "△": 0, "×": 0, "-": 0 };
}

interface Acc {
  items: number;
  earned: number;
  counted: number;
  unresolved: number;
  counts: AnswerCounts;
}

function newAcc(): Acc {
  return { items: 0, earned: 0, counted: 0, unresolved: 0, counts: emptyCounts() };
}

function add(acc: Acc, it: ItemResult, w: Profile["weights"]): void {
  acc.items++;
  if (it.status === "ok" || it.status === "normalized") {
    const a = it.answer;
    if (a === null) return;
    acc.counts[a]++;
    if (a !== "-") {
      acc.counted++;
      acc.earned += w[a];
    }
  } else {
    acc.unresolved++;
  }
}

function finish(acc: Acc): { score: number | null; readiness: number | null } {
  const score = acc.counted > 0 ? clamp(round1((100 * acc.earned) / acc.counted)) : null;
  const denom = acc.counted + acc.unresolved;
  const readiness = denom > 0 ? clamp(round1((100 * acc.earned) / denom)) : null;
  return { score, readiness };
}

function clamp(x: number): number {
  return x < 0 ? 0 : x > 100 ? 100 : x;
}

export function summarise(items: readonly ItemResult[]): Summary {
  const s: Summary = { items: items.length, answered: 0, blank: 0, invalid: 0, normalized: 0, naNotAllowed: 0, counts: emptyCounts() };
  for (const it of items) {
    switch (it.status) {
      case "ok":
      case "normalized":
        if (it.status === "normalized") s.normalized++;
        if (it.answer) {
          s.answered++;
          s.counts[it.answer]++;
        }
        break;
      case "blank":
        s.blank++;
        break;
      case "invalid":
        s.invalid++;
        break;
      case "na_not_allowed":
        s.naNotAllowed++;
        break;
    }
  }
  return s;
}

/**
 * `order`: the workbook's field order when the fields come from the workbook (its names first, in that order, then
 * any other name in order of appearance); without it the profile's order.
 */
export function scoreItems(items: readonly ItemResult[], profile: Profile, order?: readonly string[]): { fields: FieldScore[]; overall: Overall } {
  const w = profile.weights;
  const all = newAcc();
  const byField = new Map<string, Acc>();
  for (const it of items) {
    add(all, it, w);
    for (const name of it.fields) {
      let acc = byField.get(name);
      if (!acc) {
        acc = newAcc();
        byField.set(name, acc);
      }
      add(acc, it, w);
    }
  }
  const names: string[] = [];
  const enOf = new Map<string, string>();
  for (const f of profile.fields ?? []) enOf.set(f.name.ja, f.name.en);
  for (const name of order ?? (profile.fields ?? []).map((f) => f.name.ja)) {
    if (byField.has(name) && !names.includes(name)) names.push(name);
  }
  for (const name of byField.keys()) if (!names.includes(name)) names.push(name);
  const fields: FieldScore[] = names.map((name) => {
    const acc = byField.get(name) as Acc;
    const r = finish(acc);
    return { name, nameEn: enOf.get(name) ?? name, score: r.score, readiness: r.readiness, items: acc.items, counts: acc.counts };
  });
  return { fields, overall: finish(all) };
}
