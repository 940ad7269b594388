/**
 * The pane's modal dialog (item detail, normalise preview), on the browser's own <dialog> element.
 *
 * Why not Fluent UI's Dialog: its focus trap is tabster's Modalizer, and with the focus manager Fluent configures
 * (controlTab: false) creating the Modalizer API makes tabster add focus sentinels at the start and end of <body>
 * (<i data-tabster-dummy tabindex=0 aria-hidden=true>), plus two more around an open dialog's surface. They exist as
 * soon as a Dialog is mounted, open or not, and stay for the page's life. Focusable yet hidden from assistive
 * technology, they are what axe reports as aria-hidden-focus, and they cannot be configured away.
 *
 * `showModal()` gives what the Modalizer gave, natively: the dialog sits in the top layer, everything outside it is
 * inert (neither focusable, clickable nor in the accessibility tree, like aria-modal), and Escape sends a `cancel`
 * event, handled here as a close. Two things are added by hand: Tab and Shift+Tab cycle inside the dialog (the
 * browser would otherwise move on to its own toolbar after the last control), and on close focus goes back to the
 * element that had it when the dialog opened (the button that opened it). Where `showModal` is missing (jsdom, old
 * WebKit) the dialog is shown with the `open` attribute and the same keyboard handling, and takes focus itself.
 *
 * Rendered only while open, so a closed dialog leaves nothing in the page.
 */
import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  surface: {
    boxSizing: "border-box",
    width: "calc(100vw - 32px)",
    maxWidth: "600px",
    maxHeight: "calc(100vh - 32px)",
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    overflow: "hidden",
    padding: tokens.spacingHorizontalXXL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    borderRadius: tokens.borderRadiusXLarge,
    boxShadow: tokens.shadow64,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    "::backdrop": { backgroundColor: "rgba(0, 0, 0, 0.4)" },
  },
  /** Without showModal: centred over the page, above it. */
  fallback: { position: "fixed", inset: 0, margin: "auto", height: "fit-content", zIndex: 1000 },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  content: {
    flexGrow: 1,
    flexShrink: 1,
    minHeight: 0,
    overflowY: "auto",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  actions: { display: "flex", flexWrap: "wrap", justifyContent: "flex-end", gap: tokens.spacingHorizontalS, paddingTop: tokens.spacingVerticalL },
});

export interface ModalDialogProps {
  /** Shown while true; nothing is rendered while false. */
  open: boolean;
  /** Escape, or a button of the caller's: the caller closes the dialog by setting `open` to false. */
  onClose: () => void;
  title: React.ReactNode;
  /** id of the element describing the dialog (its intro or the item text). */
  describedBy?: string;
  /** id of the element naming the scrolling content region. */
  contentLabelledBy?: string;
  testId?: string;
  /** The content; it scrolls when long, and takes focus so keyboard users can scroll it. */
  children: React.ReactNode;
  /** The buttons at the bottom. */
  actions: React.ReactNode;
}

const TABBABLE = "a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable='true']";

/** The elements Tab stops at inside `root`, in order (no layout needed, so it also works in jsdom). */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      !(el as HTMLButtonElement).disabled &&
      !(el instanceof HTMLInputElement && el.type === "hidden") &&
      !el.closest("[hidden], [inert], [aria-hidden='true']"),
  );
}

export function ModalDialog(props: ModalDialogProps): React.ReactElement | null {
  return props.open ? <OpenDialog {...props} /> : null;
}

function OpenDialog({ onClose, title, describedBy, contentLabelledBy, testId, children, actions }: ModalDialogProps): React.ReactElement {
  const styles = useStyles();
  const ref = React.useRef<HTMLDialogElement>(null);
  const titleId = React.useId();
  const close = React.useRef(onClose);
  close.current = onClose;
  const native = typeof HTMLDialogElement !== "undefined" && typeof HTMLDialogElement.prototype.showModal === "function";

  React.useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return undefined;
    const opener = dialog.ownerDocument.activeElement instanceof HTMLElement ? dialog.ownerDocument.activeElement : null;
    const onCancel = (e: Event): void => {
      e.preventDefault();
      close.current();
    };
    dialog.addEventListener("cancel", onCancel);
    if (native) {
      // Focuses the first focusable element inside (the browser's dialog focusing steps).
      if (!dialog.open) dialog.showModal();
    } else {
      dialog.setAttribute("open", "");
      (tabbables(dialog)[0] ?? dialog).focus();
    }
    return () => {
      dialog.removeEventListener("cancel", onCancel);
      // Close first: while the dialog is modal the rest of the page is inert and could not take focus back.
      if (native && dialog.open) dialog.close();
      if (opener && opener.isConnected) opener.focus();
    };
  }, [native]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDialogElement>): void => {
    if (e.key === "Escape") {
      e.preventDefault();
      close.current();
      return;
    }
    if (e.key !== "Tab") return;
    // Tab cycles inside: from the last control back to the first, Shift+Tab from the first to the last.
    const dialog = e.currentTarget;
    const stops = tabbables(dialog);
    if (stops.length === 0) {
      e.preventDefault();
      return;
    }
    const active = dialog.ownerDocument.activeElement;
    const first = stops[0];
    const last = stops[stops.length - 1];
    const inside = active instanceof HTMLElement && dialog.contains(active) && active !== dialog;
    if (e.shiftKey && (!inside || active === first)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (!inside || active === last)) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    // A native <dialog> opened with showModal() (see the note at the top); jsx-a11y cannot see that it is modal.
    <dialog
      ref={ref}
      className={mergeClasses(styles.surface, !native && styles.fallback)}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      data-testid={testId}
      onKeyDown={onKeyDown}
    >
      <h2 id={titleId} className={styles.title}>
        {title}
      </h2>
      <div className={styles.content} tabIndex={0} role="region" aria-labelledby={contentLabelledBy ?? titleId}>
        {children}
      </div>
      <div className={styles.actions}>{actions}</div>
    </dialog>
  );
}
