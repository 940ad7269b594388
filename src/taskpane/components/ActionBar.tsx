/** The main actions: fix look-alikes (with preview), undo, check again, write the sheets, downloads. */
import * as React from "react";
import { Button, Checkbox, makeStyles, tokens } from "@fluentui/react-components";
import type { HostCapabilities } from "../../app/host";
import { s, type Lang } from "../strings";
import { useSharedStyles } from "./styles";

export type DownloadKind = "xlsx" | "html" | "json";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
});

export interface ActionBarProps {
  lang: Lang;
  hostKind: "excel" | "browser";
  caps: HostCapabilities;
  busy: boolean;
  lookalikes: number;
  canUndo: boolean;
  /** Gets the normalise button, so focus can return to it when the preview closes. */
  normaliseRef: React.Ref<HTMLButtonElement>;
  normaliseProps?: React.HTMLAttributes<HTMLButtonElement> | object;
  onNormalise: () => void;
  onUndo: () => void;
  onCheck: () => void;
  onResults: () => void;
  onPlan: () => void;
  /** Absent when the host cannot download. */
  onDownload?: (kind: DownloadKind, fix: boolean) => void;
}

export function ActionBar(p: ActionBarProps): React.ReactElement {
  const shared = useSharedStyles();
  const styles = useStyles();
  const { lang, busy } = p;
  const [fix, setFix] = React.useState(false);
  return (
    <div className={styles.group} data-testid="actions">
      {p.lookalikes > 0 && <p className={shared.muted}>{s(lang, "lookalikes", { count: p.lookalikes })}</p>}
      <div className={shared.actions}>
        <Button ref={p.normaliseRef} {...p.normaliseProps} appearance="primary" disabledFocusable={busy || p.lookalikes === 0} onClick={p.onNormalise}>
          {s(lang, "normalise")}
        </Button>
        <Button disabled={busy || !p.canUndo} onClick={p.onUndo}>
          {s(lang, "undo")}
        </Button>
        {p.hostKind === "excel" && (
          <Button disabled={busy} onClick={p.onCheck}>
            {s(lang, "check")}
          </Button>
        )}
        {p.caps.writeSheets && (
          <>
            <Button disabled={busy} onClick={p.onResults}>
              {s(lang, "results")}
            </Button>
            <Button disabled={busy} onClick={p.onPlan}>
              {s(lang, "plan")}
            </Button>
          </>
        )}
      </div>
      {p.caps.download && p.onDownload && (
        <div className={styles.group}>
          <h3 className={shared.h3}>{s(lang, "downloadsHeading")}</h3>
          <div className={shared.actions}>
            <Button appearance="primary" disabled={busy} onClick={() => p.onDownload?.("xlsx", fix)}>
              {s(lang, "downloadXlsx")}
            </Button>
            <Button disabled={busy} onClick={() => p.onDownload?.("html", fix)}>
              {s(lang, "downloadHtml")}
            </Button>
            <Button disabled={busy} onClick={() => p.onDownload?.("json", fix)}>
              {s(lang, "downloadJson")}
            </Button>
          </div>
          {p.lookalikes > 0 && <Checkbox checked={fix} label={s(lang, "downloadFix")} onChange={(_, d) => setFix(d.checked === true)} />}
          <p className={shared.muted}>{s(lang, "downloadsNote")}</p>
        </div>
      )}
    </div>
  );
}
