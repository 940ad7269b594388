/**
 * --profile FILE.json (validated with ajv against PROFILE_SCHEMA, one line per bad entry, exit 2) and
 * --print-profile (its output loads back unchanged).
 */
import { run } from "./run-cli";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProfile, profileText } from "../../src/cli/profile-file";
import { parseArgs } from "../../src/cli/args";
import type { Report } from "../../src/core/model";
import { TICS_2024 } from "../../src/core/profile/tics-2024";
import { synthXlsx } from "./synth";

let dir: string;
let good: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-profile-"));
  good = path.join(dir, "good.xlsx");
  fs.writeFileSync(good, synthXlsx({ items: 12 }));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("args: --profile takes a file, --print-profile needs no input", () => {
  const a = parseArgs(["--profile", "p.json", "x.xlsx"]);
  expect(a.ok && a.options.profile).toBe("p.json");
  const b = parseArgs(["--print-profile"]);
  expect(b.ok && b.options.printProfile).toBe(true);
  expect(parseArgs(["--profile"]).ok).toBe(false);
});

test("--print-profile output loads back unchanged (same profile, same text)", async () => {
  const printed = await run(["--print-profile"]);
  expect(printed.code).toBe(0);
  expect(printed.err).toBe("");
  const loaded = parseProfile(printed.out);
  expect(loaded.ok).toBe(true);
  if (!loaded.ok) return;
  expect(loaded.profile).toEqual(TICS_2024);
  expect(profileText(loaded.profile)).toBe(printed.out);
  // Through the CLI as well: print the loaded file again.
  const file = path.join(dir, "printed.json");
  fs.writeFileSync(file, printed.out);
  const again = await run(["--print-profile", "--profile", file]);
  expect(again).toEqual({ code: 0, out: printed.out, err: "" });
});

test("--profile: a user profile changes fields and weights of the check", async () => {
  const p = JSON.parse(profileText());
  p.id = "my-profile";
  p.weights["△"] = 0.25;
  p.fields = [{ id: "all", name: { ja: "全体", en: "All" }, aliases: [] }];
  for (const t of p.topics) t.fields = ["all"];
  const file = path.join(dir, "mine.json");
  fs.writeFileSync(file, JSON.stringify(p));
  const r = await run(["--json", "--profile", file, good]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  const report = JSON.parse(r.out) as Report;
  expect(report.profile).toBe("my-profile");
  expect(report.fields.map((f) => f.name)).toEqual(["全体"]);
});

test("--profile with a broken file exits 2 naming every bad entry, nothing on stdout", async () => {
  const p = JSON.parse(profileText());
  p.topics[0].keywords[0] = 42; // not a string or {text, weight}
  delete p.topics[2].hint; // missing
  p.topics[3].fields = ["nowhere"]; // unknown field (semantic check, reported once the schema passes)
  p.weights["○"] = 5; // out of range
  p.extra = true; // not allowed
  const file = path.join(dir, "broken.json");
  fs.writeFileSync(file, JSON.stringify(p));
  const r = await run(["--profile", file, good]);
  expect(r.code).toBe(2);
  expect(r.out).toBe("");
  expect(r.err).toContain("プロファイルに誤りがあります");
  expect(r.err).toContain(`topics[0] (id "${TICS_2024.topics[0].id}").keywords[0]`);
  expect(r.err).toContain(`topics[2] (id "${TICS_2024.topics[2].id}"): 「hint」がありません`);
  expect(r.err).toContain("weights.○");
  expect(r.err).toContain("「extra」は使えない項目です");

  // Schema fixed, the unknown field remains: named too.
  const q = JSON.parse(profileText());
  q.topics[3].fields = ["nowhere"];
  fs.writeFileSync(file, JSON.stringify(q));
  const r2 = await run(["--lang", "en", "--profile", file, good]);
  expect(r2.code).toBe(2);
  expect(r2.err).toContain(`topics[3] (id "${TICS_2024.topics[3].id}").fields[0]: field "nowhere" is not in fields.`);

  fs.writeFileSync(file, "{ not json");
  const r3 = await run(["--profile", file, good]);
  expect(r3.code).toBe(2);
  expect(r3.err).toContain("JSON として読めません");
  const r4 = await run(["--profile", path.join(dir, "missing.json"), good]);
  expect(r4.code).toBe(2);
  expect(r4.err).toContain("プロファイルを読めません");
});
