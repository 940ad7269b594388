/*
 * Writes the sample workbooks: samples/tics-sample.xlsx (demo answers) and samples/tics-sample-blank.xlsx
 * (same sheet, every answer empty). Run with `npm run samples` (npx tsx scripts/make-samples.ts).
 *
 * The layout follows what METI's pamphlet shows of the official workbook, as far as it is known: a title, an
 * explanation of the answers, then a table headed 「内容」 (over the number and text columns) and 「チェック欄」,
 * section rows merged across the content columns, item rows (number | text | answer) and a dropdown list on every
 * answer cell. The texts are the TICS Check team's own (see sample-content.ts). The table does not start at A1.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CellRange, CellValue } from "../src/core/model";
import { writeSimpleWorkbook, type SimpleSheet } from "../src/file/xlsx-write";
import {
  LIST_ANSWERS,
  LIST_ANSWERS_NA,
  SAMPLE_COMPANY,
  SAMPLE_HEADER_CHECK,
  SAMPLE_HEADER_CONTENT,
  SAMPLE_ITEMS,
  SAMPLE_LEGEND,
  SAMPLE_LEGEND_TITLE,
  SAMPLE_NOTE,
  SAMPLE_TITLE,
  SECTIONS,
  type SampleItem,
} from "./sample-content";

export const SAMPLE_SHEET_NAME = "自己チェックリスト";
/** Fixed zip timestamps, so `npm run samples` writes the same bytes every time. */
export const SAMPLE_MTIME = new Date(2026, 0, 1, 0, 0, 0);

/** Absolute 0-based positions in the generated sheet. */
export const SAMPLE_LAYOUT = {
  /** Column B: item numbers (and the start of 「内容」 / section labels). */
  numberCol: 1,
  /** Column C: item texts. */
  textCol: 2,
  /** Column D: 「チェック欄」 (answers). */
  answerCol: 3,
  /** Row 11 in Excel terms: the 「内容」 | 「チェック欄」 header. */
  headerRow: 10,
} as const;

export interface SampleSheetBuild {
  sheet: SimpleSheet;
  /** Absolute row of each item, in SAMPLE_ITEMS order. */
  itemRows: number[];
  /** Absolute row of each section row, in SECTIONS order. */
  sectionRows: number[];
}

function range(top: number, left: number, bottom = top, right = left): CellRange {
  return { top, left, bottom, right };
}

/** Builds the sample checklist sheet; `withAnswers` false leaves every answer cell empty. */
export function buildSampleSheet(withAnswers: boolean): SampleSheetBuild {
  const { numberCol, textCol, answerCol, headerRow } = SAMPLE_LAYOUT;
  const width = answerCol + 1;
  const grid: CellValue[][] = [];
  const put = (row: number, col: number, v: CellValue) => {
    while (grid.length <= row) grid.push(new Array<CellValue>(width).fill(null));
    grid[row][col] = v;
  };

  put(0, numberCol, SAMPLE_TITLE);
  put(1, numberCol, SAMPLE_NOTE);
  put(2, numberCol, SAMPLE_COMPANY);
  put(4, numberCol, SAMPLE_LEGEND_TITLE);
  SAMPLE_LEGEND.forEach((line, i) => put(5 + i, numberCol, line));
  put(headerRow, numberCol, SAMPLE_HEADER_CONTENT);
  put(headerRow, answerCol, SAMPLE_HEADER_CHECK);

  const merges: CellRange[] = [range(headerRow, numberCol, headerRow, textCol)];
  const bold: CellRange[] = [range(0, numberCol), range(headerRow, numberCol, headerRow, answerCol)];
  const itemRows: number[] = [];
  const sectionRows: number[] = [];
  let row = headerRow + 1;
  let current: string | null = null;
  for (const item of SAMPLE_ITEMS) {
    if (item.section !== current) {
      current = item.section;
      put(row, numberCol, item.section);
      merges.push(range(row, numberCol, row, textCol));
      bold.push(range(row, numberCol, row, textCol));
      sectionRows.push(row);
      row++;
    }
    put(row, numberCol, item.number);
    put(row, textCol, item.text);
    put(row, answerCol, withAnswers ? item.answer : null);
    itemRows.push(row);
    row++;
  }
  if (sectionRows.length !== SECTIONS.length) throw new Error("sample items are not grouped by section in SECTIONS order");

  const sheet: SimpleSheet = {
    name: SAMPLE_SHEET_NAME,
    rows: grid,
    merges,
    validations: answerValidations(itemRows),
    colWidths: [2, 6, 80, 12],
    bold,
    wrap: [range(itemRows[0], textCol, itemRows[itemRows.length - 1], textCol)],
  };
  return { sheet, itemRows, sectionRows };
}

/** One list validation per run of consecutive item rows with the same list. */
function answerValidations(itemRows: number[]): { range: CellRange; items: string[] }[] {
  const col = SAMPLE_LAYOUT.answerCol;
  const out: { range: CellRange; items: string[] }[] = [];
  let prev: { row: number; item: SampleItem } | null = null;
  SAMPLE_ITEMS.forEach((item, i) => {
    const r = itemRows[i];
    const items = item.naAllowed ? LIST_ANSWERS_NA : LIST_ANSWERS;
    const last = out[out.length - 1];
    if (prev && last && prev.row === r - 1 && prev.item.naAllowed === item.naAllowed) last.range.bottom = r;
    else out.push({ range: range(r, col), items: [...items] });
    prev = { row: r, item };
  });
  return out;
}

export const SAMPLE_FILES = {
  answered: "tics-sample.xlsx",
  blank: "tics-sample-blank.xlsx",
} as const;

function main(): void {
  const dir = join(__dirname, "..", "samples");
  mkdirSync(dir, { recursive: true });
  for (const [file, withAnswers] of [
    [SAMPLE_FILES.answered, true],
    [SAMPLE_FILES.blank, false],
  ] as const) {
    const { sheet, itemRows } = buildSampleSheet(withAnswers);
    const bytes = writeSimpleWorkbook([sheet], { mtime: SAMPLE_MTIME });
    writeFileSync(join(dir, file), bytes);
    console.log(`samples/${file}: ${itemRows.length} items, ${bytes.length} bytes`);
  }
}

if (require.main === module) main();
