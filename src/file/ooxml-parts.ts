/**
 * XML for the parts the annotator adds: results/plan worksheets, the radar chart, its drawing, the plan table.
 * Strings are written as inline strings, never formulas. Browser-safe.
 */
import type { CellRange, CellValue } from "../core/model";
import type { HistoryModel } from "../core/history";
import { tableHeaderRow, type PlanModel, type ResultsModel } from "../core/sheets";
import { a1, refOf } from "./cells";
import { absRef, cellXml, colsXml, NS_MAIN, NS_REL, XML_HEAD } from "./xlsx-write";
import { PLAN_PRINT, RESULTS_CHART_SIZE, RESULTS_PRINT, rowHeight, wrappedLines, LINE_HEIGHT, MAX_ROW_HEIGHT, type PrintSetup } from "../core/print";
import { escAttr, escText } from "./xml";

export const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
export const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
export const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

/** Style indexes (cellXfs) the annotator appended to styles.xml. */
export interface OwnStyles {
  bold: number;
  wrap: number;
  header: number;
  date: number;
}

function rowXml(r: number, cells: string[], extra = ""): string {
  // One join (a flat string), not a template around a join: a plan of 100,000 rows encodes several times faster.
  return cells.length ? [`<row r="${r + 1}"${extra}>`, ...cells, "</row>"].join("") : "";
}

/** ` ht="…" customHeight="1"` for a row taller than one line, else "". */
function heightAttr(ht: number | null): string {
  return ht == null ? "" : ` ht="${ht}" customHeight="1"`;
}

/** <sheetPr> asking for fit-to-page printing (first child of <worksheet>). */
const FIT_TO_PAGE = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';

/** <pageSetup> (and <headerFooter> with a centred header line) after <pageMargins>. */
function pageSetupXml(p: PrintSetup, header?: string): string {
  const hf = header ? `<headerFooter><oddHeader>${escText(`&C${header.replace(/&/g, "&&")}`)}</oddHeader></headerFooter>` : "";
  return `<pageSetup paperSize="9" orientation="${p.orientation}" fitToWidth="${p.fitToWidth}" fitToHeight="${p.fitToHeight}"/>${hf}`;
}

/** Width (column-width units) of column A on the results sheet; long notes wrap inside it, clear of the chart. */
const RESULTS_WIDTHS = [34, 18, 12];

/** Rows 1..`rows` frozen (the header row, and any intro line above it, stay in view while scrolling). */
function frozenRows(rows: number): string {
  const first = `A${rows + 1}`;
  return `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${rows}" topLeftCell="${first}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${first}" sqref="${first}"/></sheetView></sheetViews>`;
}
const PANE_FROZEN_ROW1 = frozenRows(1);

