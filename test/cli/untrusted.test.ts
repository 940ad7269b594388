/**
 * Untrusted input: crafted workbooks generated here (nothing large is stored in the repository), each checked by
 * the compiled CLI in a child process whose heap is capped low (--max-old-space-size=256), so a regression fails
 * the test instead of the machine. Peak memory (maxRSS, which includes inflated buffers outside the heap) is
 * asserted too. Then batches with good files around every crafted file, with --jobs 1 and --jobs 2.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { craft, MiB, rawEntry, repeatedDeflate, SHEET_HEAD, SHEET_NS, SHEET_TAIL } from "../file/craft";
import { synthXlsx } from "./synth";

const ROOT = path.resolve(__dirname, "..", "..");
let dir: string;
let dist: string;
const HEAP_MB = 256;
/** The private build lives outside the repository: let it find the project's node_modules. */
const ENV = { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") };

jest.setTimeout(120_000);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child, MiB. */
  rssMb: number;
}

/** Runs the compiled CLI's main() in a child with a small heap and reports its peak memory. */
function cli(args: string[], heapMb = HEAP_MB): Run {
  const script = `
    const { main } = require(${JSON.stringify(path.join(dist, "cli", "main.js"))});
    let out = "", err = "";
    main(process.argv.slice(1), { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } }).then((code) => {
      process.stdout.write(JSON.stringify({ code, out, err, rss: process.resourceUsage().maxRSS }));
    });`;
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, "-e", script, ...args], { cwd: dir, env: ENV, encoding: "utf8", maxBuffer: 64 * MiB });
  if (r.status !== 0) return { status: r.status, stdout: "", stderr: r.stderr, rssMb: -1 };
  const j = JSON.parse(r.stdout) as { code: number; out: string; err: string; rss: number };
  return { status: j.code, stdout: j.out, stderr: j.err, rssMb: Math.round(j.rss / 1024) };
}

const base = () => synthXlsx({ items: 30, company: "テスト工業" });
const file = (name: string, bytes: Uint8Array): string => {
  fs.writeFileSync(path.join(dir, name), bytes);
  return name;
};

