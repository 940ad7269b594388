/**
 * Node only: writes a file atomically. The bytes go to a temporary file in the same directory, are flushed to
 * disk (fsync), then renamed over the target, so a crash never leaves a half-written workbook. On failure the
 * temporary file is removed and the error is rethrown.
 *
 * Replacing an existing file keeps its permission bits (a private 600 copy stays 600) and, where the process may,
 * its owner and group. The target path is replaced as a name: when it is a symbolic link, the link itself is
 * replaced by the new file and the file it pointed to is left as it was (nothing is ever written through a link
 * into another place). The new file takes the mode of what the link pointed to.
 *
 * Temporary files being written are registered: `installSignalCleanup` removes them on SIGINT/SIGTERM and exits
 * with 130/143. `writeFileAtomicAsync` writes in slices and yields between them, so a signal is handled mid-write.
 */
import fs from "node:fs";
import { basename, dirname, join } from "node:path";

const pending = new Set<string>();

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
}

/** Mode (and owner) of the file being replaced, or null when there is none. */
function existing(path: string): { mode: number; uid: number; gid: number } | null {
  try {
    const st = fs.statSync(path);
    return st.isFile() ? { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid } : null;
  } catch {
    return null;
  }
}

function openTemp(path: string): { tmp: string; fd: number } {
  const tmp = tempName(path);
  const old = existing(path);
  // A new file gets 0666 less the umask, as any program's output; a replaced one keeps its mode.
  const fd = fs.openSync(tmp, "wx", old ? old.mode & 0o600 : 0o666);
  pending.add(tmp);
  if (old) {
    try {
      fs.fchownSync(fd, old.uid, old.gid);
    } catch {
      // only root (or the owner, for the group) may: keep ours
    }
    fs.fchmodSync(fd, old.mode);
  }
  return { tmp, fd };
}

function finish(path: string, tmp: string, fd: number): void {
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, path);
  pending.delete(tmp);
  // Make the rename durable where the platform allows syncing a directory.
  try {
    const dfd = fs.openSync(dirname(path), "r");
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Windows cannot open directories; the rename is still atomic there.
  }
}

function abandon(tmp: string, fd: number | null): void {
  if (fd !== null) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
  }
  try {
    fs.unlinkSync(tmp);
  } catch {
    // nothing to remove
  }
  pending.delete(tmp);
}

export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const { tmp, fd } = openTemp(path);
  let open: number | null = fd;
  try {
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    open = null;
    finish(path, tmp, fd);
  } catch (e) {
    abandon(tmp, open);
    throw e;
  }
}

const SLICE = 1 << 20;

/** The same, writing 1 MB at a time and yielding in between (signals are handled during a long write). */
export async function writeFileAtomicAsync(path: string, bytes: Uint8Array): Promise<void> {
  const { tmp, fd } = openTemp(path);
  let open: number | null = fd;
  try {
    let off = 0;
    while (off < bytes.length) {
      off += fs.writeSync(fd, bytes, off, Math.min(SLICE, bytes.length - off));
      if (off < bytes.length) await new Promise((r) => setImmediate(r));
    }
    open = null;
    finish(path, tmp, fd);
  } catch (e) {
    abandon(tmp, open);
    throw e;
  }
}

/** Temporary files currently being written (for tests). */
export function pendingTemps(): string[] {
  return [...pending];
}

/** Removes every temporary file being written (called on a signal). */
export function removePendingTemps(): void {
  for (const tmp of [...pending]) abandon(tmp, null);
}

let installed = false;
/** SIGINT/SIGTERM: remove temporary files, then exit 130/143 (the shell's usual status for these signals). */
export function installSignalCleanup(): void {
  if (installed) return;
  installed = true;
  for (const [sig, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.on(sig, () => {
      removePendingTemps();
      process.exit(code);
    });
  }
}
