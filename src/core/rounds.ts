/**
 * Batch across rounds (`--summary OUT --previous OLD`): reads an earlier summary (the grid of its first sheet, or
 * its CSV text) and adds to the current one, per supplier, the change of overall, readiness and each field, a
 * status (worse, better, unchanged, new) and a row for each supplier of the earlier round that did not answer again.
 *
 * Suppliers are matched by company name when both rounds know it, else by file name (without folders). Works on
 * summary grids only (header + rows, as `summaryRows` makes them), so it reads summaries written by any earlier
 * version in either language, including ones that already carry change columns. Pure.
 */
import type { CellValue } from "./model";

type Lang = "ja" | "en";

const LABELS = {
  file: ["ファイル", "File"],
  company: ["会社名", "Company"],
  overall: ["総合スコア", "Overall score"],
  readiness: ["準備度", "Readiness"],
  error: ["エラー", "Error"],
};

const R = {
  ja: {
    status: "前回比の判定",
    change: "前回比: ",
    worse: "悪化",
    better: "改善",
    same: "変化なし",
    added: "新規（前回なし）",
    missing: "未回答（前回あり・今回なし）",
    failed: "今回読めず",
  },
  en: {
    status: "Since last round",
    change: "Change: ",
    worse: "worse",
    better: "better",
    same: "unchanged",
    added: "new (not in the last round)",
    missing: "did not answer again",
    failed: "unreadable this round",
  },
} as const;

/** Headers of columns this module adds (either language): never read as fields of an earlier summary. */
function isAddedHeader(h: string): boolean {
  return h === R.ja.status || h === R.en.status || h.startsWith(R.ja.change) || h.startsWith(R.en.change);
}

export interface RoundRow {
  file: string;
  company: string;
  overall: number | null;
  readiness: number | null;
  /** Field scores by the header text (field name as written in that summary). */
  fields: Map<string, number | null>;
  error: boolean;
}

export interface Round {
  rows: RoundRow[];
  /** Field headers in column order. */
  fields: string[];
}

function str(v: CellValue | undefined): string {
  return v == null ? "" : String(v).trim();
}

function num(v: CellValue | undefined): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** Reads a summary grid (header in row 0). Throws a bilingual error when the grid is not a TICS Check summary. */
export function readRound(grid: CellValue[][]): Round {
  const header = (grid[0] ?? []).map(str);
  const col = (names: string[]): number => header.findIndex((h) => names.includes(h));
  const file = col(LABELS.file);
  const company = col(LABELS.company);
  const overall = col(LABELS.overall);
  const readiness = col(LABELS.readiness);
  let error = col(LABELS.error);
  if (file < 0 || overall < 0 || readiness < 0) {
    throw {
      code: "bad_previous",
      messages: {
        ja: "前回の集計として読めません（「ファイル」「総合スコア」「準備度」の見出しがありません）。tics-check --summary で作った .xlsx か .csv を指定してください。",
        en: "This is not a summary written by tics-check --summary (no File / Overall score / Readiness header).",
      },
    };
  }
  if (error < 0) error = header.length;
  const fieldCols: number[] = [];
  for (let c = readiness + 1; c < error; c++) if (header[c] && !isAddedHeader(header[c])) fieldCols.push(c);
  const rows: RoundRow[] = [];
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const f = str(row[file]);
    if (!f) continue;
    rows.push({
      file: f,
      company: company >= 0 ? str(row[company]) : "",
      overall: num(row[overall]),
      readiness: num(row[readiness]),
      fields: new Map(fieldCols.map((c) => [header[c], num(row[c])] as const)),
      error: error < header.length && str(row[error]) !== "",
    });
  }
  return { rows, fields: fieldCols.map((c) => header[c]) };
}