export function resultsSheetXml(m: ResultsModel, st: OwnStyles, drawingRid: string | null): string {
  const rows: string[] = [];
  let maxCol = 0;
  m.rows.forEach((row, r) => {
    const cells: string[] = [];
    // A note alone on its row (the marker line, the scoring rule) wraps inside column A instead of running on
    // under the chart.
    const note = r !== 0 && row.length === 1 && typeof row[0] === "string" && wrappedLines(row[0], RESULTS_WIDTHS[0]) > 1;
    row.forEach((v, c) => {
      const bold = r === 0 || r === m.fieldTable.top;
      const x = cellXml(a1(r, c), v, bold ? st.bold : note ? st.wrap : 0, null);
      if (x) {
        cells.push(x);
        maxCol = Math.max(maxCol, c);
      }
    });
    const ht = note ? Math.min(MAX_ROW_HEIGHT, Math.ceil(wrappedLines(String(row[0]), RESULTS_WIDTHS[0]) * LINE_HEIGHT + 3)) : null;
    rows.push(rowXml(r, cells, heightAttr(ht)));
  });
  const dim = refOf({ top: 0, left: 0, bottom: Math.max(0, m.rows.length - 1), right: maxCol });
  return (
    XML_HEAD +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">${FIT_TO_PAGE}<dimension ref="${dim}"/>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    colsXml(RESULTS_WIDTHS) +
    `<sheetData>${rows.join("")}</sheetData>` +
    `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    pageSetupXml(RESULTS_PRINT) +
    (drawingRid ? `<drawing r:id="${drawingRid}"/>` : "") +
    `</worksheet>`
  );
}

/** Column widths of the plan: our ten columns, then the user's. */
const PLAN_WIDTHS = [6, 10, 48, 12, 18, 8, 44, 44, 40, 36];
const PLAN_WRAP = new Set([2, 6, 7, 8, 9]);

/** The table's cells: header row (below the model's intro rows) to the last row (at least one body row). */
export function planTableRange(m: PlanModel): CellRange {
  const top = tableHeaderRow(m);
  return { top, left: 0, bottom: top + Math.max(1, m.rows.length), right: m.header.length - 1 };
}

/**
 * The plan sheet: the model's intro rows (the plan's order rule, one unwrapped line from A1 running over the empty
 * cells beside it), then the table. Wrapped cells get a row height estimated from their text (CJK counts double) so
 * nothing is cut to one line; it prints landscape, one page wide, the header row repeated (the Print_Titles name is
 * added by the annotator), with `headerLine` (the plan order rule) as the page header.
 */
export function planSheetXml(m: PlanModel, st: OwnStyles, tableRid: string, headerLine?: string): string {
  const parts: string[] = [];
  writePlanSheet(m, st, tableRid, headerLine, (s) => parts.push(s));
  return parts.join("");
}

/**
 * planSheetXml written piece by piece (one piece per row) to `emit`: the annotator encodes each row as it comes, so
 * a plan of 100,000 rows never exists as one string, nor as 100,000 strings at once.
 */
export function writePlanSheet(m: PlanModel, st: OwnStyles, tableRid: string, headerLine: string | undefined, emit: (s: string) => void): void {
  const widths = m.header.map((_, c) => (m.colWidths ?? PLAN_WIDTHS)[c] ?? 14);
  const allCols = new Set(m.header.map((_, c) => c));
  const top = tableHeaderRow(m);
  emit(
    XML_HEAD +
      `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">${FIT_TO_PAGE}<dimension ref="${refOf({ ...planTableRange(m), top: 0 })}"/>` +
      frozenRows(top + 1) +
      `<sheetFormatPr defaultRowHeight="15"/>` +
      colsXml(widths) +
      `<sheetData>`,
  );
  (m.intro ?? []).forEach((row, r) => {
    emit(rowXml(r, row.map((v, c) => cellXml(a1(r, c), v, 0, null)).filter((x) => x !== "")));
  });
  emit(rowXml(top, m.header.map((h, c) => cellXml(a1(top, c), h, st.header, null)), heightAttr(rowHeight(m.header, widths, allCols))));
  const dueCol = m.header.findIndex((h) => h === "期限" || h === "Due");
  const dates = new Set(m.dateColumns ?? [dueCol]);
  const wrap = m.wrapColumns ? new Set(m.wrapColumns) : PLAN_WRAP;
  m.rows.forEach((row, i) => {
    const r = top + 1 + i;
    const cells: string[] = [];
    row.forEach((v, c) => {
      const style = dates.has(c) && typeof v === "number" ? st.date : wrap.has(c) ? st.wrap : 0;
      const x = cellXml(a1(r, c), v, style, null);
      if (x) cells.push(x);
    });
    emit(rowXml(r, cells, heightAttr(rowHeight(row, widths, wrap))));
  });
  emit(
    `</sheetData>` +
      `<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.6" header="0.3" footer="0.3"/>` +
      pageSetupXml(PLAN_PRINT, headerLine) +
      `<tableParts count="1"><tablePart r:id="${tableRid}"/></tableParts>` +
      `</worksheet>`,
  );
}

