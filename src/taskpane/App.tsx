/**
 * The task pane: a thin view over `Session` (src/app/session.ts), which talks to the ChecklistHost port.
 * Never touches Excel.* — the host does.
 */
import * as React from "react";
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Switch,
  makeStyles,
  mergeClasses,
  tokens,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import type { CellValue, Finding, Report } from "../core/model";
import { adviceOf } from "../core/plan";
import type { NormaliseChange } from "../app/host";
import type { Notice, Session, SessionState } from "../app/session";
import { RadarChart, ScoreBars } from "./radar";
import { RecordsPanel } from "./components/RecordsPanel";
import { WorkbookComparison } from "./components/WorkbookComparison";
import { t, type MessageKey } from "../core/i18n";
import { s, type Lang } from "./strings";
import { MappingEditor, NaWarnings } from "./components/MappingEditor";
import type { BrowserHost } from "../app/browser-host";
import type { CheckProgress } from "../app/check-worker";
import { limitsSummary } from "../file/limits";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    minHeight: "100vh",
    boxSizing: "border-box",
  },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  h1: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  subtitle: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  h3: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: 0 },
  status: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    minHeight: "24px",
    margin: 0,
  },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  problem: {
    display: "grid",
    gridTemplateColumns: "4em 1fr",
    columnGap: tokens.spacingHorizontalS,
    width: "100%",
    textAlign: "start",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    boxSizing: "border-box",
  },
  problemButton: {
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  cell: { fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: "tabular-nums" },
  problemBody: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS, minWidth: 0 },
  badge: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  itemText: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": {
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
      textAlign: "start",
    },
    "& td.num, & th.num": { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  },
  details: { fontSize: tokens.fontSizeBase200 },
  plan: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  drop: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  dropActive: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hiddenInput: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
  overall: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  big: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

export interface AppProps {
  session: Session;
  lang: Lang;
}

/** How many plan steps the pane lists. */
export const PLAN_STEPS = 5;
/** Problems listed before a "show all" button (keeps the pane quick on very long or empty workbooks). */
export const PROBLEMS_SHOWN = 100;

function useSession(session: Session): SessionState {
  return React.useSyncExternalStore(session.subscribe, session.getState, session.getState);
}

export function showValue(v: CellValue, lang: Lang): string {
  if (v === null || v === "") return s(lang, "valueEmpty");
  return String(v);
}

/**
 * A look-alike as shown in the preview: short values get their code points, so 「〇」 (U+3007) is visibly not
 * 「○」 (U+25CB).
 */
