/**
 * What the engine needs from Excel to find the workbook's own results: formulas (from `Range.formulas`, loaded with
 * the values in the same sync), defined names, and the charts with their series' sources and live values.
 * Kept apart from read.ts; read.ts queues these beside its own reads so no sync is added for formulas and names,
 * and one at most for charts (see queueChartSeries).
 */
import type { ChartInput, DefinedNameInput, FormulaCell } from "../core/model";
import { supportsExcelApi } from "./api-sets";

/** Charts looked at per workbook. */
export const MAX_CHARTS = 16;

/** Series read per chart (the core tracer looks at as many) and in all (each costs four results in one sync). */
export const MAX_SERIES_PER_CHART = 16;
export const MAX_SERIES = 64;

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

/**
 * Queue loading a sheet's chart list (names and types) when the chart series can be read later (ExcelApi 1.15),
 * with each chart's series list (`items/series/items/name`, a nested load in the same sync) unless `withSeries` is
 * false (see Session.seriesApart in read.ts).
 */
export function queueChartList(ws: Excel.Worksheet, withSeries = true): Excel.ChartCollection | null {
  if (!supportsExcelApi("1.15")) return null;
  const charts = ws.charts;
  charts.load(withSeries ? "items/name,items/chartType,items/series/items/name" : "items/name,items/chartType");
  return charts;
}

/**
 * ExcelApi 1.15: queue, for each chart (at most MAX_CHARTS, radar charts first), each series' source references
 * of its categories and values (`getDimensionDataSourceString`) and their live values (`getDimensionValues`, 1.12):
 * every series of the list loaded with the chart list (at most MAX_SERIES_PER_CHART per chart and MAX_SERIES in
 * all), or the first series only when the list was loaded without them. Null when there is nothing to read or the
 * set is missing; otherwise a function that builds the ChartInputs after the sync. A series Excel cannot describe
 * (or, without the list, a chart without series) makes Excel fail that sync; the caller then goes on without charts.
 */
export function queueChartSeries(lists: { sheet: string; charts: Excel.ChartCollection; withSeries: boolean }[]): (() => ChartInput[]) | null {
  if (!supportsExcelApi("1.15")) return null;
  const all: { sheet: string; chart: Excel.Chart; withSeries: boolean }[] = [];
  for (const l of lists) for (const chart of l.charts.items) all.push({ sheet: l.sheet, chart, withSeries: l.withSeries });
  const isRadar = (c: Excel.Chart) => /radar/i.test(String(c.chartType));
  all.sort((a, b) => Number(isRadar(b.chart)) - Number(isRadar(a.chart)));
  let budget = MAX_SERIES;
  const queued = all.slice(0, MAX_CHARTS).map(({ sheet, chart, withSeries }) => {
    let series: Excel.ChartSeries[];
    if (withSeries) {
      series = chart.series.items.slice(0, Math.min(MAX_SERIES_PER_CHART, budget));
    } else {
      const first = chart.series.getItemAt(0);
      first.load("name");
      series = budget > 0 ? [first] : [];
    }
    budget -= series.length;
    return {
      sheet,
      name: chart.name,
      type: String(chart.chartType),
      series: series.map((s) => ({
        s,
        catRef: s.getDimensionDataSourceString("Categories"),
        valRef: s.getDimensionDataSourceString("Values"),
        cats: s.getDimensionValues("Categories"),
        vals: s.getDimensionValues("Values"),
      })),
    };
  });
  if (!queued.some((q) => q.series.length)) return null;
  return () =>
    queued
      .filter((q) => q.series.length)
      .map((q) => ({
        sheet: q.sheet,
        name: q.name,
        type: q.type,
        series: q.series.map((x) => ({
          name: x.s.name ?? null,
          nameRef: null,
          categoriesRef: x.catRef.value || null,
          valuesRef: x.valRef.value || null,
          categories: x.cats.value.map((v) => (v === null || v === undefined || v === "" ? null : String(v))),
          values: x.vals.value.map((v) => {
            const n = typeof v === "number" ? v : Number(v);
            return v !== "" && v !== null && Number.isFinite(n) ? n : null;
          }),
        })),
      }));
}
