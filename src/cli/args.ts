/** Command-line parsing for tics-check, by hand (no dependencies). */
import type { Bilingual } from "../core/model";

export type Lang = "ja" | "en";
export type FailOn = "invalid" | "blank";

export interface CliOptions {
  files: string[];
  json: boolean;
  lang: Lang;
  failOn: FailOn[];
  out: string | null;
  fix: boolean;
  report: string | null;
  summary: string | null;
  /** An earlier round's summary (.xlsx or .csv) to compare with (--previous, needs --summary). */
  previous: string | null;
  /** Worker threads for several files; null = decide automatically. */
  jobs: number | null;
  help: boolean;
  version: boolean;
  /** --profile FILE.json: a user profile instead of the built-in one. */
  profile: string | null;
  /** --print-profile: write the built-in profile (JSON) to stdout and exit. */
  printProfile: boolean;
}

export type ParseResult = { ok: true; options: CliOptions } | { ok: false; error: Bilingual; lang: Lang };

const VALUE_OPTIONS = new Set(["--lang", "--fail-on", "--out", "--report", "--summary", "--previous", "--jobs", "--profile"]);

function err(lang: Lang, ja: string, en: string): ParseResult {
  return { ok: false, error: { ja, en }, lang };
}

/** The language asked for anywhere on the line (so even an early parse error speaks it). */
function langOf(argv: string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--lang" && argv[i + 1] === "en") return "en";
    if (argv[i] === "--lang=en") return "en";
  }
  return "ja";
}

export function parseArgs(argv: string[]): ParseResult {
  const lang = langOf(argv);
  const o: CliOptions = {
    files: [],
    json: false,
    lang,
    failOn: [],
    out: null,
    fix: false,
    report: null,
    summary: null,
    previous: null,
    jobs: null,
    help: false,
    version: false,
    profile: null,
    printProfile: false,
  };
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyFiles || arg === "-" || !arg.startsWith("-")) {
      o.files.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyFiles = true;
      continue;
    }
    let name = arg;
    let value: string | undefined;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      name = arg.slice(0, eq);
      value = arg.slice(eq + 1);
    }
    if (VALUE_OPTIONS.has(name) && value === undefined) {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith("--") && value.length > 2)) {
        return err(lang, `${name} には値が必要です。`, `${name} needs a value.`);
      }
      i++;
    } else if (!VALUE_OPTIONS.has(name) && value !== undefined) {
      return err(lang, `${name} は値を取りません。`, `${name} takes no value.`);
    }
    switch (name) {
      case "-h":
      case "--help":
        o.help = true;
        break;
      case "-v":
      case "--version":
        o.version = true;
        break;
      case "--json":
        o.json = true;
        break;
      case "--profile":
        o.profile = value ?? null;
        break;
      case "--print-profile":
        o.printProfile = true;
        break;
      case "--fix":
        o.fix = true;
        break;
      case "--lang":
        if (value !== "ja" && value !== "en") {
          return err(lang, `--lang は ja か en を指定してください（指定値: ${value}）。`, `--lang must be ja or en (got: ${value}).`);
        }
        o.lang = value;
        break;
      case "--fail-on": {
        for (const part of (value ?? "").split(",")) {
          const p = part.trim();
          if (p !== "invalid" && p !== "blank") {
            return err(
              lang,
              `--fail-on は invalid か blank（カンマ区切りで両方も可）を指定してください（指定値: ${value}）。`,
              `--fail-on must be invalid or blank (or both, comma-separated) (got: ${value}).`,
            );
          }
          if (!o.failOn.includes(p)) o.failOn.push(p);
        }
        break;
      }
      case "--out":
        o.out = value ?? null;
        break;
      case "--report":
        o.report = value ?? null;
        break;
      case "--summary":
        o.summary = value ?? null;
        break;
      case "--previous":
        o.previous = value ?? null;
        break;
      case "--jobs": {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1 || n > 64) {
          return err(lang, `--jobs は 1〜64 の整数を指定してください（指定値: ${value}）。`, `--jobs must be an integer from 1 to 64 (got: ${value}).`);
        }
        o.jobs = n;
        break;
      }
      default:
        return err(
          lang,
          `不明なオプションです: ${arg}（tics-check --help で使い方を表示します）`,
          `Unknown option: ${arg} (tics-check --help shows the usage)`,
        );
    }
  }
  if (o.help || o.version || o.printProfile) return { ok: true, options: o };
  if (o.files.length === 0) {
    return err(lang, "チェックする .xlsx ファイルを指定してください。", "Give at least one .xlsx file to check.");
  }
  if (o.fix && !o.out) return err(lang, "--fix は --out と一緒に指定してください。", "--fix needs --out.");
  if (o.out && o.files.length > 1) {
    return err(lang, "--out は入力ファイルが 1 つのときだけ使えます。", "--out works with one input file only.");
  }
  if (o.report && o.files.length > 1) {
    return err(lang, "--report は入力ファイルが 1 つのときだけ使えます。", "--report works with one input file only.");
  }
  if (o.out && !/\.(xlsx|xlsm|xltx|xltm)$/i.test(o.out)) {
    return err(lang, `--out の出力先は .xlsx（マクロ有効ブックは .xlsm）にしてください: ${o.out}`, `--out must name an .xlsx file (.xlsm for a macro-enabled workbook): ${o.out}`);
  }
  if (o.summary && !/\.(xlsx|csv)$/i.test(o.summary)) {
    return err(lang, `--summary の出力先は .xlsx か .csv にしてください: ${o.summary}`, `--summary must name an .xlsx or .csv file: ${o.summary}`);
  }
  if (o.previous && !o.summary) return err(lang, "--previous は --summary と一緒に指定してください。", "--previous needs --summary.");
  if (o.previous && !/\.(xlsx|csv)$/i.test(o.previous)) {
    return err(lang, `--previous には前回の集計（.xlsx か .csv）を指定してください: ${o.previous}`, `--previous must name an earlier summary (.xlsx or .csv): ${o.previous}`);
  }
  return { ok: true, options: o };
}