/** A file name without folders (either separator) — the same supplier's file sits in another folder each round. */
function baseOf(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function matcher(previous: Round): (row: RoundRow) => RoundRow | null {
  const byCompany = new Map<string, RoundRow>();
  const byFile = new Map<string, RoundRow>();
  for (const p of previous.rows) {
    if (p.company && !byCompany.has(p.company)) byCompany.set(p.company, p);
    const b = baseOf(p.file);
    if (!byFile.has(b)) byFile.set(b, p);
  }
  return (row) => (row.company ? byCompany.get(row.company) : undefined) ?? byFile.get(baseOf(row.file)) ?? null;
}

function delta(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.round((a - b) * 10) / 10;
}

export type RoundStatus = "worse" | "better" | "same" | "added" | "missing" | "failed";

export interface RoundChange {
  file: string;
  company: string;
  status: RoundStatus;
  overall: number | null;
  readiness: number | null;
  fields: (number | null)[];
}

/**
 * Compares the current summary grid with the previous round. Worse: overall or readiness went down. Better: neither
 * went down and one went up. A supplier of the previous round without a row now did not answer again.
 */
export function compareRounds(current: CellValue[][], previous: Round): { changes: RoundChange[]; fields: string[] } {
  const now = readRound(current);
  const match = matcher(previous);
  const used = new Set<RoundRow>();
  const changes: RoundChange[] = [];
  for (const row of now.rows) {
    const p = match(row);
    if (p) used.add(p);
    if (row.error) {
      changes.push({ file: row.file, company: row.company, status: "failed", overall: null, readiness: null, fields: now.fields.map(() => null) });
      continue;
    }
    // No earlier scores (not there, unreadable, or itself a "did not answer" row): nothing to compare with.
    if (!p || p.error || (p.overall === null && p.readiness === null)) {
      changes.push({ file: row.file, company: row.company, status: "added", overall: null, readiness: null, fields: now.fields.map(() => null) });
      continue;
    }
    const o = delta(row.overall, p.overall);
    const r = delta(row.readiness, p.readiness);
    const status: RoundStatus = (o ?? 0) < 0 || (r ?? 0) < 0 ? "worse" : (o ?? 0) > 0 || (r ?? 0) > 0 ? "better" : "same";
    changes.push({
      file: row.file,
      company: row.company,
      status,
      overall: o,
      readiness: r,
      fields: now.fields.map((f) => delta(row.fields.get(f) ?? null, p.fields.has(f) ? (p.fields.get(f) ?? null) : null)),
    });
  }
  for (const p of previous.rows) {
    if (used.has(p)) continue;
    changes.push({ file: p.file, company: p.company, status: "missing", overall: null, readiness: null, fields: now.fields.map(() => null) });
  }
  return { changes, fields: now.fields };
}

export function statusLabel(s: RoundStatus, lang: Lang): string {
  return R[lang][s];
}

/**
 * The current summary grid with the change columns appended (status, change of overall, readiness and each
 * field) and one row per supplier that did not answer again (file and company of the earlier round).
 */
export function summaryWithPrevious(current: CellValue[][], previous: Round, lang: Lang): CellValue[][] {
  const { changes, fields } = compareRounds(current, previous);
  const l = R[lang];
  const header = current[0] ?? [];
  const width = header.length;
  const added = [l.status, `${l.change}${LABELS.overall[lang === "ja" ? 0 : 1]}`, `${l.change}${LABELS.readiness[lang === "ja" ? 0 : 1]}`, ...fields.map((f) => `${l.change}${f}`)];
  const out: CellValue[][] = [[...header, ...added]];
  const pad = (row: CellValue[]): CellValue[] => {
    const r = row.slice(0, width);
    while (r.length < width) r.push(null);
    return r;
  };
  const fileCol = header.findIndex((h) => LABELS.file.includes(str(h)));
  const companyCol = header.findIndex((h) => LABELS.company.includes(str(h)));
  let i = 0;
  for (let r = 1; r < current.length; r++) {
    const row = current[r] ?? [];
    // the same rows readRound took (a row without a file name is none)
    if (!str(row[fileCol])) continue;
    const c = changes[i++];
    out.push([...pad(row), statusLabel(c.status, lang), c.overall, c.readiness, ...c.fields]);
  }
  for (; i < changes.length; i++) {
    const c = changes[i];
    const row: CellValue[] = new Array<CellValue>(width).fill(null);
    if (fileCol >= 0) row[fileCol] = c.file;
    if (companyCol >= 0) row[companyCol] = c.company || null;
    out.push([...row, statusLabel(c.status, lang), null, null, ...fields.map(() => null)]);
  }
  return out;
}

/**
 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF; a leading BOM is dropped). A leading
 * apostrophe that `toCsv` put before text starting with = + - @ is removed again. Numbers stay text here;
 * readRound reads them as numbers. Bounded: at most `maxCells` cells.
 */
export function parseCsv(text: string, maxCells = 2_000_000): CellValue[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CellValue[][] = [];
  let row: CellValue[] = [];
  let field = "";
  let quoted = false;
  let cells = 0;
  const endField = (): void => {
    if (++cells > maxCells) throw { code: "too_big", messages: { ja: "CSV が大きすぎます。", en: "The CSV is too big." } };
    row.push(/^'[=+\-@\t\r]/.test(field) ? field.slice(1) : field);
    field = "";
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") endField();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== "" || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}
