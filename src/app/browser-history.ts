/**
 * Browser mode remembers the last checks per file name in IndexedDB, on this device only (nothing is uploaded),
 * so the pane can show the trend there too. 「履歴を消去」 forgets them. The rows are the same HistoryRow the
 * workbook's 「履歴」 sheet holds; every opened file adds one (a check of the file, changed or not).
 */
import type { HistoryRow } from "../core/model";

/** Checks kept per file name (the oldest go first). */
export const REMEMBERED_PER_FILE = 50;

export interface CheckStore {
  /** The remembered rows of a file, oldest first. */
  list(file: string): Promise<HistoryRow[]>;
  /** Adds `row` (one check); returns the rows after. */
  add(file: string, row: HistoryRow): Promise<HistoryRow[]>;
  /** Forgets one file's rows, or every file's when `file` is omitted. */
  clear(file?: string): Promise<void>;
}

function keep(old: HistoryRow[], row: HistoryRow): HistoryRow[] {
  return [...old, row].slice(-REMEMBERED_PER_FILE);
}

/** In memory (tests, and browsers without IndexedDB such as some private modes). */
export function memoryStore(): CheckStore {
  const map = new Map<string, HistoryRow[]>();
  return {
    list: async (file) => [...(map.get(file) ?? [])],
    add: async (file, row) => {
      const rows = keep(map.get(file) ?? [], row);
      map.set(file, rows);
      return [...rows];
    },
    clear: async (file) => {
      if (file === undefined) map.clear();
      else map.delete(file);
    },
  };
}

const DB = "tics-check";
const STORE = "checks";

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function open(idb: IDBFactory): Promise<IDBDatabase> {
  const r = idb.open(DB, 1);
  r.onupgradeneeded = () => {
    if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE);
  };
  return request(r);
}

function isRows(v: unknown): v is HistoryRow[] {
  return Array.isArray(v) && v.every((x) => typeof x === "object" && x !== null && typeof (x as HistoryRow).date === "string");
}

/** IndexedDB store (database 「tics-check」, one record per file name); falls back to memory when unavailable. */
export function indexedDbStore(idb: IDBFactory | undefined = globalThis.indexedDB): CheckStore {
  if (!idb) return memoryStore();
  let db: Promise<IDBDatabase> | null = null;
  const conn = (): Promise<IDBDatabase> => (db ??= open(idb));
  const get = async (file: string): Promise<HistoryRow[]> => {
    const tx = (await conn()).transaction(STORE, "readonly");
    const v: unknown = await request(tx.objectStore(STORE).get(file));
    return isRows(v) ? v : [];
  };
  return {
    list: get,
    add: async (file, row) => {
      const rows = keep(await get(file), row);
      const tx = (await conn()).transaction(STORE, "readwrite");
      await request(tx.objectStore(STORE).put(rows, file));
      return rows;
    },
    clear: async (file) => {
      const tx = (await conn()).transaction(STORE, "readwrite");
      const store = tx.objectStore(STORE);
      await request(file === undefined ? store.clear() : store.delete(file));
    },
  };
}
