/** The answers the user must look at (blank, invalid, 「-」 not allowed), each opening its detail. */
import * as React from "react";
import { Button, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Finding, ItemResult } from "../../core/model";
import { t, type MessageKey } from "../../core/i18n";
import { s, type Lang } from "../strings";
import { showValue } from "./format";
import { useSharedStyles } from "./styles";

export const useListStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  entry: {
    display: "grid",
    gridTemplateColumns: "4em minmax(0, 1fr)",
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
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  cell: { fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: "tabular-nums" },
  body: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS, minWidth: 0, overflowWrap: "anywhere" },
  badge: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  itemText: {
    color: tokens.colorNeutralForeground2,
    display: "-webkit-box",
    WebkitLineClamp: 2,
    WebkitBoxOrient: "vertical",
    overflow: "hidden",
  },
});

export interface ProblemListProps {
  lang: Lang;
  problems: readonly Finding[];
  itemById: ReadonlyMap<string, ItemResult>;
  /** How many to show before a "show more" button. */
  pageSize: number;
  onOpen: (itemId: string) => void;
}

export function ProblemList({ lang, problems, itemById, pageSize, onOpen }: ProblemListProps): React.ReactElement {
  const styles = useListStyles();
  const shared = useSharedStyles();
  const [shown, setShown] = React.useState(pageSize);
  if (problems.length === 0) return <p className={shared.muted}>{s(lang, "problemsNone")}</p>;
  return (
    <>
      <ul className={styles.list} data-testid="problems">
        {problems.slice(0, shown).map((f) => {
          const item = itemById.get(f.itemId);
          return (
            <li key={f.itemId}>
              <button type="button" className={mergeClasses(styles.entry)} title={s(lang, "openDetail")} onClick={() => onOpen(f.itemId)}>
                <span className={styles.cell}>{f.cell}</span>
                <span className={styles.body}>
                  <span>
                    <span className={styles.badge}>{t(lang, `status.${f.status}` as MessageKey)}</span>
                    {f.status !== "blank" ? ` 「${showValue(f.raw, lang)}」` : ""}
                    {" — "}
                    {s(lang, "typeInstead", { value: f.suggestion ?? s(lang, "oneOf", { list: f.allowed.join(" / ") }) })}
                  </span>
                  {item && (
                    <span className={styles.itemText}>
                      {item.section ? `${item.section} ` : ""}
                      {item.number}. {item.text}
                    </span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {problems.length > shown && (
        <div>
          <Button appearance="subtle" onClick={() => setShown((n) => n + pageSize)}>
            {s(lang, "showMore", { shown: Math.min(shown, problems.length), total: problems.length, more: Math.min(pageSize, problems.length - shown) })}
          </Button>
        </div>
      )}
    </>
  );
}
