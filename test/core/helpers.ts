/**
 * Builds checklist grids for tests. Every text here is made up for the tests (not the official workbook's wording).
 */
import type { CellRange, CellValue, ListValidation, SheetInput, WorkbookInput } from "../../src/core/model";

export interface TestItem {
  text: string;
  answer?: CellValue;
  /** 分野 column text (only used with `fieldColumn`). */
  field?: string;
}

export interface TestSection {
  /** Section label such as "Ⅰ 共通項目"; omit for items without a section row. */
  label?: string;
  items: TestItem[];
}

export interface ChecklistOptions {
  name?: string;
  /** Absolute 0-based row and column of the header row's first cell. */
  top?: number;
  left?: number;
  /**
   * "pamphlet": 内容 | (empty) | チェック欄, number under 内容;
   * "numbered": No. | 内容 | チェック欄;
   * "merged": 内容 merged across number+text, then the answer header.
   */
  layout?: "pamphlet" | "numbered" | "merged";
  answerHeader?: string;
  textHeader?: string;
  /** Numbers restart at 1 in every section. */
  restart?: boolean;
  /** Formats the item number cell. */
  number?: (n: number) => CellValue;
  /** Adds a 分野 column right of the answer column. */
  fieldColumn?: boolean;
  /** Adds a 備考 column with notes. */
  remarks?: boolean;
  /** Blank rows between sections. */
  blankBetween?: number;
  /** Where the section label goes: number column (default) or text column. */
  sectionIn?: "number" | "text";
  /** List validation on every answer cell, e.g. ["○","△","×","-"]; null = unresolvable list. */
  validation?: string[] | null;
  /** Rows of free text after the table. */
  trailer?: string[];
}

export interface BuiltChecklist {
  sheet: SheetInput;
  headerRow: number;
  numberCol: number;
  textCol: number;
  answerCol: number;
  fieldCol: number | null;
  /** Absolute rows of the items, in order. */
  itemRows: number[];
}

function put(grid: CellValue[][], r: number, c: number, v: CellValue): void {
  while (grid.length <= r) grid.push([]);
  const row = grid[r];
  while (row.length <= c) row.push(null);
  row[c] = v;
}

/** Builds one sheet holding a checklist table at (top, left), absolute coordinates, origin 0. */
export function buildChecklist(sections: TestSection[], o: ChecklistOptions = {}): BuiltChecklist {
  const top = o.top ?? 0;
  const left = o.left ?? 0;
  const layout = o.layout ?? "pamphlet";
  const grid: CellValue[][] = [];
  const numberCol = left;
  const textCol = left + 1;
  const answerCol = left + 2;
  const fieldCol = o.fieldColumn ? left + 3 : null;
  const remarksCol = left + (o.fieldColumn ? 4 : 3);
  const merges: CellRange[] = [];
  const textHeader = o.textHeader ?? "内容";
  if (layout === "numbered") {
    put(grid, top, numberCol, "No.");
    put(grid, top, textCol, textHeader);
  } else {
    put(grid, top, numberCol, textHeader);
    put(grid, top, textCol, null);
    if (layout === "merged") merges.push({ top, bottom: top, left: numberCol, right: textCol });
  }
  put(grid, top, answerCol, o.answerHeader ?? "チェック欄");
  if (fieldCol !== null) put(grid, top, fieldCol, "分野");
  if (o.remarks) put(grid, top, remarksCol, "備考");
  let r = top + 1;
  let n = 0;
  const itemRows: number[] = [];
  for (let s = 0; s < sections.length; s++) {
    const sec = sections[s];
    if (s > 0) r += o.blankBetween ?? 0;
    if (sec.label !== undefined) {
      put(grid, r, o.sectionIn === "text" ? textCol : numberCol, sec.label);
      r++;
    }
    if (o.restart) n = 0;
    for (const it of sec.items) {
      n++;
      put(grid, r, numberCol, o.number ? o.number(n) : n);
      put(grid, r, textCol, it.text);
      put(grid, r, answerCol, it.answer === undefined ? null : it.answer);
      if (fieldCol !== null && it.field !== undefined) put(grid, r, fieldCol, it.field);
      if (o.remarks) put(grid, r, remarksCol, `メモ${n}`);
      itemRows.push(r);
      r++;
    }
  }
  for (const line of o.trailer ?? []) {
    r += 2;
    put(grid, r, left, line);
  }
  const validations: ListValidation[] = [];
  if (o.validation !== undefined && itemRows.length) {
    validations.push({
      range: { top: itemRows[0], bottom: itemRows[itemRows.length - 1], left: answerCol, right: answerCol },
      items: o.validation,
    });
  }
  return {
    sheet: { name: o.name ?? "チェックリスト", values: grid, merges, validations },
    headerRow: top,
    numberCol,
    textCol,
    answerCol,
    fieldCol,
    itemRows,
  };
}

