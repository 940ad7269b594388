/**
 * The Excel implementation of ChecklistHost. The task pane creates it with createExcelHost(lang) after
 * Office.onReady and talks only to the ChecklistHost interface.
 */
import type { CheckOutcome, ChecklistHost, HostCapabilities, HostError, Lang, NormaliseChange } from "../app/host";
import { reevaluate } from "../core/analyse";
import type { CellRange, CellValue, EvidenceEntry, Report } from "../core/model";
import type { Profile } from "../core/profile/types";
import { parseAreas } from "./address";
import { MIN_EXCEL_API, supportsExcelApi } from "./api-sets";
import { hostError, toHostError } from "./errors";
import { checkFromSelection, fullCheck, patchCell, readChanged, type Session, type Snapshot } from "./read";
import { emptyState, queueReadState, queueWriteState, stateFrom } from "./state";
import * as write from "./write";
import { writeEvidence } from "./records";
import { queueWriteUserMapping, mappingSheetState } from "./mapping";
import { MAPPING_SHEET, readUserMapping, type UserMapping } from "../core/user-mapping";
import { fold } from "../core/text";

export type ExcelRun = <T>(
  options: Excel.RunOptions | null,
  batch: (context: Excel.RequestContext) => Promise<T>,
) => Promise<T>;

/** Runs a batch in an existing context (removing an event handler must use the context that added it). */
export type ExcelRunIn = <T>(
  context: OfficeExtension.ClientRequestContext,
  batch: (context: Excel.RequestContext) => Promise<T>,
) => Promise<T>;

export interface ExcelHostDeps {
  /** Runs a batch; defaults to Excel.run. Tests pass the fake's runner. */
  run?: ExcelRun;
  /** Defaults to Excel.run(context, batch). */
  runIn?: ExcelRunIn;
  now?: () => Date;
  /** Burst coalescing for live edits (ms). */
  debounceMs?: number;
  profile?: Profile;
  /**
   * Who writes the results (the 「履歴」 sheet's 記録者). Office.js gives Excel add-ins no user name, so the
   * default is blank; a host that knows the name can pass it.
   */
  userName?: () => string;
}

/** Every batch waits for the user to leave cell-edit mode instead of failing. */
export function runOptions(): Excel.RunOptions {
  return { delayForCellEdit: true };
}

const defaultRun: ExcelRun = (options, batch) => (options ? Excel.run(options, batch) : Excel.run(batch));
const defaultRunIn: ExcelRunIn = (context, batch) => Excel.run(context, batch);

/**
 * ExcelApi 1.14: the change event says exactly whether this add-in made the change (`triggerSource`). Older Excel
 * has no such field; there the add-in's own writes are recognised by their values (see ExcelHost.isOwnWrite).
 */
export function fromThisAddin(args: Excel.WorksheetChangedEventArgs): boolean {
  if (!supportsExcelApi("1.14")) return false;
  return args.triggerSource === "ThisLocalAddin";
}

/** Structural changes that move rows or columns: the location must be found again. */
const STRUCTURAL = new Set(["RowInserted", "RowDeleted", "ColumnInserted", "ColumnDeleted", "CellInserted", "CellDeleted"]);

export class ExcelHost implements ChecklistHost {
  readonly kind = "excel" as const;
  readonly capabilities: HostCapabilities;
  private readonly session: Session = { sheetNames: null, snapshot: null, state: null };
  private readonly run: ExcelRun;
  private readonly runIn: ExcelRunIn;
  private readonly now: () => Date;
  private readonly debounceMs: number;
  private readonly profile: Profile | undefined;
  private readonly userName: () => string;
  /** The report after the add-in's own writes to its record sheets (see latestReport). */
  private latest: Report | null = null;
  /** Values the add-in wrote into the checklist sheet, so its own change events are ignored. Key "sheet!r,c". */
  private readonly ownWrites = new Map<string, CellValue>();
  /** What each normalised cell held before the add-in rewrote it (latest rewrite per cell), for undo. */
  private readonly originals = new Map<string, write.Original>();
  private readonly listeners = new Set<(o: CheckOutcome) => void>();
  private registration: { sheet: string; handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> } | null = null;
  private pending: { ranges: CellRange[]; structural: boolean } = { ranges: [], structural: false };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing = 0;

  constructor(
    readonly lang: Lang,
    deps: ExcelHostDeps = {},
  ) {
    this.run = deps.run ?? defaultRun;
    this.runIn = deps.runIn ?? defaultRunIn;
    this.now = deps.now ?? (() => new Date());
    this.debounceMs = deps.debounceMs ?? 300;
    this.profile = deps.profile;
    this.userName = deps.userName ?? (() => "");
    this.capabilities = {
      selectCell: true,
      highlight: true,
      dropdowns: supportsExcelApi("1.8"),
      manualLocation: true,
      writeSheets: true,
      download: false,
      live: true,
    };
  }

