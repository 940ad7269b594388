/** Minimal in-place edits of XML text: locate an element and its direct children by offsets. Browser-safe. */
import { scanXml } from "./xml";

export interface Span {
  /** Offset of "<" of the start tag. */
  start: number;
  /** Offset just after the start tag's ">". */
  openEnd: number;
  /** Offset of "<" of the end tag (== openEnd for an empty-element tag). */
  closeStart: number;
  /** Offset just after the element. */
  end: number;
  selfClosing: boolean;
  /** Namespace prefix including the colon ("x:"), or "". */
  prefix: string;
  /** Direct children (local name + span bounds). */
  children: { name: string; start: number; end: number }[];
}

function prefixOf(xml: string, start: number): string {
  let k = start + 1;
  while (k < xml.length && !/[\s/>]/.test(xml[k])) k++;
  const q = xml.slice(start + 1, k);
  const i = q.indexOf(":");
  return i < 0 ? "" : q.slice(0, i + 1);
}

/** The first element with local name `name` (at any depth), or null. */
export function findElement(xml: string, name: string): Span | null {
  let depth = 0;
  let found: Span | null = null;
  let foundDepth = -1;
  let child: { name: string; start: number } | null = null;
  const STOP = {};
  try {
    scanXml(xml, {
      open(n, _raw, selfClosing, start, end) {
        depth++;
        if (!found && n === name) {
          found = { start, openEnd: end, closeStart: end, end, selfClosing, prefix: prefixOf(xml, start), children: [] };
          foundDepth = depth;
          if (selfClosing) throw STOP;
        } else if (found && depth === foundDepth + 1 && !child) {
          child = { name: n, start };
        }
      },
      close(n, start, end) {
        if (found && depth === foundDepth + 1 && child) {
          found.children.push({ name: child.name, start: child.start, end });
          child = null;
        } else if (found && depth === foundDepth && n === name) {
          found.closeStart = start;
          found.end = end;
          throw STOP;
        }
        depth--;
      },
    });
  } catch (e) {
    if (e !== STOP) throw e;
  }
  return found;
}

/** Replaces or adds attribute `name` in the start tag text `tag`. */
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${value}"`);
  return tag.replace(/\s*(\/?>)$/, ` ${name}="${value}"$1`);
}

export function splice(s: string, start: number, end: number, insert: string): string {
  return s.slice(0, start) + insert + s.slice(end);
}
