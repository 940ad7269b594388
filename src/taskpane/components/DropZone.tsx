/**
 * Browser mode: a drop zone and a real file input. The input is visually hidden and hidden from assistive
 * technology (and not focusable); the visible Fluent button opens it, so keyboard and screen-reader users meet one
 * control.
 */
import * as React from "react";
import { Button, MessageBar, MessageBarBody, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { CheckProgress } from "../../app/check-worker";
import { s, type Lang } from "../strings";
import { readBytes } from "./format";
import { useSharedStyles } from "./styles";

const useStyles = makeStyles({
  drop: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  compact: { padding: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  dropActive: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hiddenInput: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
});

export interface DropZoneProps {
  lang: Lang;
  disabled: boolean;
  fileName: string | null;
  /** Smaller once a file is loaded, so the result stays in the first screen. */
  compact?: boolean;
  onFile: (bytes: Uint8Array, name: string) => void;
  /** The check running in the browser's Web Worker (reading sheet n of m, or checking); null when none runs. */
  progress?: CheckProgress | null;
  /** One line on the read limits (sizes and compression), shown under the help text (src/file/limits.ts). */
  limits?: string;
}

export function DropZone({ lang, disabled, fileName, compact, onFile, progress, limits }: DropZoneProps): React.ReactElement {
  const styles = useStyles();
  const shared = useSharedStyles();
  const input = React.useRef<HTMLInputElement>(null);
  const [over, setOver] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const id = React.useId();

  const take = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    if (!/\.(xlsx|xlsm)$/i.test(file.name)) {
      setError(s(lang, "notXlsx", { name: file.name }));
      return;
    }
    setError(null);
    const bytes = await readBytes(file);
    onFile(bytes, file.name);
  };

  return (
    <section
      className={mergeClasses(styles.drop, compact && styles.compact, over && styles.dropActive)}
      aria-labelledby={`${id}-h`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void take(e.dataTransfer.files[0]);
      }}
    >
      <h2 id={`${id}-h`} className={compact ? shared.h3 : shared.h2}>
        {s(lang, compact ? "dropTitleAnother" : "dropTitle")}
      </h2>
      {!compact && <p className={shared.muted}>{s(lang, "dropHelp")}</p>}
      {!compact && limits && (
        <p className={shared.muted} data-testid="limits-note">
          {limits}
        </p>
      )}
      {progress && (
        <p role="status" data-testid="check-progress">
          {progress.stage === "reading" ? s(lang, "readingSheet", { done: progress.done ?? 0, total: progress.total ?? 0 }) : s(lang, "checkingFile")}
        </p>
      )}
      <input
        ref={input}
        id={`${id}-file`}
        className={styles.hiddenInput}
        type="file"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
        aria-hidden="true"
        data-testid="file-input"
        disabled={disabled}
        tabIndex={-1}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          void take(f);
        }}
      />
      <Button appearance={compact ? "secondary" : "primary"} disabled={disabled} onClick={() => input.current?.click()}>
        {s(lang, "chooseFile")}
      </Button>
      {fileName && <p className={shared.muted}>{s(lang, "fileLoaded", { name: fileName })}</p>}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
