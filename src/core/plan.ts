/**
 * Remediation plan and findings.
 *
 * Plan rows: one for every item answered × or △, and every blank, invalid or na_not_allowed item, ordered by
 * (1) answer: × first, then unresolved (blank / invalid / 「-」 not allowed), then △;
 * (2) weakness of the item's fields: the lowest score among its fields first (a field without a score counts as 0);
 * (3) importance of the matched topic: 1 before 2 before 3 (no topic counts as 3);
 * (4) sheet order.
 * Priority: "high" for × and unresolved items whose topic has importance 1; "medium" for the other × and
 * unresolved items; "low" for △. PRIORITY_RULES states this for the README and the UI.
 */
import type { Bilingual, FieldScore, Finding, ItemResult, PlanRow, Priority } from "./model";
import type { Profile, Topic } from "./profile/types";
import { allowedAnswers } from "./answers";
import { prepareProfile } from "./fields";

export const PRIORITY_RULES: Bilingual = {
  ja:
    "改善計画の並び順: (1) 回答が「×」→ 未回答・無効・「-」不可 →「△」の順、(2) その項目の分野のうち最も達成度の低い分野が低い順（達成度なしは 0 とみなす）、(3) 該当テーマの重要度（1 が最優先、テーマなしは 3）、(4) シート上の順。" +
    "優先度: 重要度 1 のテーマに当たる「×」と未回答・無効・「-」不可は「高」、その他の「×」と未回答・無効・「-」不可は「中」、「△」は「低」。（TICS Check 独自の基準です）",
  en:
    "Plan order: (1) answer: × first, then unanswered / invalid / 「-」 not allowed, then △; (2) the weakest of the item's fields first (a field without a score counts as 0); (3) importance of the matched topic (1 first; no topic counts as 3); (4) sheet order. " +
    "Priority: × and unresolved items on importance-1 topics are High, other × and unresolved items Medium, △ Low. (TICS Check's own rule.)",
};

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
    // One numeric sort key: answer class, then weakest field score (tenths, 0-1000), then importance, then order.
    const tenths = Math.max(0, Math.min(1000, Math.round(weak * 10)));
    const key = ((rank * 1001 + tenths) * 4 + imp) * 4194304 + order;
    rows.push({ it, rank, imp, key, topic });
  });
  rows.sort((a, b) => a.key - b.key);
  const fb = profile.fallback;
  return rows.map((r, i): PlanRow => {
    const advice = r.topic ?? fb;
    const priority: Priority = r.rank === 2 ? "low" : r.imp === 1 ? "high" : "medium";
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
      hint: advice.hint,
      firstStep: advice.firstStep,
      evidence: advice.evidence,
      references: advice.references,
    };
  });
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