export function tableXml(m: PlanModel, id: number, name: string): string {
  const ref = refOf(planTableRange(m));
  const cols = m.header.map((h, i) => `<tableColumn id="${i + 1}" name="${escAttr(h)}"/>`).join("");
  return (
    XML_HEAD +
    `<table xmlns="${NS_MAIN}" id="${id}" name="${escAttr(name)}" displayName="${escAttr(name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${m.header.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

function strCache(values: string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${escText(v)}</c:v></c:pt>`).join("")}</c:strCache>`;
}

function numCache(values: (number | null)[]): string {
  const pts = values.map((v, i) => (typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "")).join("");
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

const SERIES_COLORS = ["2F6EBA", "A0A0A0", "E07B39"];

/** A radar chart over the results model's field table (categories = field names, one series per column). */
export function radarChartXml(m: ResultsModel, sheetName: string): string {
  const t = m.fieldTable;
  const cell = (r: number, c: number): CellValue => m.rows[r]?.[c] ?? null;
  const cats: string[] = [];
  for (let r = t.top + 1; r <= t.bottom; r++) cats.push(String(cell(r, t.left) ?? ""));
  const catRef = absRef(sheetName, { top: t.top + 1, left: t.left, bottom: t.bottom, right: t.left });
  const series = m.seriesNames
    .map((name, i) => {
      const col = t.left + 1 + i;
      const vals: (number | null)[] = [];
      for (let r = t.top + 1; r <= t.bottom; r++) {
        const v = cell(r, col);
        vals.push(typeof v === "number" ? v : null);
      }
      const color = SERIES_COLORS[i % SERIES_COLORS.length];
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${escText(absRef(sheetName, { top: t.top, left: col, bottom: t.top, right: col }))}</c:f>${strCache([name])}</c:strRef></c:tx>` +
        `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill>${i > 0 ? '<a:prstDash val="dash"/>' : ""}</a:ln></c:spPr>` +
        `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr></c:marker>` +
        `<c:cat><c:strRef><c:f>${escText(catRef)}</c:f>${strCache(cats)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escText(absRef(sheetName, { top: t.top + 1, left: col, bottom: t.bottom, right: col }))}</c:f>${numCache(vals)}</c:numRef></c:val>` +
        `</c:ser>`
      );
    })
    .join("");
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_REL}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="ja-JP" sz="1200" b="1"/><a:t>${escText(m.chartTitle)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:radarChart><c:radarStyle val="marker"/><c:varyColors val="0"/>${series}<c:axId val="510001"/><c:axId val="510002"/></c:radarChart>` +
    `<c:catAx><c:axId val="510001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="510002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="510002"/><c:scaling><c:orientation val="minMax"/><c:max val="100"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="cross"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="510001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/><c:majorUnit val="20"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/**
 * The drawing holding the chart: anchored at the anchor's top-left cell with a fixed size (RESULTS_CHART_SIZE), so
 * taller note rows never stretch it and it stays within the one printed page.
 */
export function drawingXml(anchor: CellRange, chartRid: string): string {
  const pos = (col: number, row: number) =>
    `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  const emu = (pt: number) => Math.round(pt * 12700);
  return (
    XML_HEAD +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}"><xdr:oneCellAnchor>` +
    `<xdr:from>${pos(anchor.left, anchor.top)}</xdr:from><xdr:ext cx="${emu(RESULTS_CHART_SIZE.width)}" cy="${emu(RESULTS_CHART_SIZE.height)}"/>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="TICS Check radar chart"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_REL}" r:id="${chartRid}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>`
  );
}

export function relsXml(rels: { id: string; type: string; target: string }[]): string {
  return (
    XML_HEAD +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rels.map((r) => `<Relationship Id="${escAttr(r.id)}" Type="${escAttr(r.type)}" Target="${escAttr(r.target)}"/>`).join("") +
    `</Relationships>`
  );
}

/** The 「履歴」 sheet: header (bold, frozen) and one row per result, with the line chart's drawing. */
export function historySheetXml(m: HistoryModel, st: OwnStyles, drawingRid: string | null): string {
  const rows: string[] = [];
  let maxCol = 0;
  m.rows.forEach((row, r) => {
    const cells: string[] = [];
    row.forEach((v, c) => {
      const x = cellXml(a1(r, c), v, r === 0 ? st.header : 0, null);
      if (x) {
        cells.push(x);
        maxCol = Math.max(maxCol, c);
      }
    });
    rows.push(rowXml(r, cells));
  });
  const dim = refOf({ top: 0, left: 0, bottom: Math.max(0, m.rows.length - 1), right: maxCol });
  return (
    XML_HEAD +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><dimension ref="${dim}"/>` +
    PANE_FROZEN_ROW1 +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    colsXml([18, 12, 10, 10, 12]) +
    `<sheetData>${rows.join("")}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    (drawingRid ? `<drawing r:id="${drawingRid}"/>` : "") +
    `</worksheet>`
  );
}

/** A line chart of overall and readiness over time (categories = the history's dates). */
export function lineChartXml(m: HistoryModel, sheetName: string): string {
  const cats = m.rows.slice(1).map((r) => String(r[0] ?? ""));
  const catRef = absRef(sheetName, m.categories);
  const series = m.series
    .map((s, i) => {
      const col = s.range.left;
      const vals = m.rows.slice(1).map((r) => (typeof r[col] === "number" ? (r[col] as number) : null));
      const color = SERIES_COLORS[i === 0 ? 0 : 2];
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${escText(absRef(sheetName, { ...s.range, bottom: s.range.top }))}</c:f>${strCache([s.name])}</c:strRef></c:tx>` +
        `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>` +
        `<c:cat><c:strRef><c:f>${escText(catRef)}</c:f>${strCache(cats)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escText(absRef(sheetName, { ...s.range, top: s.range.top + 1 }))}</c:f>${numCache(vals)}</c:numRef></c:val>` +
        `<c:smooth val="0"/></c:ser>`
      );
    })
    .join("");
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_REL}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="ja-JP" sz="1200" b="1"/><a:t>${escText(m.chartTitle)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="520001"/><c:axId val="520002"/></c:lineChart>` +
    `<c:catAx><c:axId val="520001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="520002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="520002"/><c:scaling><c:orientation val="minMax"/><c:max val="100"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="520001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/><c:majorUnit val="20"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}
