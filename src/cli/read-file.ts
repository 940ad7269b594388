/**
 * Reading an input file's bytes (Node only, no engine): the CLI's checks, each batch worker, and the batch's main
 * thread, which reads the next files while a worker checks the one before.
 */
import * as fs from "node:fs";

/** A file system error with Node's code (ENOENT, EISDIR …) or ENOTREG for anything that is not a regular file. */
function codeError(message: string, code: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

/**
 * Reads a regular file. Opened non-blocking and checked with fstat before reading, so a FIFO, a device or a socket
 * given as input is refused at once instead of blocking (or reading without end).
 */
export function readRegularFile(file: string): Uint8Array {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw codeError("EISDIR", "EISDIR");
    if (!st.isFile()) throw codeError("not a regular file", "ENOTREG");
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A regular file's bytes when it holds at most `maxBytes`, in an ArrayBuffer of its own (so it can be transferred to
 * a worker); null when it is larger, is not a regular file, changed size while being read, or cannot be read for any
 * reason. Never throws: whoever gets null reads the file itself and reports what is wrong with it.
 */
export function readSmallFile(file: string, maxBytes: number): Uint8Array | null {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return null;
    // One byte more than fstat said: a file that grew since is left to the worker (which reads it to its end).
    const buf = new Uint8Array(st.size + 1);
    let got = 0;
    for (let n; got < buf.length && (n = fs.readSync(fd, buf, got, buf.length - got, null)) > 0; ) got += n;
    return got === st.size ? new Uint8Array(buf.buffer, 0, got) : null;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
