import fs from "node:fs";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../../src/file/atomic-node";

describe("writeFileAtomic", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tics-atomic-"));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes to a temporary file in the target's own directory, then renames it over the target", () => {
    const path = join(dir, "out.xlsx");
    const rename = jest.spyOn(fs, "renameSync");
    writeFileAtomic(path, new Uint8Array([1]));
    expect(rename).toHaveBeenCalledTimes(1);
    const [from, to] = rename.mock.calls[0] as [string, string];
    expect(to).toBe(path);
    expect(join(from, "..")).toBe(dir);
    expect(from).not.toBe(path);
  });

  it("a failure while writing leaves the old file as it was and no temporary file", () => {
    const path = join(dir, "out.xlsx");
    writeFileSync(path, "old");
    jest.spyOn(fs, "writeSync").mockImplementation(() => {
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    });
    expect(() => writeFileAtomic(path, new Uint8Array(1000))).toThrow(/ENOSPC/);
    expect(readFileSync(path, "utf8")).toBe("old");
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
  });

  it("writes a new file and replaces an existing one, leaving no temporary file", () => {
    const path = join(dir, "out.xlsx");
    writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    writeFileSync(path, "old content that is longer");
    const big = new Uint8Array(300_000).map((_, i) => i & 0xff);
    writeFileAtomic(path, big);
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(big))).toBe(true);
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
  });

  it("fails cleanly when the target cannot be replaced, removing its temporary file", () => {
    const target = join(dir, "a-directory");
    mkdirSync(join(target, "inside"), { recursive: true });
    expect(() => writeFileAtomic(target, new Uint8Array([9]))).toThrow();
    expect(readdirSync(dir)).toEqual(["a-directory"]);
  });

  it("fails when the directory does not exist", () => {
    expect(() => writeFileAtomic(join(dir, "missing", "x.xlsx"), new Uint8Array([1]))).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
