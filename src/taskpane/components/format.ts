/** Small formatting helpers shared by the pane's components (pure; no React). */
import type { CellValue, Finding, Report } from "../../core/model";
import type { Notice } from "../../app/session";
import { s, type Lang } from "../strings";

export function showValue(v: CellValue, lang: Lang): string {
  if (v === null || v === "") return s(lang, "valueEmpty");
  return String(v);
}

/**
 * A look-alike as shown in the preview: short values get their code points, so 「〇」 (U+3007) is visibly not
 * 「○」 (U+25CB).
 */
export function showLookalike(v: CellValue, lang: Lang): string {
  const text = showValue(v, lang);
  if (typeof v !== "string" || v === "" || [...v].length > 3) return text;
  const points = [...v].map((ch) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`);
  return `${text} (${points.join(" ")})`;
}

/** A score with one decimal, or 「-」 for no score. The bars, the table and the summary all use this. */
export function fmtScore(v: number | null, lang: Lang): string {
  return v == null ? s(lang, "noScore") : (Math.round(v * 10) / 10).toString();
}

export function noticeText(lang: Lang, n: Notice): string {
  switch (n.kind) {
    case "checked":
      return s(lang, "noticeChecked");
    case "normalised":
      return s(lang, "noticeNormalised", { count: n.count });
    case "undone":
      return s(lang, "noticeUndone", { count: n.count });
    case "results_written":
      return s(lang, "noticeResults");
    case "plan_written":
      return s(lang, "noticePlan");
    case "highlight":
      return s(lang, n.on ? "noticeHighlightOn" : "noticeHighlightOff");
    case "dropdowns":
      return s(lang, "noticeDropdowns", { count: n.count });
    case "dropdowns_removed":
      return s(lang, "noticeDropdownsRemoved", { count: n.count });
    case "downloaded":
      return s(lang, "noticeDownloaded");
    case "live":
      return s(lang, "noticeLive");
    case "mapping_saved":
      return lang === "en" ? "Field mapping saved in the workbook; checked again." : "分野の割り当てをブックに保存し、再チェックしました。";
  }
}

const PROBLEM_STATUSES: ReadonlySet<Finding["status"]> = new Set(["invalid", "na_not_allowed", "blank"]);

/** The problem entries the user must look at, in sheet order. */
export function problemFindings(report: Report): Finding[] {
  return report.findings.filter((f) => PROBLEM_STATUSES.has(f.status));
}

/** The bytes of a picked file (FileReader where Blob.arrayBuffer is missing, e.g. older WebViews). */
export function readBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}
