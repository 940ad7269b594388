/**
 * --previous: reading the earlier round and writing the summary with the change columns. Its own module so the CLI's
 * batch code stays as it is (src/core/rounds.ts holds the rules, src/app/rounds.ts the files).
 */
import * as fs from "node:fs";
import { describeError } from "../app/files";
import { problemsCsv, problemsCsvName, summaryFormatOf } from "../app/batch";
import { readPreviousSummary, summaryCsvWithPrevious, summaryRowsWithPrevious, summaryXlsxWithPrevious } from "../app/rounds";
import type { Bilingual } from "../core/model";
import { TICS_2024 } from "../core/profile/tics-2024";
import type { Round } from "../core/rounds";
import type { SummaryInput } from "../core/summary";
import type { CliOptions, Lang } from "./args";
import type { CliIo } from "./main";

/** Earlier summaries larger than this are refused (a summary of thousands of suppliers stays far below). */
export const MAX_PREVIOUS_BYTES = 50 * 1024 * 1024;

/** The earlier round, or null after a message on stderr. */
export function loadPrevious(io: CliIo, o: CliOptions): Round | null {
  const file = o.previous as string;
  const say = (m: Bilingual): void => io.stderr(`tics-check: ${m[o.lang]}\n`);
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_PREVIOUS_BYTES) {
      say({ ja: `前回の集計が大きすぎます（${size} バイト）: ${file}`, en: `The previous summary is too big (${size} bytes): ${file}` });
      return null;
    }
    return readPreviousSummary(new Uint8Array(fs.readFileSync(file)), file);
  } catch (err) {
    const d = describeError(err).error;
    say({ ja: `前回の集計を読めません（${file}）: ${d.ja}`, en: `Cannot read the previous summary (${file}): ${d.en}` });
    return null;
  }
}

type Save = (io: CliIo, lang: Lang, file: string, data: Uint8Array | string, what: Bilingual) => Promise<boolean>;

/** Writes --summary with the change columns (and the problem CSV beside a CSV summary). */
export async function summaryWithRounds(io: CliIo, o: CliOptions, results: SummaryInput[], previous: Round, save: Save): Promise<boolean> {
  const out = o.summary as string;
  const lang = o.lang;
  const what = { ja: "集計（前回比つき）", en: "the summary (with the change since the previous round)" };
  if (summaryFormatOf(out) === "xlsx") return save(io, lang, out, summaryXlsxWithPrevious(results, lang, previous, TICS_2024), what);
  if (!(await save(io, lang, out, summaryCsvWithPrevious(results, lang, previous, TICS_2024), what))) return false;
  return save(io, lang, problemsCsvName(out), problemsCsv(results, lang), { ja: "問題一覧", en: "the problem list" });
}

/** One stdout line per supplier that got worse or did not answer again (after the per-file lines). */
export function roundsText(results: SummaryInput[], previous: Round, lang: Lang): string {
  const rows = summaryRowsWithPrevious(results, lang, previous, TICS_2024);
  const col = rows[0].findIndex((h) => h === "前回比の判定" || h === "Since last round");
  const lines: string[] = [];
  for (const r of rows.slice(1)) {
    const s = String(r[col] ?? "");
    if (!/悪化|未回答|worse|did not answer/.test(s)) continue;
    const who = r[1] ? `${String(r[1])} (${String(r[0])})` : String(r[0]);
    const overall = r[col + 1];
    lines.push(`${s}: ${who}${typeof overall === "number" ? ` ${overall > 0 ? "+" : ""}${overall}` : ""}`);
  }
  if (lines.length === 0) return lang === "ja" ? "前回比: 悪化・未回答の取引先はありません\n" : "Since last round: no supplier got worse or went missing\n";
  return lines.join("\n") + "\n";
}
