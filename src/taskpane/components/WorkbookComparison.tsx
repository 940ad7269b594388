/**
 * The workbook's own per-field results beside TICS Check's (report.workbookResults): where they were found, a table
 * of both numbers per field with the reason where they differ, and — when some differ — the workbook's own radar
 * drawn from its numbers, so the user sees both radars instead of trusting neither.
 */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { Report } from "../../core/model";
import { COMPARE_LABELS, oursText, workbookResultsHeading, workbookValueText } from "../../core/workbook-compare";
import { RadarChart } from "../radar";
import type { Lang } from "../strings";

const useStyles = makeStyles({
  section: { marginTop: "12px" },
  h3: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: "8px 0 4px" },
  table: { borderCollapse: "collapse", width: "100%", "& th, & td": { padding: "2px 4px", textAlign: "start" }, "& .num": { textAlign: "end" } },
  why: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  differ: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
});

const EXTRA = {
  ja: { radarTitle: "ブック自身の値のレーダーチャート", allAgree: "すべての分野で TICS Check の値と一致しています（差 0.1 以内）。" },
  en: { radarTitle: "Radar chart of the workbook's own values", allAgree: "Every field agrees with TICS Check's score (within 0.1)." },
} as const;

export function WorkbookComparison({ report, lang }: { report: Report; lang: Lang }): React.ReactElement | null {
  const styles = useStyles();
  const wr = report.workbookResults;
  if (!wr) return null;
  const c = COMPARE_LABELS[lang];
  const differs = wr.fields.some((f) => !f.agrees);
  const theirs = wr.fields.map((f) => {
    const v = f.value ?? f.recomputed;
    return { label: f.name, score: v === null ? null : Math.round(v * wr.scale * 10) / 10 };
  });
  return (
    <div className={styles.section} data-testid="workbook-results">
      <h3 className={styles.h3}>{workbookResultsHeading(wr, lang)}</h3>
      <p className={styles.why} data-testid="workbook-results-why">
        {wr.why ? wr.why[lang] : EXTRA[lang].allAgree}
      </p>
      {differs && (
        <RadarChart
          fields={theirs}
          title={EXTRA[lang].radarTitle}
          description={theirs.map((f) => `${f.label} ${f.score === null ? "-" : f.score}`).join(", ")}
        />
      )}
      <table className={styles.table} data-testid="workbook-results-table">
        <thead>
          <tr>
            <th scope="col">{c.field}</th>
            <th scope="col" className="num">
              {c.workbook}
            </th>
            <th scope="col" className="num">
              {c.ours}
            </th>
            <th scope="col">{c.match}</th>
          </tr>
        </thead>
        <tbody>
          {wr.fields.map((f) => (
            <React.Fragment key={f.cell}>
              <tr>
                <th scope="row" style={{ fontWeight: "normal" }}>
                  {f.name}
                </th>
                <td className="num">{workbookValueText(f, wr, lang)}</td>
                <td className="num">{oursText(f)}</td>
                <td className={f.agrees ? undefined : styles.differ}>{f.agrees ? c.agree : c.differ}</td>
              </tr>
              {f.why && (
                <tr>
                  <td colSpan={4} className={styles.why}>
                    {f.why[lang]}
                  </td>
                </tr>
              )}
            </React.Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
