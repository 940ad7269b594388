/** @jest-environment jsdom */
import "./setup-dom";
import * as React from "react";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { ModalDialog, tabbables } from "../../src/taskpane/components/ModalDialog";
import { fakeHost } from "./fake";
import { renderPane } from "./render-pane";

function Harness(): React.ReactElement {
  const [open, setOpen] = React.useState(false);
  const [closed, setClosed] = React.useState(0);
  const close = (): void => {
    setOpen(false);
    setClosed((n) => n + 1);
  };
  return (
    <FluentProvider theme={webLightTheme}>
      <button onClick={() => setOpen(true)}>開く</button>
      <span data-testid="closed">{closed}</span>
      <ModalDialog
        open={open}
        onClose={close}
        title="題"
        describedBy="intro"
        testId="dlg"
        actions={
          <>
            <button>一</button>
            <button disabled>無効</button>
            <button onClick={close}>閉じる</button>
          </>
        }
      >
        <p id="intro">説明</p>
        <input aria-label="入力" />
      </ModalDialog>
    </FluentProvider>
  );
}

describe("ModalDialog (the pane's dialogs on the native <dialog>)", () => {
  test("nothing is rendered while closed; open: a labelled, described modal dialog", () => {
    render(<Harness />);
    expect(screen.queryByTestId("dlg")).toBeNull();
    fireEvent.click(screen.getByText("開く"));
    const dlg = screen.getByTestId("dlg");
    expect(dlg.tagName).toBe("DIALOG");
    expect(dlg.hasAttribute("open")).toBe(true);
    expect(dlg.getAttribute("aria-modal")).toBe("true");
    expect(document.getElementById(dlg.getAttribute("aria-labelledby")!)?.textContent).toBe("題");
    expect(dlg.getAttribute("aria-describedby")).toBe("intro");
  });

  test("Tab and Shift+Tab cycle inside; Escape closes; focus goes back to the opener", () => {
    render(<Harness />);
    const opener = screen.getByText("開く");
    opener.focus();
    fireEvent.click(opener);
    const dlg = screen.getByTestId("dlg");
    const stops = tabbables(dlg);
    // the scrolling content region, the input, 一 and 閉じる (the disabled button is skipped)
    expect(stops.map((e) => e.getAttribute("role") ?? e.getAttribute("aria-label") ?? e.textContent)).toEqual(["region", "入力", "一", "閉じる"]);
    // focus starts inside
    expect(dlg.contains(document.activeElement)).toBe(true);
    stops[stops.length - 1].focus();
    fireEvent.keyDown(dlg, { key: "Tab" });
    expect(document.activeElement).toBe(stops[0]);
    fireEvent.keyDown(dlg, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(stops[stops.length - 1]);
    // in between, Tab is left to the browser
    stops[1].focus();
    const ev = new KeyboardEvent("keydown", { key: "Tab", bubbles: true, cancelable: true });
    stops[1].dispatchEvent(ev);
    expect(ev.defaultPrevented).toBe(false);
    act(() => {
      fireEvent.keyDown(stops[1], { key: "Escape" });
    });
    expect(screen.queryByTestId("dlg")).toBeNull();
    expect(screen.getByTestId("closed").textContent).toBe("1");
    expect(document.activeElement).toBe(opener);
  });

  test("the pane with a dialog open has no focus sentinels (tabster's aria-hidden focusable <i>) anywhere", async () => {
    await renderPane(fakeHost());
    fireEvent.click(screen.getByRole("button", { name: "表記ゆれを直す…" }));
    await screen.findByRole("dialog", { hidden: true });
    expect(document.querySelectorAll("[data-tabster-dummy]")).toHaveLength(0);
    expect([...document.querySelectorAll("[aria-hidden='true']")].filter((e) => tabbables(document.body).some((t) => e === t || e.contains(t)))).toEqual([]);
  });
});
