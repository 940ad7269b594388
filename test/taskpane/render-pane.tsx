import { render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { ChecklistHost } from "../../src/app/host";
import { Session } from "../../src/app/session";
import { App } from "../../src/taskpane/App";

/** Renders the pane over `host` in Fluent's provider; over an Excel host, waits until the first check is shown. */
export async function renderPane(host: ChecklistHost): Promise<Session> {
  const session = new Session(host);
  render(
    <FluentProvider theme={webLightTheme}>
      <App session={session} lang={host.lang} />
    </FluentProvider>,
  );
  if (host.kind === "excel") await screen.findByTestId("problems");
  return session;
}
