/**
 * Remediation plan and findings.
 *
 * Plan rows: one for every item answered × or △, and every blank, invalid or na_not_allowed item.
 * Priority: "high" for × and unresolved items whose topic has importance 1; "medium" for the other × and
 * unresolved items; "low" for △. Rows are ordered by
 * (1) priority: 高 (high), 中 (medium), 低 (low) — so the list reads in the order of its labels;
 * (2) answer: × first, then unresolved (blank / invalid / 「-」 not allowed), then △;
 * (3) weakness of the item's fields: the lowest score among its fields first (a field without a score counts as 0);
 * (4) importance of the matched topic: 1 before 2 before 3 (no topic counts as 3);
 * (5) sheet order.
 * PRIORITY_RULES states this for the README and the UI; PLAN_ORDER_LINE is the one-line version shown above lists.
 * The advice texts are not repeated per row: rows point (`advice`) into `planTopics()`.
 */
import { type Advice, type Bilingual, FALLBACK_ADVICE, type FieldScore, type Finding, type ItemResult, type PlanRow, type Priority } from "./model";
import type { Profile, Topic } from "./profile/types";
import { allowedAnswers } from "./answers";
import { prepareProfile } from "./fields";

export const PRIORITY_RULES: Bilingual = {
  ja:
    "優先度: 重要度 1 のテーマに当たる「×」と未回答・無効・「-」不可は「高」、その他の「×」と未回答・無効・「-」不可は「中」、「△」は「低」。" +
    "改善計画の並び順: (1) 優先度（高 → 中 → 低）、(2) 回答が「×」→ 未回答・無効・「-」不可 →「△」の順、(3) その項目の分野のうち最も達成度の低い分野が低い順（達成度なしは 0 とみなす）、(4) 該当テーマの重要度（1 が最優先、テーマなしは 3）、(5) シート上の順。（TICS Check 独自の基準です）",
  en:
    "Priority: × and unresolved items on importance-1 topics are High, other × and unresolved items Medium, △ Low. " +
    "Plan order: (1) priority (High, Medium, Low); (2) answer: × first, then unanswered / invalid / 「-」 not allowed, then △; (3) the weakest of the item's fields first (a field without a score counts as 0); (4) importance of the matched topic (1 first; no topic counts as 3); (5) sheet order. (TICS Check's own rule.)",
};

/** The order rule in one line, shown above every plan list (pane, CLI, sheets, report). */
export const PLAN_ORDER_LINE: Bilingual = {
  ja: "並び順: 優先度（高→中→低）、同じ優先度では「×」→未回答・無効→「△」、達成度の低い分野、重要なテーマの順",
  en: "Order: priority (High, Medium, Low); within a priority × before unanswered/invalid before △, then the weakest field, then the most important topic",
};

const PRIORITY_RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 };

function priorityOf(rank: number, importance: number): Priority {
  return rank === 2 ? "low" : importance === 1 ? "high" : "medium";
}

function answerRank(it: ItemResult): number {
  if (it.status === "ok" || it.status === "normalized") {
    if (it.answer === "×") return 0;
    if (it.answer === "△") return 2;
    return -1; // ○ and 「-」: no plan row
  }
  return 1; // blank, invalid, na_not_allowed
}

export function buildPlan(items: readonly ItemResult[], fields: readonly FieldScore[], profile: Profile): PlanRow[] {
  const p = prepareProfile(profile);
  const scoreOf = new Map<string, number>();
  for (const f of fields) scoreOf.set(f.name, f.score ?? 0);
  const rows: { it: ItemResult; rank: number; imp: number; key: number; topic: Topic | null }[] = [];
  items.forEach((it, order) => {
    const rank = answerRank(it);
    if (rank < 0) return;
    let weak = Infinity;
    for (const name of it.fields) weak = Math.min(weak, scoreOf.get(name) ?? 0);
    if (weak === Infinity) weak = 0;
    const topic = it.topic ? p.topicById.get(it.topic) ?? null : null;
    const imp = topic?.importance ?? 3;
    // One numeric sort key: priority, answer class, weakest field score (tenths, 0-1000), importance, order.
    const tenths = Math.max(0, Math.min(1000, Math.round(weak * 10)));
    const key = (((PRIORITY_RANK[priorityOf(rank, imp)] * 3 + rank) * 1001 + tenths) * 4 + imp) * 4194304 + order;
    rows.push({ it, rank, imp, key, topic });
  });
  rows.sort((a, b) => a.key - b.key);
  return rows.map((r, i): PlanRow => {
    const priority = priorityOf(r.rank, r.imp);
    return {
      rank: i + 1,
      itemId: r.it.id,
      cell: r.it.cell,
      section: r.it.section,
      number: r.it.number,
      text: r.it.text,
      answer: r.it.answer,
      status: r.it.status,
      fields: r.it.fields.slice(),
      priority,
      topic: r.it.topic,
      advice: r.topic ? r.topic.id : FALLBACK_ADVICE,
    };
  });
}

/** The advice the plan rows point to, once per topic (`Report.topics`). */
export function planTopics(plan: readonly PlanRow[], profile: Profile): Record<string, Advice> {
  const p = prepareProfile(profile);
  const out: Record<string, Advice> = {};
  for (const row of plan) {
    if (Object.prototype.hasOwnProperty.call(out, row.advice)) continue;
    const topic = row.advice === FALLBACK_ADVICE ? null : p.topicById.get(row.advice) ?? null;
    const src = topic ?? profile.fallback;
    out[row.advice] = {
      title: topic ? topic.title : { ja: "その他", en: "Other" },
      hint: src.hint,
      firstStep: src.firstStep,
      evidence: src.evidence,
      references: src.references,
    };
  }
  return out;
}

const NO_ADVICE: Advice = {
  title: { ja: "", en: "" },
  hint: { ja: "", en: "" },
  firstStep: { ja: "", en: "" },
  evidence: { ja: "", en: "" },
  references: { tics: { ja: "", en: "" }, iso27001: [], jama: { ja: "", en: "" } },
};

/** The advice of one plan row (empty texts when the report lacks it, e.g. a report from an older version). */
export function adviceOf(report: { topics?: Record<string, Advice> }, row: PlanRow): Advice {
  const t = report.topics;
  return (t && Object.prototype.hasOwnProperty.call(t, row.advice) ? t[row.advice] : undefined) ?? NO_ADVICE;
}

/** One finding per item that is not `ok`, in sheet order. */
export function buildFindings(items: readonly ItemResult[]): Finding[] {
  const out: Finding[] = [];
  for (const it of items) {
    if (it.status === "ok") continue;
    out.push({
      itemId: it.id,
      cell: it.cell,
      raw: it.raw,
      status: it.status,
      suggestion: it.status === "normalized" ? it.answer : null,
      allowed: allowedAnswers(it.naAllowed),
    });
  }
  return out;
}
