/**
 * Small XML helpers for the few OOXML parts TICS Check reads or writes: escaping, and a streaming scanner that
 * reports start tags, end tags and text without building a tree (fast enough for 10,000-row sheets).
 * Browser-safe: no Node imports.
 */

/** Characters XML 1.0 forbids (C0 controls except tab, LF, CR; lone surrogates are left to the encoder). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Characters any of the escapers below may change: text without them is returned as it is (one scan, no copies). */
const NEEDS_ESCAPE = /[\u0000-\u001F&<>"_\uFFFE\uFFFF]/;

/** Escapes text content (and strips characters XML cannot carry). */
export function escText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(INVALID_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes an attribute value written between double quotes. */
export function escAttr(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return escText(s).replace(/"/g, "&quot;").replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

/**
 * Cell text as SpreadsheetML stores it: characters XML cannot carry (controls, CR) become Excel's `_xHHHH_`
 * escapes, and a literal `_xHHHH_` in the text is protected as `_x005F_xHHHH_`. Then XML-escaped.
 */
export function escCellText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  const protectedText = s
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_")
    .replace(/[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escText(protectedText);
}

/** Reverses `_xHHHH_` escapes in cell text read from a worksheet or the shared-string table. */
export function unescCellText(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the five named entities and numeric references (&#10; &#x3042;). Unknown entities stay as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) return m;
      return String.fromCodePoint(code);
    }
    return NAMED[body] ?? m;
  });
}

/** Drops a namespace prefix: "x:row" -> "row". */
export function localName(qname: string): string {
  const i = qname.indexOf(":");
  return i < 0 ? qname : qname.slice(i + 1);
}

export type Attrs = Record<string, string>;

/** Parses the attribute text of a start tag. Keys keep their prefix (e.g. "r:id"); values are decoded. */
export function parseAttrs(s: string): Attrs {
  const out: Attrs = {};
  const n = s.length;
  let i = 0;
  while (i < n) {
    const eq = s.indexOf("=", i);
    if (eq < 0) break;
    const key = s.slice(i, eq).trim();
    let q = eq + 1;
    while (q < n && s.charCodeAt(q) <= 32) q++;
    const quote = s[q];
    if (quote !== '"' && quote !== "'") break;
    const end = s.indexOf(quote, q + 1);
    if (end < 0) break;
    if (key) out[key] = decodeEntities(s.slice(q + 1, end));
    i = end + 1;
  }
  return out;
}

/**
 * One attribute of a start tag's attribute text, read without building an object (the sheet parser's fast path for
 * `r`, `t`, `s`). Falls back to parseAttrs for single quotes, entities or spaces around "=".
 */
export function quickAttr(raw: string, key: string): string | undefined {
  if (raw.indexOf("'") >= 0 || raw.indexOf("&") >= 0 || raw.indexOf(" =") >= 0 || raw.indexOf("= ") >= 0) return parseAttrs(raw)[key];
  const pat = `${key}="`;
  let i = raw.indexOf(pat);
  while (i >= 0) {
    const before = i === 0 ? 32 : raw.charCodeAt(i - 1);
    if (before === 32 || before === 9 || before === 10 || before === 13) {
      const from = i + pat.length;
      const end = raw.indexOf('"', from);
      return end < 0 ? undefined : raw.slice(from, end);
    }
    i = raw.indexOf(pat, i + 1);
  }
  return undefined;
}

/** Attribute lookup that ignores the prefix ("r:id" matches "id" only when asked with the prefix-less name). */
export function attr(a: Attrs, name: string): string | undefined {
  if (name in a) return a[name];
  for (const k in a) if (localName(k) === name) return a[k];
  return undefined;
}

export interface ScanHandler {
  /** A start tag (or empty-element tag when `selfClosing`). `name` is the local name; `raw` the attribute text. */
  open?(name: string, rawAttrs: string, selfClosing: boolean, start: number, end: number): void;
  /** An end tag, or the implicit end of an empty-element tag. */
  close?(name: string, start: number, end: number): void;
  /** Character data (entities decoded; CDATA passed through). */
  text?(text: string): void;
  /** When given, text is sliced, decoded and reported only while `gate.on` (the sheet parser's fast path). */
  gate?: { on: boolean };
}

/**
 * Scans an XML string and reports events. Comments, processing instructions and DOCTYPE are skipped.
 * Throws on a tag that is never closed by ">" (truncated part).
 */
export function scanXml(xml: string, h: ScanHandler): void {
  const n = xml.length;
  let i = 0;
  const wantText = h.text !== undefined;
  const gate = h.gate;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) {
      if (wantText && i < n && (!gate || gate.on)) h.text!(decodeEntities(xml.slice(i)));
      break;
    }
    if (wantText && lt > i && (!gate || gate.on)) h.text!(decodeEntities(xml.slice(i, lt)));
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      if (xml.startsWith("<!--", lt)) {
        const e = xml.indexOf("-->", lt + 4);
        if (e < 0) throw new Error("unterminated comment");
        i = e + 3;
      } else if (xml.startsWith("<![CDATA[", lt)) {
        const e = xml.indexOf("]]>", lt + 9);
        if (e < 0) throw new Error("unterminated CDATA");
        if (wantText && (!gate || gate.on)) h.text!(xml.slice(lt + 9, e));
        i = e + 3;
      } else {
        const e = xml.indexOf(">", lt);
        if (e < 0) throw new Error("unterminated declaration");
        i = e + 1;
      }
      continue;
    }
    if (c === 63 /* ? */) {
      const e = xml.indexOf("?>", lt);
      if (e < 0) throw new Error("unterminated processing instruction");
      i = e + 2;
      continue;
    }
    // Find the end of the tag; a ">" inside a quoted attribute value does not end it.
    let j = xml.indexOf(">", lt + 1);
    if (j < 0) throw new Error("unterminated tag");
    let quoted = false;
    for (let k = lt + 1; k < j; k++) {
      const ch = xml.charCodeAt(k);
      if (ch === 34 || ch === 39) {
        quoted = true;
        break;
      }
    }
    if (quoted) {
      // Walk the quoted values; a ">" inside one moves the end of the tag.
      let k = lt + 1;
      for (;;) {
        let qs = -1;
        for (let m = k; m < j; m++) {
          const ch = xml.charCodeAt(m);
          if (ch === 34 || ch === 39) {
            qs = m;
            break;
          }
        }
        if (qs < 0) break;
        const qe = xml.indexOf(xml[qs], qs + 1);
        if (qe < 0) throw new Error("unterminated tag");
        k = qe + 1;
        if (qe > j) {
          j = xml.indexOf(">", qe + 1);
          if (j < 0) throw new Error("unterminated tag");
        }
      }
    }
    if (c === 47 /* / */) {
      h.close?.(localName(xml.slice(lt + 2, j).trim()), lt, j + 1);
    } else {
      const selfClosing = xml.charCodeAt(j - 1) === 47;
      const bodyEnd = selfClosing ? j - 1 : j;
      let k = lt + 1;
      while (k < bodyEnd) {
        const ch = xml.charCodeAt(k);
        if (ch === 32 || ch === 9 || ch === 10 || ch === 13) break;
        k++;
      }
      const name = localName(xml.slice(lt + 1, k));
      if (h.open) h.open(name, k < bodyEnd ? xml.slice(k, bodyEnd) : "", selfClosing, lt, j + 1);
      if (selfClosing) h.close?.(name, lt, j + 1);
    }
    i = j + 1;
  }
}

/** Every start tag with local name `name` (attributes parsed), in document order. */
export function findTags(xml: string, name: string): Attrs[] {
  const out: Attrs[] = [];
  scanXml(xml, {
    open(n, raw) {
      if (n === name) out.push(parseAttrs(raw));
    },
  });
  return out;
}