export function wb(...sheets: SheetInput[]): WorkbookInput {
  return { sheets };
}

/** Item texts that match no keyword of any profile (plain test sentences). */
export function plainItems(count: number, answer: (i: number) => CellValue = () => "○"): TestItem[] {
  const out: TestItem[] = [];
  for (let i = 0; i < count; i++) out.push({ text: `テスト用の確認文その${i + 1}について記述している。`, answer: answer(i) });
  return out;
}

/** A profile-independent sample of four sections with made-up texts. */
export function sampleSections(): TestSection[] {
  return [
    {
      label: "Ⅰ 共通項目",
      items: [
        { text: "自社の方針を文書にして全員に知らせている。", answer: "○" },
        { text: "守る情報を決めて、他の情報と区別できるようにしている。", answer: "△" },
        { text: "情報の重要度に応じた扱い方を規則にしている。", answer: "×" },
      ],
    },
    {
      label: "Ⅱ 人に関する項目",
      items: [
        { text: "従業員に年一回の教育を行っている。", answer: "○" },
        { text: "退職者から秘密保持の誓約を取っている。", answer: null },
      ],
    },
  ];
}

import type { Profile } from "../../src/core/profile/types";

const b = (ja: string, en: string) => ({ ja, en });
const refs = { tics: b("テスト参照", "Test reference"), iso27001: ["A.5.1"], jama: b("テスト", "Test") };

/** A small profile for tests, independent of the shipped one. */
export function testProfile(): Profile {
  return {
    id: "test-profile",
    name: b("テスト用プロファイル", "Test profile"),
    note: b("テスト専用の独自の内容です。", "Our own test content."),
    fields: [
      { id: "rules", name: b("ルール", "Rules"), aliases: ["規程"] },
      { id: "people", name: b("人", "People"), aliases: ["人的対策"] },
      { id: "tech", name: b("技術", "Technology"), aliases: [] },
    ],
    weights: { "○": 1, "△": 0.5, "×": 0 },
    topics: [
      {
        id: "policy", title: b("方針", "Policy"), keywords: ["方針"], fields: ["rules"], importance: 1,
        hint: b("方針のヒント", "Policy hint"), firstStep: b("方針の第一歩", "Policy first step"),
        evidence: b("方針の証跡", "Policy evidence"), references: refs,
      },
      {
        id: "training", title: b("教育", "Training"), keywords: ["教育", "研修"], fields: ["people"], importance: 2,
        hint: b("教育のヒント", "Training hint"), firstStep: b("教育の第一歩", "Training first step"),
        evidence: b("教育の証跡", "Training evidence"), references: refs,
      },
      {
        id: "access", title: b("アクセス", "Access"), keywords: ["アクセス", "パスワード", "ID"], fields: ["tech", "rules"], importance: 1,
        hint: b("アクセスのヒント", "Access hint"), firstStep: b("アクセスの第一歩", "Access first step"),
        evidence: b("アクセスの証跡", "Access evidence"), references: refs,
      },
      {
        id: "pledge", title: b("誓約", "Pledge"), keywords: ["誓約", "教育"], fields: ["people"], importance: 3,
        hint: b("誓約のヒント", "Pledge hint"), firstStep: b("誓約の第一歩", "Pledge first step"),
        evidence: b("誓約の証跡", "Pledge evidence"), references: refs,
      },
    ],
    naKeywords: ["取引先", "委託"],
    fallback: {
      hint: b("共通のヒント", "Generic hint"), firstStep: b("共通の第一歩", "Generic first step"),
      evidence: b("共通の証跡", "Generic evidence"), references: refs,
    },
  };
}
