/** Texts of the evidence and trend components (Japanese first, English when Office's display language is English). */
import type { Lang } from "../strings";

const JA = {
  heading: "証跡と推移",
  coverage: "証跡カバー率: {value}",
  coverageNone: "証跡カバー率: -（○の項目がありません）",
  coverageField: "分野別の証跡カバー率",
  field: "分野",
  covered: "証跡あり / ○",
  naWarning: "「-」（該当しない）の理由が記録されていない項目: {count} 件",
  naHelp: "理由を記入して保存すると「証跡・根拠」シートに書き込みます。",
  writeEvidence: "「証跡・根拠」シートを作成",
  evidenceWritten: "「証跡・根拠」シートを作成しました。",
  trendHeading: "前回からの変化",
  trendSince: "前回（{date}）からの変化",
  trendChart: "総合スコアと準備度の推移（{count} 回）",
  trendDesc: "総合スコア: {overall}。準備度: {readiness}。",
  overallSeries: "総合スコア",
  readinessSeries: "準備度",
  noChange: "±0",
  noTrend: "推移は、結果を 2 回以上記録すると表示されます（Excel では「診断結果シートを作成」のたび、ブラウザーではファイルを開くたび）。",
  clearHistory: "履歴を消去",
  clearHistoryNote: "ブラウザーモードの履歴はこの端末の中（IndexedDB）にだけ保存され、送信されません。",
  historyCleared: "この端末に保存した履歴を消去しました。",
  evidenceLabel: "証跡（文書名・保管場所）",
  reasonLabel: "該当しない理由",
  checkerLabel: "確認者",
  checkedOnLabel: "確認日",
  memoLabel: "メモ",
  save: "証跡・根拠シートに保存",
  saved: "保存しました。",
  saveFailed: "保存できませんでした。",
  evidenceFor: "{item} の証跡・根拠",
  browserSaved: "ダウンロードするブックの「証跡・根拠」シートに入ります。",
};

const EN: typeof JA = {
  heading: "Evidence and trend",
  coverage: "Evidence coverage: {value}",
  coverageNone: "Evidence coverage: - (no ○ item)",
  coverageField: "Evidence coverage by field",
  field: "Field",
  covered: "With evidence / ○",
  naWarning: "Items answered 「-」 (not applicable) without a recorded reason: {count}",
  naHelp: "Type a reason and save it: it is written to the evidence sheet (「証跡・根拠」).",
  writeEvidence: "Create the evidence sheet",
  evidenceWritten: "The evidence sheet (「証跡・根拠」) was written.",
  trendHeading: "Change since last time",
  trendSince: "Change since the previous result ({date})",
  trendChart: "Overall score and readiness over time ({count} results)",
  trendDesc: "Overall: {overall}. Readiness: {readiness}.",
  overallSeries: "Overall",
  readinessSeries: "Readiness",
  noChange: "±0",
  noTrend: "The trend appears once two results are recorded (in Excel each time the results sheet is written; in the browser each time a file is opened).",
  clearHistory: "Clear history",
  clearHistoryNote: "Browser mode keeps its history on this device only (IndexedDB); nothing is sent anywhere.",
  historyCleared: "The history kept on this device was cleared.",
  evidenceLabel: "Evidence (document, location)",
  reasonLabel: "Reason for 「-」",
  checkerLabel: "Checked by",
  checkedOnLabel: "Checked on",
  memoLabel: "Memo",
  save: "Save to the evidence sheet",
  saved: "Saved.",
  saveFailed: "Could not save.",
  evidenceFor: "Evidence for {item}",
  browserSaved: "Goes into the evidence sheet of the downloaded workbook.",
};

export type RecordsKey = keyof typeof JA;

export function rs(lang: Lang, key: RecordsKey, params: Record<string, string | number> = {}): string {
  const text = (lang === "en" ? EN : JA)[key];
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