export function helpText(version: string): string {
  return `tics-check ${version}
技術情報管理 自己チェックリスト（TICS）のブックを読み、回答を確認し、分野別スコアと改善計画を表示します。
Reads a TICS self-check workbook, validates the answers, scores each field and proposes an improvement plan.
ファイルの内容が外部に送られることはありません。 / Nothing leaves this computer.

使い方 / Usage:
  tics-check [オプション/options] FILE.xlsx [FILE.xlsx ...]

オプション / Options:
  --lang ja|en          表示言語（既定: ja） / output language (default: ja)
  --json                結果を JSON で出力（1 ファイルはオブジェクト、複数は配列。読めないファイルは {file, error}）
                        print JSON (one file: the report object; several: an array, failed files as {file, error})
  --fail-on invalid|blank
                        該当する項目があれば終了コード 1（invalid = 無効な値と「-」不可、blank = 未回答。
                        "invalid,blank" で両方） / exit 1 when such items exist (invalid = invalid values and
                        「-」 where not allowed, blank = unanswered; "invalid,blank" for both)
  --out OUT.xlsx        診断結果・改善計画シートを加えたコピーを保存（入力は変更しません。入力 1 つのみ）
                        save an annotated copy with the results and plan sheets (input untouched; one input only)
  --fix                 --out のコピーで表記ゆれ（〇 など）を正しい記号に直す / in the --out copy, rewrite look-alikes
  --report OUT.html     印刷できる HTML レポートを保存（入力 1 つのみ） / save a printable HTML report (one input only)
  --summary OUT.xlsx|OUT.csv
                        複数ファイルの集計（1 行 1 ファイル）。xlsx は「問題一覧」シート付き、csv は
                        OUT-problems.csv を併せて保存 / batch summary, one row per file; the xlsx has a
                        「問題一覧」 (problems) sheet, a csv gets OUT-problems.csv beside it
  --previous OLD.xlsx|OLD.csv
                        --summary に前回の集計との比較を加える（取引先ごとの総合・準備度・分野の変化、悪化と
                        未回答の取引先に印） / with --summary: add the change since an earlier summary per supplier
                        (overall, readiness, each field), marking suppliers that got worse or did not answer again
  --jobs N              複数ファイルを N 個のワーカースレッドで確認（既定: 1。CPU のコア数 - 1 まで。各ファイルに
                        メモリーと時間の上限） / check files on N worker threads (default 1, at most the CPU
                        cores - 1; each file has a memory and a time limit)
  --profile FILE.json   独自のプロファイル（分野、キーワード規則、「-」の規則、ヒント、配点）を使う。誤りがあれば
                        項目ごとに示して終了コード 2 / use your own profile (fields, keyword rules, 「-」 rules,
                        hints, weights); a bad file exits 2 naming each bad entry
  --print-profile       組み込みのプロファイルを JSON で出力（--profile の雛形。そのまま読み込めます）
                        print the built-in profile as JSON (a starting point for --profile; loads back as is)
  -h, --help            この説明 / this help
  -v, --version         バージョン / version

終了コード / Exit status:
  0  ブックを読めた（内容の問題の有無にかかわらず） / the workbook was read, whatever it found
  1  --fail-on で指定した項目があった / --fail-on items exist
  2  読めない、チェックリストが見つからない、使い方の誤り（stdout には何も出力しません）
     cannot be read, no checklist, or bad usage (nothing on stdout)
  複数ファイルでは各ファイルの値の最大値。--json の配列は 2 のときも stdout に出力します。
  With several files the status is the highest over the files; with --json the array is still printed.
`;
}
