import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readRegularFile, readSmallFile } from "../../src/cli/read-file";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tics-read-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("readSmallFile", () => {
  it("gives a small regular file's bytes in an ArrayBuffer of their own (to transfer to a worker)", () => {
    const f = path.join(dir, "a.xlsx");
    const data = Buffer.from("PK\u0003\u0004 some bytes ".repeat(50));
    fs.writeFileSync(f, data);
    const b = readSmallFile(f, 1 << 20);
    expect(b).not.toBeNull();
    expect(Buffer.from(b!)).toEqual(data);
    expect(b!.byteOffset).toBe(0);
    // Not a slice of Node's shared buffer pool: transferring it takes nothing from anybody else.
    expect(b!.buffer.byteLength).toBeLessThanOrEqual(data.length + 1);
    expect(Buffer.from(readSmallFile(f, data.length)!)).toEqual(data);
  });

  it("an empty file is read as empty", () => {
    const f = path.join(dir, "empty.xlsx");
    fs.writeFileSync(f, "");
    expect(readSmallFile(f, 100)?.length).toBe(0);
  });

  it("null (the worker reads it and says what is wrong) for a larger file, a folder, a missing file, a FIFO", () => {
    const big = path.join(dir, "big.xlsx");
    fs.writeFileSync(big, Buffer.alloc(1001));
    expect(readSmallFile(big, 1000)).toBeNull();
    expect(readSmallFile(dir, 1000)).toBeNull();
    expect(readSmallFile(path.join(dir, "missing.xlsx"), 1000)).toBeNull();
    const fifo = path.join(dir, "pipe.xlsx");
    execFileSync("mkfifo", [fifo]);
    // Opened non-blocking: returns at once, without a writer on the other end.
    expect(readSmallFile(fifo, 1000)).toBeNull();
    expect(() => readRegularFile(fifo)).toThrow(expect.objectContaining({ code: "ENOTREG" }));
    expect(() => readRegularFile(dir)).toThrow(expect.objectContaining({ code: "EISDIR" }));
    expect(() => readRegularFile(path.join(dir, "missing.xlsx"))).toThrow(expect.objectContaining({ code: "ENOENT" }));
  });
});
