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
import {
  EVIDENCE_SHEET,
  evidenceModel,
  findEvidenceSheet,
  mergeEvidence,
  readEvidenceUserHeaders,
  readEvidenceUserValues,
} from "../core/evidence";
import { historyRowOf } from "../core/history";
import { setCell } from "../core/grid";
import type { Bilingual, CellValue, ChecklistLocation, EvidenceEntry, HistoryRow, Report, WorkbookInput } from "../core/model";
import { SheetView, locateFromAnswerCells } from "../core/detect";
import { indexedDbStore, type CheckStore } from "./browser-history";
import type { AnnotateResult, WorkbookExtension } from "../file/annotate";
import { runCheck, type CheckProgress, type CheckReply } from "./check-worker";
import { annotatedCopy, describeError } from "./files";
import type { CheckOutcome, ChecklistHost, HostCapabilities, HostError, Lang, NormaliseChange, SheetPreview } from "./host";
import { type UserMapping, readUserMapping } from "../core/user-mapping";

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
  /** Progress of a check (reading sheet n of m, then checking); null when it ends. Returns an unsubscribe. */
  onProgress(listener: (p: CheckProgress | null) => void): () => void;
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
  /** Evidence typed in the pane, by item id (written into the downloaded copy's 「証跡・根拠」 sheet). */
  evidence: Map<string, Partial<EvidenceEntry>>;
  /** The checks of this file name remembered on this device, oldest first. */
  remembered: HistoryRow[];
}

/** A workbook that crossed from the worker has no dense `values` (the engine reads `cells`): give it an empty one. */
function withValues(wb: WorkbookInput): WorkbookInput {
  for (const sh of wb.sheets) if (!Object.prototype.hasOwnProperty.call(sh, "values")) sh.values = [];
  return wb;
}

/** Runs one check: in a Web Worker when the page can start one, else in the page. */
export type Checker = (bytes: Uint8Array, name: string, progress: (p: CheckProgress) => void) => Promise<Extract<CheckReply, { type: "done" }>>;

/**
 * The check in a dedicated Web Worker (check-worker.js beside the page): the page stays responsive whatever the
 * file holds; a worker that fails (e.g. out of memory) is reported as an unreadable file and the next check starts a
 * new one.
 */
export function workerChecker(url: string): Checker {
  return (bytes, name, progress) =>
    new Promise((resolve) => {
      const w = new Worker(url);
      const fail = (detail: string): void => {
        w.terminate();
        resolve({
          type: "done",
          ok: false,
          stage: "read",
          code: "unreadable",
          message: {
            ja: `ファイルを確認できませんでした（${detail}）。ファイルが大きすぎるか壊れている可能性があります。`,
            en: `The file could not be checked (${detail}). It may be too large or damaged.`,
          },
        });
      };
      w.onmessage = (e: MessageEvent<CheckReply>) => {
        if (e.data.type === "progress") progress(e.data.progress);
        else {
          w.terminate();
          resolve(e.data);
        }
      };
      w.onerror = (e) => {
        e.preventDefault();
        fail(e.message || "worker error");
      };
      w.postMessage({ bytes, name });
    });
}

const inPage: Checker = (bytes, name, progress) => Promise.resolve(runCheck(bytes, name, progress));

/** check-worker.js beside the page when the browser has Web Workers (not in jsdom or Node). */
function defaultChecker(): Checker {
  const g = globalThis as { Worker?: unknown; location?: { protocol?: string }; navigator?: { userAgent?: string } };
  if (typeof g.Worker !== "function" || /jsdom/i.test(g.navigator?.userAgent ?? "")) return inPage;
  return workerChecker("check-worker.js");
}

