/**
 * The pane's 「証跡と推移」 section: evidence coverage (overall and per field, with its one-line explanation), the
 * 「-」 answers without a reason (each with a reason field saved to the 「証跡・根拠」 sheet), the trend since the last
 * recorded result (a small chart and the change per field), and the buttons that belong here: create the evidence
 * sheet (Excel) and 「履歴を消去」 (browser mode, whose history lives on this device). A collapsible section (open by
 * default); a view: it receives the report and the callbacks the host supports, and never calls the host.
 */
import * as React from "react";
import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { COVERAGE_LINE, coverageText } from "../../core/evidence";
import { fieldChanges, previousOf, storedOf } from "../../core/history";
import type { EvidenceEntry, Report } from "../../core/model";
import type { Lang } from "../strings";
import { CollapsibleSection } from "./CollapsibleSection";
import { EvidenceFields } from "./EvidenceFields";
import { rs } from "./records-strings";
import { TrendChart } from "./TrendChart";

const useStyles = makeStyles({
  h3: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: 0 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200, "& td, & th": { padding: "2px 4px", textAlign: "start" }, "& .num": { textAlign: "end" } },
  up: { color: tokens.colorPaletteGreenForeground1 },
  down: { color: tokens.colorPaletteRedForeground1 },
  actions: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
});

const NA_SHOWN = 10;

function signed(v: number | null, lang: Lang): string {
  if (v === null) return "-";
  if (v === 0) return rs(lang, "noChange");
  return `${v > 0 ? "+" : ""}${v.toFixed(1)}`;
}

export interface RecordsPanelProps {
  lang: Lang;
  report: Report;
  busy: boolean;
  hostKind: "excel" | "browser";
  /** The host can save evidence fields (the 「-」 reasons are then typed here). */
  onSaveEvidence?: (itemId: string, change: Partial<EvidenceEntry>) => Promise<boolean>;
  /** Excel: (re)write the 「証跡・根拠」 sheet; resolves true when written. */
  onWriteEvidence?: () => Promise<boolean>;
  /** Browser mode: forget the history kept on this device. */
  onClearHistory?: () => Promise<void>;
}

export function RecordsPanel({ lang, report, busy, hostKind, onSaveEvidence, onWriteEvidence, onClearHistory }: RecordsPanelProps): React.ReactElement {
  const styles = useStyles();
  const [message, setMessage] = React.useState<string | null>(null);
  const ev = report.evidence;
  const itemById = new Map(report.items.map((i) => [i.id, i] as const));
  const rows = report.history ?? [];
  const prev = previousOf(rows, report);
  const changes = prev ? fieldChanges(report, storedOf(prev)) : [];
  const name = (f: { name: string; nameEn: string }): string => (lang === "en" ? f.nameEn : f.name);
  const fmt = (v: number | null): string => (v === null ? "-" : v.toFixed(1));
  return (
    <CollapsibleSection id="tc-records" testId="records" title={rs(lang, "heading")} count="">
      {ev && (
        <>
          <p data-testid="coverage">
            {ev.overall.coverage === null ? rs(lang, "coverageNone") : rs(lang, "coverage", { value: coverageText(ev.overall, lang) })}
          </p>
          <p className={styles.muted}>{COVERAGE_LINE[lang]}</p>
          {ev.fields.some((f) => f.circles > 0) && (
            <table className={styles.table}>
              <caption className={styles.muted} style={{ textAlign: "start" }}>
                {rs(lang, "coverageField")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{rs(lang, "field")}</th>
                  <th scope="col" className="num">
                    {rs(lang, "covered")}
                  </th>
                  <th scope="col" className="num">
                    %
                  </th>
                </tr>
              </thead>
              <tbody>
                {ev.fields
                  .filter((f) => f.circles > 0)
                  .map((f) => (
                    <tr key={f.name}>
                      <td>{name(f)}</td>
                      <td className="num">
                        {f.withEvidence} / {f.circles}
                      </td>
                      <td className="num">{fmt(f.coverage)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          {ev.naWithoutReason.length > 0 && (
            <MessageBar intent="warning" data-testid="na-warning">
              <MessageBarBody>
                {rs(lang, "naWarning", { count: ev.naWithoutReason.length })}
                {onSaveEvidence ? ` ${rs(lang, "naHelp")}` : ""}
              </MessageBarBody>
            </MessageBar>
          )}
          {ev.naWithoutReason.length > 0 && onSaveEvidence && (
            <ul className={styles.list}>
              {ev.naWithoutReason.slice(0, NA_SHOWN).map((id) => {
                const it = itemById.get(id);
                return (
                  <li key={id}>
                    <p className={styles.muted}>
                      {it ? `${it.cell} ${it.section ? `${it.section} ` : ""}${it.number}. ${it.text}` : id}
                    </p>
                    <EvidenceFields
                      itemId={id}
                      lang={lang}
                      entry={ev.entries[id]}
                      busy={busy}
                      browser={hostKind === "browser"}
                      onSave={(change) => onSaveEvidence(id, change)}
                      reasonOnly
                    />
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}

      <h3 className={styles.h3}>{prev ? rs(lang, "trendSince", { date: prev.date }) : rs(lang, "trendHeading")}</h3>
      {rows.length >= 2 ? (
        <TrendChart
          rows={rows}
          title={rs(lang, "trendChart", { count: rows.length })}
          description={rs(lang, "trendDesc", {
            overall: rows.map((r) => fmt(r.overall)).join(" → "),
            readiness: rows.map((r) => fmt(r.readiness)).join(" → "),
          })}
          labels={{ overall: rs(lang, "overallSeries"), readiness: rs(lang, "readinessSeries") }}
        />
      ) : null}
      {prev ? (
        <table className={styles.table} data-testid="trend-changes">
          <tbody>
            <tr>
              <th scope="row">{rs(lang, "overallSeries")}</th>
              <td className="num">{fmt(report.overall.score)}</td>
              <td className="num">{signed(diff(report.overall.score, prev.overall), lang)}</td>
            </tr>
            {changes.map((c) => (
              <tr key={c.name}>
                <th scope="row">{name(c)}</th>
                <td className="num">{fmt(c.score)}</td>
                <td className={`num ${c.change !== null && c.change > 0 ? styles.up : c.change !== null && c.change < 0 ? styles.down : ""}`}>
                  {signed(c.change, lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className={styles.muted} data-testid="no-trend">
          {rs(lang, "noTrend")}
        </p>
      )}

      <div className={styles.actions}>
        {onWriteEvidence && (
          <Button disabled={busy} onClick={() => void onWriteEvidence().then((ok) => setMessage(ok ? rs(lang, "evidenceWritten") : null))}>
            {rs(lang, "writeEvidence")}
          </Button>
        )}
        {onClearHistory && (
          <Button disabled={busy || rows.length === 0} onClick={() => void onClearHistory().then(() => setMessage(rs(lang, "historyCleared")))}>
            {rs(lang, "clearHistory")}
          </Button>
        )}
      </div>
      {onClearHistory && <p className={styles.muted}>{rs(lang, "clearHistoryNote")}</p>}
      {message && (
        <p role="status" className={styles.muted}>
          {message}
        </p>
      )}
    </CollapsibleSection>
  );
}

function diff(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.round((a - b) * 10) / 10;
}
