/**
 * Every user-facing message of the engine, Japanese first, then English. Texts are TICS Check's own words,
 * not the official workbook's. `{name}` placeholders are filled from `params`.
 */

const JA = {
  "error.empty_workbook": "ブックにデータのあるシートがありません。自己チェックリストのブック（.xlsx）を開いてください。",
  "error.no_checklist":
    "自己チェックリストの表が見つかりませんでした。探したもの: 「内容」の見出しと、回答欄の見出し（「チェック欄」「回答」「評価」「チェック」のいずれか）が同じ行にあり、その下に「番号・内容・回答欄」の行が並ぶ表。調べたシート: {sheets}。Excel アドインでは、表の回答セルを選択して「範囲を指定」から読み込むこともできます。",
  "error.no_items":
    "見出し（「内容」と「{answerHeader}」、シート「{sheet}」の {row} 行目）は見つかりましたが、その下に項目の行（番号・内容の文・回答セル）が見つかりませんでした。番号の列と内容の列に値があるか確認してください。",
  "error.manual_no_items":
    "選択した範囲（{range}）の行に、項目の行（番号と内容の文）が見つかりませんでした。回答欄（チェック欄）のセルを選択してください。",
  "error.no_sheet": "シート「{sheet}」が見つかりません。",
  "note.no_header": "「内容」と回答欄の見出しが同じ行にありません",
  "note.no_items": "{row} 行目に見出しあり、項目の行なし",
  "note.items": "{row} 行目に見出しあり、項目 {count} 件",
  "note.empty": "空のシート",
  "status.ok": "正常",
  "status.normalized": "表記ゆれ",
  "status.blank": "未回答",
  "status.invalid": "無効",
  "status.na_not_allowed": "「-」不可",
  "answer.○": "○ 実施している",
  "answer.△": "△ 一部実施している",
  "answer.×": "× 実施していない",
  "answer.-": "- 該当しない",
  "priority.high": "高",
  "priority.medium": "中",
  "priority.low": "低",
  "fieldSource.user": "利用者の割り当て",
  "fieldSource.column": "ブックの分野列",
  "fieldSource.matrix": "ブックの分野欄（印）",
  "fieldSource.workbook": "ブックの集計式",
  "fieldSource.rule": "プロファイルの判定ルール",
  "fieldSource.none": "未分類",
  "warning.na_unsure":
    "{cell}: 「-」（該当しない）が入力されていますが、この項目で「-」を選べるかはブックにもプロファイルにも決まりがありません。該当しないことを確認してください（エラーとしては数えません）。",
  "naSource.validation": "セルの入力規則",
  "naSource.profile": "プロファイルの判定ルール",
  "label.overall": "総合",
  "label.score": "達成度",
  "label.readiness": "準備度（未回答・無効を × とみなす）",
  "label.field": "分野",
  "label.fields": "分野別",
  "label.items": "項目数",
  "label.answered": "回答済み",
  "label.blank": "未回答",
  "label.invalid": "無効",
  "label.normalized": "表記ゆれ",
  "label.naNotAllowed": "「-」不可",
  "label.sheet": "シート",
  "label.range": "範囲",
  "label.company": "会社名",
  "label.profile": "プロファイル",
  "label.findings": "要確認の回答",
  "label.plan": "改善計画",
  "label.priority": "優先度",
  "label.cell": "セル",
  "label.item": "項目",
  "label.answer": "回答",
  "label.status": "状態",
  "label.suggestion": "提案",
  "label.allowed": "入力できる値",
  "label.noScore": "算出不可",
  "label.otherField": "その他",
  "finding.normalized": "{cell}: 「{raw}」は「{suggestion}」として数えました。「{suggestion}」に直すことができます。",
  "finding.blank": "{cell}: 未回答です。{allowed} のいずれかを入力してください。",
  "finding.invalid": "{cell}: 「{raw}」は回答として読めません。{allowed} のいずれかを入力してください。",
  "finding.na_not_allowed": "{cell}: この項目では「-」（該当しない）は選べません。{allowed} のいずれかを入力してください。",
} as const;

export type MessageKey = keyof typeof JA;

