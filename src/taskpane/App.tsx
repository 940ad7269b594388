/**
 * The task pane: lays out the components (src/taskpane/components/, one per file, none calling the host) and wires
 * them to `Session` (src/app/session.ts), which talks to the ChecklistHost port. Never touches Excel.* — the host
 * does.
 *
 * Layout, top to bottom: title, message area (sticky, announced), drop zone (browser mode, before a file), the
 * summary card with the main actions (result first), the field scores with the workbook's own results beside them,
 * the filters, problems, 「-」 warnings and plan as collapsible sections, evidence and trend (collapsible), the field
 * mapping (its own disclosure), more tools; dialogs for the normalise preview and the item detail (which hosts the
 * item's evidence fields where the host can save them). To add a part, write a
 * component in components/ and place it in the list below.
 */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { NormaliseChange } from "../app/host";
import type { EvidenceEntry } from "../core/model";
import type { Session, SessionState } from "../app/session";
import type { BrowserHost } from "../app/browser-host";
import type { CheckProgress } from "../app/check-worker";
import { limitsSummary } from "../file/limits";
import { s, type Lang } from "./strings";
import { ActionBar } from "./components/ActionBar";
import { CollapsibleSection } from "./components/CollapsibleSection";
import { ColumnPicker } from "./components/ColumnPicker";
import { DropZone } from "./components/DropZone";
import { FieldScores } from "./components/FieldScores";
import { ItemDetail } from "./components/ItemDetail";
import { LanguageSwitch } from "./components/LanguageSwitch";
import { ListFilters, NO_FILTER, matches, type FilterState } from "./components/ListFilters";
import { MappingEditor, NaWarnings, naWarningsTitle } from "./components/MappingEditor";
import { MessageArea } from "./components/MessageArea";
import { MoreActions } from "./components/MoreActions";
import { NormaliseDialog } from "./components/NormaliseDialog";
import { PlanList } from "./components/PlanList";
import { ProblemList } from "./components/ProblemList";
import { RecordsPanel } from "./components/RecordsPanel";
import { SummaryCard } from "./components/SummaryCard";
import { WorkbookComparison } from "./components/WorkbookComparison";
import { noticeText, problemFindings } from "./components/format";
import { useSharedStyles } from "./components/styles";

export { problemFindings, readBytes, showLookalike, showValue } from "./components/format";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
    padding: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    minHeight: "100vh",
    boxSizing: "border-box",
    overflowWrap: "anywhere",
  },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS, paddingTop: tokens.spacingVerticalM },
  h1: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
});

export interface AppProps {
  session: Session;
  lang: Lang;
  /** Browser mode: the language switch is shown and calls this. */
  onLangChange?: (lang: Lang) => void;
}

/** List entries shown per page (problems and plan), and added by each "show more". */
export const PAGE_SIZE = 50;

function useSession(session: Session): SessionState {
  return React.useSyncExternalStore(session.subscribe, session.getState, session.getState);
}

