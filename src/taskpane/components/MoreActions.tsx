/** Excel-mode tools that change the workbook's look or setup: highlight, dropdowns, a hand-picked range. */
import * as React from "react";
import { Button, Switch } from "@fluentui/react-components";
import type { HostCapabilities } from "../../app/host";
import { s, type Lang } from "../strings";
import { useSharedStyles } from "./styles";

export interface MoreActionsProps {
  lang: Lang;
  caps: HostCapabilities;
  busy: boolean;
  highlight: boolean;
  manual: boolean;
  onHighlight: (on: boolean) => void;
  onDropdowns: () => void;
  onUseSelection: () => void;
  onClearManual: () => void;
}

export function MoreActions(p: MoreActionsProps): React.ReactElement | null {
  const shared = useSharedStyles();
  const { lang, caps, busy } = p;
  if (!caps.highlight && !caps.dropdowns && !caps.manualLocation) return null;
  return (
    <section className={shared.section} aria-labelledby="tc-more-h">
      <h2 id="tc-more-h" className={shared.h2}>
        {s(lang, "moreHeading")}
      </h2>
      {caps.highlight && <Switch checked={p.highlight} disabled={busy} label={s(lang, "highlight")} onChange={(_, d) => p.onHighlight(d.checked)} />}
      <div className={shared.actions}>
        {caps.dropdowns && (
          <Button disabled={busy} onClick={p.onDropdowns}>
            {s(lang, "dropdowns")}
          </Button>
        )}
        {caps.manualLocation && (
          <Button disabled={busy} onClick={p.onUseSelection}>
            {s(lang, "useSelection")}
          </Button>
        )}
        {caps.manualLocation && p.manual && (
          <Button disabled={busy} onClick={p.onClearManual}>
            {s(lang, "clearManual")}
          </Button>
        )}
      </div>
    </section>
  );
}
