import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { THEME_POLL_MS, followOfficeTheme, isDark, themeFor } from "../../src/taskpane/theme";

test("Office's dark body backgrounds give the dark theme; light, unknown or missing give the light one", () => {
  expect(isDark("#262626")).toBe(true);
  expect(isDark("#000")).toBe(true);
  expect(isDark("#FFFFFF")).toBe(false);
  expect(isDark("#e6e6e6")).toBe(false);
  expect(isDark("not a colour")).toBe(false);
  expect(isDark(undefined)).toBe(false);
  expect(themeFor("#1f1f1f")).toBe(webDarkTheme);
  expect(themeFor(null)).toBe(webLightTheme);
});

describe("following Office theme changes (issue 9, point 10)", () => {
  test("where Office accepts an OfficeThemeChanged handler, a change calls back with the new background", () => {
    let handler: (() => void) | null = null;
    const office = {
      context: {
        officeTheme: { bodyBackgroundColor: "#ffffff" },
        document: {
          addHandlerAsync: (_t: unknown, h: () => void, cb?: (r: { status: unknown }) => void) => {
            handler = h;
            cb?.({ status: "succeeded" });
          },
          removeHandlerAsync: jest.fn(),
        },
      },
      EventType: { OfficeThemeChanged: "officeThemeChanged" },
      AsyncResultStatus: { Succeeded: "succeeded" },
    };
    const seen: (string | null)[] = [];
    const stop = followOfficeTheme((bg) => seen.push(bg), office);
    office.context.officeTheme.bodyBackgroundColor = "#262626";
    (handler as unknown as () => void)();
    expect(seen).toEqual(["#262626"]);
    expect(themeFor(seen[0])).toBe(webDarkTheme);
    stop();
    expect(office.context.document.removeHandlerAsync).toHaveBeenCalled();
  });

  test("where it does not (Excel: the event is documented for Outlook), officeTheme is looked at periodically", () => {
    jest.useFakeTimers();
    try {
      const office = {
        context: {
          officeTheme: { bodyBackgroundColor: "#262626" },
          document: { addHandlerAsync: (_t: unknown, _h: () => void, cb?: (r: { status: unknown }) => void) => cb?.({ status: "failed" }) },
        },
        EventType: { OfficeThemeChanged: "officeThemeChanged" },
        AsyncResultStatus: { Succeeded: "succeeded" },
      };
      const seen: (string | null)[] = [];
      const stop = followOfficeTheme((bg) => seen.push(bg), office);
      jest.advanceTimersByTime(THEME_POLL_MS * 2);
      expect(seen).toEqual([]);
      office.context.officeTheme.bodyBackgroundColor = "#ffffff";
      jest.advanceTimersByTime(THEME_POLL_MS);
      expect(seen).toEqual(["#ffffff"]);
      stop();
      office.context.officeTheme.bodyBackgroundColor = "#000000";
      jest.advanceTimersByTime(THEME_POLL_MS * 3);
      expect(seen).toEqual(["#ffffff"]);
    } finally {
      jest.useRealTimers();
    }
  });
});
