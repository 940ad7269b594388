import { helpText, parseArgs } from "../../src/cli/args";

describe("parseArgs", () => {
  it("takes files and defaults", () => {
    const r = parseArgs(["a.xlsx", "b.xlsx"]);
    expect(r).toEqual({
      ok: true,
      options: {
        files: ["a.xlsx", "b.xlsx"], json: false, lang: "ja", failOn: [], out: null, fix: false,
        report: null, summary: null, previous: null, jobs: null, help: false, version: false, profile: null, printProfile: false,
      },
    });
  });

  it("reads every option, with a space or =", () => {
    const r = parseArgs(["--json", "--lang=en", "--fail-on", "invalid,blank", "--out", "o.xlsx", "--fix", "--report=r.html", "x.xlsx"]);
    if (!r.ok) throw new Error(r.error.en);
    expect(r.options).toMatchObject({ json: true, lang: "en", failOn: ["invalid", "blank"], out: "o.xlsx", fix: true, report: "r.html", files: ["x.xlsx"] });
    const s = parseArgs(["--summary", "s.csv", "--jobs", "2", "a", "b"]);
    expect(s.ok && s.options.summary).toBe("s.csv");
    expect(s.ok && s.options.jobs).toBe(2);
  });

  it("treats everything after -- as files", () => {
    const r = parseArgs(["--", "--json"]);
    expect(r.ok && r.options.files).toEqual(["--json"]);
  });

  it.each([
    [["--bogus", "a.xlsx"], "不明なオプションです: --bogus"],
    [["a.xlsx", "--lang"], "--lang には値が必要です"],
    [["--lang", "fr", "a.xlsx"], "--lang は ja か en"],
    [["--fail-on", "ok", "a.xlsx"], "--fail-on は invalid か blank"],
    [[], "ファイルを指定してください"],
    [["--fix", "a.xlsx"], "--fix は --out と一緒に"],
    [["--out", "o.xlsx", "a.xlsx", "b.xlsx"], "--out は入力ファイルが 1 つ"],
    [["--report", "r.html", "a.xlsx", "b.xlsx"], "--report は入力ファイルが 1 つ"],
    [["--summary", "s.txt", "a.xlsx"], "--summary の出力先は .xlsx か .csv"],
    [["--out", "o.txt", "a.xlsx"], "--out の出力先は .xlsx"],
    [["--jobs", "0", "a.xlsx"], "--jobs は 1〜64"],
    [["--json=1", "a.xlsx"], "--json は値を取りません"],
  ])("rejects %j in Japanese", (argv, msg) => {
    const r = parseArgs(argv as string[]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.ja).toContain(msg);
      expect(r.lang).toBe("ja");
      expect(r.error.en.length).toBeGreaterThan(0);
    }
  });

  it("an error speaks English when --lang en is anywhere", () => {
    const r = parseArgs(["--bogus", "--lang", "en"]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.lang).toBe("en");
      expect(r.error.en).toBe("Unknown option: --bogus (tics-check --help shows the usage)");
    }
  });

  it("help and version need no file", () => {
    expect(parseArgs(["-h"])).toMatchObject({ ok: true, options: { help: true } });
    expect(parseArgs(["--version"])).toMatchObject({ ok: true, options: { version: true } });
  });

  it("help is bilingual and documents exit codes", () => {
    const h = helpText("1.2.3");
    expect(h).toContain("tics-check 1.2.3");
    expect(h).toContain("使い方 / Usage");
    for (const o of ["--json", "--lang", "--fail-on", "--out", "--fix", "--report", "--summary", "--jobs"]) expect(h).toContain(o);
    expect(h).toContain("終了コード / Exit status");
    expect(h).toMatch(/^ {2}2 {2}読めない/m);
  });
});
