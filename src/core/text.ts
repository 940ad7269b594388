/**
 * Text helpers shared by the engine. Pure functions, no I/O.
 *
 * "Folding" makes header and keyword matching insensitive to full/half width (NFKC), case, and every kind of
 * white space including U+3000 and line breaks, so 「チェック\n欄」, 「チェック　欄」 and 「ﾁｪｯｸ欄」 all fold to the same text.
 */
import type { CellValue } from "./model";

const WS_RE = /\s+/g;

/**
 * Per UTF-16 code unit: 1 when the character is its own fold (NFKC leaves it as it is, it has no case and is not
 * white space) and cannot combine with a neighbour under NFKC; 2 when not; 0 not yet known (filled on first use).
 */
const STABLE = new Uint8Array(0x10000);

function foldStable(c: number): boolean {
  // ASCII punctuation, digits and lower-case letters.
  if (c < 0x80) return (c > 32 && c < 65) || (c > 90 && c < 127);
  // Only CJK punctuation, kana and the unified kanji are looked at (the combining sound marks U+3099/U+309A are not:
  // they join the kana before them); anything else takes the general path.
  if (!((c >= 0x3001 && c <= 0x30ff && c !== 0x3099 && c !== 0x309a) || (c >= 0x4e00 && c <= 0x9fff))) return false;
  let k = STABLE[c];
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = ch.normalize("NFKC") === ch && !/\s/.test(ch) && ch.toLowerCase() === ch ? 1 : 2;
    STABLE[c] = k;
  }
  return k === 1;
}

/**
 * Fast path for text that mixes characters that are their own fold with a few whose fold is known without NFKC:
 * ASCII white space and the ideographic space (dropped), A-Z (lower case), full-width ASCII ！-～ (its ASCII
 * character, then the same rules). Null when another character occurs (the caller takes the general path).
 * `from` is the first index that is not its own fold.
 */
function foldSimple(s: string, from: number): string | null {
  let out = s.slice(0, from);
  let run = from; // start of the pending run of characters kept as they are
  for (let i = from; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (foldStable(c)) continue;
    out += s.slice(run, i);
    run = i + 1;
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c === 0x20 || c === 0x3000 || (c >= 0x09 && c <= 0x0d)) continue;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    else if (!foldStable(c)) return null;
    out += String.fromCharCode(c);
  }
  return out + s.slice(run);
}

/** NFKC + lower case + all white space removed. */
export function fold(s: string): string {
  // Fastest path: text made only of characters that are their own fold (most item texts) is returned as it is.
  let i = 0;
  while (i < s.length && foldStable(s.charCodeAt(i))) i++;
  if (i === s.length) return s;
  const simple = foldSimple(s, i);
  if (simple !== null) return simple;
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
