/**
 * Task pane entry. Inside Excel it talks to the Excel host (src/excel/host.ts, a lazy chunk); opened in a plain
 * browser (outside Office, or without office.js) it runs in browser mode on a file the user opens (the browser host
 * and the .xlsx gateway are another lazy chunk). React and Fluent UI are the main chunk.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme, type Theme } from "@fluentui/react-components";
import type { ChecklistHost } from "../app/host";
import { Session } from "../app/session";
import { App } from "./App";
import { langFromTag, type Lang } from "./strings";
import { themeFor } from "./theme";

function mount(host: ChecklistHost, theme: Theme = webLightTheme): void {
  const el = document.getElementById("root");
  if (!el) return;
  const session = new Session(host);
  document.documentElement.lang = host.lang;
  createRoot(el).render(
    <FluentProvider theme={theme}>
      <App session={session} lang={host.lang} />
    </FluentProvider>,
  );
}

async function startBrowser(): Promise<void> {
  const lang: Lang = langFromTag(typeof navigator !== "undefined" ? navigator.language : null);
  const { createBrowserHost } = await import(/* webpackChunkName: "browser-host" */ "../app/browser-host");
  mount(createBrowserHost(lang));
}

async function startExcel(): Promise<void> {
  const lang: Lang = langFromTag(Office.context.displayLanguage);
  const { createExcelHost } = await import(/* webpackChunkName: "excel-host" */ "../excel/host");
  mount(createExcelHost(lang), themeFor(officeBackground()));
}

/** Office's own theme background (Office.context.officeTheme; absent on some platforms), or null. */
function officeBackground(): string | null {
  try {
    return Office.context.officeTheme?.bodyBackgroundColor ?? null;
  } catch {
    return null;
  }
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
