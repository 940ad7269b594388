/**
 * 「分野の割り当て」 (field mapping): every item with its fields and where they came from; the user can pick fields
 * from the current ones, type a new one, or reset an item to automatic. A view only: the data and the callbacks
 * come from the pane (Session.setItemFields stores the mapping in the workbook and checks again).
 */
import * as React from "react";
import { Button, Checkbox, Input, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import type { FieldSource, Report } from "../../core/model";
import { UNASSIGNED_FIELD, UNASSIGNED_FIELD_EN } from "../../core/fields";
import { t, type MessageKey } from "../../core/i18n";
import { fieldChoices, mappingCounts, mappingRows, parseFieldInput, type MappingRow } from "../../app/mapping";
import type { Lang } from "../strings";

const TEXT = {
  ja: {
    heading: "分野の割り当て",
    intro: "各項目がどの分野に数えられるか、その根拠（ブックの分野列・印・集計式、プロファイルの判定ルール、利用者の割り当て）を示します。",
    unassigned: "{count} 項目が「未分類」です（総合スコアには数えますが、レーダーチャートの軸にはなりません）。分野を割り当ててください。",
    userCount: "利用者が割り当てた項目: {count}",
    show: "分野の割り当てを表示（{count} 項目）",
    hide: "分野の割り当てを閉じる",
    onlyUnassigned: "未分類の項目だけ表示",
    edit: "変更",
    reset: "自動に戻す",
    save: "保存して再チェック",
    cancel: "キャンセル",
    newField: "新しい分野名（「、」区切りで複数可）",
    source: "根拠: {source}",
    readOnly: "この画面では割り当てを表示のみできます。変更は Excel アドインで行い、ブックに保存してください（ブック内のシート「TICS_分野割当」に保存され、CLI とブラウザーでも使われます）。",
    editorLabel: "{number} の分野",
    nothingChosen: "分野を 1 つ以上選ぶか入力してください。",
    more: "さらに表示（残り {count} 項目）",
  },
  en: {
    heading: "Field mapping",
    intro: "Which fields each item counts toward, and why (the workbook's 分野 column, marks or results formulas, the profile's rules, or your own mapping).",
    unassigned: "{count} items are unassigned (counted in the overall score, never a radar axis). Please assign them a field.",
    userCount: "Items you mapped: {count}",
    show: "Show the field mapping ({count} items)",
    hide: "Close the field mapping",
    onlyUnassigned: "Show unassigned items only",
    edit: "Change",
    reset: "Back to automatic",
    save: "Save and check again",
    cancel: "Cancel",
    newField: "New field name (several separated by 、 or ,)",
    source: "From: {source}",
    readOnly: "Here the mapping is shown only. Change it in the Excel add-in, which stores it in the workbook (sheet 「TICS_分野割当」, also used by the CLI and the browser mode).",
    editorLabel: "Fields of {number}",
    nothingChosen: "Choose or type at least one field.",
    more: "Show more ({count} left)",
  },
} as const;

type TextKey = keyof (typeof TEXT)["ja"];

function tx(lang: Lang, key: TextKey, params: Record<string, string | number> = {}): string {
  return TEXT[lang][key].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

const PAGE = 50;

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalXS,
  },
  text: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  fields: { fontWeight: tokens.fontWeightSemibold },
  actions: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  editor: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, paddingLeft: tokens.spacingHorizontalS },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  muted: { color: tokens.colorNeutralForeground3, margin: 0 },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
});

export interface MappingEditorProps {
  lang: Lang;
  report: Report;
  busy: boolean;
  /** The host can store the mapping in the workbook. */
  editable: boolean;
  onSave: (itemId: string, fields: string[]) => void;
  onReset: (itemId: string) => void;
}

function fieldLabel(fields: readonly string[], lang: Lang): string {
  return fields.length ? fields.join("、") : lang === "en" ? `${UNASSIGNED_FIELD_EN} (${UNASSIGNED_FIELD})` : UNASSIGNED_FIELD;
}

function sourceLabel(src: FieldSource, lang: Lang): string {
  return t(lang, `fieldSource.${src}` as MessageKey);
}

