import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { autoJobs, checkFile, checkFiles, workerScript } from "../../src/cli/batch-node";
import { synthXlsx } from "./synth";

let dir: string;
let files: string[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-batch-"));
  files = [0, 1, 2].map((i) => {
    const f = path.join(dir, `f${i}.xlsx`);
    fs.writeFileSync(f, synthXlsx({ items: 5 + i }));
    return f;
  });
  files.push(path.join(dir, "missing.xlsx"));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("checkFiles", () => {
  it("runs in-process from TypeScript sources and keeps input order", async () => {
    expect(workerScript()).toBeNull();
    expect(autoJobs(500)).toBe(1);
    const progress: string[] = [];
    const res = await checkFiles(files, { jobs: 4, onProgress: (d, t) => progress.push(`${d}/${t}`) });
    expect(res.map((r) => (r.ok ? r.report.summary.items : r.code))).toEqual([5, 6, 7, "unreadable"]);
    expect(progress).toEqual(["1/4", "2/4", "3/4", "4/4"]);
  });

  it("falls back to in-process when a worker cannot start", async () => {
    const bad = path.join(dir, "bad-worker.js");
    fs.writeFileSync(bad, "throw new Error('worker broken');\n");
    const res = await checkFiles(files, { jobs: 2, script: bad });
    expect(res.map((r) => (r.ok ? r.report.summary.items : r.code))).toEqual([5, 6, 7, "unreadable"]);
  });

  it("checkFile keeps the bytes only when asked", () => {
    expect(checkFile(files[0]).bytes).toBeUndefined();
    expect(checkFile(files[0], undefined, true).bytes?.length).toBe(fs.statSync(files[0]).size);
  });
});
