/**
 * Task pane entry. Inside Excel it talks to the Excel host (src/excel/host.ts, a lazy chunk); opened in a plain
 * browser (outside Office, or without office.js) it runs in browser mode on a file the user opens (the browser host
 * and the .xlsx gateway are another lazy chunk). React and Fluent UI are the main chunk.
 */
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme, type Theme } from "@fluentui/react-components";
import type { ChecklistHost } from "../app/host";
import { Session } from "../app/session";
import { App } from "./App";
import { langFromTag, type Lang } from "./strings";
import { listenForSelfTestKey, selfTestRequested, startSelfTest } from "./self-test";
import { followOfficeTheme, officeBackground, themeFor } from "./theme";

/** The pane in a Fluent theme that follows Office's theme while the pane is open (when `follow` is set). */
function Themed({ session, lang, initial, follow }: { session: Session; lang: Lang; initial: Theme; follow: boolean }): JSX.Element {
  const [theme, setTheme] = useState(initial);
  useEffect(() => (follow ? followOfficeTheme((bg) => setTheme(themeFor(bg))) : undefined), [follow]);
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

async function startBrowser(): Promise<void> {
  const lang: Lang = langFromTag(typeof navigator !== "undefined" ? navigator.language : null);
  const { createBrowserHost } = await import(/* webpackChunkName: "browser-host" */ "../app/browser-host");
  mount(createBrowserHost(lang));
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
