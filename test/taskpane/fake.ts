/** A hand-built report and a recording fake ChecklistHost for the pane and session tests. */
import type { CheckOutcome, ChecklistHost, HostCapabilities, HostError, NormaliseChange } from "../../src/app/host";
import type { Answer, CellValue, Finding, ItemResult, ItemStatus, Report } from "../../src/core/model";

function item(n: number, raw: CellValue, answer: Answer | null, status: ItemStatus, fields: string[]): ItemResult {
  return {
    id: `I-${n}`,
    section: "I 共通項目",
    number: String(n),
    text: `項目${n}の内容（テスト用の独自の文）`,
    cell: `E${11 + n}`,
    row: 10 + n,
    col: 4,
    raw,
    answer,
    status,
    naAllowed: n === 5,
    naSource: "profile",
    fields,
    fieldSource: "rule",
    topic: null,
  };
}

/** Six items: ok, look-alike 〇 (E13), blank (E14), invalid "はい" (E15), "-" not allowed (E16), ok. */
export function sampleReport(): Report {
  const items = [
    item(1, "○", "○", "ok", ["ルール作り"]),
    item(2, "〇", "○", "normalized", ["ルール作り"]),
    item(3, null, null, "blank", ["人的対策"]),
    item(4, "はい", null, "invalid", ["人的対策"]),
    item(5, "-", "-", "na_not_allowed", ["サイバー対策"]),
    item(6, "×", "×", "ok", ["サイバー対策"]),
  ];
  items[4].naAllowed = false;
  const allowed: Answer[] = ["○", "△", "×"];
  const findings: Finding[] = [
    { itemId: "I-2", cell: "E13", raw: "〇", status: "normalized", suggestion: "○", allowed },
    { itemId: "I-3", cell: "E14", raw: null, status: "blank", suggestion: null, allowed },
    { itemId: "I-4", cell: "E15", raw: "はい", status: "invalid", suggestion: null, allowed },
    { itemId: "I-5", cell: "E16", raw: "-", status: "na_not_allowed", suggestion: null, allowed },
  ];
  const counts = { "○": 2, "△": 0, "×": 1, "-": 1 };
  return {
    file: "test.xlsx",
    sheet: "チェックリスト",
    profile: "tics-2024",
    location: { headerRow: 10, numberCol: 1, textCol: 2, answerCol: 4, fieldCol: null, range: "B11:E17", source: "detected" },
    company: null,
    items,
    summary: { items: 6, answered: 4, blank: 1, invalid: 1, normalized: 1, naNotAllowed: 1, counts },
    fields: [
      { name: "ルール作り", nameEn: "Rules", score: 100, readiness: 100, items: 2, counts: { "○": 2, "△": 0, "×": 0, "-": 0 } },
      { name: "人的対策", nameEn: "People", score: null, readiness: 0, items: 2, counts: { "○": 0, "△": 0, "×": 0, "-": 0 } },
      { name: "サイバー対策", nameEn: "Cyber", score: 0, readiness: 0, items: 2, counts: { "○": 0, "△": 0, "×": 1, "-": 1 } },
    ],
    overall: { score: 66.7, readiness: 50 },
    findings,
    plan: [
      {
        rank: 1,
        itemId: "I-6",
        cell: "E17",
        section: "I 共通項目",
        number: "6",
        text: "項目6の内容（テスト用の独自の文）",
        answer: "×",
        status: "ok",
        fields: ["サイバー対策"],
        priority: "high",
        topic: null,
        advice: "_fallback",
      },
    ],
    topics: {
      _fallback: {
        title: { ja: "その他", en: "Other" },
        hint: { ja: "ヒント", en: "Hint" },
        firstStep: { ja: "担当者を決める", en: "Name an owner" },
        evidence: { ja: "記録", en: "Record" },
        references: { tics: { ja: "t", en: "t" }, iso27001: ["A.5.1"], jama: { ja: "j", en: "j" } },
      },
    },
    workbookResults: null,
  };
}