export function createBrowserHost(
  initialLang: Lang,
  save: SaveFile = saveWithLink,
  store: CheckStore = indexedDbStore(),
  now: () => Date = () => new Date(),
  checker: Checker = defaultChecker(),
): BrowserHost {
  let current: Loaded | null = null;
  /** The display language; the language switch of browser mode changes it (downloads follow). */
  let lang: Lang = initialLang;
  /** A readable workbook in which detection found no checklist: kept so the user can pick the answer column. */
  let pending: { name: string; bytes: Uint8Array; wb: WorkbookInput } | null = null;
  let lastError: HostError | null = null;
  const listeners = new Set<(p: CheckProgress | null) => void>();
  const tell = (p: CheckProgress | null): void => {
    for (const l of listeners) l(p);
  };

  const outcome = (): CheckOutcome =>
    current ? { ok: true, report: current.report } : { ok: false, error: lastError ?? noFile() };

  /** Judges the cached workbook again; the trend shows the checks remembered on this device. */
  const judge = (l: Loaded): void => {
    const report = reevaluate(l.wb, l.location, { file: l.name });
    l.report = { ...report, history: l.remembered.length ? l.remembered : (report.history ?? []) };
  };

  /** Items by id, built once per report (no lookup inside a loop over changes). */
  const byIdCache = new WeakMap<Report, Map<string, Report["items"][number]>>();
  const itemsById = (r: Report): Map<string, Report["items"][number]> => {
    let m = byIdCache.get(r);
    if (!m) byIdCache.set(r, (m = new Map(r.items.map((i) => [i.id, i]))));
    return m;
  };

  /** Writes `value` into the cached grid at the item's answer cell. */
  const patch = (l: Loaded, itemId: string, value: string | number | boolean | null): void => {
    const item = itemsById(l.report).get(itemId);
    const sheet = l.wb.sheets.find((s) => s.name === l.report.sheet);
    if (!item || !sheet) return;
    setCell(sheet, item.row, item.col, value);
  };

  /** Every change must still match the current value; otherwise nothing is done. */
  const stale = (l: Loaded, changes: NormaliseChange[], expect: (c: NormaliseChange) => unknown): boolean => {
    const byId = itemsById(l.report);
    return changes.some((c) => {
      const item = byId.get(c.itemId);
      return !item || item.cell !== c.cell || c.sheet !== l.report.sheet || item.raw !== expect(c);
    });
  };

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
        // Dense or sparse sheets alike; the preview starts at A1.
        const v = new SheetView(s);
        for (let r = 0; r < PREVIEW_ROWS; r++) {
          const row: CellValue[] = [];
          for (let c = 0; c < PREVIEW_COLS; c++) row.push(v.get(r, c));
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
      const last = s ? new SheetView(s).rowEnd - 1 : headerRow + 1;
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
      let remembered: HistoryRow[] = [];
      try {
        remembered = await store.add(p.name, historyRowOf(res.report, now()));
      } catch {
        // IndexedDB refused (private mode, quota): the check itself still works, without a trend.
      }
      current = { name: p.name, bytes: p.bytes, wb: p.wb, location: res.location, report: res.report, applied: new Map(), evidence: new Map(), remembered };
      judge(current);
      return outcome();
    },

    /** The mapping the loaded file holds (applied by the check; shown read-only: editing is the Excel add-in's). */
    userMapping(): UserMapping | null {
      return current ? readUserMapping(current.wb) : null;
    },

    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async loadFile(bytes: Uint8Array, name: string): Promise<CheckOutcome> {
      current = null;
      pending = null;
      const kept = bytes.slice();
      let res: Extract<CheckReply, { type: "done" }>;
      try {
        res = await checker(bytes, name, tell);
      } finally {
        tell(null);
      }
      if (!res.ok) {
        lastError = {
          code: res.stage === "analyse" && res.code === "unknown" ? "unknown" : hostCode(res.code),
          message: res.stage === "analyse" ? forBrowser(res.message) : res.message,
        };
        // A readable workbook without a detected checklist: kept so the user can pick the answer column.
        if (res.wb) pending = { name, bytes: kept, wb: withValues(res.wb) };
        return outcome();
      }
      withValues(res.wb);
      pending = null;
      lastError = null;
      let remembered: HistoryRow[] = [];
      try {
        remembered = await store.add(name, historyRowOf(res.report, now()));
      } catch {
        // IndexedDB refused (private mode, quota): the check itself still works, without a trend.
      }
      current = {
        name,
        bytes: kept,
        wb: res.wb,
        location: res.location,
        report: res.report,
        applied: new Map(),
        evidence: new Map(),
        remembered,
      };
      judge(current);
      return outcome();
    },

    async check(): Promise<CheckOutcome> {
      if (current) judge(current);
      return outcome();
    },

    async saveEvidence(_report: Report, itemId: string, entry: Partial<EvidenceEntry>): Promise<CheckOutcome> {
      const l = current;
      if (!l) return outcome();
      l.evidence.set(itemId, { ...l.evidence.get(itemId), ...entry });
      // The cached workbook gets the sheet as the download will hold it, so coverage and warnings follow.
      const found = findEvidenceSheet(l.wb);
      const grid = found?.grid ?? [];
      const user = readEvidenceUserValues(grid);
      const headers = readEvidenceUserHeaders(grid);
      mergeEvidence(user, headers.length, itemId, entry);
      const model = evidenceModel(l.report, lang, user, headers);
      const name = found?.name ?? EVIDENCE_SHEET;
      const sheet = { name, values: [model.header, ...model.rows] };
      const i = l.wb.sheets.findIndex((s) => s.name === name);
      if (i >= 0) l.wb.sheets[i] = sheet;
      else l.wb.sheets.push(sheet);
      judge(l);
      return outcome();
    },

    async clearHistory(): Promise<CheckOutcome> {
      const l = current;
      await store.clear(l?.name);
      if (l) {
        l.remembered = [];
        judge(l);
        l.report = { ...l.report, history: [] };
      }
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
      judge(l);
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
      judge(l);
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
        save(new Blob([renderHtmlReport(l.report, lang, { executive: true })], { type: "text/html;charset=utf-8" }), `${base}-tics-report.html`);
        return;
      }
      let copy: AnnotateResult;
      try {
        copy = annotatedCopy(l.bytes, reportForFile(l, options.fix), {
          fix: options.fix || l.applied.size > 0,
          lang,
          records: true,
          evidence: l.evidence,
          now: now(),
        });
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
