/** @jest-environment jsdom */
import "./setup-dom";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { fakeHost } from "./fake";
import { renderPane } from "./render-pane";

jest.setTimeout(30_000);


describe("focus after the normalise dialog", () => {
  test("cancel returns focus to the normalise button", async () => {
    await renderPane(fakeHost());
    const button = screen.getByRole("button", { name: "表記ゆれを直す…" });
    button.focus();
    fireEvent.click(button);
    const dialog = await screen.findByRole("dialog", { hidden: true });
    const cancel = dialog.querySelector("button") as HTMLButtonElement;
    await act(async () => {
      fireEvent.click(cancel);
    });
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    await waitFor(() => expect(document.activeElement?.textContent).toBe("表記ゆれを直す…"));
  });

  test("apply leaves focus on the normalise button (still focusable, now disabled) rather than on the page", async () => {
    await renderPane(fakeHost());
    const button = screen.getByRole("button", { name: "表記ゆれを直す…" });
    button.focus();
    fireEvent.click(button);
    const dialog = await screen.findByRole("dialog", { hidden: true });
    const apply = [...dialog.querySelectorAll("button")].find((b) => b.textContent === "適用") as HTMLButtonElement;
    await act(async () => {
      fireEvent.click(apply);
    });
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("1 セルの表記ゆれを直しました"));
    await waitFor(() => expect(document.activeElement?.textContent).toBe("表記ゆれを直す…"));
    // nothing is left to normalise: the button is disabled for screen readers but keeps focus
    expect(document.activeElement?.getAttribute("aria-disabled")).toBe("true");
  });
});
