/**
 * Offline manifest check (`npm run validate`). The installed office-addin-manifest package carries no XSD files
 * (its validator calls a web service: `npm run validate:online`), so this script checks the structure locally:
 * well-formed XML, OfficeApp TaskPaneApp v1.1 child elements in schema order, a GUID Id, the version format,
 * https URLs, icons present under assets/ with the right pixel sizes (PNG header), every resid defined (and of
 * the right kind), ja-JP overrides, the ExcelApi minimum (equal to src/excel/api-sets.ts), ReadWriteDocument,
 * a Home-tab button that shows the task pane, and no external AppDomains.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { MIN_EXCEL_API } from "../src/excel/api-sets";

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(s: string, line: number): string {
  return s.replace(/&([^;\s]*);?/g, (m, name: string) => {
    if (!m.endsWith(";")) throw new XmlError(`line ${line}: bare "&" (write &amp;)`);
    if (name.startsWith("#x")) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const v = ENTITIES[name];
    if (v === undefined) throw new XmlError(`line ${line}: unknown entity &${name};`);
    return v;
  });
}

/** A small, strict XML parser: one root, matched tags, quoted unique attributes, known entities. */
export function parseXml(src: string): XmlNode {
  let i = 0;
  let line = 1;
  const advance = (n: number): void => {
    for (let k = 0; k < n; k++) if (src.charCodeAt(i + k) === 10) line++;
    i += n;
  };
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  if (src.charCodeAt(0) === 0xfeff) i = 1;
  while (i < src.length) {
    if (src.startsWith("<?", i)) {
      const end = src.indexOf("?>", i);
      if (end < 0) throw new XmlError(`line ${line}: unterminated processing instruction`);
      advance(end + 2 - i);
    } else if (src.startsWith("<!--", i)) {
      const end = src.indexOf("-->", i);
      if (end < 0) throw new XmlError(`line ${line}: unterminated comment`);
      advance(end + 3 - i);
    } else if (src.startsWith("<![CDATA[", i)) {
      const end = src.indexOf("]]>", i);
      if (end < 0 || stack.length === 0) throw new XmlError(`line ${line}: bad CDATA section`);
      stack[stack.length - 1].text += src.slice(i + 9, end);
      advance(end + 3 - i);
    } else if (src.startsWith("<!", i)) {
      throw new XmlError(`line ${line}: DOCTYPE/declarations are not allowed in a manifest`);
    } else if (src.startsWith("</", i)) {
      const m = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(src.slice(i, i + 200));
      if (!m) throw new XmlError(`line ${line}: bad closing tag`);
      const open = stack.pop();
      if (!open || open.name !== m[1]) throw new XmlError(`line ${line}: </${m[1]}> does not match <${open?.name ?? "nothing"}>`);
      advance(m[0].length);
    } else if (src[i] === "<") {
      const start = line;
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(src.slice(i, i + 200));
      if (!m) throw new XmlError(`line ${line}: bad tag`);
      advance(m[0].length);
      const node: XmlNode = { name: m[1], attrs: {}, children: [], text: "", line: start };
      for (;;) {
        const ws = /^\s*/.exec(src.slice(i, i + 1000));
        advance(ws ? ws[0].length : 0);
        if (src.startsWith("/>", i)) {
          advance(2);
          break;
        }
        if (src[i] === ">") {
          advance(1);
          stack.push(node);
          break;
        }
        const a = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(src.slice(i, i + 5000));
        if (!a) throw new XmlError(`line ${line}: bad attribute in <${node.name}>`);
        if (a[1] in node.attrs) throw new XmlError(`line ${line}: duplicate attribute ${a[1]}`);
        node.attrs[a[1]] = decode(a[3] ?? a[4] ?? "", line);
        advance(a[0].length);
      }
      if (stack.length === 0 || (stack.length === 1 && stack[0] === node)) {
        if (root) throw new XmlError(`line ${start}: more than one root element`);
        root = node;
      } else {
        const parent = stack[stack.length - 1] === node ? stack[stack.length - 2] : stack[stack.length - 1];
        parent.children.push(node);
      }
    } else {
      const next = src.indexOf("<", i);
      const end = next < 0 ? src.length : next;
      const text = src.slice(i, end);
      if (stack.length === 0) {
        if (text.trim() !== "") throw new XmlError(`line ${line}: text outside the root element`);
      } else {
        stack[stack.length - 1].text += decode(text, line);
      }
      advance(end - i);
    }
  }
  if (stack.length > 0) throw new XmlError(`line ${line}: <${stack[stack.length - 1].name}> is not closed`);
  if (!root) throw new XmlError("no root element");
  return root;
}

