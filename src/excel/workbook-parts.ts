/**
 * What the engine needs from Excel to find the workbook's own results: formulas (from `Range.formulas`, loaded with
 * the values in the same sync), defined names, and the charts with their series' sources and live values.
 * Kept apart from read.ts; read.ts queues these beside its own reads so no sync is added for formulas and names,
 * and one at most for charts (see queueChartSeries).
 */
import type { ChartInput, DefinedNameInput, FormulaCell } from "../core/model";
import { supportsExcelApi } from "./api-sets";

/** Charts looked at per workbook (first series each). */
export const MAX_CHARTS = 16;

/** Sparse formula list from a loaded `formulas` grid at (top, left): only strings starting with "=". */
export function formulaCells(formulas: unknown[][] | undefined, top: number, left: number): FormulaCell[] {
  const out: FormulaCell[] = [];
  if (!Array.isArray(formulas)) return out;
  formulas.forEach((row, r) => {
    if (!Array.isArray(row)) return;
    row.forEach((f, c) => {
      if (typeof f === "string" && f.length > 1 && f.charCodeAt(0) === 61 /* = */) out.push({ row: top + r, col: left + c, formula: f.slice(1) });
    });
  });
  return out;
}

/** Queue loading the workbook-scoped defined names; read them after the sync. */
export function queueNames(context: Excel.RequestContext): () => DefinedNameInput[] {
  const names = context.workbook.names;
  names.load("items/name,items/formula,items/type");
  return () =>
    names.items
      .filter((n) => n.type === "Range" || n.type === "Error" || typeof n.formula === "string")
      .map((n) => ({ name: n.name, ref: String(n.formula ?? "").replace(/^=/, ""), sheet: null }))
      .filter((n) => n.ref !== "");
}

/** Queue loading a sheet's chart list (names and types) when the chart series can be read later (ExcelApi 1.15). */
export function queueChartList(ws: Excel.Worksheet): Excel.ChartCollection | null {
  if (!supportsExcelApi("1.15")) return null;
  const charts = ws.charts;
  charts.load("items/name,items/chartType");
  return charts;
}

/**
 * ExcelApi 1.15: queue, for each chart (at most MAX_CHARTS, radar charts first), its first series' name, the
 * source references of its categories and values (`getDimensionDataSourceString`) and their live values
 * (`getDimensionValues`, 1.12). Null when there is nothing to read or the set is missing; otherwise a function that
 * builds the ChartInputs after the sync. A chart without any series makes Excel fail that sync; the caller then
 * goes on without charts.
 */
export function queueChartSeries(lists: { sheet: string; charts: Excel.ChartCollection }[]): (() => ChartInput[]) | null {
  if (!supportsExcelApi("1.15")) return null;
  const all: { sheet: string; chart: Excel.Chart }[] = [];
  for (const l of lists) for (const chart of l.charts.items) all.push({ sheet: l.sheet, chart });
  if (!all.length) return null;
  const isRadar = (c: Excel.Chart) => /radar/i.test(String(c.chartType));
  all.sort((a, b) => Number(isRadar(b.chart)) - Number(isRadar(a.chart)));
  const queued = all.slice(0, MAX_CHARTS).map(({ sheet, chart }) => {
    const s = chart.series.getItemAt(0);
    s.load("name");
    return {
      sheet,
      name: chart.name,
      type: String(chart.chartType),
      s,
      catRef: s.getDimensionDataSourceString("Categories"),
      valRef: s.getDimensionDataSourceString("Values"),
      cats: s.getDimensionValues("Categories"),
      vals: s.getDimensionValues("Values"),
    };
  });
  return () =>
    queued.map((q) => ({
      sheet: q.sheet,
      name: q.name,
      type: q.type,
      series: [
        {
          name: q.s.name ?? null,
          nameRef: null,
          categoriesRef: q.catRef.value || null,
          valuesRef: q.valRef.value || null,
          categories: q.cats.value.map((x) => (x === null || x === undefined || x === "" ? null : String(x))),
          values: q.vals.value.map((x) => {
            const n = typeof x === "number" ? x : Number(x);
            return x !== "" && x !== null && Number.isFinite(n) ? n : null;
          }),
        },
      ],
    }));
}