function RowEditor(props: {
  lang: Lang;
  row: MappingRow;
  choices: string[];
  busy: boolean;
  onSave: (fields: string[]) => void;
  onCancel: () => void;
}): React.ReactElement {
  const { lang, row, choices, busy } = props;
  const styles = useStyles();
  const [picked, setPicked] = React.useState<string[]>(row.fields);
  const [typed, setTyped] = React.useState("");
  const [empty, setEmpty] = React.useState(false);
  const save = (): void => {
    const all = [...picked, ...parseFieldInput(typed)];
    const fields = all.filter((n, i) => all.indexOf(n) === i);
    if (fields.length === 0) {
      setEmpty(true);
      return;
    }
    props.onSave(fields);
  };
  return (
    <div className={styles.editor} role="group" aria-label={tx(lang, "editorLabel", { number: row.number })} data-testid={`mapping-editor-${row.itemId}`}>
      {choices.map((name) => (
        <Checkbox
          key={name}
          label={name}
          checked={picked.includes(name)}
          onChange={(_, d) => setPicked((p) => (d.checked === true ? [...p, name] : p.filter((x) => x !== name)))}
        />
      ))}
      <Input aria-label={tx(lang, "newField")} placeholder={tx(lang, "newField")} value={typed} onChange={(_, d) => setTyped(d.value)} />
      {empty && (
        <MessageBar intent="warning">
          <MessageBarBody>{tx(lang, "nothingChosen")}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={save}>
          {tx(lang, "save")}
        </Button>
        <Button disabled={busy} onClick={props.onCancel}>
          {tx(lang, "cancel")}
        </Button>
      </div>
    </div>
  );
}

export function MappingEditor(props: MappingEditorProps): React.ReactElement {
  const { lang, report, busy, editable } = props;
  const styles = useStyles();
  const counts = mappingCounts(report);
  const [open, setOpen] = React.useState(false);
  const [onlyUnassigned, setOnlyUnassigned] = React.useState(false);
  const [editing, setEditing] = React.useState<string | null>(null);
  const [shown, setShown] = React.useState(PAGE);
  const rows = open ? mappingRows(report).filter((r) => !onlyUnassigned || r.source === "none") : [];
  const choices = open ? fieldChoices(report) : [];
  return (
    <section className={styles.section} aria-labelledby="tc-mapping" data-testid="mapping">
      <h2 id="tc-mapping" className={styles.h2}>
        {tx(lang, "heading")}
      </h2>
      <p className={styles.muted}>{tx(lang, "intro")}</p>
      {counts.unassigned > 0 && (
        <MessageBar intent="warning" data-testid="mapping-unassigned">
          <MessageBarBody>{tx(lang, "unassigned", { count: counts.unassigned })}</MessageBarBody>
        </MessageBar>
      )}
      {counts.user > 0 && <p className={styles.muted}>{tx(lang, "userCount", { count: counts.user })}</p>}
      <div className={styles.actions}>
        <Button aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? tx(lang, "hide") : tx(lang, "show", { count: report.items.length })}
        </Button>
      </div>
      {open && (
        <>
          {!editable && <p className={styles.muted}>{tx(lang, "readOnly")}</p>}
          <Checkbox checked={onlyUnassigned} label={tx(lang, "onlyUnassigned")} onChange={(_, d) => setOnlyUnassigned(d.checked === true)} />
          <ul className={styles.list} data-testid="mapping-list">
            {rows.slice(0, shown).map((row) => (
              <li key={row.itemId} className={styles.row} data-testid={`mapping-row-${row.itemId}`}>
                <span className={styles.text} title={row.text}>
                  {row.section ? `${row.section} ` : ""}
                  {row.number}. {row.text}
                </span>
                <span>
                  <span className={styles.fields} data-testid="mapping-fields">
                    {fieldLabel(row.fields, lang)}
                  </span>
                  <span className={styles.meta}>
                    {" — "}
                    {tx(lang, "source", { source: sourceLabel(row.source, lang) })}
                  </span>
                </span>
                {editable && editing !== row.itemId && (
                  <div className={styles.actions}>
                    <Button size="small" disabled={busy} onClick={() => setEditing(row.itemId)} aria-label={`${tx(lang, "edit")} ${row.number}`}>
                      {tx(lang, "edit")}
                    </Button>
                    {row.source === "user" && (
                      <Button size="small" disabled={busy} onClick={() => props.onReset(row.itemId)} aria-label={`${tx(lang, "reset")} ${row.number}`}>
                        {tx(lang, "reset")}
                      </Button>
                    )}
                  </div>
                )}
                {editable && editing === row.itemId && (
                  <RowEditor
                    lang={lang}
                    row={row}
                    choices={choices}
                    busy={busy}
                    onCancel={() => setEditing(null)}
                    onSave={(fields) => {
                      setEditing(null);
                      props.onSave(row.itemId, fields);
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
          {rows.length > shown && (
            <div>
              <Button appearance="subtle" onClick={() => setShown((n) => n + PAGE)}>
                {tx(lang, "more", { count: rows.length - shown })}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** The heading of the pane's section that holds NaWarnings. */
export function naWarningsTitle(lang: Lang): string {
  return lang === "en" ? "「-」 (not applicable) answers to confirm" : "確認が必要な「-」（該当しない）";
}

/** 「-」 warnings (not errors): items whose 「-」 neither the workbook nor the profile can confirm. */
export function NaWarnings(props: { lang: Lang; report: Report }): React.ReactElement | null {
  const styles = useStyles();
  const warnings = props.report.warnings ?? [];
  if (warnings.length === 0) return null;
  return (
    <MessageBar intent="info" data-testid="warnings">
      <MessageBarBody>
        <ul className={styles.list}>
          {warnings.map((w) => (
            <li key={w.itemId}>{props.lang === "en" ? w.message.en : w.message.ja}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