const local = (n: string): string => n.slice(n.indexOf(":") + 1);
const kids = (n: XmlNode, name: string): XmlNode[] => n.children.filter((c) => local(c.name) === name);
const kid = (n: XmlNode | undefined, name: string): XmlNode | undefined => (n ? kids(n, name)[0] : undefined);

function walk(n: XmlNode, f: (n: XmlNode, parent: XmlNode | null) => void, parent: XmlNode | null = null): void {
  f(n, parent);
  for (const c of n.children) walk(c, f, n);
}

/** OfficeApp children of a TaskPaneApp, in schema order. */
export const TASKPANE_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "Dictionary",
  "VersionOverrides",
  "ExtendedOverrides",
];
const REQUIRED = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "DefaultSettings", "Permissions"];
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const VERSION = /^\d{1,5}(\.\d{1,5}){0,3}$/;
const DEV_ORIGIN = "https://localhost:3000/";

/** Width and height from a PNG's IHDR, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const sig = [137, 80, 78, 71, 13, 10, 26, 10];
  if (bytes.length < 24 || sig.some((b, k) => bytes[k] !== b)) return null;
  if (String.fromCharCode(...bytes.slice(12, 16)) !== "IHDR") return null;
  const u32 = (o: number): number => ((bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3]) >>> 0;
  return { width: u32(16), height: u32(20) };
}

export interface ManifestReport {
  errors: string[];
  warnings: string[];
  minExcelApi: string | null;
}

export interface ValidateOptions {
  /** Directory that holds assets/ (the repository root). */
  root: string;
  /**
   * Where the add-in is served: every URL in the manifest must start with it. Default https://localhost:3000/
   * (the development manifest); a production build's manifest (dist/web/manifest.xml) has its own.
   */
  origin?: string;
}

/** The origin a manifest serves from: its SourceLocation without "taskpane.html" (null when missing). */
export function manifestOrigin(xml: string): string | null {
  const m = /<SourceLocation\s+DefaultValue="([^"]+)taskpane\.html"/.exec(xml);
  return m ? m[1] : null;
}

