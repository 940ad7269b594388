/** Filters for the problem and plan lists: status (answer), field and priority. Pure predicate in `matches`. */
import * as React from "react";
import { Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { FieldScore, ItemResult, PlanRow, Priority } from "../../core/model";
import { t, type MessageKey } from "../../core/i18n";
import { s, type Lang } from "../strings";

export type StatusFilter = "" | "×" | "△" | "blank" | "invalid" | "na_not_allowed";

export interface FilterState {
  status: StatusFilter;
  /** Canonical field name, or "" for all. */
  field: string;
  priority: "" | Priority;
}

export const NO_FILTER: FilterState = { status: "", field: "", priority: "" };

/** Whether an item (with its plan row, when it has one) passes the filter. */
export function matches(filter: FilterState, item: Pick<ItemResult, "status" | "answer" | "fields">, row: Pick<PlanRow, "priority"> | undefined): boolean {
  if (filter.status) {
    const unresolved = item.status === "blank" || item.status === "invalid" || item.status === "na_not_allowed";
    if (filter.status === "×" || filter.status === "△") {
      if (unresolved || item.answer !== filter.status) return false;
    } else if (item.status !== filter.status) return false;
  }
  if (filter.field && !item.fields.includes(filter.field)) return false;
  if (filter.priority && row?.priority !== filter.priority) return false;
  return true;
}

const useStyles = makeStyles({
  bar: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(9em, 100%), 1fr))", gap: tokens.spacingHorizontalS },
  // A select is as wide as its longest option by default; here it takes its column and cuts the shown option.
  field: { minWidth: 0 },
  root: { minWidth: 0, width: "100%", maxWidth: "100%" },
  select: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
});

export interface ListFiltersProps {
  lang: Lang;
  fields: readonly FieldScore[];
  value: FilterState;
  onChange: (value: FilterState) => void;
}

export function ListFilters({ lang, fields, value, onChange }: ListFiltersProps): React.ReactElement {
  const styles = useStyles();
  const statuses: StatusFilter[] = ["×", "△", "blank", "invalid", "na_not_allowed"];
  return (
    <div className={styles.bar} role="group" aria-label={s(lang, "filterHeading")} data-testid="filters">
      <Field className={styles.field} label={s(lang, "filterStatus")} size="small">
        <Select className={styles.root} select={{ className: styles.select }} size="small" value={value.status} data-testid="filter-status" onChange={(_, d) => onChange({ ...value, status: d.value as StatusFilter })}>
          <option value="">{s(lang, "filterAll")}</option>
          {statuses.map((st) => (
            <option key={st} value={st}>
              {st === "×" || st === "△" ? st : t(lang, `status.${st}` as MessageKey)}
            </option>
          ))}
        </Select>
      </Field>
      <Field className={styles.field} label={t(lang, "label.field")} size="small">
        <Select className={styles.root} select={{ className: styles.select }} size="small" value={value.field} data-testid="filter-field" onChange={(_, d) => onChange({ ...value, field: d.value })}>
          <option value="">{s(lang, "filterAll")}</option>
          {fields.map((f) => (
            <option key={f.name} value={f.name}>
              {lang === "en" ? f.nameEn : f.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field className={styles.field} label={t(lang, "label.priority")} size="small">
        <Select className={styles.root} select={{ className: styles.select }} size="small" value={value.priority} data-testid="filter-priority" onChange={(_, d) => onChange({ ...value, priority: d.value as FilterState["priority"] })}>
          <option value="">{s(lang, "filterAll")}</option>
          {(["high", "medium", "low"] as const).map((p) => (
            <option key={p} value={p}>
              {t(lang, `priority.${p}` as MessageKey)}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
