/**
 * Proves `npx tics-check` works: builds the CLI with `npm run build:cli` and runs the real bin/tics-check.js
 * as a child process (this also exercises the worker-thread pool, which only runs from compiled JS).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import type { Report } from "../../src/core/model";
import { synthXlsx } from "./synth";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "tics-check.js");
let dir: string;

// Child processes on a busy 2-core machine can take seconds; these tests check results, not speed.
jest.setTimeout(60_000);

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  execFileSync("npm", ["run", "-s", "build:cli"], { cwd: ROOT, stdio: "pipe" });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-bin-"));
  for (let i = 0; i < 20; i++) {
    fs.writeFileSync(path.join(dir, `f${String(i).padStart(2, "0")}.xlsx`), synthXlsx({ items: 20 + i, company: `会社${i}` }));
  }
}, 180_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("bin/tics-check.js", () => {
  it("stops quietly with status 0 when the reader closes stdout early (tics-check … | head)", () => {
    // The reader exits after one byte; the CLI's later writes of a long JSON array hit a closed pipe (EPIPE).
    const files = Array.from({ length: 20 }, (_, i) => `f${String(i).padStart(2, "0")}.xlsx`).join(" ");
    const script = `( "${process.execPath}" "${BIN}" ${files} --json 2>pipe-err.txt; echo $? > pipe-rc.txt ) | head -c 1 >/dev/null`;
    spawnSync("sh", ["-c", script], { cwd: dir, encoding: "utf8" });
    expect(fs.readFileSync(path.join(dir, "pipe-err.txt"), "utf8")).toBe("");
    expect(fs.readFileSync(path.join(dir, "pipe-rc.txt"), "utf8").trim()).toBe("0");
  });

  it("checks a file and prints the report as JSON", () => {
    const r = cli(["f00.xlsx", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.file).toBe("f00.xlsx");
    expect(report.summary.items).toBe(20);
    expect(report.company).toBe("会社0");
  });

  it("exits 2 with a message and no stdout for a missing file", () => {
    const r = cli(["missing.xlsx"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("tics-check: missing.xlsx: ファイルが見つかりません。\n");
  });

  it("gives the same results on worker threads as in-process, in input order", () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".xlsx")).sort();
    const one = cli([...files, "--json", "--jobs", "1"]);
    const two = cli([...files, "--json", "--jobs", "2"]);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    const a = JSON.parse(one.stdout) as Report[];
    expect(a.map((r) => r.file)).toEqual(files);
    expect(a.map((r) => r.summary.items)).toEqual(files.map((_, i) => 20 + i));
    expect(JSON.parse(two.stdout)).toEqual(a);
  });

  it("runs the batch worker as one self-contained file (bundled by build:cli), with the same reports as a single-file run", () => {
    const worker = fs.readFileSync(path.join(ROOT, "dist", "cli", "worker.js"), "utf8");
    // Only Node's own modules are required: the engine, fflate and @borgar/fx are inside.
    const required = [...worker.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((r) => !builtinModules.includes(r.replace(/^node:/, "")))).toEqual([]);
    // A single file is checked in the main thread (the compiled modules), a batch on the worker (the bundle).
    const files = ["f03.xlsx", "f07.xlsx", "f11.xlsx"];
    const batch = JSON.parse(cli([...files, "--json"]).stdout) as Report[];
    expect(batch.map((r) => r.file)).toEqual(files);
    files.forEach((f, i) => expect(batch[i]).toEqual(JSON.parse(cli([f, "--json"]).stdout)));
  });

  it("prints the version", () => {
    const r = cli(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
