/**
 * The task pane's application layer: holds the last check outcome, runs the host's actions, computes the
 * normalise preview and keeps the undo stack of applied normalisations. Pure TypeScript (no React, no DOM), so the
 * pane is a thin view over `SessionState` and this file is unit-tested on its own.
 */
import type { EvidenceEntry, Report } from "../core/model";
import { normaliseChanges } from "../core/normalise";
import type { CheckOutcome, ChecklistHost, HostError, NormaliseChange } from "./host";
import { editMapping } from "./mapping";

/** What the last finished action was, so the pane can announce it (aria-live). */
export type Notice =
  | { kind: "checked" }
  | { kind: "normalised"; count: number }
  | { kind: "undone"; count: number }
  | { kind: "results_written" }
  | { kind: "plan_written" }
  | { kind: "highlight"; on: boolean }
  | { kind: "dropdowns"; count: number }
  | { kind: "dropdowns_removed"; count: number }
  | { kind: "downloaded"; what: "xlsx" | "html" | "json" }
  | { kind: "mapping_saved"; itemId: string; reset: boolean }
  | { kind: "live" };

/** One undoable action of this session. */
export type UndoEntry = { kind: "normalise"; changes: NormaliseChange[] } | { kind: "dropdowns"; count: number };

export interface SessionState {
  /** The name of the action running, or null when idle. */
  busy: string | null;
  /** Last outcome of a check (or of an action that re-checks). */
  outcome: CheckOutcome | null;
  /** The report of the last successful check (kept while a later action fails). */
  report: Report | null;
  /** Error of the last action, or null. */
  error: HostError | null;
  /** What 「元に戻す」 can undo, last on top: applied normalisations and added dropdowns. */
  undoStack: UndoEntry[];
  highlight: boolean;
  notice: Notice | null;
  /** Browser mode: the name of the loaded file. */
  fileName: string | null;
}

const INITIAL: SessionState = {
  busy: null,
  outcome: null,
  report: null,
  error: null,
  undoStack: [],
  highlight: false,
  notice: null,
  fileName: null,
};

/** Turns anything thrown by a host into a HostError (host errors pass through unchanged). */
export function toHostError(e: unknown): HostError {
  if (e && typeof e === "object") {
    const o = e as { code?: unknown; message?: unknown };
    const m = o.message as { ja?: unknown; en?: unknown } | undefined;
    if (typeof o.code === "string" && m && typeof m === "object" && typeof m.ja === "string" && typeof m.en === "string") {
      return { code: normaliseCode(o.code), message: { ja: m.ja, en: m.en } };
    }
  }
  const detail = e instanceof Error ? e.message : String(e);
  return {
    code: "unknown",
    message: {
      ja: `予期しないエラーが発生しました: ${detail}`,
      en: `An unexpected error occurred: ${detail}`,
    },
  };
}

const CODES: readonly HostError["code"][] = [
  "no_checklist",
  "protected",
  "cell_edit",
  "api_unsupported",
  "unreadable",
  "changed_meanwhile",
  "unknown",
];

function normaliseCode(code: string): HostError["code"] {
  if ((CODES as readonly string[]).includes(code)) return code as HostError["code"];
  if (code === "no_items" || code === "empty_workbook") return "no_checklist";
  return "unknown";
}

export class Session {
  private state: SessionState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private liveOff: (() => void) | null = null;

  constructor(readonly host: ChecklistHost) {}

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  /** Applies a check outcome to the state. */
  private take(outcome: CheckOutcome, notice: Notice | null): void {
    if (outcome.ok) {
      this.set({ outcome, report: outcome.report, error: null, notice, busy: null });
    } else {
      this.set({ outcome, report: null, error: outcome.error, notice: null, busy: null });
    }
  }

