/** Field scores: the radar chart (bars with fewer than three fields), and the table with the full names. */
import * as React from "react";
import type { FieldScore } from "../../core/model";
import { t } from "../../core/i18n";
import { RadarChart, ScoreBars } from "../radar";
import { s, type Lang } from "../strings";
import { fmtScore } from "./format";
import { useSharedStyles } from "./styles";

export interface FieldScoresProps {
  lang: Lang;
  fields: readonly FieldScore[];
}

export function FieldScores({ lang, fields: raw }: FieldScoresProps): React.ReactElement {
  const styles = useSharedStyles();
  const fields = raw.map((f) => ({ label: lang === "en" ? f.nameEn : f.name, score: f.score, items: f.items }));
  if (fields.length === 0) return <p className={styles.muted}>{s(lang, "scoresNone")}</p>;
  return (
    <>
      {/* A radar needs three axes; with fewer fields the bars alone show the scores. */}
      {fields.length >= 3 && (
        <RadarChart
          fields={fields}
          title={s(lang, "radarTitle")}
          description={s(lang, "radarDesc", { list: fields.map((f) => `${f.label} ${fmtScore(f.score, lang)}`).join(", ") })}
        />
      )}
      <ScoreBars fields={fields} missing={s(lang, "noScore")} />
      <table className={styles.table} data-testid="scores">
        <caption className={styles.muted} style={{ textAlign: "start" }}>
          {s(lang, "scoresHeading")}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, "label.field")}</th>
            <th scope="col" className="num">
              {t(lang, "label.score")}
            </th>
            <th scope="col" className="num">
              {t(lang, "label.items")}
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f, i) => (
            <tr key={i}>
              <th scope="row" style={{ fontWeight: "normal" }}>
                {f.label}
              </th>
              <td className="num">{fmtScore(f.score, lang)}</td>
              <td className="num">{f.items}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
