/**
 * A checklist sheet in the fake Excel. All texts are made up for the tests (not the official workbook's wording).
 */
import type { CheckOutcome, NormaliseChange } from "../../src/app/host";
import type { CellValue, Report } from "../../src/core/model";
import { normaliseChanges } from "../../src/core/normalise";
import { createExcelHost, type ExcelHost } from "../../src/excel/host";
import { FakeExcel, type FakeSheet } from "./fake-excel";

export const SHEET = "チェックリスト";
export const HEADER_ROW = 3; // Excel row 4
export const ANSWER_COL = 3; // column D

export interface Layout {
  /** Absolute 0-based rows of the items in order. */
  itemRows: number[];
  /** A1 of each item's answer cell. */
  answerCells: string[];
}

const TEXTS = ["方針を文書にしている（テスト用の文）", "守る情報を一覧にしている（テスト用）", "取扱いルールを決めている（テスト用）", "責任者を決めている（テスト用）", "取引先から預かった情報を分けている（テスト用）"];

/** Item i's answer: cycles ○ △ × ○ (blank every 7th). */
export function defaultAnswer(i: number): CellValue {
  if (i % 7 === 6) return null;
  return ["○", "△", "×", "○"][i % 4];
}

/**
 * Builds a checklist with `n` items in sections of up to 30: B = No., C = 内容, D = チェック欄, E = 備考.
 * Every answer cell gets a list validation; items whose index is a multiple of 5 allow 「-」.
 */
export function buildChecklist(excel: FakeExcel, n: number, answer: (i: number) => CellValue = defaultAnswer): Layout {
  const s: FakeSheet = excel.addSheet(SHEET);
  s.setGrid(0, 1, [["技術情報管理 自己チェック（テスト用の見本）"]]);
  s.setGrid(1, 1, [["会社名", "テスト株式会社"]]);
  s.setGrid(HEADER_ROW, 1, [["No.", "内容", "チェック欄", "備考"]]);
  const itemRows: number[] = [];
  const answerCells: string[] = [];
  let row = HEADER_ROW + 1;
  const roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
  for (let i = 0; i < n; i++) {
    if (i % 30 === 0) {
      const sec = Math.floor(i / 30);
      const label = sec < roman.length ? roman[sec] : String(sec + 1);
      s.setGrid(row, 1, [[`${label} テスト区分${sec + 1}`]]);
      row++;
    }
    s.setGrid(row, 1, [[i + 1, TEXTS[i % TEXTS.length], answer(i)]]);
    s.ensure(row, ANSWER_COL).validation = { source: i % 5 === 0 ? "○,△,×,-" : "○,△,×" };
    itemRows.push(row);
    answerCells.push(`D${row + 1}`);
    row++;
  }
  return { itemRows, answerCells };
}

export function setup(n: number, answer?: (i: number) => CellValue): { excel: FakeExcel; host: ExcelHost; layout: Layout } {
  const excel = new FakeExcel();
  excel.installOffice();
  const layout = buildChecklist(excel, n, answer);
  const host = createExcelHost("ja", { run: excel.run, runIn: excel.runIn, debounceMs: 0, now: () => new Date(2026, 10, 25, 10, 0) });
  return { excel, host, layout };
}

export function tick(ms = 20): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A check that must succeed: its report. */
export async function checked(host: { check(): Promise<CheckOutcome> }): Promise<Report> {
  const o = await host.check();
  if (!o.ok) throw new Error(`check failed: ${o.error.message.en}`);
  return o.report;
}

/** Every normalisation the report proposes, as host changes on its sheet. */
export function changesOf(report: Report): NormaliseChange[] {
  return normaliseChanges(report).map((c) => ({ ...c, sheet: report.sheet }));
}