export function showLookalike(v: CellValue, lang: Lang): string {
  const text = showValue(v, lang);
  if (typeof v !== "string" || v === "" || [...v].length > 3) return text;
  const points = [...v].map((ch) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`);
  return `${text} (${points.join(" ")})`;
}

function noticeText(lang: Lang, n: Notice): string {
  switch (n.kind) {
    case "checked":
      return s(lang, "noticeChecked");
    case "normalised":
      return s(lang, "noticeNormalised", { count: n.count });
    case "undone":
      return s(lang, "noticeUndone", { count: n.count });
    case "results_written":
      return s(lang, "noticeResults");
    case "plan_written":
      return s(lang, "noticePlan");
    case "highlight":
      return s(lang, n.on ? "noticeHighlightOn" : "noticeHighlightOff");
    case "dropdowns":
      return s(lang, "noticeDropdowns", { count: n.count });
    case "dropdowns_removed":
      return s(lang, "noticeDropdownsRemoved", { count: n.count });
    case "downloaded":
      return s(lang, "noticeDownloaded");
    case "live":
      return s(lang, "noticeLive");
    case "mapping_saved":
      return lang === "en" ? "Field mapping saved in the workbook; checked again." : "分野の割り当てをブックに保存し、再チェックしました。";
  }
}

const PROBLEM_STATUSES: ReadonlySet<Finding["status"]> = new Set(["invalid", "na_not_allowed", "blank"]);

/** The problem entries the user must look at, in sheet order. */
export function problemFindings(report: Report): Finding[] {
  return report.findings.filter((f) => PROBLEM_STATUSES.has(f.status));
}

function fmtScore(v: number | null, lang: Lang): string {
  return v == null ? s(lang, "noScore") : (Math.round(v * 10) / 10).toString();
}

export function App({ session, lang }: AppProps): React.ReactElement {
  const styles = useStyles();
  const state = useSession(session);
  const host = session.host;
  const caps = host.capabilities;
  const [preview, setPreview] = React.useState<NormaliseChange[] | null>(null);
  const [fixDownload, setFixDownload] = React.useState(false);
  const [showAllProblems, setShowAllProblems] = React.useState(false);

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
  else statusText = host.kind === "browser" ? s(lang, "dropHelp") : s(lang, "idle");

  const items = report?.items ?? [];
  const itemById = new Map(items.map((i) => [i.id, i]));
  const problems = report ? problemFindings(report) : [];
  const lookalikes = report ? report.findings.filter((f) => f.status === "normalized").length : 0;
  const fields = (report?.fields ?? []).map((f) => ({ label: lang === "en" ? f.nameEn : f.name, score: f.score, items: f.items }));

  // When the preview closes (cancel, Esc or apply), focus goes back to the button that opened it. The button stays
  // focusable while disabled (after applying there is nothing left to normalise), so focus is never dropped on the page.
  const normaliseButton = React.useRef<HTMLButtonElement>(null);
  const restoreFocusTarget = useRestoreFocusTarget();
  const previewOpen = preview !== null;
  const wasOpen = React.useRef(false);
  React.useEffect(() => {
    if (wasOpen.current && !previewOpen) normaliseButton.current?.focus();
    wasOpen.current = previewOpen;
  }, [previewOpen]);

  const openPreview = (): void => setPreview(session.preview());
  const confirmPreview = (): void => {
    const changes = preview ?? [];
    setPreview(null);
    void session.applyNormalise(changes);
  };

  return (
    <main className={styles.root} aria-busy={busy}>
      <header className={styles.header}>
        <h1 className={styles.h1}>{s(lang, "appTitle")}</h1>
        <p className={styles.subtitle}>{s(lang, "appSubtitle")}</p>
      </header>

      {host.kind === "browser" && <DropZone lang={lang} disabled={busy} fileName={state.fileName} onFile={(b, n) => void session.loadFile(b, n)} watchProgress={(host as Partial<BrowserHost>).onProgress} />}

      <section className={styles.section} aria-labelledby="tc-status">
        <h2 id="tc-status" className={styles.h2}>
          {s(lang, "statusHeading")}
        </h2>
        <div className={styles.status} role="status" aria-live="polite" data-testid="status">
          {busy && <Spinner size="extra-tiny" aria-hidden="true" />}
          <span>{statusText}</span>
        </div>
        {report && (
          <p className={styles.muted}>
            {s(lang, "checkedAt", { sheet: report.sheet, range: report.location.range, items: report.summary.items })}
            {report.location.source === "manual" ? ` ${s(lang, "manualNote")}` : ""}
            {report.company ? ` ${s(lang, "company", { company: report.company })}` : ""}
          </p>
        )}
        {state.error && (
          <MessageBar intent="error" role="alert" data-testid="error">
            <MessageBarBody>
              <MessageBarTitle>{s(lang, "errorTitle")}</MessageBarTitle>
              {state.error.message[lang]}
            </MessageBarBody>
          </MessageBar>
        )}
        {detectionFailed && caps.manualLocation && (
          <div className={styles.section}>
            <p className={styles.muted}>{s(lang, "detectionHelp")}</p>
            <div className={styles.actions}>
              <Button appearance="primary" disabled={busy} onClick={() => void session.useSelection()}>
                {s(lang, "useSelection")}
              </Button>
            </div>
          </div>
        )}
      </section>

      {report && (
        <>
          <section className={styles.section} aria-labelledby="tc-progress">
            <h2 id="tc-progress" className={styles.h2}>
              {s(lang, "progressHeading")}
            </h2>
            <ProgressBar
              value={report.summary.items === 0 ? 0 : report.summary.answered / report.summary.items}
              thickness="large"
              aria-label={s(lang, "progressLabel", { answered: report.summary.answered, total: report.summary.items })}
            />
            <p className={styles.muted} data-testid="progress">
              {s(lang, "progressLabel", { answered: report.summary.answered, total: report.summary.items })}
            </p>
          </section>

          <section className={styles.section} aria-labelledby="tc-problems">
            <h2 id="tc-problems" className={styles.h2}>
              {s(lang, "problemsHeading")} ({s(lang, "problemsCount", { count: problems.length })})
            </h2>
            {problems.length === 0 ? (
              <p className={styles.muted}>{s(lang, "problemsNone")}</p>
            ) : (
              <ul className={styles.list} data-testid="problems">
                {(showAllProblems ? problems : problems.slice(0, PROBLEMS_SHOWN)).map((f) => {
                  const item = itemById.get(f.itemId);
                  const body = (
                    <>
                      <span className={styles.cell}>{f.cell}</span>
                      <span className={styles.problemBody}>
                        <span>
                          <span className={styles.badge}>{t(lang, `status.${f.status}` as MessageKey)}</span>
                          {f.status !== "blank" ? ` 「${showValue(f.raw, lang)}」` : ""}
                          {" — "}
                          {s(lang, "typeInstead", {
                            value: f.suggestion ?? s(lang, "oneOf", { list: f.allowed.join(" / ") }),
                          })}
                        </span>
                        {item && (
                          <span className={styles.itemText} title={item.text}>
                            {item.section ? `${item.section} ` : ""}
                            {item.number}. {item.text}
                          </span>
                        )}
                      </span>
                    </>
                  );
                  return (
                    <li key={f.itemId}>
                      {caps.selectCell ? (
                        <button
                          type="button"
                          className={mergeClasses(styles.problem, styles.problemButton)}
                          title={s(lang, "problemHintSelect")}
                          onClick={() => void session.selectCell(f.cell)}
                        >
                          {body}
                        </button>
                      ) : (
                        <div className={styles.problem}>{body}</div>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
            {!showAllProblems && problems.length > PROBLEMS_SHOWN && (
              <div>
                <Button appearance="subtle" onClick={() => setShowAllProblems(true)}>
                  {s(lang, "showAll", { count: problems.length })}
                </Button>
              </div>
            )}
            {lookalikes > 0 && <p className={styles.muted}>{s(lang, "lookalikes", { count: lookalikes })}</p>}
            <NaWarnings lang={lang} report={report} />
          </section>

          <section className={styles.section} aria-labelledby="tc-actions">
            <h2 id="tc-actions" className={styles.h2}>
              {s(lang, "actionsHeading")}
            </h2>
            <div className={styles.actions}>
              <Button
                ref={normaliseButton}
                {...restoreFocusTarget}
                appearance="primary"
                disabledFocusable={busy || lookalikes === 0}
                onClick={openPreview}
              >
                {s(lang, "normalise")}
              </Button>
              <Button disabled={busy || state.undoStack.length === 0} onClick={() => void session.undo()}>
                {s(lang, "undo")}
              </Button>
              {host.kind === "excel" && (
                <Button disabled={busy} onClick={() => void session.check()}>
                  {s(lang, "check")}
                </Button>
              )}
              {caps.writeSheets && (
                <>
                  <Button disabled={busy} onClick={() => void session.writeResults()}>
                    {s(lang, "results")}
                  </Button>
                  <Button disabled={busy} onClick={() => void session.writePlan()}>
                    {s(lang, "plan")}
                  </Button>
                </>
              )}
              {caps.dropdowns && (
                <Button disabled={busy} onClick={() => void session.addDropdowns()}>
                  {s(lang, "dropdowns")}
                </Button>
              )}
              {caps.manualLocation && (
                <Button disabled={busy} onClick={() => void session.useSelection()}>
                  {s(lang, "useSelection")}
                </Button>
              )}
              {caps.manualLocation && report.location.source === "manual" && (
                <Button disabled={busy} onClick={() => void session.clearManualLocation()}>
                  {s(lang, "clearManual")}
                </Button>
              )}
            </div>
            {caps.highlight && (
              <Switch
                checked={state.highlight}
                disabled={busy}
                label={s(lang, "highlight")}
                onChange={(_, d) => void session.setHighlight(d.checked)}
              />
            )}
            {caps.download && host.download && (
              <div className={styles.section}>
                <h3 className={styles.h3}>{s(lang, "downloadsHeading")}</h3>
                <p className={styles.muted}>{s(lang, "downloadsNote")}</p>
                <Checkbox checked={fixDownload} label={s(lang, "downloadFix")} onChange={(_, d) => setFixDownload(d.checked === true)} />
                <div className={styles.actions}>
                  <Button appearance="primary" disabled={busy} onClick={() => void session.download("xlsx", fixDownload)}>
                    {s(lang, "downloadXlsx")}
                  </Button>
                  <Button disabled={busy} onClick={() => void session.download("html", fixDownload)}>
                    {s(lang, "downloadHtml")}
                  </Button>
                  <Button disabled={busy} onClick={() => void session.download("json", fixDownload)}>
                    {s(lang, "downloadJson")}
                  </Button>
                </div>
              </div>
            )}
          </section>

          <section className={styles.section} aria-labelledby="tc-scores">
            <h2 id="tc-scores" className={styles.h2}>
              {s(lang, "scoresHeading")}
            </h2>
            <div className={styles.overall} data-testid="overall">
              <span className={styles.big}>{s(lang, "overall", { score: fmtScore(report.overall.score, lang) })}</span>
              <span className={styles.muted}>{s(lang, "readiness", { score: fmtScore(report.overall.readiness, lang) })}</span>
            </div>
            {fields.length === 0 ? (
              <p className={styles.muted}>{s(lang, "scoresNone")}</p>
            ) : (
              <>
                <RadarChart
                  fields={fields}
                  title={s(lang, "radarTitle")}
                  description={s(lang, "radarDesc", {
                    list: fields.map((f) => `${f.label} ${fmtScore(f.score, lang)}`).join(", "),
                  })}
                />
                <ScoreBars fields={fields} missing={s(lang, "noScore")} />
                <table className={styles.table} data-testid="scores">
                  <caption className={styles.muted} style={{ textAlign: "start" }}>
                    {s(lang, "scoresHeading")}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t(lang, "label.field")}</th>
                      <th scope="col" className="num">
                        {t(lang, "label.score")}
                      </th>
                      <th scope="col" className="num">
                        {t(lang, "label.items")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {fields.map((f, i) => (
                      <tr key={i}>
                        <th scope="row" style={{ fontWeight: "normal" }}>
                          {f.label}
                        </th>
                        <td className="num">{fmtScore(f.score, lang)}</td>
                        <td className="num">{f.items}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            <WorkbookComparison report={report} lang={lang} />
          </section>

          <MappingEditor
            lang={lang}
            report={report}
            busy={busy}
            editable={Boolean(host.saveUserMapping)}
            onSave={(id, f) => void session.setItemFields(id, f)}
            onReset={(id) => void session.setItemFields(id, null)}
          />

          <section className={styles.section} aria-labelledby="tc-plan">
            <h2 id="tc-plan" className={styles.h2}>
              {s(lang, "planHeading")}
            </h2>
            {report.plan.length === 0 ? (
              <p className={styles.muted}>{s(lang, "planNone")}</p>
            ) : (
              <ol className={styles.plan} data-testid="plan">
                {report.plan.slice(0, PLAN_STEPS).map((p) => (
                  <li key={p.itemId}>
                    <div>
                      <strong>{p.cell}</strong> {p.number}. {p.text}{" "}
                      <span className={styles.muted}>({s(lang, "priority", { p: t(lang, `priority.${p.priority}` as MessageKey) })})</span>
                    </div>
                    <div className={styles.muted}>{s(lang, "planFirstStep", { step: adviceOf(report, p).firstStep[lang] })}</div>
                  </li>
                ))}
              </ol>
            )}
          </section>

          <RecordsPanel session={session} lang={lang} />
        </>
      )}

      <NormaliseDialog lang={lang} changes={preview} onCancel={() => setPreview(null)} onApply={confirmPreview} />
    </main>
  );
}

function NormaliseDialog(props: {
  lang: Lang;
  changes: NormaliseChange[] | null;
  onCancel: () => void;
  onApply: () => void;
}): React.ReactElement {
  const styles = useStyles();
  const { lang, changes } = props;
  return (
    <Dialog open={changes !== null} onOpenChange={(_, d) => !d.open && props.onCancel()}>
      <DialogSurface aria-describedby="tc-preview-intro">
        <DialogBody>
          <DialogTitle>{s(lang, "previewTitle")}</DialogTitle>
          <DialogContent>
            <p id="tc-preview-intro">{s(lang, "previewIntro", { count: changes?.length ?? 0 })}</p>
            <table className={styles.table} data-testid="preview">
              <thead>
                <tr>
                  <th scope="col">{s(lang, "previewCell")}</th>
                  <th scope="col">{s(lang, "previewFrom")}</th>
                  <th scope="col">{s(lang, "previewTo")}</th>
                </tr>
              </thead>
              <tbody>
                {(changes ?? []).map((c) => (
                  <tr key={`${c.sheet}!${c.cell}`}>
                    <th scope="row">{c.cell}</th>
                    <td>{showLookalike(c.from, lang)}</td>
                    <td>{showLookalike(c.to, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onCancel}>
              {s(lang, "cancel")}
            </Button>
            <Button appearance="primary" onClick={props.onApply} disabled={!changes || changes.length === 0}>
              {s(lang, "apply")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** The bytes of a picked file (FileReader where Blob.arrayBuffer is missing, e.g. older WebViews). */
export function readBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/**
 * Browser mode: a drop zone and a real file input. The input is visually hidden and hidden from assistive
 * technology; the visible Fluent button opens it, so keyboard and screen-reader users meet one control.
 */
function DropZone(props: {
  lang: Lang;
  disabled: boolean;
  fileName: string | null;
  onFile: (bytes: Uint8Array, name: string) => void;
  /** The browser host's progress of a check (the check runs in a Web Worker). */
  watchProgress?: (listener: (p: CheckProgress | null) => void) => () => void;
}): React.ReactElement {
  const styles = useStyles();
  const { lang, watchProgress } = props;
  const [progress, setProgress] = React.useState<CheckProgress | null>(null);
  React.useEffect(() => watchProgress?.(setProgress), [watchProgress]);
  const input = React.useRef<HTMLInputElement>(null);
  const [over, setOver] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const id = React.useId();

  const take = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    if (!/\.(xlsx|xlsm)$/i.test(file.name)) {
      setError(s(lang, "notXlsx", { name: file.name }));
      return;
    }
    setError(null);
    const bytes = await readBytes(file);
    props.onFile(bytes, file.name);
  };

  return (
    <section
      className={mergeClasses(styles.drop, over && styles.dropActive)}
      aria-labelledby={`${id}-h`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void take(e.dataTransfer.files[0]);
      }}
    >
      <h2 id={`${id}-h`} className={styles.h2}>
        {s(lang, "dropTitle")}
      </h2>
      <p className={styles.muted}>{s(lang, "dropHelp")}</p>
      <p className={styles.muted} data-testid="limits-note">{limitsSummary()[lang]}</p>
      {progress && (
        <p role="status" data-testid="check-progress">
          {progress.stage === "reading" ? s(lang, "readingSheet", { done: progress.done ?? 0, total: progress.total ?? 0 }) : s(lang, "checkingFile")}
        </p>
      )}
      <input
        ref={input}
        id={`${id}-file`}
        className={styles.hiddenInput}
        type="file"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
        aria-hidden="true"
        data-testid="file-input"
        disabled={props.disabled}
        tabIndex={-1}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          void take(f);
        }}
      />
      <Button appearance="primary" disabled={props.disabled} onClick={() => input.current?.click()}>
        {s(lang, "chooseFile")}
      </Button>
      {props.fileName && <p className={styles.muted}>{s(lang, "fileLoaded", { name: props.fileName })}</p>}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

