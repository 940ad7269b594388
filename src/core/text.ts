/**
 * Text helpers shared by the engine. Pure functions, no I/O.
 *
 * "Folding" makes header and keyword matching insensitive to full/half width (NFKC), case, and every kind of
 * white space including U+3000 and line breaks, so 「チェック\n欄」, 「チェック　欄」 and 「ﾁｪｯｸ欄」 all fold to the same text.
 */
import type { CellValue } from "./model";

const WS_RE = /\s+/g;

/** NFKC + lower case + all white space removed. */
export function fold(s: string): string {
  const n = s.normalize("NFKC");
  // Fast path: when every character is caseless and not white space (ASCII punctuation, digits and lower-case
  // letters; kana, kanji and CJK punctuation from U+3001), the NFKC text is already folded. Otherwise the general
  // (slower, always correct) path runs.
  for (let i = 0; i < n.length; i++) {
    const c = n.charCodeAt(i);
    const safe = (c > 32 && c < 65) || (c > 90 && c < 127) || (c >= 0x3001 && c <= 0x9fff);
    if (!safe) return n.replace(WS_RE, "").toLowerCase();
  }
  return n;
}

/** NFKC with white space runs collapsed to one ASCII space and trimmed (keeps word boundaries). */
export function nfkcSpaced(s: string): string {
  return s.normalize("NFKC").replace(WS_RE, " ").trim();
}

/** The text of a cell: "" for null, numbers and booleans as String(). */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v : String(v);
}

/** True when the cell is empty or holds only white space (incl. U+3000). */
export function isBlank(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  return typeof v === "string" && v.trim() === "";
}
