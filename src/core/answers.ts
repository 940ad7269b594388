/**
 * Judging one answer cell. Canonical answers are ○ △ × - (see model.ANSWERS).
 *
 * Statuses:
 * - ok: the raw value is exactly the canonical string (and 「-」 is allowed on the item);
 * - normalized: the value maps to a canonical answer through LOOKALIKES, surrounding half/full-width spaces, or a
 *   canonical symbol followed by its own label (see below); it counts as that answer;
 * - blank: empty or only spaces;
 * - invalid: anything else, numbers and booleans included;
 * - na_not_allowed: 「-」 (or a look-alike of it) on an item that does not allow 「-」.
 *
 * Decision on 「○ 実施」-style values: a symbol followed by the label that belongs to the same answer
 * (「○ 実施」「○実施している」「△ 一部実施」「× 未実施」「- 該当しない」) is `normalized` to that symbol, because the
 * user's intent is unambiguous and the rest is the workbook's own legend. A symbol followed by a label of another
 * answer (「○ 未実施」) is contradictory and stays `invalid`, as is a symbol followed by any other text.
 */
import type { Answer, CellValue, ItemStatus } from "./model";
import { fold } from "./text";

/** Look-alike characters users type instead of the canonical symbols. */
export const LOOKALIKES: Readonly<Record<string, Answer>> = Object.freeze({
  // ○
  "〇": "○", "◯": "○", "Ｏ": "○", "ｏ": "○", o: "○", O: "○", "⭕": "○",
  // △
  "▲": "△", "▵": "△", "⊿": "△", "Δ": "△", "∆": "△",
  // ×
  x: "×", X: "×", "ｘ": "×", "Ｘ": "×", "✕": "×", "✖": "×", "╳": "×", "✗": "×", "✘": "×", "☓": "×",
  // -
  "ー": "-", "－": "-", "―": "-", "−": "-", "‐": "-", "—": "-", "–": "-", "‑": "-", "ｰ": "-",
});

const CANONICAL: ReadonlySet<string> = new Set(["○", "△", "×", "-"]);
/** Lookup map (a Map, so keys such as "toString" never hit Object.prototype). */
const LOOKALIKE_MAP: ReadonlyMap<string, Answer> = new Map(Object.entries(LOOKALIKES));

/** Labels that may follow a symbol of the same answer (compared after folding). */
const LABELS: Readonly<Record<Answer, readonly string[]>> = {
  "○": ["実施", "実施している", "実施済", "実施済み"],
  "△": ["一部実施", "一部実施している"],
  "×": ["未実施", "実施していない"],
  "-": ["該当しない", "該当なし", "対象外"],
};

/** Punctuation allowed between a symbol and its label: 「○：実施」「○（実施）」「○「実施」」 (after folding). */
const LABEL_PUNCT_RE = /^[:.、(「\[]+|[)」\]]+$/g;

function symbolOf(s: string): Answer | null {
  if (CANONICAL.has(s)) return s as Answer;
  return LOOKALIKE_MAP.get(s) ?? null;
}

/**
 * Maps a trimmed text to a canonical answer: exact symbol, look-alike, or symbol + own label. Null otherwise.
 * Exported for list-validation folding and normalisation.
 */
export function canonicalAnswer(trimmed: string): Answer | null {
  const direct = symbolOf(trimmed);
  if (direct) return direct;
  if (trimmed.length < 2) return null;
  // symbol + label: the symbol is the first code point (all symbols are in the BMP).
  const a = symbolOf(trimmed[0]);
  if (!a) return null;
  const rest = fold(trimmed.slice(1)).replace(LABEL_PUNCT_RE, "");
  return LABELS[a].includes(rest) ? a : null;
}

export function classifyAnswer(raw: CellValue, naAllowed: boolean): { answer: Answer | null; status: ItemStatus } {
  if (raw === null || raw === undefined) return { answer: null, status: "blank" };
  if (typeof raw !== "string") return { answer: null, status: "invalid" };
  if (CANONICAL.has(raw)) {
    if (raw === "-" && !naAllowed) return { answer: "-", status: "na_not_allowed" };
    return { answer: raw as Answer, status: "ok" };
  }
  const s = raw.trim();
  if (s === "") return { answer: null, status: "blank" };
  const a = canonicalAnswer(s);
  if (!a) return { answer: null, status: "invalid" };
  if (a === "-" && !naAllowed) return { answer: "-", status: "na_not_allowed" };
  return { answer: a, status: "normalized" };
}

/**
 * Does a list validation allow 「-」? Items are compared after look-alike folding, so "○,△,×,ー" allows it.
 * Null when the items are unknown (the profile rule applies then).
 */
export function listAllowsNa(items: readonly string[] | null): boolean | null {
  if (items === null) return null;
  for (const it of items) {
    if (typeof it !== "string") continue;
    if (canonicalAnswer(it.trim()) === "-") return true;
  }
  return false;
}

/** The answers allowed on an item, for findings and dropdowns. */
export function allowedAnswers(naAllowed: boolean): Answer[] {
  return naAllowed ? ["○", "△", "×", "-"] : ["○", "△", "×"];
}
