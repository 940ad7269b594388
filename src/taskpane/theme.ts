/**
 * Fluent theme for the pane: dark when Office's own theme has a dark body background (Excel's dark/black themes),
 * light otherwise (and in the browser mode).
 */
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

/** True when a #rrggbb / #rgb colour is dark (relative luminance below 0.4); false when unknown. */
export function isDark(colour: string | null | undefined): boolean {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((colour ?? "").trim());
  if (!m) return false;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (v: number): number => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b) < 0.4;
}

export function themeFor(officeBodyBackground: string | null | undefined): Theme {
  return isDark(officeBodyBackground) ? webDarkTheme : webLightTheme;
}

/** How often the theme is looked at where Office sends no change event (reading a local property; no Excel call). */
export const THEME_POLL_MS = 2000;

interface OfficeLike {
  context?: {
    officeTheme?: { bodyBackgroundColor?: string } | null;
    document?: {
      addHandlerAsync?: (type: unknown, handler: () => void, callback?: (r: { status: unknown }) => void) => void;
      removeHandlerAsync?: (type: unknown, options: { handler: () => void }) => void;
    };
  };
  EventType?: { OfficeThemeChanged?: unknown };
  AsyncResultStatus?: { Succeeded?: unknown };
}

/** Office's own theme background now (Office.context.officeTheme; absent on some platforms, e.g. office-js#6134), or null. */
export function officeBackground(office: OfficeLike | undefined = (globalThis as { Office?: OfficeLike }).Office): string | null {
  try {
    return office?.context?.officeTheme?.bodyBackgroundColor ?? null;
  } catch {
    return null;
  }
}

/**
 * Follows Office theme changes: `Office.EventType.OfficeThemeChanged` where the host accepts a handler for it (the
 * typings document it for Outlook; other hosts report a failure), otherwise by looking at
 * `Office.context.officeTheme` every THEME_POLL_MS (it updates in place on the hosts that support it). Calls
 * `onChange` with the new background when it differs. Returns the unsubscribe function.
 */
export function followOfficeTheme(onChange: (background: string | null) => void, office: OfficeLike | undefined = (globalThis as { Office?: OfficeLike }).Office): () => void {
  let last = officeBackground(office);
  const look = (): void => {
    const now = officeBackground(office);
    if (now !== last) {
      last = now;
      onChange(now);
    }
  };
  let timer: ReturnType<typeof setInterval> | null = null;
  const poll = (): void => {
    if (!timer) timer = setInterval(look, THEME_POLL_MS);
  };
  const doc = office?.context?.document;
  const type = office?.EventType?.OfficeThemeChanged;
  let handled = false;
  if (doc?.addHandlerAsync && type !== undefined) {
    try {
      doc.addHandlerAsync(type, look, (r) => {
        handled = r.status === (office?.AsyncResultStatus?.Succeeded ?? "succeeded");
        if (!handled) poll();
      });
    } catch {
      poll();
    }
  } else {
    poll();
  }
  return () => {
    if (timer) clearInterval(timer);
    timer = null;
    if (handled) {
      try {
        doc?.removeHandlerAsync?.(type, { handler: look });
      } catch {
        // the pane is closing
      }
    }
  };
}
