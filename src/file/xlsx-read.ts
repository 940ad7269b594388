/**
 * Reads an .xlsx into the engine's WorkbookInput: every worksheet in workbook order as a value grid (absolute
 * 0-based coordinates, origin A1), merged areas, list validations (literal lists, same- or other-sheet ranges and
 * simple defined names resolved; x14 validations in extLst included), hidden rows/columns and sheet state.
 * Scans the XML (no DOM), so large sheets stay fast. Browser-safe: no Node imports.
 */
import type { CellRange, CellValue, ChartInput, FormulaCell, ListValidation, SheetInput, WorkbookInput } from "../core/model";
import { colOfRef, parseRef } from "./cells";
import { openPackage, Package, workbookPartName, xlsxError } from "./package";
import { attr, parseAttrs, scanXml, unescCellText } from "./xml";
import { MAX_CHARTS, MAX_FORMULAS, definedNameInputs, readSheetCharts, readSheetFormulas } from "./xlsx-formulas";

export { XlsxError } from "./package";
export type { XlsxErrorCode } from "./package";

export interface SheetEntry {
  name: string;
  sheetId: string;
  rid: string;
  /** "visible" | "hidden" | "veryHidden". */
  state: string;
  /** Part name, e.g. "xl/worksheets/sheet1.xml"; "" when the relationship is missing. */
  part: string;
  /** False for chart sheets / dialog sheets. */
  isWorksheet: boolean;
}

export interface DefinedName {
  name: string;
  /** Index into the workbook's sheet list when the name is local to a sheet. */
  localSheetId: number | null;
  value: string;
}

export interface WorkbookInfo {
  part: string;
  sheets: SheetEntry[];
  definedNames: DefinedName[];
  sharedStringsPart: string | null;
  stylesPart: string | null;
}

