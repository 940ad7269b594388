/** A section whose heading is a disclosure button with a count; the body is rendered only while open. */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { useSharedStyles } from "./styles";

const useStyles = makeStyles({
  toggle: {
    display: "flex",
    alignItems: "baseline",
    columnGap: tokens.spacingHorizontalS,
    width: "100%",
    padding: 0,
    border: "none",
    background: "none",
    color: "inherit",
    font: "inherit",
    textAlign: "start",
    cursor: "pointer",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  chevron: { display: "inline-block", width: "1em", flexShrink: 0 },
  count: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
});

export interface CollapsibleSectionProps {
  id: string;
  title: string;
  /** Shown after the title, e.g. 「(17 件)」. */
  count: string;
  defaultOpen?: boolean;
  testId?: string;
  children: React.ReactNode;
}

export function CollapsibleSection({ id, title, count, defaultOpen = true, testId, children }: CollapsibleSectionProps): React.ReactElement {
  const shared = useSharedStyles();
  const styles = useStyles();
  const [open, setOpen] = React.useState(defaultOpen);
  return (
    <section className={shared.section} aria-labelledby={`${id}-h`} data-testid={testId}>
      <h2 id={`${id}-h`} className={shared.h2}>
        <button type="button" className={styles.toggle} aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen((o) => !o)}>
          <span className={styles.chevron} aria-hidden="true">
            {open ? "▾" : "▸"}
          </span>
          <span>
            {title} <span className={styles.count}>{count}</span>
          </span>
        </button>
      </h2>
      <div id={`${id}-body`} className={shared.section} hidden={!open}>
        {open && children}
      </div>
    </section>
  );
}
