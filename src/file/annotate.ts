/**
 * Writes TICS Check's two sheets into a copy of the user's .xlsx, losslessly.
 *
 * - 「診断結果」 (results, with a native radar chart over its field table) and 「改善計画」 (plan, an Excel table
 *   with autofilter) are rendered from `resultsModel` / `planModel` (src/core/sheets.ts), as the Excel host does.
 * - Our sheets are recognised by a sheet-local hidden defined name (`_TicsCheck_Results` / `_TicsCheck_Plan`),
 *   or — for sheets the add-in wrote — by the results marker in A1 / a table named TicsPlan. Re-running replaces
 *   them in place (same position, sheetId, rId and part name), keeps the plan's user columns and turns the old
 *   scores into the 「前回」 series. A user's own sheet with the same name is never touched: ours then gets a
 *   「診断結果 (2)」-style name and a warning says so.
 * - With `fix`, answer cells whose status is "normalized" get the canonical answer (inline string, same s=).
 * - Every other part keeps its exact bytes; workbook.xml, its rels, [Content_Types].xml and styles.xml get
 *   minimal insertions (styles are appended only, existing indexes stay valid; formats appended by an earlier run
 *   are reused). Our cells are inline strings, so the shared-string table is never touched, nor needed when
 *   missing. calcChain entries of regenerated sheets are dropped (the part goes when it becomes empty).
 *
 * Returns `{ bytes, warnings, sheets }` (warnings Japanese + English). Browser-safe: no Node imports.
 */
import type { Bilingual, CellValue, Report } from "../core/model";
import { PLAN_ORDER_LINE } from "../core/plan";
import {
  PLAN_SHEET,
  PLAN_TABLE,
  planModel,
  readPlanUserHeaders,
  readPlanUserValues,
  readStoredResult,
  RESULTS_MARKER,
  RESULTS_SHEET,
  resultsModel,
  tableHeaderRow,
} from "../core/sheets";
import {
  EVIDENCE_SHEET,
  EVIDENCE_TABLE,
  evidenceModel,
  isEvidenceGrid,
  mergeEvidence,
  readEvidenceUserHeaders,
  readEvidenceUserValues,
} from "../core/evidence";
import { appendHistory, HISTORY_SHEET, historyModel, historyRowOf, isHistoryGrid, readHistory } from "../core/history";
import type { EvidenceEntry } from "../core/model";
import { parseCell } from "./cells";
import {
  drawingXml,
  historySheetXml,
  lineChartXml,
  OwnStyles,
  writePlanSheet,
  radarChartXml,
  relsXml,
  resultsSheetXml,
  tableXml,
} from "./ooxml-parts";
import { openPackage, Package, relativeTarget, relsPathOf, Utf8Sink, xlsxError } from "./package";
import { readSheetGrids, SheetEntry, workbookInfo, WorkbookInfo, type CellGetter, denseOf, type SheetGrid } from "./xlsx-read";
import { absRef, CT_WORKSHEET, NS_MAIN, NS_REL, REL_STYLES, REL_WORKSHEET, XML_HEAD } from "./xlsx-write";
import { escAttr, escText, findTags, parseAttrs, scanXml } from "./xml";
import { findElement, setAttr, splice } from "./xml-edit";

export interface AnnotateOptions {
  fix: boolean;
  lang: "ja" | "en";
  now?: Date;
  /** Who wrote the result (the 「履歴」 row's 記録者); blank when unknown. */
  who?: string;
  /**
   * Also write 「証跡・根拠」 and 「履歴」 (one row more when the result changed; 「前回」 then comes from it). The CLI's
   * --out and the browser download pass true; without it only the results and plan sheets are written.
   */
  records?: boolean;
  /** Evidence typed in the pane, by item id: replaces those columns of the 「証跡・根拠」 sheet's rows. */
  evidence?: Map<string, Partial<EvidenceEntry>>;
}

export interface AnnotateResult {
  bytes: Uint8Array;
  /** Things the user should know (name clash, cells not fixed…). */
  warnings: Bilingual[];
  /** The sheet names actually used. */
  sheets: { results: string; plan: string; evidence?: string; history?: string };
  /** A row was appended to 「履歴」 (the result differs from the last row). */
  historyAppended: boolean;
  /** Cells rewritten by `fix` (A1 addresses on the checklist sheet). */
  fixed: string[];
  /** The file extension Excel expects for the copy: the input's kind is kept (macros, template). */
  extension: WorkbookExtension;
}

export type WorkbookExtension = ".xlsx" | ".xlsm" | ".xltx" | ".xltm";

const EXTENSION_OF_MAIN: Record<string, WorkbookExtension> = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": ".xlsx",
  "application/vnd.ms-excel.sheet.macroEnabled.main+xml": ".xlsm",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": ".xltx",
  "application/vnd.ms-excel.template.macroEnabled.main+xml": ".xltm",
};

/**
 * Which kind of workbook the package is, from the content type of its workbook part: Excel refuses to open a
 * macro-enabled package named .xlsx, so the copy has to keep the input's extension.
 */
