/** HostError values of the Excel host: Japanese and English, the pane picks one by language. */
import type { HostError } from "../app/host";

export type HostErrorCode = HostError["code"];

const TEXT: Record<HostErrorCode, { ja: string; en: string }> = {
  no_checklist: {
    ja: "チェックリストの表が見つかりませんでした。回答欄（チェック欄）のセルを選択して「選択範囲を回答欄として使う」を押してください。",
    en: "No checklist table was found. Select the answer cells (チェック欄) and press “Use selection as answer cells”.",
  },
  protected: {
    ja: "シート「{sheet}」は保護されているため書き込めません。保護を解除してからもう一度お試しください。何も変更していません。",
    en: "Sheet “{sheet}” is protected, so nothing was written. Unprotect it and try again. Nothing was changed.",
  },
  cell_edit: {
    ja: "セルの編集中のため実行できませんでした。Enter または Esc で編集を終えてから、もう一度お試しください。",
    en: "Excel is in cell-edit mode. Press Enter or Esc to finish editing, then try again.",
  },
  api_unsupported: {
    ja: "この Excel では必要な機能（ExcelApi {version}）が使えません。Microsoft 365 版など新しい Excel でお試しください。何も変更していません。",
    en: "This Excel does not support a required feature (ExcelApi {version}). Please use a newer Excel such as Microsoft 365. Nothing was changed.",
  },
  unreadable: {
    ja: "ブックを読み取れませんでした: {detail}",
    en: "The workbook could not be read: {detail}",
  },
  changed_meanwhile: {
    ja: "セル {cells} の内容がプレビュー後に変わったため、書き換えを中止しました。もう一度チェックしてください。",
    en: "Cell(s) {cells} changed after the preview, so nothing was rewritten. Please check again.",
  },
  unknown: {
    ja: "エラーが発生しました: {detail}",
    en: "An error occurred: {detail}",
  },
};

/** A sheet with the add-in's name that the add-in did not make: never cleared. */
export function notOurs(sheet: string): HostError {
  return {
    code: "unknown",
    message: {
      ja: `シート「${sheet}」は TICS Check が作成したものではないため、上書きしませんでした。シート名を変更してからもう一度お試しください。何も変更していません。`,
      en: `Sheet “${sheet}” was not made by TICS Check, so it was not overwritten. Rename it and try again. Nothing was changed.`,
    },
  };
}

/** 「選択範囲を回答欄として使う」 with several areas selected (Ctrl+click). */
export function multiAreaSelection(): HostError {
  return {
    code: "no_checklist",
    message: {
      ja: "複数の範囲が選択されています。回答欄（チェック欄）のセルを 1 つの連続した範囲として選択し直してから、もう一度「選択範囲を回答欄として使う」を押してください。",
      en: "Several ranges are selected. Select the answer cells (チェック欄) as one continuous range, then press “Use selection as answer cells” again.",
    },
  };
}

/** Workbook structure protection blocks adding a sheet. */
export function workbookProtected(sheet: string): HostError {
  return {
    code: "protected",
    message: {
      ja: `ブックの構成が保護されているため、シート「${sheet}」を追加できません。保護を解除してからもう一度お試しください。何も変更していません。`,
      en: `The workbook structure is protected, so sheet “${sheet}” cannot be added. Unprotect it and try again. Nothing was changed.`,
    },
  };
}

function fill(s: string, params: Record<string, string>): string {
  return s.replace(/\{(\w+)\}/g, (_m, k: string) => params[k] ?? "");
}

export function hostError(code: HostErrorCode, params: Record<string, string> = {}): HostError {
  const t = TEXT[code];
  return { code, message: { ja: fill(t.ja, params), en: fill(t.en, params) } };
}

/** Thrown inside the gateway; the host turns it into a HostError outcome. */
export class GatewayError extends Error {
  readonly error: HostError;
  constructor(error: HostError) {
    super(error.message.en);
    this.error = error;
  }
}

export function fail(code: HostErrorCode, params: Record<string, string> = {}): never {
  throw new GatewayError(hostError(code, params));
}

const CODES = new Set<string>(Object.keys(TEXT));

function isHostError(e: unknown): e is HostError {
  if (!e || typeof e !== "object") return false;
  const o = e as { code?: unknown; message?: { ja?: unknown; en?: unknown } };
  return typeof o.code === "string" && CODES.has(o.code) && typeof o.message?.ja === "string" && typeof o.message?.en === "string";
}

/** A sheet or cell the pane knew is gone (renamed or deleted since the last check). */
export function notFound(): HostError {
  return {
    code: "unknown",
    message: {
      ja: "シートまたはセルが見つかりません（名前の変更や削除の可能性があります）。何も変更していません。もう一度チェックしてください。",
      en: "A sheet or cell could not be found (it may have been renamed or deleted). Nothing was changed. Please check again.",
    },
  };
}

/** Maps anything thrown by Excel.run to a HostError. */
export function toHostError(e: unknown): HostError {
  if (e instanceof GatewayError) return e.error;
  if (isHostError(e)) return e;
  const code = (e as { code?: unknown })?.code;
  const msg = e instanceof Error ? e.message : String(e);
  if (code === "InvalidOperationInCellEditMode" || /cell.?edit/i.test(msg)) return hostError("cell_edit");
  // Excel's message is in the display language: English "protected", Japanese 「保護」.
  if (code === "AccessDenied" || /protect|保護/i.test(msg)) return hostError("protected", { sheet: "" });
  if (code === "ApiNotFound") return hostError("api_unsupported", { version: "" });
  if (code === "ItemNotFound") return notFound();
  return hostError("unknown", { detail: msg });
}
