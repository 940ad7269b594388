/** The CLI's layering rules, checked on the import graph the CLI actually loads. */
import * as fs from "node:fs";
import * as path from "node:path";

const SRC = path.resolve(__dirname, "..", "..", "src");

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  // Static imports and exports, and the modules the CLI loads later with `await import("…")`.
  const statics = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]);
  const dynamic = [...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]);
  return [...statics, ...dynamic];
}

function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) if (fs.existsSync(c)) return c;
  return null;
}

/** Every source file reachable from `entry`, with the package imports each one makes. */
function graph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const todo = [entry];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    const specs = importsOf(f);
    seen.set(f, specs);
    for (const s of specs) {
      const r = resolveLocal(f, s);
      if (r) todo.push(r);
    }
  }
  return seen;
}

describe("CLI layering", () => {
  const cli = graph(path.join(SRC, "cli", "main.ts"));
  const worker = graph(path.join(SRC, "cli", "worker.ts"));

  it("never loads src/excel or src/taskpane", () => {
    const files = [...cli.keys(), ...worker.keys()].map((f) => path.relative(SRC, f));
    expect(files).toContain(path.join("app", "files.ts"));
    expect(files.filter((f) => f.startsWith("excel") || f.startsWith("taskpane"))).toEqual([]);
  });

  it("keeps Node imports out of src/core and out of browser-safe src/app and src/file modules", () => {
    for (const [f, specs] of cli) {
      const rel = path.relative(SRC, f);
      const nodeOk = rel.startsWith("cli") || /node/i.test(path.basename(rel));
      if (nodeOk) continue;
      expect({ file: rel, node: specs.filter((s) => s.startsWith("node:") || ["fs", "path", "os", "worker_threads"].includes(s)) }).toEqual({
        file: rel,
        node: [],
      });
    }
  });
});