/** Validates manifest text; file checks are relative to `options.root`. */
export function validateManifest(xml: string, options: ValidateOptions): ManifestReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const ORIGIN = options.origin ?? DEV_ORIGIN;
  if (!/^https:\/\/[^/]+\/(.*\/)?$/.test(ORIGIN)) errors.push(`origin must be an https:// address ending in "/": ${ORIGIN}`);
  let doc: XmlNode;
  try {
    doc = parseXml(xml);
  } catch (e) {
    return { errors: [`not well-formed XML: ${(e as Error).message}`], warnings, minExcelApi: null };
  }
  if (doc.name !== "OfficeApp") errors.push(`root element is <${doc.name}>, expected <OfficeApp>`);
  if (doc.attrs.xmlns !== "http://schemas.microsoft.com/office/appforoffice/1.1") errors.push("OfficeApp xmlns must be the appforoffice 1.1 namespace");
  if (doc.attrs["xsi:type"] !== "TaskPaneApp") errors.push('OfficeApp xsi:type must be "TaskPaneApp"');

  // Schema order and required children.
  let last = -1;
  const seen = new Set<string>();
  for (const c of doc.children) {
    const idx = TASKPANE_ORDER.indexOf(c.name);
    if (idx < 0) {
      errors.push(`line ${c.line}: <${c.name}> is not a child of a TaskPaneApp <OfficeApp>`);
      continue;
    }
    if (seen.has(c.name)) errors.push(`line ${c.line}: <${c.name}> appears twice`);
    if (idx < last) errors.push(`line ${c.line}: <${c.name}> is out of schema order (must come before <${TASKPANE_ORDER[last]}>)`);
    last = Math.max(last, idx);
    seen.add(c.name);
  }
  for (const r of REQUIRED) if (!seen.has(r)) errors.push(`<${r}> is required`);

  const id = kid(doc, "Id")?.text.trim() ?? "";
  if (id && !GUID.test(id)) errors.push(`<Id> "${id}" is not a GUID`);
  const version = kid(doc, "Version")?.text.trim() ?? "";
  if (version && !VERSION.test(version)) errors.push(`<Version> "${version}" must look like 1.0.0.0`);
  const locale = kid(doc, "DefaultLocale")?.text.trim() ?? "";

  // ja-JP texts.
  const hasJa = (n: XmlNode | undefined): boolean => locale === "ja-JP" || (!!n && kids(n, "Override").some((o) => o.attrs.Locale === "ja-JP" && !!o.attrs.Value));
  for (const name of ["DisplayName", "Description"]) {
    const n = kid(doc, name);
    if (n && !n.attrs.DefaultValue) errors.push(`<${name}> needs DefaultValue`);
    if (n && !hasJa(n)) errors.push(`<${name}> has no ja-JP <Override>`);
  }

  // Hosts, permissions, requirements.
  const hosts = kids(kid(doc, "Hosts") ?? doc, "Host").map((h) => h.attrs.Name);
  if (!hosts.includes("Workbook")) errors.push('<Hosts> must contain <Host Name="Workbook"/>');
  const perm = kid(doc, "Permissions")?.text.trim();
  if (perm !== undefined && perm !== "ReadWriteDocument") errors.push(`<Permissions> is "${perm}", expected ReadWriteDocument`);
  const sets = kids(kid(kid(doc, "Requirements"), "Sets") ?? doc, "Set");
  const excelSet = sets.find((s) => s.attrs.Name === "ExcelApi");
  const minExcelApi = excelSet?.attrs.MinVersion ?? null;
  if (!excelSet) errors.push('<Requirements><Sets> must contain <Set Name="ExcelApi" MinVersion="…"/>');
  else if (!minExcelApi || !/^1\.\d{1,2}$/.test(minExcelApi)) errors.push("ExcelApi <Set> needs MinVersion like 1.7");
  else if (minExcelApi !== MIN_EXCEL_API) errors.push(`ExcelApi MinVersion ${minExcelApi} differs from MIN_EXCEL_API ${MIN_EXCEL_API} in src/excel/api-sets.ts`);

  // Domains: nothing but the add-in's own origin.
  for (const d of kids(kid(doc, "AppDomains") ?? doc, "AppDomain")) {
    if (!`${d.text.trim()}/`.startsWith(new URL(ORIGIN).origin + "/")) errors.push(`external AppDomain not allowed: ${d.text.trim()}`);
  }

  // URLs and icons.
  const iconCheck = (url: string, size: number | null, where: string): void => {
    if (!url.startsWith("https://")) {
      errors.push(`${where}: URL must be https: ${url}`);
      return;
    }
    if (!url.startsWith(ORIGIN)) {
      errors.push(`${where}: URL must be on ${ORIGIN}: ${url}`);
      return;
    }
    const rel = url.slice(ORIGIN.length);
    if (!rel.startsWith("assets/")) return;
    const file = join(options.root, ...rel.split("/"));
    if (!existsSync(file)) {
      errors.push(`${where}: ${rel} does not exist`);
      return;
    }
    const dims = pngSize(readFileSync(file));
    if (!dims) errors.push(`${where}: ${rel} is not a PNG`);
    else if (size !== null && (dims.width !== size || dims.height !== size)) {
      errors.push(`${where}: ${rel} is ${dims.width}×${dims.height}, expected ${size}×${size}`);
    }
  };
  // Every URL the manifest gives Office (any DefaultValue or Override Value) is on the add-in's origin.
  walk(doc, (n) => {
    for (const k of ["DefaultValue", "Value"]) {
      const v = n.attrs[k];
      if (v !== undefined && /^https?:\/\//i.test(v) && !v.startsWith(ORIGIN)) errors.push(`line ${n.line}: <${n.name}> URL is not on ${ORIGIN}: ${v}`);
    }
  });
  const url = (name: string): string | undefined => kid(doc, name)?.attrs.DefaultValue;
  const icon = url("IconUrl");
  const hiIcon = url("HighResolutionIconUrl");
  if (!icon) errors.push("<IconUrl> is missing");
  else iconCheck(icon, 32, "IconUrl");
  if (!hiIcon) errors.push("<HighResolutionIconUrl> is missing");
  else iconCheck(hiIcon, 64, "HighResolutionIconUrl");
  const source = kid(kid(doc, "DefaultSettings"), "SourceLocation")?.attrs.DefaultValue;
  if (!source) errors.push("<DefaultSettings><SourceLocation> is missing");
  else if (source !== `${ORIGIN}taskpane.html`) errors.push(`SourceLocation must be ${ORIGIN}taskpane.html (is ${source})`);
  const support = url("SupportUrl");
  if (support && !support.startsWith("https://")) errors.push(`SupportUrl must be https: ${support}`);
  for (const s of [16, 32, 64, 80, 128]) {
    const f = join(options.root, "assets", `icon-${s}.png`);
    const dims = existsSync(f) ? pngSize(readFileSync(f)) : null;
    if (!dims) errors.push(`assets/icon-${s}.png is missing or not a PNG`);
    else if (dims.width !== s || dims.height !== s) errors.push(`assets/icon-${s}.png is ${dims.width}×${dims.height}, expected ${s}×${s}`);
  }

  // VersionOverrides: resources, resids, the Home-tab button.
  const vo = kid(doc, "VersionOverrides");
  if (!vo) errors.push("<VersionOverrides> (ribbon button) is missing");
  else {
    if (vo.attrs["xsi:type"] !== "VersionOverridesV1_0") errors.push('VersionOverrides xsi:type must be "VersionOverridesV1_0"');
    const voOrder = ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins"];
    let prev = -1;
    for (const c of vo.children) {
      const k = voOrder.indexOf(local(c.name));
      if (k < 0) errors.push(`line ${c.line}: <${c.name}> is not a child of <VersionOverrides>`);
      else if (k < prev) errors.push(`line ${c.line}: <${c.name}> is out of order in <VersionOverrides>`);
      prev = Math.max(prev, k);
    }
    const res = kid(vo, "Resources");
    const defined = new Map<string, { kind: string; node: XmlNode }>();
    if (!res) errors.push("<VersionOverrides><Resources> is missing");
    else {
      for (const group of res.children) {
        const kind = local(group.name);
        for (const item of group.children) {
          const rid = item.attrs.id;
          if (!rid) errors.push(`line ${item.line}: resource without id`);
          else if (defined.has(rid)) errors.push(`line ${item.line}: resource id "${rid}" defined twice`);
          else defined.set(rid, { kind, node: item });
          const v = item.attrs.DefaultValue ?? "";
          if (!v) errors.push(`line ${item.line}: resource "${rid}" has no DefaultValue`);
          if (kind === "ShortStrings" && v.length > 125) errors.push(`short string "${rid}" is longer than 125 characters`);
          if (kind === "LongStrings" && v.length > 250) errors.push(`long string "${rid}" is longer than 250 characters`);
          if ((kind === "ShortStrings" || kind === "LongStrings") && !hasJa(item)) errors.push(`string "${rid}" has no ja-JP <bt:Override>`);
          if (kind === "Urls" && !v.startsWith("https://")) errors.push(`URL "${rid}" must be https: ${v}`);
        }
      }
    }
    const wantKind: Record<string, string[]> = {
      Label: ["ShortStrings"],
      Title: ["ShortStrings"],
      Description: ["LongStrings"],
      SourceLocation: ["Urls"],
      FunctionFile: ["Urls"],
      LearnMoreUrl: ["Urls"],
      Image: ["Images"],
    };
    const used = new Set<string>();
    walk(vo, (n, parent) => {
      const rid = n.attrs.resid;
      if (rid === undefined) return;
      used.add(rid);
      const d = defined.get(rid);
      if (!d) {
        errors.push(`line ${n.line}: resid "${rid}" is not defined in <Resources>`);
        return;
      }
      const want = wantKind[local(n.name)];
      if (want && !want.includes(d.kind)) errors.push(`line ${n.line}: resid "${rid}" on <${n.name}> must be one of ${want.join("/")}, is ${d.kind}`);
      if (local(n.name) === "Image" && parent && local(parent.name) === "Icon") {
        const size = Number(n.attrs.size);
        const v = d.node.attrs.DefaultValue ?? "";
        if (v) iconCheck(v, Number.isFinite(size) ? size : null, `icon "${rid}" size ${n.attrs.size}`);
      }
    });
    for (const rid of defined.keys()) if (!used.has(rid)) warnings.push(`resource "${rid}" is never used`);
    // A Home-tab button that shows the task pane.
    let button = false;
    walk(vo, (n) => {
      if (local(n.name) !== "OfficeTab" || n.attrs.id !== "TabHome") return;
      walk(n, (c) => {
        if (local(c.name) === "Control" && c.attrs["xsi:type"] === "Button") {
          const action = kid(c, "Action");
          if (action?.attrs["xsi:type"] === "ShowTaskpane" && kid(action, "SourceLocation")) button = true;
        }
      });
    });
    if (!button) errors.push('no Button with a ShowTaskpane action on <OfficeTab id="TabHome">');
    const dff = kid(kid(kid(vo, "Hosts"), "Host"), "DesktopFormFactor");
    if (!dff) errors.push("<DesktopFormFactor> is missing");
    else {
      const order = ["GetStarted", "FunctionFile", "ExtensionPoint"];
      let p = -1;
      for (const c of dff.children) {
        const k = order.indexOf(local(c.name));
        if (k < 0) errors.push(`line ${c.line}: <${c.name}> is not expected in <DesktopFormFactor>`);
        else if (k < p) errors.push(`line ${c.line}: <${c.name}> is out of order in <DesktopFormFactor>`);
        p = Math.max(p, k);
      }
    }
  }
  return { errors, warnings, minExcelApi };
}