const EN: Record<MessageKey, string> = {
  "error.empty_workbook": "The workbook has no sheet with data. Open the self-check workbook (.xlsx).",
  "error.no_checklist":
    "No self-check table was found. Looked for: a row holding the header 「内容」 (content) and an answer header (「チェック欄」, 「回答」, 「評価」 or 「チェック」), followed by rows of number, item text and answer cell. Sheets checked: {sheets}. In the Excel add-in you can also select the answer cells and use “Set range”.",
  "error.no_items":
    "Found the headers (「内容」 and 「{answerHeader}」 on sheet “{sheet}”, row {row}) but no item rows below them (number, item text, answer cell). Check that the number and text columns hold values.",
  "error.manual_no_items":
    "No item rows (number and item text) were found on the rows of the selected range ({range}). Select the answer (チェック欄) cells.",
  "error.no_sheet": "Sheet “{sheet}” was not found.",
  "note.no_header": "no row holds both 「内容」 and an answer header",
  "note.no_items": "headers on row {row}, no item rows",
  "note.items": "headers on row {row}, {count} items",
  "note.empty": "empty sheet",
  "status.ok": "OK",
  "status.normalized": "Variant spelling",
  "status.blank": "Unanswered",
  "status.invalid": "Invalid",
  "status.na_not_allowed": "「-」 not allowed",
  "answer.○": "○ Done",
  "answer.△": "△ Partly done",
  "answer.×": "× Not done",
  "answer.-": "- Not applicable",
  "priority.high": "High",
  "priority.medium": "Medium",
  "priority.low": "Low",
  "fieldSource.user": "your mapping",
  "fieldSource.column": "the workbook's 分野 column",
  "fieldSource.matrix": "the workbook's field marks",
  "fieldSource.workbook": "the workbook's results formulas",
  "fieldSource.rule": "profile rule",
  "fieldSource.none": "unassigned",
  "warning.na_unsure":
    "{cell}: 「-」 (not applicable) was entered, but neither the workbook nor the profile says whether this item allows it. Please confirm it does not apply (not counted as an error).",
  "naSource.validation": "the cell's dropdown list",
  "naSource.profile": "profile rule",
  "label.overall": "Overall",
  "label.score": "Score",
  "label.readiness": "Readiness (unanswered and invalid count as ×)",
  "label.field": "Field",
  "label.fields": "By field",
  "label.items": "Items",
  "label.answered": "Answered",
  "label.blank": "Unanswered",
  "label.invalid": "Invalid",
  "label.normalized": "Variant spelling",
  "label.naNotAllowed": "「-」 not allowed",
  "label.sheet": "Sheet",
  "label.range": "Range",
  "label.company": "Company",
  "label.profile": "Profile",
  "label.findings": "Answers to check",
  "label.plan": "Improvement plan",
  "label.priority": "Priority",
  "label.cell": "Cell",
  "label.item": "Item",
  "label.answer": "Answer",
  "label.status": "Status",
  "label.suggestion": "Suggestion",
  "label.allowed": "Allowed values",
  "label.noScore": "n/a",
  "label.otherField": "Other",
  "finding.normalized": "{cell}: “{raw}” was counted as “{suggestion}”. You can rewrite it as “{suggestion}”.",
  "finding.blank": "{cell}: unanswered. Enter one of {allowed}.",
  "finding.invalid": "{cell}: “{raw}” is not an answer. Enter one of {allowed}.",
  "finding.na_not_allowed": "{cell}: 「-」 (not applicable) cannot be chosen on this item. Enter one of {allowed}.",
};

const TABLES: Record<"ja" | "en", Record<MessageKey, string>> = { ja: JA, en: EN };
const PARAM_RE = /\{(\w+)\}/g;

export function t(lang: "ja" | "en", key: MessageKey, params?: Record<string, string | number>): string {
  const table = lang === "en" ? TABLES.en : TABLES.ja;
  const own = (o: Record<string, string>) => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);
  const text = own(table) ?? own(JA) ?? key;
  if (!params) return text;
  return text.replace(PARAM_RE, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m,
  );
}

/** Both languages at once (for Bilingual fields of the model). */
export function both(key: MessageKey, params?: Record<string, string | number>): { ja: string; en: string } {
  return { ja: t("ja", key, params), en: t("en", key, params) };
}

/** The canonical Japanese name used for items that have no section and no field rule. */
export const OTHER_FIELD = "その他";

/** Every message key (for tests and for hosts that list the texts). */
export function messageKeys(): MessageKey[] {
  return Object.keys(JA) as MessageKey[];
}
