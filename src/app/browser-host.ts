/**
 * ChecklistHost for a workbook opened in the page (browser mode, outside Office). Everything happens in memory on
 * this device: the file is read with the .xlsx gateway, judged by the engine, and downloads are made with a Blob
 * and an object URL — nothing is uploaded anywhere.
 *
 * Normalisation works on the in-memory grid (and is undoable); the annotated workbook download writes the
 * applied rewrites into the copy (the same cells --fix would rewrite), so what the user confirmed is what they get.
 * The task pane loads this module lazily, so the .xlsx code stays out of the pane's main chunk.
 */
import { analyse, reevaluate } from "../core/analyse";
import { renderHtmlReport } from "../core/html-report";
import type { Bilingual, CellValue, ChecklistLocation, Report, WorkbookInput } from "../core/model";
import { locateFromAnswerCells } from "../core/detect";
import { readWorkbook } from "../file/xlsx-read";
import type { AnnotateResult, WorkbookExtension } from "../file/annotate";
import { annotatedCopy, describeError } from "./files";
import type { CheckOutcome, ChecklistHost, HostCapabilities, HostError, Lang, NormaliseChange, SheetPreview } from "./host";

/** Saves a finished download; the default clicks an <a download> on an object URL. */
export type SaveFile = (data: Blob, fileName: string) => void;

/**
 * The engine's "no checklist" message ends by pointing to the Excel add-in's 「範囲を指定」; browser mode offers its
 * own way (a sheet preview to pick the answer column), so the message says that instead.
 */
function forBrowser(m: Bilingual): Bilingual {
  return {
    ja: m.ja.replace(/Excel アドインでは[^。]*。$/, "下のプレビューで回答の列と見出しの行を選んで読み込むこともできます。"),
    en: m.en.replace(/In the Excel add-in you can[^.]*\.$/, "You can also choose the answer column and header row in the preview below."),
  };
}

/** Size of the sheet preview offered when detection fails. */
const PREVIEW_ROWS = 40;
const PREVIEW_COLS = 12;

export interface BrowserHost extends ChecklistHost {
  loadFile(bytes: Uint8Array, name: string): Promise<CheckOutcome>;
  download(kind: "xlsx" | "html" | "json", options: { fix: boolean }): Promise<void>;
}

export const BROWSER_CAPABILITIES: HostCapabilities = {
  selectCell: false,
  highlight: false,
  dropdowns: false,
  manualLocation: false,
  writeSheets: false,
  download: true,
  live: false,
};