/** The report after normalising E13. */
export function normalisedReport(): Report {
  const r = sampleReport();
  r.items[1] = { ...r.items[1], raw: "○", status: "ok" };
  r.findings = r.findings.filter((f) => f.itemId !== "I-2");
  r.summary = { ...r.summary, normalized: 0 };
  return r;
}

export type Call = [string, ...unknown[]];

export interface FakeHost extends ChecklistHost {
  calls: Call[];
  next: { check?: CheckOutcome; apply?: CheckOutcome; undo?: CheckOutcome; load?: CheckOutcome; fail?: HostError };
  /** What highlightActive() answers (the workbook's highlight state as the Excel host would know it). */
  workbookHighlight: boolean;
  emit(outcome: CheckOutcome): void;
}

const ALL: HostCapabilities = {
  selectCell: true,
  highlight: true,
  dropdowns: true,
  manualLocation: true,
  writeSheets: true,
  download: false,
  live: true,
};

export function fakeHost(kind: "excel" | "browser" = "excel", lang: "ja" | "en" = "ja", caps: Partial<HostCapabilities> = {}): FakeHost {
  const listeners = new Set<(o: CheckOutcome) => void>();
  const host: FakeHost = {
    kind,
    lang,
    capabilities: { ...ALL, ...(kind === "browser" ? { selectCell: false, highlight: false, dropdowns: false, manualLocation: false, writeSheets: false, download: true, live: false } : {}), ...caps },
    calls: [],
    next: {},
    workbookHighlight: false,
    highlightActive: () => host.workbookHighlight,
    emit: (o) => listeners.forEach((l) => l(o)),
    async check() {
      host.calls.push(["check"]);
      return host.next.check ?? { ok: true, report: sampleReport() };
    },
    async applyNormalise(changes: NormaliseChange[]) {
      host.calls.push(["applyNormalise", changes]);
      return host.next.apply ?? { ok: true, report: normalisedReport() };
    },
    async undoNormalise(changes: NormaliseChange[]) {
      host.calls.push(["undoNormalise", changes]);
      return host.next.undo ?? { ok: true, report: sampleReport() };
    },
    async writeResults(report: Report) {
      host.calls.push(["writeResults", report.sheet]);
      if (host.next.fail) throw host.next.fail;
    },
    async writePlan(report: Report) {
      host.calls.push(["writePlan", report.sheet]);
      if (host.next.fail) throw host.next.fail;
    },
    async setHighlight(_report: Report, on: boolean) {
      host.calls.push(["setHighlight", on]);
      host.workbookHighlight = on;
    },
    async selectCell(sheet: string, cell: string) {
      host.calls.push(["selectCell", sheet, cell]);
    },
    async addDropdowns() {
      host.calls.push(["addDropdowns"]);
      return 3;
    },
    async removeAddedDropdowns() {
      host.calls.push(["removeAddedDropdowns"]);
      return 3;
    },
    async useSelectionAsAnswerCells() {
      host.calls.push(["useSelectionAsAnswerCells"]);
      return { ok: true, report: sampleReport() };
    },
    async clearManualLocation() {
      host.calls.push(["clearManualLocation"]);
    },
    onLiveChange(listener) {
      host.calls.push(["onLiveChange"]);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  if (kind === "browser") {
    host.loadFile = async (bytes: Uint8Array, name: string) => {
      host.calls.push(["loadFile", Array.from(bytes), name]);
      return host.next.load ?? { ok: true, report: sampleReport() };
    };
    host.download = async (what, options) => {
      host.calls.push(["download", what, options.fix]);
    };
  }
  return host;
}

export const NO_CHECKLIST: HostError = {
  code: "no_checklist",
  message: { ja: "チェックリストが見つかりません（テスト）", en: "No checklist found (test)" },
};