/** Sheets, defined names and related parts of the workbook. */
export function workbookInfo(pkg: Package): WorkbookInfo {
  const part = workbookPartName(pkg);
  if (!part) throw xlsxError("not_xlsx");
  const xml = pkg.text(part) ?? "";
  const rels = pkg.rels(part);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  const definedNames: DefinedName[] = [];
  let dn: { name: string; localSheetId: number | null } | null = null;
  let dnText = "";
  try {
    scanXml(xml, {
      open(name, raw, selfClosing) {
        if (name === "sheet") {
          const a = parseAttrs(raw);
          const rid = attr(a, "id") ?? "";
          const rel = byId.get(rid);
          sheets.push({
            name: a.name ?? "",
            sheetId: a.sheetId ?? "",
            rid,
            state: a.state ?? "visible",
            part: rel && !rel.external ? rel.target : "",
            isWorksheet: !!rel && rel.type.endsWith("/worksheet"),
          });
        } else if (name === "definedName" && !selfClosing) {
          const a = parseAttrs(raw);
          dn = { name: a.name ?? "", localSheetId: a.localSheetId != null ? Number(a.localSheetId) : null };
          dnText = "";
        }
      },
      text(t) {
        if (dn) dnText += t;
      },
      close(name) {
        if (name === "definedName" && dn) {
          definedNames.push({ ...dn, value: dnText });
          dn = null;
        }
      },
    });
  } catch (e) {
    throw xlsxError("corrupt", `${part}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const sst = rels.find((r) => r.type.endsWith("/sharedStrings") && !r.external);
  const styles = rels.find((r) => r.type.endsWith("/styles") && !r.external);
  return {
    part,
    sheets,
    definedNames,
    sharedStringsPart: sst && pkg.has(sst.target) ? sst.target : null,
    stylesPart: styles && pkg.has(styles.target) ? styles.target : null,
  };
}

/** Shared strings: rich-text runs concatenated, phonetic runs (rPh, furigana) left out. */
export function readSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inT = false;
  let phon = 0;
  scanXml(xml, {
    open(name, _raw, selfClosing) {
      if (selfClosing) return;
      if (name === "si") cur = "";
      else if (name === "t") inT = true;
      else if (name === "rPh") phon++;
    },
    text(t) {
      if (inT && phon === 0) cur += t;
    },
    close(name) {
      if (name === "t") inT = false;
      else if (name === "rPh") phon--;
      else if (name === "si") out.push(unescCellText(cur));
    },
  });
  return out;
}

interface RawValidation {
  sqref: string;
  formula: string;
}

export interface ParsedSheet {
  values: CellValue[][];
  hiddenRows: number[];
  hiddenColumns: number[];
  merges: CellRange[];
  validations: RawValidation[];
}

/** Scans one worksheet part. */
export function parseSheet(xml: string, sst: string[]): ParsedSheet {
  const values: CellValue[][] = [];
  const hiddenRows: number[] = [];
  const hiddenColumns: number[] = [];
  const merges: CellRange[] = [];
  const validations: RawValidation[] = [];
  let row = -1;
  let col = -1;
  let cellType = "";
  let inCell = false;
  let textTarget: "" | "v" | "t" | "f" | "sqref" | "formula1" = "";
  let v = "";
  let inlineText = "";
  let hasV = false;
  let hasInline = false;
  let phon = 0;
  // Validation being read: classic <dataValidation> or x14 one in extLst.
  let dv: { type: string; sqref: string; formula: string } | null = null;
  let inFormula1 = false;

  const put = (val: CellValue) => {
    if (val === null || row < 0 || col < 0) return;
    let r = values[row];
    if (!r) {
      for (let k = values.length; k < row; k++) if (!values[k]) values[k] = [];
      r = values[row] = [];
    }
    for (let k = r.length; k < col; k++) r[k] = null;
    r[col] = val;
  };

  scanXml(xml, {
    open(name, raw, selfClosing) {
      switch (name) {
        case "row": {
          const a = parseAttrs(raw);
          row = a.r ? parseInt(a.r, 10) - 1 : row + 1;
          col = -1;
          if (a.hidden === "1" || a.hidden === "true") hiddenRows.push(row);
          return;
        }
        case "c": {
          const a = parseAttrs(raw);
          col = a.r ? colOfRef(a.r) : col + 1;
          if (a.r) {
            const m = /\d+$/.exec(a.r);
            if (m) row = parseInt(m[0], 10) - 1;
          }
          cellType = a.t ?? "n";
          inCell = !selfClosing;
          v = "";
          inlineText = "";
          hasV = false;
          hasInline = false;
          return;
        }
        case "v":
          if (inCell && !selfClosing) {
            textTarget = "v";
            hasV = true;
          }
          return;
        case "t":
          if (inCell && !selfClosing && phon === 0) {
            textTarget = "t";
            hasInline = true;
          }
          return;
        case "rPh":
          if (!selfClosing) phon++;
          return;
        case "col": {
          const a = parseAttrs(raw);
          if (a.hidden === "1" || a.hidden === "true") {
            const min = parseInt(a.min ?? "0", 10);
            const max = Math.min(parseInt(a.max ?? "0", 10), 16384);
            for (let k = min; k <= max; k++) hiddenColumns.push(k - 1);
          }
          return;
        }
        case "mergeCell": {
          const ref = parseAttrs(raw).ref;
          const r = ref ? parseRef(ref) : null;
          if (r) merges.push(r);
          return;
        }
        case "dataValidation": {
          const a = parseAttrs(raw);
          dv = { type: a.type ?? "", sqref: a.sqref ?? "", formula: "" };
          if (selfClosing) dv = null;
          return;
        }
        case "formula1":
          if (dv) inFormula1 = true;
          if (dv && !selfClosing) textTarget = "formula1";
          return;
        case "f":
          // Inside x14:formula1 the formula is in <xm:f>.
          if (dv && inFormula1 && !selfClosing) textTarget = "formula1";
          return;
        case "sqref":
          if (dv && !selfClosing) textTarget = "sqref";
          return;
      }
    },
    text(t) {
      switch (textTarget) {
        case "v":
          v += t;
          return;
        case "t":
          if (phon === 0) inlineText += t;
          return;
        case "formula1":
          if (dv) dv.formula += t;
          return;
        case "sqref":
          if (dv) dv.sqref += t;
          return;
      }
    },
    close(name) {
      switch (name) {
        case "v":
        case "t":
        case "sqref":
          textTarget = "";
          return;
        case "f":
          if (textTarget === "formula1") textTarget = "";
          return;
        case "formula1":
          inFormula1 = false;
          textTarget = "";
          return;
        case "rPh":
          phon--;
          return;
        case "dataValidation":
          if (dv && dv.type === "list") validations.push({ sqref: dv.sqref.trim(), formula: dv.formula.trim() });
          dv = null;
          return;
        case "c": {
          if (!inCell) return;
          inCell = false;
          let val: CellValue = null;
          switch (cellType) {
            case "s": {
              const idx = parseInt(v, 10);
              val = hasV && Number.isFinite(idx) ? (sst[idx] ?? "") : null;
              break;
            }
            case "inlineStr":
              val = hasInline ? unescCellText(inlineText) : hasV ? v : null;
              break;
            case "str":
            case "e":
            case "d":
              val = hasV ? v : null;
              break;
            case "b":
              val = hasV ? v.trim() === "1" || v.trim() === "true" : null;
              break;
            default: {
              if (hasV && v.trim() !== "") {
                const n = Number(v);
                val = Number.isFinite(n) ? n : v;
              }
            }
          }
          put(val);
          return;
        }
      }
    },
  });
  return { values, hiddenRows, hiddenColumns, merges, validations };
}

/** Splits a sqref ("E5:E20 G5") into ranges. */
export function sqrefRanges(sqref: string): CellRange[] {
  const out: CellRange[] = [];
  for (const p of sqref.split(/\s+/)) {
    if (!p) continue;
    const r = parseRef(p);
    if (r) out.push(r);
  }
  return out;
}

/** `"a,b,c"` -> items (quotes un-doubled, blanks trimmed); null when not a literal list. */
export function literalList(formula: string): string[] | null {
  const f = formula.trim();
  if (f.length < 2 || f[0] !== '"' || f[f.length - 1] !== '"') return null;
  const body = f.slice(1, -1).replace(/""/g, '"');
  return body.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** "Sheet2!$A$1:$A$4", "'My sheet'!A1:A3", "$H$1:$H$4" -> sheet (or null for same sheet) + range. */
export function splitRef(ref: string): { sheet: string | null; range: CellRange } | null {
  let f = ref.trim();
  if (f.startsWith("=")) f = f.slice(1);
  let sheet: string | null = null;
  const bang = f.lastIndexOf("!");
  if (bang >= 0) {
    let s = f.slice(0, bang);
    if (s.startsWith("'") && s.endsWith("'")) s = s.slice(1, -1).replace(/''/g, "'");
    sheet = s;
    f = f.slice(bang + 1);
  }
  const range = parseRef(f);
  return range ? { sheet, range } : null;
}

function cellText(v: CellValue): string {
  return v == null ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
}

/** Resolves a validation formula to its items, or null. */
function resolveList(
  formula: string,
  sheetIndex: number,
  sheets: { name: string; values: CellValue[][] }[],
  names: DefinedName[],
  depth = 0,
): string[] | null {
  const lit = literalList(formula);
  if (lit) return lit;
  const ref = splitRef(formula);
  if (ref) {
    const target = ref.sheet === null ? sheets[sheetIndex] : sheets.find((s) => s.name.toLowerCase() === ref.sheet!.toLowerCase());
    if (!target) return null;
    const { top, left, bottom, right } = ref.range;
    if ((bottom - top + 1) * (right - left + 1) > 10000) return null;
    const items: string[] = [];
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        const t = cellText(target.values[r]?.[c] ?? null).trim();
        if (t) items.push(t);
      }
    }
    return items;
  }
  const name = formula.trim().replace(/^=/, "");
  if (depth < 3 && /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) {
    const lower = name.toLowerCase();
    const hit =
      names.find((n) => n.name.toLowerCase() === lower && n.localSheetId === sheetIndex) ??
      names.find((n) => n.name.toLowerCase() === lower && n.localSheetId === null);
    if (hit) return resolveList(hit.value, hit.localSheetId ?? sheetIndex, sheets, names, depth + 1);
  }
  return null;
}

/** Reads every worksheet of an .xlsx. Throws XlsxError on anything that is not a readable workbook. */
export function readWorkbook(bytes: Uint8Array): WorkbookInput {
  const pkg = openPackage(bytes, true);
  return readPackage(pkg);
}

/**
 * Value grids of only the named worksheets (for callers that need a few sheets, e.g. the annotator).
 * Missing names are left out of the map.
 */
export function readSheetGrids(pkg: Package, info: WorkbookInfo, names: Set<string>): Map<string, CellValue[][]> {
  const out = new Map<string, CellValue[][]>();
  const wanted = info.sheets.filter((e) => e.isWorksheet && names.has(e.name));
  if (!wanted.length) return out;
  let sst: string[] = [];
  try {
    if (info.sharedStringsPart) sst = readSharedStrings(pkg.text(info.sharedStringsPart) ?? "");
    for (const e of wanted) {
      const xml = pkg.text(e.part);
      if (xml === undefined) throw new Error(`missing ${e.part || e.name}`);
      out.set(e.name, parseSheet(xml, sst).values);
    }
  } catch (e) {
    throw xlsxError("corrupt", e instanceof Error ? e.message : String(e));
  }
  return out;
}

/** Same as readWorkbook on an opened package. */
export function readPackage(pkg: Package): WorkbookInput {
  const info = workbookInfo(pkg);
  let sst: string[] = [];
  try {
    if (info.sharedStringsPart) sst = readSharedStrings(pkg.text(info.sharedStringsPart) ?? "");
  } catch (e) {
    throw xlsxError("corrupt", `${info.sharedStringsPart}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed: { name: string; values: CellValue[][]; p: ParsedSheet | null; entry: SheetEntry }[] = [];
  // Formulas and charts (for the workbook's own results): read beside the values, bounded per workbook.
  const formulaBudget = { left: MAX_FORMULAS };
  const chartBudget = { left: MAX_CHARTS };
  const formulas = new Map<string, FormulaCell[]>();
  const charts: ChartInput[] = [];
  for (const entry of info.sheets) {
    let p: ParsedSheet | null = null;
    if (entry.isWorksheet) {
      const xml = pkg.text(entry.part);
      if (xml === undefined) throw xlsxError("corrupt", `missing ${entry.part || entry.name}`);
      try {
        p = parseSheet(xml, sst);
      } catch (e) {
        throw xlsxError("corrupt", `${entry.part}: ${e instanceof Error ? e.message : String(e)}`);
      }
      formulas.set(entry.name, readSheetFormulas(xml, formulaBudget));
      charts.push(...readSheetCharts(pkg, entry.part, entry.name, chartBudget));
    }
    parsed.push({ name: entry.name, values: p?.values ?? [], p, entry });
  }
  // Sheet indexes for localSheetId count every <sheet> entry (chart sheets included).
  const sheets: SheetInput[] = [];
  parsed.forEach((s, i) => {
    if (!s.p) return;
    const validations: ListValidation[] = [];
    for (const v of s.p.validations) {
      const items = resolveList(v.formula, i, parsed, info.definedNames);
      for (const range of sqrefRanges(v.sqref)) validations.push({ range, items: items ? [...items] : null });
    }
    const out: SheetInput = {
      name: s.name,
      values: s.values,
      originRow: 0,
      originCol: 0,
      hiddenColumns: s.p.hiddenColumns,
      hiddenRows: s.p.hiddenRows,
      merges: s.p.merges,
      validations,
    };
    if (s.entry.state === "hidden" || s.entry.state === "veryHidden") out.hidden = true;
    const f = formulas.get(s.name);
    if (f && f.length) out.formulas = f;
    sheets.push(out);
  });
  const names = definedNameInputs(info.definedNames, info.sheets.map((e) => e.name));
  return { sheets, ...(charts.length ? { charts } : {}), ...(names.length ? { names } : {}) };
}
