/**
 * Wording shared by every place that shows the workbook's own results next to ours (CLI text, HTML report, results
 * sheet, pane): the heading, the column labels and how a workbook value is written.
 */
import type { WorkbookResultField, WorkbookResults } from "./model";

export type CompareLang = "ja" | "en";

export const COMPARE_LABELS = {
  ja: { field: "分野", workbook: "ブックの値", ours: "TICS Check", match: "比較", agree: "一致", differ: "相違", why: "理由", notCalculated: "未計算" },
  en: { field: "Field", workbook: "Workbook", ours: "TICS Check", match: "Compare", agree: "agrees", differ: "differs", why: "Why", notCalculated: "not calculated" },
} as const;

/** 「ブック自身の分野別結果（シート「結果」 C2:C9、グラフ「…」）」 */
export function workbookResultsHeading(wr: WorkbookResults, lang: CompareLang): string {
  const where =
    lang === "ja"
      ? `シート「${wr.sheet}」 ${wr.range}${wr.source === "chart" ? `、グラフ${wr.chart ? `「${wr.chart}」` : ""}` : ""}`
      : `sheet "${wr.sheet}" ${wr.range}${wr.source === "chart" ? `, chart${wr.chart ? ` "${wr.chart}"` : ""}` : ""}`;
  return lang === "ja" ? `ブック自身の分野別結果（${where}）` : `The workbook's own results by field (${where})`;
}

const one = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/** The workbook's value as shown: its stored value (on a 0-100 scale when it computes fractions), or the recomputed one marked as such. */
export function workbookValueText(f: WorkbookResultField, wr: WorkbookResults, lang: CompareLang): string {
  if (f.value !== null) return one(f.value * wr.scale);
  if (f.recomputed !== null) return `${one(f.recomputed * wr.scale)} (${COMPARE_LABELS[lang].notCalculated})`;
  return "-";
}

export function oursText(f: WorkbookResultField): string {
  return f.ours === null ? "-" : one(f.ours);
}

/**
 * The workbook's own value per field name on our 0-100 scale (one decimal), for drawing it as a second series beside
 * ours; empty when there are no workbook results or every field agrees.
 */
export function workbookSeriesValues(wr: WorkbookResults | null | undefined): Map<string, number | null> {
  const out = new Map<string, number | null>();
  if (!wr || !wr.fields.some((f) => !f.agrees)) return out;
  for (const f of wr.fields) {
    const v = f.value ?? f.recomputed;
    out.set(f.name, v === null ? null : Math.round(v * wr.scale * 10) / 10);
  }
  return out;
}
