/**
 * Synthetic checklist workbooks for CLI tests and the bench, in the shape detection looks for (a 「内容」 and a
 * 「チェック欄」 header, section rows, numbered items). Texts are made up and say nothing official.
 */
import type { CellValue, WorkbookInput } from "../../src/core/model";
import { writeSimpleWorkbook } from "../../src/file/xlsx-write";

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
const TOPICS = [
  "情報管理の基本方針を文書にしている",
  "守るべき情報を一覧にしている",
  "従業員に年1回教育を行っている",
  "パスワードの管理ルールを決めている",
  "来訪者の入退室を記録している",
  "取引先から預かった情報の扱いを決めている",
];

/** Default answer pattern: mostly valid, with a look-alike, a blank, an invalid value and a misplaced 「-」. */
export const ANSWERS: CellValue[] = ["○", "△", "×", "○", "〇", null, "済", "-", "○", "△"];

export interface SynthOptions {
  items: number;
  company?: string;
  answers?: CellValue[];
  /** Override one item's answer by 0-based item index. */
  override?: Record<number, CellValue>;
}

/** The grid from A1: title, company, blank, header on row 4 (index 3), then sections and items. */
export function synthGrid(opts: SynthOptions): CellValue[][] {
  const answers = opts.answers ?? ANSWERS;
  const rows: CellValue[][] = [
    ["自己チェック（テスト用の合成データ。公式のチェックリストではありません）"],
    [opts.company ? `会社名：${opts.company}` : ""],
    [],
    ["No.", "内容", "チェック欄"],
  ];
  const perSection = Math.max(1, Math.ceil(opts.items / ROMAN.length));
  for (let i = 0; i < opts.items; i++) {
    if (i % perSection === 0) {
      const s = Math.floor(i / perSection);
      rows.push([`${ROMAN[s] ?? String(s + 1)} 合成セクション${s + 1}`]);
    }
    const v = opts.override && i in opts.override ? opts.override[i] : answers[i % answers.length];
    rows.push([i + 1, `${TOPICS[i % TOPICS.length]}（合成項目 ${i + 1}）`, v]);
  }
  return rows;
}

export function synthWorkbookInput(opts: SynthOptions): WorkbookInput {
  return { sheets: [{ name: "チェックリスト", values: synthGrid(opts) }] };
}

export function synthXlsx(opts: SynthOptions): Uint8Array {
  return writeSimpleWorkbook([{ name: "チェックリスト", rows: synthGrid(opts), colWidths: [6, 60, 10] }]);
}
