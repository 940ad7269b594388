/**
 * Limits on what reading an untrusted .xlsx may cost. Suppliers' files and dropped files are untrusted: whatever a
 * file declares or holds, the reader inflates at most these amounts and stops the moment one is passed (streaming,
 * not after), with an error that names the part and the limit. Browser-safe.
 *
 * The defaults cover any real checklist (a few MB of XML) and the largest real workbooks a user might hold.
 */
export interface ReadLimits {
  /** Inflated size of one part (declared in the zip or actual), bytes. */
  maxPartBytes: number;
  /** Inflated size of all parts read from one file, bytes. */
  maxTotalBytes: number;
  /** Inflated / compressed size of one part, checked once the part has passed `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Entries in the zip's central directory. */
  maxEntries: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxPartBytes: 200 * MiB,
  maxTotalBytes: 256 * MiB,
  maxRatio: 200,
  ratioFloorBytes: 8 * MiB,
  maxEntries: 50000,
});

export function limitsWith(over?: Partial<ReadLimits>): ReadLimits {
  return { ...DEFAULT_LIMITS, ...(over ?? {}) };
}

/** "200 MB" style figure for messages. */
export function sizeText(bytes: number): string {
  if (bytes >= MiB) return `${Math.round((bytes / MiB) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** One line for the pane and the README: what the reader accepts. */
export function limitsSummary(l: ReadLimits = DEFAULT_LIMITS): { ja: string; en: string } {
  return {
    ja: `安全のため、読み込むのはブックが参照する部分だけで、展開後のサイズは 1 部品 ${sizeText(l.maxPartBytes)}・合計 ${sizeText(l.maxTotalBytes)}・圧縮率 ${l.maxRatio} 倍までです。`,
    en: `For safety only the parts the workbook uses are read, up to ${sizeText(l.maxPartBytes)} per part and ${sizeText(l.maxTotalBytes)} in total once inflated, at most ${l.maxRatio}× compression.`,
  };
}