function saveWithLink(data: Blob, fileName: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function noFile(): HostError {
  return {
    code: "unreadable",
    message: { ja: "ファイルが開かれていません。", en: "No file is open." },
  };
}

function unsupported(): Promise<never> {
  return Promise.reject<never>({
    code: "api_unsupported",
    message: {
      ja: "この操作はブラウザーモードでは使えません。Excel のアドインで実行してください。",
      en: "This action is not available in browser mode. Use the Excel add-in.",
    },
  } satisfies HostError);
}

/** The base name of a file without its workbook extension (.xlsx, .xlsm, .xltx, .xltm). */
export function baseName(name: string): string {
  return name.replace(/\.(xlsx|xlsm|xltx|xltm)$/i, "") || "workbook";
}

const MIME_OF: Record<WorkbookExtension, string> = {
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
  ".xltx": "application/vnd.openxmlformats-officedocument.spreadsheetml.template",
  ".xltm": "application/vnd.ms-excel.template.macroEnabled.12",
};

function hostCode(code: string): HostError["code"] {
  if (code === "no_checklist" || code === "no_items" || code === "empty_workbook") return "no_checklist";
  return "unreadable";
}

interface Loaded {
  name: string;
  bytes: Uint8Array;
  wb: WorkbookInput;
  location: ChecklistLocation;
  report: Report;
  /** Cells (A1) rewritten by applied normalisations, with the answer written. */
  applied: Map<string, NormaliseChange>;
}

export function createBrowserHost(initialLang: Lang, save: SaveFile = saveWithLink): BrowserHost {
  let current: Loaded | null = null;
  /** The display language; the language switch of browser mode changes it (downloads follow). */
  let lang: Lang = initialLang;
  /** A readable workbook in which detection found no checklist: kept so the user can pick the answer column. */
  let pending: { name: string; bytes: Uint8Array; wb: WorkbookInput } | null = null;
  let lastError: HostError | null = null;

  const outcome = (): CheckOutcome =>
    current ? { ok: true, report: current.report } : { ok: false, error: lastError ?? noFile() };

  /** Writes `value` into the cached grid at the item's answer cell. */
  const patch = (l: Loaded, itemId: string, value: string | number | boolean | null): void => {
    const item = l.report.items.find((i) => i.id === itemId);
    const sheet = l.wb.sheets.find((s) => s.name === l.report.sheet);
    if (!item || !sheet) return;
    const r = item.row - (sheet.originRow ?? 0);
    const c = item.col - (sheet.originCol ?? 0);
    if (r < 0 || c < 0) return;
    while (sheet.values.length <= r) sheet.values.push([]);
    const row = sheet.values[r];
    while (row.length < c) row.push(null);
    row[c] = value;
  };

  /** Every change must still match the current value; otherwise nothing is done. */
  const stale = (l: Loaded, changes: NormaliseChange[], expect: (c: NormaliseChange) => unknown): boolean =>
    changes.some((c) => {
      const item = l.report.items.find((i) => i.id === c.itemId);
      return !item || item.cell !== c.cell || c.sheet !== l.report.sheet || item.raw !== expect(c);
    });

  const changedMeanwhile = (): CheckOutcome => ({
    ok: false,
    error: {
      code: "changed_meanwhile",
      message: {
        ja: "セルの内容が確認時から変わっているため、何も書き換えませんでした。もう一度チェックしてください。",
        en: "The cells changed since the check, so nothing was written. Check again.",
      },
    },
  });

  const host: BrowserHost = {
    kind: "browser",
    capabilities: BROWSER_CAPABILITIES,
    get lang(): Lang {
      return lang;
    },
    setLang(next: Lang): void {
      lang = next;
    },

    sheetPreview(): SheetPreview[] | null {
      if (!pending) return null;
      return pending.wb.sheets.map((s) => {
        const rows: CellValue[][] = [];
        // Values are stored from the sheet's origin; the preview starts at A1.
        const r0 = s.originRow ?? 0;
        const c0 = s.originCol ?? 0;
        for (let r = 0; r < PREVIEW_ROWS; r++) {
          const src = s.values[r - r0];
          const row: CellValue[] = [];
          for (let c = 0; c < PREVIEW_COLS; c++) row.push(src && c - c0 >= 0 ? (src[c - c0] ?? null) : null);
          rows.push(row);
        }
        while (rows.length && rows[rows.length - 1].every((v) => v === null || v === "")) rows.pop();
        return { name: s.name, rows };
      });
    },

    async useAnswerColumn(sheet: string, headerRow: number, answerCol: number): Promise<CheckOutcome> {
      const p = pending;
      if (!p) return outcome();
      const s = p.wb.sheets.find((x) => x.name === sheet);
      const last = s ? (s.originRow ?? 0) + s.values.length - 1 : headerRow + 1;
      const found = locateFromAnswerCells(p.wb, sheet, { top: headerRow + 1, left: answerCol, bottom: Math.max(headerRow + 1, last), right: answerCol });
      if (!found.ok) {
        lastError = { code: hostCode(found.error.code), message: found.error.message };
        return outcome();
      }
      const res = analyse(p.wb, { file: p.name, location: found.location });
      if (!res.ok) {
        lastError = { code: hostCode(res.error.code), message: res.error.message };
        return outcome();
      }
      lastError = null;
      pending = null;
      current = { name: p.name, bytes: p.bytes, wb: p.wb, location: res.location, report: res.report, applied: new Map() };
      return outcome();
    },

    async loadFile(bytes: Uint8Array, name: string): Promise<CheckOutcome> {
      current = null;
      pending = null;
      let wb: WorkbookInput;
      try {
        wb = readWorkbook(bytes);
      } catch (e) {
        const d = describeError(e);
        lastError = { code: hostCode(d.code), message: d.error };
        return outcome();
      }
      let res;
      try {
        res = analyse(wb, { file: name });
      } catch (e) {
        const d = describeError(e);
        lastError = { code: "unknown", message: d.error };
        return outcome();
      }
      if (!res.ok) {
        lastError = { code: hostCode(res.error.code), message: forBrowser(res.error.message) };
        pending = { name, bytes: bytes.slice(), wb };
        return outcome();
      }
      pending = null;
      lastError = null;
      current = { name, bytes: bytes.slice(), wb, location: res.location, report: res.report, applied: new Map() };
      return outcome();
    },

    async check(): Promise<CheckOutcome> {
      if (current) current.report = reevaluate(current.wb, current.location, { file: current.name });
      return outcome();
    },

    async applyNormalise(changes: NormaliseChange[]): Promise<CheckOutcome> {
      const l = current;
      if (!l) return outcome();
      if (stale(l, changes, (c) => c.from)) return changedMeanwhile();
      for (const c of changes) {
        patch(l, c.itemId, c.to);
        const prev = l.applied.get(c.cell);
        // Keep the original value when a cell is normalised twice.
        l.applied.set(c.cell, prev ? { ...c, from: prev.from } : c);
      }
      l.report = reevaluate(l.wb, l.location, { file: l.name });
      return outcome();
    },

    async undoNormalise(changes: NormaliseChange[]): Promise<CheckOutcome> {
      const l = current;
      if (!l) return outcome();
      if (stale(l, changes, (c) => c.to)) return changedMeanwhile();
      for (const c of changes) {
        patch(l, c.itemId, c.from);
        const prev = l.applied.get(c.cell);
        if (prev && prev.from === c.from) l.applied.delete(c.cell);
        else if (prev) l.applied.set(c.cell, { ...prev, to: c.from as NormaliseChange["to"] });
      }
      l.report = reevaluate(l.wb, l.location, { file: l.name });
      return outcome();
    },

    writeResults: () => unsupported(),
    writePlan: () => unsupported(),
    setHighlight: () => unsupported(),
    selectCell: () => unsupported(),
    addDropdowns: () => unsupported(),
    useSelectionAsAnswerCells: () => unsupported(),
    clearManualLocation: () => unsupported(),
    onLiveChange: () => () => undefined,

    async download(kind: "xlsx" | "html" | "json", options: { fix: boolean }): Promise<void> {
      const l = current;
      if (!l) throw noFile();
      const base = baseName(l.name);
      if (kind === "json") {
        save(new Blob([JSON.stringify(l.report, null, 2)], { type: "application/json" }), `${base}-tics.json`);
        return;
      }
      if (kind === "html") {
        save(new Blob([renderHtmlReport(l.report, lang)], { type: "text/html;charset=utf-8" }), `${base}-tics-report.html`);
        return;
      }
      let copy: AnnotateResult;
      try {
        copy = annotatedCopy(l.bytes, reportForFile(l, options.fix), { fix: options.fix || l.applied.size > 0, lang });
      } catch (e) {
        // The annotator's own message (e.g. a Strict Open XML workbook), not "unexpected error: ja / en".
        throw { code: "unreadable", message: describeError(e).error } satisfies HostError;
      }
      // The copy keeps the input's kind: a macro-enabled workbook stays .xlsm (Excel refuses it as .xlsx).
      save(new Blob([copy.bytes as BlobPart], { type: MIME_OF[copy.extension] }), `${base}-tics${copy.extension}`);
    },
  };
  return host;
}

/**
 * The report handed to the annotator. The file on disk still holds the original values, and the annotator rewrites
 * the answer cells of items marked "normalized" when fixing; so the items the user normalised in the pane are marked
 * "normalized" (they hold the canonical answer now), and look-alikes the user did not normalise are only rewritten
 * when `fix` asks for it.
 */
export function reportForFile(l: { report: Report; applied: Map<string, NormaliseChange> }, fix: boolean): Report {
  if (l.applied.size === 0) return l.report;
  return {
    ...l.report,
    items: l.report.items.map((it) => {
      const a = l.applied.get(it.cell);
      if (a && it.answer === a.to) return { ...it, raw: a.from, status: "normalized" };
      if (it.status === "normalized" && !fix) return { ...it, status: "ok" };
      return it;
    }),
  };
}
