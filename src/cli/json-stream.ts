/**
 * `--json` as a stream: the document is written in slices of about 1 MB (waiting for each to drain), never built
 * as one string. The text is exactly JSON.stringify(value, null, 2).
 *
 * Only the outer containers are split (the document, the reports of a batch, and long arrays such as `items` or
 * `plan`); each element of those is stringified natively in one call, which is many times faster than walking it
 * key by key and still keeps every string small.
 */
const SLICE = 1 << 20;
/** Arrays at least this long are split into their elements wherever they are; objects only near the top. */
const SPLIT_ARRAY = 64;
const SPLIT_OBJECT_LEVELS = 2;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== "function";
}

/** Pieces of JSON.stringify(value, null, 2) at indent `level`: large or outer containers are split, the rest is not. */
function* pieces(value: unknown, level: number): Generator<string> {
  const pad = "  ".repeat(level);
  if (Array.isArray(value) && value.length > 0 && (level === 0 || value.length >= SPLIT_ARRAY)) {
    yield "[\n";
    for (let i = 0; i < value.length; i++) {
      yield `${pad}  `;
      const v = value[i];
      if (v === undefined || typeof v === "function" || typeof v === "symbol") yield "null";
      else yield* pieces(v, level + 1);
      yield i < value.length - 1 ? ",\n" : "\n";
    }
    yield `${pad}]`;
    return;
  }
  if (level < SPLIT_OBJECT_LEVELS && isPlainObject(value)) {
    const keys = Object.keys(value).filter((k) => {
      const v = value[k];
      return v !== undefined && typeof v !== "function" && typeof v !== "symbol";
    });
    if (keys.length > 0) {
      yield "{\n";
      for (let i = 0; i < keys.length; i++) {
        yield `${pad}  ${JSON.stringify(keys[i])}: `;
        yield* pieces(value[keys[i]], level + 1);
        yield i < keys.length - 1 ? ",\n" : "\n";
      }
      yield `${pad}}`;
      return;
    }
  }
  const s = JSON.stringify(value, null, 2) ?? "null";
  // (split/join, not a global regex replace: several times faster on many small two-byte strings)
  yield level > 0 && s.indexOf("\n") >= 0 ? s.split("\n").join(`\n${pad}`) : s;
}

/**
 * Writes JSON.stringify(value, null, 2) + "\n" through `write` in slices, awaiting `drain` after each slice.
 * With `writeBytes`, the pieces are encoded as UTF-8 straight into a reused buffer and written as bytes instead:
 * no slice string is built and flattened, which is most of the cost of a large document.
 */
export async function writeJsonStream(
  value: unknown,
  write: (s: string) => void,
  drain?: () => Promise<void>,
  writeBytes?: (b: Uint8Array) => void,
): Promise<void> {
  if (writeBytes) return writeJsonBytes(value, writeBytes, drain);
  let buf = "";
  for (const p of pieces(value, 0)) {
    buf += p;
    if (buf.length >= SLICE) {
      write(buf);
      buf = "";
      if (drain) await drain();
    }
  }
  write(`${buf}\n`);
}

async function writeJsonBytes(value: unknown, writeBytes: (b: Uint8Array) => void, drain?: () => Promise<void>): Promise<void> {
  const enc = new TextEncoder();
  let buf = new Uint8Array(SLICE * 2);
  let used = 0;
  const flush = async (): Promise<void> => {
    // The writer may keep the chunk queued: it is handed over and a fresh buffer taken, never reused.
    writeBytes(buf.subarray(0, used));
    buf = new Uint8Array(buf.length);
    used = 0;
    if (drain) await drain();
  };
  for (const p of pieces(value, 0)) {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (used + p.length * 3 > buf.length) {
      if (used > 0) await flush();
      if (p.length * 3 > buf.length) buf = new Uint8Array(p.length * 3);
    }
    used += enc.encodeInto(p, buf.subarray(used)).written;
    if (used >= SLICE) await flush();
  }
  buf[used++] = 10;
  await flush();
}