/** Every crafted file: name, expected outcome (a correct result or an error matching), memory bound (MiB). */
const CRAFTED: { name: string; make: () => Uint8Array; ok: boolean; error?: RegExp; rssMb: number }[] = [
  {
    name: "huge-address.xlsx",
    // A 7 KB workbook with one cell at ZZZZZ99999999 and a row r="2147483647" on an extra sheet.
    make: () =>
      craft(base(), {
        sheets: [
          { name: "番地", xml: `${SHEET_HEAD}<row r="99999999"><c r="ZZZZZ99999999" t="inlineStr"><is><t>x</t></is></c></row>${SHEET_TAIL}` },
          { name: "行", xml: `${SHEET_HEAD}<row r="2147483647"><c t="inlineStr"><is><t>y</t></is></c></row>${SHEET_TAIL}` },
        ],
      }),
    ok: true,
    rssMb: 250,
  },
  {
    name: "huge-address-in-checklist.xlsx",
    make: () =>
      craft(base(), {
        edit: (p) => {
          const k = [...p.keys()].find((n) => /^xl\/worksheets\/sheet1\.xml$/.test(n))!;
          p.set(k, p.get(k)!.replace("</sheetData>", '<row r="2147483647"><c r="A2147483647"><v>1</v></c></row></sheetData>'));
        },
      }),
    ok: false,
    error: /beyond Excel's grid/,
    rssMb: 250,
  },
  {
    name: "xfd-column.xlsx",
    // 40,000 cells in column XFD (inside Excel's grid).
    make: () => {
      let rows = "";
      for (let r = 1; r <= 40000; r++) rows += `<row r="${r}"><c r="XFD${r}"><v>${r}</v></c></row>`;
      return craft(base(), { sheets: [{ name: "XFD", xml: `${SHEET_HEAD}${rows}${SHEET_TAIL}` }] });
    },
    ok: true,
    rssMb: 300,
  },
  {
    name: "col-ranges.xlsx",
    // 50,000 <col min="1" max="16384" hidden="1"/> elements.
    make: () => {
      const cols = '<col min="1" max="16384" hidden="1"/>'.repeat(50000);
      const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${SHEET_NS}><cols>${cols}</cols><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>z</t></is></c></row></sheetData></worksheet>`;
      return craft(base(), { sheets: [{ name: "列", xml }] });
    },
    ok: true,
    rssMb: 300,
  },
  {
    name: "unreferenced-bombs.xlsx",
    // Four unreferenced parts of 2 GB of XML each: two declaring their size, two declaring 10 bytes.
    make: () => {
      const bomb = repeatedDeflate("<?xml version='1.0'?><x>", " ".repeat(MiB), 2048, "</x>");
      return craft(base(), {
        unreferenced: [0, 1, 2, 3].map((i) => rawEntry(`xl/unused/bomb${i}.xml`, bomb.raw, i < 2 ? Math.min(bomb.size, 0xfffffffe) : 10)),
      });
    },
    ok: true,
    rssMb: 300,
  },
  {
    name: "deep-sheet.xlsx",
    // A referenced sheet of 150 MB of white space, compressed about 1000:1, declaring its size.
    make: () => {
      const deep = repeatedDeflate(SHEET_HEAD, " ".repeat(MiB), 150, SHEET_TAIL);
      return craft(base(), { sheets: [{ name: "深い", raw: rawEntry("", deep.raw, deep.size) }] });
    },
    ok: false,
    error: /crafted1\.xml.*compression ratio of 200/,
    rssMb: 300,
  },
  {
    name: "lying-sheet.xlsx",
    // The same sheet declaring 1,000 bytes.
    make: () => {
      const deep = repeatedDeflate(SHEET_HEAD, " ".repeat(MiB), 150, SHEET_TAIL);
      return craft(base(), { sheets: [{ name: "嘘", raw: rawEntry("", deep.raw, 1000) }] });
    },
    ok: false,
    error: /crafted1\.xml.*compression ratio of 200/,
    rssMb: 300,
  },
  {
    name: "declared-sheet.xlsx",
    // 300 MB declared by the zip: refused before inflating anything.
    make: () => {
      const deep = repeatedDeflate(SHEET_HEAD, " ".repeat(MiB), 300, SHEET_TAIL);
      return craft(base(), { sheets: [{ name: "宣言", raw: rawEntry("", deep.raw, deep.size) }] });
    },
    ok: false,
    error: /crafted1\.xml.*200 MB per part \(size declared in the zip\)/,
    rssMb: 250,
  },
];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-untrusted-"));
  dist = path.join(dir, "dist");
  // A private build (not dist/; other tests build dist/ at the same time), made as `npm run build:cli` makes it.
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-cli.mjs"), dist], { cwd: ROOT, stdio: "pipe" });
  for (let i = 0; i < 4; i++) file(`good${i}.xlsx`, synthXlsx({ items: 20 + i, company: `会社${i}` }));
  for (const c of CRAFTED) file(c.name, c.make());
}, 300_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("crafted files, one at a time, heap capped at 256 MB", () => {
  it.each(CRAFTED.map((c) => [c.name, c] as const))("%s", (_n, c) => {
    const r = cli([c.name, "--json", "--lang", "en"]);
    expect(r.rssMb).toBeGreaterThan(0); // the child did not die
    if (c.ok) {
      expect(r.status).toBe(0);
      const rep = JSON.parse(r.stdout) as { items: unknown[]; company: string };
      expect(rep.items).toHaveLength(30);
      expect(rep.company).toBe("テスト工業");
    } else {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(c.error!);
    }
    expect(r.rssMb).toBeLessThan(c.rssMb);
  });

  it("--out on the file with unreferenced 2 GB parts copies them compressed, quickly and within memory", () => {
    const t0 = Date.now();
    const r = cli(["unreferenced-bombs.xlsx", "--out", "bombs-out.xlsx"]);
    expect(r.status).toBe(0);
    const inSize = fs.statSync(path.join(dir, "unreferenced-bombs.xlsx")).size;
    const outSize = fs.statSync(path.join(dir, "bombs-out.xlsx")).size;
    expect(outSize).toBeGreaterThan(inSize); // the bombs are still there, as they were
    expect(outSize).toBeLessThan(inSize + 200_000);
    expect(r.rssMb).toBeLessThan(300);
    expect(Date.now() - t0).toBeLessThan(60_000);
    // The copy is still a workbook whose checklist reads the same.
    const again = cli(["bombs-out.xlsx", "--json"]);
    expect(again.status).toBe(0);
  });
});

describe("a batch survives any file", () => {
  const names = () => {
    const list: string[] = [];
    CRAFTED.forEach((c, i) => list.push(`good${i % 4}.xlsx`, c.name));
    list.push("good3.xlsx");
    return list;
  };

  it.each([["1"], ["2"]])("--jobs %s: a summary with every good file's row and an error row for each bad one", (jobs) => {
    const list = names();
    const csv = `summary-${jobs}.csv`;
    const r = cli([...list, "--jobs", jobs, "--summary", csv, "--lang", "en"], 512);
    expect(r.status).toBe(2);
    const rows = fs.readFileSync(path.join(dir, csv), "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(rows).toHaveLength(list.length + 1);
    list.forEach((f, i) => {
      const row = rows[i + 1];
      expect(row.startsWith(`${f},`) || row.startsWith(`"${f}",`)).toBe(true);
      const c = CRAFTED.find((x) => x.name === f);
      if (!c || c.ok) expect(row).toMatch(/,(20|21|22|23|30),/);
      else expect(row).toMatch(/limit|grid/);
    });
  });

  it("a FIFO given as input is refused at once; a file that exhausts a worker's heap or time becomes an error row", async () => {
    execFileSync("mkfifo", [path.join(dir, "pipe.xlsx")]);
    fs.writeFileSync(path.join(dir, "large.xlsx"), synthXlsx({ items: 20000 }));
    const run = (jobs: number, files: string[], limits: { timeLimitMs?: number; memoryMb?: number }) =>
      new Promise<unknown>((resolve, reject) => {
        const script = `
          const { checkFiles } = require(${JSON.stringify(path.join(dist, "cli", "batch-node.js"))});
          checkFiles(${JSON.stringify(files)}, { jobs: ${jobs}, ...${JSON.stringify(limits)} }).then((res) => {
            process.stdout.write(JSON.stringify(res.map((r) => (r.ok ? r.report.summary.items : r.code))));
            process.exit(0);
          });`;
        const p = spawn(process.execPath, ["-e", script], { cwd: dir, env: ENV });
        let s = "";
        const timer = setTimeout(() => p.kill("SIGKILL"), 60_000);
        p.stdout.on("data", (d: Buffer) => (s += d.toString()));
        p.on("error", reject);
        p.on("close", () => {
          clearTimeout(timer);
          resolve(s ? JSON.parse(s) : null);
        });
      });
    for (const jobs of [1, 2]) {
      expect(await run(jobs, ["good0.xlsx", "pipe.xlsx", "good1.xlsx", "large.xlsx", "good2.xlsx"], { memoryMb: 12 })).toEqual([
        20,
        "unreadable",
        21,
        "out_of_memory",
        22,
      ]);
      // No 20,000-item workbook is checked within 1 ms: the worker is stopped, replaced, and the batch goes on.
      expect(await run(jobs, ["large.xlsx", "large.xlsx"], { timeLimitMs: 1 })).toEqual(["timeout", "timeout"]);
    }
  });
});

describe("writing", () => {
  it("SIGINT while writing a large --out over an existing file: exit 130, no temporary file, the old file intact", async () => {
    // 64 MB of incompressible "image" inside the workbook makes the copy large enough to interrupt.
    const img = new Uint8Array(64 * MiB);
    for (let i = 0; i < img.length; i += 65536) img.set(randomBytes(65536), i);
    file("images.xlsx", craft(base(), { unreferenced: [{ name: "xl/media/image1.png", raw: img, method: 0, crc: 0, size: img.length, time: 0, date: 0x21 }] }));
    fs.writeFileSync(path.join(dir, "target.xlsx"), "old");
    const bin = path.join(dir, "bin.js");
    fs.writeFileSync(
      bin,
      `const cli = require(${JSON.stringify(path.join(dist, "cli", "main.js"))}); cli.installSignalCleanup(); cli.main(process.argv.slice(2)).then((c) => process.exit(c));`,
    );
    const p = spawn(process.execPath, [bin, "images.xlsx", "--out", "target.xlsx"], { cwd: dir, env: ENV });
    const status = await new Promise<number | null>((resolve) => {
      const timer = setInterval(() => {
        if (fs.readdirSync(dir).some((f) => f.startsWith(".target.xlsx.") && f.endsWith(".tmp"))) {
          clearInterval(timer);
          p.kill("SIGINT");
        }
      }, 2);
      p.on("exit", (code) => {
        clearInterval(timer);
        resolve(code);
      });
    });
    expect(status).toBe(130);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(fs.readFileSync(path.join(dir, "target.xlsx"), "utf8")).toBe("old");
  });
});

describe("memory between files", () => {
  it("a workbook read leaves nothing that outlives a minor garbage collection (a batch worker reads hundreds)", () => {
    // Young generation large enough that 200 reads of a 150-item workbook fit in it: one minor collection after
    // them must free them. Per-sheet accessors made as closures once kept every read workbook through minor
    // collections until the next full one (~19 MB after these 200 reads), which cost a batch ~8 % of its time.
    file("retain.xlsx", synthXlsx({ items: 150, company: "保持" }));
    const script = `
      const fs = require("fs");
      const { readWorkbook } = require(${JSON.stringify(path.join(dist, "file", "xlsx-read.js"))});
      const b = fs.readFileSync("retain.xlsx");
      gc();
      let sheets = 0;
      for (let i = 0; i < 200; i++) sheets += readWorkbook(b).sheets.length;
      gc({ type: "minor" });
      const minor = process.memoryUsage().heapUsed;
      gc();
      process.stdout.write(JSON.stringify({ sheets, retained: minor - process.memoryUsage().heapUsed }));`;
    const r = spawnSync(process.execPath, ["--expose-gc", "--min-semi-space-size=64", "--max-semi-space-size=64", "-e", script], { cwd: dir, env: ENV, encoding: "utf8" });
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout) as { sheets: number; retained: number };
    expect(j.sheets).toBe(200);
    expect(j.retained).toBeLessThan(2 * MiB);
  });
});
