/**
 * The result first: overall score, readiness with one line saying what it means, progress, counts by status; the
 * main actions come in as children so the card stays free of host calls.
 */
import * as React from "react";
import { ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import type { Report } from "../../core/model";
import { t } from "../../core/i18n";
import { s, type Lang } from "../strings";
import { fmtScore } from "./format";
import { useSharedStyles } from "./styles";

const useStyles = makeStyles({
  card: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  scores: { display: "flex", flexWrap: "wrap", alignItems: "baseline", columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXXS },
  big: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: "tabular-nums" },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  mid: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: "tabular-nums" },
  counts: { display: "flex", flexWrap: "wrap", gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`, margin: 0, padding: 0, listStyleType: "none", fontSize: tokens.fontSizeBase200 },
  attention: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

export interface SummaryCardProps {
  lang: Lang;
  report: Report;
  /** Problems the user must look at (blank, invalid, 「-」 not allowed). */
  problems: number;
  children?: React.ReactNode;
}

export function SummaryCard({ lang, report, problems, children }: SummaryCardProps): React.ReactElement {
  const styles = useStyles();
  const shared = useSharedStyles();
  const sum = report.summary;
  const progress = s(lang, "progressLabel", { answered: sum.answered, total: sum.items });
  return (
    <section className={styles.card} aria-labelledby="tc-summary-h" data-testid="summary">
      <h2 id="tc-summary-h" className={shared.h2}>
        {s(lang, "summaryHeading")}
      </h2>
      <div className={styles.scores} data-testid="overall">
        <span>
          <span className={styles.label}>{t(lang, "label.overall")} </span>
          <span className={styles.big}>{fmtScore(report.overall.score, lang)}</span>
        </span>
        <span>
          <span className={styles.label}>{s(lang, "readinessShort")} </span>
          <span className={styles.mid}>{fmtScore(report.overall.readiness, lang)}</span>
        </span>
      </div>
      <p className={shared.muted} data-testid="readiness-note">
        {s(lang, "readinessNote")}
      </p>
      <ProgressBar value={sum.items === 0 ? 0 : sum.answered / sum.items} thickness="large" aria-label={progress} />
      <p className={shared.muted} data-testid="progress">
        {progress}
      </p>
      <ul className={styles.counts} aria-label={s(lang, "countsLabel")} data-testid="counts">
        <li>○ {sum.counts["○"]}</li>
        <li>△ {sum.counts["△"]}</li>
        <li>× {sum.counts["×"]}</li>
        <li>- {sum.counts["-"]}</li>
        <li className={sum.blank ? styles.attention : undefined}>
          {t(lang, "label.blank")} {sum.blank}
        </li>
        <li className={sum.invalid + sum.naNotAllowed ? styles.attention : undefined}>
          {t(lang, "label.invalid")} {sum.invalid}
        </li>
        {sum.naNotAllowed > 0 && (
          <li className={styles.attention}>
            {t(lang, "label.naNotAllowed")} {sum.naNotAllowed}
          </li>
        )}
        {sum.normalized > 0 && (
          <li>
            {t(lang, "label.normalized")} {sum.normalized}
          </li>
        )}
      </ul>
      {problems > 0 && <p className={shared.muted}>{s(lang, "problemsSummary", { count: problems })}</p>}
      {children}
    </section>
  );
}
