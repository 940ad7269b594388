/** The remediation plan in the engine's order (priority label first), each row opening its detail. */
import * as React from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Report } from "../../core/model";
import type { PlanRow } from "../../core/model";
import { PLAN_ORDER_LINE, adviceOf } from "../../core/plan";
import { t, type MessageKey } from "../../core/i18n";
import { s, type Lang } from "../strings";
import { useListStyles } from "./ProblemList";
import { useSharedStyles } from "./styles";

const useStyles = makeStyles({
  prio: { fontWeight: tokens.fontWeightSemibold },
  high: { color: tokens.colorPaletteRedForeground1 },
  medium: { color: tokens.colorPaletteDarkOrangeForeground1 },
  low: { color: tokens.colorNeutralForeground2 },
});

export interface PlanListProps {
  lang: Lang;
  report: Report;
  rows: readonly PlanRow[];
  pageSize: number;
  onOpen: (itemId: string) => void;
}

export function PlanList({ lang, report, rows, pageSize, onOpen }: PlanListProps): React.ReactElement {
  const list = useListStyles();
  const shared = useSharedStyles();
  const styles = useStyles();
  const [shown, setShown] = React.useState(pageSize);
  if (rows.length === 0) return <p className={shared.muted}>{s(lang, "planNone")}</p>;
  return (
    <>
      <p className={shared.muted} data-testid="plan-order">
        {PLAN_ORDER_LINE[lang]}
      </p>
      <ol className={list.list} data-testid="plan">
        {rows.slice(0, shown).map((p) => (
          <li key={p.itemId}>
            <button type="button" className={list.entry} title={s(lang, "openDetail")} onClick={() => onOpen(p.itemId)}>
              <span className={list.cell}>{p.rank}. {p.cell}</span>
              <span className={list.body}>
                <span>
                  <span className={`${styles.prio} ${styles[p.priority]}`} data-priority={p.priority}>
                    {s(lang, "priority", { p: t(lang, `priority.${p.priority}` as MessageKey) })}
                  </span>{" "}
                  · {p.answer ?? t(lang, `status.${p.status}` as MessageKey)}
                </span>
                <span className={list.itemText}>
                  {p.number}. {p.text}
                </span>
                <span className={shared.muted}>{s(lang, "planFirstStep", { step: adviceOf(report, p).firstStep[lang] })}</span>
              </span>
            </button>
          </li>
        ))}
      </ol>
      {rows.length > shown && (
        <div>
          <Button appearance="subtle" onClick={() => setShown((n) => n + pageSize)}>
            {s(lang, "showMore", { shown: Math.min(shown, rows.length), total: rows.length, more: Math.min(pageSize, rows.length - shown) })}
          </Button>
        </div>
      )}
    </>
  );
}
