/**
 * The pane's message area at the top: a status line (aria-live, announced by screen readers) that says what the
 * last action did, and the error of the last action as an alert. Shown where the user looks, whatever the scroll
 * position: the area sticks to the top of the pane.
 */
import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import type { HostError } from "../../app/host";
import { s, type Lang } from "../strings";

const useStyles = makeStyles({
  area: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground1,
    paddingBlock: tokens.spacingVerticalXS,
  },
  status: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, minHeight: "20px", margin: 0, overflowWrap: "anywhere" },
});

export interface MessageAreaProps {
  lang: Lang;
  busy: boolean;
  /** The status line (what the last action did, or what to do next). */
  statusText: string;
  /** True when statusText reports a finished action (shown as a success bar). */
  success: boolean;
  error: HostError | null;
}

export function MessageArea({ lang, busy, statusText, success, error }: MessageAreaProps): React.ReactElement {
  const styles = useStyles();
  return (
    <div className={styles.area}>
      <div className={styles.status} role="status" aria-live="polite" data-testid="status">
        {busy && <Spinner size="extra-tiny" aria-hidden="true" />}
        {success && !busy ? (
          <MessageBar intent="success" style={{ width: "100%" }}>
            <MessageBarBody>{statusText}</MessageBarBody>
          </MessageBar>
        ) : (
          <span>{statusText}</span>
        )}
      </div>
      {error && (
        <MessageBar intent="error" role="alert" data-testid="error">
          <MessageBarBody>
            <MessageBarTitle>{s(lang, "errorTitle")}</MessageBarTitle>
            {error.message[lang]}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