  /** For tests and the bench: what the session remembers. */
  get snapshot(): Snapshot | null {
    return this.session.snapshot;
  }

  private unsupported(): HostError | null {
    return supportsExcelApi(MIN_EXCEL_API) ? null : hostError("api_unsupported", { version: MIN_EXCEL_API });
  }

  /** The batch running now (or last): batches run one after another, never interleaved. */
  private batches: Promise<unknown> = Promise.resolve();

  /**
   * Runs a batch after the previous one has finished. Two actions started at once (a double click, a live
   * re-check during a write) would otherwise both read the same state and both write: two sheets added, two
   * conditional formats of which the settings remember one.
   */
  private exec<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const next = this.batches.then(() => this.run(runOptions(), batch));
    this.batches = next.catch(() => undefined);
    return next;
  }

  private async outcome(batch: (context: Excel.RequestContext) => Promise<Snapshot>): Promise<CheckOutcome> {
    const bad = this.unsupported();
    if (bad) return { ok: false, error: bad };
    try {
      const snap = await this.exec(batch);
      await this.ensureLive();
      return { ok: true, report: snap.report };
    } catch (e) {
      return { ok: false, error: toHostError(e) };
    }
  }

  private async action<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const bad = this.unsupported();
    if (bad) throw bad;
    this.writing++;
    try {
      return await this.exec(batch);
    } catch (e) {
      throw toHostError(e);
    } finally {
      this.writing--;
    }
  }

  highlightActive(): boolean {
    return Boolean(this.session.state?.created.highlight);
  }

  check(): Promise<CheckOutcome> {
    const opts = { profile: this.profile };
    return this.outcome((ctx) => fullCheck(ctx, this.session, opts));
  }

  private async snapshotOrCheck(): Promise<Snapshot> {
    if (this.session.snapshot) return this.session.snapshot;
    const o = await this.check();
    if (!o.ok) throw o.error;
    return this.session.snapshot as unknown as Snapshot;
  }

  private afterRewrite(changes: NormaliseChange[], values: (c: NormaliseChange) => CellValue): Report | null {
    const snap = this.session.snapshot;
    if (!snap) return null;
    const sheet = snap.wb.sheets.find((s) => s.name === snap.location.sheet);
    for (const c of changes) {
      const k = write.key(c);
      const v = values(c);
      // With triggerSource (ExcelApi 1.14) the add-in's own events are dropped before any read.
      if (!supportsExcelApi("1.14")) this.ownWrites.set(k, v);
      if (sheet && c.sheet === sheet.name) {
        const [r, col] = k.slice(k.lastIndexOf("!") + 1).split(",").map(Number);
        patchCell(sheet, r, col, v);
      }
    }
    snap.report = reevaluate(snap.wb, snap.location, { profile: this.profile });
    return snap.report;
  }

  async applyNormalise(changes: NormaliseChange[]): Promise<CheckOutcome> {
    try {
      await this.snapshotOrCheck();
      const originals = await this.action((ctx) => write.rewriteCells(ctx, changes, "apply", this.originals));
      for (const [k, v] of originals) this.originals.set(k, v);
      const report = this.afterRewrite(changes, (c) => c.to);
      return report ? { ok: true, report } : this.check();
    } catch (e) {
      return { ok: false, error: toHostError(e) };
    }
  }

  async undoNormalise(changes: NormaliseChange[]): Promise<CheckOutcome> {
    try {
      await this.snapshotOrCheck();
      await this.action((ctx) => write.rewriteCells(ctx, changes, "undo", this.originals));
      const report = this.afterRewrite(changes, (c) => this.originals.get(write.key(c))?.value ?? c.from);
      return report ? { ok: true, report } : this.check();
    } catch (e) {
      return { ok: false, error: toHostError(e) };
    }
  }

  async writeResults(report: Report): Promise<void> {
    const written: write.ResultsWritten = {};
    this.session.state = await this.action((ctx) => write.writeResults(ctx, report, this.lang, this.now(), this.userName(), written));
    this.knowSheet(write.RESULTS_SHEET);
    if (written.history) this.cacheSheet(written.history.sheet, written.history.grid);
  }

  latestReport(): Report | null {
    const r = this.latest;
    this.latest = null;
    return r;
  }

  /**
   * One of the add-in's record sheets was just written: the session's cached workbook takes its grid and the
   * report is judged again (so the pane shows the new history row or evidence without reading the workbook).
   */
  private cacheSheet(name: string, grid: CellValue[][]): void {
    this.knowSheet(name);
    const snap = this.session.snapshot;
    if (!snap) return;
    const sheets = snap.wb.sheets;
    const input = { name, values: grid };
    const i = sheets.findIndex((s) => s.name === name);
    if (i >= 0) sheets[i] = input;
    else sheets.push(input);
    snap.report = reevaluate(snap.wb, snap.location, { profile: this.profile });
    this.latest = snap.report;
  }

  private async evidence(report: Report, change?: { itemId: string; entry: Partial<EvidenceEntry> }): Promise<CheckOutcome> {
    try {
      const snap = await this.snapshotOrCheck();
      const done = await this.action((ctx) => writeEvidence(ctx, snap.report ?? report, this.lang, change));
      this.cacheSheet(done.sheet, done.grid);
      return { ok: true, report: this.session.snapshot?.report ?? report };
    } catch (e) {
      return { ok: false, error: toHostError(e) };
    }
  }

  writeEvidence(report: Report): Promise<CheckOutcome> {
    return this.evidence(report);
  }

  saveEvidence(report: Report, itemId: string, entry: Partial<EvidenceEntry>): Promise<CheckOutcome> {
    return this.evidence(report, { itemId, entry });
  }

  async writePlan(report: Report): Promise<void> {
    this.session.state = await this.action((ctx) => write.writePlan(ctx, report, this.lang));
    this.knowSheet(write.PLAN_SHEET);
  }

  /**
   * A sheet the add-in just made joins the session's sheet list, so the next check still reads every sheet in its
   * first sync (forgetting the list would make it a first check again: 3 syncs when the checklist is in between).
   */
  private knowSheet(name: string): void {
    const names = this.session.sheetNames;
    if (names && !names.includes(name)) names.push(name);
  }

  async setHighlight(_report: Report, on: boolean): Promise<void> {
    const snap = await this.snapshotOrCheck();
    this.session.state = await this.action((ctx) => write.setHighlight(ctx, snap, on));
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.action((ctx) => write.selectCell(ctx, sheet, cell));
  }

  /** What addDropdowns wrote in this session, last on top (for removeAddedDropdowns). */
  private addedDropdowns: write.AddedDropdowns[] = [];

  async addDropdowns(_report: Report): Promise<number> {
    const snap = await this.snapshotOrCheck();
    const added = await this.action((ctx) => write.queueDropdowns(ctx, snap));
    if (added.count > 0) this.addedDropdowns.push(added);
    return added.count;
  }

  async removeAddedDropdowns(): Promise<number> {
    const last = this.addedDropdowns.pop();
    if (!last) return 0;
    try {
      return await this.action((ctx) => write.removeDropdowns(ctx, last, this.session.snapshot));
    } catch (e) {
      this.addedDropdowns.push(last);
      throw e;
    }
  }

  useSelectionAsAnswerCells(): Promise<CheckOutcome> {
    const opts = { profile: this.profile };
    return this.outcome((ctx) =>
      checkFromSelection(ctx, this.session, opts, (state) => queueWriteState(ctx, state)),
    );
  }

  /** The user's field mapping as read by the last check (null when the workbook holds none). */
  userMapping(): UserMapping | null {
    const wb = this.session.snapshot?.wb;
    return wb ? readUserMapping(wb) : null;
  }

  /** Stores the mapping in the add-in's very hidden sheet (1 sync), then checks again. */
  saveUserMapping(mapping: UserMapping): Promise<CheckOutcome> {
    const opts = { profile: this.profile };
    return this.outcome(async (ctx) => {
      if (!this.session.snapshot) await fullCheck(ctx, this.session, opts);
      queueWriteUserMapping(ctx, mapping, mappingSheetState(this.session.snapshot?.wb ?? null));
      await ctx.sync();
      // The sheet list may have grown by the mapping sheet: read it with the others in one sync.
      const names = this.session.sheetNames;
      if (names && !names.some((n) => fold(n) === fold(MAPPING_SHEET))) this.session.sheetNames = [...names, MAPPING_SHEET];
      return fullCheck(ctx, this.session, opts);
    });
  }

  async clearManualLocation(): Promise<void> {
    await this.action(async (ctx) => {
      const item = queueReadState(ctx);
      await ctx.sync();
      const state = item.isNullObject ? emptyState() : stateFrom(item);
      state.manual = null;
      queueWriteState(ctx, state);
      await ctx.sync();
      this.session.state = state;
    });
    this.session.snapshot = null;
  }

  onLiveChange(listener: (outcome: CheckOutcome) => void): () => void {
    this.listeners.add(listener);
    void this.ensureLive();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) void this.stopLive();
    };
  }

  /** Registration changes run one after another (two listeners added at once must not register twice). */
  private liveChain: Promise<void> = Promise.resolve();

  private ensureLive(): Promise<void> {
    this.liveChain = this.liveChain.then(() => this.registerLive());
    return this.liveChain;
  }

  private stopLive(): Promise<void> {
    this.liveChain = this.liveChain.then(() => this.unregisterLive());
    return this.liveChain;
  }

  /**
   * Registers onChanged on the checklist sheet (once; moved when the checklist is on another sheet). The sheet is
   * addressed by its id where known, so a renamed sheet keeps its one handler and the handler can still be removed.
   */
  private async registerLive(): Promise<void> {
    const snap = this.session.snapshot;
    if (this.listeners.size === 0 || !snap) return;
    const sheet = snap.sheetId ?? snap.location.sheet;
    if (this.registration?.sheet === sheet) return;
    await this.removeHandler();
    try {
      const handler = await this.exec(async (ctx) => {
        const h = ctx.workbook.worksheets.getItem(sheet).onChanged.add((args) => this.onChanged(args));
        await ctx.sync();
        return h;
      });
      this.registration = { sheet, handler };
    } catch {
      this.registration = null;
    }
  }

  /** Removes the handler unless a listener was added again meanwhile. */
  private async unregisterLive(): Promise<void> {
    if (this.listeners.size > 0) return;
    await this.removeHandler();
  }

  private async removeHandler(): Promise<void> {
    const reg = this.registration;
    this.registration = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!reg) return;
    try {
      await this.runIn(reg.handler.context, async (ctx) => {
        reg.handler.remove();
        await ctx.sync();
      });
    } catch {
      // The workbook may be closing; nothing to undo.
    }
  }

  /** Event handler: collect, then coalesce bursts. */
  private onChanged(args: Excel.WorksheetChangedEventArgs): Promise<void> {
    if (fromThisAddin(args)) return Promise.resolve();
    if (STRUCTURAL.has(args.changeType)) this.pending.structural = true;
    else {
      try {
        this.pending.ranges.push(...parseAreas(args.address));
      } catch {
        this.pending.structural = true;
      }
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.debounceMs);
    return Promise.resolve();
  }

  /** Processes the collected changes now (the debounce timer calls this; tests may too). */
  async flush(): Promise<void> {
    if (this.writing > 0) {
      // The add-in is writing: look again once it is done.
      this.timer = setTimeout(() => void this.flush(), this.debounceMs);
      return;
    }
    const { ranges, structural } = this.pending;
    this.pending = { ranges: [], structural: false };
    if (!structural && ranges.length === 0) return;
    let outcome: CheckOutcome | null;
    if (structural || !this.session.snapshot) {
      outcome = await this.check();
      if (structural && outcome.ok) await this.refreshHighlight();
    } else {
      const snap = this.session.snapshot;
      try {
        const read = await this.exec((ctx) =>
          readChanged(ctx, snap, ranges, (r, c, v) => this.isOwnWrite(snap.location.sheet, r, c, v), { profile: this.profile }),
        );
        outcome = read.report ? { ok: true, report: read.report } : null;
      } catch {
        // The sheet was renamed or removed meanwhile: find the checklist again.
        this.session.sheetNames = null;
        outcome = await this.check();
      }
    }
    if (outcome) for (const l of this.listeners) l(outcome);
  }

  /**
   * Rows moved: the highlight's formula names item rows (which allow 「-」) and its top cell, so while it is on it
   * is written again for the new location. A refusal (e.g. the sheet is now protected) leaves it as it was.
   */
  private async refreshHighlight(): Promise<void> {
    const snap = this.session.snapshot;
    if (!snap || !this.session.state?.created.highlight) return;
    try {
      this.session.state = await this.action((ctx) => write.setHighlight(ctx, snap, true));
    } catch {
      // keep the pane's outcome; the user can switch highlighting off and on
    }
  }

  private isOwnWrite(sheet: string, row: number, col: number, value: CellValue): boolean {
    const k = `${sheet}!${row},${col}`;
    if (!this.ownWrites.has(k)) return false;
    const mine = this.ownWrites.get(k);
    this.ownWrites.delete(k);
    return mine === value;
  }
}

export function createExcelHost(lang: Lang, deps: ExcelHostDeps = {}): ExcelHost {
  return new ExcelHost(lang, deps);
}
