/**
 * One item in full: text, answer and status, fields and where they came from, priority, hint, first step, typical
 * evidence and references. Opened from a problem or a plan row; nothing in it is cut. Where the host can save
 * evidence, the item's evidence fields (EvidenceFields: 証跡, 該当しない理由, 確認者, 確認日, メモ) follow.
 */
import * as React from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { EvidenceEntry, Report } from "../../core/model";
import { adviceOf } from "../../core/plan";
import { t, type MessageKey } from "../../core/i18n";
import { s, type Lang } from "../strings";
import { EvidenceFields } from "./EvidenceFields";
import { showValue } from "./format";
import { ModalDialog } from "./ModalDialog";
import { rs } from "./records-strings";

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
  h3: { margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS} 0`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

/** The item's evidence fields in the detail, when the host can save them to the 「証跡・根拠」 sheet. */
export interface DetailEvidence {
  busy: boolean;
  /** Browser mode: the fields go into the downloaded workbook. */
  browser: boolean;
  onSave: (itemId: string, change: Partial<EvidenceEntry>) => Promise<boolean>;
}

export interface ItemDetailProps {
  lang: Lang;
  report: Report;
  /** The item shown; null when closed. */
  itemId: string | null;
  onClose: () => void;
  /** Excel mode: select the answer cell (absent in browser mode). */
  onSelectCell?: (cell: string) => void;
  /** Present when the host can save evidence: the detail then hosts the item's evidence fields. */
  evidence?: DetailEvidence;
}

export function ItemDetail({ lang, report, itemId, onClose, onSelectCell, evidence }: ItemDetailProps): React.ReactElement | null {
  const styles = useStyles();
  const item = itemId ? report.items.find((i) => i.id === itemId) : undefined;
  const row = itemId ? report.plan.find((p) => p.itemId === itemId) : undefined;
  const advice = row ? adviceOf(report, row) : null;
  const enName = new Map(report.fields.map((f) => [f.name, f.nameEn]));
  const fieldNames = (item?.fields ?? []).map((f) => (lang === "en" ? (enName.get(f) ?? f) : f));
  const finding = itemId ? report.findings.find((f) => f.itemId === itemId) : undefined;
  if (!item) return null;
  return (
    <ModalDialog
      open
      onClose={onClose}
      title={s(lang, "detailTitle", { section: item.section, number: item.number, cell: item.cell })}
      describedBy="tc-detail-text"
      contentLabelledBy="tc-detail-text"
      testId="detail"
      actions={
        <>
          {onSelectCell && (
            <Button appearance="secondary" onClick={() => onSelectCell(item.cell)}>
              {s(lang, "selectCell", { cell: item.cell })}
            </Button>
          )}
          <Button appearance="primary" onClick={onClose}>
            {s(lang, "close")}
          </Button>
        </>
      }
    >
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
          {fieldNames.join(lang === "en" ? ", " : "、")} ({s(lang, "fieldFrom", { source: t(lang, `fieldSource.${item.fieldSource}` as MessageKey) })}
          )
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
      {evidence && (
        <section aria-labelledby="tc-detail-evidence" data-testid="detail-evidence">
          <h3 id="tc-detail-evidence" className={styles.h3}>
            {rs(lang, "evidenceFor", { item: `${item.section ? `${item.section} ` : ""}${item.number}` })}
          </h3>
          <EvidenceFields
            key={item.id}
            itemId={item.id}
            lang={lang}
            entry={report.evidence?.entries[item.id]}
            busy={evidence.busy}
            browser={evidence.browser}
            reasonFirst={item.answer === "-"}
            onSave={(change) => evidence.onSave(item.id, change)}
          />
        </section>
      )}
    </ModalDialog>
  );
}
