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
