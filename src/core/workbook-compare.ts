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