  private async run<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
    this.set({ busy: name, error: null, notice: null });
    try {
      return await work();
    } catch (e) {
      this.set({ error: toHostError(e), busy: null });
      return undefined;
    } finally {
      if (this.state.busy === name) this.set({ busy: null });
    }
  }

  /** Full check. The highlight switch follows the workbook (a highlight left on by an earlier session shows as on). */
  async check(): Promise<void> {
    await this.run("check", async () => {
      const outcome = await this.host.check();
      if (outcome.ok && this.host.highlightActive) this.set({ highlight: this.host.highlightActive() });
      this.take(outcome, { kind: "checked" });
    });
  }

  /**
   * 「分野の割り当て」: set an item's fields (null or [] = back to automatic), store the mapping in the workbook and
   * check again. Only on hosts that can store it (host.saveUserMapping).
   */
  async setItemFields(itemId: string, fields: readonly string[] | null): Promise<void> {
    const host = this.host;
    const report = this.state.report;
    if (!host.saveUserMapping || !report) return;
    await this.run("mapping", async () => {
      const next = editMapping(host.userMapping ? host.userMapping() : null, report, itemId, fields);
      const outcome = await (host.saveUserMapping as (m: typeof next) => Promise<CheckOutcome>).call(host, next);
      this.take(outcome, { kind: "mapping_saved", itemId, reset: !fields || fields.length === 0 });
    });
  }

  /** Browser mode: opens a file; forgets the undo stack of the previous one. */
  async loadFile(bytes: Uint8Array, name: string): Promise<void> {
    const load = this.host.loadFile;
    if (!load) return;
    await this.run("load", async () => {
      this.set({ undoStack: [], fileName: name, highlight: false });
      this.take(await load.call(this.host, bytes, name), { kind: "checked" });
    });
  }

  /** Every cell rewrite normalisation would make on the current report (the preview). */
  preview(): NormaliseChange[] {
    const report = this.state.report;
    if (!report) return [];
    return normaliseChanges(report).map((c) => ({ itemId: c.itemId, cell: c.cell, sheet: report.sheet, from: c.from, to: c.to }));
  }

  /** Applies exactly `changes` (the previewed list) and pushes them on the undo stack when the host succeeded. */
  async applyNormalise(changes: NormaliseChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.run("normalise", async () => {
      const outcome = await this.host.applyNormalise(changes);
      if (outcome.ok) this.set({ undoStack: [...this.state.undoStack, { kind: "normalise", changes }] });
      this.takeAction(outcome, { kind: "normalised", count: changes.length });
    });
  }

  /** Reverts the last undoable action: a normalisation, or the dropdowns just added. */
  async undo(): Promise<void> {
    const stack = this.state.undoStack;
    const last = stack[stack.length - 1];
    if (!last) return;
    await this.run("undo", async () => {
      if (last.kind === "dropdowns") {
        const remove = this.host.removeAddedDropdowns;
        if (!remove) return;
        const count = await remove.call(this.host);
        this.set({ undoStack: stack.slice(0, -1), notice: { kind: "dropdowns_removed", count } });
        return;
      }
      const outcome = await this.host.undoNormalise(last.changes);
      if (outcome.ok) this.set({ undoStack: stack.slice(0, -1) });
      this.takeAction(outcome, { kind: "undone", count: last.changes.length });
    });
  }

  /**
   * An action's outcome: success replaces the report; failure (e.g. changed_meanwhile) keeps the last good report
   * on screen and shows the error.
   */
  private takeAction(outcome: CheckOutcome, notice: Notice): void {
    if (outcome.ok) this.take(outcome, notice);
    else this.set({ error: outcome.error, busy: null });
  }

  async writeResults(): Promise<void> {
    const report = this.state.report;
    if (!report) return;
    await this.run("results", async () => {
      await this.host.writeResults(report);
      // The host appended a history row (and read it back): the pane's trend follows without a new check.
      const latest = this.host.latestReport?.();
      if (latest) this.set({ outcome: { ok: true, report: latest }, report: latest });
      this.set({ notice: { kind: "results_written" } });
    });
  }

  async writePlan(): Promise<void> {
    const report = this.state.report;
    if (!report) return;
    await this.run("plan", async () => {
      await this.host.writePlan(report);
      this.set({ notice: { kind: "plan_written" } });
    });
  }

  /** A record action's outcome: success replaces the report (no notice; the caller shows its own), failure keeps it. */
  private takeRecord(outcome: CheckOutcome): boolean {
    if (outcome.ok) this.set({ outcome, report: outcome.report, error: null, notice: null, busy: null });
    else this.set({ error: outcome.error, busy: null });
    return outcome.ok;
  }

  /** Writes (regenerates) the 「証跡・根拠」 sheet. True when it was written. */
  async writeEvidence(): Promise<boolean> {
    const report = this.state.report;
    const write = this.host.writeEvidence;
    if (!report || !write) return false;
    return (await this.run("evidence", async () => this.takeRecord(await write.call(this.host, report)))) ?? false;
  }

  /**
   * Saves one item's evidence fields to the 「証跡・根拠」 sheet (only the keys given change; the sheet is made when
   * missing). True when saved; the report then carries the new coverage and 「-」 reasons.
   */
  async saveEvidence(itemId: string, entry: Partial<EvidenceEntry>): Promise<boolean> {
    const report = this.state.report;
    const save = this.host.saveEvidence;
    if (!report || !save) return false;
    return (await this.run("evidence", async () => this.takeRecord(await save.call(this.host, report, itemId, entry)))) ?? false;
  }

  /** Browser mode: forgets the checks remembered on this device (「履歴を消去」). */
  async clearHistory(): Promise<void> {
    const clear = this.host.clearHistory;
    if (!clear) return;
    await this.run("history", async () => {
      this.takeRecord(await clear.call(this.host));
    });
  }

  async setHighlight(on: boolean): Promise<void> {
    const report = this.state.report;
    if (!report) return;
    await this.run("highlight", async () => {
      await this.host.setHighlight(report, on);
      this.set({ highlight: on, notice: { kind: "highlight", on } });
    });
  }

  /** Selects a cell of the checklist sheet (no busy state: it is instant and must not disable the pane). */
  async selectCell(cell: string): Promise<void> {
    const report = this.state.report;
    if (!report || !this.host.capabilities.selectCell) return;
    try {
      await this.host.selectCell(report.sheet, cell);
    } catch (e) {
      this.set({ error: toHostError(e) });
    }
  }

  async addDropdowns(): Promise<void> {
    const report = this.state.report;
    if (!report) return;
    await this.run("dropdowns", async () => {
      const count = await this.host.addDropdowns(report);
      const stack = this.state.undoStack;
      const undoable = count > 0 && this.host.removeAddedDropdowns !== undefined;
      this.set({ notice: { kind: "dropdowns", count }, undoStack: undoable ? [...stack, { kind: "dropdowns", count }] : stack });
    });
  }

  async useSelection(): Promise<void> {
    await this.run("selection", async () => {
      this.set({ undoStack: [] });
      this.take(await this.host.useSelectionAsAnswerCells(), { kind: "checked" });
    });
  }

  /** Browser mode: read the checklist from the answer column and header row the user picked in the preview. */
  async useAnswerColumn(sheet: string, headerRow: number, answerCol: number): Promise<void> {
    const use = this.host.useAnswerColumn?.bind(this.host);
    if (!use) return;
    await this.run("load", async () => {
      this.set({ undoStack: [] });
      this.take(await use(sheet, headerRow, answerCol), { kind: "checked" });
    });
  }

  async clearManualLocation(): Promise<void> {
    await this.run("clear", async () => {
      await this.host.clearManualLocation();
      this.take(await this.host.check(), { kind: "checked" });
    });
  }

  async download(kind: "xlsx" | "html" | "json", fix: boolean): Promise<void> {
    const dl = this.host.download;
    if (!dl || !this.state.report) return;
    await this.run("download", async () => {
      await dl.call(this.host, kind, { fix });
      this.set({ notice: { kind: "downloaded", what: kind } });
    });
  }

  /** Subscribes to live re-checks when the host offers them. Idempotent. */
  startLive(): void {
    if (this.liveOff || !this.host.capabilities.live) return;
    this.liveOff = this.host.onLiveChange((outcome) => {
      // A live re-check does not interrupt a running action's busy state.
      if (outcome.ok) this.set({ outcome, report: outcome.report, error: null, notice: { kind: "live" } });
      else this.set({ outcome, report: null, error: outcome.error });
    });
  }

  dispose(): void {
    this.liveOff?.();
    this.liveOff = null;
    this.listeners.clear();
  }
}