export function App({ session, lang, onLangChange }: AppProps): React.ReactElement {
  const styles = useStyles();
  const shared = useSharedStyles();
  const state = useSession(session);
  const host = session.host;
  const caps = host.capabilities;
  const [preview, setPreview] = React.useState<NormaliseChange[] | null>(null);
  const [detail, setDetail] = React.useState<string | null>(null);
  const [filter, setFilter] = React.useState<FilterState>(NO_FILTER);
  // Browser mode: the Web Worker's progress (reading sheet n of m, checking), shown in the drop zone.
  const [progress, setProgress] = React.useState<CheckProgress | null>(null);
  const watchProgress = (host as Partial<BrowserHost>).onProgress;
  React.useEffect(() => (watchProgress ? watchProgress.call(host, setProgress) : undefined), [host, watchProgress]);

  React.useEffect(() => {
    if (host.kind === "excel") {
      void session.check();
      session.startLive();
    }
  }, [session, host]);

  const report = state.report;
  const busy = state.busy !== null;
  const detectionFailed = state.outcome?.ok === false && state.outcome.error.code === "no_checklist";

  let statusText: string;
  if (state.busy) statusText = s(lang, state.busy === "check" || state.busy === "load" ? "busyCheck" : "busy");
  else if (state.error) statusText = s(lang, "errorStatus");
  else if (state.notice) statusText = noticeText(lang, state.notice);
  else if (report) statusText = s(lang, "noticeChecked");
  else statusText = host.kind === "browser" ? s(lang, "dropHelpShort") : s(lang, "idle");

  const model = React.useMemo(() => {
    if (!report) return null;
    const itemById = new Map(report.items.map((i) => [i.id, i]));
    const rowById = new Map(report.plan.map((p) => [p.itemId, p]));
    return { itemById, rowById, problems: problemFindings(report) };
  }, [report]);

  const filtered = React.useMemo(() => {
    if (!report || !model) return null;
    const problems = model.problems.filter((f) => {
      const it = model.itemById.get(f.itemId);
      return it ? matches(filter, it, model.rowById.get(f.itemId)) : false;
    });
    const plan = report.plan.filter((p) => {
      const it = model.itemById.get(p.itemId);
      return it ? matches(filter, it, p) : false;
    });
    return { problems, plan };
  }, [report, model, filter]);

  // When the preview closes (cancel, Esc or apply), focus goes back to the button that opened it. The button stays
  // focusable while disabled (after applying there is nothing left to normalise), so focus is never dropped on the page.
  const normaliseButton = React.useRef<HTMLButtonElement>(null);
  const previewOpen = preview !== null;
  const wasOpen = React.useRef(false);
  React.useEffect(() => {
    if (wasOpen.current && !previewOpen) normaliseButton.current?.focus();
    wasOpen.current = previewOpen;
  }, [previewOpen]);

  const confirmPreview = (): void => {
    const changes = preview ?? [];
    setPreview(null);
    void session.applyNormalise(changes);
  };
  const openDetail = (itemId: string): void => {
    setDetail(itemId);
    const item = model?.itemById.get(itemId);
    if (caps.selectCell && item) void session.selectCell(item.cell);
  };
  const lookalikes = report ? report.summary.normalized : 0;
  const naWarnings = report?.warnings?.length ?? 0;
  // Evidence fields (the item detail and the 「-」 reasons) only where the host can save them.
  const saveEvidence = host.saveEvidence ? (itemId: string, change: Partial<EvidenceEntry>) => session.saveEvidence(itemId, change) : undefined;
  // Browser mode: what the sheets hold, to pick the answer column by hand when detection failed.
  const sheetPreview = React.useMemo(() => (detectionFailed ? (host.sheetPreview?.() ?? null) : null), [detectionFailed, host, state.outcome]);
  const filterKey = `${filter.status}|${filter.field}|${filter.priority}`;

  return (
    <main className={styles.root} aria-busy={busy}>
      <header className={styles.header}>
        <h1 className={styles.h1}>{s(lang, "appTitle")}</h1>
        <p className={shared.muted}>{s(lang, "appSubtitle")}</p>
        {onLangChange && <LanguageSwitch lang={lang} onChange={onLangChange} />}
      </header>

      <MessageArea lang={lang} busy={busy} statusText={statusText} success={!busy && !state.error && state.notice !== null && state.notice.kind !== "checked" && state.notice.kind !== "live"} error={state.error} />

      {host.kind === "browser" && !report && (
        <DropZone
          lang={lang}
          disabled={busy}
          fileName={state.fileName}
          onFile={(b, n) => void session.loadFile(b, n)}
          progress={progress}
          limits={limitsSummary()[lang]}
        />
      )}

      {detectionFailed && sheetPreview && sheetPreview.length > 0 && (
        <ColumnPicker
          key={state.fileName ?? ""}
          lang={lang}
          sheets={sheetPreview}
          busy={busy}
          onPick={(sheet, headerRow, col) => void session.useAnswerColumn(sheet, headerRow, col)}
        />
      )}

      {detectionFailed && caps.manualLocation && (
        <section className={shared.section}>
          <p className={shared.muted}>{s(lang, "detectionHelp")}</p>
          <MoreActions lang={lang} caps={{ ...caps, highlight: false, dropdowns: false }} busy={busy} highlight={false} manual={false} onHighlight={() => undefined} onDropdowns={() => undefined} onUseSelection={() => void session.useSelection()} onClearManual={() => undefined} />
        </section>
      )}

      {report && model && filtered && (
        <>
          <SummaryCard lang={lang} report={report} problems={model.problems.length}>
            <p className={shared.muted}>
              {s(lang, "checkedAt", { sheet: report.sheet, range: report.location.range, items: report.summary.items })}
              {report.location.source === "manual" ? ` ${s(lang, "manualNote")}` : ""}
              {report.company ? ` ${s(lang, "company", { company: report.company })}` : ""}
            </p>
            <ActionBar
              lang={lang}
              hostKind={host.kind}
              caps={caps}
              busy={busy}
              lookalikes={lookalikes}
              canUndo={state.undoStack.length > 0}
              normaliseRef={normaliseButton}
              onNormalise={() => setPreview(session.preview())}
              onUndo={() => void session.undo()}
              onCheck={() => void session.check()}
              onResults={() => void session.writeResults()}
              onPlan={() => void session.writePlan()}
              onDownload={caps.download && host.download ? (kind, fix) => void session.download(kind, fix) : undefined}
            />
          </SummaryCard>

          {host.kind === "browser" && (
            <DropZone lang={lang} disabled={busy} fileName={state.fileName} compact onFile={(b, n) => void session.loadFile(b, n)} progress={progress} />
          )}

          <section className={shared.section} aria-labelledby="tc-scores">
            <h2 id="tc-scores" className={shared.h2}>
              {s(lang, "scoresHeading")}
            </h2>
            <FieldScores lang={lang} fields={report.fields} />
            <WorkbookComparison report={report} lang={lang} />
          </section>

          <ListFilters lang={lang} fields={report.fields} value={filter} onChange={setFilter} />

          <CollapsibleSection
            id="tc-problems"
            testId="problems-section"
            title={s(lang, "problemsHeading")}
            count={`(${s(lang, "problemsCount", { count: countText(filtered.problems.length, model.problems.length) })})`}
          >
            <ProblemList key={filterKey} lang={lang} problems={filtered.problems} itemById={model.itemById} pageSize={PAGE_SIZE} onOpen={openDetail} />
          </CollapsibleSection>

          {naWarnings > 0 && (
            <CollapsibleSection id="tc-na-warnings" testId="na-warnings-section" title={naWarningsTitle(lang)} count={`(${s(lang, "problemsCount", { count: naWarnings })})`}>
              <NaWarnings lang={lang} report={report} />
            </CollapsibleSection>
          )}

          <CollapsibleSection
            id="tc-plan"
            testId="plan-section"
            title={s(lang, "planHeading")}
            count={`(${s(lang, "problemsCount", { count: countText(filtered.plan.length, report.plan.length) })})`}
          >
            <PlanList key={filterKey} lang={lang} report={report} rows={filtered.plan} pageSize={PAGE_SIZE} onOpen={openDetail} />
          </CollapsibleSection>

          <RecordsPanel
            lang={lang}
            report={report}
            busy={busy}
            hostKind={host.kind}
            onSaveEvidence={saveEvidence}
            onWriteEvidence={caps.writeSheets && host.writeEvidence ? () => session.writeEvidence() : undefined}
            onClearHistory={host.clearHistory ? () => session.clearHistory() : undefined}
          />

          <MappingEditor
            lang={lang}
            report={report}
            busy={busy}
            editable={Boolean(host.saveUserMapping)}
            onSave={(id, f) => void session.setItemFields(id, f)}
            onReset={(id) => void session.setItemFields(id, null)}
          />

          <MoreActions
            lang={lang}
            caps={caps}
            busy={busy}
            highlight={state.highlight}
            manual={report.location.source === "manual"}
            onHighlight={(on) => void session.setHighlight(on)}
            onDropdowns={() => void session.addDropdowns()}
            onUseSelection={() => void session.useSelection()}
            onClearManual={() => void session.clearManualLocation()}
          />

          <ItemDetail
            lang={lang}
            report={report}
            itemId={detail}
            onClose={() => setDetail(null)}
            onSelectCell={caps.selectCell ? (cell) => void session.selectCell(cell) : undefined}
            evidence={saveEvidence ? { busy, browser: host.kind === "browser", onSave: saveEvidence } : undefined}
          />
        </>
      )}

      <NormaliseDialog lang={lang} changes={preview} onCancel={() => setPreview(null)} onApply={confirmPreview} />
    </main>
  );
}

/** 「5」 or, when a filter hides some, 「5 / 17」. */
function countText(shown: number, total: number): string {
  return shown === total ? String(total) : `${shown} / ${total}`;
}
