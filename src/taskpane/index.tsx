/**
 * Task pane entry. Inside Excel it talks to the Excel host (src/excel/host.ts, a lazy chunk); opened in a plain
 * browser (outside Office, or without office.js) it runs in browser mode on a file the user opens (the browser host
 * and the .xlsx gateway are another lazy chunk). React and Fluent UI are the main chunk.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import type { ChecklistHost } from "../app/host";
import { Session } from "../app/session";
import { App } from "./App";
import { langFromTag, type Lang } from "./strings";
import { listenForSelfTestKey, selfTestRequested, startSelfTest } from "./self-test";
import { followOfficeTheme, officeBackground, themeFor } from "./theme";

/** Excel: the pane in a Fluent theme that follows Office's theme while the pane is open (when `follow` is set). */
function Themed({ session, lang, initial, follow }: { session: Session; lang: Lang; initial: Theme; follow: boolean }): JSX.Element {
  const [theme, setTheme] = React.useState(initial);
  React.useEffect(() => (follow ? followOfficeTheme((bg) => setTheme(themeFor(bg))) : undefined), [follow]);
  return (
    <FluentProvider theme={theme}>
      <App session={session} lang={lang} />
    </FluentProvider>
  );
}

function mount(host: ChecklistHost, theme: Theme = webLightTheme, follow = false): void {
  const el = document.getElementById("root");
  if (!el) return;
  const session = new Session(host);
  document.documentElement.lang = host.lang;
  createRoot(el).render(<Themed session={session} lang={host.lang} initial={theme} follow={follow} />);
}

/** Where browser mode remembers the chosen display language. */
const LANG_KEY = "tics-check.lang";

function storedLang(): Lang | null {
  try {
    const v = window.localStorage.getItem(LANG_KEY);
    return v === "ja" || v === "en" ? v : null;
  } catch {
    return null; // storage blocked (private mode, file://)
  }
}

function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    // not remembered; the switch still works for this page
  }
}

/** Browser mode follows the system's light/dark setting (prefers-color-scheme), live. */
function useSystemTheme(): Theme {
  const query = typeof window !== "undefined" && window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  const [dark, setDark] = React.useState(query?.matches ?? false);
  React.useEffect(() => {
    if (!query) return;
    const on = (e: MediaQueryListEvent): void => setDark(e.matches);
    query.addEventListener?.("change", on);
    return () => query.removeEventListener?.("change", on);
  }, [query]);
  return dark ? webDarkTheme : webLightTheme;
}

function BrowserRoot({ session, initial }: { session: Session; initial: Lang }): React.ReactElement {
  const [lang, setLang] = React.useState<Lang>(initial);
  const theme = useSystemTheme();
  const change = (next: Lang): void => {
    setLang(next);
    storeLang(next);
    session.host.setLang?.(next);
    document.documentElement.lang = next;
  };
  return (
    <FluentProvider theme={theme}>
      <App session={session} lang={lang} onLangChange={change} />
    </FluentProvider>
  );
}

async function startBrowser(): Promise<void> {
  const lang: Lang = storedLang() ?? langFromTag(typeof navigator !== "undefined" ? navigator.language : null);
  const { createBrowserHost } = await import(/* webpackChunkName: "browser-host" */ "../app/browser-host");
  const el = document.getElementById("root");
  if (!el) return;
  const session = new Session(createBrowserHost(lang));
  document.documentElement.lang = lang;
  createRoot(el).render(<BrowserRoot session={session} initial={lang} />);
}

async function startExcel(): Promise<void> {
  const lang: Lang = langFromTag(Office.context.displayLanguage);
  // The hidden self-test page (「自己診断」, src/taskpane/self-test.tsx): ?selftest, or Ctrl+Alt+Shift+D in the pane.
  if (selfTestRequested()) return startSelfTest(lang, themeFor(officeBackground()));
  listenForSelfTestKey();
  const { createExcelHost } = await import(/* webpackChunkName: "excel-host" */ "../excel/host");
  mount(createExcelHost(lang), themeFor(officeBackground()), true);
}

function showFatal(e: unknown): void {
  const el = document.getElementById("root");
  if (!el) return;
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.textContent = `TICS Check を起動できませんでした / TICS Check could not start: ${e instanceof Error ? e.message : String(e)}`;
  el.replaceChildren(p);
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady((info) => (info.host === Office.HostType.Excel ? startExcel() : startBrowser()).catch(showFatal));
} else {
  startBrowser().catch(showFatal);
}