/**
 * `npm run validate [file…]`: without arguments the development manifest (manifest.xml, on localhost) and, when a
 * build made it, dist/web/manifest.xml (on the address given to `npm run build -- --env url=…`, read from its
 * SourceLocation). Exits non-zero on any error.
 */
function main(): void {
  const root = resolve(__dirname, "..");
  const given = process.argv.slice(2);
  const built = join(root, "dist", "web", "manifest.xml");
  const files = given.length > 0 ? given.map((f) => resolve(f)) : [join(root, "manifest.xml"), ...(existsSync(built) ? [built] : [])];
  let failed = false;
  for (const file of files) {
    const xml = readFileSync(file, "utf8");
    const dev = file === join(root, "manifest.xml");
    const origin = dev ? DEV_ORIGIN : (manifestOrigin(xml) ?? DEV_ORIGIN);
    const result = validateManifest(xml, { root, origin });
    for (const w of result.warnings) console.log(`warning: ${w}`);
    if (result.errors.length > 0) {
      for (const e of result.errors) console.error(`error: ${e}`);
      console.error(`${file}: ${result.errors.length} error(s)`);
      failed = true;
      continue;
    }
    console.log(`${file}: valid for ${origin} (offline structural check; ExcelApi ${result.minExcelApi}, ${result.warnings.length} warning(s))`);
  }
  if (failed) process.exit(1);
}

if (require.main === module) main();
