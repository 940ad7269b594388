/**
 * One item in full: text, answer and status, fields and where they came from, priority, hint, first step, typical
 * evidence and references. Opened from a problem or a plan row; nothing in it is cut.
 */
import * as React from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, tokens } from "@fluentui/react-components";
import type { Report } from "../../core/model";
import { adviceOf } from "../../core/plan";
import { t, type MessageKey } from "../../core/i18n";
import { s, type Lang } from "../strings";
import { showValue } from "./format";

const useStyles = makeStyles({
  dl: {
    display: "grid",
    gridTemplateColumns: "minmax(5em, max-content) minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    "& dt": { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
    "& dd": { margin: 0, overflowWrap: "anywhere", whiteSpace: "pre-wrap" },
  },
  text: { margin: `0 0 ${tokens.spacingVerticalM} 0`, overflowWrap: "anywhere", whiteSpace: "pre-wrap" },
});

export interface ItemDetailProps {
  lang: Lang;
  report: Report;
  /** The item shown; null when closed. */
  itemId: string | null;
  onClose: () => void;
  /** Excel mode: select the answer cell (absent in browser mode). */
  onSelectCell?: (cell: string) => void;
}

export function ItemDetail({ lang, report, itemId, onClose, onSelectCell }: ItemDetailProps): React.ReactElement {
  const styles = useStyles();
  const item = itemId ? report.items.find((i) => i.id === itemId) : undefined;
  const row = itemId ? report.plan.find((p) => p.itemId === itemId) : undefined;
  const advice = row ? adviceOf(report, row) : null;
  const enName = new Map(report.fields.map((f) => [f.name, f.nameEn]));
  const fieldNames = (item?.fields ?? []).map((f) => (lang === "en" ? (enName.get(f) ?? f) : f));
  const finding = itemId ? report.findings.find((f) => f.itemId === itemId) : undefined;
  return (
    <Dialog open={item !== undefined} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby="tc-detail-text" data-testid="detail">
        {item && (
          <DialogBody>
            <DialogTitle>
              {s(lang, "detailTitle", { section: item.section, number: item.number, cell: item.cell })}
            </DialogTitle>
            <DialogContent tabIndex={0} role="region" aria-labelledby="tc-detail-text">
              <p id="tc-detail-text" className={styles.text} data-testid="detail-text">
                {item.text}
              </p>
              <dl className={styles.dl}>
                <dt>{t(lang, "label.answer")}</dt>
                <dd>
                  {item.raw === null || item.raw === "" ? s(lang, "valueEmpty") : `「${showValue(item.raw, lang)}」`} ·{" "}
                  {t(lang, `status.${item.status}` as MessageKey)}
                  {finding && finding.status !== "normalized"
                    ? ` — ${s(lang, "typeInstead", { value: finding.suggestion ?? s(lang, "oneOf", { list: finding.allowed.join(" / ") }) })}`
                    : ""}
                </dd>
                <dt>{t(lang, "label.field")}</dt>
                <dd>
                  {fieldNames.join(lang === "en" ? ", " : "、")}{" "}
                  ({s(lang, "fieldFrom", { source: t(lang, `fieldSource.${item.fieldSource}` as MessageKey) })})
                </dd>
                {row && (
                  <>
                    <dt>{t(lang, "label.priority")}</dt>
                    <dd>
                      {t(lang, `priority.${row.priority}` as MessageKey)} ({s(lang, "planRank", { rank: row.rank, total: report.plan.length })})
                    </dd>
                  </>
                )}
                {advice && (
                  <>
                    <dt>{s(lang, "detailHint")}</dt>
                    <dd>{advice.hint[lang]}</dd>
                    <dt>{s(lang, "detailFirstStep")}</dt>
                    <dd>{advice.firstStep[lang]}</dd>
                    <dt>{s(lang, "detailEvidence")}</dt>
                    <dd>{advice.evidence[lang]}</dd>
                    <dt>{s(lang, "detailReferences")}</dt>
                    <dd>
                      {[
                        advice.references.tics[lang],
                        advice.references.iso27001.length ? `ISO/IEC 27001:2022 ${advice.references.iso27001.join(", ")}` : "",
                        advice.references.jama[lang] ? `JAMA/JAPIA: ${advice.references.jama[lang]}` : "",
                      ]
                        .filter((x) => x)
                        .join("\n")}
                    </dd>
                  </>
                )}
              </dl>
            </DialogContent>
            <DialogActions>
              {onSelectCell && (
                <Button appearance="secondary" onClick={() => onSelectCell(item.cell)}>
                  {s(lang, "selectCell", { cell: item.cell })}
                </Button>
              )}
              <Button appearance="primary" onClick={onClose}>
                {s(lang, "close")}
              </Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
