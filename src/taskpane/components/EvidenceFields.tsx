/**
 * One item's evidence fields (証跡, 該当しない理由, 確認者, 確認日, メモ), saved to the 「証跡・根拠」 sheet through the
 * `onSave` callback (the pane wires it to `Session.saveEvidence`). A view: it receives the saved entry and never
 * calls the host. Small on purpose: the item detail hosts it, and the 「-」 warning list uses it for reasons.
 * Only changed fields are sent, so a column the user edits in Excel meanwhile is not overwritten by a stale value.
 */
import * as React from "react";
import { Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import type { EvidenceEntry } from "../../core/model";
import type { Lang } from "../strings";
import { rs } from "./records-strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  grow: { flexGrow: 1, minWidth: "120px" },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: 0 },
});

type Fields = Record<"evidence" | "reason" | "checker" | "checkedOn" | "memo", string>;

function fieldsOf(e: EvidenceEntry | undefined): Fields {
  return {
    evidence: e?.evidence ?? "",
    reason: e?.reason ?? "",
    checker: e?.checker ?? "",
    checkedOn: e?.checkedOn == null ? "" : String(e.checkedOn),
    memo: e?.memo ?? "",
  };
}

export interface EvidenceFieldsProps {
  itemId: string;
  lang: Lang;
  /** What the 「証跡・根拠」 sheet holds for the item now (undefined: nothing yet). */
  entry: EvidenceEntry | undefined;
  busy: boolean;
  /** Browser mode: say where the fields are kept. */
  browser: boolean;
  /** Saves the changed fields; resolves true when saved. */
  onSave: (change: Partial<EvidenceEntry>) => Promise<boolean>;
  /** Show the reason field first (the item is answered 「-」). */
  reasonFirst?: boolean;
  /** Only the reason field (the 「-」 warning list). */
  reasonOnly?: boolean;
}

export function EvidenceFields({ itemId, lang, entry, busy, browser, onSave, reasonFirst, reasonOnly }: EvidenceFieldsProps): React.ReactElement {
  const styles = useStyles();
  const saved = React.useMemo(() => fieldsOf(entry), [entry]);
  const [value, setValue] = React.useState<Fields>(saved);
  const [message, setMessage] = React.useState<string | null>(null);
  React.useEffect(() => setValue(saved), [saved]);
  const id = (k: string): string => `tc-ev-${itemId}-${k}`;
  const changed = (Object.keys(value) as (keyof Fields)[]).filter((k) => value[k].trim() !== saved[k].trim());
  const save = async (): Promise<void> => {
    const change: Partial<EvidenceEntry> = {};
    for (const k of changed) {
      if (k === "checkedOn") change.checkedOn = value.checkedOn.trim() || null;
      else change[k] = value[k].trim();
    }
    const ok = await onSave(change);
    setMessage(rs(lang, ok ? "saved" : "saveFailed"));
  };
  const input = (k: keyof Fields, label: "evidenceLabel" | "reasonLabel" | "checkerLabel" | "checkedOnLabel" | "memoLabel", grow = true) => (
    <Field label={rs(lang, label)} className={grow ? styles.grow : undefined}>
      <Input
        id={id(k)}
        value={value[k]}
        disabled={busy}
        onChange={(_, d) => {
          setMessage(null);
          setValue({ ...value, [k]: d.value });
        }}
      />
    </Field>
  );
  const reason = input("reason", "reasonLabel");
  return (
    <div className={styles.root} data-testid={`evidence-${itemId}`}>
      {(reasonFirst || reasonOnly) && reason}
      {!reasonOnly && (
        <>
          {input("evidence", "evidenceLabel")}
          {!reasonFirst && reason}
          <div className={styles.row}>
            {input("checker", "checkerLabel")}
            {input("checkedOn", "checkedOnLabel")}
          </div>
          {input("memo", "memoLabel")}
        </>
      )}
      <div className={styles.row}>
        <Button size="small" appearance="primary" disabled={busy || changed.length === 0} onClick={() => void save()}>
          {rs(lang, "save")}
        </Button>
        {message && (
          <span role="status" className={styles.muted}>
            {message}
          </span>
        )}
      </div>
      {browser && <p className={styles.muted}>{rs(lang, "browserSaved")}</p>}
    </div>
  );
}
