/** Preview of the look-alike rewrites (cell, from, to with code points) before anything is written. */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import type { NormaliseChange } from "../../app/host";
import { s, type Lang } from "../strings";
import { showLookalike } from "./format";
import { ModalDialog } from "./ModalDialog";
import { useSharedStyles } from "./styles";

export interface NormaliseDialogProps {
  lang: Lang;
  /** The changes to confirm; null when the dialog is closed. */
  changes: NormaliseChange[] | null;
  onCancel: () => void;
  onApply: () => void;
}

export function NormaliseDialog({ lang, changes, onCancel, onApply }: NormaliseDialogProps): React.ReactElement {
  const styles = useSharedStyles();
  return (
    <ModalDialog
      open={changes !== null}
      onClose={onCancel}
      title={s(lang, "previewTitle")}
      describedBy="tc-preview-intro"
      contentLabelledBy="tc-preview-intro"
      actions={
        <>
          <Button appearance="secondary" onClick={onCancel}>
            {s(lang, "cancel")}
          </Button>
          <Button appearance="primary" onClick={onApply} disabled={!changes || changes.length === 0}>
            {s(lang, "apply")}
          </Button>
        </>
      }
    >
      {/* A long list scrolls; the scrolling area takes focus so keyboard users can scroll it too. */}
      <p id="tc-preview-intro">{s(lang, "previewIntro", { count: changes?.length ?? 0 })}</p>
      <table className={styles.table} data-testid="preview">
        <thead>
          <tr>
            <th scope="col">{s(lang, "previewCell")}</th>
            <th scope="col">{s(lang, "previewFrom")}</th>
            <th scope="col">{s(lang, "previewTo")}</th>
          </tr>
        </thead>
        <tbody>
          {(changes ?? []).map((c) => (
            <tr key={`${c.sheet}!${c.cell}`}>
              <th scope="row">{c.cell}</th>
              <td>{showLookalike(c.from, lang)}</td>
              <td>{showLookalike(c.to, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalDialog>
  );
}