export function workbookExtension(pkg: Package, wbPart: string): WorkbookExtension {
  const ct = findTags(pkg.text("[Content_Types].xml") ?? "", "Override").find(
    (a) => (a.PartName ?? "").replace(/^\//, "").toLowerCase() === wbPart.toLowerCase(),
  );
  return EXTENSION_OF_MAIN[(ct?.ContentType ?? "").trim()] ?? ".xlsx";
}

export const RESULTS_NAME_MARK = "_TicsCheck_Results";
export const PLAN_NAME_MARK = "_TicsCheck_Plan";
export const EVIDENCE_NAME_MARK = "_TicsCheck_Evidence";
export const HISTORY_NAME_MARK = "_TicsCheck_History";
const ALL_MARKS = [RESULTS_NAME_MARK, PLAN_NAME_MARK, EVIDENCE_NAME_MARK, HISTORY_NAME_MARK];

const REL_DRAWING = `${NS_REL}/drawing`;
const REL_CHART = `${NS_REL}/chart`;
const REL_TABLE = `${NS_REL}/table`;
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";
const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

interface Slot {
  index: number;
  entry: SheetEntry;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Tables (name) attached to a sheet part. */
function sheetTableNames(pkg: Package, part: string): string[] {
  const out: string[] = [];
  for (const r of pkg.rels(part)) {
    if (!r.type.endsWith("/table") || r.external) continue;
    const xml = pkg.text(r.target);
    if (!xml) continue;
    const t = findTags(xml, "table")[0];
    if (t?.name) out.push(t.name);
  }
  return out;
}

interface OwnSlots {
  results: Slot | null;
  plan: Slot | null;
  evidence: Slot | null;
  history: Slot | null;
}

function findOwn(pkg: Package, info: WorkbookInfo, grids: Map<string, SheetGrid>): OwnSlots {
  let results: Slot | null = null;
  let plan: Slot | null = null;
  let evidence: Slot | null = null;
  let history: Slot | null = null;
  // Excel copies sheet-local names with a sheet: a user's copy of our sheet (kept as a snapshot) carries the mark
  // too. The sheet still under our name wins; otherwise the first marked one.
  const byMark = (mark: string, ownName: string): Slot | null => {
    const marked: Slot[] = [];
    for (const d of info.definedNames) {
      if (d.name !== mark || d.localSheetId === null) continue;
      const entry = info.sheets[d.localSheetId];
      if (entry && entry.isWorksheet) marked.push({ index: d.localSheetId, entry });
    }
    return marked.find((s) => sameName(s.entry.name, ownName)) ?? marked[0] ?? null;
  };
  results = byMark(RESULTS_NAME_MARK, RESULTS_SHEET);
  plan = byMark(PLAN_NAME_MARK, PLAN_SHEET);
  evidence = byMark(EVIDENCE_NAME_MARK, EVIDENCE_SHEET);
  history = byMark(HISTORY_NAME_MARK, HISTORY_SHEET);
  info.sheets.forEach((entry, index) => {
    if (!entry.isWorksheet) return;
    if (!results && sameName(entry.name, RESULTS_SHEET)) {
      const a1 = grids.get(entry.name)?.get(0, 0);
      if (typeof a1 === "string" && a1.startsWith(RESULTS_MARKER)) results = { index, entry };
    }
    if (!plan && sameName(entry.name, PLAN_SHEET) && sheetTableNames(pkg, entry.part).includes(PLAN_TABLE)) plan = { index, entry };
    // The add-in's sheets in Excel carry no defined name: recognised by their name and their own table / header.
    if (!evidence && sameName(entry.name, EVIDENCE_SHEET) && isEvidenceGrid(denseOf(grids.get(entry.name)?.cells ?? []) ?? [])) evidence = { index, entry };
    if (!history && sameName(entry.name, HISTORY_SHEET) && isHistoryGrid(denseOf(grids.get(entry.name)?.cells ?? []) ?? [])) history = { index, entry };
  });
  return { results, plan, evidence, history };
}

/** Parts reachable from `part` through internal relationships (not including `part`). */
function reachable(pkg: Package, part: string, out: Set<string>): void {
  for (const r of pkg.rels(part)) {
    if (r.external || out.has(r.target) || !pkg.has(r.target)) continue;
    out.add(r.target);
    reachable(pkg, r.target, out);
  }
}

/** Parts reachable from the package root without passing through `skip` (the sheets being replaced). */
function reachableFromRoot(pkg: Package, skip: Set<string>): Set<string> {
  const out = new Set<string>();
  const walk = (part: string): void => {
    for (const r of pkg.rels(part)) {
      if (r.external || skip.has(r.target) || out.has(r.target) || !pkg.has(r.target)) continue;
      out.add(r.target);
      walk(r.target);
    }
  };
  walk("");
  return out;
}

/** Every part referenced from any rels part, except the given sources. */
function referencedElsewhere(pkg: Package, skipSources: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const name of pkg.names()) {
    if (!name.endsWith(".rels")) continue;
    const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(name);
    if (!m) continue;
    const source = m[1] + m[2];
    if (skipSources.has(source)) continue;
    for (const r of pkg.rels(source)) if (!r.external) out.add(r.target);
  }
  return out;
}

/** An unused part name (part names are case-insensitive in a package). */
function freePart(pkg: Package, taken: Set<string>, dir: string, base: string, ext: string): string {
  const used = new Set(pkg.names().map((n) => n.toLowerCase()));
  for (let n = 1; ; n++) {
    const p = `${dir}/${base}${n}.${ext}`;
    if (!used.has(p.toLowerCase()) && !taken.has(p)) {
      taken.add(p);
      return p;
    }
  }
}

function nextRid(ids: Iterable<string>): () => string {
  let max = 0;
  const used = new Set<string>();
  for (const id of ids) {
    used.add(id);
    const m = /^rId(\d+)$/.exec(id);
    if (m) max = Math.max(max, parseInt(m[1], 10));
  }
  return () => {
    let id: string;
    do id = `rId${++max}`;
    while (used.has(id));
    used.add(id);
    return id;
  };
}

/** Edits [Content_Types].xml: removes overrides of `removed` parts that are gone, adds overrides for `added`. */
function editContentTypes(pkg: Package, removed: Set<string>, added: { part: string; type: string }[]): void {
  let xml = pkg.text("[Content_Types].xml") ?? "";
  if (removed.size) {
    xml = xml.replace(/<(?:\w+:)?Override\b[^>]*?\/>/g, (tag) => {
      const pn = parseAttrs(tag.slice(tag.search(/\s/), -2)).PartName ?? "";
      const name = pn.replace(/^\//, "");
      return removed.has(name) && !pkg.has(name) ? "" : tag;
    });
  }
  const root = findElement(xml, "Types");
  if (!root) throw xlsxError("corrupt", "[Content_Types].xml");
  const have = new Set(findTags(xml, "Override").map((a) => (a.PartName ?? "").replace(/^\//, "")));
  const ins = added
    .filter((a) => !have.has(a.part))
    .map((a) => `<${root.prefix}Override PartName="/${escAttr(a.part)}" ContentType="${a.type}"/>`)
    .join("");
  xml = splice(xml, root.closeStart, root.closeStart, ins);
  pkg.setText("[Content_Types].xml", xml);
}

/** Appends the few styles we use to styles.xml (reusing ones appended by an earlier run). */
function ensureStyles(pkg: Package, info: WorkbookInfo, addRel: (type: string, target: string) => void, ctAdd: { part: string; type: string }[]): OwnStyles {
  let part = info.stylesPart;
  if (!part) {
    part = "xl/styles.xml";
    pkg.setText(
      part,
      XML_HEAD +
        `<styleSheet xmlns="${NS_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
        `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
        `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
        `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
        `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
        `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    );
    addRel(REL_STYLES, "styles.xml");
    ctAdd.push({ part, type: CT_STYLES });
  }
  let xml = pkg.text(part) ?? "";
  const root = findElement(xml, "styleSheet");
  if (!root) throw xlsxError("corrupt", `${part}: <styleSheet>`);
  const p = root.prefix;
  if (root.selfClosing) xml = splice(xml, root.start, root.end, xml.slice(root.start, root.end).replace(/\s*\/>$/, ">") + `</${p}styleSheet>`);
  // The containers we append to are all optional in CT_Stylesheet. A missing or empty one gets what a new
  // workbook has, so index 0 keeps meaning "default" for the user's cells; schema order decides where it goes.
  const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];
  const DEFAULTS: Record<string, string[]> = {
    fonts: [`<${p}font><${p}sz val="11"/><${p}name val="Calibri"/><${p}family val="2"/></${p}font>`],
    fills: [`<${p}fill><${p}patternFill patternType="none"/></${p}fill>`, `<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`],
    borders: [`<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`],
    cellStyleXfs: [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`],
    cellXfs: [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`],
  };
  for (const name of Object.keys(DEFAULTS)) {
    const el = findElement(xml, name);
    if (el && el.children.length) continue;
    const filled = `<${p}${name} count="${DEFAULTS[name].length}">${DEFAULTS[name].join("")}</${p}${name}>`;
    if (el) {
      xml = splice(xml, el.start, el.end, filled);
      continue;
    }
    let at = findElement(xml, "styleSheet")!.closeStart;
    for (const next of ORDER.slice(ORDER.indexOf(name) + 1)) {
      const n = findElement(xml, next);
      if (n) {
        at = n.start;
        break;
      }
    }
    xml = splice(xml, at, at, filled);
  }
  const appendChild = (parent: string, child: string): number => {
    const el = findElement(xml, parent);
    if (!el || el.selfClosing) throw xlsxError("corrupt", `${part}: <${parent}>`);
    const existing = el.children.map((c) => xml.slice(c.start, c.end));
    const at = existing.indexOf(child);
    if (at >= 0) return at;
    const openTag = setAttr(xml.slice(el.start, el.openEnd), "count", String(existing.length + 1));
    xml = xml.slice(0, el.start) + openTag + xml.slice(el.openEnd, el.closeStart) + child + xml.slice(el.closeStart);
    return existing.length;
  };
  const fonts = findElement(xml, "fonts")!;
  const font0 = xml.slice(fonts.children[0].start, fonts.children[0].end);
  // The default font made bold (children keep their order; <b/> comes first in CT_Font's usual order).
  const boldFont = /<(\w+:)?b\s*\/>/.test(font0)
    ? font0
    : font0.endsWith("/>")
      ? `<${p}font><${p}b/></${p}font>`
      : font0.replace(/^(<[^>]*>)/, `$1<${p}b/>`);
  const boldId = appendChild("fonts", boldFont);
  const xf = (font: number, extra: string, inner: string) =>
    inner
      ? `<${p}xf numFmtId="0" fontId="${font}" fillId="0" borderId="0" xfId="0"${extra}>${inner}</${p}xf>`
      : `<${p}xf numFmtId="0" fontId="${font}" fillId="0" borderId="0" xfId="0"${extra}/>`;
  const wrapAlign = `<${p}alignment vertical="top" wrapText="1"/>`;
  const bold = appendChild("cellXfs", xf(boldId, ' applyFont="1"', ""));
  const wrap = appendChild("cellXfs", xf(0, ' applyAlignment="1"', wrapAlign));
  const header = appendChild("cellXfs", xf(boldId, ' applyFont="1" applyAlignment="1"', wrapAlign));
  const date = appendChild("cellXfs", `<${p}xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`);
  pkg.setText(part, xml);
  return { bold, wrap, header, date };
}

const W = {
  clash: (wanted: string, used: string): Bilingual => ({
    ja: `このブックには TICS Check のものではない「${wanted}」シートがあるため、結果は「${used}」シートに書きました（元のシートはそのままです）。`,
    en: `The workbook already has its own sheet 「${wanted}」, so the results were written to 「${used}」 (the existing sheet is unchanged).`,
  }),
  noSheet: (sheet: string): Bilingual => ({
    ja: `チェックリストのシート「${sheet}」が見つからないため、回答の表記ゆれは直していません。`,
    en: `The checklist sheet 「${sheet}」 was not found, so no answer cell was corrected.`,
  }),
  formula: (cell: string): Bilingual => ({
    ja: `${cell} は数式のため書き換えていません。`,
    en: `${cell} holds a formula and was not changed.`,
  }),
  changed: (cell: string): Bilingual => ({
    ja: `${cell} の内容が診断時と異なるため書き換えていません。もう一度診断してください。`,
    en: `${cell} no longer holds the value that was checked, so it was not changed. Please check again.`,
  }),
};

function freeSheetName(base: string, names: string[]): string {
  if (!names.some((n) => sameName(n, base))) return base;
  for (let k = 2; ; k++) {
    const c = `${base} (${k})`;
    if (!names.some((n) => sameName(n, c))) return c;
  }
}

/** Drops calcChain entries of the given sheetIds (calcChain omits i= when it repeats the previous entry). */
function pruneCalcChain(pkg: Package, wbPart: string, sheetIds: Set<string>, dropRel: (target: string) => void, ctRemoved: Set<string>): void {
  const rel = pkg.rels(wbPart).find((r) => r.type.endsWith("/calcChain") && !r.external);
  if (!rel || !sheetIds.size) return;
  const xml = pkg.text(rel.target);
  if (!xml) return;
  let current = "";
  let kept = 0;
  let removedAny = false;
  const out = xml.replace(/<((?:\w+:)?)c\b([^>]*?)\/>/g, (tag, _p: string, attrs: string) => {
    const a = parseAttrs(attrs);
    if (a.i !== undefined) current = a.i;
    if (sheetIds.has(current)) {
      removedAny = true;
      return "";
    }
    kept++;
    // An entry that relied on the previous i= must now state it.
    return a.i === undefined && removedAny ? tag.replace(/\s*\/>$/, ` i="${current}"/>`) : tag;
  });
  if (!removedAny) return;
  if (kept === 0) {
    pkg.remove(rel.target);
    ctRemoved.add(rel.target);
    dropRel(rel.id);
  } else pkg.setText(rel.target, out);
}

/** Rewrites normalized answer cells on the checklist sheet. */
function fixAnswers(pkg: Package, part: string, report: Report, grid: CellGetter, warnings: Bilingual[]): string[] {
  const targets = new Map<string, { to: string; raw: CellValue; cell: string }>();
  for (const it of report.items) {
    if (it.status !== "normalized" || !it.answer) continue;
    targets.set(`${it.row}:${it.col}`, { to: it.answer, raw: it.raw, cell: it.cell });
  }
  if (!targets.size) return [];
  const xml = pkg.text(part) ?? "";
  const edits: { start: number; end: number; text: string; cell: string }[] = [];
  let row = -1;
  let col = -1;
  let cur: { start: number; attrs: string; prefix: string; hasF: boolean; key: string } | null = null;
  scanXml(xml, {
    open(name, raw, _selfClosing, start) {
      if (name === "row") {
        const a = parseAttrs(raw);
        row = a.r ? parseInt(a.r, 10) - 1 : row + 1;
        col = -1;
      } else if (name === "c") {
        const a = parseAttrs(raw);
        const p = a.r ? parseCell(a.r) : null;
        if (p) {
          row = p.row;
          col = p.col;
        } else col++;
        const key = `${row}:${col}`;
        if (targets.has(key)) {
          const q = /^[^\s/>]*/.exec(xml.slice(start + 1, start + 64))?.[0] ?? "";
          cur = { start, attrs: raw, prefix: q.includes(":") ? q.slice(0, q.indexOf(":") + 1) : "", hasF: false, key };
        } else cur = null;
      } else if (name === "f" && cur) cur.hasF = true;
    },
    close(name, _start, end) {
      if (name !== "c" || !cur) return;
      const t = targets.get(cur.key)!;
      if (cur.hasF) warnings.push(W.formula(t.cell));
      else {
        const a = parseAttrs(cur.attrs);
        const s = a.s !== undefined ? ` s="${escAttr(a.s)}"` : "";
        const p = cur.prefix;
        edits.push({
          start: cur.start,
          end,
          cell: t.cell,
          text: `<${p}c r="${escAttr(a.r ?? t.cell)}"${s} t="inlineStr"><${p}is><${p}t>${escText(t.to)}</${p}t></${p}is></${p}c>`,
        });
      }
      targets.delete(cur.key);
      cur = null;
    },
  });
  // Check the cell still holds what was judged (guards against a report made from another version of the file).
  const fixed: string[] = [];
  const apply: typeof edits = [];
  const byCell = new Map(report.items.map((i) => [i.cell, i]));
  for (const e of edits) {
    const p = parseCell(e.cell);
    const now = p ? grid(p.row, p.col) : null;
    const item = byCell.get(e.cell);
    if (!item || now !== item.raw) {
      warnings.push(W.changed(e.cell));
      continue;
    }
    apply.push(e);
    fixed.push(e.cell);
  }
  let out = xml;
  for (const e of apply.sort((x, y) => y.start - x.start)) out = splice(out, e.start, e.end, e.text);
  if (fixed.length) pkg.setText(part, out);
  return fixed;
}

/**
 * Adds/replaces the results and plan sheets in a copy of `input` and, with `fix`, corrects look-alike answers.
 * Throws XlsxError when `input` is not a readable .xlsx.
 */
export function annotateWorkbook(input: Uint8Array, report: Report, options: AnnotateOptions): AnnotateResult {
  const pkg = openPackage(input);
  const info = workbookInfo(pkg);
  const wbPart = info.part;
  // Strict Open XML: our parts are Transitional; mixing the two would give a file Excel cannot open.
  const wbRoot = findElement(pkg.text(wbPart) ?? "", "workbook");
  if (wbRoot && /=\s*["']http:\/\/purl\.oclc\.org\/ooxml\/spreadsheetml\/main["']/.test((pkg.text(wbPart) ?? "").slice(wbRoot.start, wbRoot.openEnd))) {
    throw xlsxError("strict", wbPart);
  }
  // Only the sheets we may need: the checklist (for fix) and candidates for our own two sheets.
  const need = new Set<string>(options.fix ? [report.sheet] : []);
  info.sheets.forEach((e, i) => {
    if ([RESULTS_SHEET, PLAN_SHEET, EVIDENCE_SHEET, HISTORY_SHEET].some((n) => sameName(e.name, n))) need.add(e.name);
    if (info.definedNames.some((d) => ALL_MARKS.includes(d.name) && d.localSheetId === i)) need.add(e.name);
  });
  const grids = readSheetGrids(pkg, info, need);
  const warnings: Bilingual[] = [];
  const now = options.now ?? new Date();

  // Fix first, on the untouched checklist part.
  let fixed: string[] = [];
  if (options.fix) {
    const target = info.sheets.find((s) => s.name === report.sheet && s.isWorksheet);
    if (!target) warnings.push(W.noSheet(report.sheet));
    else fixed = fixAnswers(pkg, target.part, report, grids.get(target.name)?.get ?? (() => null), warnings);
  }

  const own = findOwn(pkg, info, grids);
  const ownResults = own.results as Slot | null;
  const ownPlan = own.plan as Slot | null;
  const dense = (slot: Slot | null): CellValue[][] => {
    const g = slot ? grids.get(slot.entry.name) : undefined;
    return (g && denseOf(g.cells)) ?? [];
  };
  const records = options.records === true;
  const ownEvidence = records ? (own.evidence as Slot | null) : null;
  const ownHistory = records ? (own.history as Slot | null) : null;
  // 「履歴」: one more row when the result changed; 「前回」 comes from it (from the old results sheet for a copy
  // annotated before the history existed).
  const oldHistory = ownHistory ? readHistory(dense(ownHistory)) : [];
  const hist = appendHistory(oldHistory, historyRowOf(report, now, options.who ?? ""));
  const previous = records && oldHistory.length > 0 ? hist.previous : ownResults ? readStoredResult(dense(ownResults)) : null;
  const oldPlan = dense(ownPlan);
  const results = resultsModel(report, options.lang, previous, now);
  const plan = planModel(report, options.lang, readPlanUserValues(oldPlan), readPlanUserHeaders(oldPlan));
  const oldEvidence = dense(ownEvidence);
  const evUser = readEvidenceUserValues(oldEvidence);
  const evHeaders = readEvidenceUserHeaders(oldEvidence);
  for (const [id, change] of options.evidence ?? []) mergeEvidence(evUser, evHeaders.length, id, change);
  const evidence = evidenceModel(report, options.lang, evUser, evHeaders);
  const history = historyModel(hist.rows, options.lang);

  // Names: reuse our sheets; never take a user's sheet of the same name.
  const names = info.sheets.map((s) => s.name);
  const resultsName = ownResults ? ownResults.entry.name : freeSheetName(RESULTS_SHEET, names);
  if (!ownResults && resultsName !== RESULTS_SHEET) warnings.push(W.clash(RESULTS_SHEET, resultsName));
  names.push(resultsName);
  const planName = ownPlan ? ownPlan.entry.name : freeSheetName(PLAN_SHEET, names);
  if (!ownPlan && planName !== PLAN_SHEET) warnings.push(W.clash(PLAN_SHEET, planName));
  names.push(planName);
  const evidenceName = !records ? "" : ownEvidence ? ownEvidence.entry.name : freeSheetName(EVIDENCE_SHEET, names);
  if (records && !ownEvidence && evidenceName !== EVIDENCE_SHEET) warnings.push(W.clash(EVIDENCE_SHEET, evidenceName));
  names.push(evidenceName);
  const historyName = !records ? "" : ownHistory ? ownHistory.entry.name : freeSheetName(HISTORY_SHEET, names);
  if (records && !ownHistory && historyName !== HISTORY_SHEET) warnings.push(W.clash(HISTORY_SHEET, historyName));

  // Remove what our old sheets carried (drawings, charts, tables…) unless something else uses it.
  const ctRemoved = new Set<string>();
  const oldSlots = [ownResults, ownPlan, ownEvidence, ownHistory].filter((s): s is Slot => s !== null);
  if (oldSlots.length) {
    const candidates = new Set<string>();
    for (const s of oldSlots) reachable(pkg, s.entry.part, candidates);
    const skip = new Set<string>([...oldSlots.map((s) => s.entry.part), ...candidates]);
    // Kept: what another part still uses, directly or through a chain (a pivot cache the workbook lists, and
    // the records behind it).
    const elsewhere = referencedElsewhere(pkg, skip);
    for (const k of reachableFromRoot(pkg, new Set(oldSlots.map((s) => s.entry.part)))) elsewhere.add(k);
    for (const s of oldSlots) {
      pkg.remove(relsPathOf(s.entry.part));
      ctRemoved.add(relsPathOf(s.entry.part));
    }
    for (const c of candidates) {
      if (elsewhere.has(c)) continue;
      pkg.remove(c);
      pkg.remove(relsPathOf(c));
      ctRemoved.add(c);
      ctRemoved.add(relsPathOf(c));
    }
  }

  // Workbook rels.
  const wbRelsPath = relsPathOf(wbPart);
  let wbRels = pkg.text(wbRelsPath) ?? `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  const rid = nextRid(pkg.rels(wbPart).map((r) => r.id));
  const relsRoot = findElement(wbRels, "Relationships");
  if (!relsRoot) throw xlsxError("corrupt", wbRelsPath);
  const relPrefix = relsRoot.prefix;
  const newRels: string[] = [];
  const addWbRel = (type: string, target: string): string => {
    const id = rid();
    newRels.push(`<${relPrefix}Relationship Id="${id}" Type="${type}" Target="${escAttr(target)}"/>`);
    return id;
  };
  const dropWbRels = new Set<string>();

  const ctAdded: { part: string; type: string }[] = [];
  const styles = ensureStyles(pkg, info, addWbRel, ctAdded);

  const taken = new Set<string>();
  const sheetPart = (slot: Slot | null) => slot?.entry.part ?? freePart(pkg, taken, "xl/worksheets", "sheet", "xml");
  const resultsPart = sheetPart(ownResults);
  const planPart = sheetPart(ownPlan);
  const evidencePart = records ? sheetPart(ownEvidence) : "";
  const historyPart = records ? sheetPart(ownHistory) : "";
  if (!ownResults) ctAdded.push({ part: resultsPart, type: CT_WORKSHEET });
  if (!ownPlan) ctAdded.push({ part: planPart, type: CT_WORKSHEET });
  if (records && !ownEvidence) ctAdded.push({ part: evidencePart, type: CT_WORKSHEET });
  if (records && !ownHistory) ctAdded.push({ part: historyPart, type: CT_WORKSHEET });

  // A chart on one of our sheets: its chart part, a drawing holding it, and the relationships sheet -> drawing
  // (rId1) -> chart (rId1).
  const addChart = (sheetPart: string, chartXml: string, anchor: Parameters<typeof drawingXml>[0]): void => {
    const drawingPart = freePart(pkg, taken, "xl/drawings", "drawing", "xml");
    const chartPart = freePart(pkg, taken, "xl/charts", "chart", "xml");
    pkg.setText(chartPart, chartXml);
    pkg.setText(drawingPart, drawingXml(anchor, "rId1"));
    pkg.setText(relsPathOf(drawingPart), relsXml([{ id: "rId1", type: REL_CHART, target: relativeTarget(drawingPart, chartPart) }]));
    pkg.setText(relsPathOf(sheetPart), relsXml([{ id: "rId1", type: REL_DRAWING, target: relativeTarget(sheetPart, drawingPart) }]));
    ctAdded.push({ part: drawingPart, type: CT_DRAWING }, { part: chartPart, type: CT_CHART });
  };

  // Results sheet with the radar chart (no chart when there is no field to plot).
  const hasFields = results.fieldTable.bottom > results.fieldTable.top;
  if (hasFields) addChart(resultsPart, radarChartXml(results, resultsName), results.chartAnchor);
  pkg.setText(resultsPart, resultsSheetXml(results, styles, hasFields ? "rId1" : null));

  // History sheet with its line chart.
  if (records) {
    addChart(historyPart, lineChartXml(history, historyName), history.chartAnchor);
    pkg.setText(historyPart, historySheetXml(history, styles, "rId1"));
  }

  // Plan sheet with its table. Table ids are unique in the workbook; the name must be too.
  const tablePart = freePart(pkg, taken, "xl/tables", "table", "xml");
  const evidenceTablePart = records ? freePart(pkg, taken, "xl/tables", "table", "xml") : "";
  let maxTableId = 0;
  // A table name must differ from every other table's and every defined name (Excel repairs the file otherwise).
  const tableNames = new Set<string>(info.definedNames.map((d) => d.name.toLowerCase()));
  const tableParts = new Set<string>();
  for (const name of pkg.names()) if (/^xl\/tables\/[^/]+\.xml$/.test(name)) tableParts.add(name);
  for (const s of info.sheets) if (s.part) for (const r of pkg.rels(s.part)) if (r.type.endsWith("/table") && !r.external && pkg.has(r.target)) tableParts.add(r.target);
  for (const name of tableParts) {
    if (name === tablePart || name === evidenceTablePart) continue;
    const t = findTags(pkg.text(name) ?? "", "table")[0];
    if (t) {
      maxTableId = Math.max(maxTableId, parseInt(t.id ?? "0", 10) || 0);
      if (t.name) tableNames.add(t.name.toLowerCase());
      if (t.displayName) tableNames.add(t.displayName.toLowerCase());
    }
  }
  let tableName = PLAN_TABLE;
  for (let k = 2; tableNames.has(tableName.toLowerCase()); k++) tableName = `${PLAN_TABLE}${k}`;
  pkg.setText(tablePart, tableXml(plan, maxTableId + 1, tableName));
  pkg.setText(relsPathOf(planPart), relsXml([{ id: "rId1", type: REL_TABLE, target: relativeTarget(planPart, tablePart) }]));
  ctAdded.push({ part: tablePart, type: CT_TABLE });
  const planSink = new Utf8Sink();
  writePlanSheet(plan, styles, "rId1", PLAN_ORDER_LINE[options.lang], (x) => planSink.write(x));
  pkg.setBytes(planPart, planSink.bytes());
  // Evidence sheet with its table (a second free table name and id).
  if (records) {
    tableNames.add(tableName.toLowerCase());
    let evidenceTableName = EVIDENCE_TABLE;
    for (let k = 2; tableNames.has(evidenceTableName.toLowerCase()); k++) evidenceTableName = `${EVIDENCE_TABLE}${k}`;
    pkg.setText(evidenceTablePart, tableXml(evidence, maxTableId + 2, evidenceTableName));
    pkg.setText(relsPathOf(evidencePart), relsXml([{ id: "rId1", type: REL_TABLE, target: relativeTarget(evidencePart, evidenceTablePart) }]));
    ctAdded.push({ part: evidenceTablePart, type: CT_TABLE });
    const evidenceSink = new Utf8Sink();
    writePlanSheet(evidence, styles, "rId1", undefined, (x) => evidenceSink.write(x));
    pkg.setBytes(evidencePart, evidenceSink.bytes());
  }

  // workbook.xml: new <sheet> entries and our marker names.
  let wb = pkg.text(wbPart) ?? "";
  const sheetsEl = findElement(wb, "sheets");
  if (!sheetsEl || sheetsEl.selfClosing) throw xlsxError("corrupt", `${wbPart}: <sheets>`);
  const p = sheetsEl.prefix;
  let maxSheetId = 0;
  for (const s of info.sheets) maxSheetId = Math.max(maxSheetId, parseInt(s.sheetId, 10) || 0);
  const newSheets: string[] = [];
  const indexOf = {
    results: ownResults?.index ?? -1,
    plan: ownPlan?.index ?? -1,
    evidence: ownEvidence?.index ?? -1,
    history: ownHistory?.index ?? -1,
  };
  let nextIndex = info.sheets.length;
  const addSheet = (name: string, part: string): number => {
    const id = addWbRel(REL_WORKSHEET, relativeTarget(wbPart, part));
    newSheets.push(`<${p}sheet xmlns:r="${NS_REL}" name="${escAttr(name)}" sheetId="${++maxSheetId}" r:id="${id}"/>`);
    return nextIndex++;
  };
  if (!ownResults) indexOf.results = addSheet(resultsName, resultsPart);
  if (!ownPlan) indexOf.plan = addSheet(planName, planPart);
  if (records && !ownEvidence) indexOf.evidence = addSheet(evidenceName, evidencePart);
  if (records && !ownHistory) indexOf.history = addSheet(historyName, historyPart);
  wb = splice(wb, sheetsEl.closeStart, sheetsEl.closeStart, newSheets.join(""));

  // Our marker names (hidden), and the plan's print titles (its header row on every printed page, below the order
  // line). A plan sheet regenerated from an earlier layout (table at A1) has print titles pointing at row 1: they
  // are rewritten to the header row (the sheet is ours, so are its print titles).
  const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
  const titleRow = tableHeaderRow(plan) + 1;
  const planTitles = `${quoted(planName)}!$${titleRow}:$${titleRow}`;
  wb = wb.replace(/<((?:\w+:)?)definedName\b([^>]*)>([^<]*)<\/\1definedName>/g, (tag, prefix: string, attrs: string) => {
    const a = parseAttrs(attrs);
    if (a.name !== "_xlnm.Print_Titles" || a.localSheetId !== String(indexOf.plan)) return tag;
    return `<${prefix}definedName${attrs}>${escText(planTitles)}</${prefix}definedName>`;
  });
  const wantNames: { name: string; index: number; ref: string; hidden: boolean }[] = [
    { name: RESULTS_NAME_MARK, index: indexOf.results, ref: absRef(resultsName, { top: 0, left: 0, bottom: 0, right: 0 }), hidden: true },
    { name: PLAN_NAME_MARK, index: indexOf.plan, ref: absRef(planName, { top: 0, left: 0, bottom: 0, right: 0 }), hidden: true },
    { name: "_xlnm.Print_Titles", index: indexOf.plan, ref: planTitles, hidden: false },
    ...(records
      ? [
          { name: EVIDENCE_NAME_MARK, index: indexOf.evidence, ref: absRef(evidenceName, { top: 0, left: 0, bottom: 0, right: 0 }), hidden: true },
          { name: HISTORY_NAME_MARK, index: indexOf.history, ref: absRef(historyName, { top: 0, left: 0, bottom: 0, right: 0 }), hidden: true },
        ]
      : []),
  ].filter((w) => !info.definedNames.some((d) => d.name === w.name && d.localSheetId === w.index));
  if (wantNames.length) {
    const xml = wantNames
      .map((w) => `<${p}definedName name="${w.name}" localSheetId="${w.index}"${w.hidden ? ' hidden="1"' : ""}>${escText(w.ref)}</${p}definedName>`)
      .join("");
    const dn = findElement(wb, "definedNames");
    if (dn && !dn.selfClosing) wb = splice(wb, dn.closeStart, dn.closeStart, xml);
    else if (dn) wb = splice(wb, dn.start, dn.end, `<${p}definedNames>${xml}</${p}definedNames>`);
    else {
      // CT_Workbook order: … sheets, functionGroups?, externalReferences?, definedNames, calcPr …
      const after = findElement(wb, "externalReferences") ?? findElement(wb, "functionGroups") ?? findElement(wb, "sheets")!;
      wb = splice(wb, after.end, after.end, `<${p}definedNames>${xml}</${p}definedNames>`);
    }
  }
  pkg.setText(wbPart, wb);

  // calcChain must not point at cells of the sheets we regenerated.
  const reused = new Set(oldSlots.map((s) => s.entry.sheetId));
  pruneCalcChain(pkg, wbPart, reused, (id) => dropWbRels.add(id), ctRemoved);

  // Write the workbook rels back.
  if (dropWbRels.size) {
    wbRels = wbRels.replace(/<(?:\w+:)?Relationship\b[^>]*?\/>/g, (tag) => {
      const id = parseAttrs(tag.slice(tag.search(/\s/), -2)).Id ?? "";
      return dropWbRels.has(id) ? "" : tag;
    });
  }
  const root2 = findElement(wbRels, "Relationships")!;
  wbRels = splice(wbRels, root2.closeStart, root2.closeStart, newRels.join(""));
  pkg.setText(wbRelsPath, wbRels);

  editContentTypes(pkg, ctRemoved, ctAdded);
  return {
    bytes: pkg.toBytes(),
    warnings,
    sheets: { results: resultsName, plan: planName, ...(records ? { evidence: evidenceName, history: historyName } : {}) },
    historyAppended: records && hist.appended,
    fixed,
    extension: workbookExtension(pkg, wbPart),
  };
}
