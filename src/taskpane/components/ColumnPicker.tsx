/**
 * Browser mode, when detection found no checklist: a preview of the sheet (first rows and columns) and two choices,
 * the answer column and the header row; the items are read from the rows below the header.
 */
import * as React from "react";
import { Button, Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { SheetPreview } from "../../app/host";
import { colToLetters } from "../../core/a1";
import { s, type Lang } from "../strings";
import { useSharedStyles } from "./styles";

const useStyles = makeStyles({
  choices: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(10em, 100%), 1fr))", gap: tokens.spacingHorizontalS },
  field: { minWidth: 0 },
  select: { minWidth: 0, width: "100%" },
  scroller: { overflow: "auto", maxHeight: "320px", maxWidth: "100%", border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  preview: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase100,
    "& th, & td": { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, padding: "1px 4px", maxWidth: "12em", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" },
    "& th": { backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold },
  },
  answer: { backgroundColor: tokens.colorBrandBackground2 },
  header: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground3 },
});

export interface ColumnPickerProps {
  lang: Lang;
  sheets: readonly SheetPreview[];
  busy: boolean;
  onPick: (sheet: string, headerRow: number, answerCol: number) => void;
}

const text = (v: unknown): string => (v == null ? "" : String(v));

export function ColumnPicker({ lang, sheets, busy, onPick }: ColumnPickerProps): React.ReactElement | null {
  const styles = useStyles();
  const shared = useSharedStyles();
  const [sheetIndex, setSheetIndex] = React.useState(0);
  const sheet = sheets[sheetIndex] ?? sheets[0];
  const width = Math.max(1, ...(sheet?.rows ?? []).map((r) => r.length));
  const [col, setCol] = React.useState(Math.min(2, width - 1));
  const [header, setHeader] = React.useState(0);
  if (!sheet) return null;
  const id = "tc-picker";
  return (
    <section className={shared.section} aria-labelledby={`${id}-h`} data-testid="column-picker">
      <h2 id={`${id}-h`} className={shared.h2}>
        {s(lang, "pickTitle")}
      </h2>
      <p className={shared.muted}>{s(lang, "pickHelp")}</p>
      <div className={styles.choices}>
        <Field className={styles.field} label={s(lang, "pickSheet")} size="small">
          <Select className={styles.select} size="small" value={String(sheetIndex)} onChange={(_, d) => setSheetIndex(Number(d.value))}>
            {sheets.map((x, i) => (
              <option key={x.name} value={String(i)}>
                {x.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.field} label={s(lang, "pickColumn")} size="small">
          <Select className={styles.select} size="small" value={String(col)} data-testid="pick-column" onChange={(_, d) => setCol(Number(d.value))}>
            {Array.from({ length: width }, (_, c) => (
              <option key={c} value={String(c)}>
                {colToLetters(c)} {text(sheet.rows[header]?.[c]).slice(0, 12)}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.field} label={s(lang, "pickHeader")} size="small">
          <Select className={styles.select} size="small" value={String(header)} data-testid="pick-header" onChange={(_, d) => setHeader(Number(d.value))}>
            {sheet.rows.map((r, i) => (
              <option key={i} value={String(i)}>
                {i + 1} {r.map(text).filter((x) => x).join(" ").slice(0, 16)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={styles.scroller} tabIndex={0} role="region" aria-label={s(lang, "pickPreview", { sheet: sheet.name })}>
        <table className={styles.preview}>
          <thead>
            <tr>
              <th scope="col">{s(lang, "pickRow")}</th>
              {Array.from({ length: width }, (_, c) => (
                <th key={c} scope="col" className={c === col ? styles.answer : undefined}>
                  {colToLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((r, i) => (
              <tr key={i} className={i === header ? styles.header : undefined}>
                <th scope="row">{i + 1}</th>
                {Array.from({ length: width }, (_, c) => (
                  <td key={c} className={c === col && i > header ? styles.answer : undefined} title={text(r[c])}>
                    {text(r[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={shared.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => onPick(sheet.name, header, col)}>
          {s(lang, "pickUse", { col: colToLetters(col), row: header + 1 })}
        </Button>
      </div>
    </section>
  );
}
