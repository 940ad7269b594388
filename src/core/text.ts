/**
 * Text helpers shared by the engine. Pure functions, no I/O.
 *
 * "Folding" makes header and keyword matching insensitive to full/half width (NFKC), case, and every kind of
 * white space including U+3000 and line breaks, so 「チェック\n欄」, 「チェック　欄」 and 「ﾁｪｯｸ欄」 all fold to the same text.
 */
import type { CellValue } from "./model";

const WS_RE = /\s+/g;
const WS_TEST_RE = /\s/;
/** Upper-case letters of the scripts where NFKC output can carry case (Latin, Greek, Cyrillic, Roman numerals). */
const CASED_RE = /[A-Z\u00C0-\u00DE\u0100-\u024F\u0370-\u03FF\u0400-\u052F\u1E00-\u1FFF\u2160-\u216F\u24B6-\u24CF]/;

/** NFKC + lower case + all white space removed. */
export function fold(s: string): string {
  let n = s.normalize("NFKC");
  if (WS_TEST_RE.test(n)) n = n.replace(WS_RE, "");
  // Only letters with case need lowering; skipping pure kana/kanji text avoids a copy.
  if (CASED_RE.test(n)) n = n.toLowerCase();
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
